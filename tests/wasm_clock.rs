//! Wrong clocks in a real browser: a database whose clock ran a year ahead (it took in a
//! file from such a phone before those were refused) is told at start and repaired; a
//! history with duplicate stamps (a saturated counter) is repaired on upgrade, and the
//! device can export again.
#![cfg(target_arch = "wasm32")]

use ntm::domain::assessment::*;
use ntm::domain::criteria::SetId;
use ntm::domain::history::EditTarget;
use ntm::domain::merge::{select, ExportScope};
use ntm::domain::safety::{clock_warning, ClockWarning};
use ntm::domain::sync::CLOCK_TOLERANCE_MS;
use ntm::domain::units::UnitRef;
use ntm::exchange::{self, Sender};
use ntm::store::schema::store_names;
use ntm::store::{Author, Store, DATA_FORMAT};
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const YEAR_MS: u64 = 365 * 24 * 3_600_000;

/// A row as an app before data format 4 wrote it: the assessment as an object.
fn old_row(row: &serde_json::Value) -> serde_json::Value {
    let a = ntm::store::stored_assessment::decode(row["body"].as_str().expect("a body")).unwrap();
    json!({"id": row["id"], "unit_key": row["unit_key"], "assessment": a})
}

fn fresh_name() -> String {
    format!("ntm-test-{}", ntm::shell::random_id())
}

fn key() -> AssessmentKey {
    AssessmentKey {
        unit: UnitRef::Commune("00070".into()),
        set: SetId {
            id: "QD318_2022_XA".into(),
            version: "1".into(),
        },
        period: Period::year(2026),
    }
}

fn lan() -> Author {
    Author {
        name: "Lan".into(),
        device: "dev-lan".into(),
    }
}

#[wasm_bindgen_test]
async fn a_clock_poisoned_by_a_year_ahead_is_told_and_repaired() {
    let name = fresh_name();
    let store = Store::open_named(&name).await.unwrap();
    let now = js_sys::Date::now() as u64;
    store
        .set_mark(&key(), "2", Entry::of(CriterionMark::Met), &lan())
        .await
        .unwrap();
    // What an older app did with a file from a phone a year ahead: its value was taken in
    // and the clock jumped to its date.
    let ahead = now + YEAR_MS;
    let stamp = json!({"hlc": {"wall_ms": ahead, "counter": 0}, "device": "dev-wrong", "author": "Máy sai giờ"});
    let mut rows = store.raw_rows(store_names::ASSESSMENTS).await.unwrap();
    rows[0] = old_row(&rows[0]);
    rows[0]["assessment"]["marks"]["1"] = json!({"value": {"value": "not_met"}, "stamp": stamp});
    store
        .put_raw(store_names::ASSESSMENTS, &rows[0], None)
        .await
        .unwrap();
    store
        .put_raw(
            store_names::META,
            &json!({"wall_ms": ahead, "counter": 0}),
            Some("hlc"),
        )
        .await
        .unwrap();
    // At start, the app sees the clock behind the data.
    let last = store.clock().await.unwrap();
    assert_eq!(
        clock_warning(now, last.wall_ms),
        Some(ClockWarning::BehindData { data_ms: ahead })
    );
    // The repair: the clock goes back, the value from the future is recorded anew.
    let repaired = store.repair_clock(now, &lan()).await.unwrap();
    assert_eq!(repaired, 1);
    let clock = store.clock().await.unwrap();
    assert!(clock.wall_ms <= now + CLOCK_TOLERANCE_MS);
    assert_eq!(clock_warning(now, clock.wall_ms), None);
    let a = store.assessment(&key()).await.unwrap().unwrap();
    assert_eq!(
        a.mark("1"),
        Some(CriterionMark::NotMet),
        "the value is kept"
    );
    assert!(a.marks["1"].stamp.hlc.wall_ms <= now + CLOCK_TOLERANCE_MS);
    let h = store
        .history(&EditTarget::Mark {
            assessment: key().id(),
            criterion: "1".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        h.len(),
        1,
        "the new edit; the old one was never in this history"
    );
    assert!(h[0]
        .entry
        .base
        .as_ref()
        .unwrap()
        .iter()
        .any(|b| b.hlc.wall_ms == ahead));
    // A later edit at the right time now wins, as it should.
    store
        .set_mark(&key(), "1", Entry::of(CriterionMark::Met), &lan())
        .await
        .unwrap();
    let a = store.assessment(&key()).await.unwrap().unwrap();
    assert_eq!(a.mark("1"), Some(CriterionMark::Met));
    store.close();
    Store::delete_database(&name).await.unwrap();
}

/// The page opens the database without its data steps (their code is fetched only when
/// needed): a new database never needs them; one an older build wrote says so until they
/// ran, and they leave it current.
#[wasm_bindgen_test]
async fn the_page_runs_data_steps_only_for_an_older_database() {
    let name = fresh_name();
    let store = Store::open_deferring_data_steps(&name).await.unwrap();
    assert!(!store.data_steps_due().await.unwrap(), "a new database");
    assert_eq!(store.data_format().await.unwrap(), DATA_FORMAT);
    store
        .put_raw(store_names::META, &json!(2), Some("data_format"))
        .await
        .unwrap();
    store.close();
    let store = Store::open_deferring_data_steps(&name).await.unwrap();
    assert!(store.data_steps_due().await.unwrap(), "data of format 2");
    store.run_data_steps().await.unwrap();
    assert!(!store.data_steps_due().await.unwrap());
    assert_eq!(store.data_format().await.unwrap(), DATA_FORMAT);
}

#[wasm_bindgen_test]
async fn duplicate_stamps_are_repaired_on_upgrade_and_the_device_exports_again() {
    let name = fresh_name();
    let store = Store::open_named(&name).await.unwrap();
    store
        .set_mark(&key(), "1", Entry::of(CriterionMark::Met), &lan())
        .await
        .unwrap();
    // A second, different edit with the same stamp, as a saturated counter made it, and
    // the database said to be of the format before the repair.
    let mut history = store.raw_rows(store_names::HISTORY).await.unwrap();
    let mut dup = history.remove(0);
    dup["new"] = json!({"value": "not_met"});
    store
        .put_raw(store_names::HISTORY, &dup, None)
        .await
        .unwrap();
    let mut rows = store.raw_rows(store_names::ASSESSMENTS).await.unwrap();
    rows[0] = old_row(&rows[0]);
    rows[0]["assessment"]["marks"]["1"]["value"] = json!({"value": "not_met"});
    store
        .put_raw(store_names::ASSESSMENTS, &rows[0], None)
        .await
        .unwrap();
    store
        .put_raw(store_names::META, &json!(2), Some("data_format"))
        .await
        .unwrap();
    let export = |data| {
        let file = exchange::build(
            select(&data, &ExportScope::All, None),
            Sender {
                device: "dev-lan".into(),
                name: "Lan".into(),
                role: None,
                unit: None,
            },
            ExportScope::All,
            None,
            "test",
            js_sys::Date::now() as u64 + 1000,
        );
        exchange::read(exchange::to_json(&file).as_bytes())
    };
    assert!(
        export(store.dataset().await.unwrap()).is_err(),
        "a duplicate makes every export refused"
    );
    store.close();

    let store = Store::open_named(&name).await.unwrap();
    assert_eq!(store.data_format().await.unwrap(), DATA_FORMAT);
    let h = store
        .history(&EditTarget::Mark {
            assessment: key().id(),
            criterion: "1".into(),
        })
        .await
        .unwrap();
    assert_eq!(h.len(), 2);
    assert_ne!(h[0].entry.stamp.hlc, h[1].entry.stamp.hlc);
    let a = store.assessment(&key()).await.unwrap().unwrap();
    assert_eq!(
        a.marks["1"].stamp, h[1].entry.stamp,
        "the value follows its edit"
    );
    assert!(
        export(store.dataset().await.unwrap()).is_ok(),
        "it exports again"
    );
    store.close();
    Store::delete_database(&name).await.unwrap();
}
