//! The criteria set workflows (`app::sets`) on an in-memory device, and the words the sets
//! pages show for them (`present::sets`): what is refused and why, a copy and its edits as
//! versions, parallel versions settled into one, a set given to a commune's villages.

mod common;

use futures::executor::block_on;
use ntm::app::memory::MemoryStore;
use ntm::app::sets::{self, Field, IndicatorForm, Refusal};
use ntm::domain::criteria::{builtin_sets, CriteriaSet, IndicatorKind, SetEdit, SetLevel};
use ntm::domain::merge::Dataset;
use ntm::domain::profile::Lang;
use ntm::domain::units::Unit;
use ntm::domain::workspace::Workspace;
use ntm::present::sets as words;
use ntm::store::Author;

const NOW: u64 = 1_796_000_400_000;

fn author() -> Author {
    Author {
        name: "Anh Minh".into(),
        device: "phone-m".into(),
    }
}

fn qd318() -> CriteriaSet {
    builtin_sets()
        .into_iter()
        .find(|s| s.id == "QD318_2022_XA")
        .expect("built in")
}

fn workspace(store: &MemoryStore) -> Workspace {
    let d = store.data.borrow();
    Workspace::new(
        d.units.clone(),
        d.assessments.clone(),
        d.sets.iter().map(|r| r.data.clone()).collect(),
    )
    .with_adopted(store.adopted.borrow().iter().cloned())
}

fn indicator_form() -> IndicatorForm {
    IndicatorForm {
        code: "3.3".into(),
        text: "Tỷ lệ hộ dùng điện an toàn".into(),
        kind: Some(IndicatorKind::PercentAtLeast),
        unit: "%".into(),
        threshold: "98,5".into(),
        scope: "all".into(),
        year: "2025".into(),
        citation: "QĐ 12/2023 của UBND tỉnh".into(),
        verified: false,
    }
}

#[test]
fn a_copy_needs_a_free_code_and_a_clean_title() {
    let base = qd318();
    let taken = vec!["QD318_TINH".to_string()];
    for code in ["", "qd 318", "QD-318", &"A".repeat(41), "qd318_tinh"] {
        assert_eq!(
            sets::copy_of(&base, &taken, code, "Bộ của tỉnh", "lin-1"),
            Err(Refusal::Code),
            "{code:?}"
        );
    }
    let hidden = sets::copy_of(&base, &taken, "HG_2025", "Bộ\u{202E} của tỉnh", "lin-1");
    let Err(Refusal::Character { field, character }) = hidden else {
        panic!("{hidden:?}")
    };
    assert_eq!((field, character.position), (Field::Title, 3));
    let message = words::refusal(&hidden.unwrap_err(), Lang::Vi);
    assert!(message.starts_with("Tên bộ mới: "), "{message}");
    assert!(message.contains("U+202E"), "{message}");

    let copy = sets::copy_of(&base, &taken, " hg_2025 ", "  Bộ  của tỉnh ", "lin-1").unwrap();
    assert_eq!(
        (copy.code.as_str(), copy.title.as_str()),
        ("HG_2025", "Bộ của tỉnh")
    );
    assert_eq!(
        (copy.id.as_str(), copy.number, copy.builtin),
        ("lin-1", 1, false)
    );
    assert_eq!(copy.derived_from, Some(base.set_id()));
    assert_eq!(copy.criteria.len(), base.criteria.len());
}

#[test]
fn an_indicator_form_says_which_field_is_wrong() {
    let ok = indicator_form();
    let cases: Vec<(IndicatorForm, Refusal)> = vec![
        (
            IndicatorForm {
                code: " ".into(),
                ..ok.clone()
            },
            Refusal::Missing(Field::Code),
        ),
        (
            IndicatorForm {
                text: "".into(),
                ..ok.clone()
            },
            Refusal::Missing(Field::Text),
        ),
        (
            IndicatorForm {
                citation: "".into(),
                ..ok.clone()
            },
            Refusal::Missing(Field::Citation),
        ),
        (
            IndicatorForm {
                threshold: "chín mươi".into(),
                ..ok.clone()
            },
            Refusal::Number,
        ),
        (
            IndicatorForm {
                year: "năm nay".into(),
                ..ok.clone()
            },
            Refusal::Number,
        ),
        (
            IndicatorForm {
                scope: "r:atlantis".into(),
                ..ok.clone()
            },
            Refusal::Number,
        ),
    ];
    for (form, expected) in cases {
        assert_eq!(
            sets::indicator_added("c3", &form, "i1".into()),
            Err(expected)
        );
    }
    // Hidden characters are refused as in every typed name; "<" is wording here
    // ("tỷ lệ hộ nghèo < 5 %"), shown as text.
    let hidden = sets::indicator_added(
        "c3",
        &IndicatorForm {
            text: "Tỷ lệ hộ\u{200B}".into(),
            ..ok.clone()
        },
        "i1".into(),
    );
    assert!(
        matches!(
            hidden,
            Err(Refusal::Character {
                field: Field::Text,
                ..
            })
        ),
        "{hidden:?}"
    );
    let less_than = IndicatorForm {
        text: "Tỷ lệ hộ nghèo < 5 %".into(),
        ..ok.clone()
    };
    assert!(sets::indicator_added("c3", &less_than, "i1".into()).is_ok());
    let en = words::refusal(&Refusal::Missing(Field::Citation), Lang::En);
    assert!(en.starts_with("Source"), "{en}");

    let Ok(SetEdit::AddIndicator {
        criterion,
        indicator,
    }) = sets::indicator_added("c3", &ok, "i1".into())
    else {
        panic!()
    };
    assert_eq!((criterion.as_str(), indicator.id.as_str()), ("c3", "i1"));
    let th = &indicator.thresholds[0];
    assert_eq!((th.value, th.year), (98.5, Some(2025)));
    assert_eq!(indicator.unit.as_deref(), Some("%"));
    // A pass/fail indicator has no threshold: what was typed there is not read.
    let pass_fail = IndicatorForm {
        kind: Some(IndicatorKind::PassFail),
        threshold: "x".into(),
        ..ok
    };
    let Ok(SetEdit::AddIndicator { indicator, .. }) =
        sets::indicator_added("c3", &pass_fail, "i2".into())
    else {
        panic!()
    };
    assert!(indicator.thresholds.is_empty());
}

#[test]
fn edits_are_versions_and_parallel_versions_settle_into_one() {
    let store = MemoryStore::new(Dataset::default(), NOW);
    let copy = sets::copy_of(&qd318(), &[], "HG_2025", "Bộ của tỉnh", "lin-1").unwrap();
    let path = block_on(sets::save_version(&store, copy.clone(), &author())).unwrap();
    assert_eq!(path, format!("/bo-tieu-chi/{}", copy.set_id()));

    // Two people edit version 1 at the same time.
    let c = copy.criteria[0].clone();
    let a = sets::edited(
        &copy,
        sets::criterion_renamed(&c, "1", "Quy hoạch (sửa A)").unwrap(),
    )
    .unwrap();
    let b = sets::edited(
        &copy,
        sets::criterion_added("20", "Tiêu chí riêng", "QĐ của tỉnh", "c-new".into()).unwrap(),
    )
    .unwrap();
    block_on(sets::save_version(&store, a.clone(), &author())).unwrap();
    block_on(sets::save_version(&store, b.clone(), &author())).unwrap();
    let ws = workspace(&store);
    let list = words::set_list(&ws, Lang::Vi);
    let item = list.iter().find(|s| s.lineage == "lin-1").expect("listed");
    assert_eq!(item.heads, 2);
    let (others, newer) = words::versions(&ws, &a, Lang::Vi);
    assert_eq!(newer, None, "a is current");
    assert_eq!(others.len(), 1);
    assert_eq!(others[0].version, b.version);
    assert!(!others[0].changes.is_empty());
    // The first version is no longer current: it points to a newer one.
    assert!(words::versions(&ws, &copy, Lang::Vi).1.is_some());

    let settled = sets::settled(&ws, &a);
    block_on(sets::save_version(&store, settled.clone(), &author())).unwrap();
    let ws = workspace(&store);
    assert_eq!(ws.heads("lin-1").len(), 1);
    assert_eq!(ws.heads("lin-1")[0].version, settled.version);
    assert_eq!(settled.criteria[0].name, "Quy hoạch (sửa A)");

    // A built-in set cannot be edited; the page says so.
    let refused = sets::edited(&qd318(), SetEdit::AddCriterion(settled.criteria[0].clone()));
    assert!(words::refusal(&refused.unwrap_err(), Lang::Vi).contains("sao chép"));
}

#[test]
fn a_village_set_given_to_a_commune_counts_its_villages() {
    let ws = common::demo_workspace();
    let data = Dataset {
        units: ws.units.clone(),
        ..Dataset::default()
    };
    let store = MemoryStore::new(data, NOW);
    let village_sets: Vec<CriteriaSet> = builtin_sets()
        .into_iter()
        .filter(|s| s.level.is_village_level())
        .collect();
    let copy = sets::copy_of(&village_sets[0], &[], "THON_HG", "Thôn của tỉnh", "lin-v").unwrap();
    block_on(sets::save_version(&store, copy.clone(), &author())).unwrap();
    let ws = workspace(&store);
    let choices = sets::village_set_choices(&ws, &copy.set_id());
    assert_eq!(choices.len(), 100, "every demo commune");
    assert!(choices.iter().all(|(_, _, has)| !has));
    let code = choices[7].0.clone();

    block_on(sets::use_for_villages(&store, &ws, &code, &copy, &author())).unwrap();
    let ws = workspace(&store);
    let chosen: Vec<_> = sets::village_set_choices(&ws, &copy.set_id())
        .into_iter()
        .filter(|(_, _, has)| *has)
        .collect();
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0].0, code);
    assert_eq!(ws.adopted_levels("lin-v"), vec![SetLevel::ThonNtm]);
    let commune = store
        .data
        .borrow()
        .units
        .iter()
        .find(|u| u.id == format!("commune:{code}"))
        .cloned()
        .unwrap();
    assert!(matches!(commune.data, Unit::Commune(c) if c.village_set == Some(copy.set_id())));
    // An unknown commune writes nothing.
    let before = store.data.borrow().clone();
    assert!(block_on(sets::use_for_villages(
        &store,
        &ws,
        "99999",
        &copy,
        &author()
    ))
    .is_err());
    assert_eq!(*store.data.borrow(), before);
}

#[test]
fn a_new_set_names_its_maker_so_the_server_knows_who_publishes_it() {
    use ntm::app::sets::new_lineage;
    use ntm::domain::set_versions::{lineage_owner, LineageOwner};
    use ntm::domain::units::UnitRef;
    let uuid = "0f4e2a9c-1b7d-4c55-9f1e-2d3c4b5a6978";
    let commune_of = |v: &UnitRef| {
        (v == &UnitRef::Village("ban-phieng".into())).then(|| UnitRef::Commune("15772".into()))
    };
    let province = new_lineage(Some(&UnitRef::Province("38".into())), commune_of, uuid);
    assert_eq!(province, format!("p38-{uuid}"));
    assert_eq!(
        lineage_owner(&province),
        LineageOwner::Province("38".into())
    );
    let commune = new_lineage(Some(&UnitRef::Commune("15772".into())), commune_of, uuid);
    assert_eq!(
        lineage_owner(&commune),
        LineageOwner::Commune("15772".into())
    );
    // A village head's set is his commune's.
    let head = new_lineage(
        Some(&UnitRef::Village("ban-phieng".into())),
        commune_of,
        uuid,
    );
    assert_eq!(head, commune);
    // No unit, or an unknown village: a lineage of the province's officials only.
    assert_eq!(new_lineage(None, commune_of, uuid), uuid);
    assert_eq!(lineage_owner(uuid), LineageOwner::Unmarked);
    assert!(ntm::domain::sync::is_valid_id(&commune));
}

/// Issue 31: two sets that look alike (the province's and a commune's copy with the same
/// code and title) are named with their owners in the sets list, the unit page's picker,
/// the dashboard's and the export's; a set that looks like no other is named as before.
#[test]
fn sets_that_look_alike_are_named_with_their_owners() {
    let base = qd318();
    let province = sets::copy_of(
        &base,
        &[],
        "THON_TINH",
        "Bộ tiêu chí thôn",
        "p38-aaaaaaaa-0000-4000-8000-000000000001",
    )
    .unwrap();
    let commune = sets::copy_of(
        &base,
        &[],
        "THON_TINH",
        "Bộ tiêu chí thôn",
        "c15772-bbbbbbbb-0000-4000-8000-000000000002",
    )
    .unwrap();
    let unique = sets::copy_of(
        &base,
        &[],
        "RIENG",
        "Bộ riêng",
        "c15772-cccccccc-0000-4000-8000-000000000003",
    )
    .unwrap();
    let units = vec![
        common::record(
            "province:38".into(),
            Unit::Province(ntm::domain::units::Province {
                code: "38".into(),
                name: "Tỉnh Thanh Hóa".into(),
            }),
        ),
        common::record("commune:15772".into(), {
            let Unit::Commune(mut c) = common::commune() else {
                unreachable!()
            };
            c.code = "15772".into();
            c.name = "Xã Thiệu Hóa".into();
            c.province_code = "38".into();
            Unit::Commune(c)
        }),
    ];
    let ws = Workspace::new(
        units,
        Vec::new(),
        vec![province.clone(), commune.clone(), unique.clone()],
    );
    let labels: Vec<String> = words::set_list(&ws, Lang::Vi)
        .into_iter()
        .map(|i| i.label)
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l.ends_with("(THON_TINH) · phiên bản 1 · của Tỉnh Thanh Hóa")),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|l| l.ends_with("(THON_TINH) · phiên bản 1 · của Xã Thiệu Hóa")),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l.ends_with("(RIENG) · phiên bản 1")),
        "{labels:?}"
    );
    assert_eq!(
        words::label_with_owner(&ws, &unique, Lang::Vi),
        unique.label(Lang::Vi)
    );
    assert_eq!(
        words::owner_words(&ws, &province, Lang::En).as_deref(),
        Some("by Tỉnh Thanh Hóa")
    );
}
