//! What the store hands out and takes in, as plain values: compiled natively too, so the
//! workflows (`crate::app`) and their tests can name them without IndexedDB.

use crate::domain::history::HistoryEntry;
use crate::domain::merge::MergePlan;

/// What went wrong with the database, in terms the UI can explain.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StoreError {
    /// The device is out of space for this site (QuotaExceededError).
    QuotaExceeded,
    /// IndexedDB cannot be used here at all (private mode, blocked, disabled).
    Unavailable(String),
    /// The database was opened elsewhere at a newer version, or an upgrade was blocked.
    VersionConflict(String),
    /// Anything else, with the browser's words for the log.
    Other(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::QuotaExceeded => write!(f, "storage quota exceeded"),
            StoreError::Unavailable(s) => write!(f, "IndexedDB unavailable: {s}"),
            StoreError::VersionConflict(s) => write!(f, "database version conflict: {s}"),
            StoreError::Other(s) => write!(f, "IndexedDB error: {s}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// Why an import was not applied. The database is unchanged in every case.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// The data on this device changed between the preview and the confirmation (another
    /// tab, or an edit): the preview no longer tells the truth, so nothing was written.
    ChangedSincePreview,
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

/// What importing a file would do (the plan), and the data revision it was planned
/// against: confirming writes exactly this plan, or nothing if the data changed since.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPreview {
    pub plan: MergePlan,
    /// What the file's sender may not write, planned apart (empty for a sync's documents):
    /// written only when the receiving official chooses it (`exchange::access::senders`).
    pub outside: MergePlan,
    /// Why each of those may not be written, by history key (the server's words).
    pub outside_reasons: std::collections::BTreeMap<String, String>,
    /// The store's data revision when the plan was made (bumped by every data change).
    pub revision: f64,
}

/// Who is editing, on which device: stamped on every edit.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Author {
    pub name: String,
    pub device: String,
}

/// A history entry with its key in the history store (for "restore this value").
#[derive(Clone, Debug, PartialEq)]
pub struct StoredHistory {
    pub key: u32,
    pub entry: HistoryEntry,
}

impl ImportPreview {
    pub fn new(plans: crate::exchange::access::senders::ImportPlans, revision: f64) -> Self {
        Self {
            plan: plans.plan,
            outside: plans.outside,
            outside_reasons: plans
                .reasons
                .into_iter()
                .map(|(k, r)| (k, r.message()))
                .collect(),
            revision,
        }
    }
}
