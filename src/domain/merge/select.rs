//! What an export takes: a scope, and optionally only the edits since a clock reading.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::dataset::*;
use super::dataset::{mark_target, value_target};
use crate::domain::assessment::Assessment;
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::recognition::Recognition;
use crate::domain::resources::ResourceEntry;
use crate::domain::stats::Scope;
use crate::domain::sync::{Hlc, Record, Stamp};
use crate::domain::units::{Unit, UnitRef};

/// What an export covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "code",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum ExportScope {
    /// Everything on the device.
    All,
    /// A province with its communes and their villages.
    Province(String),
    /// A commune with its villages.
    Commune(String),
    /// One village (with any merged into it): what a village head sends his commune.
    Village(String),
    /// One criteria set version ("id@version") and nothing else: what a province or
    /// commune sends the units below so they assess with it.
    Set(String),
}

impl ExportScope {
    /// The code used in file names ("all" for everything).
    pub fn code(&self) -> &str {
        match self {
            ExportScope::All => "all",
            ExportScope::Province(c) | ExportScope::Commune(c) => c,
            ExportScope::Village(_) => "thon",
            ExportScope::Set(_) => "bo-tieu-chi",
        }
    }
}

/// The part of `data` in `scope`, and with `since` only what was edited after it.
/// Custom sets go along when the chosen assessments use them or a chosen commune chose
/// one for its villages (the receiver needs them); a commune or village goes with the
/// records of the units above it, so the receiver can place it.
pub fn select(data: &Dataset, scope: &ExportScope, since: Option<Hlc>) -> Dataset {
    let communes: BTreeSet<&str> = data
        .units
        .iter()
        .filter_map(|u| match &u.data {
            Unit::Commune(c) => Some(c),
            _ => None,
        })
        .filter(|c| match scope {
            ExportScope::All => true,
            ExportScope::Province(p) => &c.province_code == p,
            ExportScope::Commune(code) => &c.code == code,
            ExportScope::Village(_) | ExportScope::Set(_) => false,
        })
        .map(|c| c.code.as_str())
        .collect();
    let village_commune: BTreeMap<&str, &str> = data
        .units
        .iter()
        .filter_map(|u| match &u.data {
            Unit::Village(v) => Some((v.id.as_str(), v.commune_code.as_str())),
            _ => None,
        })
        .collect();
    // A village export: the village and those merged into it.
    let chosen_villages: BTreeSet<String> = match scope {
        ExportScope::Village(id) => {
            let key = UnitRef::Village(id.clone()).key();
            let mut out: BTreeSet<String> = crate::domain::units::kept_villages(&data.units)
                .into_iter()
                .filter(|(_, k)| *k == key)
                .map(|(m, _)| m)
                .collect();
            out.insert(key);
            out
        }
        _ => BTreeSet::new(),
    };
    let unit_in = |r: &UnitRef| -> bool {
        match (scope, r) {
            (ExportScope::All, _) => true,
            (ExportScope::Set(_), _) => false,
            (ExportScope::Village(_), r) => chosen_villages.contains(&r.key()),
            (ExportScope::Province(p), UnitRef::Province(c)) => p == c,
            (_, UnitRef::Commune(c)) => communes.contains(c.as_str()),
            (_, UnitRef::Village(v)) => village_commune
                .get(v.as_str())
                .is_some_and(|c| communes.contains(c)),
            _ => false,
        }
    };
    // The units above the chosen ones, sent as records only.
    let mut above: BTreeSet<String> = BTreeSet::new();
    for u in &data.units {
        if unit_in(&u.data.unit_ref()) {
            if let Some(parent) = u.data.parent() {
                above.insert(parent.key());
                if let Some(Unit::Commune(c)) = data
                    .units
                    .iter()
                    .find(|x| x.id == parent.key())
                    .map(|x| &x.data)
                {
                    above.insert(UnitRef::Province(c.province_code.clone()).key());
                }
            }
        }
    }
    let fresh = |s: &Stamp| since.is_none_or(|t| s.hlc > t);

    let units: Vec<&Record<Unit>> = data
        .units
        .iter()
        .filter(|u| unit_in(&u.data.unit_ref()) || above.contains(&u.id))
        .collect();
    let products: Vec<&Record<Product>> = data
        .ocop_products
        .iter()
        .filter(|p| unit_in(&UnitRef::Commune(p.data.commune_code.clone())))
        .collect();
    let product_ids: BTreeSet<&str> = products.iter().map(|p| p.id.as_str()).collect();
    let ratings: Vec<&Record<Rating>> = data
        .ocop_ratings
        .iter()
        .filter(|r| product_ids.contains(r.data.product_id.as_str()))
        .collect();
    let plans: Vec<&Record<Plan>> = data
        .plans
        .iter()
        .filter(|p| match (&p.data.scope, scope) {
            (_, ExportScope::All) => true,
            (Scope::Province(c), ExportScope::Province(p)) => c == p,
            (Scope::Commune(c), _) => communes.contains(c.as_str()),
            _ => false,
        })
        .collect();
    let assessments: Vec<&Assessment> = data
        .assessments
        .iter()
        .filter(|a| unit_in(&a.key.unit))
        .collect();
    let recognitions: Vec<&Record<Recognition>> = data
        .recognitions
        .iter()
        .filter(|r| unit_in(&r.data.unit))
        .collect();
    let resources: Vec<&Record<ResourceEntry>> = data
        .resources
        .iter()
        .filter(|r| unit_in(&r.data.unit))
        .collect();

    // Every value in scope, by record key: history goes along for exactly these.
    let mut keys: BTreeSet<String> = BTreeSet::new();
    keys.extend(units.iter().map(|r| unit_target(&r.id).record_key()));
    keys.extend(products.iter().map(|r| product_target(&r.id).record_key()));
    keys.extend(ratings.iter().map(|r| rating_target(&r.id).record_key()));
    keys.extend(plans.iter().map(|r| plan_target(&r.id).record_key()));
    keys.extend(
        recognitions
            .iter()
            .map(|r| recognition_target(&r.id).record_key()),
    );
    keys.extend(
        resources
            .iter()
            .map(|r| resource_target(&r.id).record_key()),
    );
    let mut out = Dataset::default();
    for a in &assessments {
        keys.extend(a.marks.keys().map(|c| mark_target(a, c).record_key()));
        keys.extend(a.values.keys().map(|c| value_target(a, c).record_key()));
        let mut part = Assessment::new(a.key.clone());
        part.marks = a
            .marks
            .iter()
            .filter(|(_, v)| fresh(&v.stamp))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        part.values = a
            .values
            .iter()
            .filter(|(_, v)| fresh(&v.stamp))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !part.marks.is_empty() || !part.values.is_empty() {
            out.assessments.push(part);
        }
    }
    let mut used_sets: BTreeSet<String> = out
        .assessments
        .iter()
        .map(|a| a.key.set.to_string())
        .collect();
    used_sets.extend(units.iter().filter_map(|u| match &u.data {
        Unit::Commune(c) => c.village_set.as_ref().map(ToString::to_string),
        _ => None,
    }));
    if let ExportScope::Set(id) = scope {
        used_sets.insert(id.clone());
    }
    // A version goes with the versions it was made from (issue 31): a receiver that missed
    // some still knows which is current, instead of seeing a version it had and this one
    // as parallel.
    let mut todo: Vec<String> = used_sets.iter().cloned().collect();
    while let Some(id) = todo.pop() {
        let Some(set) = data.sets.iter().find(|r| r.id == id) else {
            continue;
        };
        for parent in set.data.parents.iter().flatten() {
            let parent_id = format!("{}@{parent}", set.data.id);
            if used_sets.insert(parent_id.clone()) {
                todo.push(parent_id);
            }
        }
    }
    out.units = units
        .into_iter()
        .filter(|r| fresh(&r.stamp))
        .cloned()
        .collect();
    out.ocop_products = products
        .into_iter()
        .filter(|r| fresh(&r.stamp))
        .cloned()
        .collect();
    out.ocop_ratings = ratings
        .into_iter()
        .filter(|r| fresh(&r.stamp))
        .cloned()
        .collect();
    out.plans = plans
        .into_iter()
        .filter(|r| fresh(&r.stamp))
        .cloned()
        .collect();
    out.recognitions = recognitions
        .into_iter()
        .filter(|r| fresh(&r.stamp))
        .cloned()
        .collect();
    // A province's own quantities go with every file that has resources (the receiver
    // needs their names), and with a whole-device export.
    let used_quantities: BTreeSet<&str> =
        resources.iter().map(|r| r.data.quantity.as_str()).collect();
    out.quantities = data
        .quantities
        .iter()
        .filter(|q| {
            used_quantities.contains(q.id.as_str())
                || (matches!(scope, ExportScope::All) && fresh(&q.stamp))
        })
        .cloned()
        .collect();
    keys.extend(
        out.quantities
            .iter()
            .map(|r| quantity_target(&r.id).record_key()),
    );
    out.resources = resources
        .into_iter()
        .filter(|r| fresh(&r.stamp))
        .cloned()
        .collect();
    out.sets = data
        .sets
        .iter()
        .filter(|s| {
            used_sets.contains(&s.id) || (matches!(scope, ExportScope::All) && fresh(&s.stamp))
        })
        .cloned()
        .collect();
    keys.extend(out.sets.iter().map(|r| set_target(&r.id).record_key()));
    out.history = data
        .history
        .iter()
        .filter(|h| keys.contains(&h.record_key) && fresh(&h.stamp))
        .cloned()
        .collect();
    out.sort();
    out
}

/// The part of `d` that history keys `keys` name, as a sync builds the documents of what
/// changed (`app::sync`): the records of those keys, each assessment with only the marks
/// and values named (an assessment's own id names it with none), every history entry of
/// those keys — and every unit and OCOP product record, which say where the others belong.
pub fn restrict(d: &Dataset, keys: &BTreeSet<String>) -> Dataset {
    fn records<T: Clone>(
        rows: &[crate::domain::sync::Record<T>],
        target: fn(&str) -> crate::domain::history::EditTarget,
        keys: &BTreeSet<String>,
    ) -> Vec<crate::domain::sync::Record<T>> {
        rows.iter()
            .filter(|r| keys.contains(&target(&r.id).record_key()))
            .cloned()
            .collect()
    }
    let assessments = d
        .assessments
        .iter()
        .filter_map(|a| {
            let mut part = Assessment::new(a.key.clone());
            part.marks = a
                .marks
                .iter()
                .filter(|(c, _)| keys.contains(&mark_target(a, c).record_key()))
                .map(|(c, v)| (c.clone(), v.clone()))
                .collect();
            part.values = a
                .values
                .iter()
                .filter(|(c, _)| keys.contains(&value_target(a, c).record_key()))
                .map(|(c, v)| (c.clone(), v.clone()))
                .collect();
            let named = keys.contains(&a.id()) || !part.marks.is_empty() || !part.values.is_empty();
            named.then_some(part)
        })
        .collect();
    Dataset {
        units: d.units.clone(),
        ocop_products: d.ocop_products.clone(),
        ocop_ratings: records(&d.ocop_ratings, rating_target, keys),
        plans: records(&d.plans, plan_target, keys),
        sets: records(&d.sets, set_target, keys),
        recognitions: records(&d.recognitions, recognition_target, keys),
        quantities: records(&d.quantities, quantity_target, keys),
        resources: records(&d.resources, resource_target, keys),
        assessments,
        history: d
            .history
            .iter()
            .filter(|h| keys.contains(&h.record_key))
            .cloned()
            .collect(),
    }
}

/// `d` in two: what `apart` does not name (by history key: a record's, an assessment's,
/// a mark's or value's), and what it does. An assessment goes with its values (each part
/// holds the values it keeps); history goes with the value it edits.
pub fn partition(d: &Dataset, apart: impl Fn(&str) -> bool) -> (Dataset, Dataset) {
    fn records<T: Clone>(
        rows: &[Record<T>],
        target: fn(&str) -> crate::domain::history::EditTarget,
        apart: &impl Fn(&str) -> bool,
    ) -> (Vec<Record<T>>, Vec<Record<T>>) {
        rows.iter()
            .cloned()
            .partition(|r| !apart(&target(&r.id).record_key()))
    }
    let (mut kept, mut set_apart) = (Dataset::default(), Dataset::default());
    (kept.units, set_apart.units) = records(&d.units, unit_target, &apart);
    (kept.ocop_products, set_apart.ocop_products) =
        records(&d.ocop_products, product_target, &apart);
    (kept.ocop_ratings, set_apart.ocop_ratings) = records(&d.ocop_ratings, rating_target, &apart);
    (kept.plans, set_apart.plans) = records(&d.plans, plan_target, &apart);
    (kept.sets, set_apart.sets) = records(&d.sets, set_target, &apart);
    (kept.recognitions, set_apart.recognitions) =
        records(&d.recognitions, recognition_target, &apart);
    (kept.quantities, set_apart.quantities) = records(&d.quantities, quantity_target, &apart);
    (kept.resources, set_apart.resources) = records(&d.resources, resource_target, &apart);
    for a in &d.assessments {
        let (mut k, mut s) = (
            Assessment::new(a.key.clone()),
            Assessment::new(a.key.clone()),
        );
        for (c, v) in &a.marks {
            let part = if apart(&mark_key(a, c)) {
                &mut s
            } else {
                &mut k
            };
            part.marks.insert(c.clone(), v.clone());
        }
        for (c, v) in &a.values {
            let part = if apart(&value_key(a, c)) {
                &mut s
            } else {
                &mut k
            };
            part.values.insert(c.clone(), v.clone());
        }
        let shell_apart = apart(&a.id());
        if !k.marks.is_empty() || !k.values.is_empty() || !shell_apart {
            kept.assessments.push(k);
        }
        if !s.marks.is_empty() || !s.values.is_empty() || shell_apart {
            set_apart.assessments.push(s);
        }
    }
    (kept.history, set_apart.history) = d
        .history
        .iter()
        .cloned()
        .partition(|h| !apart(&h.record_key));
    (kept, set_apart)
}
