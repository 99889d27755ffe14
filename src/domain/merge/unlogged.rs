//! Whether a merge writes a change its history does not record (`MergePlan::unlogged`):
//! the sync's change log is the history, so such a write makes the next push build every
//! document (`app::sync`).

use super::dataset::*;
use super::MergePlan;
use crate::domain::sync::Record;

impl MergePlan {
    /// Sets [`MergePlan::unlogged`]: whether a record, mark or value it writes differs
    /// from `local`'s without a history entry of that edit, here or among what it writes
    /// (data written by an app before values travelled with their history, or loaded as a
    /// whole). Only what is written is looked at, each against its own record here.
    pub(super) fn with_unlogged(mut self, local: &Dataset) -> Self {
        use crate::domain::sync::Stamp;
        use std::collections::{HashMap, HashSet};
        let w = &self.writes;
        let new: HashSet<(&str, &Stamp)> = w
            .history
            .iter()
            .map(|h| (h.record_key.as_str(), &h.stamp))
            .collect();
        let mut here: HashMap<&str, Vec<&Stamp>> = HashMap::new();
        for h in &local.history {
            here.entry(h.record_key.as_str())
                .or_default()
                .push(&h.stamp);
        }
        let logged = |key: &str, s: &Stamp| {
            new.contains(&(key, s)) || here.get(key).is_some_and(|l| l.contains(&s))
        };
        fn records<T>(
            written: &[Record<T>],
            local: &[Record<T>],
            target: fn(&str) -> crate::domain::history::EditTarget,
            logged: &impl Fn(&str, &Stamp) -> bool,
        ) -> bool {
            if written.is_empty() {
                return false;
            }
            let before: HashMap<&str, &Stamp> =
                local.iter().map(|r| (r.id.as_str(), &r.stamp)).collect();
            written.iter().any(|r| {
                before.get(r.id.as_str()) != Some(&&r.stamp)
                    && !logged(&target(&r.id).record_key(), &r.stamp)
            })
        }
        let assessments = || {
            if w.assessments.is_empty() {
                return false;
            }
            let before: HashMap<String, &crate::domain::assessment::Assessment> =
                local.assessments.iter().map(|a| (a.id(), a)).collect();
            w.assessments.iter().any(|a| {
                let old = before.get(&a.id());
                let marks = a.marks.iter().any(|(c, v)| {
                    old.and_then(|o| o.marks.get(c)).map(|x| &x.stamp) != Some(&v.stamp)
                        && !logged(&mark_key(a, c), &v.stamp)
                });
                marks
                    || a.values.iter().any(|(c, v)| {
                        old.and_then(|o| o.values.get(c)).map(|x| &x.stamp) != Some(&v.stamp)
                            && !logged(&value_key(a, c), &v.stamp)
                    })
            })
        };
        self.unlogged = records(&w.units, &local.units, unit_target, &logged)
            || records(
                &w.ocop_products,
                &local.ocop_products,
                product_target,
                &logged,
            )
            || records(&w.ocop_ratings, &local.ocop_ratings, rating_target, &logged)
            || records(&w.plans, &local.plans, plan_target, &logged)
            || records(&w.sets, &local.sets, set_target, &logged)
            || records(
                &w.recognitions,
                &local.recognitions,
                recognition_target,
                &logged,
            )
            || records(&w.quantities, &local.quantities, quantity_target, &logged)
            || records(&w.resources, &local.resources, resource_target, &logged)
            || assessments();
        self
    }
}
