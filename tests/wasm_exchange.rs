//! Exchange against IndexedDB in a real browser: an import is all or nothing (a failure
//! in the middle leaves every store byte for byte as it was); files between two devices
//! converge; a concurrent edit shows as a conflict on both and resolving it clears it.
#![cfg(target_arch = "wasm32")]

use ntm::domain::assessment::*;
use ntm::domain::history::EditTarget;
use ntm::domain::merge::{select, Counts, Dataset, ExportScope};
use ntm::domain::units::*;
use ntm::exchange::access::senders::ImportRule;
use ntm::exchange::{self, ImportRecord, Sender};
use ntm::store::{ImportError, Store};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::browser::{author, fresh};
use common::{commune, key};

fn log() -> ImportRecord {
    ImportRecord {
        at_ms: js_sys::Date::now(),
        file_name: "test.json".into(),
        sender: Sender {
            device: "dev-x".into(),
            name: "X".into(),
            role: None,
            unit: None,
        },
        created_at: exchange::rfc3339(0),
        hash: "sha256:test".into(),
        counts: Counts::default(),
        outside_taken: 0,
        outside_left: 0,
    }
}

/// Exports everything from `from` and imports it into `to` as the UI does (file text
/// written and read back, preview, confirm). Returns the counts.
async fn send(from: &Store, to: &Store) -> Counts {
    let data = from.dataset().await.unwrap();
    let file = exchange::build(
        select(&data, &ExportScope::All, None),
        log().sender,
        ExportScope::All,
        None,
        "test",
        js_sys::Date::now() as u64 + 1000,
    );
    let back = exchange::read(exchange::to_json(&file).as_bytes()).expect("our own file reads");
    let preview = to
        .preview_import(&back.content, &ImportRule::Judged)
        .await
        .unwrap();
    to.import(&preview, log(), &[], &author("X", "dev-x"), &mut |_, _| {})
        .await
        .unwrap()
}

fn sorted(mut d: Dataset) -> Dataset {
    d.sort();
    d
}

#[wasm_bindgen_test]
async fn a_failure_in_the_middle_of_an_import_changes_nothing() {
    let (store, name) = fresh().await;
    let a = author("Lan", "dev-a");
    store
        .save_record("commune:00070", commune(), false, &a)
        .await
        .unwrap();
    store
        .set_value(&key(), "3.x1", Entry::of(IndicatorValue::Number(70.0)), &a)
        .await
        .unwrap();
    let before = store.dump().await.unwrap();
    assert!(before.len() > 4, "the database has data: {before:?}");

    // A file from elsewhere: a new village, a changed value... and, written last, a
    // history entry whose clock cannot be stored (beyond JavaScript's safe integers),
    // so the transaction fails after every other write was issued.
    let (other, other_name) = fresh().await;
    let b = author("Minh", "dev-b");
    other
        .save_record("commune:00070", commune(), false, &b)
        .await
        .unwrap();
    let village = Unit::Village(Village {
        id: "v-9".into(),
        commune_code: "00070".into(),
        name: "Thôn Chín".into(),
        kind: VillageKind::Thon,
        merged_into: None,
        archived: false,
    });
    other
        .save_record("village:v-9", village, false, &b)
        .await
        .unwrap();
    other
        .set_value(&key(), "3.x1", Entry::of(IndicatorValue::Number(90.0)), &b)
        .await
        .unwrap();
    let mut incoming = other.dataset().await.unwrap();
    incoming.sort();
    let mut preview = store
        .preview_import(&incoming, &ImportRule::Judged)
        .await
        .unwrap();
    assert!(preview.plan.counts.new > 0 && !preview.plan.writes.history.is_empty());
    // The last write cannot be stored (a number JavaScript cannot hold exactly), so the
    // transaction fails after the others were written in it. (A file cannot bring such a
    // stamp: it would be refused as from the future; the plan is altered here.)
    let last = preview.plan.writes.history.last_mut().unwrap();
    last.stamp.hlc.wall_ms = 1 << 60;
    match store
        .import(&preview, log(), &[], &author("X", "dev-x"), &mut |_, _| {})
        .await
    {
        Err(ImportError::Store(_)) => {}
        other => panic!("expected a store failure, got {other:?}"),
    }
    assert_eq!(
        store.dump().await.unwrap(),
        before,
        "byte for byte as before"
    );

    // A refused file never reaches the store.
    assert!(exchange::read(b"{\"format\":\"ntm-exchange\",\"schema_version\":1").is_err());
    assert_eq!(store.dump().await.unwrap(), before);

    // A confirmation against a stale preview is refused, and changes nothing either: an
    // edit landed between the preview and the confirmation.
    let good = other.dataset().await.unwrap();
    let preview = store
        .preview_import(&good, &ImportRule::Judged)
        .await
        .unwrap();
    assert!(preview.plan.counts.new > 0);
    store
        .set_value(&key(), "3.x1", Entry::of(IndicatorValue::Number(75.0)), &a)
        .await
        .unwrap();
    let edited = store.dump().await.unwrap();
    assert_ne!(edited, before);
    match store
        .import(&preview, log(), &[], &author("X", "dev-x"), &mut |_, _| {})
        .await
    {
        Err(ImportError::ChangedSincePreview) => {}
        other => panic!("expected ChangedSincePreview, got {other:?}"),
    }
    assert_eq!(store.dump().await.unwrap(), edited);
    // Previewed again, it imports.
    let again = store
        .preview_import(&good, &ImportRule::Judged)
        .await
        .unwrap();
    assert!(store
        .import(&again, log(), &[], &author("X", "dev-x"), &mut |_, _| {})
        .await
        .is_ok());
    assert_ne!(store.dump().await.unwrap(), edited);

    store.close();
    other.close();
    Store::delete_database(&name).await.unwrap();
    Store::delete_database(&other_name).await.unwrap();
}

#[wasm_bindgen_test]
async fn two_devices_converge_and_a_concurrent_edit_is_a_conflict_until_resolved() {
    let (head, n1) = fresh().await;
    let (official, n2) = fresh().await;
    let (lan, minh) = (author("Lan", "dev-head"), author("Minh", "dev-official"));
    head.save_record("commune:00070", commune(), false, &lan)
        .await
        .unwrap();
    head.set_value(
        &key(),
        "3.x1",
        Entry::of(IndicatorValue::Number(70.0)),
        &lan,
    )
    .await
    .unwrap();
    let first = send(&head, &official).await;
    assert_eq!(first.new, 2);

    // Sending the same again changes nothing.
    let again = send(&head, &official).await;
    assert_eq!((again.new, again.updated, again.conflicts), (0, 0, 0));
    assert_eq!(again.unchanged, 2);

    // Both change the same value without seeing each other's edit.
    head.set_value(
        &key(),
        "3.x1",
        Entry::of(IndicatorValue::Number(80.0)),
        &lan,
    )
    .await
    .unwrap();
    official
        .set_value(
            &key(),
            "3.x1",
            Entry::of(IndicatorValue::Number(85.0)),
            &minh,
        )
        .await
        .unwrap();
    let c1 = send(&official, &head).await;
    assert_eq!(c1.conflicts, 1);
    let c2 = send(&head, &official).await;
    assert_eq!(c2.conflicts, 1);
    let on_head = head.conflicts().await.unwrap();
    assert_eq!(on_head.len(), 1);
    assert_eq!(on_head, official.conflicts().await.unwrap());
    assert_eq!(
        sorted(head.dataset().await.unwrap()),
        sorted(official.dataset().await.unwrap())
    );

    // The village head reinstates the losing value: a new edit that resolves it.
    let losing = on_head[0].other.new.clone().unwrap();
    head.resolve_conflict(&on_head[0], &losing, &lan)
        .await
        .unwrap();
    assert!(head.conflicts().await.unwrap().is_empty());
    send(&head, &official).await;
    assert!(official.conflicts().await.unwrap().is_empty());
    let a = official.assessment(&key()).await.unwrap().unwrap();
    let reinstated: Entry<IndicatorValue> = serde_json::from_value(losing).unwrap();
    assert_eq!(a.value("3.x1"), reinstated.value.as_ref());
    assert_eq!(
        sorted(head.dataset().await.unwrap()),
        sorted(official.dataset().await.unwrap())
    );
    assert_eq!(official.import_log().await.unwrap().len(), 4);

    head.close();
    official.close();
    Store::delete_database(&n1).await.unwrap();
    Store::delete_database(&n2).await.unwrap();
}

#[wasm_bindgen_test]
async fn local_edits_record_what_they_were_built_on() {
    let (store, name) = fresh().await;
    let a = author("Lan", "dev-a");
    store
        .set_value(&key(), "3.x1", Entry::of(IndicatorValue::Number(1.0)), &a)
        .await
        .unwrap();
    store
        .set_value(&key(), "3.x1", Entry::of(IndicatorValue::Number(2.0)), &a)
        .await
        .unwrap();
    let target = EditTarget::Value {
        assessment: key().id(),
        indicator: "3.x1".into(),
    };
    let h = store.history(&target).await.unwrap();
    assert_eq!(h[0].entry.base, Some(vec![]));
    assert_eq!(h[1].entry.base, Some(vec![h[0].entry.stamp.clone()]));
    store.close();
    Store::delete_database(&name).await.unwrap();
}

/// A file with `n` new villages of commune 00070 (and the commune), made by another device.
async fn many_villages(n: usize) -> Dataset {
    let (other, _) = fresh().await;
    let b = author("Minh", "dev-b");
    other
        .save_record("commune:00070", commune(), false, &b)
        .await
        .unwrap();
    let mut incoming = other.dataset().await.unwrap();
    let stamp = incoming.units[0].stamp.clone();
    for i in 0..n {
        let village = Unit::Village(Village {
            id: format!("v-{i}"),
            commune_code: "00070".into(),
            name: format!("Thôn {i}"),
            kind: VillageKind::Thon,
            merged_into: None,
            archived: false,
        });
        incoming
            .units
            .push(common::record(format!("village:v-{i}"), village));
        incoming.units.last_mut().unwrap().stamp = stamp.clone();
    }
    incoming
}

#[wasm_bindgen_test]
async fn a_large_import_is_written_in_chunks_with_progress_and_still_all_or_nothing() {
    let (store, _) = fresh().await;
    let before = store.dump().await.unwrap();
    let incoming = many_villages(7_000).await;

    // A failure after several chunks were written and waited for changes nothing.
    let mut preview = store
        .preview_import(&incoming, &ImportRule::Judged)
        .await
        .unwrap();
    let total = preview.plan.writes.len();
    assert!(total > 7_000, "{total}");
    let mut bad = incoming.units[0].clone();
    bad.stamp.hlc.wall_ms = 1 << 60;
    preview
        .plan
        .writes
        .history
        .push(ntm::domain::history::HistoryEntry {
            stamp: bad.stamp.clone(),
            ..preview.plan.writes.history[0].clone()
        });
    let mut seen = Vec::new();
    let result = store
        .import(&preview, log(), &[], &author("X", "dev-x"), &mut |d, t| {
            seen.push((d, t))
        })
        .await;
    assert!(matches!(result, Err(ImportError::Store(_))), "{result:?}");
    assert!(seen.len() >= 3, "progress after each chunk: {seen:?}");
    assert!(seen.iter().all(|(d, t)| d < t), "never said done: {seen:?}");
    assert_eq!(
        store.dump().await.unwrap(),
        before,
        "byte for byte as before"
    );

    // The same file, unaltered: every row written, progress up to the total.
    let preview = store
        .preview_import(&incoming, &ImportRule::Judged)
        .await
        .unwrap();
    let total = preview.plan.writes.len();
    let mut seen = Vec::new();
    store
        .import(&preview, log(), &[], &author("X", "dev-x"), &mut |d, t| {
            seen.push((d, t))
        })
        .await
        .unwrap();
    assert_eq!(seen.last(), Some(&(total, total)));
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "{seen:?}");
    let units = store.dataset().await.unwrap().units;
    assert_eq!(units.len(), 7_001);
    // Read alone, as the page loads its workspace (decoded in slices, the event loop let
    // in between): the same records, in the same order.
    assert_eq!(store.records::<Unit>().await.unwrap(), units);
}

/// In the browser, NFC and search folding are the browser's own normalisation
/// (`ntm::unicode`): every Vietnamese letter, precomposed or typed as a base letter with
/// combining marks, is stored the same and folds to its base letter.
#[wasm_bindgen_test]
fn browser_normalisation_handles_every_vietnamese_letter() {
    use ntm::domain::text::{clean, fold};
    use ntm::unicode::{is_nfc, nfc};
    // Each base vowel with the five tone marks (grave, acute, hook, tilde, dot below),
    // as combining sequences; the precomposed letters, in the same order.
    let bases = [
        ("a", 'a'),
        ("ă", 'a'),
        ("â", 'a'),
        ("e", 'e'),
        ("ê", 'e'),
        ("i", 'i'),
        ("o", 'o'),
        ("ô", 'o'),
        ("ơ", 'o'),
        ("u", 'u'),
        ("ư", 'u'),
        ("y", 'y'),
    ];
    let precomposed = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ";
    let tones = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];
    let mut expected = precomposed.chars();
    for (base, folded) in bases {
        for tone in tones {
            let want = expected.next().unwrap().to_string();
            // The base letter's own mark (breve, circumflex, horn) written out too.
            let combining: String = base
                .chars()
                .flat_map(|c| match c {
                    'ă' => vec!['a', '\u{306}'],
                    'â' => vec!['a', '\u{302}'],
                    'ê' => vec!['e', '\u{302}'],
                    'ô' => vec!['o', '\u{302}'],
                    'ơ' => vec!['o', '\u{31B}'],
                    'ư' => vec!['u', '\u{31B}'],
                    c => vec![c],
                })
                .collect::<String>()
                + tone;
            assert_eq!(nfc(&combining), want, "{combining:?}");
            assert_eq!(nfc(&format!("{base}{tone}")), want);
            assert!(is_nfc(&want));
            assert_eq!(is_nfc(&combining), combining == want, "{combining:?}");
            let upper = want.to_uppercase();
            assert_eq!(fold(&want), folded.to_string());
            assert_eq!(fold(&upper), folded.to_string(), "{upper}");
            assert_eq!(fold(&combining), folded.to_string());
        }
    }
    assert!(expected.next().is_none());
    assert_eq!(fold("  ĐẮK   LẮK "), "dak lak");
    assert_eq!(clean(" Thie\u{0323}\u{0302}u   Vu\u{0303} "), "Thiệu Vũ");
    // Many names folded in one call give what each folded alone gives.
    let names = [
        "Xã Thiệu Vũ",
        "",
        "  ĐẮK   LẮK ",
        "Thie\u{0323}\u{0302}u",
        "a\u{1F}b",
        "Ấp Ổn",
    ];
    let one_by_one: Vec<String> = names.iter().map(|n| fold(n)).collect();
    assert_eq!(ntm::domain::text::fold_all(&names), one_by_one);
    assert_eq!(ntm::domain::text::fold_all(&names[..4]), one_by_one[..4]);
    assert_eq!(ntm::unicode::upper("đạt chuẩn"), "ĐẠT CHUẨN");
    assert_eq!(ntm::unicode::lower("Ấp Ổn"), "ấp ổn");
}

/// The workspace's load reads assessments a few hundred at a time (each holds a whole
/// period's values): more than one slice reads back every assessment, in key order, as one
/// transaction reading them all does.
#[wasm_bindgen_test]
async fn assessments_read_in_slices_are_all_there() {
    let (store, _) = fresh().await;
    let who = author("X", "dev-x");
    for i in 0..450 {
        let key = AssessmentKey {
            unit: UnitRef::Commune(format!("{i:05}")),
            ..key()
        };
        store
            .set_mark(&key, "1", Entry::of(CriterionMark::Met), &who)
            .await
            .unwrap();
    }
    let sliced = store.assessments().await.unwrap();
    assert_eq!(sliced.len(), 450);
    assert_eq!(sliced, store.dataset().await.unwrap().assessments);
}

/// Every kind of record read in slices (the page's workspace read) equals the same rows
/// read in one transaction (an export's), on the demo data set: dates, numbers, optional
/// fields, maps, history values.
#[wasm_bindgen_test]
async fn every_kind_read_in_slices_equals_the_whole_read() {
    use ntm::domain::criteria::CriteriaSet;
    use ntm::domain::ocop::{Product, Rating};
    use ntm::domain::plans::Plan;
    use ntm::domain::recognition::Recognition;
    use ntm::domain::resources::{Quantity, ResourceEntry};
    let (store, _) = fresh().await;
    store.load_demo_set().await.unwrap();
    let whole = store.dataset().await.unwrap();
    assert!(!whole.ocop_ratings.is_empty() && !whole.recognitions.is_empty());
    assert_eq!(store.records::<Unit>().await.unwrap(), whole.units);
    assert_eq!(
        store.records::<Product>().await.unwrap(),
        whole.ocop_products
    );
    assert_eq!(store.records::<Rating>().await.unwrap(), whole.ocop_ratings);
    assert_eq!(store.records::<Plan>().await.unwrap(), whole.plans);
    assert_eq!(store.records::<CriteriaSet>().await.unwrap(), whole.sets);
    assert_eq!(
        store.records::<Recognition>().await.unwrap(),
        whole.recognitions
    );
    assert_eq!(store.records::<Quantity>().await.unwrap(), whole.quantities);
    assert_eq!(
        store.records::<ResourceEntry>().await.unwrap(),
        whole.resources
    );
    assert_eq!(store.assessments().await.unwrap(), whole.assessments);
}
