//! A device's data as CouchDB documents and back (issue 17): nothing is lost on the way,
//! and the documents of two devices read together — every revision of a document, as a
//! CouchDB conflict gives them — hold what one device holds after receiving the other's file.

use ntm::domain::couch_docs::{datasets_of, docs_of, DocBody, ValueDoc};
use ntm::domain::criteria::builtin_sets;
use ntm::domain::demo::{generate, DEMO_SEED};
use ntm::domain::merge::{apply, plan_merge, Dataset};
use ntm::domain::sync::{Hlc, Stamp};
use ntm::domain::units::UnitRef;

mod common;

fn stamp(wall_ms: u64, device: &str) -> Stamp {
    Stamp {
        hlc: Hlc {
            wall_ms,
            counter: 0,
        },
        device: device.into(),
        author: "Thử".into(),
    }
}

/// The demo province with every kind of record, stamped `at` by `device`.
fn demo(seed: u64, at: u64, device: &str) -> Dataset {
    common::demo_dataset(seed, &stamp(at, device))
}

/// Each document as it travels: JSON text and back.
fn travelled(docs: Vec<ValueDoc>) -> Vec<ValueDoc> {
    docs.into_iter()
        .map(|d| serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap())
        .collect()
}

#[test]
fn every_record_assessment_and_value_comes_back_from_its_documents() {
    let d = demo(DEMO_SEED, 1_000, "dev-a");
    assert!(!d.assessments.is_empty() && !d.recognitions.is_empty() && !d.plans.is_empty());
    let docs = docs_of(&d);
    let values: usize = d
        .assessments
        .iter()
        .map(|a| 1 + a.marks.len() + a.values.len())
        .sum();
    assert_eq!(
        docs.len(),
        d.len() - d.history.len() - d.assessments.len() + values,
        "one document per record, per assessment and per value"
    );
    let ids: std::collections::BTreeSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), docs.len(), "ids are unique");
    assert!(
        ids.iter().all(|id| !id.starts_with('_')),
        "no id CouchDB reserves"
    );
    assert_eq!(datasets_of(travelled(docs)), vec![d]);
}

/// A commune's documents name it and its province; a village's, its commune.
#[test]
fn documents_name_the_commune_they_belong_to() {
    let d = demo(DEMO_SEED, 1_000, "dev-a");
    let docs = docs_of(&d);
    let village = d
        .units
        .iter()
        .find_map(|u| match &u.data {
            ntm::domain::units::Unit::Village(v) => Some(v.clone()),
            _ => None,
        })
        .expect("the demo has villages");
    let unit_doc = docs
        .iter()
        .find(|doc| doc.id == format!("unit#{}", UnitRef::Village(village.id.clone()).key()))
        .expect("the village's document");
    assert_eq!(
        unit_doc.scope.commune.as_deref(),
        Some(village.commune_code.as_str())
    );
    assert_eq!(unit_doc.scope.province.as_deref(), Some("99"));
    for doc in &docs {
        if let DocBody::Value { key, .. } | DocBody::Mark { key, .. } = &doc.body {
            if let UnitRef::Commune(c) = &key.unit {
                assert_eq!(doc.scope.commune.as_ref(), Some(c), "{}", doc.id);
            }
        }
    }
}

/// Two phones wrote the same documents (different data, different times): a third reads
/// both revisions of each (a CouchDB conflict) and ends with what importing the two
/// phones' files gives — the winner by our stamps, the loser kept in the history.
#[test]
fn conflicting_revisions_read_together_equal_two_file_imports() {
    let a = demo(DEMO_SEED, 1_000, "dev-a");
    let b = demo(DEMO_SEED + 1, 2_000, "dev-b");
    let c = demo(DEMO_SEED + 2, 1_500, "dev-c");
    let sets: Vec<_> = builtin_sets()
        .into_iter()
        .chain(generate(DEMO_SEED, &stamp(1, "x")).results.sets)
        .collect();
    let known =
        |id: &ntm::domain::criteria::SetId| sets.iter().find(|s| &s.set_id() == id).cloned();
    let receive = |into: &mut Dataset, file: &Dataset| {
        let plan = plan_merge(into, file, known);
        apply(into, &plan);
        into.sort();
    };
    let mut by_files = a.clone();
    receive(&mut by_files, &b);
    receive(&mut by_files, &c);
    let leaves = travelled(docs_of(&b).into_iter().chain(docs_of(&c)).collect());
    let layers = datasets_of(leaves);
    // A document both phones wrote has two revisions: the second is read as a second file.
    assert_eq!(layers.len(), 2);
    let mut by_docs = a.clone();
    for layer in &layers {
        receive(&mut by_docs, layer);
    }
    assert_eq!(by_docs, by_files);
    // The losing values are in the history, as after files: nothing dropped.
    assert!(by_docs.history.len() > a.history.len());
}
