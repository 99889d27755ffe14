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
        let vi = lang == Lang::Vi;
        match self {
            Reason::NoValue => if vi {
                "Chưa nhập giá trị"
            } else {
                "No value entered"
            }
            .to_string(),
            Reason::NoThreshold {
                missing_context: true,
            } => if vi {
                "Chưa khai báo vùng hoặc nhóm của xã nên chưa xác định được ngưỡng"
            } else {
                "The commune's region or group is not set, so no threshold applies"
            }
            .to_string(),
            Reason::NoThreshold {
                missing_context: false,
            } => if vi {
                "Bộ tiêu chí chưa có ngưỡng cho chỉ tiêu này"
            } else {
                "The criteria set has no threshold for this indicator"
            }
            .to_string(),
            Reason::WrongValueType => if vi {
                "Giá trị không đúng loại của chỉ tiêu"
            } else {
                "The value does not fit this indicator"
            }
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
                let verdict = match (met, vi) {
                    (true, true) => "đạt",
                    (false, true) => "chưa đạt",
                    (true, false) => "met",
                    (false, false) => "not met",
                };
                let unverified = match (threshold.verified, vi) {
                    (true, _) => "",
                    (false, true) => " (ngưỡng chưa xác minh)",
                    (false, false) => " (threshold not verified)",
                };
                format!("{v}{unit} {sign} {t}{unit} ({scope}) → {verdict}{unverified}")
            }
            Reason::PassFail(true) => if vi { "Đạt" } else { "Met" }.to_string(),
            Reason::PassFail(false) => if vi { "Không đạt" } else { "Not met" }.to_string(),
            Reason::TextOnly => if vi {
                "Chỉ tiêu ghi nhận bằng chữ, không tự đánh giá"
            } else {
                "Recorded as text, not judged automatically"
            }
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
    match (scope, lang) {
        (ThresholdScope::All, Lang::Vi) => "mức chung".into(),
        (ThresholdScope::All, Lang::En) => "general level".into(),
        (ThresholdScope::Region(r), Lang::Vi) => format!("vùng {}", r.name_vi()),
        (ThresholdScope::Region(r), Lang::En) => format!("region {}", r.name_en()),
        (ThresholdScope::Group(g), _) => g.name_vi().to_string(),
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

/// Judges one indicator value for a unit in `year`.
pub fn evaluate_indicator(
    ind: &Indicator,
    value: Option<&IndicatorValue>,
    ctx: ThresholdContext,
    year: u16,
) -> Evaluation {
    let unknown = |reason| Evaluation {
        outcome: Outcome::Unknown,
        reason,
    };
    if ind.kind == IndicatorKind::Text {
        return unknown(Reason::TextOnly);
    }
    let Some(value) = value else {
        return unknown(Reason::NoValue);
    };
    if ind.kind == IndicatorKind::PassFail {
        return match value {
            IndicatorValue::YesNo(b) => Evaluation {
                outcome: if *b { Outcome::Met } else { Outcome::NotMet },
                reason: Reason::PassFail(*b),
            },
            _ => unknown(Reason::WrongValueType),
        };
    }
    let number = match value {
        IndicatorValue::Number(n) if n.is_finite() => *n,
        _ => return unknown(Reason::WrongValueType),
    };
    let Some(threshold) = applicable_threshold(ind, ctx, year) else {
        let needs_context = ind
            .thresholds
            .iter()
            .any(|t| t.scope != ThresholdScope::All);
        let missing_context = needs_context && ctx.region.is_none() && ctx.group.is_none();
        return unknown(Reason::NoThreshold { missing_context });
    };
    let at_least = ind.kind.at_least();
    let met = if at_least {
        number >= threshold.value
    } else {
        number <= threshold.value
    };
    Evaluation {
        outcome: if met { Outcome::Met } else { Outcome::NotMet },
        reason: Reason::Compared {
            value: number,
            threshold: threshold.clone(),
            at_least,
            percent: ind.kind.is_percent(),
        },
    }
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
    pub code: String,
    pub outcome: CriterionOutcome,
    pub basis: Basis,
}

/// Facts from other results that some criteria follow from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LevelFacts {
    pub nang_cao_achieved: Option<bool>,
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
        let outcome = match (auto, facts.nang_cao_achieved) {
            (AutoCondition::NangCaoAchieved, Some(true)) => CriterionOutcome::Met,
            (AutoCondition::NangCaoAchieved, Some(false)) => CriterionOutcome::NotMet,
            (AutoCondition::NangCaoAchieved, None) => CriterionOutcome::Unknown,
        };
        return CriterionResult {
            code: crit.code.clone(),
            outcome,
            basis: Basis::Auto(auto),
        };
    }
    if let Some(mark) = a.mark(&crit.code) {
        let outcome = match mark {
            CriterionMark::Met => CriterionOutcome::Met,
            CriterionMark::NotMet => CriterionOutcome::NotMet,
            CriterionMark::NotApplicable => CriterionOutcome::NotApplicable,
        };
        return CriterionResult {
            code: crit.code.clone(),
            outcome,
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
                evaluate_indicator(i, a.value(&i.code), ctx, year),
            )
        })
        .collect();
    let outcome = if evaluations.is_empty() {
        CriterionOutcome::Unknown
    } else if evaluations
        .iter()
        .any(|(_, e)| e.outcome == Outcome::NotMet)
    {
        CriterionOutcome::NotMet
    } else if evaluations.iter().all(|(_, e)| e.outcome == Outcome::Met) {
        CriterionOutcome::Met
    } else {
        CriterionOutcome::Unknown
    };
    CriterionResult {
        code: crit.code.clone(),
        outcome,
        basis: Basis::Derived(evaluations),
    }
}

/// Every criterion of a set evaluated for one assessment, with the counts reports use.
#[derive(Clone, Debug, PartialEq)]
pub struct AssessmentResult {
    pub criteria: Vec<CriterionResult>,
    /// Criteria met ("đạt x/N tiêu chí").
    pub met: usize,
    /// Criteria that apply (all but "not applicable").
    pub applicable: usize,
    pub total: usize,
}

impl AssessmentResult {
    /// Every applicable criterion met: the unit meets the set ("đạt chuẩn").
    pub fn meets_set(&self) -> bool {
        self.applicable > 0 && self.met == self.applicable
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
    let met = criteria
        .iter()
        .filter(|c| c.outcome == CriterionOutcome::Met)
        .count();
    let applicable = criteria
        .iter()
        .filter(|c| c.outcome != CriterionOutcome::NotApplicable)
        .count();
    AssessmentResult {
        met,
        applicable,
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
