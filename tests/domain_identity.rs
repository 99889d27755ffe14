//! Identities under random multi-device histories (property tests):
//! - the versions of a criteria set made on several devices merge to the same lineage in
//!   any order, and every version keeps the content its id says;
//! - a mark never changes criterion through any merge (two devices editing one version
//!   make two versions; assessments read against the version they were made with) or the
//!   upgrade of version-1 data;
//! - village merges converge whatever order files come in, and lose no value.

use std::collections::{BTreeMap, BTreeSet};

use ntm::domain::assessment::*;
use ntm::domain::criteria::{
    apply_edit, builtin_sets, derive_custom, CriteriaSet, Criterion, SetEdit, Source,
};
use ntm::domain::history::HistoryEntry;
use ntm::domain::merge::*;
use ntm::domain::set_versions::{content_matches_id, heads, settle};
use ntm::domain::sync::{HlcClock, Record, Stamp};
use ntm::domain::units::*;
use ntm::domain::workspace::Workspace;
use proptest::prelude::*;
use serde_json::json;

const LINEAGE: &str = "lineage-thon-x";

fn template() -> CriteriaSet {
    builtin_sets()
        .into_iter()
        .find(|s| s.code == "MAU_THON_NTM")
        .unwrap()
}

fn criterion(id: &str, code: &str, name: &str) -> Criterion {
    Criterion {
        id: id.into(),
        code: code.into(),
        name: name.into(),
        group: None,
        indicators: vec![],
        auto: None,
        source: Source {
            citation: "QĐ tỉnh".into(),
            ..Default::default()
        },
        verified: false,
    }
}

/// Version 2 of the lineage, made on the first device and sent to all before the test.
fn first_version() -> CriteriaSet {
    let v1 = derive_custom(&template(), LINEAGE, "THON_X", "Thôn tỉnh X");
    apply_edit(
        &v1,
        SetEdit::AddCriterion(criterion("k-gt", "1", "Giao thông")),
    )
    .unwrap()
}

#[derive(Clone, Debug)]
struct Device {
    id: String,
    data: Dataset,
    clock: HlcClock,
    now: u64,
}

impl Device {
    fn new(id: &str) -> Self {
        Self {
            id: id.into(),
            data: Dataset::default(),
            clock: HlcClock::default(),
            now: 1_000,
        }
    }

    fn stamp(&mut self) -> Stamp {
        self.now += 7;
        Stamp {
            hlc: self.clock.tick(self.now),
            device: self.id.clone(),
            author: self.id.clone(),
        }
    }

    /// Writes a record as the store does: the record and its history entry with its base.
    fn put<T: serde::Serialize + Clone>(
        list: &mut Vec<Record<T>>,
        history: &mut Vec<HistoryEntry>,
        target: fn(&str) -> ntm::domain::history::EditTarget,
        record: Record<T>,
    ) {
        let old = list
            .iter()
            .position(|r| r.id == record.id)
            .map(|p| list.remove(p));
        let key = target(&record.id).record_key();
        let entries: Vec<&HistoryEntry> = history.iter().filter(|h| h.record_key == key).collect();
        let mut h = HistoryEntry::new(
            target(&record.id),
            old.as_ref().map(body_json),
            Some(body_json(&record)),
            record.stamp.clone(),
        );
        h.base = Some(base_for(&entries, old.as_ref().map(|o| &o.stamp)));
        history.push(h);
        list.push(record);
    }

    fn save_set(&mut self, set: CriteriaSet) {
        let stamp = self.stamp();
        let record = Record {
            id: set.set_id().to_string(),
            data: set,
            stamp,
            archived: false,
        };
        Self::put(
            &mut self.data.sets,
            &mut self.data.history,
            set_target,
            record,
        );
    }

    fn save_unit(&mut self, unit: Unit) {
        let stamp = self.stamp();
        let record = Record {
            id: unit.unit_ref().key(),
            data: unit,
            stamp,
            archived: false,
        };
        Self::put(
            &mut self.data.units,
            &mut self.data.history,
            unit_target,
            record,
        );
    }

    /// The version this device edits next: the first of its current versions.
    fn head(&self) -> CriteriaSet {
        let versions: Vec<&CriteriaSet> = self.data.sets.iter().map(|r| &r.data).collect();
        heads(&versions)[0].clone()
    }

    fn mark(&mut self, key: AssessmentKey, criterion: &str, value: CriterionMark) -> HistoryEntry {
        let stamp = self.stamp();
        let pos = self.data.assessments.iter().position(|a| a.key == key);
        let mut a = pos
            .map(|p| self.data.assessments.remove(p))
            .unwrap_or_else(|| Assessment::new(key));
        let current = a.marks.get(criterion).map(|v| v.stamp.clone());
        let rk = format!("{}#mark:{criterion}", a.id());
        let entries: Vec<&HistoryEntry> = self
            .data
            .history
            .iter()
            .filter(|h| h.record_key == rk)
            .collect();
        let base = base_for(&entries, current.as_ref());
        let mut h = a.set_mark(criterion, Entry::of(value), stamp);
        h.base = Some(base);
        self.data.history.push(h.clone());
        self.data.assessments.push(a);
        h
    }

    fn receive(&mut self, file: &Dataset) {
        let plan = plan_merge(&self.data, file, known_set(&self.data));
        apply(&mut self.data, &plan);
        if let Some(h) = plan.max_hlc {
            self.clock.observe(h, self.now);
        }
    }

    fn sorted(&self) -> Dataset {
        let mut d = self.data.clone();
        d.sort();
        d
    }
}

fn sync_all(devices: &mut [Device]) {
    for _ in 0..2 {
        for from in 0..devices.len() {
            for to in 0..devices.len() {
                if from != to {
                    let file = select(&devices[from].data, &ExportScope::All, None);
                    devices[to].receive(&file);
                }
            }
        }
    }
}

#[derive(Clone, Debug)]
enum SetOp {
    /// Adds a criterion (id made on the device) to the device's current version.
    Add {
        device: usize,
        n: u8,
    },
    /// Renumbers and renames the first criterion of the device's current version.
    Renumber {
        device: usize,
        n: u8,
    },
    /// Settles on the device's current version when it sees parallel ones.
    Settle {
        device: usize,
    },
    /// Marks criterion `which` of the device's current version, for village `village`.
    Mark {
        device: usize,
        village: usize,
        which: usize,
        met: bool,
    },
    Send {
        from: usize,
        to: usize,
    },
}

fn set_op() -> impl Strategy<Value = SetOp> {
    prop_oneof![
        2 => (0usize..3, 0u8..50).prop_map(|(device, n)| SetOp::Add { device, n }),
        1 => (0usize..3, 0u8..50).prop_map(|(device, n)| SetOp::Renumber { device, n }),
        1 => (0usize..3).prop_map(|device| SetOp::Settle { device }),
        2 => (0usize..3, 0usize..2, 0usize..4, any::<bool>()).prop_map(|(device, village, which, met)| SetOp::Mark { device, village, which, met }),
        3 => (0usize..3, 0usize..3).prop_map(|(from, to)| SetOp::Send { from, to }),
    ]
}

fn period() -> Period {
    Period::year(2026)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn set_lineages_converge_and_marks_stay_on_their_criterion(ops in proptest::collection::vec(set_op(), 1..40)) {
        let mut devices = [Device::new("dev-a"), Device::new("dev-b"), Device::new("dev-c")];
        devices[0].save_set(first_version());
        sync_all(&mut devices);
        // Every mark made, with the name of the criterion the marking device saw.
        let mut marks: Vec<(String, String, String, CriterionMark)> = Vec::new();
        for op in ops {
            match op {
                SetOp::Add { device, n } => {
                    let d = &mut devices[device];
                    let head = d.head();
                    let id = format!("k-{}-{n}", d.id);
                    if head.criterion(&id).is_none() {
                        let code = (head.criteria.len() + 1).to_string();
                        let next = apply_edit(&head, SetEdit::AddCriterion(criterion(&id, &code, &format!("Tiêu chí {n}")))).unwrap();
                        d.save_set(next);
                    }
                }
                SetOp::Renumber { device, n } => {
                    let d = &mut devices[device];
                    let head = d.head();
                    let c = head.criteria[0].clone();
                    let edit = SetEdit::EditCriterion { criterion: c.id.clone(), code: format!("{n}a"), name: format!("{} {n}", c.name), verified: false, source: c.source.clone() };
                    if let Ok(next) = apply_edit(&head, edit) {
                        d.save_set(next);
                    }
                }
                SetOp::Settle { device } => {
                    let d = &mut devices[device];
                    let versions: Vec<CriteriaSet> = d.data.sets.iter().map(|r| r.data.clone()).collect();
                    let refs: Vec<&CriteriaSet> = versions.iter().collect();
                    let hs = heads(&refs);
                    if hs.len() > 1 {
                        let next = settle(hs[0], &hs);
                        d.save_set(next);
                    }
                }
                SetOp::Mark { device, village, which, met } => {
                    let d = &mut devices[device];
                    let head = d.head();
                    let c = &head.criteria[which % head.criteria.len()];
                    let key = AssessmentKey { unit: UnitRef::Village(format!("v{village}")), set: head.set_id(), period: period() };
                    let value = if met { CriterionMark::Met } else { CriterionMark::NotMet };
                    let (cid, name) = (c.id.clone(), c.name.clone());
                    d.mark(key.clone(), &cid, value);
                    marks.push((key.id(), cid, name, value));
                }
                SetOp::Send { from, to } => {
                    if from != to {
                        let file = select(&devices[from].data, &ExportScope::All, None);
                        devices[to].receive(&file);
                    }
                }
            }
        }
        sync_all(&mut devices);
        let a = devices[0].sorted();
        prop_assert_eq!(&a, &devices[1].sorted());
        prop_assert_eq!(&a, &devices[2].sorted());
        // One lineage, every version's content the one its id names, the same heads.
        for r in &a.sets {
            prop_assert_eq!(&r.data.id, LINEAGE);
            prop_assert!(content_matches_id(&r.data));
        }
        let w = Workspace::new(vec![], a.assessments.clone(), a.sets.iter().map(|r| r.data.clone()).collect());
        prop_assert!(!w.heads(LINEAGE).is_empty());
        // Every mark is read against the criterion its author saw (same id, same name).
        for (assessment, cid, name, _) in &marks {
            let found = a.assessments.iter().find(|x| &x.id() == assessment).unwrap();
            let set = w.set(&found.key.set).unwrap();
            prop_assert_eq!(&set.criterion(cid).unwrap().name, name);
            let r = w.evaluate(found).unwrap();
            let outcome = r.criteria.iter().find(|c| &c.id == cid).unwrap().outcome;
            prop_assert_ne!(outcome, ntm::domain::evaluation::CriterionOutcome::Unknown);
        }
    }
}

#[derive(Clone, Debug)]
enum VillageOp {
    /// Village `from` is merged into village `into` (by this device).
    Merge {
        device: usize,
        from: usize,
        into: usize,
    },
    /// Undo a merge: village `v` is its own again.
    Unmerge {
        device: usize,
        v: usize,
    },
    Mark {
        device: usize,
        village: usize,
        criterion: usize,
        met: bool,
    },
    Send {
        from: usize,
        to: usize,
    },
}

const VILLAGES: usize = 4;

fn village_op() -> impl Strategy<Value = VillageOp> {
    prop_oneof![
        2 => (0usize..3, 0usize..VILLAGES, 0usize..VILLAGES).prop_map(|(device, from, into)| VillageOp::Merge { device, from, into }),
        1 => (0usize..3, 0usize..VILLAGES).prop_map(|(device, v)| VillageOp::Unmerge { device, v }),
        3 => (0usize..3, 0usize..VILLAGES, 0usize..2, any::<bool>()).prop_map(|(device, village, criterion, met)| VillageOp::Mark { device, village, criterion, met }),
        3 => (0usize..3, 0usize..3).prop_map(|(from, to)| VillageOp::Send { from, to }),
    ]
}

fn village(i: usize, into: Option<usize>) -> Unit {
    Unit::Village(Village {
        id: format!("v{i}"),
        commune_code: "00070".into(),
        name: format!("Thôn {i}"),
        kind: VillageKind::Thon,
        merged_into: into.map(|x| format!("v{x}")),
        archived: false,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn village_merges_converge_in_any_order_and_lose_no_value(ops in proptest::collection::vec(village_op(), 1..40)) {
        let mut devices = [Device::new("dev-a"), Device::new("dev-b"), Device::new("dev-c")];
        let set = first_version();
        devices[0].save_set(set.clone());
        for i in 0..VILLAGES {
            devices[0].save_unit(village(i, None));
        }
        sync_all(&mut devices);
        let key = |v: usize| AssessmentKey { unit: UnitRef::Village(format!("v{v}")), set: set.set_id(), period: period() };
        let codes = ["k-gt", "k-gt"];
        let mut made: BTreeSet<(String, String, u64, String)> = BTreeSet::new();
        for op in ops {
            match op {
                VillageOp::Merge { device, from, into } => {
                    if from != into {
                        devices[device].save_unit(village(from, Some(into)));
                    }
                }
                VillageOp::Unmerge { device, v } => devices[device].save_unit(village(v, None)),
                VillageOp::Mark { device, village, criterion, met } => {
                    let value = if met { CriterionMark::Met } else { CriterionMark::NotMet };
                    let h = devices[device].mark(key(village), codes[criterion], value);
                    made.insert((key(village).id(), codes[criterion].to_string(), h.stamp.hlc.wall_ms, h.stamp.device.clone()));
                }
                VillageOp::Send { from, to } => {
                    if from != to {
                        let file = select(&devices[from].data, &ExportScope::All, None);
                        devices[to].receive(&file);
                    }
                }
            }
        }
        sync_all(&mut devices);
        let a = devices[0].sorted();
        prop_assert_eq!(&a, &devices[1].sorted());
        prop_assert_eq!(&a, &devices[2].sorted());
        // Every device counts the same villages with the same values.
        let workspaces: Vec<Workspace> = devices.iter().map(|d| {
            Workspace::new(d.data.units.clone(), d.data.assessments.clone(), d.data.sets.iter().map(|r| r.data.clone()).collect())
        }).collect();
        let kept = |w: &Workspace| (0..VILLAGES).map(|i| w.kept_ref(&UnitRef::Village(format!("v{i}")))).collect::<Vec<_>>();
        prop_assert_eq!(kept(&workspaces[0]), kept(&workspaces[1]));
        prop_assert_eq!(kept(&workspaces[0]), kept(&workspaces[2]));
        let w = &workspaces[0];
        // Nothing lost: every mark made is still in history, and each stored assessment
        // keeps its latest values under its own village.
        for (assessment, code, wall, device) in &made {
            let rk = format!("{assessment}#mark:{code}");
            prop_assert!(a.history.iter().any(|h| h.record_key == rk && h.stamp.hlc.wall_ms == *wall && &h.stamp.device == device));
        }
        // A kept village's value is the latest of the values of the villages it counts for.
        let mut latest: BTreeMap<String, (Stamp, Option<CriterionMark>)> = BTreeMap::new();
        for x in &a.assessments {
            let k = w.kept_ref(&x.key.unit).key();
            for (code, v) in &x.marks {
                let slot = latest.entry(format!("{k}#{code}")).or_insert((v.stamp.clone(), v.value.value));
                if v.stamp > slot.0 { *slot = (v.stamp.clone(), v.value.value); }
            }
        }
        for (slot, (_, value)) in &latest {
            let (unit, code) = slot.split_once('#').unwrap();
            let r = UnitRef::from_key(unit).unwrap();
            let eff = w.assessment(&r, &set.set_id(), period()).unwrap();
            prop_assert_eq!(eff.mark(code), *value);
        }
        // Counted villages: exactly the kept ones.
        let counted: BTreeSet<String> = w.villages_of(&["00070"].into_iter().collect()).iter().map(|v| v.id.clone()).collect();
        let kept_ids: BTreeSet<String> = kept(w).iter().map(|r| match r { UnitRef::Village(id) => id.clone(), _ => unreachable!() }).collect();
        prop_assert_eq!(counted, kept_ids);
        // Conflicts are the same everywhere.
        prop_assert_eq!(open_conflicts(&a), open_conflicts(&devices[1].sorted()));
    }

    #[test]
    fn upgrading_version_1_data_keeps_every_mark_on_its_criterion(
        names in proptest::collection::vec("[A-Za-zđĐ ]{1,12}", 1..8),
        marks in proptest::collection::vec((0usize..8, any::<bool>()), 0..12),
        other_names in proptest::collection::vec("[A-Za-z ]{1,12}", 1..8),
    ) {
        use ntm::exchange::upgrade::{content_ids, upgrade_content};
        // A version-1 set and an assessment of it, marks keyed by criterion code.
        let legacy = |names: &[String]| json!({
            "code": "THON_X", "version": 1, "title": "Thôn", "legal_basis": "QĐ", "period": {"from": 2021, "to": 2025},
            "level": "thon_ntm", "dimension": "none", "groups": [],
            "criteria": names.iter().enumerate().map(|(i, n)| json!({"code": (i + 1).to_string(), "name": n, "indicators": [], "source": {"citation": "QĐ"}, "verified": false})).collect::<Vec<_>>(),
            "source": {"citation": "QĐ"}, "builtin": false
        });
        let stamp = json!({"hlc": {"wall_ms": 1_700_000_000_000u64, "counter": 0}, "device": "d", "author": "a"});
        let mut marks_json = serde_json::Map::new();
        for (i, met) in &marks {
            if *i < names.len() {
                marks_json.insert((i + 1).to_string(), json!({"value": {"value": if *met { "met" } else { "not_met" }}, "stamp": stamp}));
            }
        }
        let content = |names: &[String]| json!({
            "sets": [{"id": "THON_X@1", "data": legacy(names), "stamp": stamp, "archived": false}],
            "assessments": [{"key": {"unit": {"level": "village", "id": "v1"}, "set": {"code": "THON_X", "version": 1}, "period": {"year": 2025, "part": "full_year"}}, "marks": marks_json, "values": {}}],
        });
        let mut c = content(&names);
        let ids = content_ids(&c);
        upgrade_content(&mut c, &ids);
        let d: Dataset = serde_json::from_value(c).unwrap();
        let set = &d.sets[0].data;
        prop_assert!(content_matches_id(set));
        prop_assert_eq!(&d.assessments[0].key.set, &set.set_id());
        for code in d.assessments[0].marks.keys() {
            let i: usize = code.parse::<usize>().unwrap() - 1;
            prop_assert_eq!(&set.criterion(code).unwrap().name, &names[i]);
        }
        // Another device's different set under the same old name: the same lineage,
        // another version id.
        if other_names != names {
            let mut o = content(&other_names);
            let oids = content_ids(&o);
            upgrade_content(&mut o, &oids);
            let od: Dataset = serde_json::from_value(o).unwrap();
            prop_assert_eq!(&od.sets[0].data.id, &set.id);
            prop_assert_ne!(&od.sets[0].data.version, &set.version);
        }
    }
}
