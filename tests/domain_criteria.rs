//! Built-in criteria sets load, are well formed, and never carry an unsourced threshold;
//! custom sets derive and version correctly.

use ntm::domain::criteria::*;
use ntm::domain::text::nfc;
use ntm::domain::units::Region;

fn set(code: &str) -> CriteriaSet {
    builtin_sets().into_iter().find(|s| s.code == code).unwrap()
}

#[test]
fn builtin_sets_load_with_the_expected_shapes() {
    let sets = builtin_sets();
    let shape: Vec<(&str, usize, SetLevel, ThresholdDimension)> = sets
        .iter()
        .map(|s| (s.code.as_str(), s.criteria.len(), s.level, s.dimension))
        .collect();
    assert_eq!(
        shape,
        vec![
            (
                "QD51_2025_XA",
                10,
                SetLevel::XaNtm,
                ThresholdDimension::CommuneGroups
            ),
            (
                "QD318_2022_XA",
                19,
                SetLevel::XaNtm,
                ThresholdDimension::Regions
            ),
            (
                "QD318_2022_XA_NANG_CAO",
                19,
                SetLevel::XaNangCao,
                ThresholdDimension::Regions
            ),
            (
                "QD319_2022_XA_KIEU_MAU",
                4,
                SetLevel::XaKieuMau,
                ThresholdDimension::None
            ),
            (
                "QD1980_2016_XA",
                19,
                SetLevel::XaNtm,
                ThresholdDimension::Regions
            ),
            (
                "MAU_THON_NTM",
                0,
                SetLevel::ThonNtm,
                ThresholdDimension::None
            ),
        ]
    );
    for s in &sets {
        assert!(s.builtin, "{}", s.code);
        assert_eq!(s.version, 1);
        assert_eq!(s.problems(), vec![], "{} is well formed", s.code);
        assert!(
            s.notes.is_some(),
            "{} says what is missing or unverified",
            s.code
        );
    }
}

#[test]
fn no_threshold_is_present_without_a_source() {
    for s in builtin_sets() {
        for (c, i) in s.indicators() {
            assert!(
                i.source.is_given(),
                "{} {} indicator {}",
                s.code,
                c.code,
                i.code
            );
            for t in &i.thresholds {
                assert!(
                    t.source.is_given(),
                    "{} indicator {} threshold {:?}",
                    s.code,
                    i.code,
                    t.scope
                );
            }
        }
        for c in &s.criteria {
            assert!(c.source.is_given(), "{} criterion {}", s.code, c.code);
        }
    }
}

#[test]
fn names_are_exactly_as_the_reference_gives_them() {
    let s = set("QD318_2022_XA");
    assert_eq!(
        s.criterion("3").unwrap().name,
        "Thủy lợi và phòng, chống thiên tai"
    );
    assert_eq!(
        s.criterion("17").unwrap().name,
        "Môi trường và an toàn thực phẩm"
    );
    let s51 = set("QD51_2025_XA");
    assert_eq!(
        s51.criterion("7").unwrap().name,
        "Khoa học công nghệ và chuyển đổi số"
    );
    let old = set("QD1980_2016_XA");
    assert_eq!(old.criterion("11").unwrap().name, "Hộ nghèo");
    for s in builtin_sets() {
        for c in &s.criteria {
            assert_eq!(c.name, nfc(&c.name), "NFC: {}", c.name);
        }
    }
}

#[test]
fn unverified_things_say_so() {
    // Only the 2020 income thresholds of QĐ 1980 are confirmed; the QĐ 318 indicators come
    // from a news paraphrase, and the nâng cao criteria names are placeholders.
    let s = set("QD318_2022_XA");
    let irrigation = &s.criterion("3").unwrap().indicators[0];
    assert!(!irrigation.verified);
    assert!(irrigation.thresholds.iter().all(|t| !t.verified));
    assert!(set("QD318_2022_XA_NANG_CAO")
        .criteria
        .iter()
        .all(|c| !c.verified));
    let old = set("QD1980_2016_XA");
    let income = &old.criterion("10").unwrap().indicators[0];
    assert_eq!(income.thresholds.len(), 8);
    assert!(income
        .thresholds
        .iter()
        .all(|t| t.verified && t.year == Some(2020)));
    let dnb = income
        .thresholds
        .iter()
        .find(|t| t.scope == ThresholdScope::Region(Region::Dnb))
        .unwrap();
    assert_eq!(dnb.value, 59.0);
}

fn indicator(code: &str, value: f64, with_source: bool) -> Indicator {
    Indicator {
        code: code.into(),
        text: "Tỷ lệ hộ sử dụng nước sạch".into(),
        kind: IndicatorKind::PercentAtLeast,
        unit: Some("%".into()),
        thresholds: vec![Threshold {
            scope: ThresholdScope::Region(Region::Btb),
            year: None,
            value,
            source: Source {
                citation: if with_source {
                    "QĐ 318/QĐ-TTg".into()
                } else {
                    String::new()
                },
                ..Default::default()
            },
            verified: false,
        }],
        source: Source {
            citation: "Tỉnh X".into(),
            ..Default::default()
        },
        verified: false,
    }
}

#[test]
fn builtin_sets_are_read_only_and_copies_are_versioned() {
    let base = set("QD318_2022_XA");
    let edit = SetEdit::AddIndicator {
        criterion: "17".into(),
        indicator: indicator("17.1", 60.0, true),
    };
    assert_eq!(
        apply_edit(&base, edit.clone()),
        Err(EditError::BuiltinReadOnly)
    );

    let copy = derive_custom(&base, "TINH_X_2022_XA", "Bộ tiêu chí tỉnh X");
    assert_eq!(copy.version, 1);
    assert!(!copy.builtin);
    assert_eq!(
        copy.derived_from,
        Some(SetId {
            code: "QD318_2022_XA".into(),
            version: 1
        })
    );

    let v2 = apply_edit(&copy, edit).unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(
        copy.version, 1,
        "the earlier version is untouched for assessments that use it"
    );
    assert_eq!(v2.criterion("17").unwrap().indicators.len(), 1);
    assert_ne!(v2.id(), copy.id());

    let v3 = apply_edit(
        &v2,
        SetEdit::RemoveIndicator {
            criterion: "17".into(),
            code: "17.1".into(),
        },
    )
    .unwrap();
    assert_eq!(v3.version, 3);
    assert!(v3.criterion("17").unwrap().indicators.is_empty());
}

#[test]
fn edits_that_would_break_a_set_are_refused() {
    let copy = derive_custom(&set("QD318_2022_XA"), "X", "X");
    let no_source = SetEdit::AddIndicator {
        criterion: "17".into(),
        indicator: indicator("17.1", 60.0, false),
    };
    assert_eq!(
        apply_edit(&copy, no_source),
        Err(EditError::Invalid(vec![
            SetProblem::ThresholdWithoutSource("17.1".into())
        ]))
    );
    let too_big = SetEdit::AddIndicator {
        criterion: "17".into(),
        indicator: indicator("17.1", 160.0, true),
    };
    assert!(
        matches!(apply_edit(&copy, too_big), Err(EditError::Invalid(p)) if matches!(p[0], SetProblem::PercentOutOfRange { .. }))
    );
    let duplicate = SetEdit::AddIndicator {
        criterion: "3".into(),
        indicator: indicator("3.x1", 60.0, true),
    };
    assert_eq!(
        apply_edit(&copy, duplicate),
        Err(EditError::Invalid(vec![SetProblem::DuplicateIndicator(
            "3.x1".into()
        )]))
    );
    let unknown = SetEdit::AddIndicator {
        criterion: "99".into(),
        indicator: indicator("99.1", 60.0, true),
    };
    assert_eq!(
        apply_edit(&copy, unknown),
        Err(EditError::UnknownCriterion("99".into()))
    );
    let group_in_region_set = SetEdit::AddIndicator {
        criterion: "17".into(),
        indicator: Indicator {
            thresholds: vec![Threshold {
                scope: ThresholdScope::Group(ntm::domain::units::CommuneGroup::Nhom1),
                year: None,
                value: 50.0,
                source: Source {
                    citation: "x".into(),
                    ..Default::default()
                },
                verified: false,
            }],
            ..indicator("17.2", 1.0, true)
        },
    };
    assert_eq!(
        apply_edit(&copy, group_in_region_set),
        Err(EditError::Invalid(vec![SetProblem::ScopeNotInDimension(
            "17.2".into()
        )]))
    );
}

#[test]
fn sets_round_trip_through_json() {
    for s in builtin_sets() {
        let json = serde_json::to_string(&s).unwrap();
        let back: CriteriaSet = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }
}

#[test]
fn scopes_problems_and_plan_progress_read_in_both_languages() {
    use ntm::domain::criteria::{SetProblem, ThresholdScope};
    use ntm::domain::profile::Lang;
    use ntm::domain::units::{CommuneGroup, Region};
    assert_eq!(ThresholdScope::All.label(Lang::Vi), "Mức chung");
    assert_eq!(ThresholdScope::All.label(Lang::En), "All units");
    assert_eq!(
        ThresholdScope::Region(Region::Btb).label(Lang::Vi),
        "Bắc Trung Bộ"
    );
    assert_eq!(
        ThresholdScope::Group(CommuneGroup::Nhom2).label(Lang::En),
        "Group 2"
    );
    let p = SetProblem::DuplicateIndicator("3.x1".into());
    assert_eq!(p.message(Lang::Vi), "chỉ tiêu 3.x1 bị trùng");
    assert_eq!(p.message(Lang::En), "indicator 3.x1 appears twice");
    assert_eq!(
        ntm::domain::plans::progress_text(94.0, Lang::Vi),
        "Đạt 94\u{a0}% kế hoạch"
    );
    assert_eq!(
        ntm::domain::plans::progress_text(94.0, Lang::En),
        "94\u{a0}% of plan"
    );
}
