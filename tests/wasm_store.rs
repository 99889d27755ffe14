//! Store tests in a real browser (headless Chromium through wasm-bindgen-test-runner).
//! Each test opens its own randomly named database so tests never see each other's data.
#![cfg(target_arch = "wasm32")]

use ntm::domain::profile::{Lang, Profile};
use ntm::store::schema::{store_names, SCHEMA_VERSION};
use ntm::store::Store;
use wasm_bindgen_test::*;

mod common;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_name() -> String {
    format!("ntm-test-{}", ntm::shell::random_id())
}

#[wasm_bindgen_test]
async fn upgrade_from_v1_keeps_data_and_adds_stores() {
    let name = fresh_name();
    let v1 = Store::open_at(&name, 1).await.expect("open at v1");
    assert_eq!(v1.version(), 1);
    assert_eq!(v1.store_names(), vec![store_names::META.to_string()]);
    let profile = Profile {
        name: "Nguyễn Thị Hoa".into(),
        ..Default::default()
    };
    v1.save_profile(&profile).await.expect("save at v1");
    let device = v1.device_id().await.expect("device id at v1");
    v1.close();

    let current = Store::open_named(&name).await.expect("open at current");
    assert_eq!(current.version(), SCHEMA_VERSION);
    let mut all: Vec<String> = ntm::store::schema::EVERY_STORE
        .iter()
        .map(|s| s.to_string())
        .collect();
    all.sort();
    assert_eq!(current.store_names(), all);
    assert_eq!(current.profile().await.unwrap(), Some(profile));
    assert_eq!(current.device_id().await.unwrap(), device);
    assert!(current.first_save_at().await.unwrap().is_some());
    current.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn first_save_is_reported_once_and_profile_persists_across_connections() {
    let name = fresh_name();
    let store = Store::open_named(&name).await.unwrap();
    assert_eq!(store.profile().await.unwrap(), None);
    assert_eq!(store.first_save_at().await.unwrap(), None);

    let first = store
        .save_profile(&Profile {
            name: "An".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(first.first_save);
    let first_at = store.first_save_at().await.unwrap().expect("marker set");
    let second = store
        .save_profile(&Profile {
            name: "Bình".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!second.first_save);
    assert_eq!(store.first_save_at().await.unwrap(), Some(first_at));
    store.close();

    let reopened = Store::open_named(&name).await.unwrap();
    assert_eq!(
        reopened.profile().await.unwrap(),
        Some(Profile {
            name: "Bình".into(),
            ..Default::default()
        })
    );
    reopened.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn device_id_is_made_once() {
    let name = fresh_name();
    let store = Store::open_named(&name).await.unwrap();
    let id = store.device_id().await.unwrap();
    // Made from the device's signing key (issue 31): "k-" and 24 hex digits.
    assert_eq!(
        id,
        ntm::exchange::signing::key_device_id(&store.signing_key().await.unwrap())
    );
    assert_eq!(id.len(), 26, "{id}");
    assert_eq!(store.device_id().await.unwrap(), id);
    store.close();
    let reopened = Store::open_named(&name).await.unwrap();
    assert_eq!(reopened.device_id().await.unwrap(), id);
    reopened.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn language_choice_is_kept() {
    let name = fresh_name();
    let store = Store::open_named(&name).await.unwrap();
    assert_eq!(store.lang().await.unwrap(), None);
    store.save_lang(Lang::En).await.unwrap();
    assert_eq!(store.lang().await.unwrap(), Some(Lang::En));
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn opening_an_older_version_than_stored_is_a_version_conflict() {
    let name = fresh_name();
    Store::open_named(&name).await.unwrap().close();
    match Store::open_at(&name, 1).await {
        Err(ntm::store::StoreError::VersionConflict(_)) => {}
        Err(other) => panic!("expected VersionConflict, got {other:?}"),
        Ok(_) => panic!("opening at an older version must fail"),
    }
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_assessment_row_of_the_old_shape_is_read_then_rewritten_as_one_text() {
    use common::browser::author;
    use ntm::domain::assessment::*;
    use ntm::store::DATA_FORMAT;
    use serde_json::json;
    let name = fresh_name();
    let store = Store::open_named(&name).await.unwrap();
    let key = common::key();
    let lan = author("Lan", "dev-lan");
    let hoa = author("Nguyễn Thị Hoa", "dev-hoa");
    store
        .set_mark(&key, "1", Entry::of(CriterionMark::Met), &lan)
        .await
        .unwrap();
    let mut noted = Entry::of(IndicatorValue::Number(72.5));
    noted.note = "Biên bản số 12 <b>".into();
    store.set_value(&key, "2.1", noted, &hoa).await.unwrap();
    store
        .set_value(&key, "2.2", Entry::of(IndicatorValue::YesNo(true)), &lan)
        .await
        .unwrap();
    store
        .set_value(
            &key,
            "2.3",
            Entry::of(IndicatorValue::Text("Đạt".into())),
            &hoa,
        )
        .await
        .unwrap();
    store
        .set_value(&key, "2.2", Entry::cleared(), &hoa)
        .await
        .unwrap();
    let before = store.dataset().await.unwrap();
    // What an app before data format 4 stored: the assessment as an object.
    let row = store.raw_rows(store_names::ASSESSMENTS).await.unwrap()[0].clone();
    let body = row["body"]
        .as_str()
        .expect("written as one text")
        .to_string();
    let a = ntm::store::stored_assessment::decode(&body).unwrap();
    let old = json!({"id": row["id"], "unit_key": row["unit_key"], "assessment": a});
    assert!(body.len() < old["assessment"].to_string().len());
    store
        .put_raw(store_names::ASSESSMENTS, &old, None)
        .await
        .unwrap();
    store
        .put_raw(store_names::META, &json!(3), Some("data_format"))
        .await
        .unwrap();
    assert_eq!(
        store.dataset().await.unwrap(),
        before,
        "an old row reads as it was"
    );
    assert_eq!(store.assessments().await.unwrap(), before.assessments);
    store.close();

    let store = Store::open_named(&name).await.unwrap();
    assert_eq!(store.data_format().await.unwrap(), DATA_FORMAT);
    let rows = store.raw_rows(store_names::ASSESSMENTS).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], old["id"]);
    assert_eq!(rows[0]["unit_key"], old["unit_key"]);
    assert_eq!(
        rows[0]["body"],
        json!(body),
        "rewritten as this build writes it"
    );
    assert!(rows[0].get("assessment").is_none());
    assert_eq!(store.dataset().await.unwrap(), before);
    assert_eq!(store.assessment(&key).await.unwrap().unwrap(), a);
    store.close();
    Store::delete_database(&name).await.unwrap();
}
