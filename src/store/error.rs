//! Store failures, sorted into what the user can act on.

use indexed_db_futures::error::{DomException, Error, OpenDbError};

/// What went wrong with the database, in terms the UI can explain.
#[derive(Clone, Debug, PartialEq, Eq)]
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

impl StoreError {
    pub(crate) fn from_open(e: OpenDbError) -> Self {
        match e {
            OpenDbError::Base(base) => base.into(),
            other => StoreError::Unavailable(other.to_string()),
        }
    }
}

impl From<Error> for StoreError {
    fn from(e: Error) -> Self {
        if let Error::DomException(DomException::Other(ref d)) = e {
            match d.name().as_str() {
                "QuotaExceededError" => return StoreError::QuotaExceeded,
                // Another tab or an older build holds a newer schema.
                "VersionError" => return StoreError::VersionConflict(d.message()),
                _ => {}
            }
        }
        let text = e.to_string();
        if text.contains("QuotaExceeded") {
            StoreError::QuotaExceeded
        } else {
            StoreError::Other(text)
        }
    }
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
