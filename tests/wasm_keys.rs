//! The device's signing key in a real browser (issue 31): made once with WebCrypto, kept
//! in IndexedDB across reopening (its private half not extractable), a new device's id
//! made from it; files exported here are signed and verify; a changed file does not;
//! senders pinned once.
#![cfg(target_arch = "wasm32")]

use ntm::app::export::{export, ExportOutcome, ExportRequest};
use ntm::app::memory::MemoryOut;
use ntm::domain::assessment::*;
use ntm::domain::merge::ExportScope;
use ntm::exchange::signing::{self, check_sender, KnownSender, SenderCheck};
use ntm::exchange::{self, Refusal, Sender};
use ntm::shell::crypto;
use ntm::store::Store;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::browser::{author, fresh};
use common::{commune, key};

#[wasm_bindgen_test]
async fn the_device_key_is_made_once_kept_and_signs_what_it_exports() {
    let (store, name) = fresh().await;
    let k1 = store.signing_key().await.unwrap();
    assert_eq!(k1.len(), signing::KEY_BYTES);
    assert_eq!(store.signing_key().await.unwrap(), k1, "made once");
    // A new device's id comes from its key.
    let device = store.device_id().await.unwrap();
    assert_eq!(device, signing::key_device_id(&k1));
    store.close();
    let store = Store::open_named(&name).await.unwrap();
    assert_eq!(
        store.signing_key().await.unwrap(),
        k1,
        "kept across reopening"
    );

    let lan = author("Lan", &device);
    store
        .save_record("commune:00070", commune(), false, &lan)
        .await
        .unwrap();
    store
        .set_mark(&key(), "1", Entry::of(CriterionMark::Met), &lan)
        .await
        .unwrap();
    let out = MemoryOut::default();
    let request = ExportRequest {
        scope: ExportScope::All,
        scope_name: "Xã Đông Hòa".into(),
        only_changes: false,
        compress: false,
        share: false,
        sender: Sender {
            device: device.clone(),
            name: "Lan".into(),
            role: Some(ntm::domain::profile::Role::CanBoXa),
            unit: Some("commune:00070".into()),
        },
        now_ms: js_sys::Date::now(),
    };
    let ExportOutcome::Sent(_) = export(&store, &out, request).await.unwrap() else {
        panic!("not sent")
    };
    let bytes = out.files.borrow()[0].1.clone();
    let file = exchange::read(&bytes).unwrap();
    let sig = file.header.signature.clone().expect("signed");
    let (key, value) = sig.parts().unwrap();
    assert_eq!(key, k1);
    assert!(crypto::verify(&key, &file.signed, &value).await);
    assert_eq!(
        check_sender(&file, None, |_, _| true),
        Ok(SenderCheck::New {
            fingerprint: signing::fingerprint(&k1)
        })
    );
    // Another device's key does not verify it, nor does a changed message.
    let (other, _) = fresh().await;
    let k2 = other.signing_key().await.unwrap();
    assert_ne!(k1, k2);
    assert!(!crypto::verify(&k2, &file.signed, &value).await);
    let mut changed = file.signed.clone();
    changed[10] ^= 1;
    assert!(!crypto::verify(&key, &changed, &value).await);
    // What another device signs verifies with its key.
    let s2 = other.sign(&file.signed).await.unwrap();
    assert!(crypto::verify(&k2, &file.signed, &s2).await);
    let pinned_other = KnownSender {
        device: device.clone(),
        key: signing::hex(&k2),
        name: "Lan".into(),
        role: None,
        unit: None,
    };
    assert!(matches!(
        check_sender(&file, Some(&pinned_other), |_, _| true),
        Err(Refusal::OtherKey { .. })
    ));

    // Pinned once: the first pin stays.
    store.pin_sender(&pinned_other).await.unwrap();
    let mut again = pinned_other.clone();
    again.key = signing::hex(&k1);
    store.pin_sender(&again).await.unwrap();
    assert_eq!(store.known_senders().await.unwrap()[&device], pinned_other);
    store.close();
    other.close();
}
