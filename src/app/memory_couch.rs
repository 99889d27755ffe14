//! A CouchDB database in memory, as far as replication sees it, for native tests of the
//! sync (`app::sync`) and the property test of files and syncs interleaved
//! (`tests/domain_merge.rs`): revision trees with parents, bodies of the revisions written
//! whole, a change sequence, `_local` documents, and the write rules of a province's
//! database — the access contract (`exchange::access::verdict`) the real server runs as
//! `validate_doc_update`, given, as CouchDB gives it, the revision a write replaces. The
//! end-to-end tests run the same workflow against a real server (npm `pouchdb-server`).

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::{json, Value};

use super::sync::{ChangesPage, CouchServer, DocRefusal, SyncError};
use crate::domain::replication::{Rev, MAX_ANCESTRY};
use crate::exchange::access::{verdict, UserCtx};

/// One revision: its parent, its body (none for an ancestor only named in a later
/// revision's ancestry), whether it is a deletion, the sequence of its write.
#[derive(Clone, Debug)]
struct StoredRev {
    parent: Option<String>,
    body: Option<Value>,
    deleted: bool,
    seq: u64,
}

/// The database: every document's revision tree.
#[derive(Clone, Debug, Default)]
pub struct CouchModel {
    docs: BTreeMap<String, BTreeMap<String, StoredRev>>,
    local: BTreeMap<String, Value>,
    seq: u64,
    /// Requests answered (the benchmark's and tests' count).
    pub requests: usize,
}

/// A revision's generation (0 for a malformed one, which the model never writes).
fn generation(rev: &str) -> u64 {
    rev.parse::<Rev>().map_or(0, |r| r.generation)
}

impl CouchModel {
    /// `_bulk_docs` with `new_edits: false` of one revision: kept as sent, with the
    /// ancestry `_revisions` names joined to the tree.
    pub fn write(&mut self, body: &Value) -> Result<(), String> {
        let id = body["_id"].as_str().ok_or("no _id")?.to_string();
        let rev = body["_rev"].as_str().ok_or("no _rev")?.to_string();
        let start = body["_revisions"]["start"]
            .as_u64()
            .unwrap_or(generation(&rev));
        let ids: Vec<String> = body["_revisions"]["ids"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|h| h.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_else(|| vec![rev.split_once('-').map_or(String::new(), |(_, h)| h.into())]);
        if format!("{start}-{}", ids.first().cloned().unwrap_or_default()) != rev {
            return Err("_revisions does not start with _rev".into());
        }
        self.seq += 1;
        let seq = self.seq;
        let tree = self.docs.entry(id).or_default();
        for (i, hash) in ids.iter().enumerate() {
            let g = start - i as u64;
            let this = format!("{g}-{hash}");
            let parent = ids.get(i + 1).map(|p| format!("{}-{p}", g - 1));
            let e = tree.entry(this).or_insert(StoredRev {
                parent,
                body: None,
                deleted: false,
                seq,
            });
            if i == 0 && e.body.is_none() && !e.deleted {
                let mut b = body.clone();
                let deleted = b["_deleted"].as_bool() == Some(true);
                if let Some(o) = b.as_object_mut() {
                    o.remove("_revisions");
                }
                e.deleted = deleted;
                e.body = (!deleted).then_some(b);
                e.seq = seq;
            }
        }
        Ok(())
    }

    /// A document's leaves (revisions no other descends from), deleted ones too.
    fn leaf_revs(&self, id: &str) -> Vec<String> {
        let Some(tree) = self.docs.get(id) else {
            return Vec::new();
        };
        let parents: BTreeSet<&String> = tree.values().filter_map(|r| r.parent.as_ref()).collect();
        tree.iter()
            .filter(|(rev, r)| !parents.contains(rev) && (r.body.is_some() || r.deleted))
            .map(|(rev, _)| rev.clone())
            .collect()
    }

    /// Every document's live leaves (what a backup must hold to restore it).
    pub fn leaves(&self) -> BTreeMap<String, Vec<String>> {
        self.docs
            .iter()
            .map(|(id, tree)| {
                let live = self.leaf_revs(id).into_iter().filter(|r| !tree[r].deleted);
                (id.clone(), live.collect())
            })
            .collect()
    }

    /// Revisions written so far (a write of one the database holds writes nothing).
    pub fn writes(&self) -> u64 {
        self.seq
    }

    /// The live leaves of each document (more than one: a conflict on the server).
    pub fn live_leaves(&self) -> BTreeMap<String, usize> {
        self.docs
            .iter()
            .map(|(id, tree)| {
                let live = self
                    .leaf_revs(id)
                    .iter()
                    .filter(|r| !tree[*r].deleted)
                    .count();
                (id.clone(), live)
            })
            .collect()
    }

    /// `_changes?style=all_docs` after `since`, in sequence order.
    pub fn changes(&self, since: u64, limit: usize) -> (Vec<(String, Vec<String>)>, u64) {
        let mut changed: Vec<(u64, &String)> = self
            .docs
            .iter()
            .map(|(id, tree)| (tree.values().map(|r| r.seq).max().unwrap_or(0), id))
            .filter(|(s, _)| *s > since)
            .collect();
        changed.sort();
        changed.truncate(limit);
        let last = changed.last().map_or(since, |(s, _)| *s);
        let list = changed
            .into_iter()
            .map(|(_, id)| (id.clone(), self.leaf_revs(id)))
            .collect();
        (list, last)
    }

    /// Whether the database holds revision `rev` of `id` whole (a write of it changes
    /// nothing: CouchDB does not run the rules again).
    fn holds(&self, id: &str, rev: &str) -> bool {
        self.docs
            .get(id)
            .and_then(|t| t.get(rev))
            .is_some_and(|r| r.body.is_some() || r.deleted)
    }

    /// The revision a write replaces, as CouchDB gives it to `validate_doc_update`: the
    /// nearest ancestor the sent `_revisions` names that the database holds whole.
    fn replaced(&self, body: &Value) -> Option<Value> {
        let id = body["_id"].as_str()?;
        let tree = self.docs.get(id)?;
        let start = body["_revisions"]["start"].as_u64()?;
        let ids = body["_revisions"]["ids"].as_array()?;
        ids.iter().enumerate().skip(1).find_map(|(i, h)| {
            let rev = format!("{}-{}", start.checked_sub(i as u64)?, h.as_str()?);
            let r = tree.get(&rev)?;
            if r.deleted {
                Some(json!({ "_id": id, "_rev": rev, "_deleted": true }))
            } else {
                r.body.clone()
            }
        })
    }

    /// One revision as `_bulk_get?revs=true` gives it.
    pub fn read(&self, id: &str, rev: &str) -> Option<Value> {
        let tree = self.docs.get(id)?;
        let r = tree.get(rev)?;
        let mut ids = Vec::new();
        let mut at = Some(rev.to_string());
        while let Some(a) = at {
            ids.push(a.split_once('-').map_or(String::new(), |(_, h)| h.into()));
            at = tree.get(&a).and_then(|x| x.parent.clone());
        }
        ids.truncate(MAX_ANCESTRY);
        let mut body = if r.deleted {
            json!({ "_id": id, "_rev": rev, "_deleted": true })
        } else {
            r.body.clone()?
        };
        body["_revisions"] = json!({ "start": generation(rev), "ids": ids });
        Some(body)
    }

    /// `_revs_diff`: the revisions asked for that the database does not have whole.
    pub fn missing(&self, revs: &BTreeMap<String, Vec<String>>) -> BTreeSet<(String, String)> {
        revs.iter()
            .flat_map(|(id, rs)| rs.iter().map(move |r| (id, r)))
            .filter(|(id, r)| {
                !self
                    .docs
                    .get(*id)
                    .and_then(|t| t.get(*r))
                    .is_some_and(|x| x.body.is_some() || x.deleted)
            })
            .map(|(id, r)| (id.clone(), r.clone()))
            .collect()
    }
}

/// A connection to a shared [`CouchModel`] as one account of province `province`, and a
/// switch that cuts the connection after a number of requests (a lost signal mid-sync).
pub struct MemoryCouch {
    pub db: Rc<RefCell<CouchModel>>,
    pub province: String,
    pub user: UserCtx,
    /// Requests still answered before the connection drops (None: never drops).
    pub answers_left: Cell<Option<usize>>,
}

impl MemoryCouch {
    /// An account of the demo province (99): its official (`commune` None) or the official
    /// of `commune`.
    pub fn new(db: Rc<RefCell<CouchModel>>, commune: Option<&str>) -> Self {
        let roles = match commune {
            Some(c) => vec!["province:99".to_string(), format!("commune:{c}")],
            None => vec!["province:99".into(), "province-official:99".into()],
        };
        Self::as_user(db, "99", roles)
    }

    /// An account holding `roles` on province `province`'s database.
    pub fn as_user(db: Rc<RefCell<CouchModel>>, province: &str, roles: Vec<String>) -> Self {
        Self {
            db,
            province: province.into(),
            user: UserCtx {
                name: Some("tai-khoan".into()),
                roles,
            },
            answers_left: Cell::new(None),
        }
    }

    fn answer(&self) -> Result<(), SyncError> {
        if let Some(left) = self.answers_left.get() {
            if left == 0 {
                return Err(SyncError::Offline);
            }
            self.answers_left.set(Some(left - 1));
        }
        self.db.borrow_mut().requests += 1;
        Ok(())
    }
}

impl CouchServer for MemoryCouch {
    async fn changes(&self, since: &str, limit: usize) -> Result<ChangesPage, SyncError> {
        self.answer()?;
        let since: u64 = since
            .parse()
            .map_err(|_| SyncError::BadAnswer(format!("since {since:?}")))?;
        let (changes, last) = self.db.borrow().changes(since, limit);
        Ok(ChangesPage {
            changes,
            last_seq: last.to_string(),
        })
    }

    async fn revs_diff(
        &self,
        revs: &BTreeMap<String, Vec<String>>,
    ) -> Result<BTreeSet<(String, String)>, SyncError> {
        self.answer()?;
        Ok(self.db.borrow().missing(revs))
    }

    async fn bulk_docs(&self, docs: Vec<Value>) -> Result<Vec<DocRefusal>, SyncError> {
        self.answer()?;
        let mut refused = Vec::new();
        let mut db = self.db.borrow_mut();
        for d in docs {
            let id = d["_id"].as_str().unwrap_or_default().to_string();
            let rev = d["_rev"].as_str().unwrap_or_default();
            let outcome = if db.holds(&id, rev) {
                Ok(())
            } else {
                verdict(&d, db.replaced(&d).as_ref(), &self.user, &self.province)
                    .map_err(|r| r.message())
                    .and_then(|()| db.write(&d))
            };
            if let Err(reason) = outcome {
                refused.push(DocRefusal {
                    id,
                    error: "forbidden".into(),
                    reason,
                    commune: None,
                });
            }
        }
        Ok(refused)
    }

    async fn bulk_get(&self, wanted: &[(String, String)]) -> Result<Vec<Value>, SyncError> {
        self.answer()?;
        let db = self.db.borrow();
        Ok(wanted
            .iter()
            .filter_map(|(id, rev)| db.read(id, rev))
            .collect())
    }

    async fn get_local(&self, id: &str) -> Result<Option<Value>, SyncError> {
        self.answer()?;
        Ok(self.db.borrow().local.get(id).cloned())
    }

    async fn put_local(&self, id: &str, body: Value) -> Result<String, SyncError> {
        self.answer()?;
        let mut db = self.db.borrow_mut();
        let n: u64 = db
            .local
            .get(id)
            .and_then(|d| d["_rev"].as_str())
            .and_then(|r| r.split_once('-'))
            .and_then(|(_, n)| n.parse().ok())
            .unwrap_or(0);
        if body.get("_rev").and_then(Value::as_str)
            != db.local.get(id).and_then(|d| d["_rev"].as_str())
        {
            return Err(SyncError::Server {
                status: 409,
                reason: "conflict".into(),
            });
        }
        let rev = format!("0-{}", n + 1);
        let mut body = body;
        body["_rev"] = rev.clone().into();
        db.local.insert(id.to_string(), body);
        Ok(rev)
    }
}
