//! Built-in criteria sets load, are well formed, and never carry an unsourced threshold;
//! custom sets derive and version correctly.

use ntm::domain::assessment::{Assessment, AssessmentKey, CriterionMark, Entry};
use ntm::domain::criteria::*;
use ntm::domain::evaluation::{evaluate_assessment, CriterionOutcome};
use ntm::domain::profile::Lang;
use ntm::domain::set_versions::{content_matches_id, diff, heads, settle, version_id};
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
        assert_eq!(
            (s.id.as_str(), s.version.as_str(), s.number),
            (s.code.as_str(), "1", 1)
        );
        assert!(is_builtin_lineage(&s.id));
        assert!(
            s.criteria.iter().all(|c| c.id == c.code)
                && s.indicators().all(|(_, i)| i.id == i.code),
            "built-in ids are the codes, so marks made before ids existed stay put"
        );
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
        id: format!("i-{code}"),
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

    let copy = derive_custom(&base, "lineage-x", "TINH_X_2022_XA", "Bộ tiêu chí tỉnh X");
    assert_eq!((copy.id.as_str(), copy.number), ("lineage-x", 1));
    assert_eq!(copy.parents, Some(vec![]));
    assert_eq!(
        copy.version,
        version_id(&copy),
        "the version id is the content's"
    );
    assert!(copy.version.starts_with("1-"));
    assert!(!copy.builtin);
    assert_eq!(
        copy.derived_from,
        Some(SetId {
            id: "QD318_2022_XA".into(),
            version: "1".into()
        })
    );

    let v2 = apply_edit(&copy, edit).unwrap();
    assert_eq!(v2.number, 2);
    assert_eq!(v2.parents, Some(vec![copy.version.clone()]));
    assert_eq!(
        copy.number, 1,
        "the earlier version is untouched for assessments that use it"
    );
    assert_eq!(v2.criterion("17").unwrap().indicators.len(), 1);
    assert_ne!(v2.set_id(), copy.set_id());
    assert_eq!(v2.id, copy.id, "one lineage");

    let v3 = apply_edit(
        &v2,
        SetEdit::RemoveIndicator {
            criterion: "17".into(),
            indicator: "i-17.1".into(),
        },
    )
    .unwrap();
    assert_eq!(v3.number, 3);
    assert!(v3.criterion("17").unwrap().indicators.is_empty());
    assert_ne!(
        v3.version, copy.version,
        "same criteria as version 1, but another number: another id"
    );
}

#[test]
fn version_ids_come_from_content_so_they_never_collide() {
    let base = set("MAU_THON_NTM");
    // Two village heads copy the empty template and type the same code.
    let a = derive_custom(&base, "id-a", "THON_NAM_CUM", "Thôn");
    let b = derive_custom(&base, "id-b", "THON_NAM_CUM", "Thôn");
    assert_ne!(a.set_id(), b.set_id(), "same code, two sets");
    let criterion = |id: &str, name: &str| Criterion {
        id: id.into(),
        code: "1".into(),
        name: name.into(),
        group: None,
        indicators: vec![],
        auto: None,
        source: Source {
            citation: "QĐ của tỉnh".into(),
            ..Default::default()
        },
        verified: false,
    };
    // Two devices edit version 1 of the same lineage differently: two version ids.
    let x = apply_edit(&a, SetEdit::AddCriterion(criterion("k1", "Giao thông"))).unwrap();
    let y = apply_edit(&a, SetEdit::AddCriterion(criterion("k2", "Điện"))).unwrap();
    assert_eq!((x.number, y.number), (2, 2));
    assert_ne!(x.version, y.version);
    // The same edit made twice is the same version.
    let x2 = apply_edit(&a, SetEdit::AddCriterion(criterion("k1", "Giao thông"))).unwrap();
    assert_eq!(x2, x);
    // A content altered under its id is detected.
    let mut forged = x.clone();
    forged.criteria[0].name = "Điện".into();
    assert!(!content_matches_id(&forged));
    assert!(content_matches_id(&x));

    // Parallel versions are both current, and their difference is told criterion by
    // criterion; settling on one makes a single current version again.
    let all = [&a, &x, &y];
    let heads = heads(&all);
    assert_eq!(heads.len(), 2);
    let d: Vec<String> = diff(&x, &y).iter().map(|c| c.describe(Lang::Vi)).collect();
    assert_eq!(
        d,
        vec![
            "Thêm tiêu chí 1 “Điện”".to_string(),
            "Bỏ tiêu chí 1 “Giao thông”".to_string()
        ]
    );
    let settled = settle(&x, &heads);
    assert_eq!(settled.number, 3);
    let after = [&a, &x, &y, &settled];
    assert_eq!(heads_of(&after), vec![settled.version.clone()]);
}

fn heads_of(versions: &[&CriteriaSet]) -> Vec<String> {
    heads(versions).iter().map(|s| s.version.clone()).collect()
}

#[test]
fn renumbering_a_criterion_keeps_its_id_and_marks() {
    let copy = derive_custom(&set("QD318_2022_XA"), "l", "X", "X");
    let renumbered = apply_edit(
        &copy,
        SetEdit::EditCriterion {
            criterion: "4".into(),
            code: "4a".into(),
            name: "Điện nông thôn".into(),
            verified: false,
            source: Source {
                citation: "QĐ tỉnh".into(),
                ..Default::default()
            },
        },
    )
    .unwrap();
    assert_eq!(renumbered.criterion("4").unwrap().code, "4a");
    assert!(renumbered.criterion_by_code("4").is_none());
    let mut a = Assessment::new(AssessmentKey {
        unit: ntm::domain::units::UnitRef::Commune("00001".into()),
        set: renumbered.set_id(),
        period: ntm::domain::assessment::Period::year(2025),
    });
    a.set_mark("4", Entry::of(CriterionMark::NotMet), stamp());
    let r = evaluate_assessment(&renumbered, &a, Default::default(), Default::default());
    let c = r.criteria.iter().find(|c| c.code == "4a").unwrap();
    assert_eq!(
        c.outcome,
        CriterionOutcome::NotMet,
        "the mark followed the criterion"
    );
    let changes: Vec<String> = diff(&copy, &renumbered)
        .iter()
        .map(|c| c.describe(Lang::Vi))
        .collect();
    assert_eq!(
        changes,
        vec![
            "Tiêu chí “Điện nông thôn”: đổi số 4 → 4a".to_string(),
            "Tiêu chí 4a: đổi tên “Điện” → “Điện nông thôn”".to_string()
        ]
    );
}

fn stamp() -> ntm::domain::sync::Stamp {
    ntm::domain::sync::Stamp {
        hlc: Default::default(),
        device: "d".into(),
        author: "a".into(),
    }
}

#[test]
fn edits_that_would_break_a_set_are_refused() {
    let copy = derive_custom(&set("QD318_2022_XA"), "l", "X", "X");
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

#[test]
fn a_set_edit_with_a_hidden_character_is_refused_naming_it() {
    // The same list of refused characters as files use: a criterion renamed with a
    // pasted zero-width space would otherwise be refused by every device it is sent to.
    let copy = derive_custom(&set("QD318_2022_XA"), "l", "X", "X");
    let edit = |name: &str, citation: &str| SetEdit::EditCriterion {
        criterion: "4".into(),
        code: "4".into(),
        name: name.into(),
        verified: false,
        source: Source {
            citation: citation.into(),
            ..Default::default()
        },
    };
    let Err(EditError::Invalid(problems)) =
        apply_edit(&copy, edit("Điện\u{200B} nông thôn", "QĐ tỉnh"))
    else {
        panic!("accepted a hidden character");
    };
    assert_eq!(
        problems
            .iter()
            .map(|p| p.message(Lang::Vi))
            .collect::<Vec<_>>(),
        ["4: chứa ký tự điều khiển hoặc ký tự ẩn U+200B ở vị trí 5"]
    );
    // In a source too.
    assert!(matches!(
        apply_edit(&copy, edit("Điện", "QĐ\u{202E} tỉnh")),
        Err(EditError::Invalid(p)) if matches!(p[..], [SetProblem::HiddenCharacter { .. }])
    ));
    assert!(apply_edit(&copy, edit("Điện nông thôn", "QĐ tỉnh")).is_ok());
    // Every built-in set is free of them.
    for s in builtin_sets() {
        assert!(s.problems().is_empty(), "{}: {:?}", s.code, s.problems());
    }
}

/// Issue 31: a commune holding versions 1–2 of the province's set receives version 5. The
/// file carries the versions 5 was made from, so the commune sees one current version; a
/// file carrying version 5 alone (as before) would show it beside version 2 as parallel.
#[test]
fn a_version_travels_with_its_ancestry_so_skipped_versions_show_one_current() {
    use ntm::domain::merge::{apply, known_set, plan_merge, select, Dataset, ExportScope};
    use ntm::domain::sync::{Hlc, Record, Stamp};
    let base = set("QD318_2022_XA");
    let lineage = "p38-5d0f3c1e-6a7b-4c8d-9e0f-123456789abc";
    let mut chain = vec![derive_custom(
        &base,
        lineage,
        "THON_TINH",
        "Bộ tiêu chí thôn",
    )];
    for i in 1..5 {
        let edit = SetEdit::AddIndicator {
            criterion: "17".into(),
            indicator: indicator(&format!("17.{i}"), 60.0, true),
        };
        let next = apply_edit(chain.last().unwrap(), edit).unwrap();
        chain.push(next);
    }
    let stamp = Stamp {
        hlc: Hlc {
            wall_ms: 1_790_000_000_000,
            counter: 0,
        },
        device: "may-tinh".into(),
        author: "Tỉnh".into(),
    };
    let record = |s: &CriteriaSet| Record {
        id: s.set_id().to_string(),
        data: s.clone(),
        stamp: stamp.clone(),
        archived: false,
    };
    let province = Dataset {
        sets: chain.iter().map(record).collect(),
        ..Dataset::default()
    };
    let commune = Dataset {
        sets: chain[..2].iter().map(record).collect(),
        ..Dataset::default()
    };
    let current = |d: &Dataset| -> Vec<String> {
        let versions: Vec<&CriteriaSet> = d.sets.iter().map(|r| &r.data).collect();
        heads(&versions).iter().map(|s| s.version.clone()).collect()
    };
    let merged = |into: &Dataset, file: &Dataset| {
        let mut d = into.clone();
        let plan = plan_merge(into, file, known_set(into));
        apply(&mut d, &plan);
        d
    };

    let file = select(
        &province,
        &ExportScope::Set(chain[4].set_id().to_string()),
        None,
    );
    assert_eq!(
        file.sets.len(),
        5,
        "version 5 with the four it was made from"
    );
    assert_eq!(
        current(&merged(&commune, &file)),
        vec![chain[4].version.clone()]
    );

    let alone = Dataset {
        sets: vec![record(&chain[4])],
        ..Dataset::default()
    };
    assert_eq!(
        current(&merged(&commune, &alone)).len(),
        2,
        "what a file without ancestry gave"
    );
}
