//! The sync's types: what the ports say ([`CouchServer`], [`SyncStore`]), what a device
//! keeps of a sync ([`SyncState`], [`SyncMark`]) and what a sync did ([`SyncReport`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::app::ports::ExchangeStore;
use crate::domain::merge::{Counts, FutureStamps};
use crate::domain::replication::Known;
use crate::store::{Author, StoreError};

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

/// Where the device's change log is: the last key of its history, and how many times data
/// was written without history entries (a whole demo loaded, a data step, a file of an
/// early version imported) — then what changed cannot be read from the history.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePoint {
    pub log: u64,
    pub unlogged: u64,
}

/// What changed on the device after a point of its change log: the records, marks and
/// values edited (or merged) since, each with its whole history, and the units their
/// documents' scopes name; `keys` the history keys touched; `upto` the log's point now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    pub data: crate::domain::merge::Dataset,
    pub keys: BTreeSet<String>,
    pub upto: ChangePoint,
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
    /// The point of the device's change log every change up to which was built and sent
    /// (or found unchanged); `None`: never, the next push builds every document.
    pub pushed: Option<ChangePoint>,
    /// Documents built at the last push and not on the server yet (refused, or the push
    /// was cut off): built again at every push until they go up.
    pub pending: BTreeSet<String>,
    /// Whether `known` holds every document's row (else rows are read as a sync needs
    /// them: `SyncStore::known_of`).
    #[serde(skip)]
    pub complete: bool,
    /// Documents whose row was asked for and is absent (never exchanged).
    #[serde(skip)]
    pub absent: BTreeSet<String>,
    /// Rows asked for one by one so far.
    #[serde(skip)]
    pub asked: usize,
    /// Values pulled whose criteria set had not arrived (id → revision): taken in again
    /// at the end of the pull, and at the next sync while still waiting.
    pub unmerged: BTreeMap<String, String>,
}

/// A [`SyncState`] but its documents: the one small record a device keeps per database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncMark {
    pub since: String,
    pub closings: Vec<serde_json::Value>,
    pub last: Option<SyncReport>,
    /// (Absent in records kept before issue 30: the next push builds everything.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pushed: Option<ChangePoint>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub pending: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unmerged: BTreeMap<String, String>,
}

impl SyncState {
    pub fn from_parts(known: BTreeMap<String, Known>, mark: SyncMark) -> Self {
        Self {
            known,
            since: mark.since,
            closings: mark.closings,
            last: mark.last,
            pushed: mark.pushed,
            pending: mark.pending,
            complete: false,
            absent: BTreeSet::new(),
            asked: 0,
            unmerged: mark.unmerged,
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
    /// Where a push got to in the change log, and what it left unsent.
    pub pushed: Option<(ChangePoint, BTreeSet<String>)>,
    /// Values pulled that wait for their criteria set.
    pub unmerged: Option<BTreeMap<String, String>>,
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
        if let Some((upto, pending)) = self.pushed {
            mark.pushed = Some(upto);
            mark.pending = pending;
        }
        if let Some(unmerged) = self.unmerged {
            mark.unmerged = unmerged;
        }
        (self.known, mark)
    }
}

#[allow(async_fn_in_trait)]
/// The device's side: its data (as for files) and its sync state per database.
pub trait SyncStore: ExchangeStore {
    /// The small record kept per database, and (as far as the store holds them at hand)
    /// what was exchanged of each document: the rest is read as needed.
    async fn sync_state(&self, db: &str) -> Result<SyncState, StoreError>;
    /// What was exchanged of these documents (those never exchanged are absent).
    async fn known_of(
        &self,
        db: &str,
        ids: &[String],
    ) -> Result<BTreeMap<String, Known>, StoreError>;
    /// What was exchanged of every document.
    async fn known_all(&self, db: &str) -> Result<BTreeMap<String, Known>, StoreError>;
    /// Records a step, all of it or nothing.
    async fn save_sync(&self, db: &str, step: SyncStep) -> Result<(), StoreError>;
    /// The point the device's change log is at (every edit, import and merge writes
    /// history entries there, in order).
    async fn change_point(&self) -> Result<ChangePoint, StoreError>;
    /// What changed after point `after`, with the values and records of `also` (history
    /// keys) whether they changed or not, in one consistent read.
    async fn changed_since(
        &self,
        after: u64,
        also: &BTreeSet<String>,
    ) -> Result<Changes, StoreError>;
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
    /// What was not taken in for a stamp from the future, by the phone that made it (a
    /// clock ahead), as an import's preview says it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub future: Vec<FutureStamps>,
    /// Revisions pulled and not taken in: not a document of the format, a field naming a
    /// unit that disagrees with its id, a village filed under another commune (each with
    /// its unit and reason). The next sync does not read them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<super::PulledRefusal>,
    /// Documents the push built to compare with what was last exchanged (every document
    /// of the device, or those changed since the last push).
    #[serde(default)]
    pub built: usize,
    /// Values and records changed here and not yet on the server (refused or not reached).
    pub waiting: usize,
    /// `None` when it ran to the end.
    pub stopped: Option<SyncError>,
}

/// What the page asks the worker to sync.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncRequest {
    /// The database's absolute URL.
    pub db: String,
    /// Build every document, not only those changed since the last push.
    #[serde(default)]
    pub full: bool,
    pub author: Author,
    pub now_ms: f64,
    /// The unit the device's user works in: the official list's records it sends are
    /// those of that unit (a commune's own; all of a province's).
    #[serde(default)]
    pub home: Option<crate::domain::units::UnitRef>,
}

impl SyncRequest {
    /// A sync of `db` by `author` now, for a device of no particular unit.
    pub fn new(db: &str, author: &Author, now_ms: f64) -> Self {
        SyncRequest {
            db: db.to_string(),
            full: false,
            author: author.clone(),
            now_ms,
            home: None,
        }
    }
}

/// How far a sync is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SyncProgress {
    /// Sending: documents done of all to send.
    Sending { done: usize, total: usize },
    /// Receiving: changes merged so far.
    Receiving { done: usize },
}
