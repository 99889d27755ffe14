//! Progress of a year's plan as the reports measure it: units recognised by decision
//! against those registered ("đạt 94 % kế hoạch"), with the self-assessed count beside it;
//! the average criteria per commune against its target ("phấn đấu bình quân 14,9 tiêu
//! chí/xã"); and the communes still under a number of criteria ("không còn xã dưới 10 tiêu
//! chí").

use std::collections::{BTreeMap, BTreeSet};

use super::assessment::Period;
use super::criteria::{SetId, SetLevel};
use super::dashboard::{DashboardOptions, ScopeCommune};
use super::ocop::{Product, Rating};
use super::plans::{Plan, PlanItem};
use super::stats::Scope;
use super::sync::Record;
use super::units::UnitRef;
use super::workspace::Workspace;

/// One counted item of a plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ItemProgress {
    pub item: PlanItem,
    pub registered: u32,
    /// Recognised by decision by the end of the period (OCOP: certified in the year).
    pub achieved: u32,
    /// Meeting the level by their own marks in the period; `None` for OCOP.
    pub self_assessed: Option<u32>,
    /// achieved ÷ registered in percent; `None` when nothing was registered.
    pub percent: Option<f64>,
}

/// The average criteria per commune against its target.
#[derive(Clone, Debug, PartialEq)]
pub struct AverageProgress {
    pub target: f64,
    /// Among the communes assessed in the period; `None` when none is.
    pub achieved: Option<f64>,
    pub assessed: usize,
    /// The set the average is counted against (the one most communes of the scope use).
    pub set: Option<SetId>,
}

impl AverageProgress {
    pub fn met(&self) -> bool {
        self.achieved.is_some_and(|a| a + 1e-9 >= self.target)
    }
}

/// The communes still under `criteria` criteria.
#[derive(Clone, Debug, PartialEq)]
pub struct MinimumProgress {
    pub criteria: u32,
    /// Assessed communes reaching fewer criteria.
    pub under: Vec<(String, String)>,
    /// Communes of the scope without data in the period (they may be under too).
    pub without_data: usize,
}

impl MinimumProgress {
    pub fn met(&self) -> bool {
        self.under.is_empty() && self.without_data == 0
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanProgress {
    pub items: Vec<ItemProgress>,
    pub average: Option<AverageProgress>,
    pub minimum: Option<MinimumProgress>,
}

impl Workspace {
    /// The set most communes of `scope` are assessed against in `period`.
    pub fn main_commune_set(&self, scope: &Scope, period: Period) -> Option<SetId> {
        self.main_set_among(
            &self.scope_communes(scope, DashboardOptions::default()),
            period,
        )
    }

    fn main_set_among(&self, communes: &[ScopeCommune], period: Period) -> Option<SetId> {
        let communes: BTreeSet<String> = communes
            .iter()
            .map(|c| UnitRef::Commune(c.code.clone()).key())
            .collect();
        let mut counts: BTreeMap<&SetId, usize> = BTreeMap::new();
        for a in self.assessments.iter().filter(|a| {
            a.key.period == period && a.has_data() && communes.contains(&a.key.unit.key())
        }) {
            if self
                .set(&a.key.set)
                .is_some_and(|s| !s.level.is_village_level())
            {
                *counts.entry(&a.key.set).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(s, _)| s.clone())
    }

    /// What a scope achieved of a plan item as of `period`: communes (villages) recognised
    /// at the level by decision by the period's end; OCOP products of the scope certified
    /// (3★ and up) in the period's year up to its end.
    pub fn plan_achieved(
        &self,
        item: PlanItem,
        scope: &Scope,
        period: Period,
        products: &[Record<Product>],
        ratings: &[Record<Rating>],
    ) -> u32 {
        let communes = self.scope_communes(scope, DashboardOptions::default());
        self.achieved_among(item, &communes, period, products, ratings)
    }

    fn achieved_among(
        &self,
        item: PlanItem,
        communes: &[ScopeCommune],
        period: Period,
        products: &[Record<Product>],
        ratings: &[Record<Rating>],
    ) -> u32 {
        let codes: BTreeSet<&str> = communes.iter().map(|c| c.code.as_str()).collect();
        let recognised = |level: SetLevel| {
            communes
                .iter()
                .filter(|c| self.recognised(&UnitRef::Commune(c.code.clone()), level, period))
                .count()
        };
        let count = match item {
            PlanItem::CommunesNtm => recognised(SetLevel::XaNtm),
            PlanItem::CommunesNangCao => recognised(SetLevel::XaNangCao),
            PlanItem::CommunesKieuMau => recognised(SetLevel::XaKieuMau),
            PlanItem::VillagesNtm => self
                .villages_of(&codes)
                .iter()
                .filter(|v| {
                    self.recognised(&UnitRef::Village(v.id.clone()), SetLevel::ThonNtm, period)
                })
                .count(),
            PlanItem::OcopProducts => {
                let (from, _) = Period::year(period.year).dates();
                let (_, to) = period.dates();
                products
                    .iter()
                    .filter(|p| {
                        !p.archived
                            && !p.data.archived
                            && codes.contains(p.data.commune_code.as_str())
                    })
                    .filter(|p| {
                        ratings.iter().any(|r| {
                            !r.archived
                                && r.data.product_id == p.id
                                && r.data.is_certified()
                                && r.data.issue_date >= from
                                && r.data.issue_date <= to
                        })
                    })
                    .count()
            }
        };
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// What a scope reached of a plan item by its own marks in `period` (communes at the
    /// level, villages meeting a counting village set); `None` for OCOP.
    pub fn plan_self_assessed(&self, item: PlanItem, scope: &Scope, period: Period) -> Option<u32> {
        let communes = self.scope_communes(scope, DashboardOptions::default());
        self.self_assessed_among(item, &communes, period)
    }

    fn self_assessed_among(
        &self,
        item: PlanItem,
        communes: &[ScopeCommune],
        period: Period,
    ) -> Option<u32> {
        let codes: BTreeSet<&str> = communes.iter().map(|c| c.code.as_str()).collect();
        let levels = |pick: fn(&super::evaluation::CommuneLevels) -> bool| {
            communes
                .iter()
                .filter(|c| pick(&self.levels_in(&UnitRef::Commune(c.code.clone()), period)))
                .count()
        };
        let count = match item {
            PlanItem::CommunesNtm => levels(|l| l.ntm),
            PlanItem::CommunesNangCao => levels(|l| l.nang_cao),
            PlanItem::CommunesKieuMau => levels(|l| l.kieu_mau),
            PlanItem::VillagesNtm => self
                .village_rows(&codes, period)
                .iter()
                .filter(|v| v.result == Some(true))
                .count(),
            PlanItem::OcopProducts => return None,
        };
        Some(u32::try_from(count).unwrap_or(u32::MAX))
    }

    /// The progress of `plan` as of `period`.
    pub fn plan_progress(
        &self,
        plan: &Plan,
        period: Period,
        products: &[Record<Product>],
        ratings: &[Record<Rating>],
    ) -> PlanProgress {
        let scope = &plan.scope;
        // The scope's communes, once for every line of the plan.
        let communes = self.scope_communes(scope, DashboardOptions::default());
        let items = plan
            .targets
            .iter()
            .map(|&(item, registered)| {
                let achieved = self.achieved_among(item, &communes, period, products, ratings);
                ItemProgress {
                    item,
                    registered,
                    achieved,
                    self_assessed: self.self_assessed_among(item, &communes, period),
                    percent: (registered > 0)
                        .then(|| f64::from(achieved) * 100.0 / f64::from(registered)),
                }
            })
            .collect();
        let set = self.main_set_among(&communes, period);
        let rows = set
            .as_ref()
            .map(|s| self.commune_rows(scope, s, period, DashboardOptions::default()))
            .unwrap_or_default();
        let reached: Vec<(&str, &str, usize)> = rows
            .iter()
            .filter_map(|r| {
                r.result
                    .as_ref()
                    .map(|x| (r.code.as_str(), r.name.as_str(), x.reached))
            })
            .collect();
        let average = plan.average_criteria.map(|target| AverageProgress {
            target,
            achieved: (!reached.is_empty()).then(|| {
                reached.iter().map(|(_, _, n)| *n).sum::<usize>() as f64 / reached.len() as f64
            }),
            assessed: reached.len(),
            set: set.clone(),
        });
        let minimum = plan.min_criteria.map(|criteria| MinimumProgress {
            criteria,
            under: reached
                .iter()
                .filter(|(_, _, n)| (*n as u64) < u64::from(criteria))
                .map(|(c, n, _)| (c.to_string(), n.to_string()))
                .collect(),
            without_data: communes.len().saturating_sub(reached.len()),
        });
        PlanProgress {
            items,
            average,
            minimum,
        }
    }
}
