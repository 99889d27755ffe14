//! Store tests in a real browser (headless Chromium through wasm-bindgen-test-runner).
//! Each test opens its own randomly named database so tests never see each other's data.
#![cfg(target_arch = "wasm32")]

use ntm::domain::profile::{Lang, Profile};
use ntm::store::schema::{store_names, SCHEMA_VERSION};
use ntm::store::Store;
use wasm_bindgen_test::*;

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
    assert_eq!(id.len(), 36, "uuid form: {id}");
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
