//! Merging data that came from another device, value by value.
//!
//! Rules (docs/exchange-format.md explains them to users of the format):
//! - every value (an assessment mark or indicator value, or a whole record: unit, OCOP
//!   product or rating, plan, custom set) carries the stamp of the edit that set it; the
//!   value with the greatest stamp (HLC, then device id) wins. That is commutative,
//!   associative and idempotent, so devices converge whatever order files arrive in;
//! - every edit is kept in the history with `base`: the edits of that value its device
//!   knew when it made it. An edit nobody built on is a *head*; a head that is not the
//!   current value is a *conflict*: a concurrent value that lost. Conflicts are derived
//!   from the history, never stored, so they converge too; any later edit of the value
//!   (e.g. "use this one") lists them in its base and so resolves them;
//! - archiving travels as an edit like any other (a tombstone: the record stays, marked);
//!   a cleared value is a value `None` with its own stamp.

mod apply;
mod clock;
mod conflicts;
mod dataset;
mod plan;
mod select;
mod unlogged;

pub use apply::apply;
pub use clock::*;
pub use conflicts::*;
pub use dataset::*;
pub use plan::*;
pub use select::*;

use conflicts::{by_key, is_superseded};
use dataset::same_edit;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::assessment::Assessment;
use super::criteria::{is_builtin_lineage, CriteriaSet, SetId};
use super::history::{EditTarget, HistoryEntry};
use super::stats::Scope;
use super::sync::{Record, Stamp, Versioned};
use super::units::{name_key, Unit, UnitRef, Village};

/// Decides one incoming value against the local one. `entries`: all history of the value
/// known after the merge.
fn classify<'e>(
    local: Option<(&LineValue, &Stamp)>,
    incoming: (&LineValue, &Stamp),
    entries: impl FnOnce() -> Vec<&'e HistoryEntry>,
) -> LineKind {
    let Some((lv, ls)) = local else {
        return LineKind::New;
    };
    let (iv, is) = incoming;
    // The same edit, or the same value set twice: nothing changes for the user (a newer
    // stamp on an equal value is still written, so devices converge on it).
    if same_edit(ls, is) || lv.same(iv) {
        return LineKind::Unchanged;
    }
    let (winner_is_incoming, loser_stamp) = if is > ls { (true, ls) } else { (false, is) };
    let concurrent = !is_superseded(loser_stamp, &entries());
    match (concurrent, winner_is_incoming) {
        (true, _) => LineKind::Conflict,
        (false, true) => LineKind::Updated,
        (false, false) => LineKind::Older,
    }
}

/// A history entry for a value that has none here (e.g. demo data), made from the value
/// alone so every device makes the same one. Lets a losing value be kept as a conflict.
fn synthetic_entry(target: EditTarget, value: &Value, stamp: &Stamp) -> HistoryEntry {
    HistoryEntry::new(target, None, Some(value.clone()), stamp.clone())
}

/// The state a merge reads: local history by key, plus what the plan adds.
struct MergeState<'a> {
    known: BTreeSet<EditId>,
    added: Vec<HistoryEntry>,
    local_by_key: BTreeMap<&'a str, Vec<&'a HistoryEntry>>,
    incoming_by_key: BTreeMap<&'a str, Vec<&'a HistoryEntry>>,
    lines: Vec<Line>,
    unlisted_new: BTreeMap<Option<String>, usize>,
    counts: Counts,
    /// Values the plan writes (record key → value, stamp) that incoming history touches:
    /// their current values after it.
    written: BTreeMap<String, (Value, Stamp)>,
}

impl<'a> MergeState<'a> {
    fn entries(&self, key: &str) -> Vec<&HistoryEntry> {
        let mut out: Vec<&HistoryEntry> = self.local_by_key.get(key).cloned().unwrap_or_default();
        out.extend(self.incoming_by_key.get(key).cloned().unwrap_or_default());
        out
    }

    /// Decides one value and records the line. Returns whether the incoming value wins.
    fn decide(
        &mut self,
        target: EditTarget,
        unit: Option<String>,
        local: Option<(LineValue, Stamp)>,
        incoming: (LineValue, Stamp),
    ) -> bool {
        let key = target.record_key();
        let kind = classify(
            local.as_ref().map(|(v, s)| (v, s)),
            (&incoming.0, &incoming.1),
            || self.entries(&key),
        );
        let wins = match &local {
            None => true,
            Some((_, ls)) => incoming.1 > *ls,
        };
        let applies = wins
            && !local
                .as_ref()
                .is_some_and(|(_, ls)| same_edit(ls, &incoming.1));
        // Only values with incoming history can reveal a conflict after the merge (below):
        // only theirs are kept (a national file without history would keep 300,000).
        let incoming_copy = (applies && self.incoming_by_key.contains_key(key.as_str()))
            .then(|| (incoming.0.to_json(), incoming.1.clone()));
        if kind == LineKind::Conflict {
            // Keep the loser findable: it needs a history entry to show as a conflict.
            let (lv, ls) = if wins {
                local.clone().expect("a conflict has a local value")
            } else {
                incoming.clone()
            };
            let id = (key.clone(), ls.hlc, ls.device.clone());
            if !self.known.contains(&id) {
                self.known.insert(id);
                self.added
                    .push(synthetic_entry(target.clone(), &lv.to_json(), &ls));
            }
        }
        self.counts.add(kind);
        if kind == LineKind::New && self.counts.new > MAX_NEW_LINES {
            *self.unlisted_new.entry(unit).or_default() += 1;
        } else if kind != LineKind::Unchanged {
            self.lines.push(Line {
                kind,
                target,
                unit,
                local,
                incoming,
                reject: None,
            });
        }
        if let Some(value) = incoming_copy {
            self.written.insert(key, value);
        }
        applies
    }

    fn reject(
        &mut self,
        target: EditTarget,
        unit: Option<String>,
        incoming: (LineValue, Stamp),
        why: RejectReason,
    ) {
        self.counts.add(LineKind::Rejected);
        self.lines.push(Line {
            kind: LineKind::Rejected,
            target,
            unit,
            local: None,
            incoming,
            reject: Some(why),
        });
    }

    /// Merges one kind of record; returns the records to write.
    fn records<T: Serialize + Clone>(
        &mut self,
        local: &[Record<T>],
        incoming: &[Record<T>],
        target: fn(&str) -> EditTarget,
        unit_of: impl Fn(&Record<T>) -> Option<String>,
        refuse: impl Fn(&Record<T>) -> Option<RejectReason>,
    ) -> Vec<Record<T>> {
        let local: BTreeMap<&str, &Record<T>> = local.iter().map(|r| (r.id.as_str(), r)).collect();
        let mut incoming: Vec<&Record<T>> = incoming.iter().collect();
        incoming.sort_by(|a, b| a.id.cmp(&b.id));
        let mut out = Vec::new();
        for r in incoming {
            let t = target(&r.id);
            let inc = (LineValue::Json(body_json(r)), r.stamp.clone());
            if let Some(why) = refuse(r) {
                self.reject(t, unit_of(r), inc, why);
                continue;
            }
            let here = local
                .get(r.id.as_str())
                .map(|l| (LineValue::Json(body_json(l)), l.stamp.clone()));
            if self.decide(t, unit_of(r), here, inc) {
                out.push(r.clone());
            }
        }
        out
    }
}

/// Merges one map of an assessment (its marks or its values) value by value into
/// `merged`; returns whether any incoming value won. `refuse` says why a code cannot be
/// used here (unknown set or code): such values become rejected lines.
#[allow(clippy::too_many_arguments)]
fn merge_entries<T: Clone>(
    state: &mut MergeState<'_>,
    incoming: &BTreeMap<String, Versioned<T>>,
    merged: &mut BTreeMap<String, Versioned<T>>,
    target: impl Fn(&str) -> EditTarget,
    line_value: impl Fn(&T) -> LineValue,
    refuse: impl Fn(&str) -> Option<RejectReason>,
    unit: &Option<String>,
    rejected_keys: &mut BTreeSet<String>,
) -> bool {
    let mut changed = false;
    for (code, v) in incoming {
        let t = target(code);
        let value = (line_value(&v.value), v.stamp.clone());
        if let Some(why) = refuse(code) {
            rejected_keys.insert(t.record_key());
            state.reject(t, unit.clone(), value, why);
            continue;
        }
        let here = merged
            .get(code)
            .map(|l| (line_value(&l.value), l.stamp.clone()));
        if state.decide(t, unit.clone(), here, value) {
            merged.insert(code.clone(), v.clone());
            changed = true;
        }
    }
    changed
}

/// Whether a set version exists on a device holding `local`: built in, or stored. The
/// `known_set` argument of [`plan_merge`] for that device.
pub fn known_set(local: &Dataset) -> impl Fn(&SetId) -> Option<CriteriaSet> + '_ {
    move |id| {
        crate::domain::criteria::builtin_sets()
            .into_iter()
            .find(|s| s.set_id() == *id)
            .or_else(|| {
                local
                    .sets
                    .iter()
                    .find(|r| r.data.set_id() == *id)
                    .map(|r| r.data.clone())
            })
    }
}

/// Plans the import of `incoming` into `local` on a device whose clock reads `now_ms`:
/// [`plan_merge`] of what is not stamped in the future (see `merge::clock`); the rest is
/// refused and reported in `MergePlan::future`.
pub fn plan_merge_at(
    local: &Dataset,
    incoming: &Dataset,
    known_set: impl Fn(&SetId) -> Option<CriteriaSet>,
    now_ms: u64,
) -> MergePlan {
    let (taken, future) = split_future(incoming, future_limit(now_ms));
    let mut plan = plan_merge(local, &taken, known_set);
    plan.counts.rejected += future.iter().map(|f| f.values).sum::<usize>();
    plan.future = future;
    plan
}

/// Plans the import of `incoming` into `local`. `known_set` answers whether a set version
/// exists here (built-in or stored); sets carried by the file count as known too.
/// Pure and deterministic: the same inputs always give the same plan.
pub fn plan_merge(
    local: &Dataset,
    incoming: &Dataset,
    known_set: impl Fn(&SetId) -> Option<CriteriaSet>,
) -> MergePlan {
    // Built-in lineages are reserved: a file can neither replace a built-in set nor add
    // a version to one (that is how a one-criterion set could pass for the national set).
    let rejected_sets: BTreeSet<String> = incoming
        .sets
        .iter()
        .filter(|s| s.data.builtin || is_builtin_lineage(&s.data.id))
        .map(|s| s.id.clone())
        .collect();
    let mut state = MergeState {
        known: local.history.iter().map(edit_id).collect(),
        added: Vec::new(),
        local_by_key: by_key(&local.history),
        incoming_by_key: BTreeMap::new(),
        lines: Vec::new(),
        unlisted_new: BTreeMap::new(),
        counts: Counts::default(),
        written: BTreeMap::new(),
    };
    // Incoming history not already here (each edit once), rejected targets left out below.
    let mut fresh: Vec<&HistoryEntry> = Vec::new();
    {
        let mut seen = state.known.clone();
        for h in &incoming.history {
            if seen.insert(edit_id(h)) {
                fresh.push(h);
            }
        }
    }
    for h in &fresh {
        state
            .incoming_by_key
            .entry(h.record_key.as_str())
            .or_default()
            .push(h);
    }

    let mut writes = Dataset {
        sets: state.records(
            &local.sets,
            &incoming.sets,
            set_target,
            |_| None,
            |r| {
                rejected_sets
                    .contains(&r.id)
                    .then(|| RejectReason::BuiltinSet(r.id.clone()))
            },
        ),
        ..Dataset::default()
    };
    writes.units = state.records(
        &local.units,
        &incoming.units,
        unit_target,
        |r| Some(r.id.clone()),
        |_| None,
    );
    writes.ocop_products = state.records(
        &local.ocop_products,
        &incoming.ocop_products,
        product_target,
        |r| Some(UnitRef::Commune(r.data.commune_code.clone()).key()),
        |_| None,
    );
    let product_unit: BTreeMap<&str, String> = local
        .ocop_products
        .iter()
        .chain(&incoming.ocop_products)
        .map(|p| {
            (
                p.id.as_str(),
                UnitRef::Commune(p.data.commune_code.clone()).key(),
            )
        })
        .collect();
    writes.ocop_ratings = state.records(
        &local.ocop_ratings,
        &incoming.ocop_ratings,
        rating_target,
        |r| product_unit.get(r.data.product_id.as_str()).cloned(),
        |_| None,
    );
    writes.plans = state.records(
        &local.plans,
        &incoming.plans,
        plan_target,
        |r| Some(scope_unit(&r.data.scope)),
        |_| None,
    );
    writes.recognitions = state.records(
        &local.recognitions,
        &incoming.recognitions,
        recognition_target,
        |r| Some(r.data.unit.key()),
        |_| None,
    );
    writes.quantities = state.records(
        &local.quantities,
        &incoming.quantities,
        quantity_target,
        |_| None,
        |_| None,
    );
    writes.resources = state.records(
        &local.resources,
        &incoming.resources,
        resource_target,
        |r| Some(r.data.unit.key()),
        |_| None,
    );

    // Assessments, value by value.
    let local_assessments: BTreeMap<String, &Assessment> =
        local.assessments.iter().map(|a| (a.id(), a)).collect();
    let carried_sets: BTreeMap<SetId, &CriteriaSet> = incoming
        .sets
        .iter()
        .filter(|s| !rejected_sets.contains(&s.id))
        .map(|s| (s.data.set_id(), &s.data))
        .collect();
    let mut rejected_keys: BTreeSet<String> = BTreeSet::new();
    let mut incoming_assessments: Vec<(String, &Assessment)> =
        incoming.assessments.iter().map(|a| (a.id(), a)).collect();
    incoming_assessments.sort_by(|a, b| a.0.cmp(&b.0));
    // Each set is looked up (and cloned) once, not once per assessment: a national file
    // has thousands of assessments of the same set.
    let mut sets: BTreeMap<SetId, Option<CriteriaSet>> = BTreeMap::new();
    for (id, inc) in incoming_assessments {
        let unit = Some(inc.key.unit.key());
        let set = sets
            .entry(inc.key.set.clone())
            .or_insert_with(|| {
                carried_sets
                    .get(&inc.key.set)
                    .map(|s| (*s).clone())
                    .or_else(|| known_set(&inc.key.set))
            })
            .as_ref();
        let mut merged = local_assessments
            .get(&id)
            .map(|a| (*a).clone())
            .unwrap_or_else(|| Assessment::new(inc.key.clone()));
        let unknown_set = || RejectReason::UnknownSet(inc.key.set.clone());
        let unknown_code = |code: &str| RejectReason::UnknownCode {
            set: inc.key.set.clone(),
            code: code.to_string(),
        };
        let marks_changed = merge_entries(
            &mut state,
            &inc.marks,
            &mut merged.marks,
            |code| EditTarget::Mark {
                assessment: id.clone(),
                criterion: code.to_string(),
            },
            |e| LineValue::Mark(e.clone()),
            |code| match &set {
                None => Some(unknown_set()),
                Some(s) if s.criterion(code).is_none() => Some(unknown_code(code)),
                Some(_) => None,
            },
            &unit,
            &mut rejected_keys,
        );
        let values_changed = merge_entries(
            &mut state,
            &inc.values,
            &mut merged.values,
            |code| EditTarget::Value {
                assessment: id.clone(),
                indicator: code.to_string(),
            },
            |e| LineValue::Indicator(e.clone()),
            |code| match &set {
                None => Some(unknown_set()),
                Some(s) if s.indicator(code).is_none() => Some(unknown_code(code)),
                Some(_) => None,
            },
            &unit,
            &mut rejected_keys,
        );
        let changed = marks_changed || values_changed;
        if changed {
            writes.assessments.push(merged);
        }
    }
    for id in &rejected_sets {
        rejected_keys.insert(set_target(id).record_key());
    }

    let mut history: Vec<HistoryEntry> = fresh
        .into_iter()
        .filter(|h| !rejected_keys.contains(&h.record_key))
        .cloned()
        .collect();

    // Conflicts that only the incoming history reveals (e.g. the file's sender already
    // merged a value that lost): each is a line too, so the preview shows every conflict.
    let touched: BTreeSet<&str> = history.iter().map(|h| h.record_key.as_str()).collect();
    let local_current = if touched.is_empty() {
        BTreeMap::new()
    } else {
        local.current_values()
    };
    let has_line: BTreeSet<String> = state
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Conflict)
        .map(|l| l.target.record_key())
        .collect();
    let mut revealed = Vec::new();
    for key in touched {
        if has_line.contains(key) {
            continue;
        }
        let before_entries: Vec<&HistoryEntry> =
            state.local_by_key.get(key).cloned().unwrap_or_default();
        let mut after_entries = before_entries.clone();
        after_entries.extend(history.iter().filter(|h| h.record_key == key));
        let before = conflicts_of(&before_entries, local_current.get(key).map(|(v, s)| (v, s)));
        let current = state.written.get(key).or_else(|| local_current.get(key));
        for c in conflicts_of(&after_entries, current.map(|(v, s)| (v, s))) {
            if before.iter().any(|b| same_edit(&b.stamp, &c.stamp)) {
                continue;
            }
            let (Some(value), Some((cv, cs))) = (&c.new, current) else {
                continue;
            };
            revealed.push(Line {
                kind: LineKind::Conflict,
                target: c.target.clone(),
                unit: unit_of_target(&c.target),
                local: Some((LineValue::Json(cv.clone()), cs.clone())),
                incoming: (LineValue::Json(value.clone()), c.stamp.clone()),
                reject: None,
            });
        }
    }
    for line in revealed {
        state.counts.add(LineKind::Conflict);
        state.lines.push(line);
    }
    history.append(&mut state.added);
    history.sort_by_key(edit_id);
    history.dedup_by(|a, b| edit_id(a) == edit_id(b));
    writes.history = history;

    MergePlan {
        future: Vec::new(),
        duplicates: possible_duplicates(local, incoming),
        lines: state.lines,
        unlisted_new: state.unlisted_new,
        counts: state.counts,
        writes,
        max_hlc: incoming.max_hlc(),
        unlogged: false,
    }
    .with_unlogged(local)
}

/// Villages new to this device whose commune already has a live village of the same name
/// once normalised (case, diacritics, spaces, "Thôn/Bản/Ấp/…"): probably one village
/// added on two devices. The preview offers to merge each pair.
fn possible_duplicates(local: &Dataset, incoming: &Dataset) -> Vec<PossibleDuplicate> {
    fn live(u: &Record<Unit>) -> Option<&Village> {
        match &u.data {
            Unit::Village(v) if !u.archived && !v.archived && v.merged_into.is_none() => Some(v),
            _ => None,
        }
    }
    let here: BTreeSet<&str> = local.units.iter().map(|u| u.id.as_str()).collect();
    let mut by_name: BTreeMap<(&str, String), Vec<&Village>> = BTreeMap::new();
    for v in local.units.iter().filter_map(live) {
        by_name
            .entry((v.commune_code.as_str(), name_key(&v.name)))
            .or_default()
            .push(v);
    }
    let mut out = Vec::new();
    for u in incoming
        .units
        .iter()
        .filter(|u| !here.contains(u.id.as_str()))
    {
        let Some(v) = live(u) else { continue };
        let key = (v.commune_code.as_str(), name_key(&v.name));
        for l in by_name.get(&key).into_iter().flatten() {
            out.push(PossibleDuplicate {
                incoming: v.id.clone(),
                incoming_name: v.name.clone(),
                local: l.id.clone(),
                local_name: l.name.clone(),
                commune_code: v.commune_code.clone(),
            });
        }
    }
    out
}

/// The unit key an edit belongs to, when it is a unit or one of its values.
pub fn unit_of_target(target: &EditTarget) -> Option<String> {
    match target {
        EditTarget::Mark { assessment, .. } | EditTarget::Value { assessment, .. } => {
            assessment.split('|').next().map(str::to_string)
        }
        EditTarget::Unit { id } => Some(id.clone()),
        _ => None,
    }
}

fn scope_unit(scope: &Scope) -> String {
    match scope {
        Scope::Province(c) => UnitRef::Province(c.clone()).key(),
        Scope::District(c) => UnitRef::District(c.clone()).key(),
        Scope::Commune(c) => UnitRef::Commune(c.clone()).key(),
    }
}
