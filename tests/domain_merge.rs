//! Merging files between devices: random edit histories on three devices, files exchanged
//! in random orders and repeated, and syncs through a CouchDB server (a model of its
//! revision trees) interleaved with them; every device must end identical, and every
//! concurrent value that lost must be listed as a conflict (checked against an independent
//! model of who had seen what).

use std::collections::{BTreeMap, BTreeSet};

use ntm::app::memory::MemoryStore;
use ntm::app::memory_couch::{CouchModel, MemoryCouch};
use ntm::app::sync::{sync, SyncRequest, SyncState};
use ntm::domain::assessment::*;
use ntm::domain::criteria::SetLevel;
use ntm::domain::criteria::{builtin_sets, CriteriaSet, SetId};
use ntm::domain::history::{HistoryEntry, RecordBody};
use ntm::domain::merge::*;
use ntm::domain::recognition::{Recognition, Step};
use ntm::domain::resources::ResourceEntry;
use ntm::domain::sync::{Hlc, HlcClock, Record, Stamp};
use ntm::domain::units::{Commune, CommuneKind, Unit, UnitRef};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::json;

fn known(id: &SetId) -> Option<CriteriaSet> {
    builtin_sets().into_iter().find(|s| s.set_id() == *id)
}

fn key() -> AssessmentKey {
    AssessmentKey {
        unit: UnitRef::Commune("00001".into()),
        set: SetId {
            id: "QD318_2022_XA".into(),
            version: "1".into(),
        },
        period: Period::year(2025),
    }
}

fn commune(name: &str) -> Unit {
    Unit::Commune(Commune {
        code: "00001".into(),
        name: name.into(),
        kind: CommuneKind::Xa,
        province_code: "01".into(),
        legacy_district: None,
        region: None,
        group: None,
        village_set: None,
        archived: false,
    })
}

/// What the tests edit: two indicator values, one mark, the commune record, a
/// recognition step and a resource figure (records like the unit, schema 3).
#[derive(Clone, Copy, Debug)]
enum Target {
    Value(usize),
    Mark,
    Unit,
    Recognition,
    Resource,
}

/// A record edit as the store makes it: the record replaced, a history entry whose base
/// is what this device had of it.
fn record_edit<T: serde::Serialize + Clone>(
    history: &[HistoryEntry],
    list: &mut Vec<Record<T>>,
    target: ntm::domain::history::EditTarget,
    data: T,
    archived: bool,
    stamp: Stamp,
) -> HistoryEntry {
    let id = match &target {
        ntm::domain::history::EditTarget::Unit { id }
        | ntm::domain::history::EditTarget::Recognition { id }
        | ntm::domain::history::EditTarget::Resource { id } => id.clone(),
        other => panic!("not a record: {other:?}"),
    };
    let rk = target.record_key();
    let pos = list.iter().position(|u| u.id == id);
    let old = pos.map(|p| list.remove(p));
    let entries: Vec<&HistoryEntry> = history.iter().filter(|h| h.record_key == rk).collect();
    let base = base_for(&entries, old.as_ref().map(|o| &o.stamp));
    let record = Record {
        id,
        data,
        stamp: stamp.clone(),
        archived,
    };
    let mut h = HistoryEntry::new(
        target,
        old.as_ref().map(body_json),
        Some(body_json(&record)),
        stamp,
    );
    h.base = Some(base);
    list.push(record);
    h
}

fn recognition(n: u8) -> Recognition {
    let steps = [
        Step::Registered,
        Step::Appraised,
        Step::Recognised,
        Step::Withdrawn,
    ];
    let step = steps[usize::from(n) % 4];
    Recognition {
        id: "rec-1".into(),
        unit: UnitRef::Commune("00001".into()),
        level: SetLevel::XaNtm,
        step,
        target_year: (step == Step::Registered).then_some(2025),
        date: chrono::NaiveDate::from_ymd_opt(2025, 1, u32::from(n) + 1).unwrap(),
        decision_no: format!("{n}/QĐ-UBND"),
        issuer: String::new(),
        note: String::new(),
    }
}

fn resource(n: u8) -> ResourceEntry {
    let unit = UnitRef::Commune("00001".into());
    ResourceEntry {
        id: ResourceEntry::record_id(&unit, Period::year(2025), "road_upgraded"),
        unit,
        period: Period::year(2025),
        quantity: "road_upgraded".into(),
        value: f64::from(n) / 2.0,
        source: String::new(),
        note: String::new(),
    }
}

const VALUE_CODES: [&str; 2] = ["3.x1", "3.x2"];

#[derive(Clone, Debug)]
struct Device {
    id: String,
    data: Dataset,
    clock: HlcClock,
    /// What it last exchanged with the server (per document, the change sequence, the
    /// conflicts' leaves to close), as the app keeps it.
    synced: SyncState,
}

/// The server's database, as the devices name it.
/// The database of the test commune's province (01): its official syncs.
const DB: &str = "/db/ntm-01";

impl Device {
    fn new(id: &str) -> Self {
        Self {
            id: id.into(),
            data: Dataset::default(),
            clock: HlcClock::default(),
            synced: SyncState::default(),
        }
    }

    /// A sync as the app runs it (`app::sync::sync`, on an in-memory device holding this
    /// device's data): pull every leaf it does not know and merge them as files (a
    /// conflict's leaves one after the other), push what changed as new revisions
    /// (`new_edits: false`) and close the other leaves of the conflicts it merged.
    fn sync(&mut self, server: &MemoryCouch, now: u64) {
        let store = MemoryStore::new(std::mem::take(&mut self.data), now);
        store.clock.set(self.clock.last());
        store
            .sync
            .borrow_mut()
            .insert(DB.into(), std::mem::take(&mut self.synced));
        let author = ntm::store::Author {
            name: format!("người {}", self.id),
            device: self.id.clone(),
        };
        let request = SyncRequest::new(DB, &author, now as f64);
        let report = futures::executor::block_on(sync(&store, server, &request, |_| {}));
        assert_eq!(report.stopped, None, "{report:?}");
        self.clock.observe(store.clock.get(), now);
        self.synced = store.sync.borrow_mut().remove(DB).unwrap_or_default();
        self.data = store.data.into_inner();
    }

    fn stamp(&mut self, now: u64) -> Stamp {
        Stamp {
            hlc: self.clock.tick(now),
            device: self.id.clone(),
            author: format!("người {}", self.id),
        }
    }

    fn entries(&self, record_key: &str) -> Vec<&HistoryEntry> {
        self.data
            .history
            .iter()
            .filter(|h| h.record_key == record_key)
            .collect()
    }

    /// A local edit as the store makes it: value, history entry with its base.
    fn edit(&mut self, now: u64, target: Target, n: u8) -> HistoryEntry {
        let stamp = self.stamp(now);
        let mut entry = match target {
            Target::Value(_) | Target::Mark => {
                let pos = self.data.assessments.iter().position(|a| a.key == key());
                let mut a = match pos {
                    Some(p) => self.data.assessments.remove(p),
                    None => Assessment::new(key()),
                };
                let (record_key, current) = match target {
                    Target::Value(i) => (
                        format!("{}#value:{}", a.id(), VALUE_CODES[i]),
                        a.values.get(VALUE_CODES[i]).map(|v| v.stamp.clone()),
                    ),
                    _ => (
                        format!("{}#mark:1", a.id()),
                        a.marks.get("1").map(|v| v.stamp.clone()),
                    ),
                };
                let base = base_for(&self.entries(&record_key), current.as_ref());
                let mut h = match target {
                    Target::Value(i) => {
                        let entry = if n == 0 {
                            Entry::cleared()
                        } else {
                            Entry::of(IndicatorValue::Number(f64::from(n)))
                        };
                        a.set_value(VALUE_CODES[i], entry, stamp)
                    }
                    _ => a.set_mark(
                        "1",
                        Entry::of(if n.is_multiple_of(2) {
                            CriterionMark::Met
                        } else {
                            CriterionMark::NotMet
                        }),
                        stamp,
                    ),
                };
                h.base = Some(base);
                self.data.assessments.push(a);
                h
            }
            Target::Unit => record_edit(
                &self.data.history,
                &mut self.data.units,
                unit_target("commune:00001"),
                commune(&format!("Xã {n}")),
                n.is_multiple_of(5),
                stamp,
            ),
            Target::Recognition => record_edit(
                &self.data.history,
                &mut self.data.recognitions,
                recognition_target("rec-1"),
                recognition(n),
                false,
                stamp,
            ),
            Target::Resource => {
                let r = resource(n);
                record_edit(
                    &self.data.history,
                    &mut self.data.resources,
                    resource_target(&r.id.clone()),
                    r,
                    false,
                    stamp,
                )
            }
        };
        entry.base.get_or_insert_with(Vec::new);
        self.data.history.push(entry.clone());
        entry
    }

    fn export(&self, since: Option<Hlc>) -> Dataset {
        select(&self.data, &ExportScope::All, since)
    }

    fn receive(&mut self, file: &Dataset, now: u64) -> MergePlan {
        let plan = plan_merge(&self.data, file, known);
        apply(&mut self.data, &plan);
        if let Some(h) = plan.max_hlc {
            self.clock.observe(h, now);
        }
        plan
    }

    fn sorted(&self) -> Dataset {
        let mut d = self.data.clone();
        d.sort();
        d
    }
}

#[derive(Clone, Debug)]
enum Op {
    Edit {
        device: usize,
        target: Target,
        value: u8,
        dt: u64,
    },
    Send {
        from: usize,
        to: usize,
        partial: bool,
        twice: bool,
    },
    /// A device syncs with the server.
    Sync { device: usize },
}

fn op() -> impl Strategy<Value = Op> {
    let target = prop_oneof![
        (0usize..2).prop_map(Target::Value),
        Just(Target::Mark),
        Just(Target::Unit),
        Just(Target::Recognition),
        Just(Target::Resource),
    ];
    prop_oneof![
        3 => (0usize..3, target, 0u8..6, 0u64..3).prop_map(|(device, target, value, dt)| Op::Edit { device, target, value, dt }),
        2 => (0usize..3, 0usize..3, any::<bool>(), any::<bool>()).prop_map(|(from, to, partial, twice)| Op::Send { from, to, partial, twice }),
        1 => (0usize..3).prop_map(|device| Op::Sync { device }),
    ]
}

/// Sends everything between every pair until nothing changes (two rounds suffice).
fn sync_all(devices: &mut [Device], now: u64) {
    for _ in 0..2 {
        for from in 0..devices.len() {
            for to in 0..devices.len() {
                if from != to {
                    let file = devices[from].export(None);
                    devices[to].receive(&file, now);
                }
            }
        }
    }
}

/// The conflicts an independent model expects: per value, edits no later edit was built
/// on (by a device that had them), whose value differs from the current one.
fn expected_conflicts(
    edits: &[(HistoryEntry, BTreeSet<(Hlc, String)>)],
    data: &Dataset,
) -> BTreeSet<(String, String)> {
    let current = data.current_values();
    let mut out = BTreeSet::new();
    for (e, _) in edits {
        let seen_later = edits.iter().any(|(other, seen)| {
            other.record_key == e.record_key
                && seen.contains(&(e.stamp.hlc, e.stamp.device.clone()))
        });
        let (cv, cs) = &current[&e.record_key];
        if !seen_later && e.stamp.order_key() != cs.order_key() && e.new.as_ref() != Some(cv) {
            out.insert((e.record_key.clone(), e.new.clone().unwrap().to_string()));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn three_devices_converge_and_keep_every_concurrent_value(ops in proptest::collection::vec(op(), 1..40)) {
        let mut devices = [Device::new("dev-a"), Device::new("dev-b"), Device::new("dev-c")];
        // 2026-05-29: stamps must be real dates for the server's rules (after 2015).
        let mut now = 1_780_000_000_000u64;
        // Every edit made, with the edits of the same value its device had when making it.
        let mut edits: Vec<(HistoryEntry, BTreeSet<(Hlc, String)>)> = Vec::new();
        let mut last_sent: BTreeMap<(usize, usize), Hlc> = BTreeMap::new();
        let server = MemoryCouch::as_user(
            std::rc::Rc::new(std::cell::RefCell::new(CouchModel::default())),
            "01",
            vec!["province:01".into(), "province-official:01".into()],
        );
        for op in ops {
            match op {
                Op::Edit { device, target, value, dt } => {
                    now += dt;
                    let d = &mut devices[device];
                    let before: Vec<(String, Hlc, String)> =
                        d.data.history.iter().map(|h| (h.record_key.clone(), h.stamp.hlc, h.stamp.device.clone())).collect();
                    let e = d.edit(now, target, value);
                    let seen = before.into_iter().filter(|(k, _, _)| *k == e.record_key).map(|(_, h, d)| (h, d)).collect();
                    edits.push((e, seen));
                }
                Op::Send { from, to, partial, twice } => {
                    if from == to { continue; }
                    let since = if partial { last_sent.get(&(from, to)).copied() } else { None };
                    let file = devices[from].export(since);
                    if let Some(h) = devices[from].data.max_hlc() {
                        last_sent.insert((from, to), h);
                    }
                    devices[to].receive(&file, now);
                    if twice {
                        let again = devices[to].receive(&file, now);
                        prop_assert!(again.is_noop(), "a file imported twice changes nothing");
                        prop_assert!(!again.counts.changes_values());
                    }
                }
                Op::Sync { device } => devices[device].sync(&server, now),
            }
        }
        // Through the server alone, every device ends with everything (three rounds: a
        // device's merge of the others' values goes out in the round after it pulled them).
        for _ in 0..3 {
            for d in devices.iter_mut() {
                d.sync(&server, now);
            }
        }
        let by_sync: Vec<Dataset> = devices.iter().map(Device::sorted).collect();
        // Once the devices agree, the server's conflicts are closed by the devices that
        // merged them, within a few more syncs (a closing goes out with the next push).
        let open = |server: &MemoryCouch| -> Vec<(String, usize)> {
            server.db.borrow().live_leaves().into_iter().filter(|(_, n)| *n > 1).collect()
        };
        for _ in 0..4 {
            if open(&server).is_empty() {
                break;
            }
            for d in devices.iter_mut() {
                d.sync(&server, now);
            }
        }
        prop_assert!(open(&server).is_empty(), "conflicts left open on the server: {:?}", open(&server));
        prop_assert_eq!(&devices[0].sorted(), &by_sync[0], "closing changed no data");
        prop_assert_eq!(&by_sync[0], &by_sync[1]);
        prop_assert_eq!(&by_sync[0], &by_sync[2]);
        // A round of syncs with no edit anywhere writes no revision: every phone that
        // merged the same values holds the same documents, to the byte.
        let written = server.db.borrow().writes();
        for d in devices.iter_mut() {
            d.sync(&server, now);
        }
        prop_assert_eq!(server.db.borrow().writes(), written, "a sync with no edit wrote revisions");
        // And files after it change nothing: sync and files give the same data, and the
        // files' merges (in their own order) make no document the server lacks.
        sync_all(&mut devices, now);
        let a = devices[0].sorted();
        prop_assert_eq!(&a, &by_sync[0]);
        prop_assert_eq!(&a, &devices[1].sorted());
        prop_assert_eq!(&a, &devices[2].sorted());
        for d in devices.iter_mut() {
            d.sync(&server, now);
        }
        prop_assert_eq!(server.db.borrow().writes(), written, "a sync after files wrote revisions");

        // Every edit ever made is in the history.
        for (e, _) in &edits {
            prop_assert!(a.history.iter().any(|h| h.record_key == e.record_key
                && h.stamp.order_key() == e.stamp.order_key() && h.new == e.new));
        }
        // The current value of each is the last writer's.
        let current = a.current_values();
        for (e, _) in &edits {
            let last = edits.iter().filter(|(o, _)| o.record_key == e.record_key).map(|(o, _)| o).max_by(|x, y| x.stamp.cmp(&y.stamp)).unwrap();
            prop_assert_eq!(current[&e.record_key].1.order_key(), last.stamp.order_key());
        }
        // Conflicts: exactly the concurrent losers, the same on every device.
        let conflicts = open_conflicts(&a);
        let found: BTreeSet<(String, String)> = conflicts.iter().map(|c| (c.other.record_key.clone(), c.other.new.clone().unwrap().to_string())).collect();
        prop_assert_eq!(found, expected_conflicts(&edits, &a));

        // The page is handed them as JSON by the worker that works them out: unchanged.
        let handed: Vec<ntm::domain::merge::Conflict> =
            serde_json::from_str(&serde_json::to_string(&conflicts).unwrap()).unwrap();
        prop_assert_eq!(&handed, &conflicts);
        prop_assert_eq!(conflicts, open_conflicts(&devices[1].sorted()));
    }

    #[test]
    fn merging_is_commutative(ops in proptest::collection::vec(op(), 1..30)) {
        let mut devices = [Device::new("dev-a"), Device::new("dev-b"), Device::new("dev-c")];
        // 2026-05-29: stamps must be real dates for the server's rules (after 2015).
        let mut now = 1_780_000_000_000u64;
        for op in ops {
            if let Op::Edit { device, target, value, dt } = op {
                now += dt;
                devices[device].edit(now, target, value);
            }
        }
        let (fb, fc) = (devices[1].export(None), devices[2].export(None));
        let mut x = devices[0].clone();
        x.receive(&fb, now);
        x.receive(&fc, now);
        let mut y = devices[0].clone();
        y.receive(&fc, now);
        y.receive(&fb, now);
        prop_assert_eq!(x.sorted(), y.sorted());
    }
}

#[test]
fn the_random_histories_do_produce_conflicts() {
    // The property above would pass vacuously if histories never conflicted: check they do.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut with_conflicts = 0;
    for _ in 0..100 {
        let ops = proptest::collection::vec(op(), 10..40)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let mut devices = [Device::new("a"), Device::new("b"), Device::new("c")];
        let mut now = 0;
        for op in ops {
            match op {
                Op::Edit {
                    device,
                    target,
                    value,
                    dt,
                } => {
                    now += dt;
                    devices[device].edit(now, target, value);
                }
                Op::Send { from, to, .. } if from != to => {
                    let f = devices[from].export(None);
                    devices[to].receive(&f, now);
                }
                Op::Send { .. } | Op::Sync { .. } => {}
            }
        }
        sync_all(&mut devices, now);
        if !open_conflicts(&devices[0].data).is_empty() {
            with_conflicts += 1;
        }
    }
    assert!(
        with_conflicts > 20,
        "only {with_conflicts} of 100 histories had conflicts"
    );
}

#[test]
fn a_concurrent_edit_is_a_conflict_and_resolving_it_clears_it() {
    let mut head = Device::new("village-head");
    let mut official = Device::new("official");
    head.edit(10, Target::Value(0), 3);
    official.receive(&head.export(None), 11);
    // Both change the same value without seeing each other's edit.
    head.edit(20, Target::Value(0), 4);
    official.edit(21, Target::Value(0), 5);

    let plan = head.receive(&official.export(None), 22);
    assert_eq!(plan.counts.conflicts, 1);
    assert_eq!(plan.lines[0].kind, LineKind::Conflict);
    let conflicts = open_conflicts(&head.data);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        conflicts[0].other.new,
        Some(json!({"value": {"type": "number", "value": 4.0}}))
    );
    assert_eq!(conflicts[0].other.stamp.device, "village-head");

    // The official receives the head's file: same result there. The official's own value
    // is unchanged; the conflict comes from the head's history, and is counted.
    let back = official.receive(&head.export(None), 23);
    assert_eq!(back.counts.conflicts, 1);
    assert_eq!(
        back.lines
            .iter()
            .filter(|l| l.kind == LineKind::Conflict)
            .count(),
        1
    );
    assert_eq!(open_conflicts(&official.data), conflicts);

    // Reinstating the losing value is a new edit that lists both in its base.
    head.edit(30, Target::Value(0), 4);
    assert!(open_conflicts(&head.data).is_empty());
    let plan = official.receive(&head.export(None), 31);
    assert_eq!(plan.counts.updated, 1);
    assert!(open_conflicts(&official.data).is_empty());
    assert_eq!(head.sorted(), official.sorted());

    // And again: nothing to do.
    let again = official.receive(&head.export(None), 32);
    assert!(again.is_noop());
    assert_eq!(again.counts.new + again.counts.updated, 0);
}

#[test]
fn a_sequential_edit_is_an_update_not_a_conflict() {
    let mut a = Device::new("a");
    let mut b = Device::new("b");
    a.edit(10, Target::Unit, 1);
    b.receive(&a.export(None), 11);
    b.edit(12, Target::Unit, 2);
    let plan = a.receive(&b.export(None), 13);
    assert_eq!(plan.counts.updated, 1);
    assert_eq!(plan.counts.conflicts, 0);
    assert!(open_conflicts(&a.data).is_empty());
    // The old file arriving late is older and ignored.
    let mut c = Device::new("c");
    c.edit(5, Target::Unit, 3);
    let mut a_copy = a.clone();
    let stale = a_copy.receive(&c.export(None), 14);
    assert_eq!(
        stale.counts.conflicts, 1,
        "c's edit was concurrent: kept as conflict"
    );
}

#[test]
fn values_without_history_are_kept_when_they_lose() {
    // Demo data: values with stamps but no history entries.
    let demo = Stamp {
        hlc: Hlc {
            wall_ms: 1,
            counter: 0,
        },
        device: "demo".into(),
        author: "Dữ liệu mẫu".into(),
    };
    let mut a = Assessment::new(key());
    a.set_value("3.x1", Entry::of(IndicatorValue::Number(60.0)), demo);
    let mut local = Dataset {
        assessments: vec![a],
        ..Dataset::default()
    };
    let mut other = Device::new("other");
    other.edit(50, Target::Value(0), 2);
    let plan = plan_merge(&local, &other.export(None), known);
    assert_eq!(plan.counts.conflicts, 1);
    apply(&mut local, &plan);
    let conflicts = open_conflicts(&local);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        conflicts[0].other.new,
        Some(json!({"value": {"type": "number", "value": 60.0}}))
    );
}

#[test]
fn unusable_values_are_rejected_with_their_reason_and_history_left_out() {
    let mut dev = Device::new("x");
    dev.edit(10, Target::Value(0), 3);
    let mut file = dev.export(None);
    file.assessments[0].key.set.version = "9".into();
    let copied = file.assessments[0].values["3.x1"].clone();
    file.assessments[0].values.insert("99.9".into(), copied);
    let plan = plan_merge(&Dataset::default(), &file, known);
    assert_eq!(plan.counts.rejected, 2);
    assert!(matches!(
        plan.lines[0].reject,
        Some(RejectReason::UnknownSet(_))
    ));
    assert!(plan.writes.assessments.is_empty());

    let mut file = dev.export(None);
    let copied = file.assessments[0].values["3.x1"].clone();
    file.assessments[0].values.insert("99.9".into(), copied);
    let plan = plan_merge(&Dataset::default(), &file, known);
    assert_eq!(plan.counts.new, 1);
    assert_eq!(plan.counts.rejected, 1);
    assert!(matches!(
        &plan.lines.iter().find(|l| l.kind == LineKind::Rejected).unwrap().reject,
        Some(RejectReason::UnknownCode { code, .. }) if code == "99.9"
    ));
}

#[test]
fn export_scope_and_since_select_the_right_part() {
    let mut d = Device::new("d");
    d.edit(10, Target::Unit, 1);
    d.edit(11, Target::Value(0), 1);
    let mid = d.clock.last();
    d.edit(12, Target::Value(1), 2);
    let all = d.export(None);
    assert_eq!(all.units.len(), 1);
    assert_eq!(all.history.len(), 3);
    let since = d.export(Some(mid));
    assert!(since.units.is_empty());
    assert_eq!(since.assessments[0].values.len(), 1);
    assert_eq!(since.history.len(), 1);
    let other = select(&d.data, &ExportScope::Commune("00002".into()), None);
    assert!(other.is_empty());
    let same = select(&d.data, &ExportScope::Province("01".into()), None);
    assert_eq!(same, all);
    // Records are kept whole in history bodies.
    let body: RecordBody<Unit> = serde_json::from_value(
        all.history
            .iter()
            .find(|h| h.record_key == "unit#commune:00001")
            .and_then(|h| h.new.clone())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(body.data.name(), "Xã 1");
}

#[test]
fn a_large_import_lists_a_bounded_number_of_new_values_and_counts_the_rest() {
    let stamp = Stamp {
        hlc: Hlc {
            wall_ms: 1_700_000_000_000,
            counter: 0,
        },
        device: "far".into(),
        author: "Xa".into(),
    };
    let extra = 50;
    let mut incoming = Dataset::default();
    for i in 0..MAX_NEW_LINES + extra {
        let mut a = Assessment::new(AssessmentKey {
            unit: UnitRef::Commune(format!("{:05}", i + 1)),
            ..key()
        });
        a.set_value(
            "3.x1",
            Entry::of(IndicatorValue::Number(80.0)),
            stamp.clone(),
        );
        a.set_mark("1", Entry::of(CriterionMark::Met), stamp.clone());
        incoming.assessments.push(a);
    }
    let plan = plan_merge(&Dataset::default(), &incoming, known);
    let all = 2 * (MAX_NEW_LINES + extra);
    assert_eq!(plan.counts.new, all, "every value is counted");
    assert_eq!(
        plan.writes.assessments.len(),
        MAX_NEW_LINES + extra,
        "and written"
    );
    assert_eq!(plan.lines.len(), MAX_NEW_LINES);
    assert!(plan.lines.iter().all(|l| l.kind == LineKind::New));
    assert_eq!(plan.unlisted_new_total(), all - MAX_NEW_LINES);
    // The unlisted ones are the last units' values (lines keep a stable order).
    let last = format!("commune:{:05}", MAX_NEW_LINES + extra);
    assert_eq!(plan.unlisted_new.get(&Some(last.clone())), Some(&2));
    assert_eq!(plan.unlisted_new_in(Some(&last)), 2);
    assert_eq!(plan.unlisted_new_in(None), all - MAX_NEW_LINES);
    assert!(!plan
        .unlisted_new
        .contains_key(&Some("commune:00001".to_string())));

    // Changed values are always all listed, however many there are.
    let mut changed = incoming.clone();
    for a in &mut changed.assessments {
        let later = Stamp {
            hlc: Hlc {
                wall_ms: 1_700_000_000_001,
                counter: 0,
            },
            ..stamp.clone()
        };
        a.set_value("3.x1", Entry::of(IndicatorValue::Number(90.0)), later);
    }
    let mut here = Dataset::default();
    apply(&mut here, &plan);
    let again = plan_merge(&here, &changed, known);
    // (Without history on either side, two different values are concurrent: conflicts.)
    assert_eq!(
        again.counts.updated + again.counts.conflicts,
        MAX_NEW_LINES + extra
    );
    assert_eq!(again.lines.len(), MAX_NEW_LINES + extra);
    assert!(again.lines.iter().all(|l| l.kind != LineKind::New));
    assert!(again.unlisted_new.is_empty());
}

/// A plan says when it writes a change the history does not record: the sync then builds
/// every document (a history-less value is invisible to its change log).
#[test]
fn a_plan_says_when_it_writes_a_change_no_history_entry_records() {
    let stamp = |wall_ms: u64, device: &str| Stamp {
        hlc: Hlc {
            wall_ms,
            counter: 0,
        },
        device: device.into(),
        author: format!("người {device}"),
    };
    // A device holding a value loaded without history (as the demo, or an old file).
    let mut local = Dataset::default();
    let mut a = Assessment::new(key());
    a.values.insert(
        "3.x1".into(),
        ntm::domain::sync::Versioned::new(
            Entry::of(IndicatorValue::Number(1.0)),
            stamp(1_780_000_000_000, "old"),
        ),
    );
    a.values.insert(
        "3.x2".into(),
        ntm::domain::sync::Versioned::new(
            Entry::of(IndicatorValue::Number(2.0)),
            stamp(1_780_000_000_000, "old"),
        ),
    );
    local.assessments.push(a.clone());
    // The same data again: nothing written differs.
    assert!(!plan_merge(&local, &local.clone(), known).unlogged);
    // One value edited with its history entry, the other untouched without history.
    let mut edited = a.clone();
    let h = edited.set_value(
        "3.x1",
        Entry::of(IndicatorValue::Number(5.0)),
        stamp(1_780_000_100_000, "b"),
    );
    let file = Dataset {
        assessments: vec![edited.clone()],
        history: vec![h],
        ..Dataset::default()
    };
    let plan = plan_merge(&local, &file, known);
    assert!(!plan.is_noop());
    assert!(!plan.unlogged, "the change is in the history it brings");
    // A value changed without its history entry.
    let mut bare = a.clone();
    bare.values.get_mut("3.x2").unwrap().value = Entry::of(IndicatorValue::Number(9.0));
    bare.values.get_mut("3.x2").unwrap().stamp = stamp(1_780_000_200_000, "c");
    let file = Dataset {
        assessments: vec![bare],
        ..Dataset::default()
    };
    assert!(plan_merge(&local, &file, known).unlogged);
}
