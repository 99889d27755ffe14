//! Identities in a real browser: a database made by an older app upgrades to set lineage
//! and version ids with every mark on its criterion; a village added on two devices is
//! proposed as a duplicate, merged at import, shows its disagreeing values as a conflict,
//! and both devices converge.
#![cfg(target_arch = "wasm32")]

use ntm::domain::assessment::*;
use ntm::domain::criteria::{
    apply_edit, builtin_sets, derive_custom, CriteriaSet, Criterion, SetEdit, Source,
};
use ntm::domain::history::EditTarget;
use ntm::domain::merge::{select, Counts, Dataset, ExportScope};
use ntm::domain::stats::Scope;
use ntm::domain::units::*;
use ntm::domain::workspace::Workspace;
use ntm::exchange::access::senders::ImportRule;
use ntm::exchange::{self, ImportRecord, Sender};
use ntm::store::schema::store_names;
use ntm::store::{Store, DATA_FORMAT};
use serde_json::json;
use wasm_bindgen_test::*;

mod common;
use common::browser::author;
use common::commune;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_name() -> String {
    format!("ntm-test-{}", ntm::shell::random_id())
}

fn stamp_json(minute: u64) -> serde_json::Value {
    json!({"hlc": {"wall_ms": 1_760_000_000_000u64 + minute * 60_000, "counter": 0}, "device": "old-device", "author": "Hoa"})
}

/// A custom village set as the app wrote it before schema version 2.
fn legacy_set() -> serde_json::Value {
    let criterion = |code: &str, name: &str| json!({"code": code, "name": name, "indicators": [], "source": {"citation": "QĐ của tỉnh"}, "verified": false});
    json!({
        "code": "THON_X", "version": 1, "title": "Bộ tiêu chí thôn tỉnh X",
        "legal_basis": "QĐ tỉnh", "period": {"from": 2021, "to": 2025}, "level": "thon_ntm",
        "dimension": "none", "groups": [],
        "criteria": [criterion("1", "Giao thông"), criterion("2", "Điện")],
        "source": {"citation": "QĐ tỉnh"}, "builtin": false,
        "derived_from": {"code": "MAU_THON_NTM", "version": 1}
    })
}

fn village(id: &str, name: &str) -> Unit {
    Unit::Village(Village {
        id: id.into(),
        commune_code: "00070".into(),
        name: name.into(),
        kind: VillageKind::Thon,
        merged_into: None,
        archived: false,
    })
}

#[wasm_bindgen_test]
async fn an_old_database_gets_set_ids_and_every_mark_stays_on_its_criterion() {
    let name = fresh_name();
    let v4 = Store::open_at(&name, 4).await.unwrap();
    let a = author("Hoa", "old-device");
    v4.save_record("village:v1", village("v1", "Thôn Nậm Củm"), false, &a)
        .await
        .unwrap();
    v4.put_raw(
        store_names::SETS,
        &json!({"id": "THON_X@1", "data": legacy_set(), "stamp": stamp_json(1), "archived": false}),
        None,
    )
    .await
    .unwrap();
    let mark =
        |value: &str, minute| json!({"value": {"value": value}, "stamp": stamp_json(minute)});
    let village_id = "village:v1|THON_X@1|2025";
    v4.put_raw(
        store_names::ASSESSMENTS,
        &json!({"id": village_id, "unit_key": "village:v1", "assessment": {
            "key": {"unit": {"level": "village", "id": "v1"}, "set": {"code": "THON_X", "version": 1},
                    "period": {"year": 2025, "part": "full_year"}},
            "marks": {"1": mark("not_met", 2), "2": mark("met", 3)}, "values": {}}}),
        None,
    )
    .await
    .unwrap();
    let commune_id = "commune:00070|QD318_2022_XA@1|2025";
    v4.put_raw(
        store_names::ASSESSMENTS,
        &json!({"id": commune_id, "unit_key": "commune:00070", "assessment": {
            "key": {"unit": {"level": "commune", "id": "00070"}, "set": {"code": "QD318_2022_XA", "version": 1},
                    "period": {"year": 2025, "part": "full_year"}},
            "marks": {"5": mark("met", 4)}, "values": {}}}),
        None,
    )
    .await
    .unwrap();
    v4.put_raw(
        store_names::HISTORY,
        &json!({"record_key": format!("{village_id}#mark:1"),
                "target": {"kind": "mark", "assessment": village_id, "criterion": "1"},
                "old": null, "new": {"value": "not_met"}, "stamp": stamp_json(2), "base": []}),
        None,
    )
    .await
    .unwrap();
    v4.put_raw(
        store_names::HISTORY,
        &json!({"record_key": "set#THON_X@1", "target": {"kind": "criteria_set", "id": "THON_X@1"},
                "old": null, "new": {"data": legacy_set(), "archived": false}, "stamp": stamp_json(1), "base": []}),
        None,
    )
    .await
    .unwrap();
    v4.close();

    let store = Store::open_named(&name).await.unwrap();
    assert_eq!(store.data_format().await.unwrap(), DATA_FORMAT);
    let sets: Vec<CriteriaSet> = store
        .records::<CriteriaSet>()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.data)
        .collect();
    assert_eq!(sets.len(), 1);
    let set = &sets[0];
    assert_eq!((set.id.as_str(), set.number), ("legacy-THON_X", 1));
    assert!(ntm::domain::set_versions::content_matches_id(set));
    let ids: Vec<&str> = set.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"]);
    let assessments = store.assessments().await.unwrap();
    let v = assessments
        .iter()
        .find(|a| a.key.unit == UnitRef::Village("v1".into()))
        .unwrap();
    assert_eq!(v.key.set, set.set_id());
    assert_eq!(v.mark("1"), Some(CriterionMark::NotMet));
    let c = assessments
        .iter()
        .find(|a| a.key.unit == UnitRef::Commune("00070".into()))
        .unwrap();
    assert_eq!(c.id(), commune_id, "built-in set ids do not change");
    // History follows the new ids, so "history of this value" still finds it.
    let h = store
        .history(&EditTarget::Mark {
            assessment: v.id(),
            criterion: "1".into(),
        })
        .await
        .unwrap();
    assert_eq!(h.len(), 1);
    let set_history = store
        .history(&EditTarget::CriteriaSet {
            id: set.set_id().to_string(),
        })
        .await
        .unwrap();
    assert_eq!(set_history.len(), 1);
    // The marks are read against the criteria they were made for.
    let units = store.records::<Unit>().await.unwrap();
    let w = Workspace::new(units, assessments.clone(), sets.clone());
    let r = w.evaluate(v).unwrap();
    let by_name: Vec<(String, _)> = r
        .criteria
        .iter()
        .map(|c| (set.criterion(&c.id).unwrap().name.clone(), c.outcome))
        .collect();
    use ntm::domain::evaluation::CriterionOutcome::*;
    assert_eq!(
        by_name,
        vec![("Giao thông".into(), NotMet), ("Điện".into(), Met)]
    );
    // What it exports now reads as a valid version-2 file.
    let data = store.dataset().await.unwrap();
    let file = exchange::build(
        select(&data, &ExportScope::All, None),
        sender(),
        ExportScope::All,
        None,
        "test",
        js_sys::Date::now() as u64,
    );
    exchange::read(exchange::to_json(&file).as_bytes()).expect("the upgraded data exports");
    // Opening again does not run the step twice.
    store.close();
    let again = Store::open_named(&name).await.unwrap();
    assert_eq!(again.records::<CriteriaSet>().await.unwrap().len(), 1);
    again.close();
    Store::delete_database(&name).await.unwrap();
}

fn sender() -> Sender {
    Sender {
        device: "dev-x".into(),
        name: "X".into(),
        role: None,
        unit: None,
    }
}

fn log() -> ImportRecord {
    ImportRecord {
        at_ms: js_sys::Date::now(),
        file_name: "test.json".into(),
        sender: sender(),
        created_at: exchange::rfc3339(0),
        hash: "sha256:test".into(),
        counts: Counts::default(),
        outside_taken: 0,
        outside_left: 0,
    }
}

/// Exports `scope` from `from` and previews it on `to`, as the UI does.
async fn preview(from: &Store, to: &Store, scope: ExportScope) -> ntm::store::ImportPreview {
    let data = from.dataset().await.unwrap();
    let file = exchange::build(
        select(&data, &scope, None),
        sender(),
        scope,
        None,
        "test",
        js_sys::Date::now() as u64 + 1000,
    );
    let back = exchange::read(exchange::to_json(&file).as_bytes()).expect("our own file reads");
    to.preview_import(&back.content, &ImportRule::Judged)
        .await
        .unwrap()
}

fn two_criteria_set() -> CriteriaSet {
    let base = builtin_sets()
        .into_iter()
        .find(|s| s.code == "MAU_THON_NTM")
        .unwrap();
    let v1 = derive_custom(
        &base,
        "lineage-xa-dong-hoa",
        "THON_DONG_HOA",
        "Thôn NTM xã Đông Hòa",
    );
    let add = |s: &CriteriaSet, id: &str, name: &str| {
        apply_edit(
            s,
            SetEdit::AddCriterion(Criterion {
                id: id.into(),
                code: id.trim_start_matches('k').into(),
                name: name.into(),
                group: None,
                indicators: vec![],
                auto: None,
                source: Source {
                    citation: "QĐ xã".into(),
                    ..Default::default()
                },
                verified: false,
            }),
        )
        .unwrap()
    };
    let v2 = add(&v1, "k1", "Giao thông");
    add(&v2, "k2", "Điện")
}

async fn workspace(store: &Store) -> Workspace {
    let units = store.records::<Unit>().await.unwrap();
    let sets = store
        .records::<CriteriaSet>()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.data)
        .collect();
    Workspace::new(units, store.assessments().await.unwrap(), sets)
}

async fn sorted(store: &Store) -> Dataset {
    let mut d = store.dataset().await.unwrap();
    d.sort();
    d
}

#[wasm_bindgen_test]
async fn a_village_added_on_two_devices_is_merged_and_both_devices_converge() {
    let (no, nh) = (fresh_name(), fresh_name());
    let official = Store::open_named(&no).await.unwrap();
    let head = Store::open_named(&nh).await.unwrap();
    let (minh, lan) = (author("Minh", "dev-official"), author("Lan", "dev-head"));
    // The official defines the set and her villages; the head receives the set only.
    let set = two_criteria_set();
    let set_id = set.set_id();
    official
        .save_record(&set_id.to_string(), set.clone(), false, &minh)
        .await
        .unwrap();
    for (id, u) in [
        ("commune:00070", commune()),
        ("village:o1", village("o1", "Nậm Củm")),
    ] {
        official.save_record(id, u, false, &minh).await.unwrap();
    }
    let p = preview(&official, &head, ExportScope::Set(set_id.to_string())).await;
    head.import(&p, log(), &[], &lan, &mut |_, _| {})
        .await
        .unwrap();
    // The head types his village himself: another id, another spelling.
    head.save_record("commune:00070", commune(), false, &lan)
        .await
        .unwrap();
    head.save_record("village:h1", village("h1", "Thôn Nậm Củm"), false, &lan)
        .await
        .unwrap();
    let key = |v: &str| AssessmentKey {
        unit: UnitRef::Village(v.into()),
        set: set_id.clone(),
        period: Period::year(2025),
    };
    official
        .set_mark(&key("o1"), "k1", Entry::of(CriterionMark::NotMet), &minh)
        .await
        .unwrap();
    head.set_mark(&key("h1"), "k1", Entry::of(CriterionMark::Met), &lan)
        .await
        .unwrap();
    head.set_mark(&key("h1"), "k2", Entry::of(CriterionMark::Met), &lan)
        .await
        .unwrap();

    // The official imports the head's village: proposed as a duplicate, and merged.
    let p = preview(&head, &official, ExportScope::Village("h1".into())).await;
    assert_eq!(p.plan.duplicates.len(), 1);
    assert_eq!(
        (
            p.plan.duplicates[0].incoming.as_str(),
            p.plan.duplicates[0].local.as_str()
        ),
        ("h1", "o1")
    );
    official
        .import(
            &p,
            log(),
            &[("h1".into(), "o1".into())],
            &minh,
            &mut |_, _| {},
        )
        .await
        .unwrap();
    let w = workspace(&official).await;
    assert_eq!(w.villages_in(&Scope::Commune("00070".into())).len(), 1);
    let merged = w
        .assessment(&UnitRef::Village("o1".into()), &set_id, Period::year(2025))
        .unwrap();
    assert_eq!(
        merged.mark("k2"),
        Some(CriterionMark::Met),
        "the head's value counts"
    );
    // Criterion 1 disagrees: the later value wins and the other is a conflict.
    let conflicts = official.conflicts().await.unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(
        conflicts[0].target,
        EditTarget::Mark {
            assessment: key("o1").id(),
            criterion: "k1".into()
        }
    );

    // Files both ways: the head ends with the same data and the same conflict.
    let p = preview(&official, &head, ExportScope::All).await;
    head.import(&p, log(), &[], &lan, &mut |_, _| {})
        .await
        .unwrap();
    let p = preview(&head, &official, ExportScope::All).await;
    official
        .import(&p, log(), &[], &minh, &mut |_, _| {})
        .await
        .unwrap();
    assert_eq!(sorted(&head).await, sorted(&official).await);
    assert_eq!(
        head.conflicts().await.unwrap(),
        official.conflicts().await.unwrap()
    );
    let hw = workspace(&head).await;
    assert!(hw.is_merged(&UnitRef::Village("h1".into())));

    // The official keeps her value: the conflict is resolved on both once it travels.
    let c = &official.conflicts().await.unwrap()[0];
    let mine = serde_json::to_value(Entry::of(CriterionMark::NotMet)).unwrap();
    official.resolve_conflict(c, &mine, &minh).await.unwrap();
    assert!(official.conflicts().await.unwrap().is_empty());
    let p = preview(&official, &head, ExportScope::All).await;
    head.import(&p, log(), &[], &lan, &mut |_, _| {})
        .await
        .unwrap();
    assert!(head.conflicts().await.unwrap().is_empty());
    let hw = workspace(&head).await;
    let a = hw
        .assessment(&UnitRef::Village("h1".into()), &set_id, Period::year(2025))
        .unwrap();
    assert_eq!(a.mark("k1"), Some(CriterionMark::NotMet));

    // An edit of the kept village after the merge is made knowing both copies: no
    // conflict appears.
    official
        .set_mark(&key("o1"), "k2", Entry::of(CriterionMark::NotMet), &minh)
        .await
        .unwrap();
    assert!(official.conflicts().await.unwrap().is_empty());
    official.close();
    head.close();
    Store::delete_database(&no).await.unwrap();
    Store::delete_database(&nh).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_commune_added_from_the_official_list_never_overwrites_a_real_edit() {
    let (no, nh) = (fresh_name(), fresh_name());
    let official = Store::open_named(&no).await.unwrap();
    let head = Store::open_named(&nh).await.unwrap();
    let minh = author("Minh", "dev-official");
    // The official adds her commune at first run, then sets its region.
    official.add_official_units(vec![commune()]).await.unwrap();
    let Unit::Commune(mut c) = commune() else {
        unreachable!()
    };
    c.region = Some(Region::Btb);
    official
        .save_record("commune:00070", Unit::Commune(c), false, &minh)
        .await
        .unwrap();
    // Later, a village head adds the same commune from the official list on his phone.
    head.add_official_units(vec![commune()]).await.unwrap();
    head.add_official_units(vec![commune()]).await.unwrap();
    assert_eq!(head.history_len().await.unwrap(), 1, "added once");
    // Files both ways: the official's region survives on both phones.
    let p = preview(&head, &official, ExportScope::All).await;
    assert_eq!(p.plan.counts.conflicts, 0);
    official
        .import(&p, log(), &[], &minh, &mut |_, _| {})
        .await
        .unwrap();
    let p = preview(&official, &head, ExportScope::All).await;
    head.import(&p, log(), &[], &minh, &mut |_, _| {})
        .await
        .unwrap();
    for store in [&official, &head] {
        let r = store
            .record::<Unit>("commune:00070")
            .await
            .unwrap()
            .unwrap();
        let Unit::Commune(c) = r.data else {
            unreachable!()
        };
        assert_eq!(c.region, Some(Region::Btb));
    }
    assert!(official.conflicts().await.unwrap().is_empty());
    assert_eq!(sorted(&head).await, sorted(&official).await);
    official.close();
    head.close();
    Store::delete_database(&no).await.unwrap();
    Store::delete_database(&nh).await.unwrap();
}
