//! Revisions of our CouchDB documents (issue 17): the same content on the same parent is
//! the same revision on any phone; only what changed since the last exchange is sent, as
//! a child of what the server has, with its ancestry; what the server sends back reads
//! as the document it was.

use std::collections::BTreeMap;

use ntm::domain::couch_docs::{docs_of, DocBody, ValueDoc};
use ntm::domain::demo::DEMO_SEED;
use ntm::domain::replication::{
    content_hash, incoming, next_rev, outgoing, Incoming, Known, Rev, MAX_ANCESTRY,
};
use ntm::domain::sync::{Hlc, Stamp};

mod common;

fn stamp(wall_ms: u64) -> Stamp {
    Stamp {
        hlc: Hlc {
            wall_ms,
            counter: 0,
        },
        device: "dev-a".into(),
        author: "Thử".into(),
    }
}

fn demo_docs() -> Vec<ValueDoc> {
    docs_of(&common::demo_dataset(DEMO_SEED, &stamp(1_000)))
}

/// What a device knows after the server took everything it sent.
fn sent(known: &mut BTreeMap<String, Known>, docs: &[ValueDoc]) -> usize {
    let out = outgoing(docs, known);
    for o in &out {
        known.insert(o.doc.id.clone(), o.known.clone());
    }
    out.len()
}

#[test]
fn revision_ids_read_back_and_odd_ones_are_refused() {
    for text in ["1-abc", "12-0f9e8d", "3-2835283254"] {
        assert_eq!(text.parse::<Rev>().unwrap().to_string(), text);
    }
    for bad in ["", "abc", "0-abc", "-abc", "1-", "x-abc"] {
        assert!(bad.parse::<Rev>().is_err(), "{bad:?}");
    }
}

#[test]
fn the_same_content_on_the_same_parent_is_the_same_revision_on_any_phone() {
    let docs = demo_docs();
    let a = outgoing(&docs, &BTreeMap::new());
    let b = outgoing(&docs, &BTreeMap::new());
    assert_eq!(a.len(), docs.len(), "a first sync sends every document");
    assert_eq!(a, b);
    assert!(a
        .iter()
        .all(|o| o.rev.generation == 1 && o.revisions.ids == vec![o.rev.hash.clone()]));
    // Another content, or another parent, is another revision.
    let h = content_hash(&docs[0]);
    assert_ne!(next_rev(None, &h), next_rev(None, &content_hash(&docs[1])));
    let first = next_rev(None, &h);
    assert_ne!(next_rev(Some(&first), &h), first);
    assert_eq!(next_rev(Some(&first), &h).generation, 2);
}

#[test]
fn only_what_changed_is_sent_as_a_child_of_what_the_server_has() {
    let mut docs = demo_docs();
    let mut known = BTreeMap::new();
    assert_eq!(sent(&mut known, &docs), docs.len());
    assert_eq!(sent(&mut known, &docs), 0, "nothing changed, nothing sent");

    // One value edited.
    let i = docs
        .iter()
        .position(|d| matches!(d.body, DocBody::Mark { .. }))
        .expect("the demo has marks");
    let before = known[&docs[i].id].clone();
    if let DocBody::Mark { mark, .. } = &mut docs[i].body {
        mark.stamp = stamp(2_000);
    }
    let out = outgoing(&docs, &known);
    assert_eq!(out.len(), 1);
    let o = &out[0];
    assert_eq!(o.doc.id, docs[i].id);
    assert_eq!(o.rev.generation, 2);
    assert_eq!(o.revisions.start, 2);
    let parent: Rev = before.rev.parse().unwrap();
    assert_eq!(o.revisions.ids, vec![o.rev.hash.clone(), parent.hash]);

    // Edited often, a document's ancestry is capped; its generation still counts them all.
    let mut known_one = BTreeMap::new();
    let mut doc = vec![docs[i].clone()];
    for n in 0..(MAX_ANCESTRY as u64 + 20) {
        if let DocBody::Mark { mark, .. } = &mut doc[0].body {
            mark.stamp = stamp(3_000 + n);
        }
        assert_eq!(sent(&mut known_one, &doc), 1);
    }
    let last: Rev = known_one[&doc[0].id].rev.parse().unwrap();
    assert_eq!(last.generation, MAX_ANCESTRY as u64 + 20);
    assert_eq!(known_one[&doc[0].id].ancestry.len(), MAX_ANCESTRY);
}

#[test]
fn what_is_sent_reads_back_as_the_same_document_and_revision() {
    let docs = demo_docs();
    for o in outgoing(&docs[..50], &BTreeMap::new()) {
        let text = serde_json::to_string(&o.body()).unwrap();
        let mut back: serde_json::Value = serde_json::from_str(&text).unwrap();
        back["_conflicts"] = serde_json::json!(["1-ffff"]);
        match incoming(back).unwrap() {
            Incoming::Doc {
                doc,
                rev,
                revisions,
            } => {
                assert_eq!(*doc, o.doc);
                assert_eq!(rev, o.rev);
                assert_eq!(revisions, Some(o.revisions.clone()));
            }
            other => panic!("{other:?}"),
        }
    }
    let deleted =
        serde_json::json!({"_id": "unit#commune:99001", "_rev": "2-ab", "_deleted": true});
    assert_eq!(
        incoming(deleted).unwrap(),
        Incoming::Deleted {
            id: "unit#commune:99001".into(),
            rev: "2-ab".parse().unwrap()
        }
    );
    assert!(
        incoming(serde_json::json!({"_id": "x"})).is_err(),
        "no _rev"
    );
    assert!(incoming(serde_json::json!([1])).is_err());
}

#[test]
fn a_pull_fetches_unknown_leaves_and_then_knows_the_leaf_it_holds_or_couchs_winner() {
    use ntm::domain::replication::{couch_winner, known_after_pull, to_fetch, Leaf};
    let docs = demo_docs();
    let mut known = BTreeMap::new();
    known.insert(
        "a".to_string(),
        Known {
            rev: "2-x".into(),
            ancestry: vec!["x".into()],
            content: "c".into(),
            missing: false,
        },
    );
    let changed = vec![
        ("a".to_string(), vec!["2-x".to_string(), "2-y".to_string()]),
        ("b".to_string(), vec!["1-z".to_string()]),
    ];
    assert_eq!(to_fetch(&changed, &known), vec![("a", "2-y"), ("b", "1-z")]);

    let leaf = |rev: &str, doc: &ValueDoc| Leaf::read(&rev.parse().unwrap(), doc, None);
    let leaves = vec![
        leaf("2-b", &docs[0]),
        leaf("3-a", &docs[1]),
        leaf("2-z", &docs[2]),
    ];
    assert_eq!(
        couch_winner(&leaves).unwrap().rev,
        "3-a",
        "the highest generation"
    );
    let tied = vec![leaf("2-b", &docs[0]), leaf("2-c", &docs[1])];
    assert_eq!(
        couch_winner(&tied).unwrap().rev,
        "2-c",
        "then the greatest id"
    );
    // Holding exactly one leaf's content: that leaf; anything else: CouchDB's winner.
    let holds = known_after_pull(&leaves, Some(&content_hash(&docs[2]))).unwrap();
    assert_eq!(
        (holds.rev.as_str(), holds.content),
        ("2-z", content_hash(&docs[2]))
    );
    let merged = known_after_pull(&leaves, Some("something merged")).unwrap();
    assert_eq!(
        (merged.rev.as_str(), merged.content),
        ("3-a", content_hash(&docs[1]))
    );
    assert_eq!(known_after_pull(&[], None), None);
}

#[test]
fn a_merged_conflicts_other_leaves_are_closed_the_same_way_on_every_phone() {
    use ntm::domain::replication::{closing, Leaf};
    let docs = demo_docs();
    let leaf = |rev: &str| Leaf {
        rev: rev.into(),
        content: content_hash(&docs[0]),
        ancestry: vec![rev.split_once('-').unwrap().1.into(), "root".into()],
    };
    let leaves = vec![leaf("2-a"), leaf("2-b"), leaf("3-c")];
    let kept = Known {
        rev: "3-c".into(),
        ancestry: vec!["c".into()],
        content: "x".into(),
        missing: false,
    };
    let closed = closing(&docs[0].id, &leaves, &kept);
    assert_eq!(closed.len(), 2, "every leaf but the kept one");
    assert_eq!(
        closed,
        closing(&docs[0].id, &leaves, &kept),
        "the same revisions anywhere"
    );
    for (c, l) in closed.iter().zip(&leaves) {
        assert_eq!(c.rev.generation, 3);
        assert_eq!(
            c.revisions.ids[1..],
            l.ancestry[..],
            "a child of the leaf it closes"
        );
        match incoming(c.body()).unwrap() {
            Incoming::Deleted { id, rev } => {
                assert_eq!((id, rev), (docs[0].id.clone(), c.rev.clone()))
            }
            other => panic!("{other:?}"),
        }
    }
}
