//! Statistics' short path against the full evaluation on generated sets: the built-in
//! sets have only a handful of indicators (most official indicators are NOT FOUND), so
//! the one-pass matching of values to indicators (`summarise_indexed`) is checked here on
//! sets of any shape — ids in any order, shared ids, text indicators, values under ids the
//! set does not have.

use ntm::domain::assessment::*;
use ntm::domain::criteria::*;
use ntm::domain::evaluation::*;
use ntm::domain::sync::Versioned;
use ntm::domain::units::{ThresholdContext, UnitRef};
use proptest::prelude::*;

mod common;
use common::stamp;

fn source() -> Source {
    Source {
        citation: "thử".into(),
        url: None,
        note: None,
    }
}

const KINDS: [IndicatorKind; 7] = [
    IndicatorKind::PassFail,
    IndicatorKind::PercentAtLeast,
    IndicatorKind::PercentAtMost,
    IndicatorKind::NumberAtLeast,
    IndicatorKind::NumberAtMost,
    IndicatorKind::CountAtLeast,
    IndicatorKind::Text,
];

/// (id, kind, threshold) of each indicator, criterion by criterion.
type Shape = Vec<(bool, Vec<(String, usize, Option<f64>)>)>;

fn shape() -> impl Strategy<Value = Shape> {
    let indicator = (
        "[a-d][0-9]?",
        0..KINDS.len(),
        proptest::option::of(0.0f64..100.0),
    );
    proptest::collection::vec(
        (
            proptest::bool::weighted(0.1),
            proptest::collection::vec(indicator, 0..6),
        ),
        0..8,
    )
}

fn set_of(shape: &Shape) -> CriteriaSet {
    let criteria = shape
        .iter()
        .enumerate()
        .map(|(c, (auto, indicators))| Criterion {
            id: format!("c{c}"),
            code: (c + 1).to_string(),
            name: format!("Tiêu chí {c}"),
            group: None,
            indicators: indicators
                .iter()
                .map(|(id, kind, threshold)| Indicator {
                    id: id.clone(),
                    code: id.clone(),
                    text: id.clone(),
                    kind: KINDS[*kind],
                    unit: None,
                    thresholds: threshold
                        .iter()
                        .map(|v| Threshold {
                            scope: ThresholdScope::All,
                            year: None,
                            value: *v,
                            source: source(),
                            verified: false,
                        })
                        .collect(),
                    source: source(),
                    verified: false,
                })
                .collect(),
            auto: auto.then_some(AutoCondition::NangCaoAchieved),
            source: source(),
            verified: false,
        })
        .collect();
    CriteriaSet {
        id: "thu".into(),
        version: "v1".into(),
        number: 1,
        parents: Some(vec![]),
        code: "THU".into(),
        title: "Bộ thử".into(),
        legal_basis: "thử".into(),
        period: YearRange {
            from: 2024,
            to: 2025,
        },
        level: SetLevel::Custom,
        dimension: ThresholdDimension::None,
        groups: vec![],
        criteria,
        source: source(),
        builtin: false,
        derived_from: None,
        notes: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn indexed_summaries_agree_with_full_evaluations(
        shape in shape(),
        marks in proptest::collection::vec(0u8..6, 0..8),
        values in proptest::collection::vec(("[a-e][0-9]?", 0u8..4, 0.0f64..100.0), 0..30),
        nang_cao in 0u8..3,
    ) {
        let set = set_of(&shape);
        let mut a = Assessment::new(AssessmentKey {
            unit: UnitRef::Commune("00001".into()),
            set: set.set_id(),
            period: Period::year(2024),
        });
        for (c, k) in set.criteria.iter().zip(&marks) {
            let mark = match k { 0 => CriterionMark::Met, 1 => CriterionMark::NotMet, 2 => CriterionMark::NotApplicable, _ => continue };
            a.marks.insert(c.id.clone(), Versioned::new(Entry::of(mark), stamp()));
        }
        for (id, k, x) in values {
            let v = match k { 0 | 1 => IndicatorValue::Number(x), 2 => IndicatorValue::YesNo(x > 50.0), _ => IndicatorValue::Text(format!("{x}")) };
            a.values.insert(id, Versioned::new(Entry::of(v), stamp()));
        }
        let ctx = ThresholdContext::default();
        let facts = LevelFacts { nang_cao_achieved: [None, Some(true), Some(false)][nang_cao as usize] };
        let full = evaluate_assessment(&set, &a, ctx, facts).summary();
        prop_assert_eq!(&summarise_assessment(&set, &a, ctx, facts), &full);
        prop_assert_eq!(&summarise_indexed(&set, &SetIndex::new(&set), &a, ctx, facts), &full);
    }
}
