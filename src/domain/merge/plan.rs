//! What an import would do: one preview line per incoming value that is not unchanged,
//! the counts, and the records to write (the types of a merge plan; `plan_merge` makes it).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::dataset::{to_json, Dataset};
use crate::domain::assessment::{CriterionMark, Entry, IndicatorValue};
use crate::domain::criteria::SetId;
use crate::domain::history::{same_json, EditTarget};
use crate::domain::sync::{Hlc, Stamp};

/// What the import does with one incoming value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// Not here before.
    New,
    /// Replaces an older value here, made knowing it (or equal to it).
    Updated,
    /// Already here (the same edit).
    Unchanged,
    /// Older than the value here, which was made knowing it: ignored.
    Older,
    /// Made concurrently with the value here: the later one wins, the other is kept as a
    /// conflict for the user to look at.
    Conflict,
    /// Cannot be used here (e.g. its criteria set is unknown); listed with the reason.
    Rejected,
}

/// Why an incoming value was rejected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectReason {
    /// The assessment names a criteria set version this device does not have and the file
    /// does not carry.
    UnknownSet(SetId),
    /// The criterion or indicator code is not in the assessment's set.
    UnknownCode { set: SetId, code: String },
    /// A built-in set cannot be replaced by a file.
    BuiltinSet(String),
}

/// One line of the import preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub kind: LineKind,
    pub target: EditTarget,
    /// The unit the value belongs to (key), for filtering the preview by unit.
    pub unit: Option<String>,
    pub local: Option<(LineValue, Stamp)>,
    pub incoming: (LineValue, Stamp),
    pub reject: Option<RejectReason>,
}

/// A value as a preview line keeps it. Marks and indicator values stay typed: as JSON
/// trees they took about 2 KB each (600 MB for the lines of a national file). Records,
/// and values known only from history, are JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LineValue {
    Mark(Entry<CriterionMark>),
    Indicator(Entry<IndicatorValue>),
    Json(Value),
}

impl LineValue {
    /// The value as history entries keep it.
    pub fn to_json(&self) -> Value {
        match self {
            LineValue::Mark(e) => to_json(e),
            LineValue::Indicator(e) => to_json(e),
            LineValue::Json(v) => v.clone(),
        }
    }

    /// Whether two values are the same data (see [`same_json`]).
    pub fn same(&self, other: &LineValue) -> bool {
        match (self, other) {
            (LineValue::Mark(a), LineValue::Mark(b)) => a == b,
            (LineValue::Indicator(a), LineValue::Indicator(b)) => a == b,
            _ => same_json(&self.to_json(), &other.to_json()),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub older: usize,
    pub conflicts: usize,
    pub rejected: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, c: Counts) {
        self.new += c.new;
        self.updated += c.updated;
        self.unchanged += c.unchanged;
        self.older += c.older;
        self.conflicts += c.conflicts;
        self.rejected += c.rejected;
    }
}

impl Counts {
    pub(super) fn add(&mut self, kind: LineKind) {
        match kind {
            LineKind::New => self.new += 1,
            LineKind::Updated => self.updated += 1,
            LineKind::Unchanged => self.unchanged += 1,
            LineKind::Older => self.older += 1,
            LineKind::Conflict => self.conflicts += 1,
            LineKind::Rejected => self.rejected += 1,
        }
    }

    /// Whether applying would change anything in the values (history aside).
    pub fn changes_values(&self) -> bool {
        self.new + self.updated > 0
    }
}

/// A village in a file that is probably one this device has under another id (same
/// commune, same name once normalised): the preview offers to merge them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PossibleDuplicate {
    /// The village's id in the file (new here): merged into `local` if the user agrees.
    pub incoming: String,
    pub incoming_name: String,
    /// The village this device has.
    pub local: String,
    pub local_name: String,
    pub commune_code: String,
}

/// What importing a dataset would do: the preview lines and the writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergePlan {
    /// What the file brought stamped in the future, by device (refused; counted in
    /// `counts.rejected`).
    pub future: Vec<super::clock::FutureStamps>,
    /// Villages in the file that are probably ones this device has ("có thể trùng").
    pub duplicates: Vec<PossibleDuplicate>,
    /// Every incoming value except the unchanged ones, in a stable order; of the new ones
    /// only the first [`MAX_NEW_LINES`] (the rest are counted in `unlisted_new`).
    pub lines: Vec<Line>,
    /// New values not listed in `lines`, by unit key (`None`: not a unit's value). Their
    /// lines would take hundreds of MB for a national file, and nobody reads 300,000
    /// lines: the preview says how many there are instead. They are imported all the same.
    pub unlisted_new: BTreeMap<Option<String>, usize>,
    pub counts: Counts,
    /// Records and assessments to write (whole, merged), history entries to add.
    pub writes: Dataset,
    pub max_hlc: Option<Hlc>,
    /// Whether the incoming data holds a value without the history entry that wrote it
    /// (files of early versions): importing it changes what the device's change log — its
    /// history — does not name, so the next sync builds every document.
    pub unlogged: bool,
}

/// How many new values an import preview lists one by one (updated, older, conflicting
/// and rejected ones are always all listed: those are the ones to review).
pub const MAX_NEW_LINES: usize = 2_000;

impl MergePlan {
    /// New values not listed one by one, in all (see `unlisted_new`).
    pub fn unlisted_new_total(&self) -> usize {
        self.unlisted_new.values().sum()
    }

    /// New values not listed one by one: of the unit with key `unit`, or in all (`None`).
    pub fn unlisted_new_in(&self, unit: Option<&str>) -> usize {
        match unit {
            None => self.unlisted_new_total(),
            Some(u) => self
                .unlisted_new
                .get(&Some(u.to_string()))
                .copied()
                .unwrap_or(0),
        }
    }

    /// Whether applying would change the stored data at all.
    pub fn is_noop(&self) -> bool {
        self.writes.is_empty()
    }

    /// What a preview shows of this plan, without the writes: small enough to hand from
    /// the worker that imports to the page. Only the plan's first [`PREVIEW_LINES`] lines
    /// are kept; how many each unit has is counted (a unit's own lines are asked for with
    /// [`MergePlan::first_lines`] when the preview is filtered by it).
    pub fn summary(&self) -> PlanSummary {
        let mut per_unit: BTreeMap<Option<&str>, usize> = BTreeMap::new();
        for l in &self.lines {
            *per_unit.entry(l.unit.as_deref()).or_default() += 1;
        }
        PlanSummary {
            future: self.future.clone(),
            duplicates: self.duplicates.clone(),
            lines: self.first_lines(None),
            line_totals: per_unit
                .iter()
                .map(|(u, n)| (u.map(str::to_string), *n))
                .collect(),
            // Only of the units the preview can be filtered by: a national file has 70,000
            // units with new values, and their counts would be most of what is handed over.
            unlisted_new: self
                .unlisted_new
                .iter()
                .filter(|(u, _)| per_unit.contains_key(&u.as_deref()))
                .map(|(u, n)| (u.clone(), *n))
                .collect(),
            unlisted_new_total: self.unlisted_new_total(),
            counts: self.counts,
            noop: self.is_noop(),
        }
    }

    /// The first [`PREVIEW_LINES`] lines of the unit with key `unit`, or of all (`None`),
    /// in the plan's order.
    pub fn first_lines(&self, unit: Option<&str>) -> Vec<Line> {
        self.lines
            .iter()
            .filter(|l| unit.is_none() || l.unit.as_deref() == unit)
            .take(PREVIEW_LINES)
            .cloned()
            .collect()
    }
}

/// How many lines a preview lists for one unit, or for all.
pub const PREVIEW_LINES: usize = 200;

/// A plan as its preview shows it ([`MergePlan::summary`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub future: Vec<super::clock::FutureStamps>,
    pub duplicates: Vec<PossibleDuplicate>,
    /// The plan's first [`PREVIEW_LINES`] lines, in the plan's order.
    pub lines: Vec<Line>,
    /// How many lines the plan has, by unit key (`None`: not a unit's value).
    pub line_totals: Vec<(Option<String>, usize)>,
    /// New values not listed in the plan's lines, by key of a unit that has lines.
    pub unlisted_new: Vec<(Option<String>, usize)>,
    /// New values not listed in the plan's lines, of all units.
    pub unlisted_new_total: usize,
    pub counts: Counts,
    /// Applying would change nothing.
    pub noop: bool,
}

impl PlanSummary {
    /// The keys of the units that have lines, in key order.
    pub fn units_with_lines(&self) -> impl Iterator<Item = &str> {
        self.line_totals.iter().filter_map(|(u, _)| u.as_deref())
    }

    /// How many lines the plan has: of the unit with key `unit`, or in all (`None`).
    pub fn lines_in(&self, unit: Option<&str>) -> usize {
        count_in(&self.line_totals, unit)
    }

    /// New values not listed one by one: of the unit with key `unit`, or in all (`None`).
    pub fn unlisted_new_in(&self, unit: Option<&str>) -> usize {
        match unit {
            None => self.unlisted_new_total,
            Some(_) => count_in(&self.unlisted_new, unit),
        }
    }
}

/// The count of `unit` in counts by unit key, or their sum (`None`).
fn count_in(counts: &[(Option<String>, usize)], unit: Option<&str>) -> usize {
    counts
        .iter()
        .filter(|(u, _)| unit.is_none() || u.as_deref() == unit)
        .map(|(_, n)| n)
        .sum()
}
