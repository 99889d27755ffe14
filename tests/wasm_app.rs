//! The import and export workflows (`app::import`, `app::export`) against IndexedDB in a
//! real browser: the scenarios `tests/app_exchange.rs` runs on in-memory devices.
#![cfg(target_arch = "wasm32")]

use ntm::app::export::{export, ExportOutcome, ExportRequest};
use ntm::app::import::{confirm, open, Held, ImportState, ImportStep, OutsideChoice};
use ntm::app::memory::{MemoryFile, MemoryOut};
use ntm::domain::assessment::*;
use ntm::domain::merge::ExportScope;
use ntm::exchange::Sender;
use ntm::store::Store;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::browser::{author, fresh};
use common::{commune, key};

fn request(share: bool) -> ExportRequest {
    ExportRequest {
        scope: ExportScope::All,
        scope_name: "Xã Đông Hòa".into(),
        only_changes: false,
        compress: false,
        share,
        sender: Sender {
            device: "dev-head".into(),
            name: "Lan".into(),
            // Xã Đông Hòa's official: what the files carry is hers to write.
            role: Some(ntm::domain::profile::Role::CanBoXa),
            unit: Some("commune:00070".into()),
        },
        now_ms: js_sys::Date::now(),
    }
}

fn preview_of(opened: Result<Held, ImportState>) -> Held {
    match opened {
        Ok(held) => held,
        Err(other) => panic!("expected a preview, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_file_exported_here_is_previewed_and_imported_there_and_a_change_in_between_asks_again() {
    let (head, n1) = fresh().await;
    let (official, n2) = fresh().await;
    let lan = author("Lan", "dev-head");
    head.save_record("commune:00070", commune(), false, &lan)
        .await
        .unwrap();
    head.set_mark(&key(), "1", Entry::of(CriterionMark::Met), &lan)
        .await
        .unwrap();

    // Export: the file is written, and the export remembered.
    let out = MemoryOut::default();
    let sent = export(&head, &out, request(false)).await.unwrap();
    let ExportOutcome::Sent(name) = sent else {
        panic!("not sent: {sent:?}");
    };
    assert!(head.last_export_at().await.unwrap().is_some());
    assert!(head.last_export_hlc().await.unwrap().is_some());
    let file = MemoryFile {
        name: name.clone(),
        bytes: out.files.borrow()[0].1.clone(),
    };

    // Import: a preview writes nothing.
    let before = official.dump().await.unwrap();
    let mut steps = Vec::new();
    let mut held = preview_of(open(&official, &file, |p| steps.push(p.step)).await);
    steps.dedup();
    assert_eq!(
        steps,
        [ImportStep::Read, ImportStep::Parse, ImportStep::Plan]
    );
    assert!(held.pending.plan.counts.new >= 2);
    assert_eq!(official.dump().await.unwrap(), before);

    // An edit lands between the preview and "Nhập vào máy": asked again, nothing written.
    let minh = author("Minh", "dev-official");
    official
        .save_record("commune:00071", commune(), false, &minh)
        .await
        .unwrap();
    let edited = official.dump().await.unwrap();
    let state = confirm(
        &official,
        &mut held,
        &[],
        &OutsideChoice::None,
        &minh,
        js_sys::Date::now(),
        |_| {},
    )
    .await;
    let ImportState::Preview(again) = state else {
        panic!("expected a new preview, got {state:?}");
    };
    assert!(again.changed_since_first);
    assert_eq!(official.dump().await.unwrap(), edited);

    // Confirmed again, it imports: the mark is there and the log names the file.
    let done = confirm(
        &official,
        &mut held,
        &[],
        &OutsideChoice::None,
        &minh,
        js_sys::Date::now(),
        |_| {},
    )
    .await;
    assert!(matches!(done, ImportState::Done { .. }), "{done:?}");
    let a = official
        .assessment(&key())
        .await
        .unwrap()
        .expect("imported");
    assert_eq!(
        a.marks.get("1").and_then(|m| m.value.value),
        Some(CriterionMark::Met)
    );
    assert_eq!(official.import_log().await.unwrap()[0].file_name, name);

    // A closed share sheet records no export.
    let (third, n3) = fresh().await;
    let closed = MemoryOut::default();
    closed.share_closed.set(true);
    assert_eq!(
        export(&third, &closed, request(true)).await,
        Ok(ExportOutcome::Cancelled)
    );
    assert_eq!(third.last_export_at().await.unwrap(), None);

    for (s, n) in [(head, n1), (official, n2), (third, n3)] {
        s.close();
        Store::delete_database(&n).await.unwrap();
    }
}
