//! IndexedDB failures sorted into what the user can act on ([`StoreError`]).

use indexed_db_futures::error::{DomException, Error, OpenDbError};

use super::StoreError;

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
