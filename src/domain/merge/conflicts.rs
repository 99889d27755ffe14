//! Heads and conflicts of a value, derived from its history (see the module docs of merge).

use std::collections::BTreeMap;

use serde_json::Value;

use super::dataset::same_edit;
use super::dataset::*;
use crate::domain::history::{same_json_option, EditTarget, HistoryEntry};
use crate::domain::sync::Stamp;

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

/// A concurrent value that lost, shown so the user can reinstate it.
#[derive(Clone, Debug, PartialEq)]
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

/// Every open conflict in `data`, most recent first.
pub fn open_conflicts(data: &Dataset) -> Vec<Conflict> {
    let current = data.current_values();
    let mut out = Vec::new();
    for (key, entries) in by_key(&data.history) {
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
