//! What a device holds or a file carries, and the names of its values (history keys).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::assessment::Assessment;
use crate::domain::criteria::CriteriaSet;
use crate::domain::history::{EditTarget, HistoryEntry, RecordBody};
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::recognition::Recognition;
use crate::domain::resources::{Quantity, ResourceEntry};
use crate::domain::sync::{Hlc, Record, Stamp};
use crate::domain::units::Unit;

/// Everything a device holds, or a file carries: the records, the assessments and the
/// history of edits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    #[serde(default)]
    pub units: Vec<Record<Unit>>,
    #[serde(default)]
    pub ocop_products: Vec<Record<Product>>,
    #[serde(default)]
    pub ocop_ratings: Vec<Record<Rating>>,
    #[serde(default)]
    pub plans: Vec<Record<Plan>>,
    /// Custom criteria sets, one record per version (id `CODE@version`).
    #[serde(default)]
    pub sets: Vec<Record<CriteriaSet>>,
    /// Steps towards recognition (file schema 3 and later).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recognitions: Vec<Record<Recognition>>,
    /// Quantities a province added to the built-in resources list (schema 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<Record<Quantity>>,
    /// Resource and works figures, one per unit, period and quantity (schema 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Record<ResourceEntry>>,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

impl Dataset {
    /// Whether it holds nothing at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many records, assessments and history entries it holds (rows to write).
    pub fn len(&self) -> usize {
        self.units.len()
            + self.ocop_products.len()
            + self.ocop_ratings.len()
            + self.plans.len()
            + self.sets.len()
            + self.recognitions.len()
            + self.quantities.len()
            + self.resources.len()
            + self.assessments.len()
            + self.history.len()
    }

    /// The greatest clock reading in it (the receiving device's clock observes it).
    pub fn max_hlc(&self) -> Option<Hlc> {
        let records = self
            .units
            .iter()
            .map(|r| r.stamp.hlc)
            .chain(self.ocop_products.iter().map(|r| r.stamp.hlc))
            .chain(self.ocop_ratings.iter().map(|r| r.stamp.hlc))
            .chain(self.plans.iter().map(|r| r.stamp.hlc))
            .chain(self.sets.iter().map(|r| r.stamp.hlc))
            .chain(self.recognitions.iter().map(|r| r.stamp.hlc))
            .chain(self.quantities.iter().map(|r| r.stamp.hlc))
            .chain(self.resources.iter().map(|r| r.stamp.hlc));
        let values = self.assessments.iter().flat_map(|a| {
            a.marks
                .values()
                .map(|v| v.stamp.hlc)
                .chain(a.values.values().map(|v| v.stamp.hlc))
        });
        let history = self.history.iter().map(|h| h.stamp.hlc);
        records.chain(values).chain(history).max()
    }

    /// The current value and stamp of every value, by history record key.
    pub fn current_values(&self) -> BTreeMap<String, (Value, Stamp)> {
        let mut out = BTreeMap::new();
        fn records<T: Serialize + Clone>(
            out: &mut BTreeMap<String, (Value, Stamp)>,
            rows: &[Record<T>],
            target: fn(&str) -> EditTarget,
        ) {
            for r in rows {
                out.insert(target(&r.id).record_key(), (body_json(r), r.stamp.clone()));
            }
        }
        records(&mut out, &self.units, unit_target);
        records(&mut out, &self.ocop_products, product_target);
        records(&mut out, &self.ocop_ratings, rating_target);
        records(&mut out, &self.plans, plan_target);
        records(&mut out, &self.sets, set_target);
        records(&mut out, &self.recognitions, recognition_target);
        records(&mut out, &self.quantities, quantity_target);
        records(&mut out, &self.resources, resource_target);
        for a in &self.assessments {
            for (code, v) in &a.marks {
                out.insert(
                    mark_target(a, code).record_key(),
                    (to_json(&v.value), v.stamp.clone()),
                );
            }
            for (code, v) in &a.values {
                out.insert(
                    value_target(a, code).record_key(),
                    (to_json(&v.value), v.stamp.clone()),
                );
            }
        }
        out
    }

    /// Sorts everything into a canonical order (for comparing devices and stable files).
    pub fn sort(&mut self) {
        self.units.sort_by(|a, b| a.id.cmp(&b.id));
        self.ocop_products.sort_by(|a, b| a.id.cmp(&b.id));
        self.ocop_ratings.sort_by(|a, b| a.id.cmp(&b.id));
        self.plans.sort_by(|a, b| a.id.cmp(&b.id));
        self.sets.sort_by(|a, b| a.id.cmp(&b.id));
        self.recognitions.sort_by(|a, b| a.id.cmp(&b.id));
        self.quantities.sort_by(|a, b| a.id.cmp(&b.id));
        self.resources.sort_by(|a, b| a.id.cmp(&b.id));
        self.assessments.sort_by_key(|a| a.id());
        self.history.sort_by_key(edit_id);
    }
}

pub(super) fn to_json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// A record as its history entries keep it (`RecordBody`).
pub fn body_json<T: Serialize + Clone>(r: &Record<T>) -> Value {
    to_json(&RecordBody {
        data: r.data.clone(),
        archived: r.archived,
    })
}

pub fn unit_target(id: &str) -> EditTarget {
    EditTarget::Unit { id: id.into() }
}
pub fn product_target(id: &str) -> EditTarget {
    EditTarget::OcopProduct { id: id.into() }
}
pub fn rating_target(id: &str) -> EditTarget {
    EditTarget::OcopRating { id: id.into() }
}
pub fn plan_target(id: &str) -> EditTarget {
    EditTarget::Plan { id: id.into() }
}
pub fn set_target(id: &str) -> EditTarget {
    EditTarget::CriteriaSet { id: id.into() }
}
pub fn recognition_target(id: &str) -> EditTarget {
    EditTarget::Recognition { id: id.into() }
}
pub fn quantity_target(id: &str) -> EditTarget {
    EditTarget::Quantity { id: id.into() }
}
pub fn resource_target(id: &str) -> EditTarget {
    EditTarget::Resource { id: id.into() }
}
pub(super) fn mark_target(a: &Assessment, code: &str) -> EditTarget {
    EditTarget::Mark {
        assessment: a.id(),
        criterion: code.into(),
    }
}
pub(super) fn value_target(a: &Assessment, code: &str) -> EditTarget {
    EditTarget::Value {
        assessment: a.id(),
        indicator: code.into(),
    }
}

/// The history key of an assessment's mark (also its document's id when syncing).
pub fn mark_key(a: &Assessment, criterion: &str) -> String {
    mark_target(a, criterion).record_key()
}

/// The history key of an assessment's indicator value.
pub fn value_key(a: &Assessment, indicator: &str) -> String {
    value_target(a, indicator).record_key()
}

/// What identifies one edit of one value: the same edit arriving twice is kept once.
pub type EditId = (String, Hlc, String);

pub fn edit_id(e: &HistoryEntry) -> EditId {
    (e.record_key.clone(), e.stamp.hlc, e.stamp.device.clone())
}

pub(super) fn same_edit(a: &Stamp, b: &Stamp) -> bool {
    a.order_key() == b.order_key()
}
