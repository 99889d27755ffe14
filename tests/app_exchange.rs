//! The import and export workflows (`app::import`, `app::export`) on in-memory devices,
//! with the words the exchange page shows for them (`present::exchange`). The IndexedDB
//! store runs the same scenarios in `tests/wasm_app.rs`.

use futures::executor::block_on;
use ntm::app::export::{export, ExportOutcome, ExportRequest};
use ntm::app::import::{
    confirm, open, receive, Held, ImportState, ImportStep, OutsideChoice, ReceiveError,
};
use ntm::app::memory::{MemoryFile, MemoryOut, MemoryStore};
use ntm::domain::demo::{generate, DEMO_SEED};
use ntm::domain::merge::{Dataset, ExportScope};
use ntm::domain::profile::Lang;
use ntm::domain::sync::{Hlc, Record, Stamp};
use ntm::domain::units::{Unit, UnitRef};
use ntm::domain::workspace::Workspace;
use ntm::exchange::{Refusal, Sender};
use ntm::present::exchange as words;
use ntm::present::Locale;
use ntm::store::Author;

/// 30/11/2026 01:00 UTC.
const NOW: u64 = 1_796_000_400_000;

fn stamp(wall_ms: u64) -> Stamp {
    Stamp {
        hlc: Hlc {
            wall_ms,
            counter: 0,
        },
        device: "phone-a".into(),
        author: "Chị Lan".into(),
    }
}

/// The demo province (units, assessments, OCOP, plans) as one device holds it.
fn demo_dataset(wall_ms: u64) -> Dataset {
    let s = stamp(wall_ms);
    let d = generate(DEMO_SEED, &s);
    Dataset {
        units: d
            .units
            .into_iter()
            .map(|u| Record {
                id: u.unit_ref().key(),
                data: u,
                stamp: s.clone(),
                archived: false,
            })
            .collect(),
        ocop_products: d
            .products
            .into_iter()
            .map(|p| Record {
                id: p.id.clone(),
                data: p,
                stamp: s.clone(),
                archived: false,
            })
            .collect(),
        assessments: d.assessments,
        ..Dataset::default()
    }
}

/// The demo province's official: she may write everything the demo files carry.
fn sender() -> Sender {
    Sender {
        device: "phone-a".into(),
        name: "Chị Lan".into(),
        role: Some(ntm::domain::profile::Role::CanBoTinh),
        unit: Some("province:99".into()),
    }
}

fn request(only_changes: bool) -> ExportRequest {
    ExportRequest {
        scope: ExportScope::All,
        scope_name: "Tỉnh Mẫu".into(),
        only_changes,
        compress: false,
        share: false,
        sender: sender(),
        now_ms: NOW as f64,
    }
}

fn author() -> Author {
    Author {
        name: "Anh Tuấn".into(),
        device: "phone-b".into(),
    }
}

/// Exports everything from `from` and returns the file.
fn export_file(from: &MemoryStore) -> MemoryFile {
    let out = MemoryOut::default();
    let mut req = request(false);
    req.now_ms = from.now_ms.get() as f64;
    let outcome = block_on(export(from, &out, req)).expect("export");
    let ExportOutcome::Sent(name) = outcome else {
        panic!("not sent: {outcome:?}");
    };
    let (written, bytes) = out.files.borrow()[0].clone();
    assert_eq!(written, name);
    MemoryFile { name, bytes }
}

fn preview_of(opened: Result<Held, ImportState>) -> Held {
    match opened {
        Ok(held) => held,
        Err(other) => panic!("expected a preview, got {:.300}", format!("{other:?}")),
    }
}

/// The steps an import went through, each once, in order.
fn steps_of(progress: &[ntm::app::import::Progress]) -> Vec<ImportStep> {
    let mut steps: Vec<ImportStep> = progress.iter().map(|p| p.step).collect();
    steps.dedup();
    steps
}

#[test]
fn a_file_exported_on_one_device_is_previewed_then_imported_on_another() {
    let a = MemoryStore::new(demo_dataset(NOW - 86_400_000), NOW);
    let b = MemoryStore::new(Dataset::default(), NOW);
    let file = export_file(&a);
    assert!(file.name.ends_with(".json"), "{}", file.name);
    assert_eq!(a.last_export_at.get(), Some(NOW as f64));

    let mut steps = Vec::new();
    let mut held = preview_of(block_on(open(&b, &file, |s| steps.push(s))));
    assert_eq!(
        steps_of(&steps),
        [ImportStep::Read, ImportStep::Parse, ImportStep::Plan]
    );
    // Reading reports how far it got, up to the whole content.
    let parse: Vec<_> = steps
        .iter()
        .filter(|p| p.step == ImportStep::Parse)
        .collect();
    let last = parse.last().expect("parse progress");
    assert!(last.total > 0 && last.done == last.total, "{last:?}");
    assert!(parse.windows(2).all(|w| w[0].done <= w[1].done));
    let pending = held.pending.clone();
    // Nothing is written by a preview.
    assert!(b.data.borrow().is_empty());
    let units = a.data.borrow().units.len();
    assert!(pending.plan.counts.new >= units);
    // The page is shown the preview, not the writes: no more than the listed lines (new
    // ones up to MAX_NEW_LINES, which is nearly all of this model), far less than the file.
    let shown = serde_json::to_string(&pending).expect("serialisable").len();
    assert!(pending.plan.lines.len() <= ntm::domain::merge::MAX_NEW_LINES);
    assert!(
        shown * 3 < file.bytes.len() * 2,
        "{shown} of {}",
        file.bytes.len()
    );

    let model = words::preview(&pending, Locale::new(Lang::Vi, 420));
    assert_eq!(model.sender, "Chị Lan (Cán bộ tỉnh)");
    assert!(model.made.ends_with("/11/2026 08:00"), "{}", model.made);
    assert!(!model.noop && !model.no_changes);
    let new_row = model.counts.iter().find(|r| r.2 == "new").expect("new row");
    assert_eq!(new_row.0, "Mới");

    let mut written = Vec::new();
    let done = block_on(confirm(
        &b,
        &mut held,
        &[],
        &OutsideChoice::None,
        &author(),
        NOW as f64,
        |p| written.push(p),
    ));
    let ImportState::Done { counts, .. } = done else {
        panic!("not done: {done:?}");
    };
    assert_eq!(counts, pending.plan.counts);
    let last = written.last().expect("commit progress");
    assert_eq!(last.step, ImportStep::Commit);
    assert!(last.total > 0 && last.done == last.total, "{last:?}");
    assert_eq!(
        b.data.borrow().current_values(),
        a.data.borrow().current_values()
    );
    assert_eq!(b.log.borrow().len(), 1);
    assert_eq!(b.log.borrow()[0].file_name, file.name);

    // The same file again changes nothing, and says so.
    let again = preview_of(block_on(open(&b, &file, |_| {})));
    let model = words::preview(&again.pending, Locale::new(Lang::Vi, 420));
    assert!(model.noop && model.no_changes);
}

#[test]
fn a_change_between_preview_and_confirm_gives_a_new_preview_and_writes_nothing() {
    let a = MemoryStore::new(demo_dataset(NOW - 86_400_000), NOW);
    let b = MemoryStore::new(Dataset::default(), NOW);
    let file = export_file(&a);
    let mut held = preview_of(block_on(open(&b, &file, |_| {})));
    b.touch(); // another tab saved something
    let mut steps = Vec::new();
    let state = block_on(confirm(
        &b,
        &mut held,
        &[],
        &OutsideChoice::None,
        &author(),
        NOW as f64,
        |s| steps.push(s),
    ));
    let ImportState::Preview(again) = state else {
        panic!("expected a new preview, got {state:?}");
    };
    assert_eq!(steps_of(&steps), [ImportStep::Commit, ImportStep::Plan]);
    assert!(again.changed_since_first);
    assert_eq!(again, held.pending, "the worker keeps what the page shows");
    assert!(b.data.borrow().is_empty(), "nothing written");
    assert!(b.log.borrow().is_empty());
    let done = block_on(confirm(
        &b,
        &mut held,
        &[],
        &OutsideChoice::None,
        &author(),
        NOW as f64,
        |_| {},
    ));
    assert!(matches!(done, ImportState::Done { .. }), "{done:?}");
    assert!(!b.data.borrow().is_empty());
}

#[test]
fn a_refused_file_says_why_and_leaves_the_device_as_it_was() {
    let b = MemoryStore::new(demo_dataset(NOW - 1000), NOW);
    let before = b.data.borrow().clone();
    let cases = [
        (b"{\"format\": \"ntm-exchange\", ".to_vec(), "cut short"),
        (b"hello".to_vec(), "not json"),
        (Vec::new(), "empty"),
    ];
    for (bytes, what) in cases {
        let file = MemoryFile {
            name: format!("{what}.json"),
            bytes,
        };
        let state = block_on(open(&b, &file, |_| {})).expect_err("refused");
        let ImportState::Refused { name, refusal } = state else {
            panic!("{what}: not refused: {state:?}");
        };
        assert_eq!(name, file.name);
        let model = words::refusal(&refusal, Lang::Vi);
        assert!(!model.message.is_empty(), "{what}");
        assert_eq!(*b.data.borrow(), before, "{what}");
        assert_eq!(b.revision.get(), 0.0);
    }
    let big = MemoryFile {
        name: "big.json".into(),
        bytes: vec![b' '; ntm::exchange::MAX_FILE_BYTES + 1],
    };
    let state = block_on(open(&b, &big, |_| {})).expect_err("refused");
    assert!(
        matches!(
            state,
            ImportState::Refused {
                refusal: Refusal::TooLarge { .. },
                ..
            }
        ),
        "{state:?}"
    );
}

#[test]
fn only_changes_since_the_last_export_and_a_closed_share_sheet() {
    let a = MemoryStore::new(demo_dataset(NOW - 86_400_000), NOW);
    let _ = export_file(&a);
    assert!(a.last_export_hlc.get().is_some());
    // Nothing changed since: the second file carries no values.
    let out = MemoryOut::default();
    block_on(export(&a, &out, request(true))).expect("export");
    let bytes = out.files.borrow()[0].1.clone();
    let file = ntm::exchange::read(&bytes).expect("readable");
    assert!(file.content.assessments.is_empty());
    assert!(file.content.units.is_empty());
    assert!(file.header.since.is_some());

    // A closed share sheet is not an export: nothing is remembered.
    let c = MemoryStore::new(demo_dataset(NOW - 1000), NOW);
    let out = MemoryOut::default();
    out.share_closed.set(true);
    let mut req = request(false);
    req.share = true;
    assert_eq!(
        block_on(export(&c, &out, req)),
        Ok(ExportOutcome::Cancelled)
    );
    assert_eq!(c.last_export_at.get(), None);
    assert!(out.files.borrow().is_empty());
}

#[test]
fn a_file_from_a_phone_a_year_ahead_names_the_sender_and_the_date() {
    let year = 365 * 86_400_000;
    let a = MemoryStore::new(demo_dataset(NOW + year), NOW + year);
    let file = export_file(&a);
    let b = MemoryStore::new(Dataset::default(), NOW);
    let mut held = preview_of(block_on(open(&b, &file, |_| {})));
    let model = words::preview(&held.pending, Locale::new(Lang::Vi, 420));
    assert_eq!(model.future.len(), 1);
    let f = &model.future[0];
    assert_eq!(f.who, "Chị Lan");
    assert_eq!(f.date, "30/11/2027");
    assert!(!model.no_changes);
    let ImportState::Done { .. } = block_on(confirm(
        &b,
        &mut held,
        &[],
        &OutsideChoice::None,
        &author(),
        NOW as f64,
        |_| {},
    )) else {
        panic!("not done");
    };
    // Nothing stamped in the future was written, and the clock did not move.
    assert!(b.data.borrow().assessments.is_empty());
    assert!(b.clock.get().wall_ms <= NOW);
}

#[test]
fn preview_lines_name_units_from_the_device_or_the_file_and_filter_by_unit() {
    let a = MemoryStore::new(demo_dataset(NOW - 86_400_000), NOW);
    let file = export_file(&a);
    let b = MemoryStore::new(Dataset::default(), NOW);
    let held = preview_of(block_on(open(&b, &file, |_| {})));
    let pending = held.pending.clone();
    let locale = Locale::new(Lang::Vi, 420);
    let model = words::preview(&pending, locale);
    assert!(model.units_with_lines > 1);
    let all = words::lines(&pending, &pending.plan.lines, None, "", locale);
    assert!(all.rows.len() <= words::MAX_LINES);
    assert_eq!(
        all.rows.len() + all.more + all.unlisted,
        held.preview.plan.lines.len() + held.preview.plan.unlisted_new_total()
    );
    // Every unit with lines can be chosen: a screenful listed, the others counted.
    let choices = words::unit_choices(&pending, None, "", "");
    assert_eq!(choices.units.len(), words::UNIT_CHOICES);
    assert_eq!(choices.units.len() + choices.more, model.units_with_lines);
    // Units new to this device are named from the file.
    let (key, name) = &choices.units[0];
    assert!(!name.contains(':'), "{key} named {name}");
    let one = words::lines(&pending, &held.first_lines(key), None, key, locale);
    assert!(!one.rows.is_empty());
    for r in &one.rows {
        assert!(r.what.starts_with(name.as_str()), "{} / {name}", r.what);
        assert_eq!(r.badge, "Mới");
    }
    // A device that has the units names them its own way.
    let ws = Workspace::new(a.data.borrow().units.clone(), vec![], vec![]);
    let here = words::unit_choices(&pending, Some(&ws), "", "");
    assert_eq!(here, choices);
}

#[test]
fn the_unit_filter_is_searched_without_diacritics_and_lists_a_screenful() {
    let units: Vec<(String, String)> = (1..=100)
        .map(|n| (format!("village:v{n:03}"), format!("Thôn Đồng Tâm {n}")))
        .chain([("commune:00001".to_string(), "Xã Bắc Sơn".to_string())])
        .collect();
    let a = MemoryStore::new(demo_dataset(NOW - 86_400_000), NOW);
    let b = MemoryStore::new(Dataset::default(), NOW);
    let mut pending = preview_of(block_on(open(&b, &export_file(&a), |_| {}))).pending;
    pending.plan = std::sync::Arc::new(ntm::domain::merge::PlanSummary {
        // In key order, as a plan counts them.
        line_totals: units
            .iter()
            .map(|(k, _)| (Some(k.clone()), 1))
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect(),
        ..Default::default()
    });
    pending.unit_names = units.iter().cloned().collect();
    // Everything: the first screenful in key order, and how many more.
    let all = words::unit_choices(&pending, None, "", "");
    assert_eq!(all.units.len(), words::UNIT_CHOICES);
    assert_eq!(all.more, 101 - words::UNIT_CHOICES);
    assert_eq!(all.units[0].0, "commune:00001");
    // Typed without diacritics, in any case.
    let found = words::unit_choices(&pending, None, "bac son", "");
    assert_eq!(
        found.units,
        vec![("commune:00001".to_string(), "Xã Bắc Sơn".to_string())]
    );
    let found = words::unit_choices(&pending, None, "DONG TAM 7", "");
    let keys: Vec<&str> = found.units.iter().map(|(k, _)| k.as_str()).collect();
    // The phrase first ("… 7", "… 70" to "… 79"), then the words apart ("… 17").
    let phrase: Vec<String> = std::iter::once(7)
        .chain(70..80)
        .map(|n| format!("village:v{n:03}"))
        .collect();
    assert_eq!(
        keys[..11],
        phrase.iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    assert_eq!(keys[11], "village:v017");
    assert_eq!(keys.len(), 19);
    // The chosen unit stays listed when the query no longer finds it.
    let kept = words::unit_choices(&pending, None, "bac son", "village:v099");
    assert_eq!(
        kept.units[0],
        ("village:v099".to_string(), "Thôn Đồng Tâm 99".to_string())
    );
    assert_eq!(kept.units.len(), 2);
}

#[test]
fn export_choices_and_scopes_name_the_file_after_the_scope() {
    let data = demo_dataset(NOW);
    let ws = Workspace::new(data.units.clone(), data.assessments.clone(), vec![]);
    let choices = words::export_choices(&ws, None, Lang::Vi);
    let (province_key, province_name) = &choices[0];
    assert!(province_key.starts_with("province:"));
    let commune = choices
        .iter()
        .find(|(k, _)| k.starts_with("commune:"))
        .expect("a commune");
    assert!(commune.1.starts_with("· "));
    // A province's list names its communes, not its villages.
    assert!(!choices.iter().any(|(k, _)| k.starts_with("village:")));
    let profile = ntm::domain::profile::Profile::default();
    let (scope, name) = words::export_scope(province_key, Some(&ws), &profile);
    assert!(matches!(scope, ExportScope::Province(_)));
    assert_eq!(&name, province_name);
    let (scope, _) = words::export_scope("all", Some(&ws), &profile);
    assert_eq!(scope, ExportScope::All);
    let (scope, name) = words::export_scope(&commune.0, Some(&ws), &profile);
    assert!(matches!(scope, ExportScope::Commune(_)));
    assert_eq!(format!("· {name}"), commune.1);
    // A commune official, or a village head of that commune, also has its villages, each
    // right under it, and no other commune's.
    let village = data
        .units
        .iter()
        .find_map(|u| match &u.data {
            Unit::Village(v) => Some(v.clone()),
            _ => None,
        })
        .expect("a village");
    let home_commune = UnitRef::Commune(village.commune_code.clone());
    let villages_of = |c: &str| {
        ws.children(&UnitRef::Commune(c.to_string()), false)
            .into_iter()
            .map(|v| v.id.clone())
            .collect::<Vec<_>>()
    };
    for home in [home_commune.clone(), UnitRef::Village(village.id.clone())] {
        let choices = words::export_choices(&ws, Some(&home), Lang::Vi);
        let listed: Vec<String> = choices
            .iter()
            .filter(|(k, _)| k.starts_with("village:"))
            .map(|(k, _)| k.clone())
            .collect();
        assert_eq!(listed, villages_of(&village.commune_code));
        let at = choices
            .iter()
            .position(|(k, _)| *k == home_commune.key())
            .expect("the home commune");
        assert_eq!(choices[at + 1].0, listed[0]);
        assert!(choices[at + 1].1.starts_with("· · "));
        let (scope, _) = words::export_scope(&listed[0], Some(&ws), &profile);
        assert!(matches!(scope, ExportScope::Village(_)));
    }
}

#[test]
fn locale_puts_times_in_the_device_zone() {
    assert_eq!(
        Locale::new(Lang::Vi, 420).date_time(NOW),
        "30/11/2026 08:00"
    );
    assert_eq!(Locale::new(Lang::En, 0).date_time(NOW), "30/11/2026 01:00");
}

#[test]
fn a_file_received_at_first_run_brings_its_commune_or_says_it_is_not_one() {
    let a = MemoryStore::new(demo_dataset(NOW - 86_400_000), NOW);
    // A whole province is not one commune: nothing is written.
    let province_file = export_file(&a);
    let fresh = MemoryStore::new(Dataset::default(), NOW);
    assert_eq!(
        block_on(receive(&fresh, &province_file, &author(), NOW as f64)),
        Err(ReceiveError::NotOneCommune)
    );
    assert!(fresh.data.borrow().is_empty());
    // A commune's file: its commune, province and villages.
    let commune = a
        .data
        .borrow()
        .units
        .iter()
        .find_map(|u| match &u.data {
            Unit::Commune(c) => Some(c.clone()),
            _ => None,
        })
        .expect("a commune");
    let out = MemoryOut::default();
    let mut req = request(false);
    req.scope = ExportScope::Commune(commune.code.clone());
    req.now_ms = NOW as f64;
    block_on(export(&a, &out, req)).expect("export");
    let file = MemoryFile {
        name: "xa.json".into(),
        bytes: out.files.borrow()[0].1.clone(),
    };
    let got = block_on(receive(&fresh, &file, &author(), NOW as f64)).expect("received");
    assert_eq!(got.commune, commune);
    assert_eq!(got.province.code, commune.province_code);
    assert!(!got.villages.is_empty());
    assert!(got.villages.iter().all(|v| v.commune_code == commune.code));
    assert_eq!(got.sender, "Chị Lan");
    assert_eq!(fresh.log.borrow().len(), 1);
    // Garbage is refused as a file.
    let bad = MemoryFile {
        name: "x.json".into(),
        bytes: b"nope".to_vec(),
    };
    assert!(matches!(
        block_on(receive(&MemoryStore::default(), &bad, &author(), 0.0)),
        Err(ReceiveError::Refused(_))
    ));
}
