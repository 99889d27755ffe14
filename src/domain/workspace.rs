//! The user's data as loaded from storage, with the questions pages ask of it: which
//! thresholds apply to a unit, its results, the tree of units, which sets are current and
//! which count towards a level. Pure, so the answers are tested natively and pages only
//! display them.
//!
//! Two rules shape every answer:
//! - **Merged villages** (a village added twice and merged, `Village::merged_into`) are
//!   one unit: the kept one. Its assessments are those of every village merged into it,
//!   merged value by value by the same rule as files (the value with the greatest stamp
//!   wins; the others stay in history and show as conflicts). Which village is kept is a
//!   function of the unit records alone, so every device that holds the same records
//!   agrees, whatever order files came in.
//! - **Counting sets**: a set counts towards a level (xã NTM, nâng cao, kiểu mẫu, thôn
//!   NTM) when it is built in with that level, or when the user adopted its lineage for
//!   that level on this device. A file cannot make a set count.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::assessment::{Assessment, Period};
use super::criteria::{builtin_sets, CriteriaSet, SetId, SetLevel};
use super::evaluation::{
    evaluate_assessment, summarise_indexed, AssessmentResult, AssessmentSummary, CommuneLevels,
    LevelFacts, SetIndex,
};
use super::stats::Scope;
use super::sync::{Record, Versioned};
use super::units::{kept_villages, Commune, ThresholdContext, Unit, UnitRef, Village};

/// Read-only once built: the indices below are made in [`Workspace::new`] (a national
/// workspace has 3,321 communes and thousands of assessments; linear searches per commune
/// made the dashboard quadratic). Add data with [`Workspace::add_assessment`].
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub units: Vec<Record<Unit>>,
    /// The assessments as figures read them: those of merged villages under the village
    /// kept, one per (unit, set version, period), merged value by value.
    pub assessments: Vec<Assessment>,
    /// Built-in sets first, then custom ones (every version).
    pub sets: Vec<CriteriaSet>,
    /// Lineages adopted on this device for a level (a device setting, never in files).
    adopted: BTreeSet<(SetLevel, String)>,
    /// Unit key → position in `units`.
    unit_index: HashMap<String, usize>,
    /// Set identity → position in `sets` (looked up per assessment: no text made for it).
    set_index: HashMap<SetId, usize>,
    /// Each set's indicators by id, beside `sets` (statistics match values in one pass).
    set_indexes: Vec<SetIndex>,
    /// Village key → the key of the village kept, for villages merged into another.
    kept: HashMap<String, String>,
    /// Unit key → positions in `assessments`.
    assessment_index: HashMap<String, Vec<usize>>,
    /// Parent key → positions in `units` of its children, by name (a country has
    /// ~70,000 villages: the tree and hiding ask for children often).
    pub(super) children_index: HashMap<String, Vec<usize>>,
    /// The units' names folded for search, made at the first search.
    pub(super) folded_names: std::sync::OnceLock<Vec<String>>,
    /// Recognition steps, province quantities and resource figures
    /// ([`Workspace::with_results`]).
    pub(super) results: super::results::Results,
}

/// Merges `from` into `into`, value by value: the greater stamp wins (as in files).
fn merge_values<T: Clone>(
    into: &mut BTreeMap<String, Versioned<T>>,
    from: &BTreeMap<String, Versioned<T>>,
) {
    for (code, v) in from {
        match into.get(code) {
            Some(here) if !v.wins_over(here) => {}
            _ => {
                into.insert(code.clone(), v.clone());
            }
        }
    }
}

impl Workspace {
    pub fn new(
        units: Vec<Record<Unit>>,
        assessments: Vec<Assessment>,
        custom_sets: Vec<CriteriaSet>,
    ) -> Self {
        let mut sets = builtin_sets();
        // A custom set claiming a built-in lineage never gets in (files are refused for it;
        // this keeps old data honest too).
        sets.extend(
            custom_sets
                .into_iter()
                .filter(|s| !super::criteria::is_builtin_lineage(&s.id)),
        );
        let unit_index = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.clone(), i))
            .collect();
        let set_index = sets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.set_id(), i))
            .collect();
        let set_indexes = sets.iter().map(SetIndex::new).collect();
        let kept = kept_villages(&units);
        let mut children_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            if let Some(p) = u.data.parent() {
                children_index.entry(p.key()).or_default().push(i);
            }
        }
        for list in children_index.values_mut() {
            list.sort_by(|a, b| units[*a].data.name().cmp(units[*b].data.name()));
        }
        let mut w = Self {
            units,
            assessments: Vec::new(),
            sets,
            adopted: BTreeSet::new(),
            unit_index,
            set_index,
            set_indexes,
            kept,
            assessment_index: HashMap::new(),
            children_index,
            folded_names: std::sync::OnceLock::new(),
            results: Default::default(),
        };
        for a in assessments {
            w.add_assessment(a);
        }
        w
    }

    /// The lineages adopted on this device for each level ([`Self::counts_for`]).
    pub fn with_adopted(mut self, adopted: impl IntoIterator<Item = (SetLevel, String)>) -> Self {
        self.adopted = adopted.into_iter().collect();
        self
    }

    /// Adds an assessment, under the village kept if its village was merged, merging it
    /// value by value with one already there for the same unit, set and period.
    pub fn add_assessment(&mut self, mut a: Assessment) {
        if let Some(kept) = self.kept.get(&a.key.unit.key()) {
            if let Some(r) = UnitRef::from_key(kept) {
                a.key.unit = r;
            }
        }
        let unit_key = a.key.unit.key();
        let existing = self.assessment_index.get(&unit_key).and_then(|ix| {
            ix.iter()
                .copied()
                .find(|i| self.assessments[*i].key == a.key)
        });
        match existing {
            Some(i) => {
                let here = &mut self.assessments[i];
                merge_values(&mut here.marks, &a.marks);
                merge_values(&mut here.values, &a.values);
            }
            None => {
                self.assessment_index
                    .entry(unit_key)
                    .or_default()
                    .push(self.assessments.len());
                self.assessments.push(a);
            }
        }
    }

    /// The assessments of one unit (a kept village's include those merged into it).
    pub fn assessments_of(&self, unit: &UnitRef) -> impl Iterator<Item = &Assessment> {
        // `kept_ref(unit).key()` with the key made once (statistics ask this per commune).
        let key = unit.key();
        let positions = match self.kept.get(&key) {
            Some(kept) if UnitRef::from_key(kept).is_some() => self.assessment_index.get(kept),
            _ => self.assessment_index.get(&key),
        };
        positions
            .into_iter()
            .flatten()
            .map(|i| &self.assessments[*i])
    }

    pub fn unit(&self, r: &UnitRef) -> Option<&Record<Unit>> {
        self.unit_index.get(&r.key()).map(|i| &self.units[*i])
    }

    /// The unit a reference counts as: the village kept for a merged village, else itself.
    pub fn kept_ref(&self, r: &UnitRef) -> UnitRef {
        self.kept
            .get(&r.key())
            .and_then(|k| UnitRef::from_key(k))
            .unwrap_or_else(|| r.clone())
    }

    /// Whether a village was merged into another (the one kept counts for both).
    pub fn is_merged(&self, r: &UnitRef) -> bool {
        self.kept.contains_key(&r.key())
    }

    /// The villages merged into `r` (kept), by key.
    pub fn merged_into(&self, r: &UnitRef) -> Vec<&Record<Unit>> {
        let key = r.key();
        let mut out: Vec<&Record<Unit>> = self
            .kept
            .iter()
            .filter(|(_, k)| **k == key)
            .filter_map(|(m, _)| self.unit_index.get(m).map(|i| &self.units[*i]))
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    /// Whether a unit counts in lists and figures: not archived, not merged into another.
    pub fn is_live(&self, u: &Record<Unit>) -> bool {
        !u.archived && !u.data.archived() && !self.kept.contains_key(&u.id)
    }

    /// The name of the unit with storage key `key` ("commune:00070"), if it is here.
    pub fn unit_name(&self, key: &str) -> Option<&str> {
        self.unit_index.get(key).map(|i| self.units[*i].data.name())
    }

    pub fn set(&self, id: &SetId) -> Option<&CriteriaSet> {
        self.set_index.get(id).map(|i| &self.sets[*i])
    }

    /// A set with its [`SetIndex`].
    fn indexed_set(&self, id: &SetId) -> Option<(&CriteriaSet, &SetIndex)> {
        self.set_index
            .get(id)
            .map(|i| (&self.sets[*i], &self.set_indexes[*i]))
    }

    /// Every version of the lineage `id`.
    pub fn versions(&self, id: &str) -> Vec<&CriteriaSet> {
        self.sets.iter().filter(|s| s.id == id).collect()
    }

    /// The current versions of the lineage `id` (several when devices edited the same
    /// version in parallel), newest first.
    pub fn heads(&self, id: &str) -> Vec<&CriteriaSet> {
        super::set_versions::heads(&self.versions(id))
    }

    /// The current version of each set (the first of its heads), for choosing one to
    /// assess with; built-in sets first, in their order.
    pub fn current_sets(&self) -> Vec<&CriteriaSet> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for s in &self.sets {
            if seen.insert(s.id.as_str()) {
                if let Some(h) = self.heads(&s.id).first() {
                    out.push(*h);
                }
            }
        }
        out
    }

    /// Whether assessments against `set` count towards `level`: built in with that level,
    /// or its lineage adopted for it on this device.
    pub fn counts_for(&self, set: &CriteriaSet, level: SetLevel) -> bool {
        (set.builtin && set.level == level) || self.adopted.contains(&(level, set.id.clone()))
    }

    /// The levels the lineage `id` was adopted for on this device.
    pub fn adopted_levels(&self, id: &str) -> Vec<SetLevel> {
        self.adopted
            .iter()
            .filter(|(_, l)| l == id)
            .map(|(level, _)| *level)
            .collect()
    }

    /// Sets that can assess this unit: village sets for villages (the commune's chosen
    /// one first), commune sets otherwise; custom sets of any level for both.
    pub fn sets_for(&self, unit: &UnitRef) -> Vec<&CriteriaSet> {
        let village = matches!(unit, UnitRef::Village(_));
        let mut out: Vec<&CriteriaSet> = self
            .current_sets()
            .into_iter()
            .filter(|s| s.level.is_village_level() == village || s.level == SetLevel::Custom)
            .collect();
        if let Some(chosen) = self.chosen_village_set(unit) {
            out.retain(|s| s.id != chosen.id);
            out.insert(0, chosen);
        }
        out
    }

    /// The set a village's commune chose for its villages, if this device has it.
    pub fn chosen_village_set(&self, unit: &UnitRef) -> Option<&CriteriaSet> {
        if !matches!(unit, UnitRef::Village(_)) {
            return None;
        }
        let id = self.commune_of(unit)?.village_set.as_ref()?;
        self.set(id)
    }

    /// The set a unit's page opens with: its latest assessment's, else the commune's
    /// choice for its villages, else the first that fits.
    pub fn default_set_for(&self, unit: &UnitRef) -> Option<SetId> {
        self.latest_assessment(unit)
            .map(|a| a.key.set.clone())
            .or_else(|| self.sets_for(unit).first().map(|s| s.set_id()))
    }

    fn commune_of(&self, unit: &UnitRef) -> Option<&Commune> {
        let code = match unit {
            UnitRef::Commune(c) => c.clone(),
            UnitRef::Village(_) => match &self.unit(unit)?.data {
                Unit::Village(v) => v.commune_code.clone(),
                _ => return None,
            },
            _ => return None,
        };
        match &self.unit(&UnitRef::Commune(code))?.data {
            Unit::Commune(c) => Some(c),
            _ => None,
        }
    }

    /// Which thresholds apply: a village uses its commune's region and group.
    pub fn context(&self, unit: &UnitRef) -> ThresholdContext {
        self.commune_of(unit)
            .map(ThresholdContext::from)
            .unwrap_or_default()
    }

    pub fn assessment(&self, unit: &UnitRef, set: &SetId, period: Period) -> Option<&Assessment> {
        self.assessments_of(unit)
            .find(|a| &a.key.set == set && a.key.period == period)
    }

    /// The unit's most recent assessment (latest period; ties broken by set id).
    pub fn latest_assessment(&self, unit: &UnitRef) -> Option<&Assessment> {
        self.assessments_of(unit)
            .max_by(|a, b| (a.key.period, &a.key.set).cmp(&(b.key.period, &b.key.set)))
    }

    /// Whether a counting nâng cao set was met by the same unit in the same period, for
    /// kiểu mẫu conditions.
    fn facts(&self, a: &Assessment) -> LevelFacts {
        let nang_cao = self
            .assessments_of(&a.key.unit)
            .filter(|o| o.key.period == a.key.period)
            .filter_map(|o| {
                self.indexed_set(&o.key.set)
                    .filter(|(s, _)| self.counts_for(s, SetLevel::XaNangCao))
                    .map(|s| (o, s))
            })
            .map(|(o, (s, index))| {
                let ctx = self.context(&o.key.unit);
                summarise_indexed(s, index, o, ctx, LevelFacts::default()).meets_set()
            })
            .reduce(|a, b| a || b);
        LevelFacts {
            nang_cao_achieved: nang_cao,
        }
    }

    pub fn evaluate(&self, a: &Assessment) -> Option<AssessmentResult> {
        let set = self.set(&a.key.set)?;
        Some(evaluate_assessment(
            set,
            a,
            self.context(&a.key.unit),
            self.facts(a),
        ))
    }

    /// [`Self::evaluate`] reduced to the outcomes (statistics of many communes).
    pub fn summarise(&self, a: &Assessment) -> Option<AssessmentSummary> {
        let (set, index) = self.indexed_set(&a.key.set)?;
        Some(summarise_indexed(
            set,
            index,
            a,
            self.context(&a.key.unit),
            self.facts(a),
        ))
    }

    /// The latest result of a unit, with the set it was made against.
    pub fn latest_result(
        &self,
        unit: &UnitRef,
    ) -> Option<(&Assessment, &CriteriaSet, AssessmentResult)> {
        let a = self.latest_assessment(unit)?;
        let set = self.set(&a.key.set)?;
        Some((a, set, self.evaluate(a)?))
    }

    /// The unit's assessments of exactly `period` with data, against sets counting for
    /// `level`, each with its set and outcomes.
    fn counted_results(
        &self,
        unit: &UnitRef,
        period: Period,
        level: SetLevel,
    ) -> Vec<(&CriteriaSet, AssessmentSummary)> {
        self.assessments_of(unit)
            .filter(|a| a.key.period == period && a.has_data())
            .filter_map(|a| {
                let set = self.set(&a.key.set).filter(|s| self.counts_for(s, level))?;
                Some((set, self.summarise(a)?))
            })
            .collect()
    }

    /// The levels a commune reached in `period`, by its assessments of that period alone
    /// against the sets that count for each level. Each level needs the one below.
    pub fn levels_in(&self, unit: &UnitRef, period: Period) -> CommuneLevels {
        let meets = |level| {
            self.counted_results(unit, period, level)
                .iter()
                .any(|(_, r)| r.meets_set())
        };
        let ntm = meets(SetLevel::XaNtm);
        let nang_cao = ntm && meets(SetLevel::XaNangCao);
        CommuneLevels {
            ntm,
            nang_cao,
            kieu_mau: nang_cao && meets(SetLevel::XaKieuMau),
        }
    }

    /// The sets that decided `level` for `unit` in `period` (for naming them by a figure).
    pub fn sets_counted(&self, unit: &UnitRef, period: Period, level: SetLevel) -> Vec<SetId> {
        self.counted_results(unit, period, level)
            .into_iter()
            .map(|(s, _)| s.set_id())
            .collect()
    }

    /// A village's standing in `period` against the village sets that count (thôn NTM):
    /// `None` without data against one, else whether it meets one.
    pub fn village_result(&self, unit: &UnitRef, period: Period) -> Option<bool> {
        let results = self.counted_results(unit, period, SetLevel::ThonNtm);
        (!results.is_empty()).then(|| results.iter().any(|(_, r)| r.meets_set()))
    }

    /// Every live commune as (code, name), for pickers.
    pub fn commune_choices(&self) -> Vec<(String, String)> {
        self.units
            .iter()
            .filter(|u| self.is_live(u))
            .filter_map(|u| match &u.data {
                Unit::Commune(c) => Some((c.code.clone(), c.name.clone())),
                _ => None,
            })
            .collect()
    }

    /// Live communes inside a scope.
    pub fn communes_in(&self, scope: &Scope) -> Vec<&Commune> {
        self.units
            .iter()
            .filter(|u| self.is_live(u))
            .filter_map(|u| match &u.data {
                Unit::Commune(c) => Some(c),
                _ => None,
            })
            .filter(|c| scope.contains_commune(c))
            .collect()
    }

    /// Communes of a scope the user archived (they are left out of figures even when the
    /// official list has them).
    pub fn archived_communes_in(&self, scope: &Scope) -> BTreeSet<&str> {
        self.units
            .iter()
            .filter(|u| !self.is_live(u))
            .filter_map(|u| match &u.data {
                Unit::Commune(c) if scope.contains_commune(c) => Some(c.code.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Live villages (not archived, not merged into another) of the given communes.
    pub fn villages_of<'a>(&'a self, communes: &BTreeSet<&str>) -> Vec<&'a Village> {
        self.units
            .iter()
            .filter(|u| self.is_live(u))
            .filter_map(|u| match &u.data {
                Unit::Village(v) if communes.contains(v.commune_code.as_str()) => Some(v),
                _ => None,
            })
            .collect()
    }

    /// Live villages of the live communes inside a scope.
    pub fn villages_in(&self, scope: &Scope) -> Vec<&Village> {
        let communes: BTreeSet<&str> = self
            .communes_in(scope)
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        self.villages_of(&communes)
    }
}
