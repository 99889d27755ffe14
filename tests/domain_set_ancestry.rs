//! Set versions and their ancestry across devices (issue 31, part 4): three devices edit
//! one lineage (each its own current version, so forks happen), and send each other one
//! version at a time (the "chỉ bộ tiêu chí" file of a version, in any order, skipping
//! versions). Every file carries the versions its version was made from, so:
//! - a device always holds every version its versions were made from (nothing current is
//!   an ancestor of something it holds: skipped versions never look parallel);
//! - once everything is exchanged, every device has the same current versions.

use ntm::domain::criteria::*;
use ntm::domain::merge::{apply, known_set, plan_merge, select, Dataset, ExportScope};
use ntm::domain::set_versions::heads;
use ntm::domain::sync::{Hlc, Record, Stamp};
use proptest::prelude::*;

const LINEAGE: &str = "p38-5d0f3c1e-6a7b-4c8d-9e0f-123456789abc";

fn base() -> CriteriaSet {
    let base = builtin_sets()
        .into_iter()
        .find(|s| s.id == "QD318_2022_XA")
        .unwrap();
    derive_custom(&base, LINEAGE, "THON_TINH", "Bộ tiêu chí thôn")
}

fn record(s: &CriteriaSet, device: usize, n: u64) -> Record<CriteriaSet> {
    Record {
        id: s.set_id().to_string(),
        data: s.clone(),
        stamp: Stamp {
            hlc: Hlc {
                wall_ms: 1_790_000_000_000 + n,
                counter: 0,
            },
            device: format!("may-{device}"),
            author: format!("Người {device}"),
        },
        archived: false,
    }
}

fn versions(d: &Dataset) -> Vec<&CriteriaSet> {
    d.sets.iter().map(|r| &r.data).collect()
}

/// Every parent of every version held is held.
fn closed(d: &Dataset) -> bool {
    let held: Vec<&str> = d.sets.iter().map(|r| r.data.version.as_str()).collect();
    d.sets
        .iter()
        .flat_map(|r| r.data.parents.iter().flatten())
        .all(|p| held.contains(&p.as_str()))
}

fn current(d: &Dataset) -> Vec<String> {
    let mut v: Vec<String> = heads(&versions(d))
        .iter()
        .map(|s| s.version.clone())
        .collect();
    v.sort();
    v
}

fn receive(into: &mut Dataset, file: &Dataset) {
    let plan = plan_merge(into, file, known_set(into));
    apply(into, &plan);
}

#[derive(Clone, Debug)]
enum Op {
    /// A device edits its first current version.
    Edit(usize),
    /// A device sends one of its versions (by position) to another.
    Send { from: usize, to: usize, pick: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0usize..3).prop_map(Op::Edit),
        3 => (0usize..3, 0usize..3, 0usize..50).prop_map(|(from, to, pick)| Op::Send { from, to, pick }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn versions_travel_with_their_ancestry_and_devices_agree_on_the_current_ones(
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        let first = base();
        let mut devices: Vec<Dataset> = (0..3)
            .map(|i| Dataset { sets: vec![record(&first, i, 0)], ..Dataset::default() })
            .collect();
        let mut n = 0u64;
        for op in ops {
            n += 1;
            match op {
                Op::Edit(d) => {
                    let head = heads(&versions(&devices[d]))[0].clone();
                    let edit = SetEdit::AddIndicator {
                        criterion: "17".into(),
                        indicator: Indicator {
                            id: format!("i-{d}-{n}"),
                            code: format!("17.{n}"),
                            ..head.criteria.iter().flat_map(|c| &c.indicators).next().unwrap().clone()
                        },
                    };
                    let next = apply_edit(&head, edit).unwrap();
                    devices[d].sets.push(record(&next, d, n));
                }
                Op::Send { from, to, pick } => {
                    if from == to { continue; }
                    let sets = &devices[from].sets;
                    let chosen = sets[pick % sets.len()].id.clone();
                    let file = select(&devices[from], &ExportScope::Set(chosen), None);
                    receive(&mut devices[to], &file);
                }
            }
            for d in &devices {
                prop_assert!(closed(d), "a device holds a version without one it was made from");
            }
        }
        // Everything to everyone.
        for _ in 0..2 {
            for from in 0..3 {
                for to in 0..3 {
                    if from != to {
                        let file = select(&devices[from], &ExportScope::All, None);
                        let mut into = devices[to].clone();
                        receive(&mut into, &file);
                        devices[to] = into;
                    }
                }
            }
        }
        let c0 = current(&devices[0]);
        prop_assert_eq!(&c0, &current(&devices[1]));
        prop_assert_eq!(&c0, &current(&devices[2]));
    }
}
