//! Heads and conflicts of a value, derived from its history (see the module docs of merge).

use std::collections::BTreeMap;

use serde_json::Value;

use super::dataset::same_edit;
use super::dataset::*;
use crate::domain::assessment::{Assessment, AssessmentKey};
use crate::domain::history::{same_json, same_json_option, EditTarget, HistoryEntry};
use crate::domain::sync::{Stamp, Versioned};
use crate::domain::units::{kept_villages, UnitRef};

/// Whether some edit in `entries` (all of one value) was made knowing the edit `stamp`.
pub(super) fn is_superseded(stamp: &Stamp, entries: &[&HistoryEntry]) -> bool {
    entries.iter().any(|e| match &e.base {
        Some(base) => base.iter().any(|b| same_edit(b, stamp)),
        // Made before files could be exchanged: on one device, after every earlier edit.
        None => e.stamp > *stamp,
    })
}

/// The edits of one value that no other edit was built on.
pub fn heads<'a>(entries: &[&'a HistoryEntry]) -> Vec<&'a HistoryEntry> {
    entries
        .iter()
        .copied()
        .filter(|e| !is_superseded(&e.stamp, entries))
        .collect()
}

/// The base of a new local edit of a value: every head (the value shown and its open
/// conflicts, which the user sees beside it) and the current value's own stamp.
pub fn base_for(entries: &[&HistoryEntry], current: Option<&Stamp>) -> Vec<Stamp> {
    let mut base: Vec<Stamp> = heads(entries)
        .into_iter()
        .map(|e| e.stamp.clone())
        .collect();
    if let Some(c) = current {
        if !base.iter().any(|b| same_edit(b, c)) {
            base.push(c.clone());
        }
    }
    base.sort();
    base
}

/// The open conflicts of one value: heads that lost to the current value and differ from it.
pub fn conflicts_of<'a>(
    entries: &[&'a HistoryEntry],
    current: Option<(&Value, &Stamp)>,
) -> Vec<&'a HistoryEntry> {
    let Some((value, stamp)) = current else {
        return Vec::new();
    };
    let mut out: Vec<&HistoryEntry> = heads(entries)
        .into_iter()
        .filter(|h| !same_edit(&h.stamp, stamp) && h.stamp < *stamp)
        .filter(|h| !same_json_option(h.new.as_ref(), Some(value)))
        .collect();
    // One line per distinct losing value.
    out.sort_by(|a, b| b.stamp.cmp(&a.stamp));
    out.dedup_by(|a, b| same_json_option(a.new.as_ref(), b.new.as_ref()));
    out
}

/// The criteria (marks) and indicators (values) of `a` whose value has an open conflict —
/// a concurrent value that lost and differs — given the history of its marks and values:
/// what a unit's page marks "có giá trị khác".
pub fn conflicted_items(
    a: &Assessment,
    history: &[HistoryEntry],
) -> std::collections::BTreeSet<String> {
    let by = by_key(history);
    let open = |key: String, value: Value, stamp: &Stamp| {
        by.get(key.as_str())
            .is_some_and(|e| !conflicts_of(e, Some((&value, stamp))).is_empty())
    };
    let marks = a
        .marks
        .iter()
        .filter(|(code, v)| open(mark_key(a, code), to_json(&v.value), &v.stamp))
        .map(|(code, _)| code.clone());
    let values = a
        .values
        .iter()
        .filter(|(code, v)| open(value_key(a, code), to_json(&v.value), &v.stamp))
        .map(|(code, _)| code.clone());
    marks.chain(values).collect()
}

/// A concurrent value that lost, shown so the user can reinstate it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Conflict {
    pub target: EditTarget,
    /// The value that won, and its edit.
    pub current: Value,
    pub current_stamp: Stamp,
    /// The edit that lost.
    pub other: HistoryEntry,
}

/// Groups history entries by record key.
pub(super) fn by_key(history: &[HistoryEntry]) -> BTreeMap<&str, Vec<&HistoryEntry>> {
    let mut map: BTreeMap<&str, Vec<&HistoryEntry>> = BTreeMap::new();
    for h in history {
        map.entry(h.record_key.as_str()).or_default().push(h);
    }
    map
}

/// Every open conflict in `data`, most recent first: concurrent edits of one value, and
/// values of merged villages that differ (see [`merged_conflicts`]).
pub fn open_conflicts(data: &Dataset) -> Vec<Conflict> {
    let current = data.current_values();
    let history = by_key(&data.history);
    let mut out = merged_conflicts(data, &history);
    for (key, entries) in history {
        let Some((value, stamp)) = current.get(key) else {
            continue;
        };
        for other in conflicts_of(&entries, Some((value, stamp))) {
            out.push(Conflict {
                target: other.target.clone(),
                current: value.clone(),
                current_stamp: stamp.clone(),
                other: other.clone(),
            });
        }
    }
    out.sort_by(|a, b| b.other.stamp.cmp(&a.other.stamp));
    out
}

/// The values of merged villages that disagree. A village added on two devices and then
/// merged has two assessments per period; figures read them as one, value by value, the
/// greater stamp winning. A losing value that differs and that no later edit (of any of
/// the villages' copies of that value) was made knowing is shown as a conflict of the
/// kept village's value, so nothing is dropped silently. Resolving it writes the kept
/// village's value with a base naming both (see `Store::resolve_conflict`).
pub fn merged_conflicts(
    data: &Dataset,
    history: &BTreeMap<&str, Vec<&HistoryEntry>>,
) -> Vec<Conflict> {
    let kept = kept_villages(&data.units);
    if kept.is_empty() {
        return Vec::new();
    }
    let mut groups: BTreeMap<AssessmentKey, Vec<&Assessment>> = BTreeMap::new();
    for a in &data.assessments {
        let unit = a.key.unit.key();
        let Some(k) = kept.get(&unit).and_then(|k| UnitRef::from_key(k)) else {
            continue;
        };
        let key = AssessmentKey {
            unit: k,
            ..a.key.clone()
        };
        groups.entry(key).or_default().push(a);
    }
    for a in &data.assessments {
        if let Some(g) = groups.get_mut(&a.key) {
            if !g.iter().any(|x| x.key == a.key) {
                g.push(a);
            }
        }
    }
    let mut out = Vec::new();
    for (key, members) in groups.iter().filter(|(_, m)| m.len() > 1) {
        let kept_id = key.id();
        fn each<T: serde::Serialize>(
            members: &[&Assessment],
            map: impl Fn(&Assessment) -> &BTreeMap<String, Versioned<T>>,
            target: impl Fn(&str, &str) -> EditTarget,
            kept_id: &str,
            history: &BTreeMap<&str, Vec<&HistoryEntry>>,
            out: &mut Vec<Conflict>,
        ) {
            let codes: std::collections::BTreeSet<&String> =
                members.iter().flat_map(|a| map(a).keys()).collect();
            for code in codes {
                let candidates: Vec<(String, &Versioned<T>)> = members
                    .iter()
                    .filter_map(|a| map(a).get(code).map(|v| (a.id(), v)))
                    .collect();
                let Some((_, winner)) = candidates.iter().max_by(|a, b| a.1.stamp.cmp(&b.1.stamp))
                else {
                    continue;
                };
                let winner_json = to_json(&winner.value);
                let entries: Vec<&HistoryEntry> = candidates
                    .iter()
                    .flat_map(|(id, _)| {
                        history
                            .get(target(id, code).record_key().as_str())
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect();
                for (id, c) in &candidates {
                    let value = to_json(&c.value);
                    if same_edit(&c.stamp, &winner.stamp)
                        || same_json(&value, &winner_json)
                        || is_superseded(&c.stamp, &entries)
                    {
                        continue;
                    }
                    let own = target(id, code);
                    let other = entries
                        .iter()
                        .find(|e| e.record_key == own.record_key() && same_edit(&e.stamp, &c.stamp))
                        .map(|e| (*e).clone())
                        .unwrap_or_else(|| {
                            HistoryEntry::new(own, None, Some(value.clone()), c.stamp.clone())
                        });
                    out.push(Conflict {
                        target: target(kept_id, code),
                        current: winner_json.clone(),
                        current_stamp: winner.stamp.clone(),
                        other,
                    });
                }
            }
        }
        each(
            members,
            |a| &a.marks,
            |id, code| EditTarget::Mark {
                assessment: id.to_string(),
                criterion: code.to_string(),
            },
            &kept_id,
            history,
            &mut out,
        );
        each(
            members,
            |a| &a.values,
            |id, code| EditTarget::Value {
                assessment: id.to_string(),
                indicator: code.to_string(),
            },
            &kept_id,
            history,
            &mut out,
        );
    }
    out
}
