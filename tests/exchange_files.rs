//! Exchange files: a good file reads back to what was written; every file of the bad-file
//! corpus (tests/exchange_corpus, made by scripts/make-bad-files.mjs from good.json) is
//! refused with its specific messages.
//!
//! good.json is regenerated with
//! `cargo test --test exchange_files -- --ignored write_good_file`.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use ntm::domain::assessment::*;
use ntm::domain::criteria::{builtin_sets, derive_custom, SetId};
use ntm::domain::history::{same_json_option, EditTarget, HistoryEntry, RecordBody};
use ntm::domain::merge::{body_json, plan_merge, Dataset, ExportScope};
use ntm::domain::ocop::{CertifyingLevel, OcopGroup, Points, ProducerKind, Product, Rating};
use ntm::domain::plans::{Plan, PlanItem};
use ntm::domain::profile::{Lang, Role};
use ntm::domain::stats::Scope;
use ntm::domain::sync::{Hlc, Record, Stamp};
use ntm::domain::units::*;
use ntm::exchange::{self, read, Refusal, Sender, MAX_UNITS};
use unicode_normalization::UnicodeNormalization;

/// 2025-11-20T00:00:00Z, when good.json says it was made.
const CREATED_MS: u64 = 1_763_596_800_000;

fn stamp(minute: u64) -> Stamp {
    Stamp {
        hlc: Hlc {
            wall_ms: CREATED_MS - 86_400_000 + minute * 60_000,
            counter: 0,
        },
        device: "b6d19947-a0cd-4073-b906-7551b7e3f499".into(),
        author: "Nguyễn Thị Hoa".into(),
    }
}

fn record<T>(id: &str, data: T, minute: u64) -> Record<T> {
    Record {
        id: id.into(),
        data,
        stamp: stamp(minute),
        archived: false,
    }
}

/// A small but complete dataset: every kind of record, a custom set, history.
fn sample() -> Dataset {
    let province = Unit::Province(Province {
        code: "38".into(),
        name: "Thanh Hóa".into(),
    });
    let commune = Unit::Commune(Commune {
        code: "15889".into(),
        name: "Xã Thiệu Hóa".into(),
        kind: CommuneKind::Xa,
        province_code: "38".into(),
        legacy_district: None,
        region: Some(Region::Btb),
        group: None,
        village_set: None,
        archived: false,
    });
    let village = Unit::Village(Village {
        id: "v-dong".into(),
        commune_code: "15889".into(),
        name: "Thôn Đông".into(),
        kind: VillageKind::Thon,
        merged_into: None,
        archived: false,
    });
    let base = builtin_sets()
        .into_iter()
        .find(|s| s.code == "QD318_2022_XA")
        .unwrap();
    let custom = derive_custom(
        &base,
        "5c1f6a0e-7d2b-4e8f-9a31-0b6c2d4e8f10",
        "TH_XA_2025",
        "Bộ tiêu chí xã Thanh Hóa 2025",
    );

    let mut a = Assessment::new(AssessmentKey {
        unit: UnitRef::Commune("15889".into()),
        set: base.set_id(),
        period: Period::year(2025),
    });
    let mut history = Vec::new();
    history.push(a.set_value(
        "3.x1",
        Entry {
            value: Some(IndicatorValue::Number(82.5)),
            note: "Báo cáo thủy lợi 2025".into(),
        },
        stamp(10),
    ));
    history.push(a.set_mark("1", Entry::of(CriterionMark::Met), stamp(11)));
    history.push(a.set_value("3.x2", Entry::of(IndicatorValue::YesNo(true)), stamp(12)));
    let mut b = Assessment::new(AssessmentKey {
        unit: UnitRef::Village("v-dong".into()),
        set: custom.set_id(),
        period: Period::first_half(2025),
    });
    history.push(b.set_mark("2", Entry::of(CriterionMark::NotMet), stamp(13)));

    let product = Product {
        id: "p-che".into(),
        name: "Chè búp Thiệu Hóa".into(),
        group: OcopGroup::DoUong,
        subgroup: "Chè".into(),
        producer: "HTX Chè Đông".into(),
        producer_kind: ProducerKind::HopTacXa,
        commune_code: "15889".into(),
        archived: false,
    };
    let rating = Rating {
        id: "r-che-2024".into(),
        product_id: "p-che".into(),
        points: Points {
            a: 30.0,
            b: 18.0,
            c: 24.0,
        },
        certified_by: CertifyingLevel::Province,
        decision_no: "123/QĐ-UBND".into(),
        issue_date: NaiveDate::from_ymd_opt(2024, 5, 10).unwrap(),
    };
    let plan = Plan {
        id: "plan-38-2025".into(),
        scope: Scope::Province("38".into()),
        year: 2025,
        targets: vec![(PlanItem::CommunesNtm, 12), (PlanItem::OcopProducts, 5)],
        average_criteria: None,
        min_criteria: None,
    };
    let units = vec![
        record("province:38", province, 1),
        record("commune:15889", commune, 2),
        record("village:v-dong", village, 3),
    ];
    for u in &units {
        history.push(HistoryEntry::new(
            EditTarget::Unit { id: u.id.clone() },
            None,
            Some(body_json(u)),
            u.stamp.clone(),
        ));
    }
    let set_record = record(&custom.set_id().to_string(), custom, 4);
    history.push(HistoryEntry::new(
        EditTarget::CriteriaSet {
            id: set_record.id.clone(),
        },
        None,
        Some(body_json(&set_record)),
        set_record.stamp.clone(),
    ));
    Dataset {
        units,
        ocop_products: vec![record("p-che", product, 5)],
        ocop_ratings: vec![record("r-che-2024", rating, 6)],
        plans: vec![record("plan-38-2025", plan, 7)],
        sets: vec![set_record],
        assessments: vec![a, b],
        history,
        // Version-2 content: recognitions and resources are tested in exchange_results.rs.
        ..Dataset::default()
    }
}

fn sender() -> Sender {
    Sender {
        device: "b6d19947-a0cd-4073-b906-7551b7e3f499".into(),
        name: "Nguyễn Thị Hoa".into(),
        role: Some(Role::CanBoXa),
        unit: Some("commune:15889".into()),
    }
}

fn good_file() -> exchange::ExchangeFile {
    exchange::build(
        sample(),
        sender(),
        ExportScope::All,
        None,
        "0.1.0",
        CREATED_MS,
    )
}

fn corpus() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/exchange_corpus"
    ))
}

#[test]
#[ignore = "writes tests/exchange_corpus/good.json; run by hand when the format changes"]
fn write_good_file() {
    let json = serde_json::to_string_pretty(&good_file()).unwrap();
    std::fs::write(corpus().join("good.json"), json + "\n").unwrap();
}

/// The same file: equal header, hash and records; history values equal in meaning (a
/// whole number read back from canonical JSON is `80`, written from an f64 it was `80.0`).
fn assert_same_file(back: &exchange::ExchangeFile, file: &exchange::ExchangeFile) {
    assert_eq!(back.header, file.header);
    assert_eq!(back.hash, file.hash);
    assert_eq!(exchange::content_hash(&back.content), file.hash);
    assert_eq!(back.content.history.len(), file.content.history.len());
    for (b, f) in back.content.history.iter().zip(&file.content.history) {
        assert!(
            same_json_option(b.new.as_ref(), f.new.as_ref()),
            "{b:?} vs {f:?}"
        );
        assert!(
            same_json_option(b.old.as_ref(), f.old.as_ref()),
            "{b:?} vs {f:?}"
        );
        assert_eq!(
            (&b.target, &b.stamp, &b.base),
            (&f.target, &f.stamp, &f.base)
        );
    }
    let (mut b, mut f) = (back.content.clone(), file.content.clone());
    b.history.clear();
    f.history.clear();
    assert_eq!(b, f);
}

#[test]
fn a_file_reads_back_to_what_was_written() {
    let file = good_file();
    let text = exchange::to_json(&file);
    // The content is written in canonical form, so readers can hash the bytes as they are.
    let canonical = exchange::canonical_content(&file.content);
    assert!(text.contains(&format!("\"content\":{canonical},")));
    let back = read(text.as_bytes()).expect("a file we wrote reads back");
    assert_same_file(&back, &file);
    assert_eq!(
        back.header.sets_used,
        [
            "5c1f6a0e-7d2b-4e8f-9a31-0b6c2d4e8f10@1-889fda9663e7",
            "QD318_2022_XA@1"
        ]
    );
    // Pretty-printed (re-indented by an editor) it still reads: the hash is over the
    // canonical form of the content, not its bytes.
    let pretty = serde_json::to_string_pretty(&file).unwrap();
    assert_eq!(read(pretty.as_bytes()).unwrap(), file);
    // And a changed byte inside the canonical content is still caught.
    let altered = text.replacen("Thôn Đông", "Thôn Tây", 1);
    assert_ne!(altered, text);
    assert_eq!(read(altered.as_bytes()), Err(Refusal::HashMismatch));
}

#[test]
fn the_committed_good_file_reads_and_imports() {
    let bytes = std::fs::read(corpus().join("good.json")).unwrap();
    let file = read(&bytes).expect("good.json reads");
    assert_eq!(
        file,
        good_file(),
        "good.json matches sample(): regenerate it"
    );
    let plan = plan_merge(&Dataset::default(), &file.content, |id: &SetId| {
        builtin_sets().into_iter().find(|s| s.set_id() == *id)
    });
    assert_eq!(plan.counts.rejected, 0);
    assert_eq!(plan.counts.new, 3 + 1 + 1 + 1 + 1 + 4);
}

#[test]
fn every_bad_file_is_refused_with_its_own_messages() {
    let expected: BTreeMap<String, Vec<String>> =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("expected.json")).unwrap())
            .unwrap();
    assert!(
        expected.len() >= 30,
        "the corpus has {} files",
        expected.len()
    );
    let mut failures = Vec::new();
    for (name, want) in &expected {
        let bytes = std::fs::read(corpus().join(name)).unwrap_or_else(|_| panic!("{name}"));
        let got = match read(&bytes) {
            Ok(_) => vec!["(accepted)".to_string()],
            Err(Refusal::Invalid(errors)) => {
                let mut lines = vec![Refusal::Invalid(errors.clone()).message(Lang::Vi)];
                lines.extend(errors.iter().map(|e| e.message(Lang::Vi)));
                lines
            }
            Err(r) => vec![r.message(Lang::Vi)],
        };
        if &got != want {
            failures.push(format!("{name}:\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every file in the folder is covered by the expectations.
    let on_disk = std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "good.json" && n != "expected.json")
        .count();
    assert_eq!(on_disk, expected.len());
}

#[test]
fn a_file_over_the_limit_is_refused_before_parsing() {
    let big = vec![b' '; exchange::MAX_FILE_BYTES + 1];
    let mut big = big;
    big[0] = b'{';
    assert_eq!(
        read(&big),
        Err(Refusal::TooLarge {
            bytes: exchange::MAX_FILE_BYTES + 1
        })
    );
    assert_eq!(
        Refusal::TooLarge { bytes: 60_000_000 }.message(Lang::Vi),
        "Tệp quá lớn (60\u{a0}MB); giới hạn là 50\u{a0}MB."
    );
}

#[test]
fn a_list_over_its_limit_is_refused_with_the_limit_named() {
    // good.json with one unit more than a file may carry (items need not be valid: the
    // count is checked first, so the message is the limit and nothing else).
    let mut file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus().join("good.json")).unwrap()).unwrap();
    file["content"]["units"] = serde_json::Value::Array(vec![0.into(); MAX_UNITS + 1]);
    file["hash"] = exchange::content_hash(&file["content"]).into();
    let bytes = serde_json::to_vec(&file).unwrap();
    let Err(Refusal::Invalid(errors)) = read(&bytes) else {
        panic!("a file with {} units was not refused", MAX_UNITS + 1);
    };
    let lines: Vec<String> = errors.iter().map(|e| e.message(Lang::Vi)).collect();
    assert_eq!(lines, ["content.units: quá nhiều phần tử (tối đa 200.000)"]);
}

#[test]
fn messages_exist_in_english_too() {
    assert_eq!(
        Refusal::TooNew { version: 2 }.message(Lang::En),
        "The file was made by a newer version of the app (format 2). Update the app, then import again."
    );
    assert!(Refusal::HashMismatch
        .message(Lang::Vi)
        .contains("đã bị sửa"));
}

#[test]
fn file_names_follow_the_pattern() {
    assert_eq!(
        exchange::file_name(
            "15889",
            "Xã Thiệu Hóa",
            "Nguyễn Văn Thành",
            "20261123",
            false
        ),
        "ntm-15889-xa-thieu-hoa-nguyen-van-thanh-20261123.json"
    );
    assert_eq!(
        exchange::file_name("all", "Đắk Lắk / Buôn Đôn", "Lò Văn Ánh", "20261123", true),
        "ntm-all-dak-lak-buon-don-lo-van-anh-20261123.json.gz"
    );
    assert_eq!(
        exchange::file_name("38", "<>", "", "20261123", false),
        "ntm-38-du-lieu-20261123.json"
    );
}

#[test]
fn record_bodies_round_trip() {
    let r = record("p", 5u8, 1);
    let body: RecordBody<u8> = serde_json::from_value(body_json(&r)).unwrap();
    assert_eq!(body.data, 5);
}

/// A file written by the app before schema version 2 (tests/exchange_corpus_v1).
fn version_1_file() -> serde_json::Value {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/exchange_corpus_v1/good-v1.json"
    ));
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_version_1_file_is_upgraded_and_every_mark_stays_on_its_criterion() {
    let v1 = version_1_file();
    assert_eq!(v1["schema_version"], 1);
    let file =
        read(serde_json::to_string(&v1).unwrap().as_bytes()).expect("a version-1 file reads");
    let set = &file.content.sets[0];
    assert_eq!(
        set.data.id, "legacy-TH_XA_2025",
        "the old code names the lineage"
    );
    assert_eq!(set.data.number, 1);
    assert_eq!(set.data.parents, None, "ancestry unknown");
    assert!(ntm::domain::set_versions::content_matches_id(&set.data));
    assert_eq!(set.id, set.data.set_id().to_string());
    assert!(set.data.criteria.iter().all(|c| c.id == c.code));
    assert_eq!(
        file.header.sets_used,
        ["QD318_2022_XA@1".to_string(), set.id.clone()]
    );
    let village = file
        .content
        .assessments
        .iter()
        .find(|a| matches!(a.key.unit, UnitRef::Village(_)))
        .unwrap();
    assert_eq!(village.key.set, set.data.set_id());
    assert_eq!(village.mark("2"), Some(CriterionMark::NotMet));
    let commune = &file.content.assessments[0];
    assert_eq!(
        commune.key.set.to_string(),
        "QD318_2022_XA@1",
        "built-in ids stay"
    );
    assert!(file
        .content
        .history
        .iter()
        .any(|h| h.record_key == format!("set#{}", set.id)));
    assert!(file
        .content
        .history
        .iter()
        .any(|h| h.record_key == format!("{}#mark:2", village.id())));
    let plan = plan_merge(&Dataset::default(), &file.content, |id: &SetId| {
        builtin_sets().into_iter().find(|s| s.set_id() == *id)
    });
    assert_eq!(plan.counts.rejected, 0, "{:?}", plan.lines);

    // Another device that made a different "TH_XA_2025@1" before upgrading: same lineage,
    // another version id, so the two never collide again.
    let mut other = v1.clone();
    other["content"]["sets"][0]["data"]["criteria"][1]["name"] = "Giao thông nông thôn".into();
    other["content"]["history"][3]["new"]["data"]["criteria"][1]["name"] =
        "Giao thông nông thôn".into();
    other["hash"] = exchange::content_hash(&other["content"]).into();
    let other = read(serde_json::to_string(&other).unwrap().as_bytes()).unwrap();
    let other_set = &other.content.sets[0].data;
    assert_eq!(other_set.id, set.data.id);
    assert_ne!(other_set.version, set.data.version);
}

#[test]
fn imported_text_is_stored_as_typed_text_is() {
    // A file from another program: a name written NFD with a leading tab, a note with
    // spaces around it, an author with a trailing space.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus().join("good.json")).unwrap()).unwrap();
    v["content"]["units"][2]["data"]["unit"]["name"] =
        "\tThôn  Đông".nfd().collect::<String>().into();
    v["content"]["assessments"][0]["values"]["3.x1"]["value"]["note"] =
        "  Báo cáo thủy lợi\nnăm 2025 "
            .nfd()
            .collect::<String>()
            .into();
    v["content"]["units"][1]["stamp"]["author"] = "Nguyễn Thị Hoa ".into();
    v["hash"] = exchange::content_hash(&v["content"]).into();
    let file = read(serde_json::to_string(&v).unwrap().as_bytes()).expect("it reads");
    let Unit::Village(village) = &file.content.units[2].data else {
        panic!("a village")
    };
    assert_eq!(village.name, "Thôn Đông");
    assert_eq!(
        file.content.assessments[0].values["3.x1"].value.note,
        "Báo cáo thủy lợi\nnăm 2025"
    );
    assert_eq!(file.content.units[1].stamp.author, "Nguyễn Thị Hoa");
    // The history of the village says the same name, so nothing looks like a conflict.
    let h = file
        .content
        .history
        .iter()
        .find(|h| h.record_key == "unit#village:v-dong")
        .unwrap();
    assert_eq!(h.new.as_ref().unwrap()["data"]["unit"]["name"], "Thôn Đông");
    // What is held is what is hashed: written back, it reads the same.
    let back = read(exchange::to_json(&file).as_bytes()).expect("written back, it reads");
    assert_same_file(&back, &file);
}
