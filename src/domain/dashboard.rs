//! Everything the dashboard and the printed report show for one scope, criteria set and
//! period, computed from the workspace: the figures of `stats`, the commune × criterion
//! matrix ("biểu tổng hợp kết quả thực hiện bộ tiêu chí"), the trend over periods, and the
//! change since the previous period. Pure, so every number is tested natively.
//!
//! What a figure counts (docs: README "Dashboard"): the communes of the scope are the rural
//! communes (xã) of the official list for the province, with those the device knows and
//! minus those the user archived; wards and special zones only when asked. Every figure
//! of a period uses that period's assessments alone ("one period, one answer"), and each
//! commune is in exactly one of three groups: meets the set, assessed and does not, no
//! data.

use std::collections::{BTreeMap, BTreeSet};

use super::assessment::Period;
use super::catalog::Catalog;
use super::criteria::{SetId, SetLevel};
use super::evaluation::CriterionOutcome;
use super::ocop::{counts, OcopCounts, Product, Rating};
use super::stats::{
    change, default_bands, scope_stats, Change, CommuneRow, Scope, ScopeStats, VillageRow,
};
use super::sync::Record;
use super::units::{CommuneKind, Unit, UnitRef};
use super::workspace::Workspace;

/// One commune's row of the summary table.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixRow {
    pub code: String,
    pub name: String,
    /// One cell per criterion of the set, in order; `None`: not assessed.
    pub cells: Vec<Option<CriterionOutcome>>,
    /// Criteria reached, or `None` when the commune has no data in the period.
    pub met: Option<usize>,
    pub meets_set: bool,
}

/// The summary table: communes as rows, criteria as columns, with column totals.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    pub criteria: Vec<String>,
    pub rows: Vec<MatrixRow>,
    /// Communes meeting each criterion (the table's last row).
    pub met_per_criterion: Vec<usize>,
}

/// One period of the trend.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub period: Period,
    pub assessed: usize,
    pub average_met: f64,
    pub meeting_set: usize,
}

/// A commune of the scope without data against the set in the period.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingCommune {
    pub code: String,
    pub name: String,
    /// It has data this period against another version of the same set (which this
    /// dashboard does not mix in: the criteria may differ).
    pub other_version: Option<SetId>,
}

/// What decides which communes a dashboard counts.
#[derive(Clone, Copy, Debug, Default)]
pub struct DashboardOptions<'a> {
    /// The official list: a province's communes this device has no record of still count
    /// (as "no data"), so "126/143 xã" says how many are missing.
    pub official: Option<&'a Catalog>,
    /// Count wards (phường) and special zones (đặc khu) too. The programme scores rural
    /// communes, so by default only xã count.
    pub include_wards: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub stats: ScopeStats,
    pub criteria: Vec<String>,
    pub criteria_names: Vec<String>,
    pub matrix: Matrix,
    pub trend: Vec<TrendPoint>,
    /// Against the previous period, when it has assessments.
    pub change: Option<Change>,
    pub previous_period: Period,
    /// The communes counted (codes): the denominator.
    pub communes: Vec<String>,
    /// Communes counted that have no data against the set in the period.
    pub without_data: Vec<MissingCommune>,
    /// Wards and special zones of the scope with data in the period, left out because
    /// they are not counted (see [`DashboardOptions::include_wards`]).
    pub wards_left_out: usize,
    /// For each level, the sets whose assessments decided it in scope and period.
    pub level_sets: Vec<(SetLevel, Vec<SetId>)>,
    /// The village sets counted in scope and period.
    pub village_sets: Vec<SetId>,
    /// Recognitions by decision, registrations and resource totals of the communes
    /// counted (beside the self-assessed levels of `stats`).
    pub results: super::results::ResultFigures,
}

/// A commune of a scope as the dashboard counts it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopeCommune {
    pub code: String,
    pub name: String,
    pub kind: CommuneKind,
    pub province_code: String,
    pub district_code: Option<String>,
}

impl Period {
    /// The first and last day of the period (certificates issued in it count for it).
    pub fn dates(self) -> (chrono::NaiveDate, chrono::NaiveDate) {
        let y = i32::from(self.year);
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        match self.part {
            super::assessment::PeriodPart::FirstHalf => (day(1, 1), day(6, 30)),
            super::assessment::PeriodPart::FullYear => (day(1, 1), day(12, 31)),
        }
    }
}

/// OCOP certificates issued in `period` for the live products of `communes`, by stars,
/// group, new or re-rated (archived products and ratings are left out).
pub fn ocop_in_scope(
    products: &[Record<Product>],
    ratings: &[Record<Rating>],
    communes: &BTreeSet<&str>,
    period: Period,
) -> OcopCounts {
    let products: Vec<Product> = products
        .iter()
        .filter(|p| {
            !p.archived && !p.data.archived && communes.contains(p.data.commune_code.as_str())
        })
        .map(|p| p.data.clone())
        .collect();
    let ratings: Vec<Rating> = ratings
        .iter()
        .filter(|r| !r.archived)
        .map(|r| r.data.clone())
        .collect();
    let (from, to) = period.dates();
    counts(&products, &ratings, from, to)
}

impl Workspace {
    /// The communes a dashboard of `scope` counts: the official list's for a province, with
    /// the live ones this device knows, minus those archived here; only xã unless
    /// `include_wards`. A commune scope is that commune, whatever its kind.
    pub fn scope_communes(&self, scope: &Scope, opts: DashboardOptions<'_>) -> Vec<ScopeCommune> {
        let counted = |k: CommuneKind| opts.include_wards || k == CommuneKind::Xa;
        let mut out: BTreeMap<String, ScopeCommune> = self
            .communes_in(scope)
            .into_iter()
            .filter(|c| matches!(scope, Scope::Commune(_)) || counted(c.kind))
            .map(|c| {
                (
                    c.code.clone(),
                    ScopeCommune {
                        code: c.code.clone(),
                        name: c.name.clone(),
                        kind: c.kind,
                        province_code: c.province_code.clone(),
                        district_code: c.legacy_district.as_ref().map(|d| d.code.clone()),
                    },
                )
            })
            .collect();
        if let (Scope::Province(p), Some(list)) = (scope, opts.official) {
            let archived = self.archived_communes_in(scope);
            for c in list
                .province(p)
                .map(|p| p.communes.as_slice())
                .unwrap_or_default()
            {
                if counted(c.kind) && !archived.contains(c.code.as_str()) {
                    out.entry(c.code.clone()).or_insert_with(|| ScopeCommune {
                        code: c.code.clone(),
                        name: c.name.clone(),
                        kind: c.kind,
                        province_code: p.clone(),
                        district_code: None,
                    });
                }
            }
        }
        let mut out: Vec<ScopeCommune> = out.into_values().collect();
        out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code)));
        out
    }

    /// The communes of `scope` with their result against `set` in `period`.
    pub fn commune_rows(
        &self,
        scope: &Scope,
        set: &SetId,
        period: Period,
        opts: DashboardOptions<'_>,
    ) -> Vec<CommuneRow> {
        self.scope_communes(scope, opts)
            .into_iter()
            .map(|c| {
                let unit = UnitRef::Commune(c.code.clone());
                CommuneRow {
                    result: self
                        .assessment(&unit, set, period)
                        .filter(|a| a.has_data())
                        .and_then(|a| self.summarise(a)),
                    levels: self.levels_in(&unit, period),
                    code: c.code,
                    name: c.name,
                    kind: c.kind,
                    province_code: c.province_code,
                    district_code: c.district_code,
                }
            })
            .collect()
    }

    /// The live villages of `communes`, with their standing in `period` against the
    /// village sets that count.
    pub fn village_rows(&self, communes: &BTreeSet<&str>, period: Period) -> Vec<VillageRow> {
        self.villages_of(communes)
            .into_iter()
            .map(|v| VillageRow {
                id: v.id.clone(),
                name: v.name.clone(),
                commune_code: v.commune_code.clone(),
                result: self.village_result(&UnitRef::Village(v.id.clone()), period),
                recognised: self.recognised(
                    &UnitRef::Village(v.id.clone()),
                    SetLevel::ThonNtm,
                    period,
                ),
            })
            .collect()
    }

    /// The periods with at least one assessment against `set`, oldest first.
    pub fn periods_of(&self, set: &SetId) -> Vec<Period> {
        let mut out: Vec<Period> = self
            .assessments
            .iter()
            .filter(|a| &a.key.set == set)
            .map(|a| a.key.period)
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The name of a scope's unit ("Tỉnh Mẫu", "Xã Thiệu Hóa").
    pub fn scope_name(&self, scope: &Scope) -> String {
        let r = match scope {
            Scope::Province(c) => UnitRef::Province(c.clone()),
            Scope::District(c) => UnitRef::District(c.clone()),
            Scope::Commune(c) => UnitRef::Commune(c.clone()),
        };
        self.unit(&r)
            .map(|u| u.data.name().to_string())
            .unwrap_or_default()
    }

    /// The provinces and communes a dashboard can cover, provinces first.
    pub fn scopes(&self) -> Vec<(Scope, String)> {
        let mut out = Vec::new();
        for u in self.units.iter().filter(|u| self.is_live(u)) {
            if let Unit::Province(p) = &u.data {
                out.push((Scope::Province(p.code.clone()), p.name.clone()));
            }
        }
        let mut communes: Vec<(Scope, String)> = self
            .units
            .iter()
            .filter(|u| self.is_live(u))
            .filter_map(|u| match &u.data {
                Unit::Commune(c) => Some((Scope::Commune(c.code.clone()), c.name.clone())),
                _ => None,
            })
            .collect();
        communes.sort_by(|a, b| a.1.cmp(&b.1));
        out.extend(communes);
        out
    }

    /// The latest period of `year` with any assessment of a commune of `scope` (a plan's
    /// progress is read as of it), or the whole year.
    pub fn latest_period_of_year(&self, scope: &Scope, year: u16) -> Period {
        let communes: BTreeSet<String> = self
            .communes_in(scope)
            .iter()
            .map(|c| UnitRef::Commune(c.code.clone()).key())
            .collect();
        self.assessments
            .iter()
            .filter(|a| a.key.period.year == year && communes.contains(&a.key.unit.key()))
            .map(|a| a.key.period)
            .max()
            .unwrap_or(Period::year(year))
    }

    /// The dashboard for `scope`, `set` and `period`; `None` when the set is unknown.
    pub fn dashboard(
        &self,
        scope: &Scope,
        set: &SetId,
        period: Period,
        opts: DashboardOptions<'_>,
    ) -> Option<Dashboard> {
        let s = self.set(set)?;
        let criteria: Vec<String> = s.criteria.iter().map(|c| c.code.clone()).collect();
        let criteria_names: Vec<String> = s.criteria.iter().map(|c| c.name.clone()).collect();
        let bands = default_bands(criteria.len());
        let communes = self.scope_communes(scope, opts);
        let codes: BTreeSet<&str> = communes.iter().map(|c| c.code.as_str()).collect();
        // Every period's rows are evaluated once: the trend, the change and the matrix all
        // read the same periods (a national scope is thousands of communes each).
        let previous_period = period.previous();
        let set_periods = self.periods_of(set);
        let mut periods = set_periods.clone();
        periods.extend([period, previous_period]);
        periods.sort();
        periods.dedup();
        let stats_of: BTreeMap<Period, (Vec<CommuneRow>, ScopeStats)> = periods
            .iter()
            .map(|&p| {
                let rows = self.commune_rows(scope, set, p, opts);
                let st = scope_stats(
                    scope,
                    &rows,
                    &self.village_rows(&codes, p),
                    &criteria,
                    &bands,
                );
                (p, (rows, st))
            })
            .collect();
        let (rows, stats) = &stats_of[&period];
        let stats = stats.clone();
        let matrix_rows: Vec<MatrixRow> = rows
            .iter()
            .map(|r| MatrixRow {
                code: r.code.clone(),
                name: r.name.clone(),
                cells: (0..criteria.len())
                    .map(|i| r.result.as_ref().and_then(|x| x.outcomes.get(i).copied()))
                    .collect(),
                met: r.result.as_ref().map(|x| x.reached),
                meets_set: r.result.as_ref().is_some_and(|x| x.meets_set()),
            })
            .collect();
        let met_per_criterion = (0..criteria.len())
            .map(|i| {
                matrix_rows
                    .iter()
                    .filter(|r| r.cells[i] == Some(CriterionOutcome::Met))
                    .count()
            })
            .collect();
        let without_data = rows
            .iter()
            .filter(|r| r.result.is_none())
            .map(|r| MissingCommune {
                code: r.code.clone(),
                name: r.name.clone(),
                other_version: self.other_version(&UnitRef::Commune(r.code.clone()), set, period),
            })
            .collect();
        let trend = set_periods
            .into_iter()
            .map(|p| {
                let st = &stats_of[&p].1;
                TrendPoint {
                    period: p,
                    assessed: st.assessed,
                    average_met: st.average_met,
                    meeting_set: st.meeting,
                }
            })
            .collect();
        let previous = &stats_of[&previous_period].1;
        let counted = |level: SetLevel, units: Vec<UnitRef>| {
            let mut ids: Vec<SetId> = units
                .iter()
                .flat_map(|u| self.sets_counted(u, period, level))
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        let commune_refs = || {
            communes
                .iter()
                .map(|c| UnitRef::Commune(c.code.clone()))
                .collect()
        };
        let level_sets = [SetLevel::XaNtm, SetLevel::XaNangCao, SetLevel::XaKieuMau]
            .into_iter()
            .map(|l| (l, counted(l, commune_refs())))
            .collect();
        let village_sets = counted(
            SetLevel::ThonNtm,
            self.villages_of(&codes)
                .iter()
                .map(|v| UnitRef::Village(v.id.clone()))
                .collect(),
        );
        let wards_left_out = if opts.include_wards {
            0
        } else {
            self.communes_in(scope)
                .iter()
                .filter(|c| c.kind != CommuneKind::Xa && !matches!(scope, Scope::Commune(_)))
                .filter(|c| {
                    self.assessment(&UnitRef::Commune(c.code.clone()), set, period)
                        .is_some_and(|a| a.has_data())
                })
                .count()
        };
        Some(Dashboard {
            change: (previous.assessed > 0).then(|| change(previous, &stats)),
            stats,
            criteria_names,
            matrix: Matrix {
                criteria: criteria.clone(),
                rows: matrix_rows,
                met_per_criterion,
            },
            criteria,
            trend,
            previous_period,
            communes: communes.iter().map(|c| c.code.clone()).collect(),
            without_data,
            wards_left_out,
            level_sets,
            village_sets,
            results: self.result_figures(&codes, period),
        })
    }

    /// Another version of `set`'s lineage that `unit` has data against in `period`.
    fn other_version(&self, unit: &UnitRef, set: &SetId, period: Period) -> Option<SetId> {
        self.assessments_of(unit)
            .find(|a| {
                a.key.period == period
                    && a.key.set.id == set.id
                    && a.key.set != *set
                    && a.has_data()
            })
            .map(|a| a.key.set.clone())
    }
}
