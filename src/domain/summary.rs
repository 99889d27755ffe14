//! The outcomes alone of an assessment: what statistics read, by the rules of
//! [`super::evaluation`] without the reasons. A national dashboard summarises 6,000
//! assessments of ~50 values each, so nothing here allocates per value, and a set's
//! indicators are matched to an assessment's values in one pass ([`SetIndex`]).

use super::assessment::{Assessment, CriterionMark, IndicatorValue};
use super::criteria::{CriteriaSet, Criterion, IndicatorKind};
use super::evaluation::{
    auto_outcome, counts, derived_outcome, indicator_outcome, mark_outcome, meets,
    CriterionOutcome, LevelFacts,
};
use super::units::ThresholdContext;

/// One criterion's outcome ([`super::evaluation::evaluate_criterion`]'s, by the same
/// rules): its mark if it has one, else from its indicators' values, given in the
/// criterion's order.
fn criterion_outcome<'v>(
    crit: &Criterion,
    mark: Option<CriterionMark>,
    values: impl Iterator<Item = Option<&'v IndicatorValue>>,
    ctx: ThresholdContext,
    year: u16,
    facts: LevelFacts,
) -> CriterionOutcome {
    if let Some(auto) = crit.auto {
        return auto_outcome(auto, facts);
    }
    if let Some(mark) = mark {
        return mark_outcome(mark);
    }
    derived_outcome(
        crit.indicators
            .iter()
            .zip(values)
            .filter(|(i, _)| i.kind != IndicatorKind::Text)
            .map(|(i, v)| indicator_outcome(i, v, ctx, year)),
    )
}

/// Every criterion's outcome for one assessment, in the set's order, with the counts:
/// what statistics read. Unlike [`super::evaluation::AssessmentResult`] it keeps no codes or reasons, so a
/// national dashboard (300,000 criteria) does not allocate for each.
#[derive(Clone, Debug, PartialEq)]
pub struct AssessmentSummary {
    pub outcomes: Vec<CriterionOutcome>,
    /// Criteria met.
    pub met: usize,
    /// Criteria that apply (all but "not applicable").
    pub applicable: usize,
    /// Criteria reached: met or not applicable ("đạt 19/19 tiêu chí" counts a criterion
    /// that does not apply as reached, as the reports do).
    pub reached: usize,
    pub total: usize,
}

impl AssessmentSummary {
    pub(super) fn new(outcomes: Vec<CriterionOutcome>) -> Self {
        let (met, applicable, reached) = counts(outcomes.iter());
        Self {
            total: outcomes.len(),
            outcomes,
            met,
            applicable,
            reached,
        }
    }

    /// Every criterion reached (as [`super::evaluation::AssessmentResult::meets_set`]).
    pub fn meets_set(&self) -> bool {
        meets(self.reached, self.total)
    }

    /// The codes (of `codes`, the set's criteria in order) not met or not yet known.
    pub fn gaps<'c>(&self, codes: &'c [String]) -> Vec<&'c str> {
        codes
            .iter()
            .zip(&self.outcomes)
            .filter(|(_, o)| matches!(o, CriterionOutcome::NotMet | CriterionOutcome::Unknown))
            .map(|(c, _)| c.as_str())
            .collect()
    }
}

/// [`super::evaluation::evaluate_assessment`] reduced to its outcomes, each value found
/// by its id (for one assessment; many use [`summarise_indexed`]).
pub fn summarise_assessment(
    set: &CriteriaSet,
    a: &Assessment,
    ctx: ThresholdContext,
    facts: LevelFacts,
) -> AssessmentSummary {
    let year = a.key.period.year;
    let outcomes = set
        .criteria
        .iter()
        .map(|c| {
            let values = c.indicators.iter().map(|i| a.value(&i.id));
            criterion_outcome(c, a.mark(&c.id), values, ctx, year, facts)
        })
        .collect();
    AssessmentSummary::new(outcomes)
}

/// A set's indicators in the order of their ids, made once per set: an assessment keeps
/// its values in id order, so one pass over both finds every indicator's value, where a
/// search per indicator compared ~6 ids each (a third of a national dashboard's time).
#[derive(Clone, Debug)]
pub struct SetIndex {
    /// Each indicator's id and its place in the set's indicators (criterion by criterion,
    /// in order), sorted by id.
    by_id: Vec<(String, usize)>,
    /// Where each criterion's indicators start among them.
    starts: Vec<usize>,
}

impl SetIndex {
    pub fn new(set: &CriteriaSet) -> Self {
        let mut by_id = Vec::new();
        let mut starts = Vec::with_capacity(set.criteria.len());
        for c in &set.criteria {
            starts.push(by_id.len());
            for i in &c.indicators {
                by_id.push((i.id.clone(), by_id.len()));
            }
        }
        by_id.sort();
        Self { by_id, starts }
    }
}

/// [`summarise_assessment`] with the set's [`SetIndex`] (which must be `set`'s): the same
/// outcomes, the values matched in one pass.
pub fn summarise_indexed(
    set: &CriteriaSet,
    index: &SetIndex,
    a: &Assessment,
    ctx: ThresholdContext,
    facts: LevelFacts,
) -> AssessmentSummary {
    debug_assert_eq!(index.starts.len(), set.criteria.len());
    let mut slots: Vec<Option<&IndicatorValue>> = vec![None; index.by_id.len()];
    let mut values = a.values.iter().peekable();
    for (id, place) in &index.by_id {
        while values.next_if(|(k, _)| k.as_str() < id.as_str()).is_some() {}
        // Not consumed when equal: a set naming one id twice gives both the value.
        if let Some((_, v)) = values.peek().filter(|(k, _)| *k == id) {
            slots[*place] = v.value.value.as_ref();
        }
    }
    let year = a.key.period.year;
    let outcomes = set
        .criteria
        .iter()
        .zip(&index.starts)
        .map(|(c, start)| {
            let values = slots[*start..*start + c.indicators.len()].iter().copied();
            criterion_outcome(c, a.mark(&c.id), values, ctx, year, facts)
        })
        .collect();
    AssessmentSummary::new(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::{AssessmentKey, Entry, Period};
    use crate::domain::criteria::builtin_sets;
    use crate::domain::sync::{Hlc, Stamp, Versioned};
    use crate::domain::units::UnitRef;

    /// A set naming one indicator id twice (a hand-edited custom set) gives the value to
    /// both, as a search by id does.
    #[test]
    fn an_id_named_twice_gets_its_value_in_both_places() {
        let mut set = builtin_sets()
            .into_iter()
            .max_by_key(|s| s.indicators().count())
            .unwrap();
        let with: Vec<usize> = (0..set.criteria.len())
            .filter(|c| !set.criteria[*c].indicators.is_empty())
            .collect();
        let twice = set.criteria[with[0]].indicators[0].id.clone();
        set.criteria[with[1]].indicators[0].id = twice.clone();
        let stamp = Stamp {
            hlc: Hlc {
                wall_ms: 1,
                counter: 0,
            },
            device: "d".into(),
            author: "An".into(),
        };
        let mut a = Assessment::new(AssessmentKey {
            unit: UnitRef::Commune("00001".into()),
            set: set.set_id(),
            period: Period::year(2024),
        });
        for i in set.criteria.iter().flat_map(|c| &c.indicators) {
            let v = IndicatorValue::YesNo(i.id != twice);
            a.values
                .insert(i.id.clone(), Versioned::new(Entry::of(v), stamp.clone()));
        }
        let ctx = ThresholdContext::default();
        let facts = LevelFacts::default();
        let plain = summarise_assessment(&set, &a, ctx, facts);
        assert_eq!(
            summarise_indexed(&set, &SetIndex::new(&set), &a, ctx, facts),
            plain
        );
    }
}
