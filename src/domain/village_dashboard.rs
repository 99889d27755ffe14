//! The dashboard of a village set ("x thôn đạt chuẩn thôn NTM", "thôn kiểu mẫu đạt 14/14
//! tiêu chí"): for the communes of a scope, their live villages against the chosen village
//! set in one period — meeting it, recognised by decision, the weakest criteria, each
//! village × criterion, and the count by commune. Villages, not communes, are counted.

use std::collections::BTreeSet;

use super::assessment::Period;
use super::criteria::{SetId, SetLevel};
use super::dashboard::DashboardOptions;
use super::evaluation::CriterionOutcome;
use super::stats::Scope;
use super::units::UnitRef;
use super::workspace::Workspace;

/// One village's row.
#[derive(Clone, Debug, PartialEq)]
pub struct VillageRow {
    pub id: String,
    pub name: String,
    pub commune_code: String,
    pub commune_name: String,
    /// One cell per criterion; `None` for every cell when the village has no data.
    pub cells: Vec<Option<CriterionOutcome>>,
    /// Criteria reached, `None` without data against the set in the period.
    pub reached: Option<usize>,
    pub meets_set: bool,
    /// Recognised as thôn NTM (or kiểu mẫu) by decision at the end of the period.
    pub recognised: bool,
}

/// A criterion's rate among the villages with data.
#[derive(Clone, Debug, PartialEq)]
pub struct VillageCriterionRate {
    pub code: String,
    pub name: String,
    pub met: usize,
    pub assessed: usize,
}

/// A commune's villages in figures.
#[derive(Clone, Debug, PartialEq)]
pub struct CommuneVillages {
    pub code: String,
    pub name: String,
    pub villages: usize,
    pub assessed: usize,
    pub meeting: usize,
    pub recognised: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VillageDashboard {
    pub criteria: Vec<String>,
    pub criteria_names: Vec<String>,
    /// Live villages of the scope's communes: the denominator.
    pub villages: usize,
    pub assessed: usize,
    pub meeting: usize,
    /// Criteria reached per assessed village (0 without any).
    pub average_reached: f64,
    pub recognised: usize,
    pub recognised_model: usize,
    /// In the set's order (sort for "weakest first").
    pub rates: Vec<VillageCriterionRate>,
    /// By commune, in name order; then villages by commune and name.
    pub communes: Vec<CommuneVillages>,
    pub rows: Vec<VillageRow>,
}

impl Workspace {
    /// The village dashboard of `scope` against village set `set` in `period`; `None`
    /// when the set is unknown.
    pub fn village_dashboard(
        &self,
        scope: &Scope,
        set: &SetId,
        period: Period,
        opts: DashboardOptions<'_>,
    ) -> Option<VillageDashboard> {
        let s = self.set(set)?;
        let communes = self.scope_communes(scope, opts);
        let mut rows = Vec::new();
        let mut by_commune = Vec::new();
        for c in &communes {
            let codes: BTreeSet<&str> = [c.code.as_str()].into();
            let mut villages = self.villages_of(&codes);
            villages.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
            let mut counts = CommuneVillages {
                code: c.code.clone(),
                name: c.name.clone(),
                villages: villages.len(),
                assessed: 0,
                meeting: 0,
                recognised: 0,
            };
            for v in villages {
                let unit = UnitRef::Village(v.id.clone());
                let summary = self
                    .assessment(&unit, set, period)
                    .filter(|a| a.has_data())
                    .and_then(|a| self.summarise(a));
                let recognised = self.recognised(&unit, SetLevel::ThonNtm, period);
                let meets_set = summary.as_ref().is_some_and(|x| x.meets_set());
                counts.assessed += usize::from(summary.is_some());
                counts.meeting += usize::from(meets_set);
                counts.recognised += usize::from(recognised);
                rows.push(VillageRow {
                    id: v.id.clone(),
                    name: v.name.clone(),
                    commune_code: c.code.clone(),
                    commune_name: c.name.clone(),
                    cells: (0..s.criteria.len())
                        .map(|i| summary.as_ref().and_then(|x| x.outcomes.get(i).copied()))
                        .collect(),
                    reached: summary.as_ref().map(|x| x.reached),
                    meets_set,
                    recognised,
                });
            }
            by_commune.push(counts);
        }
        let assessed: Vec<&VillageRow> = rows.iter().filter(|r| r.reached.is_some()).collect();
        let rates = s
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| VillageCriterionRate {
                code: c.code.clone(),
                name: c.name.clone(),
                met: assessed
                    .iter()
                    .filter(|r| r.cells[i] == Some(CriterionOutcome::Met))
                    .count(),
                assessed: assessed.len(),
            })
            .collect();
        let average_reached = if assessed.is_empty() {
            0.0
        } else {
            assessed.iter().filter_map(|r| r.reached).sum::<usize>() as f64 / assessed.len() as f64
        };
        let recognised_model = rows
            .iter()
            .filter(|r| {
                self.recognised(
                    &UnitRef::Village(r.id.clone()),
                    SetLevel::ThonKieuMau,
                    period,
                )
            })
            .count();
        Some(VillageDashboard {
            criteria: s.criteria.iter().map(|c| c.code.clone()).collect(),
            criteria_names: s.criteria.iter().map(|c| c.name.clone()).collect(),
            villages: rows.len(),
            assessed: assessed.len(),
            meeting: rows.iter().filter(|r| r.meets_set).count(),
            average_reached,
            recognised: rows.iter().filter(|r| r.recognised).count(),
            recognised_model,
            rates,
            communes: by_commune,
            rows,
        })
    }
}
