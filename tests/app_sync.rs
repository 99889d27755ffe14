//! The sync workflow (`app::sync`) on in-memory devices against an in-memory CouchDB
//! database (`app::memory_couch`): two or three people's phones, each syncing when it has
//! signal, end with the data exchanging files gives; a concurrent edit is a conflict on
//! each; the server's rules refuse another commune's documents and the phone says which;
//! a connection lost mid-way loses and duplicates nothing.

mod common;

use ntm::exchange::access::senders::ImportRule;
use std::cell::RefCell;
use std::rc::Rc;

use futures::executor::block_on;
use ntm::app::memory::MemoryStore;
use ntm::app::memory_couch::{CouchModel, MemoryCouch};
use ntm::app::ports::ExchangeStore;
use ntm::app::sync::{sync, SyncError, SyncReport, SyncRequest, SyncStore};
use ntm::domain::assessment::{Entry, IndicatorValue};
use ntm::domain::merge::{
    apply, base_for, known_set, open_conflicts, plan_merge_at, select, Dataset, ExportScope,
};
use ntm::domain::sync::{Hlc, Stamp};
use ntm::store::Author;

/// 30/11/2026 01:00 UTC.
const NOW: u64 = 1_796_000_400_000;
const DB: &str = "/db/ntm-99";

fn author(device: &str) -> Author {
    Author {
        name: format!("Người dùng {device}"),
        device: device.into(),
    }
}

fn stamp(device: &str, wall_ms: u64) -> Stamp {
    Stamp {
        hlc: Hlc {
            wall_ms,
            counter: 0,
        },
        device: device.into(),
        author: format!("Người dùng {device}"),
    }
}

/// A phone holding two communes of the demo province (with their villages, assessments
/// and every other kind of record) as of an earlier file.
fn phone() -> MemoryStore {
    let demo = common::demo_dataset(7, &stamp("origin", NOW - 86_400_000));
    let mut two = select(&demo, &ExportScope::Commune("99001".into()), None);
    let other = select(&demo, &ExportScope::Commune("99002".into()), None);
    let plan = plan_merge_at(&two, &other, known_set(&two), NOW);
    apply(&mut two, &plan);
    MemoryStore::new(only_held_sets(two), NOW)
}

/// Only what a phone can hold: values of sets it has (the demo's village set is not among
/// the records here).
fn only_held_sets(mut d: Dataset) -> Dataset {
    let held: Vec<bool> = {
        let known = known_set(&d);
        d.assessments
            .iter()
            .map(|a| known(&a.key.set).is_some())
            .collect()
    };
    let mut keep = held.into_iter();
    d.assessments.retain(|_| keep.next().unwrap_or(false));
    d
}

/// A phone holding the whole demo province (values of the sets it has).
fn province_phone() -> MemoryStore {
    let all = common::demo_dataset(7, &stamp("origin", NOW - 86_400_000));
    MemoryStore::new(only_held_sets(all), NOW)
}

/// An edit of one value of the `n`th assessment, as the store writes it (value, history
/// entry with its base).
fn edit(store: &MemoryStore, n: usize, code: &str, value: f64, device: &str, at: u64) {
    let mut data = store.data.borrow_mut();
    let a = &mut data.assessments[n];
    let current = a.values.get(code).map(|v| v.stamp.clone());
    let key = format!("{}#value:{code}", a.id());
    let mut entry = a.set_value(
        code,
        Entry::of(IndicatorValue::Number(value)),
        stamp(device, at),
    );
    let entries: Vec<_> = data
        .history
        .iter()
        .filter(|h| h.record_key == key)
        .collect();
    entry.base = Some(base_for(&entries, current.as_ref()));
    data.history.push(entry);
    drop(data);
    store.touch();
}

fn first_code(store: &MemoryStore, n: usize) -> String {
    store.data.borrow().assessments[n]
        .values
        .keys()
        .next()
        .cloned()
        .expect("a value")
}

fn sorted(store: &MemoryStore) -> Dataset {
    let mut d = block_on(store.dataset()).unwrap();
    d.sort();
    d
}

fn run(store: &MemoryStore, server: &MemoryCouch, device: &str) -> SyncReport {
    let request = SyncRequest::new(DB, &author(device), NOW as f64);
    block_on(sync(store, server, &request, |_| {}))
}

/// What exchanging whole files both ways gives (the reference a sync must equal).
fn by_files(a: &Dataset, b: &Dataset) -> Dataset {
    let mut x = a.clone();
    let p = plan_merge_at(&x, b, known_set(&x), NOW);
    apply(&mut x, &p);
    let mut y = b.clone();
    let q = plan_merge_at(&y, &x, known_set(&y), NOW);
    apply(&mut y, &q);
    let r = plan_merge_at(&x, &y, known_set(&x), NOW);
    apply(&mut x, &r);
    x.sort();
    x
}

#[test]
fn two_phones_edit_offline_then_sync_and_end_as_exchanging_files_would() {
    let db = Rc::new(RefCell::new(CouchModel::default()));
    let (a, b) = (phone(), phone());
    let (sa, sb) = (
        MemoryCouch::new(db.clone(), None),
        MemoryCouch::new(db.clone(), None),
    );
    let code = first_code(&a, 0);
    edit(&a, 0, &code, 11.0, "phone-a", NOW - 5_000);
    let other = first_code(&b, 1);
    edit(&b, 1, &other, 22.0, "phone-b", NOW - 4_000);
    let reference = by_files(&sorted(&a), &sorted(&b));

    let first = run(&a, &sa, "phone-a");
    assert_eq!(first.stopped, None);
    assert!(
        first.sent > 100,
        "everything goes up at first: {}",
        first.sent
    );
    assert_eq!(first.waiting, 0);
    let second = run(&b, &sb, "phone-b");
    assert_eq!(second.stopped, None);
    assert!(second.received > 0);
    run(&a, &sa, "phone-a");
    assert_eq!(sorted(&a), reference, "phone A equals the files' result");
    assert_eq!(sorted(&b), reference, "phone B equals the files' result");
    // Nothing left to send, and another round writes nothing.
    let requests = db.borrow().requests;
    let again = run(&a, &sa, "phone-a");
    assert_eq!((again.sent, again.waiting), (0, 0));
    assert_eq!(sorted(&a), reference);
    assert!(
        db.borrow().requests - requests <= 4,
        "an idle sync is a few requests"
    );
    assert!(db.borrow().live_leaves().values().all(|n| *n == 1));
}

#[test]
fn a_concurrent_edit_is_a_conflict_on_both_phones_and_closed_on_the_server() {
    let db = Rc::new(RefCell::new(CouchModel::default()));
    let (a, b) = (phone(), phone());
    let (sa, sb) = (
        MemoryCouch::new(db.clone(), None),
        MemoryCouch::new(db.clone(), None),
    );
    // Both start from the same synced state.
    run(&a, &sa, "phone-a");
    run(&b, &sb, "phone-b");
    let code = first_code(&a, 0);
    edit(&a, 0, &code, 11.0, "phone-a", NOW - 3_000);
    edit(&b, 0, &code, 12.0, "phone-b", NOW - 2_000);
    let reference = by_files(&sorted(&a), &sorted(&b));
    for _ in 0..3 {
        run(&a, &sa, "phone-a");
        run(&b, &sb, "phone-b");
    }
    assert_eq!(sorted(&a), reference);
    assert_eq!(sorted(&b), reference);
    for phone in [&a, &b] {
        let conflicts = open_conflicts(&phone.data.borrow());
        assert_eq!(conflicts.len(), 1, "the loser is a conflict on each phone");
    }
    // The later edit won (phone B's 12), by our stamps.
    let v = a.data.borrow().assessments[0].values[&code].value.clone();
    assert_eq!(v, Entry::of(IndicatorValue::Number(12.0)));
    assert!(
        db.borrow().live_leaves().values().all(|n| *n == 1),
        "the server's conflict is closed once merged"
    );
}

#[test]
fn the_server_refuses_another_communes_documents_and_the_phone_says_which() {
    let db = Rc::new(RefCell::new(CouchModel::default()));
    // The province official puts the province up first.
    let p = phone();
    run(&p, &MemoryCouch::new(db.clone(), None), "province");
    let c = phone();
    let commune_user = MemoryCouch::new(db.clone(), Some("99001"));
    run(&c, &commune_user, "commune");
    // The commune official edits her commune and, wrongly, another commune.
    let mine = c
        .data
        .borrow()
        .assessments
        .iter()
        .position(|a| a.key.unit.key() == "commune:99001")
        .expect("an assessment of 99001");
    let theirs = c
        .data
        .borrow()
        .assessments
        .iter()
        .position(|a| a.key.unit.key() == "commune:99002")
        .expect("an assessment of 99002");
    let (m, t) = (first_code(&c, mine), first_code(&c, theirs));
    edit(&c, mine, &m, 31.0, "commune", NOW - 1_000);
    edit(&c, theirs, &t, 32.0, "commune", NOW - 1_000);
    let report = run(&c, &commune_user, "commune");
    assert_eq!(report.sent, 1, "her commune's value went up");
    assert_eq!(report.refused.len(), 1, "{:?}", report.refused);
    assert!(report.refused[0].id.contains("commune:99002"));
    assert_eq!(report.waiting, 1, "the refused value still waits");
    let again = run(&c, &commune_user, "commune");
    assert_eq!(
        (again.sent, again.refused.len(), again.waiting),
        (0, 1, 1),
        "it is tried and counted again at the next sync"
    );
    // The province sees her commune's value, not the other.
    run(&p, &MemoryCouch::new(db.clone(), None), "province");
    let value = |s: &MemoryStore, n: usize, code: &str| {
        s.data.borrow().assessments[n].values[code].value.clone()
    };
    assert_eq!(value(&p, mine, &m), Entry::of(IndicatorValue::Number(31.0)));
    assert_ne!(
        value(&p, theirs, &t),
        Entry::of(IndicatorValue::Number(32.0))
    );
    // Nothing was lost on her phone.
    assert_eq!(
        value(&c, theirs, &t),
        Entry::of(IndicatorValue::Number(32.0))
    );
}

#[test]
fn a_connection_lost_mid_sync_resumes_without_losing_or_duplicating() {
    // A first sync here is get_local, changes, revs_diff, bulk_docs: cut after each.
    for cut in [1, 2, 3] {
        let db = Rc::new(RefCell::new(CouchModel::default()));
        let (a, b) = (phone(), phone());
        let sa = MemoryCouch::new(db.clone(), None);
        let sb = MemoryCouch::new(db.clone(), None);
        let code = first_code(&a, 2);
        edit(&a, 2, &code, 41.0, "phone-a", NOW - 1_000);
        let reference = by_files(&sorted(&a), &sorted(&b));
        sa.answers_left.set(Some(cut));
        let broken = run(&a, &sa, "phone-a");
        assert_eq!(broken.stopped, Some(SyncError::Offline), "cut after {cut}");
        sa.answers_left.set(None);
        sb.answers_left.set(Some(cut));
        run(&b, &sb, "phone-b");
        sb.answers_left.set(None);
        for _ in 0..2 {
            assert_eq!(run(&a, &sa, "phone-a").stopped, None);
            assert_eq!(run(&b, &sb, "phone-b").stopped, None);
        }
        assert_eq!(sorted(&a), reference, "cut after {cut}");
        assert_eq!(sorted(&b), reference, "cut after {cut}");
        assert!(
            db.borrow().live_leaves().values().all(|n| *n == 1),
            "no duplicate revisions (cut after {cut})"
        );
        let state = block_on(a.sync_state(DB)).unwrap();
        assert!(state.last.is_some());
    }
}

#[test]
fn a_database_created_anew_gets_everything_again() {
    let db = Rc::new(RefCell::new(CouchModel::default()));
    let a = phone();
    run(&a, &MemoryCouch::new(db.clone(), None), "phone-a");
    // The server's database is lost and created empty again.
    let fresh = Rc::new(RefCell::new(CouchModel::default()));
    let report = run(&a, &MemoryCouch::new(fresh.clone(), None), "phone-a");
    assert_eq!(report.stopped, None);
    assert!(report.sent > 100, "everything sent again: {}", report.sent);
    assert_eq!(
        fresh.borrow().leaves(),
        db.borrow().leaves(),
        "every document again, at the revision it had"
    );
    let b = MemoryStore::new(Dataset::default(), NOW);
    let pulled = run(&b, &MemoryCouch::new(fresh, None), "phone-b");
    assert_eq!(
        pulled.built,
        ntm::domain::couch_docs::docs_of(&sorted(&a)).len(),
        "a phone's first push builds every document it holds"
    );
    let (got, want) = (sorted(&b), sorted(&a));
    assert_eq!(got.units, want.units);
    assert_eq!(got.assessments, want.assessments);
    assert_eq!(got.history.len(), want.history.len());
    assert_eq!(got, want);
}

#[test]
fn a_database_restored_from_an_older_backup_gets_back_the_revisions_it_lost() {
    let db = Rc::new(RefCell::new(CouchModel::default()));
    let a = phone();
    let server = MemoryCouch::new(db.clone(), None);
    run(&a, &server, "phone-a");
    let backup = db.borrow().clone();
    // Edits after the backup, synced; then the server is restored from the backup.
    let code = first_code(&a, 0);
    edit(&a, 0, &code, 41.0, "phone-a", NOW - 2_000);
    run(&a, &server, "phone-a");
    let before_loss = db.borrow().leaves();
    *db.borrow_mut() = backup;
    assert_ne!(
        db.borrow().leaves(),
        before_loss,
        "the backup lacks the edit"
    );
    let report = run(&a, &server, "phone-a");
    assert_eq!(report.stopped, None);
    assert_eq!(report.sent, 1, "only what the backup lacked");
    assert_eq!(
        db.borrow().leaves(),
        before_loss,
        "the same revisions as before the loss, not new ones"
    );
    // And another sync writes nothing.
    let written = db.borrow().writes();
    run(&a, &server, "phone-a");
    assert_eq!(db.borrow().writes(), written);
}

#[test]
fn a_phone_reading_back_its_own_push_fetches_nothing_and_checkpoints_sparingly() {
    let db = Rc::new(RefCell::new(CouchModel::default()));
    let a = province_phone();
    let server = MemoryCouch::new(db.clone(), None);
    let first = run(&a, &server, "phone-a");
    assert!(
        first.sent > 21 * 500,
        "a first push of a province: {}",
        first.sent
    );
    let before = db.borrow().requests;
    // The next sync reads every change of its own push back from the server.
    let again = run(&a, &server, "phone-a");
    assert_eq!((again.sent, again.received, again.waiting), (0, 0, 0));
    let requests = db.borrow().requests - before;
    let pages = first.sent.div_ceil(500);
    // The checkpoint read, each page of changes and the empty one after them, and a
    // checkpoint written every 20 pages and at the end: no fetch, no write of data.
    assert!(
        requests <= 1 + pages + 1 + pages.div_ceil(20),
        "{requests} requests for {pages} pages"
    );
    // And the checkpoint is right: a third sync reads only the empty page.
    let before = db.borrow().requests;
    run(&a, &server, "phone-a");
    assert_eq!(db.borrow().requests - before, 2);
}

/// A phone a year ahead: the other phone refuses its value (as it would from a file) and
/// does not send its own value back over it, so the two do not push the same document to
/// each other at every sync while the clock stays wrong.
#[test]
fn a_value_from_a_phone_clock_ahead_is_refused_once_not_pushed_back_at_every_sync() {
    const YEAR: u64 = 365 * 86_400_000;
    let db = Rc::new(RefCell::new(CouchModel::default()));
    let (a, b) = (phone(), phone());
    let (sa, sb) = (
        MemoryCouch::new(db.clone(), None),
        MemoryCouch::new(db.clone(), None),
    );
    let ahead = |store: &MemoryStore, server: &MemoryCouch| {
        let request = SyncRequest::new(DB, &author("phone-a"), (NOW + YEAR) as f64);
        block_on(sync(store, server, &request, |_| {}))
    };
    ahead(&a, &sa);
    run(&b, &sb, "phone-b");
    let code = first_code(&a, 0);
    let before = b.data.borrow().assessments[0].values[&code].clone();
    edit(&a, 0, &code, 99.0, "phone-a", NOW + YEAR);
    assert_eq!(ahead(&a, &sa).sent, 1);
    let pulled = run(&b, &sb, "phone-b");
    assert_eq!(pulled.received, 1);
    assert_eq!(
        b.data.borrow().assessments[0].values[&code],
        before,
        "the value from the future is not taken"
    );
    assert_eq!(pulled.sent, 0, "nothing sent back over it");
    // The phone says whose clock is ahead and how many values wait for it.
    assert_eq!(pulled.future.len(), 1);
    assert_eq!(pulled.future[0].device, "phone-a");
    assert!(pulled.future[0].values >= 1);
    for _ in 0..2 {
        let (ra, rb) = (ahead(&a, &sa), run(&b, &sb, "phone-b"));
        assert_eq!((ra.sent, ra.received, rb.sent, rb.received), (0, 0, 0, 0));
    }
    assert_eq!(
        a.data.borrow().assessments[0].values[&code].value,
        Entry::of(IndicatorValue::Number(99.0)),
        "the phone ahead keeps its value"
    );
    // An edit made on the phone afterwards goes out as usual.
    edit(&b, 0, &code, 7.0, "phone-b", NOW + 1_000);
    assert_eq!(run(&b, &sb, "phone-b").sent, 1);
}

/// Writes `doc` as revision 1 straight into the database, as a server without our rules
/// (or an administrator's mistake) would hold it.
fn plant(db: &Rc<RefCell<CouchModel>>, mut doc: serde_json::Value, hash: &str) {
    doc["_rev"] = format!("1-{hash}").into();
    doc["_revisions"] = serde_json::json!({"start": 1, "ids": [hash]});
    db.borrow_mut().write(&doc).unwrap();
}

#[test]
fn hostile_documents_on_the_server_are_refused_one_by_one_and_the_sync_goes_on() {
    use serde_json::json;
    let db = Rc::new(RefCell::new(CouchModel::default()));
    let p = phone();
    run(&p, &MemoryCouch::new(db.clone(), None), "province");
    // A village of 99001 the phones know, and a document of each hostile kind.
    let (village, village_value) = {
        let data = p.data.borrow();
        let v = data
            .units
            .iter()
            .find_map(|u| match &u.data {
                ntm::domain::units::Unit::Village(v) if v.commune_code == "99001" => {
                    Some(v.id.clone())
                }
                _ => None,
            })
            .expect("a village of 99001");
        let docs = ntm::domain::couch_docs::docs_of(&data);
        let doc = docs
            .into_iter()
            .find(|d| d.id.starts_with("commune:99001|") && d.id.contains("#value:"))
            .expect("a value of 99001");
        // The same value, as a value of the village.
        let mut doc = serde_json::to_value(doc).unwrap();
        let id = doc["_id"]
            .as_str()
            .unwrap()
            .replace("commune:99001", &format!("village:{v}"));
        doc["_id"] = id.into();
        doc["body"]["data"]["key"]["unit"] = json!({"level": "village", "id": v});
        doc.as_object_mut().unwrap().remove("history");
        (format!("village:{v}"), doc)
    };
    let stamp = json!({"hlc": {"wall_ms": NOW - 10_000, "counter": 0}, "device": "ke-xau", "author": "Kẻ xấu"});
    let record = |name: &str| {
        json!({"_id": "unit#village:evil", "scope": {"province": "99", "commune": "99001"},
            "body": {"kind": "unit", "data": {"id": "village:evil", "stamp": stamp,
                "data": {"kind": "village", "unit": {"id": "evil", "commune_code": "99001", "name": name, "kind": "thon"}}}}})
    };
    plant(&db, record("<img src=x onerror=alert(1)>"), "a1");
    let mut hidden = record("Bản\u{0000}Phiêng\u{202E}");
    hidden["_id"] = "unit#village:evil2".into();
    hidden["body"]["data"]["id"] = "village:evil2".into();
    hidden["body"]["data"]["data"]["unit"]["id"] = "evil2".into();
    plant(&db, hidden, "a2");
    let mut huge = record(&"x".repeat(1 << 20));
    huge["_id"] = "unit#village:evil3".into();
    huge["body"]["data"]["id"] = "village:evil3".into();
    huge["body"]["data"]["data"]["unit"]["id"] = "evil3".into();
    plant(&db, huge, "a3");
    // A value of a village of 99001 filed under 99002 (the server cannot tell).
    let mut wrong_commune = village_value.clone();
    wrong_commune["scope"]["commune"] = "99002".into();
    wrong_commune["body"]["data"]["value"]["value"]["value"] =
        json!({"type": "number", "value": 99999});
    wrong_commune["body"]["data"]["value"]["stamp"] = stamp.clone();
    plant(&db, wrong_commune, "a4");
    // A forged scope: another commune's value under 99001.
    let mut forged = village_value.clone();
    forged["_id"] = forged["_id"]
        .as_str()
        .unwrap()
        .replace(&village, "commune:99002")
        .into();
    plant(&db, forged, "a5");
    // Not documents of the format.
    plant(&db, json!({"_id": "garbage", "x": 1}), "a6");
    plant(
        &db,
        json!({"_id": "unit#commune:99003", "scope": {}, "body": {"kind": "mark", "data": 7}}),
        "a7",
    );
    // And one good edit of another phone, which must arrive.
    let other = phone();
    run(&other, &MemoryCouch::new(db.clone(), None), "other");
    let code = first_code(&other, 3);
    edit(&other, 3, &code, 77.0, "other", NOW - 1_000);
    run(&other, &MemoryCouch::new(db.clone(), None), "other");

    let before = sorted(&p);
    let report = run(&p, &MemoryCouch::new(db.clone(), None), "province");
    assert_eq!(report.stopped, None, "one bad document stops nothing");
    assert_eq!(report.rejected.len(), 7, "{:#?}", report.rejected);
    let reasons: Vec<&str> = report.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("< hoặc >") || r.contains("U+0000") || r.contains("U+202E")),
        "{reasons:?}"
    );
    assert!(reasons.iter().any(|r| r.contains("dài quá")), "{reasons:?}");
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("thuộc xã 99001, không thuộc xã 99002")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("không khớp với mã tài liệu")),
        "{reasons:?}"
    );
    assert!(report.rejected.iter().all(|r| r.id.chars().count() <= 121));
    // None of them is stored; the good edit is.
    let after = sorted(&p);
    let names: Vec<String> = after.units.iter().map(|u| u.id.clone()).collect();
    assert!(!names.iter().any(|n| n.contains("evil")), "{names:?}");
    assert_eq!(
        after.assessments[3].values[&code].value,
        Entry::of(IndicatorValue::Number(77.0))
    );
    let mut expected = before.clone();
    expected.assessments[3] = after.assessments[3].clone();
    expected.history = after.history.clone();
    assert_eq!(
        after.assessments, expected.assessments,
        "nothing else changed"
    );
    // The next sync passes them: nothing refused again, nothing stopped.
    let next = run(&p, &MemoryCouch::new(db.clone(), None), "province");
    assert_eq!(
        (next.rejected.len(), next.stopped.clone()),
        (0, None),
        "{next:?}"
    );
}

#[test]
fn a_steady_sync_builds_only_what_changed_and_sends_what_a_full_build_would() {
    let db = Rc::new(RefCell::new(CouchModel::default()));
    let a = province_phone();
    let server = MemoryCouch::new(db.clone(), None);
    let first = run(&a, &server, "phone-a");
    assert!(
        first.built > 10_000,
        "a first push builds everything: {}",
        first.built
    );
    run(&a, &server, "phone-a");
    let whole = a.whole_reads.get();
    for n in [0, 7, 14] {
        let code = first_code(&a, n);
        edit(&a, n, &code, 50.0 + n as f64, "phone-a", NOW - 1_000);
    }
    let steady = run(&a, &server, "phone-a");
    assert_eq!((steady.sent, steady.waiting), (3, 0));
    assert!(
        steady.built <= 6,
        "three values and their assessments: {}",
        steady.built
    );
    assert_eq!(a.whole_reads.get(), whole, "nothing was read whole");
    // A sync that builds every document finds nothing more to send.
    let request = SyncRequest {
        full: true,
        ..SyncRequest::new(DB, &author("phone-a"), NOW as f64)
    };
    let full = block_on(sync(&a, &server, &request, |_| {}));
    assert_eq!((full.sent, full.waiting, full.stopped), (0, 0, None));
    // A unit's record changed: every document is built (scopes may follow it).
    {
        let mut data = a.data.borrow_mut();
        let u = data
            .units
            .iter_mut()
            .find(|u| u.id.starts_with("village:"))
            .unwrap();
        if let ntm::domain::units::Unit::Village(v) = &mut u.data {
            v.name = format!("{} mới", v.name);
        }
        u.stamp = stamp("phone-a", NOW - 500);
        let entry = ntm::domain::history::HistoryEntry::new(
            ntm::domain::history::EditTarget::Unit { id: u.id.clone() },
            None,
            Some(serde_json::json!({"data": u.data, "archived": false})),
            u.stamp.clone(),
        );
        data.history.push(entry);
    }
    let renamed = run(&a, &server, "phone-a");
    assert_eq!(renamed.sent, 1);
    assert!(renamed.built > 10_000, "{}", renamed.built);
    let quiet = run(&a, &server, "phone-a");
    assert!(quiet.built < 10, "back to what changed: {}", quiet.built);
    // A file of an early version: a value without the history entry that wrote it. The
    // change log cannot name it, so the next push builds every document — and sends it.
    let mut old_file = Dataset::default();
    let mut changed = a.data.borrow().assessments[21].clone();
    let code = changed.values.keys().next().cloned().expect("a value");
    changed.marks.clear();
    changed.values.retain(|c, _| *c == code);
    let v = changed.values.get_mut(&code).unwrap();
    v.value = Entry::of(IndicatorValue::Number(777.0));
    v.stamp = stamp("an-old-phone", NOW - 100);
    old_file.assessments.push(changed);
    let preview = block_on(a.preview_import(&old_file, &ImportRule::Judged)).unwrap();
    assert!(preview.plan.unlogged);
    let record = ntm::exchange::ImportRecord {
        at_ms: NOW as f64,
        file_name: "cu.json".into(),
        sender: ntm::exchange::Sender {
            device: "an-old-phone".into(),
            name: "Máy cũ".into(),
            role: None,
            unit: None,
        },
        created_at: String::new(),
        hash: String::new(),
        counts: preview.plan.counts,
        outside_taken: 0,
        outside_left: 0,
    };
    block_on(a.import(&preview, record, &[], &author("phone-a"), &mut |_, _| {})).unwrap();
    let after_old_file = run(&a, &server, "phone-a");
    assert!(after_old_file.built > 10_000, "{}", after_old_file.built);
    assert_eq!(after_old_file.sent, 1, "the value without history went up");
}

#[test]
fn a_new_phone_takes_values_pulled_before_their_set_once_the_set_arrives() {
    // A province's values of its village set: the first push sends them in id order,
    // `commune:…`/`village:…` before `set#…`, so a new phone pulls pages of values whose
    // set it does not have yet.
    let s = stamp("origin", NOW - 86_400_000);
    let mut all = common::demo_dataset(7, &s);
    // The province's own copy of the national set, its communes assessed against it.
    let national = ntm::domain::criteria::builtin_sets()
        .into_iter()
        .find(|x| x.id == "QD318_2022_XA")
        .expect("built in");
    let own = ntm::domain::set_versions::derive_custom(
        &national,
        "p99-0f4e2a9c-1b7d-4c55-9f1e-2d3c4b5a6978",
        "QD318_TINH",
        "Bộ tiêu chí xã của tỉnh",
    );
    // Nine communes and their villages: still pages of values before the set.
    all.assessments
        .retain(|a| a.key.unit.key().contains("9900"));
    for a in all.assessments.iter_mut() {
        if a.key.set == national.set_id() {
            a.key.set = own.set_id();
        }
    }
    let village_set = ntm::domain::demo::generate(7, &s).results.sets;
    all.sets = common::set_records(std::iter::once(own).chain(village_set), &s);
    let village_values = all
        .assessments
        .iter()
        .filter(|a| all.sets.iter().any(|x| x.data.set_id() == a.key.set))
        .map(|a| a.values.len() + a.marks.len())
        .sum::<usize>();
    assert!(
        village_values > 500,
        "more than a page of them: {village_values}"
    );
    let a = MemoryStore::new(all, NOW);
    // The database as an earlier version filled it: every document written in id order
    // (this version sends sets and units first), so values come before their set.
    let db = Rc::new(RefCell::new(CouchModel::default()));
    let docs = ntm::domain::couch_docs::docs_of(&sorted(&a));
    let first_set = docs.iter().position(|d| d.id.starts_with("set#")).unwrap();
    assert!(
        first_set > 1_000,
        "pages of values before the set: {first_set}"
    );
    for o in ntm::domain::replication::outgoing(&docs, &Default::default()) {
        db.borrow_mut().write(&o.body()).unwrap();
    }
    let b = MemoryStore::new(Dataset::default(), NOW);
    let pulled = run(&b, &MemoryCouch::new(db.clone(), None), "phone-b");
    assert_eq!(pulled.stopped, None);
    assert_eq!(pulled.merged.rejected, 0, "{:?}", pulled.merged);
    let (got, want) = (sorted(&b).assessments, sorted(&a).assessments);
    let differ = want.iter().filter(|x| !got.contains(x)).count();
    assert_eq!(differ, 0, "{differ} of {} assessments left out", want.len());
    assert!(b.sync.borrow()[DB].unmerged.is_empty());
    // This version sends sets and units first: a pull meets them before their values.
    let fresh = Rc::new(RefCell::new(CouchModel::default()));
    run(&a, &MemoryCouch::new(fresh.clone(), None), "phone-a");
    let (order, _) = fresh.borrow().changes(0, usize::MAX);
    let at = |f: &dyn Fn(&str) -> bool| order.iter().position(|(id, _)| f(id)).unwrap();
    let set = at(&|id| id.starts_with("set#"));
    let value = at(&|id| id.contains("#mark:") || id.contains("#value:"));
    assert!(set < value, "the set at {set}, the first value at {value}");
}
