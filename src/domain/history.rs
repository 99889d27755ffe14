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
        self.old == self.new
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
}
