//! Recognition steps, a province's own quantities and resource figures in IndexedDB: the
//! schema step that adds their stores (v5 → v6) keeps what was there, and they travel
//! through an exchange file to another device exactly, with their history.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use ntm::app::export::{export, ExportOutcome, ExportRequest};
use ntm::app::import::{confirm, open, ImportState, OutsideChoice};
use ntm::app::memory::{MemoryFile, MemoryOut};
use ntm::domain::assessment::*;
use ntm::domain::criteria::SetLevel;
use ntm::domain::merge::ExportScope;
use ntm::domain::recognition::{Recognition, Step};
use ntm::domain::resources::{Quantity, ResourceEntry};
use ntm::domain::units::{Unit, UnitRef};
use ntm::exchange::Sender;
use ntm::store::schema::store_names;
use ntm::store::Store;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::browser::{author, fresh};
use common::{commune, key};

fn recognition() -> Recognition {
    Recognition {
        id: "rec-1".into(),
        unit: UnitRef::Commune("00070".into()),
        level: SetLevel::XaNtm,
        step: Step::Recognised,
        target_year: None,
        date: NaiveDate::from_ymd_opt(2024, 12, 20).unwrap(),
        decision_no: "1234/QĐ-UBND".into(),
        issuer: "UBND tỉnh".into(),
        note: String::new(),
    }
}

fn quantity() -> Quantity {
    Quantity {
        id: "q-hedges".into(),
        group: "landscape".into(),
        name: "Hàng rào xanh".into(),
        name_en: None,
        unit: "km".into(),
    }
}

fn resource(quantity: &str, value: f64) -> ResourceEntry {
    let unit = UnitRef::Commune("00070".into());
    let period = Period::year(2024);
    ResourceEntry {
        id: ResourceEntry::record_id(&unit, period, quantity),
        unit,
        period,
        quantity: quantity.into(),
        value,
        source: "Báo cáo 45/BC-UBND".into(),
        note: String::new(),
    }
}

#[wasm_bindgen_test]
async fn upgrade_from_v5_adds_result_stores_and_keeps_everything() {
    let name = format!("ntm-test-{}", ntm::shell::random_id());
    let v5 = Store::open_at(&name, 5).await.unwrap();
    assert!(!v5
        .store_names()
        .contains(&store_names::RECOGNITIONS.to_string()));
    let lan = author("Lan", "dev-a");
    v5.save_record("commune:00070", commune(), false, &lan)
        .await
        .unwrap();
    v5.set_mark(&key(), "1", Entry::of(CriterionMark::Met), &lan)
        .await
        .unwrap();
    let before = v5.dataset().await.unwrap();
    v5.close();

    let now = Store::open_named(&name).await.unwrap();
    for store in [
        store_names::RECOGNITIONS,
        store_names::QUANTITIES,
        store_names::RESOURCES,
    ] {
        assert!(now.store_names().contains(&store.to_string()), "{store}");
    }
    assert_eq!(now.dataset().await.unwrap(), before);
    now.save_record("rec-1", recognition(), false, &lan)
        .await
        .unwrap();
    assert_eq!(
        now.records::<Recognition>().await.unwrap()[0].data,
        recognition()
    );
    now.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn recognitions_and_resources_travel_in_a_file_with_their_history() {
    let (official, n1) = fresh().await;
    let (province, n2) = fresh().await;
    let minh = author("Minh", "dev-official");
    official
        .save_record("commune:00070", commune(), false, &minh)
        .await
        .unwrap();
    official
        .save_record("rec-1", recognition(), false, &minh)
        .await
        .unwrap();
    official
        .save_record("q-hedges", quantity(), false, &minh)
        .await
        .unwrap();
    for (q, v) in [("road_upgraded", 15.5), ("q-hedges", 2.25)] {
        let r = resource(q, v);
        official
            .save_record(&r.id.clone(), r, false, &minh)
            .await
            .unwrap();
    }
    // A corrected figure: the same record edited, its history keeps both.
    let fixed = resource("road_upgraded", 16.0);
    official
        .save_record(&fixed.id.clone(), fixed, false, &minh)
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
            device: "dev-official".into(),
            name: "Minh".into(),
            role: Some(ntm::domain::profile::Role::CanBoXa),
            unit: Some("commune:00070".into()),
        },
        now_ms: js_sys::Date::now(),
    };
    let ExportOutcome::Sent(name) = export(&official, &out, request).await.unwrap() else {
        panic!("not sent")
    };
    let bytes = out.files.borrow()[0].1.clone();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("\"schema_version\":3"),
        "a file with results is version 3"
    );

    let file = MemoryFile { name, bytes };
    let Ok(mut held) = open(&province, &file, |_| {}).await else {
        panic!("no preview")
    };
    // The commune's own quantity is province-level data, which a commune official may not
    // write (issue 31): it is set apart, and the province's official takes it knowingly.
    assert_eq!(held.pending.outside_total, 1);
    assert!(held.pending.outside[0]
        .line
        .target
        .record_key()
        .starts_with("quantity#"));
    let done = confirm(
        &province,
        &mut held,
        &[],
        &OutsideChoice::All,
        &author("Hoa", "dev-province"),
        js_sys::Date::now(),
        |_| {},
    )
    .await;
    assert!(matches!(done, ImportState::Done { .. }), "{done:?}");

    let mut a = official.dataset().await.unwrap();
    let mut b = province.dataset().await.unwrap();
    a.sort();
    b.sort();
    assert_eq!(a.recognitions, b.recognitions);
    assert_eq!(a.quantities, b.quantities);
    assert_eq!(a.resources, b.resources);
    assert_eq!(
        b.resources
            .iter()
            .find(|r| r.data.quantity == "road_upgraded")
            .unwrap()
            .data
            .value,
        16.0
    );
    let resource_history = b
        .history
        .iter()
        .filter(|h| h.record_key.starts_with("resource#"))
        .count();
    assert_eq!(resource_history, 3, "two figures, one corrected");
    assert!(matches!(
        b.units
            .iter()
            .find(|u| u.id == "commune:00070")
            .map(|u| &u.data),
        Some(Unit::Commune(_))
    ));
    official.close();
    province.close();
    Store::delete_database(&n1).await.unwrap();
    Store::delete_database(&n2).await.unwrap();
}
