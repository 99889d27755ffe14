//! Sync with a CouchDB database (issue 17): the client side of CouchDB's replication
//! protocol, as a workflow over two ports — the server ([`CouchServer`]: `_changes`,
//! `_revs_diff`, `_bulk_get`, `_bulk_docs` with `new_edits: false`, `_local` checkpoints;
//! over HTTP in the browser, in memory in `memory_couch.rs`) and the device
//! ([`SyncStore`]: the exchange store, plus what it last exchanged of each document).
//!
//! What arrives is merged exactly as a file is (`ExchangeStore::preview_import` and
//! `import`: stamps decide, a stamp from the future is refused line by line, losers stay
//! in history and the conflict list); which revisions to send, fetch and close is decided by
//! `domain::replication`. A sync pulls, then pushes. It is resumable: each batch sent and each page of changes
//! merged is recorded before the next, so a lost connection costs only the batch under way,
//! and sending it again writes the same revisions (their ids come from their content).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::ports::ExchangeStore;
use crate::domain::couch_docs::{datasets_of, docs_of, ValueDoc};
use crate::domain::merge::Counts;
use crate::domain::replication::{
    closing, content_hash, incoming, known_after_pull, outgoing, to_fetch, Incoming, Known, Leaf,
};
use crate::exchange::{ImportRecord, Sender};
use crate::store::{Author, ImportError, StoreError};

/// Documents per `_bulk_docs` request and changes per `_changes` page.
pub const BATCH: usize = 500;

/// Why a sync stopped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SyncError {
    /// No answer: no signal, or the server is down.
    Offline,
    /// Not signed in, or the session ended (HTTP 401).
    Unauthorized,
    /// The server's rules refused the whole request (HTTP 403).
    Forbidden(String),
    /// No such database (HTTP 404).
    NotFound,
    /// Any other answer that is not a success.
    Server { status: u16, reason: String },
    /// An answer that is not what the protocol says.
    BadAnswer(String),
    /// The device's own database failed.
    Store(StoreError),
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> Self {
        SyncError::Store(e)
    }
}

/// A page of `_changes?style=all_docs`: each changed document with its leaf revisions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChangesPage {
    pub changes: Vec<(String, Vec<String>)>,
    pub last_seq: String,
}

/// A document the server refused in `_bulk_docs` (its `validate_doc_update`, usually).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocRefusal {
    pub id: String,
    pub error: String,
    pub reason: String,
    /// The commune the document belongs to (filled in by the push, from the document),
    /// so the status can say whose record it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
}

// The app runs on one thread (wasm): the futures need not be `Send`.
#[allow(async_fn_in_trait)]
/// A CouchDB database as replication uses it.
pub trait CouchServer {
    /// Changes after `since` ("0": from the start), at most `limit`, every leaf of each.
    async fn changes(&self, since: &str, limit: usize) -> Result<ChangesPage, SyncError>;
    /// Of these revisions, the ones the server does not have (`_revs_diff`).
    async fn revs_diff(
        &self,
        revs: &BTreeMap<String, Vec<String>>,
    ) -> Result<BTreeSet<(String, String)>, SyncError>;
    /// Writes revisions as they are (`new_edits: false`); the documents refused.
    async fn bulk_docs(&self, docs: Vec<serde_json::Value>) -> Result<Vec<DocRefusal>, SyncError>;
    /// These revisions with their `_revisions` (`_bulk_get?revs=true`); one that is gone is
    /// left out.
    async fn bulk_get(
        &self,
        wanted: &[(String, String)],
    ) -> Result<Vec<serde_json::Value>, SyncError>;
    /// A `_local` document (checkpoints: never replicated).
    async fn get_local(&self, id: &str) -> Result<Option<serde_json::Value>, SyncError>;
    /// Writes a `_local` document (`_rev`: the one it replaces); its new `_rev`.
    async fn put_local(&self, id: &str, body: serde_json::Value) -> Result<String, SyncError>;
}

/// What a device keeps of its sync with one database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncState {
    /// Per document: the revision last exchanged and its content.
    pub known: BTreeMap<String, Known>,
    /// The server's change sequence merged up to ("0": nothing yet).
    pub since: String,
    /// Deleted revisions closing the other leaves of conflicts merged at the last pull,
    /// sent with the next push (`_bulk_docs` bodies).
    pub closings: Vec<serde_json::Value>,
    pub last: Option<SyncReport>,
}

/// A [`SyncState`] but its documents: the one small record a device keeps per database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncMark {
    pub since: String,
    pub closings: Vec<serde_json::Value>,
    pub last: Option<SyncReport>,
}

impl SyncState {
    pub fn from_parts(known: BTreeMap<String, Known>, mark: SyncMark) -> Self {
        Self {
            known,
            since: mark.since,
            closings: mark.closings,
            last: mark.last,
        }
    }
}

/// What one step of a sync changed in the device's [`SyncState`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncStep {
    pub known: Vec<(String, Known)>,
    pub since: Option<String>,
    pub closings: Option<Vec<serde_json::Value>>,
    pub last: Option<SyncReport>,
}

impl SyncStep {
    /// The documents this step records, and the record after it.
    pub fn apply(self, mut mark: SyncMark) -> (Vec<(String, Known)>, SyncMark) {
        if let Some(since) = self.since {
            mark.since = since;
        }
        if let Some(closings) = self.closings {
            mark.closings = closings;
        }
        if let Some(last) = self.last {
            mark.last = Some(last);
        }
        (self.known, mark)
    }
}

#[allow(async_fn_in_trait)]
/// The device's side: its data (as for files) and its sync state per database.
pub trait SyncStore: ExchangeStore {
    async fn sync_state(&self, db: &str) -> Result<SyncState, StoreError>;
    /// Records a step, all of it or nothing.
    async fn save_sync(&self, db: &str, step: SyncStep) -> Result<(), StoreError>;
}

/// What a sync did, for the status line ("Đồng bộ lúc …: gửi 12, nhận 40").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncReport {
    /// When it ended (ms since the epoch).
    pub at_ms: f64,
    /// Documents written to the server (closings not counted).
    pub sent: usize,
    /// Revisions read from the server.
    pub received: usize,
    /// What merging them did, as an import counts it.
    pub merged: Counts,
    /// Documents the server's rules refused.
    pub refused: Vec<DocRefusal>,
    /// Documents changed here and not yet on the server (refused or not reached).
    pub waiting: usize,
    /// `None` when it ran to the end.
    pub stopped: Option<SyncError>,
}

/// What the page asks the worker to sync.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncRequest {
    /// The database's absolute URL.
    pub db: String,
    pub author: Author,
    pub now_ms: f64,
}

/// How far a sync is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SyncProgress {
    /// Sending: documents done of all to send.
    Sending { done: usize, total: usize },
    /// Receiving: changes merged so far.
    Receiving { done: usize },
}

/// The id of this device's checkpoint on the server (`_local/…`): one per device and
/// database, as CouchDB's replicator keeps one per replication.
pub fn checkpoint_id(device: &str, db: &str) -> String {
    format!(
        "_local/ntm-{}",
        crate::domain::replication::hex32(format!("{device}\n{db}").as_bytes())
    )
}

/// Pushes what changed here, then pulls and merges what changed on the server. Stops at
/// the first failure, with what was done until then recorded (and reported).
pub async fn sync(
    store: &impl SyncStore,
    server: &impl CouchServer,
    db: &str,
    author: &Author,
    now_ms: f64,
    mut progress: impl FnMut(SyncProgress),
) -> SyncReport {
    let mut report = SyncReport::default();
    let outcome = run(
        store,
        server,
        db,
        author,
        now_ms,
        &mut progress,
        &mut report,
    )
    .await;
    report.at_ms = now_ms;
    report.stopped = outcome.err();
    // What is still waiting: counted against what the device now knows.
    if let (Ok(state), Ok(data)) = (store.sync_state(db).await, store.dataset().await) {
        report.waiting = outgoing(&docs_of(&data), &state.known).len();
    }
    let _ = store
        .save_sync(
            db,
            SyncStep {
                last: Some(report.clone()),
                ..SyncStep::default()
            },
        )
        .await;
    report
}

async fn run(
    store: &impl SyncStore,
    server: &impl CouchServer,
    db: &str,
    author: &Author,
    now_ms: f64,
    progress: &mut impl FnMut(SyncProgress),
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let mut state = store.sync_state(db).await?;
    let checkpoint = checkpoint_id(&author.device, db);
    // The server's copy of the checkpoint must agree with ours: a database created anew
    // (or restored from a backup) has other sequences and may lack revisions the device
    // sent. Then everything is read again (merging what is here already changes nothing)
    // and every revision the server lacks is sent again.
    let theirs = server.get_local(&checkpoint).await?;
    let agreed = !state.since.is_empty()
        && theirs
            .as_ref()
            .and_then(|c| c.get("last_seq"))
            .and_then(|s| s.as_str())
            == Some(state.since.as_str());
    if !agreed {
        state.since = "0".into();
        recheck(store, server, db, &mut state).await?;
    }
    let local_rev = theirs
        .as_ref()
        .and_then(|c| c.get("_rev"))
        .and_then(|r| r.as_str())
        .map(str::to_string);
    // Pull first: a phone that has been away merges what changed before it sends, so it
    // sends only what it changed itself (an older copy of another commune's values would
    // otherwise be sent and refused), and the conflicts it merges are closed in this push.
    pull(
        store,
        server,
        db,
        author,
        now_ms,
        &checkpoint,
        local_rev,
        &mut state,
        progress,
        report,
    )
    .await?;
    push(store, server, db, &mut state, progress, report).await
}

/// Forgets the content of every revision the server does not have, so that the push sends
/// it again (as the same revision, on the same ancestors).
async fn recheck(
    store: &impl SyncStore,
    server: &impl CouchServer,
    db: &str,
    state: &mut SyncState,
) -> Result<(), SyncError> {
    let all: Vec<(String, String)> = state
        .known
        .iter()
        .map(|(id, k)| (id.clone(), k.rev.clone()))
        .collect();
    for batch in all.chunks(BATCH) {
        let asked: BTreeMap<String, Vec<String>> = batch
            .iter()
            .map(|(id, rev)| (id.clone(), vec![rev.clone()]))
            .collect();
        let missing = server.revs_diff(&asked).await?;
        let mut known = Vec::new();
        for (id, _) in missing {
            if let Some(k) = state.known.get_mut(&id) {
                k.content.clear();
                known.push((id, k.clone()));
            }
        }
        if !known.is_empty() {
            save_known(store, db, known).await?;
        }
    }
    Ok(())
}

/// Sends every document whose content differs from what was last exchanged, as a child of
/// that revision, in batches, each recorded once the server has it; then the deletions
/// closing the other leaves of the conflicts the pull merged.
async fn push(
    store: &impl SyncStore,
    server: &impl CouchServer,
    db: &str,
    state: &mut SyncState,
    progress: &mut impl FnMut(SyncProgress),
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let data = store.dataset().await?;
    let out = outgoing(&docs_of(&data), &state.known);
    let total = out.len();
    progress(SyncProgress::Sending { done: 0, total });
    for (i, batch) in out.chunks(BATCH).enumerate() {
        let asked: BTreeMap<String, Vec<String>> = batch
            .iter()
            .map(|o| (o.doc.id.clone(), vec![o.rev.to_string()]))
            .collect();
        // The server may have some already: sent before a connection was lost, or the same
        // value written by another device on the same revision.
        let missing = server.revs_diff(&asked).await?;
        let bodies: Vec<serde_json::Value> = batch
            .iter()
            .filter(|o| missing.contains(&(o.doc.id.clone(), o.rev.to_string())))
            .map(|o| o.body())
            .collect();
        let sent = bodies.len();
        let refused = if bodies.is_empty() {
            Vec::new()
        } else {
            server.bulk_docs(bodies).await?
        };
        let refused: Vec<DocRefusal> = refused
            .into_iter()
            .map(|mut r| {
                r.commune = batch
                    .iter()
                    .find(|o| o.doc.id == r.id)
                    .and_then(|o| o.doc.scope.commune.clone());
                r
            })
            .collect();
        let refused_ids: BTreeSet<&str> = refused.iter().map(|r| r.id.as_str()).collect();
        let known: Vec<(String, Known)> = batch
            .iter()
            .filter(|o| !refused_ids.contains(o.doc.id.as_str()))
            .map(|o| (o.doc.id.clone(), o.known.clone()))
            .collect();
        report.sent += sent - refused.len().min(sent);
        report.refused.extend(refused);
        for (id, k) in &known {
            state.known.insert(id.clone(), k.clone());
        }
        save_known(store, db, known).await?;
        progress(SyncProgress::Sending {
            done: ((i + 1) * BATCH).min(total),
            total,
        });
    }
    if !state.closings.is_empty() {
        // A closing refused by the rules leaves a conflict open on the server, nothing
        // more: the merged value is written either way.
        server.bulk_docs(state.closings.clone()).await?;
        state.closings.clear();
        store
            .save_sync(
                db,
                SyncStep {
                    closings: Some(Vec::new()),
                    ..SyncStep::default()
                },
            )
            .await?;
    }
    Ok(())
}

/// Reads the changes since the checkpoint, page by page: fetches the leaves the device
/// does not know, merges them as files (a conflict's leaves one after the other), then
/// records per document the leaf it now holds (or CouchDB's winner, whose child the next
/// push writes) and the checkpoint — on the device and on the server.
#[allow(clippy::too_many_arguments)]
async fn pull(
    store: &impl SyncStore,
    server: &impl CouchServer,
    db: &str,
    author: &Author,
    now_ms: f64,
    checkpoint: &str,
    mut local_rev: Option<String>,
    state: &mut SyncState,
    progress: &mut impl FnMut(SyncProgress),
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let mut since = state.since.clone();
    let mut done = 0;
    loop {
        let mut page = server.changes(&since, BATCH).await?;
        if page.changes.is_empty() {
            break;
        }
        // Design documents (the server's write rules) are the server's, not data.
        page.changes.retain(|(id, _)| !id.starts_with("_design/"));
        let wanted: Vec<(String, String)> = to_fetch(&page.changes, &state.known)
            .into_iter()
            .map(|(id, rev)| (id.to_string(), rev.to_string()))
            .collect();
        let mut docs: Vec<ValueDoc> = Vec::new();
        let mut leaves: BTreeMap<String, Vec<Leaf>> = BTreeMap::new();
        for chunk in wanted.chunks(BATCH) {
            for v in server.bulk_get(chunk).await? {
                report.received += 1;
                match incoming(v).map_err(SyncError::BadAnswer)? {
                    Incoming::Doc {
                        doc,
                        rev,
                        revisions,
                    } => {
                        leaves.entry(doc.id.clone()).or_default().push(Leaf::read(
                            &rev,
                            &doc,
                            revisions.as_ref(),
                        ));
                        docs.push(*doc);
                    }
                    // A closed leaf: nothing to merge.
                    Incoming::Deleted { .. } => {}
                }
            }
        }
        // The leaf the device knows, when it is still one, is a leaf like the others.
        for (id, revs) in &page.changes {
            if let Some(k) = state.known.get(id).filter(|k| revs.contains(&k.rev)) {
                leaves.entry(id.clone()).or_default().push(Leaf::known(k));
            }
        }
        for layer in datasets_of(docs) {
            let counts = merge(store, &layer, db, now_ms, author).await?;
            add_counts(&mut report.merged, counts);
        }
        let data = store.dataset().await?;
        let ours: BTreeMap<String, String> = docs_of(&data)
            .into_iter()
            .filter(|d| leaves.contains_key(&d.id))
            .map(|d| (d.id.clone(), content_hash(&d)))
            .collect();
        let mut known = Vec::new();
        for (id, ls) in &leaves {
            if let Some(k) = known_after_pull(ls, ours.get(id).map(String::as_str)) {
                let closings = closing(id, ls, &k);
                state.closings.extend(closings.iter().map(|c| c.body()));
                state.known.insert(id.clone(), k.clone());
                known.push((id.clone(), k));
            }
        }
        since = page.last_seq.clone();
        state.since = since.clone();
        store
            .save_sync(
                db,
                SyncStep {
                    known,
                    since: Some(since.clone()),
                    closings: Some(state.closings.clone()),
                    last: None,
                },
            )
            .await?;
        let mut body = serde_json::json!({ "last_seq": since });
        if let Some(r) = &local_rev {
            body["_rev"] = r.clone().into();
        }
        local_rev = Some(server.put_local(checkpoint, body).await?);
        done += page.changes.len();
        progress(SyncProgress::Receiving { done });
    }
    Ok(())
}

/// Merges one layer of received documents as an imported file is merged; a local edit
/// made meanwhile makes the store refuse the plan, which is then made again.
async fn merge(
    store: &impl SyncStore,
    layer: &crate::domain::merge::Dataset,
    db: &str,
    now_ms: f64,
    author: &Author,
) -> Result<Counts, SyncError> {
    for _ in 0..3 {
        let preview = store.preview_import(layer).await?;
        let record = ImportRecord {
            at_ms: now_ms,
            file_name: db.to_string(),
            sender: Sender {
                device: "couchdb".into(),
                name: db.to_string(),
                role: None,
                unit: None,
            },
            created_at: String::new(),
            hash: String::new(),
            counts: preview.plan.counts,
        };
        match store
            .import(&preview, record, &[], author, &mut |_, _| {})
            .await
        {
            Ok(counts) => return Ok(counts),
            Err(ImportError::ChangedSincePreview) => continue,
            Err(ImportError::Store(e)) => return Err(e.into()),
        }
    }
    Err(SyncError::Store(StoreError::Other(
        "dữ liệu thay đổi liên tục trong lúc đồng bộ".into(),
    )))
}

/// Records what the device now knows of these documents.
async fn save_known(
    store: &impl SyncStore,
    db: &str,
    known: Vec<(String, Known)>,
) -> Result<(), StoreError> {
    let step = SyncStep {
        known,
        ..SyncStep::default()
    };
    store.save_sync(db, step).await
}

fn add_counts(total: &mut Counts, c: Counts) {
    total.new += c.new;
    total.updated += c.updated;
    total.unchanged += c.unchanged;
    total.older += c.older;
    total.conflicts += c.conflicts;
    total.rejected += c.rejected;
}
