//! The evaluation engine: compares a value with the threshold that applies to the unit's
//! region / commune group / year and answers met / not met / unknown, with the reason in
//! words; then derives criteria and levels from indicators.

use serde::{Deserialize, Serialize};

use super::assessment::{Assessment, CriterionMark, IndicatorValue};
use super::criteria::{
    AutoCondition, CriteriaSet, Criterion, Indicator, IndicatorKind, Threshold, ThresholdScope,
};
use super::format::format_decimal;
use super::profile::Lang;
use super::units::ThresholdContext;

pub use super::summary::{summarise_assessment, summarise_indexed, AssessmentSummary, SetIndex};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Met,
    NotMet,
    Unknown,
}

/// Why an indicator came out as it did; rendered in words by [`Reason::describe`].
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    NoValue,
    /// No threshold applies; `missing_context` says the unit lacks its region / group.
    NoThreshold {
        missing_context: bool,
    },
    /// The value's type does not fit the indicator (e.g. text for a percentage).
    WrongValueType,
    Compared {
        value: f64,
        threshold: Threshold,
        at_least: bool,
        percent: bool,
    },
    PassFail(bool),
    /// Text indicators are recorded, never judged.
    TextOnly,
}

impl Reason {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Reason::NoValue => lang
                .pick("Chưa nhập giá trị", "No value entered")
                .to_string(),
            Reason::NoThreshold {
                missing_context: true,
            } => lang
                .pick(
                    "Chưa khai báo vùng hoặc nhóm của xã nên chưa xác định được ngưỡng",
                    "The commune's region or group is not set, so no threshold applies",
                )
                .to_string(),
            Reason::NoThreshold {
                missing_context: false,
            } => lang
                .pick(
                    "Bộ tiêu chí chưa có ngưỡng cho chỉ tiêu này",
                    "The criteria set has no threshold for this indicator",
                )
                .to_string(),
            Reason::WrongValueType => lang
                .pick(
                    "Giá trị không đúng loại của chỉ tiêu",
                    "The value does not fit this indicator",
                )
                .to_string(),
            Reason::Compared {
                value,
                threshold,
                at_least,
                percent,
            } => {
                let unit = if *percent { "\u{a0}%" } else { "" };
                let v = format_decimal(*value, decimals(*value));
                let t = format_decimal(threshold.value, decimals(threshold.value));
                let met = if *at_least {
                    value >= &threshold.value
                } else {
                    value <= &threshold.value
                };
                let sign = match (met, at_least) {
                    (true, true) => "≥",
                    (true, false) => "≤",
                    (false, true) => "<",
                    (false, false) => ">",
                };
                let scope = scope_words(threshold.scope, lang);
                let verdict = if met {
                    lang.pick("đạt", "met")
                } else {
                    lang.pick("chưa đạt", "not met")
                };
                let unverified = if threshold.verified {
                    ""
                } else {
                    lang.pick(" (ngưỡng chưa xác minh)", " (threshold not verified)")
                };
                format!("{v}{unit} {sign} {t}{unit} ({scope}) → {verdict}{unverified}")
            }
            Reason::PassFail(true) => lang.pick("Đạt", "Met").to_string(),
            Reason::PassFail(false) => lang.pick("Không đạt", "Not met").to_string(),
            Reason::TextOnly => lang
                .pick(
                    "Chỉ tiêu ghi nhận bằng chữ, không tự đánh giá",
                    "Recorded as text, not judged automatically",
                )
                .to_string(),
        }
    }
}

fn decimals(v: f64) -> u32 {
    if v.fract() == 0.0 {
        0
    } else if (v * 10.0).fract().abs() < 1e-9 {
        1
    } else {
        2
    }
}

fn scope_words(scope: ThresholdScope, lang: Lang) -> String {
    match scope {
        ThresholdScope::All => lang.pick("mức chung", "general level").into(),
        ThresholdScope::Region(r) => format!("{} {}", lang.pick("vùng", "region"), r.name(lang)),
        ThresholdScope::Group(g) => g.name(lang).to_string(),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub outcome: Outcome,
    pub reason: Reason,
}

/// The threshold that applies to a unit in `year`: a threshold for the unit's own region
/// or group beats the general one ("chỉ tiêu chung"); one for exactly `year` beats one
/// for every year.
pub fn applicable_threshold(
    ind: &Indicator,
    ctx: ThresholdContext,
    year: u16,
) -> Option<&Threshold> {
    let specificity = |t: &Threshold| -> Option<(u8, u8)> {
        let scope_rank = match t.scope {
            ThresholdScope::All => 0,
            ThresholdScope::Region(r) if ctx.region == Some(r) => 1,
            ThresholdScope::Group(g) if ctx.group == Some(g) => 1,
            _ => return None,
        };
        let year_rank = match t.year {
            None => 0,
            Some(y) if y == year => 1,
            Some(_) => return None,
        };
        Some((year_rank, scope_rank))
    };
    ind.thresholds
        .iter()
        .filter_map(|t| specificity(t).map(|s| (s, t)))
        .max_by_key(|(s, _)| *s)
        .map(|(_, t)| t)
}

/// What judging one value comes to, the threshold borrowed from the set: statistics judge
/// hundreds of thousands of values and need only the outcome, so nothing is cloned until a
/// page asks for the reason ([`evaluate_indicator`]).
enum Judged<'s> {
    /// Not judged; the reason holds nothing borrowed.
    Unknown(Reason),
    PassFail(bool),
    Compared {
        value: f64,
        threshold: &'s Threshold,
        at_least: bool,
        met: bool,
    },
}

impl Judged<'_> {
    fn outcome(&self) -> Outcome {
        match self {
            Judged::Unknown(_) => Outcome::Unknown,
            Judged::PassFail(met) | Judged::Compared { met, .. } => {
                if *met {
                    Outcome::Met
                } else {
                    Outcome::NotMet
                }
            }
        }
    }
}

/// The one rule judging an indicator value for a unit in `year`.
fn judge<'s>(
    ind: &'s Indicator,
    value: Option<&IndicatorValue>,
    ctx: ThresholdContext,
    year: u16,
) -> Judged<'s> {
    if ind.kind == IndicatorKind::Text {
        return Judged::Unknown(Reason::TextOnly);
    }
    let Some(value) = value else {
        return Judged::Unknown(Reason::NoValue);
    };
    if ind.kind == IndicatorKind::PassFail {
        return match value {
            IndicatorValue::YesNo(b) => Judged::PassFail(*b),
            _ => Judged::Unknown(Reason::WrongValueType),
        };
    }
    let number = match value {
        IndicatorValue::Number(n) if n.is_finite() => *n,
        _ => return Judged::Unknown(Reason::WrongValueType),
    };
    let Some(threshold) = applicable_threshold(ind, ctx, year) else {
        let needs_context = ind
            .thresholds
            .iter()
            .any(|t| t.scope != ThresholdScope::All);
        let missing_context = needs_context && ctx.region.is_none() && ctx.group.is_none();
        return Judged::Unknown(Reason::NoThreshold { missing_context });
    };
    let at_least = ind.kind.at_least();
    Judged::Compared {
        value: number,
        threshold,
        at_least,
        met: if at_least {
            number >= threshold.value
        } else {
            number <= threshold.value
        },
    }
}

/// Judges one indicator value for a unit in `year`, with the reason in words' making.
pub fn evaluate_indicator(
    ind: &Indicator,
    value: Option<&IndicatorValue>,
    ctx: ThresholdContext,
    year: u16,
) -> Evaluation {
    let judged = judge(ind, value, ctx, year);
    let outcome = judged.outcome();
    let reason = match judged {
        Judged::Unknown(reason) => reason,
        Judged::PassFail(b) => Reason::PassFail(b),
        Judged::Compared {
            value,
            threshold,
            at_least,
            ..
        } => Reason::Compared {
            value,
            threshold: threshold.clone(),
            at_least,
            percent: ind.kind.is_percent(),
        },
    };
    Evaluation { outcome, reason }
}

/// The outcome alone of [`evaluate_indicator`] (same rule), allocating nothing.
pub fn indicator_outcome(
    ind: &Indicator,
    value: Option<&IndicatorValue>,
    ctx: ThresholdContext,
    year: u16,
) -> Outcome {
    judge(ind, value, ctx, year).outcome()
}

/// A criterion's outcome, including "not applicable" (excluded from counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionOutcome {
    Met,
    NotMet,
    NotApplicable,
    Unknown,
}

/// How a criterion's outcome was reached.
#[derive(Clone, Debug, PartialEq)]
pub enum Basis {
    Direct(CriterionMark),
    /// From its indicators, each with its evaluation (code, result).
    Derived(Vec<(String, Evaluation)>),
    /// Follows from another result (e.g. "đạt nâng cao" for kiểu mẫu).
    Auto(AutoCondition),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CriterionResult {
    /// The criterion's stable id (what marks are keyed by).
    pub id: String,
    /// Its number as people write it.
    pub code: String,
    pub outcome: CriterionOutcome,
    pub basis: Basis,
}

/// Facts from other results that some criteria follow from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LevelFacts {
    pub nang_cao_achieved: Option<bool>,
}

pub(super) fn auto_outcome(auto: AutoCondition, facts: LevelFacts) -> CriterionOutcome {
    match (auto, facts.nang_cao_achieved) {
        (AutoCondition::NangCaoAchieved, Some(true)) => CriterionOutcome::Met,
        (AutoCondition::NangCaoAchieved, Some(false)) => CriterionOutcome::NotMet,
        (AutoCondition::NangCaoAchieved, None) => CriterionOutcome::Unknown,
    }
}

pub(super) fn mark_outcome(mark: CriterionMark) -> CriterionOutcome {
    match mark {
        CriterionMark::Met => CriterionOutcome::Met,
        CriterionMark::NotMet => CriterionOutcome::NotMet,
        CriterionMark::NotApplicable => CriterionOutcome::NotApplicable,
    }
}

/// The rule for a criterion derived from its indicators: none ⇒ unknown, any not met ⇒
/// not met, all met ⇒ met, else unknown. Reads every outcome (callers collect from them).
pub(super) fn derived_outcome(outcomes: impl Iterator<Item = Outcome>) -> CriterionOutcome {
    let (mut any, mut not_met, mut all_met) = (false, false, true);
    for o in outcomes {
        any = true;
        match o {
            Outcome::NotMet => not_met = true,
            Outcome::Met => {}
            _ => all_met = false,
        }
    }
    if !any {
        CriterionOutcome::Unknown
    } else if not_met {
        CriterionOutcome::NotMet
    } else if all_met {
        CriterionOutcome::Met
    } else {
        CriterionOutcome::Unknown
    }
}

/// A criterion's outcome: the direct mark if there is one, otherwise all indicators met
/// ⇒ met, any not met ⇒ not met, else unknown.
pub fn evaluate_criterion(
    crit: &Criterion,
    a: &Assessment,
    ctx: ThresholdContext,
    facts: LevelFacts,
) -> CriterionResult {
    let year = a.key.period.year;
    if let Some(auto) = crit.auto {
        return CriterionResult {
            id: crit.id.clone(),
            code: crit.code.clone(),
            outcome: auto_outcome(auto, facts),
            basis: Basis::Auto(auto),
        };
    }
    if let Some(mark) = a.mark(&crit.id) {
        return CriterionResult {
            id: crit.id.clone(),
            code: crit.code.clone(),
            outcome: mark_outcome(mark),
            basis: Basis::Direct(mark),
        };
    }
    let evaluations: Vec<(String, Evaluation)> = crit
        .indicators
        .iter()
        .filter(|i| i.kind != IndicatorKind::Text)
        .map(|i| {
            (
                i.code.clone(),
                evaluate_indicator(i, a.value(&i.id), ctx, year),
            )
        })
        .collect();
    CriterionResult {
        id: crit.id.clone(),
        code: crit.code.clone(),
        outcome: derived_outcome(evaluations.iter().map(|(_, e)| e.outcome)),
        basis: Basis::Derived(evaluations),
    }
}

/// The counts every result reports, by one rule: (met, applicable, reached).
pub(super) fn counts<'o>(
    outcomes: impl Iterator<Item = &'o CriterionOutcome>,
) -> (usize, usize, usize) {
    outcomes.fold((0, 0, 0), |(met, applicable, reached), o| match o {
        CriterionOutcome::Met => (met + 1, applicable + 1, reached + 1),
        CriterionOutcome::NotApplicable => (met, applicable, reached + 1),
        _ => (met, applicable + 1, reached),
    })
}

/// Every criterion reached (met or not applicable): the unit meets the set ("đạt
/// chuẩn"), and its count is the set's size, so the top band ("19/19") and "meets the
/// set" are the same communes. A set without criteria is never met.
pub(super) fn meets(reached: usize, total: usize) -> bool {
    total > 0 && reached == total
}

/// Every criterion of a set evaluated for one assessment, with the counts reports use.
#[derive(Clone, Debug, PartialEq)]
pub struct AssessmentResult {
    pub criteria: Vec<CriterionResult>,
    /// Criteria met.
    pub met: usize,
    /// Criteria that apply (all but "not applicable").
    pub applicable: usize,
    /// Criteria met or not applicable: "đạt x/N tiêu chí" (see [`AssessmentSummary`]).
    pub reached: usize,
    pub total: usize,
}

impl AssessmentResult {
    /// Every criterion reached: the unit meets the set ("đạt chuẩn").
    pub fn meets_set(&self) -> bool {
        meets(self.reached, self.total)
    }

    /// The outcomes alone (what [`summarise_assessment`] computes directly).
    pub fn summary(&self) -> AssessmentSummary {
        AssessmentSummary::new(self.criteria.iter().map(|c| c.outcome).collect())
    }

    pub fn outcome(&self, code: &str) -> Option<CriterionOutcome> {
        self.criteria
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.outcome)
    }

    /// Codes of criteria not met or not yet known: the gap to close.
    pub fn gaps(&self) -> Vec<&str> {
        self.criteria
            .iter()
            .filter(|c| {
                matches!(
                    c.outcome,
                    CriterionOutcome::NotMet | CriterionOutcome::Unknown
                )
            })
            .map(|c| c.code.as_str())
            .collect()
    }

    /// Indicator codes not met (for the gap list).
    pub fn unmet_indicators(&self) -> Vec<&str> {
        self.criteria
            .iter()
            .filter_map(|c| match &c.basis {
                Basis::Derived(evals) => Some(evals),
                _ => None,
            })
            .flatten()
            .filter(|(_, e)| e.outcome == Outcome::NotMet)
            .map(|(code, _)| code.as_str())
            .collect()
    }
}

pub fn evaluate_assessment(
    set: &CriteriaSet,
    a: &Assessment,
    ctx: ThresholdContext,
    facts: LevelFacts,
) -> AssessmentResult {
    let criteria: Vec<CriterionResult> = set
        .criteria
        .iter()
        .map(|c| evaluate_criterion(c, a, ctx, facts))
        .collect();
    let (met, applicable, reached) = counts(criteria.iter().map(|c| &c.outcome));
    AssessmentResult {
        met,
        applicable,
        reached,
        total: criteria.len(),
        criteria,
    }
}

/// The levels a commune reaches in one period. Each level requires the one below:
/// NTM → nâng cao → kiểu mẫu (QĐ 319: đạt nâng cao plus its conditions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommuneLevels {
    pub ntm: bool,
    pub nang_cao: bool,
    pub kieu_mau: bool,
}

/// Levels from the results against the NTM set, the nâng cao set and the kiểu mẫu
/// conditions (any may be missing: then that level and those above are not reached).
/// The kiểu mẫu result must have been evaluated with `LevelFacts { nang_cao_achieved }`.
pub fn commune_levels(
    ntm: Option<&AssessmentResult>,
    nang_cao: Option<&AssessmentResult>,
    kieu_mau: Option<&AssessmentResult>,
) -> CommuneLevels {
    let ntm = ntm.is_some_and(AssessmentResult::meets_set);
    let nang_cao = ntm && nang_cao.is_some_and(AssessmentResult::meets_set);
    let kieu_mau = nang_cao && kieu_mau.is_some_and(AssessmentResult::meets_set);
    CommuneLevels {
        ntm,
        nang_cao,
        kieu_mau,
    }
}
