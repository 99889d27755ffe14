//! The evaluation engine: thresholds by region / group / year, reasons in words,
//! criteria derived from indicators, direct marks, levels.

use ntm::domain::assessment::*;
use ntm::domain::criteria::*;
use ntm::domain::evaluation::*;
use ntm::domain::profile::Lang;
use ntm::domain::sync::{Hlc, Stamp, Versioned};
use ntm::domain::units::{CommuneGroup, Region, ThresholdContext, UnitRef};
use proptest::prelude::*;
use strum::VariantArray;

fn stamp() -> Stamp {
    Stamp {
        hlc: Hlc {
            wall_ms: 1,
            counter: 0,
        },
        device: "d".into(),
        author: "An".into(),
    }
}

fn src(c: &str) -> Source {
    Source {
        citation: c.into(),
        ..Default::default()
    }
}

fn threshold(scope: ThresholdScope, year: Option<u16>, value: f64) -> Threshold {
    Threshold {
        scope,
        year,
        value,
        source: src("test"),
        verified: true,
    }
}

fn income() -> Indicator {
    builtin_sets()
        .into_iter()
        .find(|s| s.code == "QD1980_2016_XA")
        .unwrap()
        .criterion("10")
        .unwrap()
        .indicators[0]
        .clone()
}

fn ctx(region: Option<Region>, group: Option<CommuneGroup>) -> ThresholdContext {
    ThresholdContext { region, group }
}

#[test]
fn the_regional_threshold_beats_the_general_one() {
    let ind = income();
    let btb = ctx(Some(Region::Btb), None);
    assert_eq!(applicable_threshold(&ind, btb, 2020).unwrap().value, 36.0);
    assert_eq!(
        applicable_threshold(&ind, ctx(Some(Region::Dnb), None), 2020)
            .unwrap()
            .value,
        59.0
    );
    // No region set: the general level applies.
    assert_eq!(
        applicable_threshold(&ind, ctx(None, None), 2020)
            .unwrap()
            .value,
        45.0
    );
    // Income thresholds are per year: none for 2019.
    assert!(applicable_threshold(&ind, btb, 2019).is_none());

    let e = evaluate_indicator(&ind, Some(&IndicatorValue::Number(40.5)), btb, 2020);
    assert_eq!(e.outcome, Outcome::Met);
    assert_eq!(
        e.reason.describe(Lang::Vi),
        "40,5 ≥ 36 (vùng Bắc Trung Bộ) → đạt"
    );
    let e = evaluate_indicator(
        &ind,
        Some(&IndicatorValue::Number(40.5)),
        ctx(Some(Region::Dnb), None),
        2020,
    );
    assert_eq!(e.outcome, Outcome::NotMet);
    assert_eq!(
        e.reason.describe(Lang::Vi),
        "40,5 < 59 (vùng Đông Nam Bộ) → chưa đạt"
    );
    assert_eq!(
        e.reason.describe(Lang::En),
        "40,5 < 59 (region Southeast) → not met"
    );
}

#[test]
fn unknown_when_a_value_or_threshold_is_missing() {
    let ind = income();
    let e = evaluate_indicator(&ind, None, ctx(Some(Region::Btb), None), 2020);
    assert_eq!(
        (e.outcome, e.reason.describe(Lang::Vi)),
        (Outcome::Unknown, "Chưa nhập giá trị".to_string())
    );
    let e = evaluate_indicator(
        &ind,
        Some(&IndicatorValue::Number(50.0)),
        ctx(Some(Region::Btb), None),
        2021,
    );
    assert_eq!(e.outcome, Outcome::Unknown);
    assert_eq!(
        e.reason,
        Reason::NoThreshold {
            missing_context: false
        }
    );
    let e = evaluate_indicator(
        &ind,
        Some(&IndicatorValue::Text("nhiều".into())),
        ctx(None, None),
        2020,
    );
    assert_eq!(e.reason, Reason::WrongValueType);
    let e = evaluate_indicator(
        &ind,
        Some(&IndicatorValue::Number(f64::NAN)),
        ctx(None, None),
        2020,
    );
    assert_eq!(e.reason, Reason::WrongValueType);

    let grouped = Indicator {
        id: "2.1".into(),
        code: "2.1".into(),
        text: "x".into(),
        kind: IndicatorKind::PercentAtMost,
        unit: Some("%".into()),
        thresholds: vec![
            threshold(ThresholdScope::Group(CommuneGroup::Nhom1), None, 5.0),
            threshold(ThresholdScope::Group(CommuneGroup::Nhom3), None, 15.0),
        ],
        source: src("x"),
        verified: false,
    };
    let e = evaluate_indicator(
        &grouped,
        Some(&IndicatorValue::Number(8.0)),
        ctx(None, None),
        2026,
    );
    assert_eq!(
        e.reason,
        Reason::NoThreshold {
            missing_context: true
        }
    );
    assert!(e
        .reason
        .describe(Lang::Vi)
        .contains("Chưa khai báo vùng hoặc nhóm"));
    let e = evaluate_indicator(
        &grouped,
        Some(&IndicatorValue::Number(8.0)),
        ctx(None, Some(CommuneGroup::Nhom3)),
        2026,
    );
    assert_eq!(e.outcome, Outcome::Met);
    assert_eq!(
        e.reason.describe(Lang::Vi),
        "8\u{a0}% ≤ 15\u{a0}% (Nhóm 3) → đạt"
    );
    let e = evaluate_indicator(
        &grouped,
        Some(&IndicatorValue::Number(8.0)),
        ctx(None, Some(CommuneGroup::Nhom1)),
        2026,
    );
    assert_eq!(e.outcome, Outcome::NotMet);
}

#[test]
fn unverified_thresholds_are_flagged_in_the_reason() {
    let s = builtin_sets()
        .into_iter()
        .find(|s| s.code == "QD318_2022_XA")
        .unwrap();
    let irrigation = &s.criterion("3").unwrap().indicators[0];
    let e = evaluate_indicator(
        irrigation,
        Some(&IndicatorValue::Number(85.0)),
        ctx(Some(Region::Btb), None),
        2024,
    );
    assert_eq!(
        e.reason.describe(Lang::Vi),
        "85\u{a0}% ≥ 80\u{a0}% (mức chung) → đạt (ngưỡng chưa xác minh)"
    );
}

fn key(set: &CriteriaSet) -> AssessmentKey {
    AssessmentKey {
        unit: UnitRef::Commune("00001".into()),
        set: set.set_id(),
        period: Period::year(2024),
    }
}

fn with_values(
    set: &CriteriaSet,
    marks: &[(&str, CriterionMark)],
    values: &[(&str, IndicatorValue)],
) -> Assessment {
    let mut a = Assessment::new(key(set));
    for (c, m) in marks {
        a.marks
            .insert((*c).into(), Versioned::new(Entry::of(*m), stamp()));
    }
    for (i, v) in values {
        a.values
            .insert((*i).into(), Versioned::new(Entry::of(v.clone()), stamp()));
    }
    a
}

#[test]
fn criteria_are_marked_directly_or_derived_from_indicators() {
    let set = builtin_sets()
        .into_iter()
        .find(|s| s.code == "QD318_2022_XA")
        .unwrap();
    let c3 = set.criterion("3").unwrap();
    let btb = ctx(Some(Region::Btb), None);
    let facts = LevelFacts::default();

    let a = with_values(
        &set,
        &[],
        &[
            ("3.x1", IndicatorValue::Number(85.0)),
            ("3.x2", IndicatorValue::YesNo(true)),
        ],
    );
    assert_eq!(
        evaluate_criterion(c3, &a, btb, facts).outcome,
        CriterionOutcome::Met
    );
    let a = with_values(
        &set,
        &[],
        &[
            ("3.x1", IndicatorValue::Number(85.0)),
            ("3.x2", IndicatorValue::YesNo(false)),
        ],
    );
    assert_eq!(
        evaluate_criterion(c3, &a, btb, facts).outcome,
        CriterionOutcome::NotMet
    );
    let a = with_values(&set, &[], &[("3.x1", IndicatorValue::Number(85.0))]);
    assert_eq!(
        evaluate_criterion(c3, &a, btb, facts).outcome,
        CriterionOutcome::Unknown
    );
    // A direct mark decides, whatever the indicators say.
    let a = with_values(
        &set,
        &[("3", CriterionMark::Met)],
        &[("3.x2", IndicatorValue::YesNo(false))],
    );
    let r = evaluate_criterion(c3, &a, btb, facts);
    assert_eq!(
        (r.outcome, r.basis),
        (CriterionOutcome::Met, Basis::Direct(CriterionMark::Met))
    );
    // A criterion with no indicators and no mark is unknown.
    assert_eq!(
        evaluate_criterion(set.criterion("1").unwrap(), &a, btb, facts).outcome,
        CriterionOutcome::Unknown
    );
}

#[test]
fn not_applicable_criteria_do_not_count_against_a_commune() {
    let set = builtin_sets()
        .into_iter()
        .find(|s| s.code == "QD51_2025_XA")
        .unwrap();
    let mut marks: Vec<(&str, CriterionMark)> = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        .iter()
        .map(|c| (*c, CriterionMark::Met))
        .collect();
    marks.push(("10", CriterionMark::NotApplicable));
    let r = evaluate_assessment(
        &set,
        &with_values(&set, &marks, &[]),
        ctx(None, None),
        LevelFacts::default(),
    );
    assert_eq!((r.met, r.applicable, r.total), (9, 9, 10));
    assert!(r.meets_set());
    marks[0].1 = CriterionMark::NotMet;
    let r = evaluate_assessment(
        &set,
        &with_values(&set, &marks, &[]),
        ctx(None, None),
        LevelFacts::default(),
    );
    assert!(!r.meets_set());
    assert_eq!(r.gaps(), vec!["1"]);
}

#[test]
fn levels_build_on_each_other() {
    let sets = builtin_sets();
    let get = |code: &str| sets.iter().find(|s| s.code == code).unwrap().clone();
    let (ntm_set, nc_set, km_set) = (
        get("QD318_2022_XA"),
        get("QD318_2022_XA_NANG_CAO"),
        get("QD319_2022_XA_KIEU_MAU"),
    );
    let all_met = |s: &CriteriaSet| -> Vec<(String, CriterionMark)> {
        s.criteria
            .iter()
            .map(|c| (c.code.clone(), CriterionMark::Met))
            .collect()
    };
    let eval = |s: &CriteriaSet,
                marks: &[(String, CriterionMark)],
                values: &[(&str, IndicatorValue)],
                facts| {
        let m: Vec<(&str, CriterionMark)> = marks.iter().map(|(c, m)| (c.as_str(), *m)).collect();
        evaluate_assessment(
            s,
            &with_values(s, &m, values),
            ctx(Some(Region::Btb), None),
            facts,
        )
    };
    let ntm = eval(&ntm_set, &all_met(&ntm_set), &[], LevelFacts::default());
    let nc = eval(&nc_set, &all_met(&nc_set), &[], LevelFacts::default());
    let km_values = [
        ("2.1", IndicatorValue::Number(112.0)),
        ("3.1", IndicatorValue::Number(1.0)),
        ("4.1", IndicatorValue::Number(2.0)),
    ];
    let km = eval(
        &km_set,
        &[],
        &km_values,
        LevelFacts {
            nang_cao_achieved: Some(true),
        },
    );
    assert!(km.meets_set());
    assert_eq!(
        commune_levels(Some(&ntm), Some(&nc), Some(&km)),
        CommuneLevels {
            ntm: true,
            nang_cao: true,
            kieu_mau: true
        }
    );
    // Income only 105 % of the nâng cao level: not kiểu mẫu.
    let low = eval(
        &km_set,
        &[],
        &[
            ("2.1", IndicatorValue::Number(105.0)),
            ("3.1", IndicatorValue::Number(1.0)),
            ("4.1", IndicatorValue::Number(1.0)),
        ],
        LevelFacts {
            nang_cao_achieved: Some(true),
        },
    );
    assert!(!commune_levels(Some(&ntm), Some(&nc), Some(&low)).kieu_mau);
    // Kiểu mẫu conditions follow nâng cao: without it, condition 1 fails.
    let km_without = eval(
        &km_set,
        &[],
        &km_values,
        LevelFacts {
            nang_cao_achieved: Some(false),
        },
    );
    assert_eq!(km_without.outcome("1"), Some(CriterionOutcome::NotMet));
    // Nâng cao needs NTM first.
    let mut one_short = all_met(&ntm_set);
    one_short[18].1 = CriterionMark::NotMet;
    let ntm_short = eval(&ntm_set, &one_short, &[], LevelFacts::default());
    assert_eq!(
        commune_levels(Some(&ntm_short), Some(&nc), Some(&km)),
        CommuneLevels::default()
    );
}

#[test]
fn copying_to_the_next_period_keeps_values_under_a_new_stamp() {
    let set = builtin_sets()
        .into_iter()
        .find(|s| s.code == "QD318_2022_XA")
        .unwrap();
    let a = with_values(
        &set,
        &[("1", CriterionMark::Met)],
        &[("3.x1", IndicatorValue::Number(70.0))],
    );
    let later = Stamp {
        hlc: Hlc {
            wall_ms: 99,
            counter: 0,
        },
        device: "d2".into(),
        author: "Bình".into(),
    };
    let b = a.copy_to(Period::first_half(2025), &later);
    assert_eq!(b.key.period, Period::first_half(2025));
    assert_eq!(b.mark("1"), Some(CriterionMark::Met));
    assert_eq!(b.value("3.x1"), Some(&IndicatorValue::Number(70.0)));
    assert!(b.values.values().all(|v| v.stamp == later));
    assert_eq!(Period::first_half(2025).label_vi(), "6 tháng đầu năm 2025");
    assert_eq!(Period::first_half(2025).previous(), Period::year(2024));
    assert!(Period::first_half(2025) < Period::year(2025));
}

proptest! {
    /// Raising a value never turns "met" into "not met" for an at-least indicator.
    #[test]
    fn at_least_is_monotone(a in 0.0f64..200.0, b in 0.0f64..200.0, region in 0usize..7) {
        let ind = income();
        let c = ctx(Some(Region::VARIANTS[region]), None);
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let e_lo = evaluate_indicator(&ind, Some(&IndicatorValue::Number(lo)), c, 2020).outcome;
        let e_hi = evaluate_indicator(&ind, Some(&IndicatorValue::Number(hi)), c, 2020).outcome;
        prop_assert!(!(e_lo == Outcome::Met && e_hi == Outcome::NotMet));
    }

    /// Counting composes: met ≤ applicable ≤ total, and "meets the set" means met == applicable.
    #[test]
    fn counts_are_consistent(marks in proptest::collection::vec(0u8..4, 19)) {
        let set = builtin_sets().into_iter().find(|s| s.code == "QD318_2022_XA").unwrap();
        let m: Vec<(String, CriterionMark)> = marks.iter().enumerate().filter_map(|(i, k)| {
            let mark = match k { 0 => CriterionMark::Met, 1 => CriterionMark::NotMet, 2 => CriterionMark::NotApplicable, _ => return None };
            Some(((i + 1).to_string(), mark))
        }).collect();
        let refs: Vec<(&str, CriterionMark)> = m.iter().map(|(c, k)| (c.as_str(), *k)).collect();
        let r = evaluate_assessment(&set, &with_values(&set, &refs, &[]), ctx(None, None), LevelFacts::default());
        prop_assert!(r.met <= r.applicable && r.applicable <= r.total);
        prop_assert_eq!(r.met, marks.iter().filter(|k| **k == 0).count());
        prop_assert_eq!(r.meets_set(), r.applicable > 0 && r.met == r.applicable);
        prop_assert_eq!(r.gaps().len(), r.applicable - r.met);
    }

    /// The statistics' short path (outcomes only) agrees with the full evaluation, for
    /// every built-in set, any marks, any values (of any kind), any region and facts.
    #[test]
    fn summaries_agree_with_full_evaluations(
        set_index in 0usize..6,
        marks in proptest::collection::vec(0u8..8, 0..40),
        values in proptest::collection::vec((0u8..6, 0.0f64..150.0), 0..80),
        region in 0usize..8,
        nang_cao in 0u8..3,
        strays in proptest::collection::vec("[0-9a-zA-Z._/]{0,6}", 0..6),
    ) {
        let sets = builtin_sets();
        let set = &sets[set_index % sets.len()];
        let mut a = Assessment::new(key(set));
        for (c, k) in set.criteria.iter().zip(&marks) {
            let mark = match k { 0 => CriterionMark::Met, 1 => CriterionMark::NotMet, 2 => CriterionMark::NotApplicable, _ => continue };
            a.marks.insert(c.code.clone(), Versioned::new(Entry::of(mark), stamp()));
        }
        for ((_, i), (k, x)) in set.indicators().zip(&values) {
            // Mostly a value of the indicator's own kind (the ones that decide outcomes).
            let fitting = if i.kind == IndicatorKind::PassFail { IndicatorValue::YesNo(*x > 50.0) } else { IndicatorValue::Number(*x) };
            let v = match k { 0 | 1 => fitting, 2 => IndicatorValue::Number(*x), 3 => IndicatorValue::YesNo(true), 4 => IndicatorValue::YesNo(false), _ => continue };
            a.values.insert(i.code.clone(), Versioned::new(Entry::of(v), stamp()));
        }
        // Values under ids the set does not have (another version's, a typo in a file):
        // the one-pass match must step over them.
        for id in strays {
            a.values.entry(id).or_insert_with(|| Versioned::new(Entry::of(IndicatorValue::Number(1.0)), stamp()));
        }
        let c = ctx(Region::VARIANTS.get(region).copied(), None);
        let facts = LevelFacts { nang_cao_achieved: [None, Some(true), Some(false)][nang_cao as usize] };
        let full = evaluate_assessment(set, &a, c, facts);
        let short = summarise_assessment(set, &a, c, facts);
        prop_assert_eq!(&short, &full.summary());
        let indexed = summarise_indexed(set, &SetIndex::new(set), &a, c, facts);
        prop_assert_eq!(&indexed, &full.summary());
        prop_assert_eq!(short.meets_set(), full.meets_set());
        let codes: Vec<String> = set.criteria.iter().map(|c| c.code.clone()).collect();
        prop_assert_eq!(short.gaps(&codes), full.gaps());
    }
}
