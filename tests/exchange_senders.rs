//! What a file's sender may write (issue 31): the import's rule is the server's. On
//! generated files (a commune with its villages, a village, the province; with a moved
//! village and values stamped by others) × senders of every role, a value is set apart
//! on import exactly when the server's contract (`access::verdict`, the same rule as
//! docs/couchdb/validate_doc_update.js) refuses the sender's account that document.

mod common;

use ntm::domain::couch_docs::docs_of;
use ntm::domain::merge::{select, Dataset, ExportScope};
use ntm::domain::profile::Role;
use ntm::domain::units::{Unit, UnitRef};
use ntm::exchange::access::senders::{
    outside, plan_import, sender_account, village_commune, ImportRule,
};
use ntm::exchange::access::{is_official_reference, verdict, Refusal, UserCtx};
use ntm::exchange::Sender;
use proptest::prelude::*;

const PROVINCE: &str = "99";

fn demo() -> Dataset {
    let s = common::stamp_at(1_780_000_000_000);
    let mut d = common::demo_dataset(7, &s);
    d.sets = common::set_records(ntm::domain::demo::generate(7, &s).results.sets, &s);
    d
}

fn communes(d: &Dataset) -> Vec<String> {
    d.units
        .iter()
        .filter_map(|u| match &u.data {
            Unit::Commune(c) => Some(c.code.clone()),
            _ => None,
        })
        .collect()
}

fn villages_of(d: &Dataset, commune: &str) -> Vec<String> {
    d.units
        .iter()
        .filter_map(|u| match &u.data {
            Unit::Village(v) if v.commune_code == commune => Some(v.id.clone()),
            _ => None,
        })
        .collect()
}

fn sender(role: Option<Role>, unit: Option<UnitRef>) -> Sender {
    Sender {
        device: "may-gui".into(),
        name: "Người gửi".into(),
        role,
        unit: unit.map(|u| u.key()),
    }
}

/// The senders a file is tried with: every role, of this file's units and of others.
fn senders(d: &Dataset, commune: &str, other: &str) -> Vec<Sender> {
    let village = villages_of(d, commune).into_iter().next().unwrap();
    let far = villages_of(d, other).into_iter().next().unwrap();
    vec![
        sender(
            Some(Role::CanBoTinh),
            Some(UnitRef::Province(PROVINCE.into())),
        ),
        sender(Some(Role::CanBoTinh), Some(UnitRef::Province("38".into()))),
        sender(Some(Role::CanBoXa), Some(UnitRef::Commune(commune.into()))),
        sender(Some(Role::CanBoXa), Some(UnitRef::Commune(other.into()))),
        sender(Some(Role::TruongThon), Some(UnitRef::Village(village))),
        sender(Some(Role::TruongThon), Some(UnitRef::Village(far))),
        // Claims that do not fit together, or none: an account that writes nothing.
        sender(
            Some(Role::CanBoXa),
            Some(UnitRef::Province(PROVINCE.into())),
        ),
        sender(Some(Role::Khac), Some(UnitRef::Commune(commune.into()))),
        sender(None, None),
    ]
}

/// The server's verdict on the sender's account writing `doc` (with the province's
/// membership every account of it has).
fn server_refuses(doc: &serde_json::Value, user: &UserCtx) -> bool {
    let mut member = user.clone();
    member.roles.push(format!("province:{PROVINCE}"));
    verdict(doc, None, &member, PROVINCE).is_err()
}

fn check_file(file: &Dataset, s: &Sender) -> Result<usize, TestCaseError> {
    let local = Dataset::default();
    let user = sender_account(s, village_commune(file, &local));
    let apart = outside(file, &local, &user, Some(PROVINCE));
    let mut refused = 0;
    for doc in docs_of(file) {
        let exempt = is_official_reference(&doc)
            || matches!(doc.body, ntm::domain::couch_docs::DocBody::Set(_));
        let json = serde_json::to_value(&doc).unwrap();
        let server = !exempt && server_refuses(&json, &user);
        refused += usize::from(server);
        prop_assert_eq!(
            apart.contains_key(&doc.id),
            server,
            "{} from {:?} {:?}: set apart {:?}",
            doc.id,
            s.role,
            s.unit,
            apart.get(&doc.id)
        );
    }
    Ok(refused)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn a_value_is_set_apart_exactly_when_the_server_refuses_its_sender(
        pick in 0usize..100,
        scope_kind in 0u8..3,
        moved in any::<bool>(),
        keep_every in 1usize..6,
    ) {
        let demo = demo();
        let codes = communes(&demo);
        let commune = codes[pick % codes.len()].clone();
        let other = codes[(pick + 1) % codes.len()].clone();
        let scope = match scope_kind {
            0 => ExportScope::Commune(commune.clone()),
            1 => ExportScope::Village(villages_of(&demo, &commune)[0].clone()),
            _ => ExportScope::Province(PROVINCE.into()),
        };
        let mut file = select(&demo, &scope, None);
        // Fewer values, to keep each case small; the records stay.
        let mut i = 0;
        for a in &mut file.assessments {
            a.marks.retain(|_, _| { i += 1; i % keep_every == 0 });
        }
        if scope_kind == 2 {
            let keep: Vec<String> = [commune.clone(), other.clone()].into();
            file.assessments.retain(|a| match &a.key.unit {
                UnitRef::Commune(c) => keep.contains(c),
                UnitRef::Village(v) => keep.iter().any(|c| villages_of(&demo, c).contains(v)),
                _ => true,
            });
        }
        if moved {
            // A village record rewritten into another commune (as a village head moving
            // his village would send it).
            if let Some(u) = file.units.iter_mut().find(|u| matches!(u.data, Unit::Village(_))) {
                if let Unit::Village(v) = &mut u.data { v.commune_code = other.clone(); }
            }
        }
        for s in senders(&demo, &commune, &other) {
            check_file(&file, &s)?;
        }
    }
}

#[test]
fn each_role_sends_what_it_owns_and_the_rest_is_set_apart_with_the_reason() {
    let demo = demo();
    let codes = communes(&demo);
    let (commune, other) = (codes[0].clone(), codes[1].clone());
    let village = villages_of(&demo, &commune)[0].clone();
    let file = select(&demo, &ExportScope::Commune(commune.clone()), None);
    let local = Dataset::default();
    let plan = |s: &Sender| {
        plan_import(
            &local,
            &file,
            1_790_000_000_000,
            &ImportRule::Claims(s.clone(), ExportScope::Commune(commune.clone())),
        )
    };

    // The province's official: nothing set apart.
    let p = plan(&sender(
        Some(Role::CanBoTinh),
        Some(UnitRef::Province(PROVINCE.into())),
    ));
    assert!(p.reasons.is_empty(), "{:?}", p.reasons.iter().next());
    assert!(p.outside.writes.is_empty());
    // The commune's own official: only the province's data his file relays (its own
    // quantities; the demo's province record, which is not the official list's), which
    // he may not write.
    let p = plan(&sender(
        Some(Role::CanBoXa),
        Some(UnitRef::Commune(commune.clone())),
    ));
    assert!(!p.plan.writes.assessments.is_empty());
    let unexpected: Vec<_> = p
        .reasons
        .iter()
        .filter(|(k, r)| {
            let province_data = k.starts_with("quantity#") || k.starts_with("unit#province:");
            !(province_data && **r == Refusal::ProvinceLevel)
        })
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
    // Another commune's official: every value of this commune and its villages is apart,
    // none of it in the plan's writes; the sets still come in.
    let p = plan(&sender(
        Some(Role::CanBoXa),
        Some(UnitRef::Commune(other.clone())),
    ));
    assert!(!p.reasons.is_empty());
    assert!(p.plan.writes.assessments.is_empty());
    assert!(p
        .plan
        .writes
        .units
        .iter()
        .all(|u| !matches!(u.data, Unit::Village(_))));
    assert_eq!(p.plan.writes.sets.len(), file.sets.len());
    assert!(p.reasons.values().all(|r| *r
        == Refusal::OtherCommune {
            commune: commune.clone()
        }
        || *r == Refusal::ProvinceLevel));
    assert!(p
        .reasons
        .values()
        .any(|r| r.message() == format!("Chỉ được ghi dữ liệu của xã mình (xã {commune}).")));

    // A village head: his village's values come in; the commune's and the other villages'
    // are apart, with the server's words.
    let p = plan(&sender(
        Some(Role::TruongThon),
        Some(UnitRef::Village(village.clone())),
    ));
    let ours = |u: &UnitRef| *u == UnitRef::Village(village.clone());
    assert!(!p.plan.writes.assessments.is_empty());
    assert!(p.plan.writes.assessments.iter().all(|a| ours(&a.key.unit)));
    assert!(p
        .outside
        .writes
        .assessments
        .iter()
        .all(|a| !ours(&a.key.unit)));
    assert!(p
        .outside
        .writes
        .assessments
        .iter()
        .any(|a| a.key.unit == UnitRef::Commune(commune.clone())));
    assert!(p
        .reasons
        .values()
        .any(|r| r.message() == "Trưởng thôn chỉ được ghi dữ liệu của thôn mình."));
    // Nothing is lost: what is apart and what is in are the whole file.
    let file_values: usize = file
        .assessments
        .iter()
        .map(|a| a.marks.len() + a.values.len())
        .sum();
    let planned = |d: &Dataset| -> usize {
        d.assessments
            .iter()
            .map(|a| a.marks.len() + a.values.len())
            .sum()
    };
    assert_eq!(
        planned(&p.plan.writes) + planned(&p.outside.writes),
        file_values
    );

    // A receiver's own record of a village wins over the file's: a file that moves the
    // village into the sender's commune does not make it his.
    let mut moved = file.clone();
    for u in &mut moved.units {
        if let Unit::Village(v) = &mut u.data {
            v.commune_code = other.clone();
        }
    }
    let receiver = select(&demo, &ExportScope::Commune(commune.clone()), None);
    let s = sender(Some(Role::CanBoXa), Some(UnitRef::Commune(other.clone())));
    let p = plan_import(
        &receiver,
        &moved,
        1_790_000_000_000,
        &ImportRule::Claims(s, ExportScope::Commune(commune.clone())),
    );
    assert!(p.reasons.keys().any(|k| k.starts_with("unit#village:")));
    assert!(p
        .plan
        .writes
        .units
        .iter()
        .all(|u| !matches!(u.data, Unit::Village(_))));
}

/// The import workflow on two in-memory phones: a village head's file carrying his
/// commune's and other villages' values imports his village's; the rest is listed apart
/// with the reason and comes in only when the receiving official ticks it, one or all,
/// and the import log says so.
#[test]
fn a_village_heads_file_imports_his_village_and_the_rest_only_when_chosen() {
    use futures::executor::block_on;
    use ntm::app::export::{export, ExportOutcome, ExportRequest};
    use ntm::app::import::{confirm, open, ImportState, OutsideChoice};
    use ntm::app::memory::{MemoryFile, MemoryOut, MemoryStore};
    use ntm::present::{import_outside, Locale};
    use ntm::store::Author;

    const NOW: u64 = 1_796_000_400_000;
    let demo = demo();
    let with_values = |d: &Dataset, u: &UnitRef| {
        d.assessments
            .iter()
            .any(|a| a.key.unit == *u && !a.marks.is_empty())
    };
    let (commune, village) = communes(&demo)
        .into_iter()
        .find_map(|c| {
            let v = villages_of(&demo, &c)
                .into_iter()
                .find(|v| with_values(&demo, &UnitRef::Village(v.clone())))?;
            with_values(&demo, &UnitRef::Commune(c.clone())).then_some((c, v))
        })
        .expect("a commune and a village of it with values");
    // The village head's phone holds his commune's data (as the commune sent it).
    let head = MemoryStore::new(
        select(&demo, &ExportScope::Commune(commune.clone()), None),
        NOW,
    );
    let out = MemoryOut::default();
    let request = ExportRequest {
        scope: ExportScope::Commune(commune.clone()),
        scope_name: "Xã".into(),
        only_changes: false,
        compress: false,
        share: false,
        sender: sender(
            Some(Role::TruongThon),
            Some(UnitRef::Village(village.clone())),
        ),
        now_ms: NOW as f64,
    };
    let ExportOutcome::Sent(name) = block_on(export(&head, &out, request)).unwrap() else {
        panic!("not sent")
    };
    let file = MemoryFile {
        name,
        bytes: out.files.borrow()[0].1.clone(),
    };

    // The commune official's phone knows the commune's units, no values yet.
    let units = Dataset {
        units: demo.units.clone(),
        ..Dataset::default()
    };
    let official = MemoryStore::new(units, NOW);
    let author = Author {
        name: "Cán bộ xã".into(),
        device: "may-xa".into(),
    };
    let mine = UnitRef::Village(village.clone());
    let mut held = block_on(open(&official, &file, |_| {})).expect("a preview");
    let pending = held.pending.clone();
    assert!(pending.outside_total > 0);
    assert!(pending
        .outside
        .iter()
        .all(|o| o.line.unit.as_deref() != Some(mine.key().as_str())));
    assert!(pending
        .plan
        .lines
        .iter()
        .filter_map(|l| l.unit.as_deref())
        .all(|u| u == mine.key()));
    let words = import_outside::outside(
        &pending,
        None,
        Locale::new(ntm::domain::profile::Lang::Vi, 420),
    )
    .unwrap();
    assert_eq!(
        words.title,
        format!(
            "{} giá trị ngoài phạm vi của người gửi",
            pending.outside_total
        )
    );
    assert!(words
        .rows
        .iter()
        .any(|r| r.reason == "Trưởng thôn chỉ được ghi dữ liệu của thôn mình."));

    // "Nhập vào máy" with nothing ticked: only his village's values.
    let done = block_on(confirm(
        &official,
        &mut held,
        &[],
        &OutsideChoice::None,
        &author,
        NOW as f64,
        |_| {},
    ));
    assert!(matches!(done, ImportState::Done { .. }), "{done:?}");
    let units_with_values = |s: &MemoryStore| -> Vec<UnitRef> {
        s.data
            .borrow()
            .assessments
            .iter()
            .filter(|a| !a.marks.is_empty() || !a.values.is_empty())
            .map(|a| a.key.unit.clone())
            .collect()
    };
    assert!(!units_with_values(&official).is_empty());
    assert!(units_with_values(&official).iter().all(|u| *u == mine));
    let log = official.log.borrow().last().cloned().unwrap();
    assert_eq!(log.outside_taken, 0);
    assert_eq!(
        log.outside_left, pending.outside_total,
        "as the preview counted them"
    );

    // The same file again, one value ticked: that one comes in, the others stay out.
    let mut held = block_on(open(&official, &file, |_| {})).expect("a preview");
    let first = held.pending.outside[0].line.clone();
    let key = first.target.record_key();
    let done = block_on(confirm(
        &official,
        &mut held,
        &[],
        &OutsideChoice::Some(vec![key.clone()]),
        &author,
        NOW as f64,
        |_| {},
    ));
    assert!(matches!(done, ImportState::Done { .. }), "{done:?}");
    let current = official.data.borrow().current_values();
    assert!(current.contains_key(&key), "the chosen value is in");
    assert_eq!(official.log.borrow().last().unwrap().outside_taken, 1);
    let others = held
        .pending
        .outside
        .iter()
        .skip(1)
        .map(|o| o.line.target.record_key());
    assert!(others
        .into_iter()
        .all(|k| !current.contains_key(&k) || k == key));

    // All of them: the phone then holds what the file holds.
    let mut held = block_on(open(&official, &file, |_| {})).expect("a preview");
    block_on(confirm(
        &official,
        &mut held,
        &[],
        &OutsideChoice::All,
        &author,
        NOW as f64,
        |_| {},
    ));
    let again = block_on(open(&official, &file, |_| {})).expect("a preview");
    assert_eq!(again.pending.outside_total, 0, "nothing left to decide");
}

/// The official list's device name is the official list's alone, as on the server: a file
/// whose commune record is renamed under that name (a later stamp) is not taken as the
/// official list's — the record is set apart with the server's reason — while the real
/// official records pass from any sender.
#[test]
fn a_record_stamped_as_the_official_list_is_set_apart_unless_it_is_the_official_record() {
    use ntm::domain::units::official_list_stamp;
    let (data, commune, village) = {
        let demo = demo();
        let c = communes(&demo)[0].clone();
        let v = villages_of(&demo, &c)[0].clone();
        (select(&demo, &ExportScope::Commune(c.clone()), None), c, v)
    };
    let key = UnitRef::Commune(commune.clone()).key();
    let mut file = data.clone();
    for u in &mut file.units {
        if u.id == key {
            u.stamp = official_list_stamp();
        }
    }
    let head = sender(Some(Role::TruongThon), Some(UnitRef::Village(village)));
    let scope = ExportScope::Commune(commune.clone());
    let rule = ImportRule::Claims(head, scope);
    let local = Dataset::default();
    let unit_key = format!("unit#{key}");
    let p = plan_import(&local, &file, 1_790_000_000_000, &rule);
    assert!(
        !p.reasons.contains_key(&unit_key),
        "the official record itself passes"
    );

    let mut forged = file.clone();
    for u in &mut forged.units {
        if u.id == key {
            if let Unit::Commune(c) = &mut u.data {
                c.name = "Xã Đổi Tên".into();
            }
            u.stamp.hlc.wall_ms = 1_785_000_000_000;
        }
    }
    let p = plan_import(&local, &forged, 1_790_000_000_000, &rule);
    assert_eq!(p.reasons.get(&unit_key), Some(&Refusal::OfficialStamp));
    assert!(p.plan.writes.units.iter().all(|u| u.id != key));
}
