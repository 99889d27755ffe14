//! CouchDB revisions of our documents, decided without I/O (issue 17). A device is a
//! replication peer: it writes revisions with ids of its own and sends them with
//! `_bulk_docs {"new_edits": false}` and their ancestry (`_revisions`), as CouchDB's own
//! replicator does, so the server keeps every concurrent revision (a conflict) instead of
//! refusing a write.
//!
//! A revision id is `"{generation}-{hash}"`, the hash made from the document's content and
//! its parent revision: two phones that write the same content on the same parent make the
//! same revision, so the same value reaching the server twice (by sync and by a file
//! imported on another phone) is one revision, not a conflict.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::couch_docs::ValueDoc;

/// How many revision hashes a revision carries when sent, its own first. CouchDB joins a
/// revision sent with `new_edits: false` to its tree where the two share a revision, and a
/// device always sends a child of the revision it last exchanged, so two would do; ten
/// leave room, and a device keeps them for every document it synced (a province: tens of
/// thousands).
pub const MAX_ANCESTRY: usize = 10;

/// A revision id: generation and hash.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rev {
    pub generation: u64,
    pub hash: String,
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.generation, self.hash)
    }
}

impl FromStr for Rev {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (generation, hash) = s
            .split_once('-')
            .ok_or_else(|| format!("not a revision: {s:?}"))?;
        let generation = generation
            .parse::<u64>()
            .ok()
            .filter(|g| *g > 0)
            .ok_or_else(|| format!("not a revision: {s:?}"))?;
        if hash.is_empty() {
            return Err(format!("not a revision: {s:?}"));
        }
        Ok(Rev {
            generation,
            hash: hash.into(),
        })
    }
}

/// A document's content as its revisions hash it: the first 32 hex digits of the SHA-256
/// of its RFC 8785 canonical JSON.
pub fn content_hash(doc: &ValueDoc) -> String {
    let text = serde_json_canonicalizer::to_string(doc).unwrap_or_default();
    hex32(text.as_bytes())
}

/// The first 32 hex digits of the SHA-256 of `bytes`.
pub(crate) fn hex32(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The revision a device writes for content `content` (a [`content_hash`]) on `parent`.
pub fn next_rev(parent: Option<&Rev>, content: &str) -> Rev {
    let parent_text = parent.map(Rev::to_string).unwrap_or_default();
    Rev {
        generation: parent.map_or(1, |p| p.generation + 1),
        hash: hex32(format!("{parent_text}\n{content}").as_bytes()),
    }
}

/// What a device last wrote or read of one document: its revision, that revision's
/// ancestors' hashes (newest first, at most [`MAX_ANCESTRY`] in all with its own) and the
/// content it had.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Known {
    pub rev: String,
    /// Hashes of the revision and its ancestors, newest first.
    pub ancestry: Vec<String>,
    pub content: String,
    /// The server no longer has this revision (a database restored from an older backup,
    /// or created anew): the next push sends it again as it was — the same revision on
    /// the same ancestors — unless the document changed since.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
}

/// `_revisions` as CouchDB reads it: the generation of the newest and the hashes, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revisions {
    pub start: u64,
    pub ids: Vec<String>,
}

/// A revision to send.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub doc: ValueDoc,
    pub rev: Rev,
    pub revisions: Revisions,
    /// What the device knows of the document once the server has it.
    pub known: Known,
}

impl Outgoing {
    /// The document as `_bulk_docs` takes it with `new_edits: false`.
    pub fn body(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(&self.doc).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("_rev".into(), self.rev.to_string().into());
            o.insert(
                "_revisions".into(),
                serde_json::to_value(&self.revisions).unwrap_or_default(),
            );
        }
        v
    }
}

/// The documents whose content differs from what the device last exchanged, each as a new
/// revision on the one it knows (a first revision for a document it never exchanged).
pub fn outgoing(docs: &[ValueDoc], known: &BTreeMap<String, Known>) -> Vec<Outgoing> {
    docs.iter()
        .filter_map(|doc| {
            let content = content_hash(doc);
            let before = known.get(&doc.id);
            if let Some(k) = before.filter(|k| k.content == content) {
                return k.missing.then(|| resend(doc, k)).flatten();
            }
            let parent = before.and_then(|k| k.rev.parse::<Rev>().ok());
            let rev = next_rev(parent.as_ref(), &content);
            let mut ancestry = vec![rev.hash.clone()];
            if parent.is_some() {
                ancestry.extend(before.map(|k| k.ancestry.clone()).unwrap_or_default());
            }
            ancestry.truncate(MAX_ANCESTRY);
            Some(Outgoing {
                doc: doc.clone(),
                revisions: Revisions {
                    start: rev.generation,
                    ids: ancestry.clone(),
                },
                known: Known {
                    rev: rev.to_string(),
                    ancestry,
                    content,
                    missing: false,
                },
                rev,
            })
        })
        .collect()
}

/// The revision a device exchanged before, sent again as it was.
fn resend(doc: &ValueDoc, k: &Known) -> Option<Outgoing> {
    let rev: Rev = k.rev.parse().ok()?;
    Some(Outgoing {
        doc: doc.clone(),
        revisions: Revisions {
            start: rev.generation,
            ids: k.ancestry.clone(),
        },
        known: Known {
            missing: false,
            ..k.clone()
        },
        rev,
    })
}

/// A revision read from the server (`_bulk_get`, `_changes` with docs).
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    Doc {
        doc: Box<ValueDoc>,
        rev: Rev,
        revisions: Option<Revisions>,
    },
    /// A deleted revision (a losing branch closed after a conflict was merged).
    Deleted { id: String, rev: Rev },
}

/// Reads one revision as the server sends it: our document plus CouchDB's `_rev`,
/// `_revisions`, `_deleted` (and `_conflicts`, which is ignored: every leaf is read).
pub fn incoming(mut v: serde_json::Value) -> Result<Incoming, String> {
    let o = v
        .as_object_mut()
        .ok_or_else(|| "a document that is not an object".to_string())?;
    let rev: Rev = o
        .remove("_rev")
        .and_then(|r| r.as_str().map(str::to_string))
        .ok_or_else(|| "a document without _rev".to_string())?
        .parse()?;
    let revisions = match o.remove("_revisions") {
        Some(r) => Some(serde_json::from_value(r).map_err(|e| format!("_revisions: {e}"))?),
        None => None,
    };
    o.remove("_conflicts");
    if o.remove("_deleted").and_then(|d| d.as_bool()) == Some(true) {
        let id = o
            .get("_id")
            .and_then(|i| i.as_str())
            .ok_or_else(|| "a deleted document without _id".to_string())?
            .to_string();
        return Ok(Incoming::Deleted { id, rev });
    }
    let doc: ValueDoc = serde_json::from_value(v).map_err(|e| format!("{e}"))?;
    Ok(Incoming::Doc {
        doc: Box::new(doc),
        rev,
        revisions,
    })
}

/// A live leaf of a document on the server (a revision no other descends from), as far as
/// a pull's decisions need it: its revision, the [`content_hash`] of its document, and its
/// ancestry.
#[derive(Clone, Debug, PartialEq)]
pub struct Leaf {
    pub rev: String,
    pub content: String,
    /// Hashes of the revision and its ancestors, newest first (`_revisions.ids`), at most
    /// [`MAX_ANCESTRY`].
    pub ancestry: Vec<String>,
}

impl Leaf {
    /// A leaf read from the server.
    pub fn read(rev: &Rev, doc: &ValueDoc, revisions: Option<&Revisions>) -> Self {
        let mut ancestry = revisions
            .filter(|r| r.start == rev.generation && r.ids.first() == Some(&rev.hash))
            .map(|r| r.ids.clone())
            .unwrap_or_else(|| vec![rev.hash.clone()]);
        ancestry.truncate(MAX_ANCESTRY);
        Leaf {
            rev: rev.to_string(),
            content: content_hash(doc),
            ancestry,
        }
    }

    /// The leaf a device wrote or read before (it has no need to fetch it again).
    pub fn known(k: &Known) -> Self {
        Leaf {
            rev: k.rev.clone(),
            content: k.content.clone(),
            ancestry: k.ancestry.clone(),
        }
    }
}

/// The leaves a pull must fetch: those of the changed documents (id, leaf revisions, as
/// `_changes?style=all_docs` lists them) that are not the revision the device knows.
pub fn to_fetch<'c>(
    changed: &'c [(String, Vec<String>)],
    known: &BTreeMap<String, Known>,
) -> Vec<(&'c str, &'c str)> {
    changed
        .iter()
        .flat_map(|(id, revs)| {
            let mine = known.get(id).map(|k| k.rev.as_str());
            revs.iter()
                .filter(move |r| Some(r.as_str()) != mine)
                .map(move |r| (id.as_str(), r.as_str()))
        })
        .collect()
}

/// The leaf CouchDB shows as the document (its deterministic winner): the highest
/// generation, then the greatest revision id. Ours never decides a value by it.
pub fn couch_winner(leaves: &[Leaf]) -> Option<&Leaf> {
    leaves.iter().max_by_key(|l| {
        let r = l.rev.parse::<Rev>().ok();
        (r.as_ref().map_or(0, |r| r.generation), l.rev.clone())
    })
}

/// What the device knows of a document once its pulled leaves were merged into its data
/// (`ours`: the [`content_hash`] of its document now): the leaf holding exactly that, or
/// else CouchDB's winner — so the next push sends the merged value as the winner's child
/// and every device that merged the same leaves writes the same revision.
pub fn known_after_pull(leaves: &[Leaf], ours: Option<&str>) -> Option<Known> {
    let leaf = match leaves.iter().find(|l| Some(l.content.as_str()) == ours) {
        Some(same) => same,
        None => couch_winner(leaves)?,
    };
    Some(Known {
        rev: leaf.rev.clone(),
        ancestry: leaf.ancestry.clone(),
        content: leaf.content.clone(),
        missing: false,
    })
}

/// A deleted revision closing one leaf of a conflict the device has merged.
#[derive(Clone, Debug, PartialEq)]
pub struct Closing {
    pub id: String,
    pub rev: Rev,
    pub revisions: Revisions,
}

impl Closing {
    /// The deletion as `_bulk_docs` takes it with `new_edits: false`.
    pub fn body(&self) -> serde_json::Value {
        serde_json::json!({
            "_id": self.id,
            "_rev": self.rev.to_string(),
            "_revisions": self.revisions,
            "_deleted": true,
        })
    }
}

/// Once a device merged every leaf of a document (a CouchDB conflict), the leaves other
/// than the one it builds on (`kept`) are closed by a deleted child each. The deletion's
/// id comes from the leaf alone, so every device closing the same leaf writes the same
/// revision. Their values are not lost: they are in the merged document's history.
pub fn closing(id: &str, leaves: &[Leaf], kept: &Known) -> Vec<Closing> {
    leaves
        .iter()
        .filter(|l| l.rev != kept.rev)
        .filter_map(|l| {
            let parent: Rev = l.rev.parse().ok()?;
            let rev = next_rev(Some(&parent), "deleted");
            let mut ids = vec![rev.hash.clone()];
            ids.extend(l.ancestry.iter().cloned());
            ids.truncate(MAX_ANCESTRY);
            Some(Closing {
                id: id.to_string(),
                revisions: Revisions {
                    start: rev.generation,
                    ids,
                },
                rev,
            })
        })
        .collect()
}
