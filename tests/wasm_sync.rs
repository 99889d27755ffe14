//! The sync's device side on IndexedDB (issue 17): schema 7 adds what a device last
//! exchanged per database and document, and keeps everything before; the sync state reads
//! back per database; two IndexedDB devices syncing through a CouchDB database (in memory:
//! `app::memory_couch`, the same one the native tests use) end with the same data.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use ntm::app::memory_couch::{CouchModel, MemoryCouch};
use ntm::app::sync::{sync, SyncMark, SyncReport, SyncRequest, SyncStep, SyncStore};
use ntm::domain::assessment::*;
use ntm::domain::replication::Known;
use ntm::store::schema::store_names;
use ntm::store::Store;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::browser::{author, fresh};
use common::{commune, key};

#[wasm_bindgen_test]
async fn upgrade_from_v6_adds_the_sync_store_and_keeps_everything() {
    let name = format!("ntm-test-{}", ntm::shell::random_id());
    let v6 = Store::open_at(&name, 6).await.unwrap();
    assert!(!v6
        .store_names()
        .contains(&store_names::SYNC_KNOWN.to_string()));
    let lan = author("Lan", "dev-head");
    v6.save_record("commune:00070", commune(), false, &lan)
        .await
        .unwrap();
    v6.set_mark(&key(), "1", Entry::of(CriterionMark::Met), &lan)
        .await
        .unwrap();
    let before = v6.dataset().await.unwrap();
    v6.close();

    let v7 = Store::open_named(&name).await.unwrap();
    assert_eq!(v7.version(), 7);
    assert!(v7
        .store_names()
        .contains(&store_names::SYNC_KNOWN.to_string()));
    assert_eq!(v7.dataset().await.unwrap(), before);
    // And the new store works.
    let state = v7.sync_state("/db/ntm-99").await.unwrap();
    assert!(state.known.is_empty());
    v7.close();
    Store::delete_database(&name).await.unwrap();
}

/// The history in one order: the store lists it as it was written, which differs from
/// phone to phone.
fn in_order(mut d: ntm::domain::merge::Dataset) -> ntm::domain::merge::Dataset {
    d.history.sort_by(|a, b| {
        (&a.stamp.hlc, &a.stamp.device, &a.record_key).cmp(&(
            &b.stamp.hlc,
            &b.stamp.device,
            &b.record_key,
        ))
    });
    d
}

fn known(rev: &str) -> Known {
    Known {
        rev: rev.into(),
        ancestry: vec![rev.split_once('-').unwrap().1.into()],
        content: format!("content of {rev}"),
        missing: false,
    }
}

#[wasm_bindgen_test]
async fn the_sync_state_reads_back_per_database() {
    let (store, name) = fresh().await;
    // One address a prefix of the other: their rows must not mix.
    let (a, b) = ("https://x.vn/db/ntm-9", "https://x.vn/db/ntm-99");
    store
        .save_sync(
            a,
            SyncStep {
                known: vec![
                    ("doc-1".into(), known("1-aa")),
                    ("doc-2".into(), known("1-bb")),
                ],
                since: Some("12".into()),
                ..SyncStep::default()
            },
        )
        .await
        .unwrap();
    store
        .save_sync(
            b,
            SyncStep {
                known: vec![("doc-1".into(), known("2-cc"))],
                closings: Some(vec![serde_json::json!({"_id": "doc-1", "_deleted": true})]),
                ..SyncStep::default()
            },
        )
        .await
        .unwrap();
    // A later step changes only what it names.
    let report = SyncReport {
        at_ms: 5.0,
        sent: 2,
        ..SyncReport::default()
    };
    store
        .save_sync(
            a,
            SyncStep {
                known: vec![("doc-2".into(), known("2-dd"))],
                last: Some(report.clone()),
                ..SyncStep::default()
            },
        )
        .await
        .unwrap();

    let sa = store.sync_state(a).await.unwrap();
    assert_eq!(sa.since, "12");
    assert!(sa.known.is_empty(), "rows are read as a sync needs them");
    assert_eq!(sa.last, Some(report.clone()));
    assert!(sa.closings.is_empty());
    let all = store.known_all(a).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all["doc-1"], known("1-aa"));
    assert_eq!(all["doc-2"], known("2-dd"));
    let some = store
        .known_of(a, &["doc-2".to_string(), "doc-3".to_string()])
        .await
        .unwrap();
    assert_eq!(some.len(), 1, "one never exchanged");
    assert_eq!(some["doc-2"], known("2-dd"));
    let sb = store.sync_state(b).await.unwrap();
    assert_eq!(sb.since, "");
    let all = store.known_all(b).await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all["doc-1"], known("2-cc"));
    assert_eq!(sb.closings.len(), 1);
    // The page reads the report alone.
    let mark: SyncMark = store.sync_mark(a).await.unwrap().unwrap();
    assert_eq!(mark.last, Some(report));
    // The address is a device setting.
    assert_eq!(store.sync_server().await.unwrap(), None);
    store.save_sync_server(Some(b)).await.unwrap();
    assert_eq!(store.sync_server().await.unwrap().as_deref(), Some(b));
    store.save_sync_server(None).await.unwrap();
    assert_eq!(store.sync_server().await.unwrap(), None);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn two_devices_on_indexeddb_sync_through_one_database_and_agree() {
    let (head, n1) = fresh().await;
    let (official, n2) = fresh().await;
    let lan = author("Lan", "dev-head");
    let minh = author("Minh", "dev-official");
    head.save_record("commune:00070", commune(), false, &lan)
        .await
        .unwrap();
    head.set_mark(&key(), "1", Entry::of(CriterionMark::Met), &lan)
        .await
        .unwrap();
    let db = Rc::new(RefCell::new(CouchModel::default()));
    // The province of the test's commune (01): its official's account.
    let roles = vec![
        "province:01".to_string(),
        "province-official:01".to_string(),
    ];
    let server = MemoryCouch::as_user(db.clone(), "01", roles);
    let now = js_sys::Date::now();

    let first = sync(
        &head,
        &server,
        &SyncRequest::new("/db/ntm-01", &lan, now),
        |_| {},
    )
    .await;
    assert_eq!(first.stopped, None);
    assert!(first.sent >= 3, "{first:?}");
    let got = sync(
        &official,
        &server,
        &SyncRequest::new("/db/ntm-01", &minh, now),
        |_| {},
    )
    .await;
    assert_eq!(got.stopped, None);
    assert!(got.merged.new >= 2, "{got:?}");
    let a = official.assessment(&key()).await.unwrap().expect("pulled");
    assert_eq!(
        a.marks.get("1").and_then(|m| m.value.value),
        Some(CriterionMark::Met)
    );

    // The official changes the mark; the head gets it at her next sync.
    official
        .set_mark(&key(), "1", Entry::of(CriterionMark::NotMet), &minh)
        .await
        .unwrap();
    let sent = sync(
        &official,
        &server,
        &SyncRequest::new("/db/ntm-01", &minh, now),
        |_| {},
    )
    .await;
    assert_eq!(
        (sent.sent, sent.waiting, &sent.stopped),
        (1, 0, &None),
        "{sent:?}"
    );
    let back = sync(
        &head,
        &server,
        &SyncRequest::new("/db/ntm-01", &lan, now),
        |_| {},
    )
    .await;
    assert_eq!(back.stopped, None);
    assert_eq!(back.waiting, 0);
    assert_eq!(
        in_order(head.dataset().await.unwrap()),
        in_order(official.dataset().await.unwrap())
    );
    // Nothing left to exchange: a sync again sends and receives nothing.
    let again = sync(
        &head,
        &server,
        &SyncRequest::new("/db/ntm-01", &lan, now),
        |_| {},
    )
    .await;
    assert_eq!((again.sent, again.received), (0, 0), "{again:?}");

    head.close();
    official.close();
    Store::delete_database(&n1).await.unwrap();
    Store::delete_database(&n2).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_change_log_gives_what_changed_as_a_full_build_gives_it() {
    use ntm::domain::couch_docs::docs_of;
    use std::collections::BTreeSet;
    let (store, name) = fresh().await;
    let lan = author("Lan", "dev-head");
    store
        .save_record("commune:00070", commune(), false, &lan)
        .await
        .unwrap();
    store
        .set_mark(&key(), "1", Entry::of(CriterionMark::Met), &lan)
        .await
        .unwrap();
    store
        .set_mark(&key(), "2", Entry::of(CriterionMark::NotMet), &lan)
        .await
        .unwrap();
    let (before, unlogged) = store.change_point().await.unwrap();
    assert!(before >= 3, "{before}");
    assert_eq!(unlogged, 0, "edits leave history entries");
    store
        .set_mark(&key(), "1", Entry::of(CriterionMark::NotMet), &lan)
        .await
        .unwrap();
    let (part, keys, (upto, _)) = store.changed_since(before, &BTreeSet::new()).await.unwrap();
    let mark = format!("{}#mark:1", key().id());
    assert_eq!(keys, BTreeSet::from([mark.clone()]));
    assert!(upto > before);
    assert_eq!(upto, store.change_point().await.unwrap().0);
    // The mark's document and its assessment's are exactly those a full build makes.
    let full = docs_of(&store.dataset().await.unwrap());
    let some = docs_of(&part);
    for id in [mark.as_str(), key().id().as_str()] {
        let a = full.iter().find(|d| d.id == id).expect("in the full build");
        let b = some.iter().find(|d| d.id == id).expect("in the changes");
        assert_eq!(a, b, "{id}");
    }
    assert!(some
        .iter()
        .all(|d| d.id != format!("{}#mark:2", key().id())));
    // Nothing after the point now; a value asked for again comes whether it changed or not.
    let (_, none, (same, _)) = store.changed_since(upto, &BTreeSet::new()).await.unwrap();
    assert!(none.is_empty());
    assert_eq!(same, upto);
    let two = format!("{}#mark:2", key().id());
    let (again, asked, _) = store
        .changed_since(upto, &BTreeSet::from([two.clone()]))
        .await
        .unwrap();
    assert_eq!(asked, BTreeSet::from([two.clone()]));
    let doc = docs_of(&again)
        .into_iter()
        .find(|d| d.id == two)
        .expect("asked for");
    assert_eq!(Some(&doc), full.iter().find(|d| d.id == two));
    // A commune's plan and a set it owns: their documents name the commune's province,
    // read from its record — the targeted read fetches it as a full build has it.
    let plan = ntm::domain::plans::Plan {
        id: "commune-00070-2026".into(),
        scope: ntm::domain::stats::Scope::Commune("00070".into()),
        year: 2026,
        targets: vec![(ntm::domain::plans::PlanItem::VillagesNtm, 3)],
        average_criteria: None,
        min_criteria: None,
    };
    store
        .save_record("commune-00070-2026", plan, false, &lan)
        .await
        .unwrap();
    let template = ntm::domain::criteria::builtin_sets()
        .into_iter()
        .find(|x| x.id == "MAU_THON_NTM")
        .unwrap();
    let own = ntm::domain::set_versions::derive_custom(
        &template,
        "c00070-0f4e2a9c-1b7d-4c55-9f1e-2d3c4b5a6978",
        "THON_XA",
        "Bộ tiêu chí thôn của xã",
    );
    let set_key = format!("set#{}", own.set_id());
    store
        .save_record(&own.set_id().to_string(), own, false, &lan)
        .await
        .unwrap();
    let (part, keys, _) = store.changed_since(upto, &BTreeSet::new()).await.unwrap();
    assert!(
        keys.contains(&set_key) && keys.contains("plan#commune-00070-2026"),
        "{keys:?}"
    );
    let full = docs_of(&store.dataset().await.unwrap());
    let some = docs_of(&part);
    for id in [set_key.as_str(), "plan#commune-00070-2026"] {
        let a = full.iter().find(|d| d.id == id).expect("in the full build");
        let b = some.iter().find(|d| d.id == id).expect("in the changes");
        assert_eq!(a, b, "{id}");
        assert_eq!(b.scope.province.as_deref(), Some("01"), "{id}");
    }
    store.close();
    Store::delete_database(&name).await.unwrap();
}
