//! Statistics for a scope (province, legacy district, commune with its villages) and
//! period: the figures review meetings quote ("bình quân 16,13 tiêu chí/xã", "44 xã đạt
//! 19 tiêu chí", "103 xã đạt chuẩn, tỷ lệ 72 %").

use serde::{Deserialize, Serialize};

use super::evaluation::{AssessmentSummary, CommuneLevels, CriterionOutcome};
use super::units::{Commune, CommuneKind};

/// One commune's result in a period, with what scoping needs to know about it.
#[derive(Clone, Debug, PartialEq)]
pub struct CommuneRow {
    pub code: String,
    pub name: String,
    pub kind: CommuneKind,
    pub province_code: String,
    pub district_code: Option<String>,
    /// Against the scope's criteria set (outcomes in the set's order); `None` when the
    /// commune has no data against it in the period.
    pub result: Option<AssessmentSummary>,
    pub levels: CommuneLevels,
}

/// One village's result (against the village sets that count) in a period.
#[derive(Clone, Debug, PartialEq)]
pub struct VillageRow {
    pub id: String,
    pub name: String,
    pub commune_code: String,
    /// `None`: no data against a counting village set in the period; else whether it
    /// meets one.
    pub result: Option<bool>,
    /// A recognition decision has been recorded for it.
    pub recognised: bool,
}

/// Which units a statistic covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "level",
    content = "code",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum Scope {
    Province(String),
    District(String),
    Commune(String),
}

impl Scope {
    pub fn contains(&self, c: &CommuneRow) -> bool {
        match self {
            Scope::Province(p) => &c.province_code == p,
            Scope::District(d) => c.district_code.as_ref() == Some(d),
            Scope::Commune(code) => &c.code == code,
        }
    }

    /// Whether a commune record lies inside the scope.
    pub fn contains_commune(&self, c: &Commune) -> bool {
        match self {
            Scope::Province(p) => &c.province_code == p,
            Scope::District(d) => c.legacy_district.as_ref().is_some_and(|x| &x.code == d),
            Scope::Commune(code) => &c.code == code,
        }
    }

    /// The key of the scope's unit ("province:38"): the one format of a scope in URLs,
    /// selects and files.
    pub fn key(&self) -> String {
        match self {
            Scope::Province(c) => format!("province:{c}"),
            Scope::District(c) => format!("district:{c}"),
            Scope::Commune(c) => format!("commune:{c}"),
        }
    }

    /// Reads [`Scope::key`]'s form back.
    pub fn from_key(key: &str) -> Option<Scope> {
        match super::units::UnitRef::from_key(key)? {
            super::units::UnitRef::Province(c) => Some(Scope::Province(c)),
            super::units::UnitRef::District(c) => Some(Scope::District(c)),
            super::units::UnitRef::Commune(c) => Some(Scope::Commune(c)),
            super::units::UnitRef::Village(_) => None,
        }
    }
}

/// A band of "criteria met" counts, inclusive at both ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    pub min: usize,
    pub max: usize,
}

impl Band {
    pub fn label(&self) -> String {
        if self.min == self.max {
            format!("{}", self.min)
        } else if self.min == 0 {
            format!("dưới {}", self.max + 1)
        } else {
            format!("{}–{}", self.min, self.max)
        }
    }
}

/// Bands are configurable because reports cut them differently.
/// Defaults: 19 | 15–18 | 10–14 | under 10 for 19 criteria; 10 | 8–9 | 5–7 | under 5 for 10.
pub fn default_bands(total_criteria: usize) -> Vec<Band> {
    match total_criteria {
        19 => vec![
            Band { min: 19, max: 19 },
            Band { min: 15, max: 18 },
            Band { min: 10, max: 14 },
            Band { min: 0, max: 9 },
        ],
        10 => vec![
            Band { min: 10, max: 10 },
            Band { min: 8, max: 9 },
            Band { min: 5, max: 7 },
            Band { min: 0, max: 4 },
        ],
        n => {
            // Same shape for any other size: all, ≥ ~80 %, ≥ ~50 %, the rest.
            let high = (n * 4).div_ceil(5).max(1);
            let mid = n.div_ceil(2).max(1);
            let mut bands = vec![Band { min: n, max: n }];
            if high < n {
                bands.push(Band {
                    min: high,
                    max: n - 1,
                });
            }
            if mid < high {
                bands.push(Band {
                    min: mid,
                    max: high - 1,
                });
            }
            if mid > 0 {
                bands.push(Band {
                    min: 0,
                    max: mid - 1,
                });
            }
            bands
        }
    }
}

/// A count and its share of a whole, as reports give them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CountShare {
    pub count: usize,
    /// Percent of the communes in scope (0 when the scope is empty).
    pub percent: f64,
}

pub fn share(count: usize, of: usize) -> CountShare {
    CountShare {
        count,
        percent: if of == 0 {
            0.0
        } else {
            count as f64 * 100.0 / of as f64
        },
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CriterionRate {
    pub code: String,
    pub met: usize,
    pub applicable: usize,
    pub percent: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScopeStats {
    /// Communes in scope: the denominator of every share of communes ("103/143 xã").
    pub communes: usize,
    /// Communes with data against the set in the period.
    pub assessed: usize,
    /// Communes meeting the set (every criterion reached) in the period. The three groups
    /// are `meeting`, `assessed - meeting` (assessed, not meeting) and `communes -
    /// assessed` (no data).
    pub meeting: usize,
    /// Average criteria reached (met or not applicable) per assessed commune.
    pub average_met: f64,
    pub bands: Vec<(Band, usize)>,
    pub ntm: CountShare,
    pub nang_cao: CountShare,
    pub kieu_mau: CountShare,
    /// Per criterion, in the set's order (sort for "weakest first").
    pub criterion_rates: Vec<CriterionRate>,
    /// Live villages of the communes in scope: the denominator of village figures.
    pub villages: usize,
    /// Villages with data against a village set that counts, in the period.
    pub villages_with_data: usize,
    pub villages_meeting_set: usize,
    pub villages_recognised: usize,
}

/// Computes the figures for the communes (and their villages) inside `scope`.
/// `criteria_codes` is the set's criteria in order.
pub fn scope_stats(
    scope: &Scope,
    communes: &[CommuneRow],
    villages: &[VillageRow],
    criteria_codes: &[String],
    bands: &[Band],
) -> ScopeStats {
    let in_scope: Vec<&CommuneRow> = communes.iter().filter(|c| scope.contains(c)).collect();
    let codes: std::collections::HashSet<&str> = in_scope.iter().map(|c| c.code.as_str()).collect();
    let results: Vec<(&CommuneRow, &AssessmentSummary)> = in_scope
        .iter()
        .filter_map(|c| c.result.as_ref().map(|r| (*c, r)))
        .collect();
    let total_met: usize = results.iter().map(|(_, r)| r.reached).sum();
    let assessed = results.len();
    let average_met = if assessed == 0 {
        0.0
    } else {
        total_met as f64 / assessed as f64
    };
    let band_counts = bands
        .iter()
        .map(|b| {
            (
                b.clone(),
                results
                    .iter()
                    .filter(|(_, r)| r.reached >= b.min && r.reached <= b.max)
                    .count(),
            )
        })
        .collect();
    let n = in_scope.len();
    let criterion_rates = criteria_codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let outcomes: Vec<CriterionOutcome> = results
                .iter()
                .filter_map(|(_, r)| r.outcomes.get(i).copied())
                .collect();
            let applicable = outcomes
                .iter()
                .filter(|o| **o != CriterionOutcome::NotApplicable)
                .count();
            let met = outcomes
                .iter()
                .filter(|o| **o == CriterionOutcome::Met)
                .count();
            CriterionRate {
                code: code.clone(),
                met,
                applicable,
                percent: if applicable == 0 {
                    0.0
                } else {
                    met as f64 * 100.0 / applicable as f64
                },
            }
        })
        .collect();
    let vs: Vec<&VillageRow> = villages
        .iter()
        .filter(|v| codes.contains(v.commune_code.as_str()))
        .collect();
    ScopeStats {
        communes: n,
        assessed,
        meeting: results.iter().filter(|(_, r)| r.meets_set()).count(),
        average_met,
        bands: band_counts,
        ntm: share(in_scope.iter().filter(|c| c.levels.ntm).count(), n),
        nang_cao: share(in_scope.iter().filter(|c| c.levels.nang_cao).count(), n),
        kieu_mau: share(in_scope.iter().filter(|c| c.levels.kieu_mau).count(), n),
        criterion_rates,
        villages: vs.len(),
        villages_with_data: vs.iter().filter(|v| v.result.is_some()).count(),
        villages_meeting_set: vs.iter().filter(|v| v.result == Some(true)).count(),
        villages_recognised: vs.iter().filter(|v| v.recognised).count(),
    }
}

impl ScopeStats {
    /// Criteria rates sorted weakest first (ties by code order as given).
    pub fn weakest_first(&self) -> Vec<&CriterionRate> {
        let mut rates: Vec<&CriterionRate> = self.criterion_rates.iter().collect();
        rates.sort_by(|a, b| a.percent.total_cmp(&b.percent));
        rates
    }
}

/// What changed between two periods of the same scope.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub average_met: f64,
    pub ntm: i64,
    pub nang_cao: i64,
    pub kieu_mau: i64,
    /// Per band (same bands in both), current minus previous.
    pub bands: Vec<(Band, i64)>,
}

pub fn change(previous: &ScopeStats, current: &ScopeStats) -> Change {
    let diff = |a: usize, b: usize| b as i64 - a as i64;
    Change {
        average_met: current.average_met - previous.average_met,
        ntm: diff(previous.ntm.count, current.ntm.count),
        nang_cao: diff(previous.nang_cao.count, current.nang_cao.count),
        kieu_mau: diff(previous.kieu_mau.count, current.kieu_mau.count),
        bands: current
            .bands
            .iter()
            .map(|(b, n)| {
                let before = previous
                    .bands
                    .iter()
                    .find(|(pb, _)| pb == b)
                    .map_or(0, |(_, c)| *c);
                (b.clone(), diff(before, *n))
            })
            .collect(),
    }
}
