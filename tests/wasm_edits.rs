//! Edits in a real browser: every edit is one transaction with its history entry; undo
//! and restore are edits too; archiving never deletes.
#![cfg(target_arch = "wasm32")]

use ntm::domain::assessment::*;
use ntm::domain::criteria::SetId;
use ntm::domain::history::EditTarget;
use ntm::domain::ocop::*;
use ntm::domain::units::*;
use ntm::store::schema::store_names;
use ntm::store::{Author, Store};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh() -> (Store, String) {
    let name = format!("ntm-test-{}", ntm::shell::random_id());
    (Store::open_named(&name).await.unwrap(), name)
}

fn author() -> Author {
    Author {
        name: "Trần Văn Nam".into(),
        device: "dev-1".into(),
    }
}

fn village(name: &str) -> Unit {
    Unit::Village(Village {
        id: "v-1".into(),
        commune_code: "00070".into(),
        name: name.into(),
        kind: VillageKind::Thon,
        merged_into: None,
        archived: false,
    })
}

fn key() -> AssessmentKey {
    AssessmentKey {
        unit: UnitRef::Commune("00070".into()),
        set: SetId {
            id: "QD318_2022_XA".into(),
            version: "1".into(),
        },
        period: Period::first_half(2025),
    }
}

#[wasm_bindgen_test]
async fn units_are_created_renamed_and_archived_with_history() {
    let (store, name) = fresh().await;
    let id = "village:v-1";
    store
        .save_record(id, village("Thôn Đông"), false, &author())
        .await
        .unwrap();
    store
        .save_record(id, village("Thôn Đông Hòa"), false, &author())
        .await
        .unwrap();
    let archived = store
        .save_record(id, village("Thôn Đông Hòa"), true, &author())
        .await
        .unwrap();
    assert!(archived.archived);
    assert_eq!(archived.stamp.author, "Trần Văn Nam");
    assert_eq!(archived.stamp.device, "dev-1");

    // Archiving keeps the record.
    let all = store.records::<Unit>().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].data.name(), "Thôn Đông Hòa");

    let history = store
        .history(&EditTarget::Unit { id: id.into() })
        .await
        .unwrap();
    assert_eq!(history.len(), 3, "one history entry per edit");
    assert_eq!(history[0].entry.old, None);
    assert_eq!(
        history[1].entry.old.as_ref().unwrap()["data"]["unit"]["name"],
        "Thôn Đông"
    );
    assert_eq!(
        history[1].entry.new.as_ref().unwrap()["data"]["unit"]["name"],
        "Thôn Đông Hòa"
    );
    assert_eq!(history[2].entry.new.as_ref().unwrap()["archived"], true);
    assert!(
        history[0].entry.stamp < history[1].entry.stamp
            && history[1].entry.stamp < history[2].entry.stamp
    );
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn values_and_marks_are_saved_with_history_and_survive_reopening() {
    let (store, name) = fresh().await;
    store
        .set_mark(&key(), "1", Entry::of(CriterionMark::Met), &author())
        .await
        .unwrap();
    store
        .set_value(
            &key(),
            "3.x1",
            Entry {
                value: Some(IndicatorValue::Number(72.5)),
                note: "Số liệu phòng NN".into(),
            },
            &author(),
        )
        .await
        .unwrap();
    store
        .set_value(
            &key(),
            "3.x1",
            Entry::of(IndicatorValue::Number(81.0)),
            &author(),
        )
        .await
        .unwrap();
    assert_eq!(store.history_len().await.unwrap(), 3);
    store.close();

    let store = Store::open_named(&name).await.unwrap();
    let a = store.assessment(&key()).await.unwrap().expect("saved");
    assert_eq!(a.mark("1"), Some(CriterionMark::Met));
    assert_eq!(a.value("3.x1"), Some(&IndicatorValue::Number(81.0)));
    let target = EditTarget::Value {
        assessment: key().id(),
        indicator: "3.x1".into(),
    };
    let h = store.history(&target).await.unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].entry.new.as_ref().unwrap()["note"], "Số liệu phòng NN");
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn undo_sets_the_old_value_back_and_restore_brings_any_value_back() {
    let (store, name) = fresh().await;
    assert!(!store.can_undo().await.unwrap());
    assert_eq!(store.undo_last(&author()).await.unwrap(), None);
    store
        .set_value(
            &key(),
            "3.x1",
            Entry::of(IndicatorValue::Number(60.0)),
            &author(),
        )
        .await
        .unwrap();
    store
        .set_value(
            &key(),
            "3.x1",
            Entry::of(IndicatorValue::Number(90.0)),
            &author(),
        )
        .await
        .unwrap();

    let undone = store
        .undo_last(&author())
        .await
        .unwrap()
        .expect("something to undo");
    assert_eq!(undone.new.as_ref().unwrap()["value"]["value"], 90.0);
    let a = store.assessment(&key()).await.unwrap().unwrap();
    assert_eq!(a.value("3.x1"), Some(&IndicatorValue::Number(60.0)));
    // Undo again: the first edit had no value before it, so the value is cleared.
    store
        .undo_last(&author())
        .await
        .unwrap()
        .expect("second undo");
    assert_eq!(
        store
            .assessment(&key())
            .await
            .unwrap()
            .unwrap()
            .value("3.x1"),
        None
    );
    assert!(!store.can_undo().await.unwrap());

    // History shows all four edits; restore the 90 from the second.
    let target = EditTarget::Value {
        assessment: key().id(),
        indicator: "3.x1".into(),
    };
    let h = store.history(&target).await.unwrap();
    assert_eq!(h.len(), 4);
    assert!(h[2].entry.reverts.is_some());
    store.restore(h[1].key, &author()).await.unwrap();
    assert_eq!(
        store
            .assessment(&key())
            .await
            .unwrap()
            .unwrap()
            .value("3.x1"),
        Some(&IndicatorValue::Number(90.0))
    );
    // A restore can itself be undone.
    store
        .undo_last(&author())
        .await
        .unwrap()
        .expect("undo the restore");
    assert_eq!(
        store
            .assessment(&key())
            .await
            .unwrap()
            .unwrap()
            .value("3.x1"),
        None
    );
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn undoing_a_new_record_archives_it() {
    let (store, name) = fresh().await;
    store
        .save_record("village:v-1", village("Thôn Mới"), false, &author())
        .await
        .unwrap();
    store
        .undo_last(&author())
        .await
        .unwrap()
        .expect("undo creation");
    let r = store.record::<Unit>("village:v-1").await.unwrap().unwrap();
    assert!(
        r.archived,
        "undoing a creation archives; nothing is hard-deleted"
    );
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn ocop_ratings_are_found_by_product() {
    let (store, name) = fresh().await;
    let product = Product {
        id: "p1".into(),
        name: "Chè Tân Cương".into(),
        group: OcopGroup::DoUong,
        subgroup: "Chè".into(),
        producer: "HTX Chè Hảo Đạt".into(),
        producer_kind: ProducerKind::HopTacXa,
        commune_code: "05500".into(),
        archived: false,
    };
    store
        .save_record("p1", product, false, &author())
        .await
        .unwrap();
    let rating = Rating {
        id: "r1".into(),
        product_id: "p1".into(),
        points: Points {
            a: 30.0,
            b: 17.0,
            c: 25.0,
        },
        certified_by: CertifyingLevel::Province,
        decision_no: "1234/QĐ-UBND".into(),
        issue_date: chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
    };
    store
        .save_record("r1", rating, false, &author())
        .await
        .unwrap();
    let ratings = store.records::<Rating>().await.unwrap();
    assert_eq!(ratings.len(), 1);
    assert_eq!(ratings[0].data.stars(), 4);
    assert_eq!(
        store.records::<Product>().await.unwrap()[0].data.name,
        "Chè Tân Cương"
    );
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn upgrade_from_v2_keeps_units_and_history() {
    let name = format!("ntm-test-{}", ntm::shell::random_id());
    let v2 = Store::open_at(&name, 2).await.unwrap();
    v2.save_record("village:v-1", village("Thôn Cũ"), false, &author())
        .await
        .unwrap();
    v2.close();
    let v3 = Store::open_named(&name).await.unwrap();
    assert!(v3
        .store_names()
        .contains(&store_names::ASSESSMENTS.to_string()));
    assert_eq!(
        v3.records::<Unit>().await.unwrap()[0].data.name(),
        "Thôn Cũ"
    );
    assert_eq!(v3.history_len().await.unwrap(), 1);
    v3.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn upgrade_from_v3_adds_the_import_log_and_keeps_assessments() {
    let name = format!("ntm-test-{}", ntm::shell::random_id());
    let v3 = Store::open_at(&name, 3).await.unwrap();
    assert!(!v3.store_names().contains(&store_names::IMPORTS.to_string()));
    v3.set_mark(&key(), "1", Entry::of(CriterionMark::Met), &author())
        .await
        .unwrap();
    v3.close();
    let now = Store::open_named(&name).await.unwrap();
    assert!(now
        .store_names()
        .contains(&store_names::IMPORTS.to_string()));
    assert!(now.import_log().await.unwrap().is_empty());
    let a = now.assessment(&key()).await.unwrap().expect("kept");
    assert_eq!(
        a.marks.get("1").and_then(|m| m.value.value),
        Some(CriterionMark::Met)
    );
    assert_eq!(now.history_len().await.unwrap(), 1);
    now.close();
    Store::delete_database(&name).await.unwrap();
}
