//! Edits and their history. Every edit names what it changed (`EditTarget`), the value
//! before and after, and its stamp; undo and "restore this value" are new edits that set
//! an earlier value again, so they travel and merge like any other edit.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::sync::Stamp;

/// What an edit changed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum EditTarget {
    /// A criterion's direct mark in one assessment.
    Mark {
        assessment: String,
        criterion: String,
    },
    /// An indicator value in one assessment.
    Value {
        assessment: String,
        indicator: String,
    },
    Unit {
        id: String,
    },
    OcopProduct {
        id: String,
    },
    OcopRating {
        id: String,
    },
    Plan {
        id: String,
    },
    CriteriaSet {
        id: String,
    },
    /// A step towards recognition (registration, appraisal, decision, withdrawal).
    Recognition {
        id: String,
    },
    /// A quantity a province added to the resources list.
    Quantity {
        id: String,
    },
    /// A quantity's value for one unit and period.
    Resource {
        id: String,
    },
}

impl EditTarget {
    /// The key history entries are indexed by: all edits of one thing share it.
    pub fn record_key(&self) -> String {
        match self {
            EditTarget::Mark {
                assessment,
                criterion,
            } => format!("{assessment}#mark:{criterion}"),
            EditTarget::Value {
                assessment,
                indicator,
            } => format!("{assessment}#value:{indicator}"),
            EditTarget::Unit { id } => format!("unit#{id}"),
            EditTarget::OcopProduct { id } => format!("ocop-product#{id}"),
            EditTarget::OcopRating { id } => format!("ocop-rating#{id}"),
            EditTarget::Plan { id } => format!("plan#{id}"),
            EditTarget::CriteriaSet { id } => format!("set#{id}"),
            EditTarget::Recognition { id } => format!("recognition#{id}"),
            EditTarget::Quantity { id } => format!("quantity#{id}"),
            EditTarget::Resource { id } => format!("resource#{id}"),
        }
    }
}

/// One edit as kept in the history: who, when, which device, old → new.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    pub record_key: String,
    pub target: EditTarget,
    /// The value before (`None`: there was none).
    pub old: Option<Value>,
    pub new: Option<Value>,
    pub stamp: Stamp,
    /// Set when this edit undid or restored an earlier one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverts: Option<Stamp>,
    /// The edits of this same value that the editing device knew as current when it made
    /// this one (the value shown and any conflicts): this edit supersedes them. `None` for
    /// edits made before files could be exchanged, which were all on one device and so
    /// supersede every earlier edit of the value. See `merge::heads`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Vec<Stamp>>,
}

impl HistoryEntry {
    pub fn new(target: EditTarget, old: Option<Value>, new: Option<Value>, stamp: Stamp) -> Self {
        Self {
            record_key: target.record_key(),
            target,
            old,
            new,
            stamp,
            reverts: None,
            base: Some(Vec::new()),
        }
    }

    /// True when the edit changed nothing (same value written again).
    pub fn is_noop(&self) -> bool {
        same_json_option(self.old.as_ref(), self.new.as_ref())
    }
}

/// Whether two JSON values mean the same data: numbers compare by value, so `80` and
/// `80.0` are equal. A value's JSON changes spelling on its way (IndexedDB gives back
/// integers for whole numbers; exchange files carry RFC 8785 numbers), never meaning.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// [`same_json`] for optional values (absent equals only absent).
pub fn same_json_option(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_json(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// What a record edit's history keeps as old and new values (units, OCOP, plans, sets).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordBody<T> {
    pub data: T,
    pub archived: bool,
}

/// How many of this device's edits can be undone in a row.
pub const UNDO_DEPTH: usize = 50;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sync::Hlc;

    #[test]
    fn record_keys_group_edits_of_one_value() {
        let t = EditTarget::Value {
            assessment: "commune:00001|QD318_2022_XA@1|2024".into(),
            indicator: "3.x1".into(),
        };
        assert_eq!(
            t.record_key(),
            "commune:00001|QD318_2022_XA@1|2024#value:3.x1"
        );
        let stamp = Stamp {
            hlc: Hlc::default(),
            device: "d".into(),
            author: "a".into(),
        };
        let e = HistoryEntry::new(t.clone(), None, Some(serde_json::json!(1)), stamp.clone());
        assert!(!e.is_noop());
        assert!(HistoryEntry::new(
            t,
            Some(serde_json::json!(1)),
            Some(serde_json::json!(1)),
            stamp
        )
        .is_noop());
    }

    #[test]
    fn json_values_compare_by_meaning_not_spelling() {
        let whole: Value =
            serde_json::from_str(r#"{"value":{"type":"number","value":80}}"#).unwrap();
        let float = serde_json::json!({"value": {"type": "number", "value": 80.0}});
        assert_ne!(whole, float, "serde_json tells the spellings apart");
        assert!(same_json(&whole, &float));
        let other = serde_json::json!({"value": {"type": "number", "value": 80.5}});
        assert!(!same_json(&whole, &other));
        let extra = serde_json::json!({"value": {"type": "number", "value": 80.0}, "note": ""});
        assert!(!same_json(&float, &extra) && !same_json(&extra, &float));
        assert!(same_json(
            &serde_json::json!([1, "a"]),
            &serde_json::json!([1.0, "a"])
        ));
        assert!(!same_json(
            &serde_json::json!([1]),
            &serde_json::json!([1, 2])
        ));
        assert!(same_json_option(None, None));
        assert!(!same_json_option(Some(&whole), None));
    }
}
