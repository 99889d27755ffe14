//! Stamps from phones with a wrong date. A value stamped later than the receiving
//! device's clock allows (`sync::CLOCK_TOLERANCE_MS`) is refused line by line: never
//! written and never moving the receiving clock, so a phone a year ahead cannot win every
//! merge for a year. The preview names the phone and its date; once that phone's clock is
//! right again, its app stamps those values anew (`Store::repair_clock`) and they travel.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::dataset::Dataset;
use crate::domain::sync::{Record, Stamp, CLOCK_TOLERANCE_MS};

/// What a file brought from one device stamped too far ahead, for the preview: "máy của
/// … đang để ngày …".
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FutureStamps {
    pub device: String,
    pub author: String,
    /// The latest of its stamps (ms since the epoch): the date its clock says.
    pub latest_ms: u64,
    /// How many records and values were refused.
    pub values: usize,
}

/// The stamps later than `now_ms` plus the tolerance are in the future.
pub fn future_limit(now_ms: u64) -> u64 {
    now_ms.saturating_add(CLOCK_TOLERANCE_MS)
}

/// Whether `s` is later than `limit` (see [`future_limit`]): what is refused.
pub fn is_future(s: &Stamp, limit: u64) -> bool {
    s.hlc.wall_ms > limit
}

/// `incoming` without what is stamped after `limit`, and what that was, by device. Copies
/// the data only when something is in the future.
pub fn split_future(incoming: &Dataset, limit: u64) -> (Cow<'_, Dataset>, Vec<FutureStamps>) {
    let late = |s: &Stamp| is_future(s, limit);
    let any = incoming.units.iter().any(|r| late(&r.stamp))
        || incoming.ocop_products.iter().any(|r| late(&r.stamp))
        || incoming.ocop_ratings.iter().any(|r| late(&r.stamp))
        || incoming.plans.iter().any(|r| late(&r.stamp))
        || incoming.sets.iter().any(|r| late(&r.stamp))
        || incoming.recognitions.iter().any(|r| late(&r.stamp))
        || incoming.quantities.iter().any(|r| late(&r.stamp))
        || incoming.resources.iter().any(|r| late(&r.stamp))
        || incoming.history.iter().any(|h| late(&h.stamp))
        || incoming.assessments.iter().any(|a| {
            a.marks.values().any(|v| late(&v.stamp)) || a.values.values().any(|v| late(&v.stamp))
        });
    if !any {
        return (Cow::Borrowed(incoming), Vec::new());
    }
    let mut by_device: BTreeMap<String, FutureStamps> = BTreeMap::new();
    let mut note = |s: &Stamp| {
        let f = by_device
            .entry(s.device.clone())
            .or_insert_with(|| FutureStamps {
                device: s.device.clone(),
                author: s.author.clone(),
                ..FutureStamps::default()
            });
        if s.hlc.wall_ms >= f.latest_ms {
            f.latest_ms = s.hlc.wall_ms;
            f.author = s.author.clone();
        }
        f.values += 1;
    };
    fn keep<T: Clone>(
        rows: &[Record<T>],
        limit: u64,
        note: &mut impl FnMut(&Stamp),
    ) -> Vec<Record<T>> {
        rows.iter()
            .filter(|r| {
                let ok = r.stamp.hlc.wall_ms <= limit;
                if !ok {
                    note(&r.stamp);
                }
                ok
            })
            .cloned()
            .collect()
    }
    let mut out = Dataset {
        units: keep(&incoming.units, limit, &mut note),
        ocop_products: keep(&incoming.ocop_products, limit, &mut note),
        ocop_ratings: keep(&incoming.ocop_ratings, limit, &mut note),
        plans: keep(&incoming.plans, limit, &mut note),
        sets: keep(&incoming.sets, limit, &mut note),
        recognitions: keep(&incoming.recognitions, limit, &mut note),
        quantities: keep(&incoming.quantities, limit, &mut note),
        resources: keep(&incoming.resources, limit, &mut note),
        ..Dataset::default()
    };
    for a in &incoming.assessments {
        let mut a = a.clone();
        a.marks.retain(|_, v| {
            let ok = v.stamp.hlc.wall_ms <= limit;
            if !ok {
                note(&v.stamp);
            }
            ok
        });
        a.values.retain(|_, v| {
            let ok = v.stamp.hlc.wall_ms <= limit;
            if !ok {
                note(&v.stamp);
            }
            ok
        });
        if !a.marks.is_empty() || !a.values.is_empty() {
            out.assessments.push(a);
        }
    }
    // History of the future is left out too (it names values that are not taken in).
    out.history = incoming
        .history
        .iter()
        .filter(|h| h.stamp.hlc.wall_ms <= limit)
        .cloned()
        .collect();
    (Cow::Owned(out), by_device.into_values().collect())
}

/// What a file made at `now_ms` carries of `content`: everything but what is stamped
/// further ahead than the tolerance — values a clock that ran ahead stamped and the
/// repair has not stamped anew yet, and the history such a clock left (kept on the device
/// after a repair) — and no reference to those stamps in another edit's `base` or
/// `reverts`. Every reader refuses a file with a stamp after its creation, and no receiver
/// takes in those stamps (it refuses them line by line), so leaving them out loses nothing
/// a receiver would keep and lets a repaired phone's files through. Returns what was left
/// out (records, values, history entries).
pub fn for_file(content: &mut Dataset, now_ms: u64) -> usize {
    let limit = future_limit(now_ms);
    let ok = |s: &Stamp| !is_future(s, limit);
    let count = |d: &Dataset| {
        d.len() - d.assessments.len()
            + d.assessments
                .iter()
                .map(|a| a.marks.len() + a.values.len())
                .sum::<usize>()
    };
    let before = count(content);
    content.units.retain(|r| ok(&r.stamp));
    content.ocop_products.retain(|r| ok(&r.stamp));
    content.ocop_ratings.retain(|r| ok(&r.stamp));
    content.plans.retain(|r| ok(&r.stamp));
    content.sets.retain(|r| ok(&r.stamp));
    content.recognitions.retain(|r| ok(&r.stamp));
    content.quantities.retain(|r| ok(&r.stamp));
    content.resources.retain(|r| ok(&r.stamp));
    for a in &mut content.assessments {
        a.marks.retain(|_, v| ok(&v.stamp));
        a.values.retain(|_, v| ok(&v.stamp));
    }
    content.history.retain(|h| ok(&h.stamp));
    for h in &mut content.history {
        if h.reverts.as_ref().is_some_and(|s| !ok(s)) {
            h.reverts = None;
        }
        if let Some(base) = &mut h.base {
            base.retain(|s| ok(s));
        }
    }
    before - count(content)
}

/// Every value of `data` (a record, or a mark or indicator value) stamped after `limit`,
/// with the value as history keeps it: what `Store::repair_clock` stamps anew.
pub fn future_values(
    data: &Dataset,
    limit: u64,
) -> Vec<(crate::domain::history::EditTarget, serde_json::Value)> {
    use super::dataset::*;
    let mut out = Vec::new();
    fn records<T: serde::Serialize + Clone>(
        out: &mut Vec<(crate::domain::history::EditTarget, serde_json::Value)>,
        rows: &[Record<T>],
        target: fn(&str) -> crate::domain::history::EditTarget,
        limit: u64,
    ) {
        for r in rows.iter().filter(|r| r.stamp.hlc.wall_ms > limit) {
            out.push((target(&r.id), body_json(r)));
        }
    }
    records(&mut out, &data.units, unit_target, limit);
    records(&mut out, &data.ocop_products, product_target, limit);
    records(&mut out, &data.ocop_ratings, rating_target, limit);
    records(&mut out, &data.plans, plan_target, limit);
    records(&mut out, &data.sets, set_target, limit);
    records(&mut out, &data.recognitions, recognition_target, limit);
    records(&mut out, &data.quantities, quantity_target, limit);
    records(&mut out, &data.resources, resource_target, limit);
    for a in &data.assessments {
        for (code, v) in a.marks.iter().filter(|(_, v)| v.stamp.hlc.wall_ms > limit) {
            out.push((mark_target(a, code), to_json(&v.value)));
        }
        for (code, v) in a.values.iter().filter(|(_, v)| v.stamp.hlc.wall_ms > limit) {
            out.push((value_target(a, code), to_json(&v.value)));
        }
    }
    out
}

/// Gives a stamp of its own to every edit that shares its stamp (value key, clock reading,
/// device) with another, different edit — what a saturated counter did before readings
/// carried into the wall time — and to the current value that carried it. Such a history
/// made every export of the device be refused ("trùng lặp"). Returns the positions in
/// `data.history` that were changed. Deterministic: the first of each group keeps its
/// stamp, the others take the next readings of their device that nothing uses.
pub fn repair_duplicate_stamps(data: &mut Dataset) -> Vec<usize> {
    use std::collections::BTreeSet;
    let mut used: BTreeSet<(crate::domain::sync::Hlc, String)> = data
        .history
        .iter()
        .map(|h| (h.stamp.hlc, h.stamp.device.clone()))
        .collect();
    let mut first: BTreeMap<super::dataset::EditId, usize> = BTreeMap::new();
    let mut changed = Vec::new();
    for i in 0..data.history.len() {
        let id = super::dataset::edit_id(&data.history[i]);
        let Some(&j) = first.get(&id) else {
            first.insert(id, i);
            continue;
        };
        if crate::domain::history::same_json_option(
            data.history[i].new.as_ref(),
            data.history[j].new.as_ref(),
        ) {
            continue;
        }
        let old = data.history[i].stamp.clone();
        let mut hlc = old.hlc.next();
        while used.contains(&(hlc, old.device.clone())) {
            hlc = hlc.next();
        }
        used.insert((hlc, old.device.clone()));
        let mut stamp = old.clone();
        stamp.hlc = hlc;
        let key = data.history[i].record_key.clone();
        let value = data.history[i].new.clone();
        data.history[i].stamp = stamp.clone();
        changed.push(i);
        restamp_current(data, &key, &old, value.as_ref(), &stamp);
    }
    changed
}

/// Gives the current value with key `key` the stamp `new` if it carries `old` and holds
/// `value`.
fn restamp_current(
    data: &mut Dataset,
    key: &str,
    old: &Stamp,
    value: Option<&serde_json::Value>,
    new: &Stamp,
) {
    use super::dataset::*;
    use crate::domain::history::same_json_option;
    fn records<T: serde::Serialize + Clone>(
        rows: &mut [Record<T>],
        key: &str,
        target: fn(&str) -> crate::domain::history::EditTarget,
        old: &Stamp,
        value: Option<&serde_json::Value>,
        new: &Stamp,
    ) {
        for r in rows.iter_mut() {
            if target(&r.id).record_key() == key
                && r.stamp == *old
                && same_json_option(Some(&body_json(r)), value)
            {
                r.stamp = new.clone();
            }
        }
    }
    records(&mut data.units, key, unit_target, old, value, new);
    records(
        &mut data.ocop_products,
        key,
        product_target,
        old,
        value,
        new,
    );
    records(&mut data.ocop_ratings, key, rating_target, old, value, new);
    records(&mut data.plans, key, plan_target, old, value, new);
    records(&mut data.sets, key, set_target, old, value, new);
    records(
        &mut data.recognitions,
        key,
        recognition_target,
        old,
        value,
        new,
    );
    records(&mut data.quantities, key, quantity_target, old, value, new);
    records(&mut data.resources, key, resource_target, old, value, new);
    for a in data.assessments.iter_mut() {
        let id = a.id();
        if !key.starts_with(&id) {
            continue;
        }
        if let Some(code) = key.strip_prefix(&format!("{id}#mark:")) {
            if let Some(v) = a.marks.get_mut(code) {
                if v.stamp == *old && same_json_option(Some(&to_json(&v.value)), value) {
                    v.stamp = new.clone();
                }
            }
        }
        if let Some(code) = key.strip_prefix(&format!("{id}#value:")) {
            if let Some(v) = a.values.get_mut(code) {
                if v.stamp == *old && same_json_option(Some(&to_json(&v.value)), value) {
                    v.stamp = new.clone();
                }
            }
        }
    }
}
