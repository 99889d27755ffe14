//! What a [`Workspace`] knows beyond marks: recognition steps (where a unit stands by
//! decision on a date), the quantities of the resources list and their figures, with the
//! questions the dashboard and the unit page ask of them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::assessment::Period;
use super::criteria::SetLevel;
use super::recognition::{self, Recognition, Standing};
use super::resources::{builtin_quantities, totals, Quantity, ResourceEntry, Total};
use super::sync::Record;
use super::units::{Unit, UnitRef};
use super::workspace::Workspace;

#[derive(Clone, Debug, Default)]
pub struct Results {
    /// Live steps, a merged village's under the village kept.
    recognitions: Vec<Recognition>,
    /// Unit key → positions in `recognitions`.
    by_unit: HashMap<String, Vec<usize>>,
    /// The province's own quantities (live).
    quantities: Vec<Quantity>,
    /// Live figures, a merged village's under the village kept.
    resources: Vec<ResourceEntry>,
}

impl Workspace {
    /// Adds the recognition steps, quantities and figures (archived ones left out).
    pub fn with_results(
        mut self,
        recognitions: Vec<Record<Recognition>>,
        quantities: Vec<Record<Quantity>>,
        resources: Vec<Record<ResourceEntry>>,
    ) -> Self {
        let mut r = Results {
            quantities: quantities
                .into_iter()
                .filter(|q| !q.archived)
                .map(|q| q.data)
                .collect(),
            ..Results::default()
        };
        for mut step in recognitions
            .into_iter()
            .filter(|s| !s.archived)
            .map(|s| s.data)
        {
            step.unit = self.kept_ref(&step.unit);
            r.by_unit
                .entry(step.unit.key())
                .or_default()
                .push(r.recognitions.len());
            r.recognitions.push(step);
        }
        r.resources = resources
            .into_iter()
            .filter(|e| !e.archived)
            .map(|e| {
                let mut e = e.data;
                e.unit = self.kept_ref(&e.unit);
                e
            })
            .collect();
        self.results = r;
        self
    }

    /// The recognition steps of a unit, latest first.
    pub fn steps_of(&self, unit: &UnitRef) -> Vec<&Recognition> {
        let mut out: Vec<&Recognition> = self
            .results
            .by_unit
            .get(&unit.key())
            .into_iter()
            .flatten()
            .map(|i| &self.results.recognitions[*i])
            .collect();
        out.sort_by(|a, b| b.date.cmp(&a.date).then(b.step.cmp(&a.step)));
        out
    }

    /// Whether `unit` is recognised at `level` at the end of `period` (by decision, not
    /// from marks: see `recognition::recognised`).
    pub fn recognised(&self, unit: &UnitRef, level: SetLevel, period: Period) -> bool {
        recognition::recognised(self.steps_of(unit), unit, level, period.dates().1)
    }

    /// The units among `units` registered at `level` for the period's year, with where
    /// each stands at the end of the period.
    pub fn registered(
        &self,
        units: &BTreeSet<String>,
        level: SetLevel,
        period: Period,
    ) -> Vec<(UnitRef, Standing)> {
        let steps: Vec<&Recognition> = self
            .results
            .recognitions
            .iter()
            .filter(|s| units.contains(&s.unit.key()))
            .collect();
        recognition::registered(steps, level, period.year, period.dates().1)
    }

    /// Every quantity: the built-in list, then the province's own.
    pub fn quantities(&self) -> Vec<Quantity> {
        let mut out = builtin_quantities().to_vec();
        out.extend(self.results.quantities.iter().cloned());
        out
    }

    /// The figures of one unit in one period, by quantity id.
    pub fn figures_of(&self, unit: &UnitRef, period: Period) -> BTreeMap<String, &ResourceEntry> {
        self.results
            .resources
            .iter()
            .filter(|e| &e.unit == unit && e.period == period)
            .map(|e| (e.quantity.clone(), e))
            .collect()
    }

    /// The totals of each quantity over the communes `codes` in `period` (a commune's own
    /// figure, else its live villages' added up).
    pub fn resource_totals(
        &self,
        codes: &BTreeSet<&str>,
        period: Period,
    ) -> BTreeMap<String, Total> {
        let village_commune = |id: &str| match self.unit(&UnitRef::Village(id.to_string())) {
            Some(u) if self.is_live(u) => match &u.data {
                Unit::Village(v) => Some(v.commune_code.clone()),
                _ => None,
            },
            _ => None,
        };
        totals(
            &self.results.resources,
            period,
            |c| codes.contains(c),
            village_commune,
        )
    }
}

/// Units registered for a level and year, and where they stand at the end of the period
/// ("22 thôn đăng ký …, 1 thôn đã được công nhận, 4 thôn đã được thẩm định, 17 thôn đang
/// tiếp tục").
#[derive(Clone, Debug, PartialEq)]
pub struct Registration {
    pub level: SetLevel,
    pub year: u16,
    pub registered: usize,
    pub recognised: usize,
    pub appraised: usize,
    pub in_progress: usize,
}

/// A quantity's total over the scope.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceFigure {
    pub quantity: Quantity,
    pub total: Total,
}

/// What the dashboard shows beyond marks, for the communes it counts.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ResultFigures {
    /// Communes recognised by decision at the end of the period, for NTM, nâng cao and
    /// kiểu mẫu; shares of the communes counted.
    pub recognised: Vec<(SetLevel, super::stats::CountShare)>,
    /// Villages of those communes recognised as thôn NTM and as thôn kiểu mẫu.
    pub villages_recognised: Vec<(SetLevel, usize)>,
    /// Registrations for the period's year, for every level anyone registered for.
    pub registrations: Vec<Registration>,
    /// Every quantity with a figure in the period, in list order.
    pub resources: Vec<ResourceFigure>,
}

/// The commune levels reports count recognitions for.
pub const COMMUNE_LEVELS: [SetLevel; 3] =
    [SetLevel::XaNtm, SetLevel::XaNangCao, SetLevel::XaKieuMau];
/// The village levels.
pub const VILLAGE_LEVELS: [SetLevel; 2] = [SetLevel::ThonNtm, SetLevel::ThonKieuMau];

impl Workspace {
    /// [`ResultFigures`] for the communes `codes` (the dashboard's denominator) in `period`.
    pub fn result_figures(&self, codes: &BTreeSet<&str>, period: Period) -> ResultFigures {
        let communes: Vec<UnitRef> = codes
            .iter()
            .map(|c| UnitRef::Commune(c.to_string()))
            .collect();
        let villages: Vec<UnitRef> = self
            .villages_of(codes)
            .iter()
            .map(|v| UnitRef::Village(v.id.clone()))
            .collect();
        let recognised = COMMUNE_LEVELS
            .into_iter()
            .map(|level| {
                let n = communes
                    .iter()
                    .filter(|c| self.recognised(c, level, period))
                    .count();
                (level, super::stats::share(n, communes.len()))
            })
            .collect();
        let villages_recognised = VILLAGE_LEVELS
            .into_iter()
            .map(|level| {
                let n = villages
                    .iter()
                    .filter(|v| self.recognised(v, level, period))
                    .count();
                (level, n)
            })
            .collect();
        let keys: BTreeSet<String> = communes.iter().chain(&villages).map(UnitRef::key).collect();
        let registrations = COMMUNE_LEVELS
            .into_iter()
            .chain(VILLAGE_LEVELS)
            .filter_map(|level| {
                let list = self.registered(&keys, level, period);
                let count = |s: Standing| list.iter().filter(|(_, x)| *x == s).count();
                (!list.is_empty()).then(|| Registration {
                    level,
                    year: period.year,
                    registered: list.len(),
                    recognised: count(Standing::Recognised),
                    appraised: count(Standing::Appraised),
                    in_progress: count(Standing::InProgress),
                })
            })
            .collect();
        let mut totals = self.resource_totals(codes, period);
        let resources = self
            .quantities()
            .into_iter()
            .filter_map(|q| {
                totals
                    .remove(&q.id)
                    .map(|total| ResourceFigure { quantity: q, total })
            })
            .collect();
        ResultFigures {
            recognised,
            villages_recognised,
            registrations,
            resources,
        }
    }
}
