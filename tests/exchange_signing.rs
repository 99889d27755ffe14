//! Signed files (issue 31): a file's signature covers its header and content; a receiving
//! phone pins each sender's key at the first file and judges later files by it. On
//! in-memory phones (each with its own ECDSA P-256 key, as WebCrypto makes in the
//! browser): signing and verification round-trip; a changed byte, a changed header, a file
//! replayed under another device id are refused; another key under a known device id is
//! refused; a known device whose header claims another role is flagged and judged by what
//! its key is known for; an unsigned file still imports, marked so.

mod common;

use futures::executor::block_on;
use ntm::app::export::{export, ExportOutcome, ExportRequest};
use ntm::app::import::{confirm, open, Held, ImportState, OutsideChoice};
use ntm::app::memory::{verify_p256, MemoryFile, MemoryOut, MemoryStore};
use ntm::domain::merge::{select, Dataset, ExportScope};
use ntm::domain::profile::{Lang, Role};
use ntm::domain::units::Unit;
use ntm::exchange::signing::{self, check_sender, SenderCheck};
use ntm::exchange::{self, Refusal, Sender};
use ntm::present::{import_outside, Locale};
use ntm::store::Author;
use serde_json::Value;

const NOW: u64 = 1_796_000_400_000;

fn demo_commune() -> (Dataset, String, String) {
    let s = common::stamp_at(1_780_000_000_000);
    let mut d = common::demo_dataset(7, &s);
    d.sets = common::set_records(ntm::domain::demo::generate(7, &s).results.sets, &s);
    let village = d
        .units
        .iter()
        .find_map(|u| match &u.data {
            Unit::Village(v) => Some(v.clone()),
            _ => None,
        })
        .unwrap();
    let commune = village.commune_code.clone();
    (
        select(&d, &ExportScope::Commune(commune.clone()), None),
        commune,
        village.id,
    )
}

fn head_sender(device: &str, village: &str) -> Sender {
    Sender {
        device: device.into(),
        name: "Lò Văn Ánh".into(),
        role: Some(Role::TruongThon),
        unit: Some(format!("village:{village}")),
    }
}

/// The file `from` exports of `scope`, as bytes.
fn export_bytes(from: &MemoryStore, scope: ExportScope, sender: Sender) -> Vec<u8> {
    let out = MemoryOut::default();
    let request = ExportRequest {
        scope,
        scope_name: "Thôn".into(),
        only_changes: false,
        compress: false,
        share: false,
        sender,
        now_ms: NOW as f64,
    };
    let ExportOutcome::Sent(_) = block_on(export(from, &out, request)).unwrap() else {
        panic!("not sent")
    };
    let bytes = out.files.borrow()[0].1.clone();
    bytes
}

fn file(bytes: Vec<u8>) -> MemoryFile {
    MemoryFile {
        name: "tep.json".into(),
        bytes,
    }
}

/// The file's JSON changed by `edit`, its hash made right again (as a forger would).
fn forged(bytes: &[u8], edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(bytes).unwrap();
    edit(&mut v);
    v["hash"] = Value::String(exchange::content_hash(&v["content"]));
    serde_json::to_vec(&v).unwrap()
}

fn checked(bytes: &[u8]) -> Result<SenderCheck, Refusal> {
    let f = exchange::read(bytes).expect("readable");
    check_sender(&f, None, |key, value| verify_p256(key, &f.signed, value))
}

fn official() -> Author {
    Author {
        name: "Cán bộ xã".into(),
        device: "may-xa".into(),
    }
}

fn preview(store: &MemoryStore, bytes: &[u8]) -> Held {
    match block_on(open(store, &file(bytes.to_vec()), |_| {})) {
        Ok(h) => h,
        Err(e) => panic!("no preview: {e:?}"),
    }
}

#[test]
fn a_signed_file_verifies_and_any_change_to_it_is_caught() {
    let (data, commune, village) = demo_commune();
    let head = MemoryStore::new(data, NOW);
    let key = block_on(ntm::app::ports::ExchangeStore::signing_key(&head)).unwrap();
    let device = signing::key_device_id(&key);
    let bytes = export_bytes(
        &head,
        ExportScope::Village(village.clone()),
        head_sender(&device, &village),
    );
    let read = exchange::read(&bytes).unwrap();
    let sig = read.header.signature.clone().expect("signed");
    assert_eq!(sig.alg, "ES256");
    assert_eq!(
        checked(&bytes),
        Ok(SenderCheck::New {
            fingerprint: signing::fingerprint(&key)
        })
    );
    assert!(signing::fingerprint(&key).len() == 9 && signing::fingerprint(&key).contains('-'));

    // A changed value, hash recomputed: the signature no longer matches.
    let changed = forged(&bytes, |v| {
        let units = v["content"]["units"].as_array_mut().unwrap();
        let village = units
            .iter_mut()
            .find(|u| u["id"].as_str().unwrap().starts_with("village:"))
            .unwrap();
        village["data"]["unit"]["name"] = "Thôn Đổi Tên".into();
    });
    assert_eq!(checked(&changed), Err(Refusal::BadSignature));
    // A changed header: another role claimed.
    let claimed = forged(&bytes, |v| {
        v["sender"]["role"] = "can_bo_tinh".into();
        v["sender"]["unit"] = "province:99".into();
    });
    assert_eq!(checked(&claimed), Err(Refusal::BadSignature));
    // The same file replayed under another device id.
    let replayed = forged(&bytes, |v| v["sender"]["device"] = "may-khac".into());
    assert_eq!(checked(&replayed), Err(Refusal::BadSignature));
    // Re-signed by another device, under this device's key-made id.
    let other = MemoryStore::new(Dataset::default(), NOW);
    let resigned = {
        let mut f = exchange::read(&claimed).unwrap();
        f.header.signature = None;
        let message = signing::signed_bytes(&f.header, &f.hash);
        let k = block_on(ntm::app::ports::ExchangeStore::signing_key(&other)).unwrap();
        let s = block_on(ntm::app::ports::ExchangeStore::sign(&other, &message)).unwrap();
        f.header.signature = Some(signing::Signature::new(&k, &s));
        exchange::to_json(&f).into_bytes()
    };
    assert_eq!(
        checked(&resigned),
        Err(Refusal::BadSignature),
        "an id made from another key"
    );
    // Re-indenting the file changes nothing.
    let pretty =
        serde_json::to_vec_pretty(&serde_json::from_slice::<Value>(&bytes).unwrap()).unwrap();
    assert!(checked(&pretty).is_ok());
    // A signature of another form.
    let odd = forged(&bytes, |v| v["signature"]["alg"] = "EdDSA".into());
    assert_eq!(checked(&odd), Err(Refusal::BadSignature));
    let _ = commune;
}

#[test]
fn a_sender_is_pinned_at_first_contact_and_known_by_its_key_after() {
    let (data, commune, village) = demo_commune();
    let head = MemoryStore::new(data.clone(), NOW);
    let device = "may-anh".to_string();
    let bytes = export_bytes(
        &head,
        ExportScope::Village(village.clone()),
        head_sender(&device, &village),
    );
    let units = Dataset {
        units: data.units.clone(),
        ..Dataset::default()
    };
    let receiver = MemoryStore::new(units, NOW);
    let locale = Locale::new(Lang::Vi, 420);

    // First contact: a new device, its fingerprint to compare; pinned on import.
    let mut held = preview(&receiver, &bytes);
    let SenderCheck::New { fingerprint } = held.pending.sender_check.clone() else {
        panic!("{:?}", held.pending.sender_check)
    };
    let note = import_outside::sender_note(&held.pending, locale);
    assert_eq!(note.kind, "new");
    assert!(note.text.contains(&fingerprint));
    let done = block_on(confirm(
        &receiver,
        &mut held,
        &[],
        &OutsideChoice::None,
        &official(),
        NOW as f64,
        |_| {},
    ));
    assert!(matches!(done, ImportState::Done { .. }));
    assert!(receiver.known_senders.borrow().contains_key(&device));

    // Next file from that device: known.
    let held = preview(&receiver, &bytes);
    assert!(matches!(
        held.pending.sender_check,
        SenderCheck::Known { .. }
    ));
    assert_eq!(
        import_outside::sender_note(&held.pending, locale).kind,
        "known"
    );

    // The same device (same key) now claims to be the province's official, and sends the
    // commune's values: flagged, and judged as the village head its key is known for.
    let claims = Sender {
        device: device.clone(),
        name: "Cán bộ tỉnh".into(),
        role: Some(Role::CanBoTinh),
        unit: Some("province:99".into()),
    };
    let bytes = export_bytes(&head, ExportScope::Commune(commune.clone()), claims);
    let mut held = preview(&receiver, &bytes);
    let note = import_outside::sender_note(&held.pending, locale);
    assert_eq!(note.kind, "differs");
    assert!(note.alarming);
    assert!(note.text.contains("Cán bộ tỉnh") && note.text.contains("Lò Văn Ánh"));
    assert!(
        held.pending.outside_total > 0,
        "the commune's values are not his to write"
    );
    block_on(confirm(
        &receiver,
        &mut held,
        &[],
        &OutsideChoice::None,
        &official(),
        NOW as f64,
        |_| {},
    ));
    let log = receiver.log.borrow().last().cloned().unwrap();
    assert_eq!(
        log.sender.name, "Lò Văn Ánh",
        "the log says what the key is known for"
    );
    assert_eq!(log.sender.role, Some(Role::TruongThon));

    // Another phone writing under that device id, with its own key: refused.
    let impostor = MemoryStore::new(data, NOW);
    let bytes = export_bytes(
        &impostor,
        ExportScope::Village(village.clone()),
        head_sender(&device, &village),
    );
    let refused = block_on(open(&receiver, &file(bytes), |_| {}));
    let Err(ImportState::Refused {
        refusal:
            Refusal::OtherKey {
                device: d,
                known,
                found,
            },
        ..
    }) = refused
    else {
        panic!("{refused:?}")
    };
    assert_eq!(d, device);
    assert_ne!(known, found);
}

#[test]
fn an_unsigned_file_still_imports_marked_and_judged_by_its_claims() {
    let (data, _, village) = demo_commune();
    let head = MemoryStore::new(data.clone(), NOW);
    let bytes = export_bytes(
        &head,
        ExportScope::Village(village.clone()),
        head_sender("may-cu", &village),
    );
    let mut v: Value = serde_json::from_slice(&bytes).unwrap();
    v.as_object_mut().unwrap().remove("signature");
    let bytes = serde_json::to_vec(&v).unwrap();
    let receiver = MemoryStore::new(
        Dataset {
            units: data.units.clone(),
            ..Dataset::default()
        },
        NOW,
    );
    let mut held = preview(&receiver, &bytes);
    assert_eq!(held.pending.sender_check, SenderCheck::Unsigned);
    let note = import_outside::sender_note(&held.pending, Locale::new(Lang::Vi, 420));
    assert_eq!(note.kind, "unsigned");
    assert!(note.text.contains("chưa ký"));
    let done = block_on(confirm(
        &receiver,
        &mut held,
        &[],
        &OutsideChoice::None,
        &official(),
        NOW as f64,
        |_| {},
    ));
    assert!(matches!(done, ImportState::Done { .. }));
    assert!(receiver.known_senders.borrow().is_empty(), "nothing to pin");
}
