//! Everything the dashboard and the printed report show for one scope, criteria set and
//! period, computed from the workspace: the figures of `stats`, the commune × criterion
//! matrix ("biểu tổng hợp kết quả thực hiện bộ tiêu chí"), the trend over periods, and the
//! change since the previous period. Pure, so every number is tested natively.

use super::assessment::Period;
use super::criteria::SetId;
use super::evaluation::CriterionOutcome;
use super::ocop::{Product, Rating};
use super::plans::PlanItem;
use super::stats::{
    change, default_bands, scope_stats, Change, CommuneRow, Scope, ScopeStats, VillageRow,
};
use super::sync::Record;
use super::units::{Unit, UnitRef};
use super::workspace::Workspace;

/// One commune's row of the summary table.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixRow {
    pub code: String,
    pub name: String,
    /// One cell per criterion of the set, in order; `None`: not assessed.
    pub cells: Vec<Option<CriterionOutcome>>,
    /// Criteria met, or `None` when the commune has no assessment in the period.
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
}

impl Workspace {
    /// The communes of `scope` with their result against `set` in `period`.
    pub fn commune_rows(&self, scope: &Scope, set: &SetId, period: Period) -> Vec<CommuneRow> {
        let mut rows: Vec<CommuneRow> = self
            .communes_in(scope)
            .into_iter()
            .map(|c| {
                let unit = UnitRef::Commune(c.code.clone());
                CommuneRow {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    province_code: c.province_code.clone(),
                    district_code: c.legacy_district.as_ref().map(|d| d.code.clone()),
                    result: self
                        .assessment(&unit, set, period)
                        .and_then(|a| self.summarise(a)),
                    levels: self.levels_in_year(&unit, period.year),
                }
            })
            .collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code)));
        rows
    }

    /// The villages of `scope`, meeting their village set in `period`'s year or not.
    pub fn village_rows(&self, scope: &Scope, period: Period) -> Vec<VillageRow> {
        self.villages_in(scope)
            .into_iter()
            .map(|v| VillageRow {
                id: v.id.clone(),
                name: v.name.clone(),
                commune_code: v.commune_code.clone(),
                meets_set: self.village_meets_in_year(&UnitRef::Village(v.id.clone()), period.year),
                recognised: false,
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
        for u in self.units.iter().filter(|u| !u.archived) {
            if let Unit::Province(p) = &u.data {
                out.push((Scope::Province(p.code.clone()), p.name.clone()));
            }
        }
        let mut communes: Vec<(Scope, String)> = self
            .units
            .iter()
            .filter(|u| !u.archived)
            .filter_map(|u| match &u.data {
                Unit::Commune(c) => Some((Scope::Commune(c.code.clone()), c.name.clone())),
                _ => None,
            })
            .collect();
        communes.sort_by(|a, b| a.1.cmp(&b.1));
        out.extend(communes);
        out
    }

    /// What a scope achieved of a plan item in `year` ("đạt x" of "đăng ký y"): communes at
    /// each level and villages meeting their set in the year; OCOP products of the scope
    /// certified (3★ and up) that year.
    pub fn plan_achieved(
        &self,
        item: PlanItem,
        scope: &Scope,
        year: u16,
        products: &[Record<Product>],
        ratings: &[Record<Rating>],
    ) -> u32 {
        let communes = self.communes_in(scope);
        let levels = |pick: fn(&super::evaluation::CommuneLevels) -> bool| {
            communes
                .iter()
                .filter(|c| pick(&self.levels_in_year(&UnitRef::Commune(c.code.clone()), year)))
                .count()
        };
        let count = match item {
            PlanItem::CommunesNtm => levels(|l| l.ntm),
            PlanItem::CommunesNangCao => levels(|l| l.nang_cao),
            PlanItem::CommunesKieuMau => levels(|l| l.kieu_mau),
            PlanItem::VillagesNtm => self
                .villages_in(scope)
                .iter()
                .filter(|v| self.village_meets_in_year(&UnitRef::Village(v.id.clone()), year))
                .count(),
            PlanItem::OcopProducts => {
                let codes: Vec<&str> = communes.iter().map(|c| c.code.as_str()).collect();
                products
                    .iter()
                    .filter(|p| !p.archived && codes.contains(&p.data.commune_code.as_str()))
                    .filter(|p| {
                        ratings.iter().any(|r| {
                            !r.archived
                                && r.data.product_id == p.id
                                && r.data.is_certified()
                                && chrono::Datelike::year(&r.data.issue_date) == i32::from(year)
                        })
                    })
                    .count()
            }
        };
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// The dashboard for `scope`, `set` and `period`; `None` when the set is unknown.
    pub fn dashboard(&self, scope: &Scope, set: &SetId, period: Period) -> Option<Dashboard> {
        let s = self.set(set)?;
        let criteria: Vec<String> = s.criteria.iter().map(|c| c.code.clone()).collect();
        let criteria_names: Vec<String> = s.criteria.iter().map(|c| c.name.clone()).collect();
        let bands = default_bands(criteria.len());
        // Every period's rows are evaluated once: the trend, the change and the matrix all
        // read the same periods (a national scope is thousands of communes each).
        let previous_period = period.previous();
        let set_periods = self.periods_of(set);
        let mut periods = set_periods.clone();
        periods.extend([period, previous_period]);
        periods.sort();
        periods.dedup();
        let stats_of: std::collections::BTreeMap<Period, (Vec<CommuneRow>, ScopeStats)> = periods
            .iter()
            .map(|&p| {
                let rows = self.commune_rows(scope, set, p);
                let st = scope_stats(
                    scope,
                    &rows,
                    &self.village_rows(scope, p),
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
                met: r.result.as_ref().map(|x| x.met),
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
        let trend = set_periods
            .into_iter()
            .map(|p| {
                let st = &stats_of[&p].1;
                TrendPoint {
                    period: p,
                    assessed: st.assessed,
                    average_met: st.average_met,
                    meeting_set: st.assessed - st.gaps.len(),
                }
            })
            .collect();
        let previous = &stats_of[&previous_period].1;
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
        })
    }
}
