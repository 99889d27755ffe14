//! Applying a merge plan to data held in memory (tests, the in-memory device).

use super::{Dataset, MergePlan};
use crate::domain::sync::Record;

/// Applies a plan to an in-memory dataset, as the store applies it to IndexedDB.
pub fn apply(local: &mut Dataset, plan: &MergePlan) {
    fn upsert<T: Clone>(rows: &mut Vec<Record<T>>, new: &[Record<T>]) {
        for r in new {
            match rows.iter_mut().find(|x| x.id == r.id) {
                Some(x) => *x = r.clone(),
                None => rows.push(r.clone()),
            }
        }
    }
    let w = &plan.writes;
    upsert(&mut local.units, &w.units);
    upsert(&mut local.ocop_products, &w.ocop_products);
    upsert(&mut local.ocop_ratings, &w.ocop_ratings);
    upsert(&mut local.plans, &w.plans);
    upsert(&mut local.sets, &w.sets);
    upsert(&mut local.recognitions, &w.recognitions);
    upsert(&mut local.quantities, &w.quantities);
    upsert(&mut local.resources, &w.resources);
    for a in &w.assessments {
        match local.assessments.iter_mut().find(|x| x.id() == a.id()) {
            Some(x) => *x = a.clone(),
            None => local.assessments.push(a.clone()),
        }
    }
    local.history.extend(w.history.iter().cloned());
}
