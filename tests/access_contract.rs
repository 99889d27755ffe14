//! The server's write rules (docs/couchdb/validate_doc_update.js, run in Node exactly as
//! scripts/couch-setup.mjs installs them) and the Rust contract (`exchange::access`) give
//! the same verdict on the same writes: thousands of documents — every kind the app
//! writes, and each forged, broken or stretched in one way — × accounts of every role × the
//! revision they replace (none, the document itself, a forged one). Identity and
//! permission refusals must carry the same words; a field refusal is compared as one (each
//! side words its detail).
//!
//! Also, the contract itself: positive controls (each role writes what it owns) and the
//! refusals the adversarial review of issue 30 found.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use ntm::domain::couch_docs::docs_of;
use ntm::domain::set_versions::version_id;
use ntm::exchange::access::{verdict, Refusal, UserCtx, INVALID_PREFIX};
use serde_json::{json, Value};

const PROVINCE: &str = "99";

fn user(roles: &[&str]) -> UserCtx {
    UserCtx {
        name: Some("nguoi-dung".into()),
        roles: roles.iter().map(|r| r.to_string()).collect(),
    }
}

/// A verdict as the two sides are compared.
fn category(message: Option<String>) -> String {
    match message {
        None => "ok".into(),
        Some(m) if m.starts_with(INVALID_PREFIX) => "invalid".into(),
        Some(m) => m,
    }
}

fn rust_verdict(new: &Value, old: Option<&Value>, u: &UserCtx) -> String {
    category(
        verdict(new, old, u, PROVINCE)
            .err()
            .map(|r: Refusal| r.message()),
    )
}

/// The demo province with its village set and edits in the history: of marks, values,
/// units, OCOP products, and a set.
fn demo_with_history() -> ntm::domain::merge::Dataset {
    use ntm::domain::assessment::{CriterionMark, Entry, IndicatorValue};
    use ntm::domain::history::{EditTarget, HistoryEntry, RecordBody};
    let s = common::stamp_at(1_780_000_000_000);
    let later = common::stamp_at(1_790_000_000_000);
    let mut demo = common::demo_dataset(7, &s);
    demo.sets = common::set_records(ntm::domain::demo::generate(7, &s).results.sets, &s);
    let mut history = Vec::new();
    for a in demo.assessments.iter_mut().step_by(40) {
        if let Some(code) = a.marks.keys().next().cloned() {
            history.push(a.set_mark(&code, Entry::of(CriterionMark::NotMet), later.clone()));
        }
        if let Some(code) = a.values.keys().next().cloned() {
            let mut e = Entry::of(IndicatorValue::Number(12.5));
            e.note = "thu nhập 35 triệu".into();
            history.push(a.set_value(&code, e, later.clone()));
        }
    }
    let body = |v: serde_json::Value| Some(json!({"data": v, "archived": false}));
    for u in demo.units.iter().step_by(30) {
        let data = serde_json::to_value(&u.data).unwrap();
        history.push(HistoryEntry::new(
            EditTarget::Unit { id: u.id.clone() },
            None,
            body(data),
            s.clone(),
        ));
    }
    for p in demo.ocop_products.iter().step_by(10) {
        let data = serde_json::to_value(&p.data).unwrap();
        let target = EditTarget::OcopProduct { id: p.id.clone() };
        history.push(HistoryEntry::new(
            target,
            body(data.clone()),
            body(data),
            later.clone(),
        ));
    }
    for set in &demo.sets {
        let data = serde_json::to_value(&set.data).unwrap();
        history.push(HistoryEntry::new(
            EditTarget::CriteriaSet { id: set.id.clone() },
            None,
            body(data),
            s.clone(),
        ));
    }
    let _ = RecordBody::<()> {
        data: (),
        archived: false,
    };
    demo.history = history;
    demo
}

/// The demo province's documents: every kind the app syncs.
fn base_docs() -> Vec<Value> {
    let docs = docs_of(&demo_with_history());
    // A sample of each kind (by the body's kind and the id's first part), all of the rare.
    let mut by_kind: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for d in docs {
        let v = serde_json::to_value(&d).unwrap();
        let kind = format!(
            "{}/{}",
            v["body"]["kind"].as_str().unwrap_or(""),
            d.id.split([':', '#']).next().unwrap_or("")
        );
        by_kind.entry(kind).or_default().push(v);
    }
    let mut out = Vec::new();
    for (_, list) in by_kind {
        let step = (list.len() / 25).max(1);
        out.extend(list.into_iter().step_by(step).take(25));
    }
    out.extend(owned_sets(&out));
    out
}

/// The demo's village set under lineages that name a maker (a commune's, this province's,
/// another province's), each version id made from its content as the app makes it.
fn owned_sets(docs: &[Value]) -> Vec<Value> {
    let set = docs
        .iter()
        .find(|d| d["body"]["kind"] == "set")
        .expect("the demo has a set");
    let mut out = Vec::new();
    for (lineage, commune) in [
        ("c99001-0f4e2a9c-1b7d-4c55-9f1e-2d3c4b5a6978", Some("99001")),
        ("p99-0f4e2a9c-1b7d-4c55-9f1e-2d3c4b5a6978", None),
        ("p38-0f4e2a9c-1b7d-4c55-9f1e-2d3c4b5a6978", None),
        ("QD318_2022_XA", None),
    ] {
        let mut record: ntm::domain::sync::Record<ntm::domain::criteria::CriteriaSet> =
            serde_json::from_value(set["body"]["data"].clone()).unwrap();
        record.data.id = lineage.into();
        record.data.version = version_id(&record.data);
        record.id = record.data.set_id().to_string();
        let id = format!("set#{}", record.id);
        out.push(json!({
            "_id": id,
            "scope": commune.map_or(json!({}), |c| json!({"province": PROVINCE, "commune": c})),
            "body": {"kind": "set", "data": record},
        }));
    }
    out
}

/// Paths to every leaf (and object) of a JSON value.
fn paths(v: &Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                here.push(k.clone());
                paths(x, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(i.to_string());
                paths(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at<'v>(v: &'v mut Value, path: &[String]) -> &'v mut Value {
    path.iter().fold(v, |v, k| match v {
        Value::Array(a) => &mut a[k.parse::<usize>().unwrap()],
        v => &mut v[k.as_str()],
    })
}

/// One way to forge, break or stretch a document.
fn mutate(doc: &Value, rng: &mut fastrand::Rng, others: &[String]) -> Value {
    let mut d = doc.clone();
    let mut all = Vec::new();
    paths(&d, &mut Vec::new(), &mut all);
    let strings: Vec<&Vec<String>> = all
        .iter()
        .filter(|p| !p.is_empty() && doc.pointer(&pointer(p)).is_some_and(Value::is_string))
        .collect();
    let numbers: Vec<&Vec<String>> = all
        .iter()
        .filter(|p| doc.pointer(&pointer(p)).is_some_and(Value::is_number))
        .collect();
    let objects: Vec<&Vec<String>> = all
        .iter()
        .filter(|p| doc.pointer(&pointer(p)).is_some_and(Value::is_object))
        .collect();
    let other = others[rng.usize(..others.len())].clone();
    let commune = doc["scope"]["commune"]
        .as_str()
        .unwrap_or("99001")
        .to_string();
    let pick =
        |rng: &mut fastrand::Rng, list: &[&Vec<String>]| list[rng.usize(..list.len())].clone();
    match rng.u8(..22) {
        // Another commune named in one place: the scope, the id or the body.
        0 => d["scope"]["commune"] = other.clone().into(),
        1 => {
            if let Some(o) = d["scope"].as_object_mut() {
                o.remove("commune");
            }
        }
        2 => d["scope"]["province"] = "38".into(),
        3 => {
            let id = d["_id"].as_str().unwrap().replace(&commune, &other);
            d["_id"] = id.into();
        }
        4 => {
            let body = serde_json::to_string(&d["body"])
                .unwrap()
                .replace(&commune, &other);
            d["body"] = serde_json::from_str(&body).unwrap();
        }
        5 => {
            let text = serde_json::to_string(&d).unwrap().replace(&commune, &other);
            d = serde_json::from_str(&text).unwrap();
        }
        // A stamp claiming the official list.
        6 => {
            let stamps: Vec<Vec<String>> = all
                .iter()
                .filter(|p| p.last().is_some_and(|k| k == "device"))
                .cloned()
                .collect();
            if !stamps.is_empty() {
                let p = stamps[rng.usize(..stamps.len())].clone();
                *at(&mut d, &p) = "danh-muc-chinh-thuc".into();
                if rng.bool() {
                    let mut stamp = p.clone();
                    stamp.pop();
                    *at(&mut d, &stamp) = json!({"hlc": {"wall_ms": 1_420_070_400_000u64, "counter": 0}, "device": "danh-muc-chinh-thuc", "author": "Danh mục chính thức"});
                }
            }
        }
        // A text that is not text.
        7..=9 if !strings.is_empty() => {
            let p = pick(rng, &strings);
            let s = at(&mut d, &p).as_str().unwrap_or("").to_string();
            let bad = match rng.u8(..9) {
                0 => format!("{s}\u{202E}"),
                1 => format!("\u{0000}{s}"),
                2 => format!("<b>{s}</b>"),
                3 => "x".repeat(2001),
                4 => "Tên ".repeat(31),
                5 => String::new(),
                6 => format!("{s}\n{s}"),
                7 => format!("../{s}"),
                _ => format!(" {s} "),
            };
            *at(&mut d, &p) = bad.into();
        }
        // A value of another type, none, or gone.
        10 | 11 if all.len() > 1 => {
            let p = all[rng.usize(1..all.len())].clone();
            let new = match rng.u8(..6) {
                0 => json!(17),
                1 => json!("17"),
                2 => json!(null),
                3 => json!([]),
                4 => json!({}),
                _ => json!(true),
            };
            *at(&mut d, &p) = new;
        }
        12 | 13 if all.len() > 1 => {
            let p = all[rng.usize(1..all.len())].clone();
            let (last, parent) = p.split_last().unwrap();
            match at(&mut d, parent) {
                Value::Object(o) => {
                    o.remove(last);
                }
                Value::Array(a) => {
                    a.remove(last.parse::<usize>().unwrap());
                }
                _ => {}
            }
        }
        14 if !objects.is_empty() => {
            let p = pick(rng, &objects);
            if rng.bool() {
                at(&mut d, &p)["extra"] = json!("?");
            } else {
                // A struct as an array of its fields (serde reads that form too).
                let fields: Vec<Value> = at(&mut d, &p)
                    .as_object()
                    .unwrap()
                    .values()
                    .cloned()
                    .collect();
                *at(&mut d, &p) = Value::Array(fields);
            }
        }
        15 | 16 if !numbers.is_empty() => {
            let p = pick(rng, &numbers);
            *at(&mut d, &p) = match rng.u8(..6) {
                0 => json!(-1),
                1 => json!(10_000_000_000_000u64),
                2 => json!(2025.5),
                3 => json!(0),
                4 => json!(4_294_967_296u64),
                _ => json!(1_000_001),
            };
        }
        17 => {
            d["_id"] = json!(
                [
                    "_design/ntm",
                    "unit#district:123",
                    "unit#village:a b",
                    "commune:99001|QD318_2022_XA@1|02025",
                    "commune:99001|QD318_2022_XA@1|2025#mark:../1",
                    "ocop-product#",
                    "plan#village-x-2025",
                    "set#abc",
                ][rng.usize(..8)]
            );
        }
        18 => {
            // Another kind of body under the same id.
            d["body"] = json!({"kind": "set", "data": {"id": "x", "data": {}, "stamp": {}}});
        }
        19 => {
            if let Some(h) = d["history"].as_array_mut().and_then(|h| h.first_mut()) {
                h["record_key"] = "unit#commune:99002".into();
            } else {
                d["history"] = json!([]);
            }
        }
        20 => {
            // A tombstone carrying a body.
            d["_deleted"] = true.into();
        }
        _ => {
            // Dates as chrono reads them, and not.
            let dates: Vec<&Vec<String>> = strings
                .iter()
                .copied()
                .filter(|p| p.last().is_some_and(|k| k.ends_with("date")))
                .collect();
            if !dates.is_empty() {
                let p = pick(rng, &dates);
                *at(&mut d, &p) = json!(
                    [
                        " 2024-1-5 ",
                        "2024-02-30",
                        "2024/01/05",
                        "+2024-01-05",
                        "2017-12-31",
                        "2024-2-29"
                    ][rng.usize(..6)]
                );
            } else {
                d["scope"] = json!({"commune": other});
            }
        }
    }
    d
}

fn pointer(path: &[String]) -> String {
    path.iter().map(|k| format!("/{k}")).collect()
}

/// Everyone who might write a document: each role, for its own unit and another.
fn users_for(doc: &Value) -> Vec<UserCtx> {
    let commune = doc["scope"]["commune"].as_str().unwrap_or("99001");
    let other = if commune == "99002" { "99003" } else { "99002" };
    let mut users = vec![
        UserCtx::default(),
        user(&[]),
        user(&["_admin"]),
        user(&["province:99"]),
        user(&["province:99", "province-official:99"]),
        user(&["province:38", "province-official:38"]),
        user(&["province:99", "province-official:38"]),
        user(&["province:99", &format!("commune:{commune}")]),
        user(&["province:99", &format!("commune:{other}")]),
        user(&[&format!("commune:{commune}")]),
    ];
    let id = doc["_id"].as_str().unwrap_or("");
    if let Some(village) = id
        .strip_prefix("unit#village:")
        .or_else(|| id.strip_prefix("village:"))
        .map(|v| v.split(['|', '#']).next().unwrap_or(""))
    {
        users.push(user(&[
            "province:99",
            &format!("village:{commune}/{village}"),
        ]));
        users.push(user(&[
            "province:99",
            &format!("village:{other}/{village}"),
        ]));
    }
    users.push(user(&[
        "province:99",
        &format!("village:{commune}/lang-khac"),
    ]));
    users
}

#[test]
fn the_server_rules_and_the_rust_contract_agree() {
    let base = base_docs();
    let communes: Vec<String> = (2..=9).map(|n| format!("9900{n}")).collect();
    let mut rng = fastrand::Rng::with_seed(30);
    let mut docs: Vec<Value> = Vec::new();
    let mut users: Vec<UserCtx> = Vec::new();
    let mut cases: Vec<(usize, Option<usize>, usize)> = Vec::new();
    let add = |docs: &mut Vec<Value>, v: Value| {
        docs.push(v);
        docs.len() - 1
    };
    for b in &base {
        let original = add(&mut docs, b.clone());
        // The revision a write replaces: none, this document, a forged one of its id.
        let forged = add(&mut docs, mutate(b, &mut rng, &communes[..1]));
        let olds = [None, Some(original), Some(forged)];
        let mut news = vec![original];
        for _ in 0..6 {
            news.push(add(&mut docs, mutate(b, &mut rng, &communes)));
        }
        // Deletions: a closing as the sync writes it, and one carrying a field.
        news.push(add(
            &mut docs,
            json!({"_id": b["_id"], "_rev": "2-abc", "_revisions": {"start": 2, "ids": ["abc", "def"]}, "_deleted": true}),
        ));
        news.push(add(
            &mut docs,
            json!({"_id": b["_id"], "_deleted": true, "scope": {}}),
        ));
        for u in users_for(b) {
            let ui = users.iter().position(|x| *x == u).unwrap_or_else(|| {
                users.push(u);
                users.len() - 1
            });
            for &n in &news {
                for &o in &olds {
                    cases.push((n, o, ui));
                }
            }
        }
    }
    let rust: Vec<String> = cases
        .iter()
        .map(|&(n, o, u)| rust_verdict(&docs[n], o.map(|o| &docs[o]), &users[u]))
        .collect();

    let dir = std::env::temp_dir().join(format!("ntm-access-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cases.json");
    let input = json!({"province": PROVINCE, "docs": docs, "users": users, "cases": cases});
    std::fs::write(&file, serde_json::to_vec(&input).unwrap()).unwrap();
    let out = Command::new("node")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/couch/run-rules.mjs"
        ))
        .arg(&file)
        .output()
        .expect("node runs (scripts/setup.sh installs it)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    let js: Vec<String> = js
        .into_iter()
        .map(|m| category((m != "ok").then_some(m)))
        .collect();
    assert_eq!(js.len(), rust.len());

    let differ: Vec<String> = cases
        .iter()
        .zip(rust.iter().zip(&js))
        .filter(|(_, (r, j))| r != j)
        .take(8)
        .map(|(&(n, o, u), (r, j))| {
            format!(
                "\n  user {:?}\n  new {}\n  old {}\n  rust: {r}\n  js:   {j}",
                users[u].roles,
                serde_json::to_string(&docs[n])
                    .unwrap()
                    .chars()
                    .take(900)
                    .collect::<String>(),
                o.map(|o| serde_json::to_string(&docs[o])
                    .unwrap()
                    .chars()
                    .take(300)
                    .collect::<String>())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let count = |v: &str| rust.iter().filter(|r| *r == v).count();
    let total_differ = rust.iter().zip(&js).filter(|(r, j)| r != j).count();
    assert!(
        differ.is_empty(),
        "{total_differ} of {} verdicts differ:{}",
        cases.len(),
        differ.join("\n")
    );
    // Not vacuous: many writes allowed, many refused for each reason.
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for r in &rust {
        let key = r.split([':', '(']).next().unwrap_or(r).to_string();
        *reasons.entry(key).or_default() += 1;
    }
    println!("{} cases: {reasons:#?}", cases.len());
    // Every kind of document is written by someone (the set's hash and the resource's id
    // computed alike on both sides).
    for kind in [
        "unit",
        "ocop_product",
        "ocop_rating",
        "plan",
        "set",
        "recognition",
        "quantity",
        "resource",
        "assessment",
        "mark",
        "value",
    ] {
        let allowed = cases
            .iter()
            .zip(&rust)
            .any(|(&(n, _, _), r)| r == "ok" && docs[n]["body"]["kind"] == kind);
        assert!(allowed, "no {kind} document was allowed");
    }
    assert!(cases.len() > 20_000, "{} cases", cases.len());
    assert!(count("ok") > 2_000, "{reasons:?}");
    assert!(count("invalid") > 2_000, "{reasons:?}");
    for reason in [
        "Tài khoản không thuộc tỉnh 99",
        "Tài khoản chỉ được xem dữ liệu, không được ghi.",
        "Chỉ cán bộ tỉnh được ghi dữ liệu cấp tỉnh.",
        "Chỉ được ghi dữ liệu của xã mình (xã 99002).",
        "Trưởng thôn chỉ được ghi dữ liệu của thôn mình.",
        "Đơn vị ghi ở scope.commune không khớp với mã tài liệu.",
        "Dữ liệu của tỉnh 38, không thuộc cơ sở dữ liệu này.",
        "Chỉ bản ghi của danh mục chính thức được mang tên máy “danh-muc-chinh-thuc”.",
        "Không có phiên bản nào để xoá.",
    ] {
        assert!(
            rust.iter().any(|r| r.starts_with(reason)),
            "no case refused with “{reason}”: {reasons:#?}"
        );
    }
}

/// The first document of `docs` whose id starts with `prefix` (and contains `has`).
fn find(docs: &[Value], prefix: &str, has: &str) -> Value {
    docs.iter()
        .find(|d| {
            let id = d["_id"].as_str().unwrap();
            id.starts_with(prefix) && id.contains(has)
        })
        .unwrap_or_else(|| panic!("no document {prefix}…{has}"))
        .clone()
}

fn refused(new: &Value, old: Option<&Value>, roles: &[&str]) -> String {
    verdict(new, old, &user(roles), PROVINCE)
        .err()
        .map(|r| r.message())
        .unwrap_or_else(|| "ok".into())
}

#[test]
fn each_role_writes_what_it_owns_and_nothing_else() {
    let docs = base_docs();
    let value = find(&docs, "commune:99001|", "#value:");
    let village_record = find(&docs, "unit#village:", "");
    let village = village_record["_id"]
        .as_str()
        .unwrap()
        .trim_start_matches("unit#village:")
        .to_string();
    let village_commune = village_record["scope"]["commune"]
        .as_str()
        .unwrap()
        .to_string();
    let head = format!("village:{village_commune}/{village}");
    let village_mark = docs
        .iter()
        .find(|d| {
            d["_id"]
                .as_str()
                .unwrap()
                .starts_with(&format!("village:{village}|"))
                && d["body"]["kind"] == "mark"
        })
        .cloned()
        .unwrap_or_else(|| {
            let mut m = find(&docs, "village:", "#mark:");
            let id = m["_id"].as_str().unwrap().to_string();
            let other = id
                .split(['|'])
                .next()
                .unwrap()
                .trim_start_matches("village:")
                .to_string();
            let text = serde_json::to_string(&m).unwrap().replace(&other, &village);
            m = serde_json::from_str(&text).unwrap();
            m["scope"]["commune"] = village_commune.clone().into();
            m
        });
    let plan = find(&docs, "plan#province-99", "");
    let commune_set = find(&docs, "set#c99001-", "");
    let unmarked_set = docs
        .iter()
        .find(|d| {
            d["body"]["kind"] == "set"
                && !d["_id"].as_str().unwrap().starts_with("set#c")
                && !d["_id"].as_str().unwrap().starts_with("set#p")
                && !d["_id"].as_str().unwrap().starts_with("set#QD")
        })
        .cloned()
        .expect("the demo's set");
    let official = ["province:99", "province-official:99"];

    // Positive controls: each writes what it owns.
    assert_eq!(
        refused(&value, None, &["province:99", "commune:99001"]),
        "ok"
    );
    assert_eq!(
        refused(&value, Some(&value), &["province:99", "commune:99001"]),
        "ok"
    );
    assert_eq!(refused(&village_mark, None, &["province:99", &head]), "ok");
    assert_eq!(
        refused(
            &village_record,
            Some(&village_record),
            &["province:99", &head]
        ),
        "ok"
    );
    assert_eq!(refused(&plan, None, &official), "ok");
    assert_eq!(
        refused(&commune_set, None, &["province:99", "commune:99001"]),
        "ok"
    );
    assert_eq!(refused(&unmarked_set, None, &official), "ok");
    assert_eq!(refused(&value, None, &["_admin"]), "ok");

    // A commune official writing another commune's value under his own scope.
    let mut forged = value.clone();
    forged["scope"]["commune"] = "99002".into();
    assert_eq!(
        refused(&forged, None, &["province:99", "commune:99002"]),
        "Đơn vị ghi ở scope.commune không khớp với mã tài liệu."
    );
    assert_eq!(
        refused(&value, None, &["province:99", "commune:99002"]),
        "Chỉ được ghi dữ liệu của xã mình (xã 99001)."
    );
    // A village head moving his village to another commune, under his own scope…
    let mut moved = village_record.clone();
    moved["body"]["data"]["data"]["unit"]["commune_code"] = "99002".into();
    assert_eq!(
        refused(&moved, Some(&village_record), &["province:99", &head]),
        "Đơn vị ghi ở body.data.unit.commune_code không khớp với mã tài liệu."
    );
    // …or with a scope agreeing: the stored revision's commune is still his, the new not.
    moved["scope"]["commune"] = "99002".into();
    assert_eq!(
        refused(&moved, Some(&village_record), &["province:99", &head]),
        "Trưởng thôn chỉ được ghi dữ liệu của thôn mình."
    );
    // …and a commune official cannot take it either, the stored one being another's.
    assert_eq!(
        refused(
            &moved,
            Some(&village_record),
            &["province:99", "commune:99002"]
        ),
        format!("Chỉ được ghi dữ liệu của xã mình (xã {village_commune}).")
    );
    // A village head writing the commune's own criteria.
    assert_eq!(
        refused(&value, None, &["province:99", &head]),
        "Trưởng thôn chỉ được ghi dữ liệu của thôn mình."
    );
    // A read-only member renaming a commune with the official list's device name.
    let mut commune = find(&docs, "unit#commune:99001", "");
    commune["body"]["data"]["data"]["unit"]["name"] = "Xã Giả".into();
    commune["body"]["data"]["stamp"]["device"] = "danh-muc-chinh-thuc".into();
    assert_eq!(
        refused(&commune, None, &["province:99"]),
        "Tài khoản chỉ được xem dữ liệu, không được ghi."
    );
    assert_eq!(
        refused(&commune, None, &["province:99", "commune:99001"]),
        "Chỉ bản ghi của danh mục chính thức được mang tên máy “danh-muc-chinh-thuc”."
    );
    // Any "set" document: a commune publishing the province's lineage, garbage.
    assert_eq!(
        refused(&unmarked_set, None, &["province:99", "commune:99001"]),
        "Chỉ cán bộ tỉnh được ghi dữ liệu cấp tỉnh."
    );
    let garbage = json!({"_id": "set#x@1-abc", "scope": {}, "body": {"kind": "set", "data": 7}});
    assert!(refused(&garbage, None, &official).starts_with(INVALID_PREFIX));
    // Another province's official, naming his province in the scope.
    let mut other = value.clone();
    other["scope"]["province"] = "38".into();
    assert_eq!(
        refused(&other, None, &["province:38", "province-official:38"]),
        "Tài khoản không thuộc tỉnh 99: không được ghi vào cơ sở dữ liệu này."
    );
    assert_eq!(
        refused(&other, None, &official),
        "Dữ liệu của tỉnh 38, không thuộc cơ sở dữ liệu này."
    );
    // Values of the wrong shape: an object as a mark, a criterion id with ../, no body.
    let mut mark = find(&docs, "commune:99001|", "#mark:");
    mark["body"]["data"]["mark"]["value"]["value"] = json!({"x": 1});
    assert!(refused(&mark, None, &official).starts_with(INVALID_PREFIX));
    let mut path = find(&docs, "commune:99001|", "#mark:");
    let id = path["_id"].as_str().unwrap().replace("#mark:", "#mark:../");
    path["_id"] = id.into();
    assert!(refused(&path, None, &official).starts_with(INVALID_PREFIX));
    let mut bodiless = value.clone();
    bodiless.as_object_mut().unwrap().remove("body");
    assert!(refused(&bodiless, None, &official).starts_with(INVALID_PREFIX));
    // Deletions: of what one owns, yes; of another's, no; of nothing, no.
    let closing = json!({"_id": value["_id"], "_rev": "3-x", "_deleted": true});
    assert_eq!(
        refused(&closing, Some(&value), &["province:99", "commune:99001"]),
        "ok"
    );
    assert_eq!(
        refused(&closing, Some(&value), &["province:99", "commune:99002"]),
        "Chỉ được ghi dữ liệu của xã mình (xã 99001)."
    );
    assert_eq!(
        refused(&closing, None, &["province:99", "commune:99001"]),
        "Không có phiên bản nào để xoá."
    );
    // Design documents are the administrator's.
    let design = json!({"_id": "_design/ntm", "validate_doc_update": "function(){}"});
    assert!(refused(&design, None, &official).starts_with(INVALID_PREFIX));
}
