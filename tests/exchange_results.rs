//! Recognition steps, a province's own quantities and resource figures in exchange files
//! (schema 3): a file with them reads back to what was written and says version 3; a file
//! without them stays version 2 (readable by phones not updated yet); every kind of bad
//! field is refused with where it is, and nothing of the file is kept.

use chrono::NaiveDate;
use ntm::domain::assessment::Period;
use ntm::domain::criteria::SetLevel;
use ntm::domain::history::{EditTarget, HistoryEntry};
use ntm::domain::merge::{body_json, Dataset, ExportScope};
use ntm::domain::profile::Lang;
use ntm::domain::recognition::{Recognition, Step};
use ntm::domain::resources::{Quantity, ResourceEntry};
use ntm::domain::sync::{Hlc, Record, Stamp};
use ntm::domain::units::UnitRef;
use ntm::exchange::{self, read, Refusal, Sender};

/// 1/6/2025 00:00 UTC.
const CREATED_MS: u64 = 1_748_736_000_000;

fn record<T>(id: &str, data: T, minute: u64) -> Record<T> {
    Record {
        id: id.into(),
        data,
        stamp: Stamp {
            hlc: Hlc {
                wall_ms: CREATED_MS - 86_400_000 + minute * 60_000,
                counter: 0,
            },
            device: "dev-a".into(),
            author: "Chị Lan".into(),
        },
        archived: false,
    }
}

fn recognition() -> Recognition {
    Recognition {
        id: "rec-1".into(),
        unit: UnitRef::Commune("15889".into()),
        level: SetLevel::XaNangCao,
        step: Step::Recognised,
        target_year: None,
        date: NaiveDate::from_ymd_opt(2025, 3, 14).unwrap(),
        decision_no: "512/QĐ-UBND".into(),
        issuer: "UBND tỉnh Thanh Hóa".into(),
        note: String::new(),
    }
}

fn quantity() -> Quantity {
    Quantity {
        id: "q-hedges".into(),
        group: "landscape".into(),
        name: "Hàng rào xanh".into(),
        name_en: None,
        unit: "km".into(),
    }
}

fn resource(quantity: &str, value: f64) -> ResourceEntry {
    let unit = UnitRef::Commune("15889".into());
    let period = Period::first_half(2025);
    ResourceEntry {
        id: ResourceEntry::record_id(&unit, period, quantity),
        unit,
        period,
        quantity: quantity.into(),
        value,
        source: "Báo cáo 45/BC-UBND".into(),
        note: "cộng dồn 6 tháng".into(),
    }
}

fn content(rec: Recognition, q: Quantity, res: ResourceEntry) -> Dataset {
    let recs = vec![record(&rec.id.clone(), rec, 1)];
    let qs = vec![record(&q.id.clone(), q, 2)];
    let ress = vec![record(&res.id.clone(), res, 3)];
    let history = vec![
        HistoryEntry::new(
            EditTarget::Recognition {
                id: recs[0].id.clone(),
            },
            None,
            Some(body_json(&recs[0])),
            recs[0].stamp.clone(),
        ),
        HistoryEntry::new(
            EditTarget::Resource {
                id: ress[0].id.clone(),
            },
            None,
            Some(body_json(&ress[0])),
            ress[0].stamp.clone(),
        ),
    ];
    Dataset {
        recognitions: recs,
        quantities: qs,
        resources: ress,
        history,
        ..Dataset::default()
    }
}

fn file_text(content: Dataset) -> String {
    let sender = Sender {
        device: "dev-a".into(),
        name: "Chị Lan".into(),
        role: None,
        unit: None,
    };
    exchange::to_json(&exchange::build(
        content,
        sender,
        ExportScope::All,
        None,
        "0.1.0",
        CREATED_MS,
    ))
}

/// The field problems of a refused file, as "path: message".
fn problems(text: &str) -> Vec<String> {
    match read(text.as_bytes()) {
        Err(Refusal::Invalid(errors)) => errors
            .iter()
            .map(|e| format!("{}: {}", e.path, e.problem.message(Lang::Vi)))
            .collect(),
        other => panic!("not refused field by field: {other:?}"),
    }
}

#[test]
fn results_read_back_and_make_the_file_version_3() {
    let c = content(recognition(), quantity(), resource("q-hedges", 2.25));
    let text = file_text(c.clone());
    assert!(text.contains("\"schema_version\":3"));
    let back = read(text.as_bytes()).expect("reads");
    assert_eq!(back.content.recognitions, c.recognitions);
    assert_eq!(back.content.quantities, c.quantities);
    assert_eq!(back.content.resources, c.resources);

    // Without them the file stays version 2, and has no empty lists of them.
    let plain = file_text(Dataset::default());
    assert!(plain.contains("\"schema_version\":2"));
    assert!(!plain.contains("recognitions"));
    // A file of a newer version than this app reads asks for an update.
    let newer = text.replace("\"schema_version\":3", "\"schema_version\":4");
    assert_eq!(read(newer.as_bytes()), Err(Refusal::TooNew { version: 4 }));
}

#[test]
fn bad_results_are_refused_field_by_field() {
    let village_level = Recognition {
        level: SetLevel::ThonNtm,
        ..recognition()
    };
    let registration_without_year = Recognition {
        id: "rec-2".into(),
        step: Step::Registered,
        ..recognition()
    };
    let future = Recognition {
        date: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
        ..recognition()
    };
    let builtin = Quantity {
        id: "road_new".into(),
        ..quantity()
    };
    let negative = resource("road_new", -3.0);
    let mut wrong_id = resource("drain", 1.0);
    wrong_id.id = "r-000000000000000000000000".into();

    let p = problems(&file_text(content(village_level, quantity(), negative)));
    assert!(
        p.iter()
            .any(|m| m.starts_with("content.recognitions[0].data.level: ")),
        "{p:#?}"
    );
    assert!(
        p.iter()
            .any(|m| m.starts_with("content.resources[0].data.value: ")),
        "{p:#?}"
    );

    let p = problems(&file_text(content(
        registration_without_year,
        builtin,
        wrong_id,
    )));
    assert!(
        p.iter()
            .any(|m| m.starts_with("content.recognitions[0].data.target_year: ")),
        "{p:#?}"
    );
    assert!(p.iter().any(|m| m.contains("content.quantities[0].data.id: mã này thuộc một đại lượng có sẵn")), "{p:#?}");
    assert!(
        p.iter().any(|m| m.starts_with("content.resources[0].id: ")),
        "{p:#?}"
    );

    // The record and the history entry that wrote it, each where it is.
    let p = problems(&file_text(content(
        future,
        quantity(),
        resource("drain", 1.0),
    )));
    assert_eq!(
        p,
        [
            "content.recognitions[0].data.date: ngày 01/01/2030 không hợp lý (trước 2010 hoặc sau ngày tạo tệp)",
            "content.history[0].new.data.date: ngày 01/01/2030 không hợp lý (trước 2010 hoặc sau ngày tạo tệp)",
        ]
    );
}
