//! The sync in the browser: HTTP through `fetch` (`shell::couch`), the sync itself run in
//! the app's worker (it merges what it pulls as an import does), the device's sync state
//! in IndexedDB, and the session calls the page makes.

use std::collections::BTreeMap;

use crate::app::couch_http::{self, Transport};
use crate::app::sync::{
    ChangePoint, Changes, SyncError, SyncMark, SyncProgress, SyncReport, SyncRequest, SyncState,
    SyncStep, SyncStore,
};
use crate::domain::replication::Known;
use crate::shell;
use crate::shell::worker::CallError;
use crate::store::{Store, StoreError};

/// HTTP through the browser's `fetch`, with the session cookie.
pub struct Fetch;

impl Transport for Fetch {
    async fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<String>,
    ) -> Result<(u16, String), String> {
        shell::couch::request(method, url, body).await
    }
}

impl SyncStore for Store {
    async fn sync_state(&self, db: &str) -> Result<SyncState, StoreError> {
        // The rows of a province's documents (tens of thousands) are read as a sync needs
        // them, not all at every sync.
        let mark: Option<SyncMark> = self.sync_mark(db).await?;
        Ok(SyncState::from_parts(
            BTreeMap::new(),
            mark.unwrap_or_default(),
        ))
    }

    async fn known_of(
        &self,
        db: &str,
        ids: &[String],
    ) -> Result<BTreeMap<String, Known>, StoreError> {
        self.known_rows(db, ids).await
    }

    async fn known_all(&self, db: &str) -> Result<BTreeMap<String, Known>, StoreError> {
        let (known, _): (BTreeMap<String, Known>, Option<SyncMark>) = self.sync_rows(db).await?;
        Ok(known)
    }

    async fn save_sync(&self, db: &str, mut step: SyncStep) -> Result<(), StoreError> {
        let known = std::mem::take(&mut step.known);
        self.save_sync_rows(db, known, |before: Option<SyncMark>| {
            Some(step.apply(before.unwrap_or_default()).1)
        })
        .await
    }

    async fn change_point(&self) -> Result<ChangePoint, StoreError> {
        let (log, unlogged) = Store::change_point(self).await?;
        Ok(ChangePoint { log, unlogged })
    }

    async fn changed_since(
        &self,
        after: u64,
        also: &std::collections::BTreeSet<String>,
    ) -> Result<Changes, StoreError> {
        let (data, keys, (log, unlogged)) = Store::changed_since(self, after, also).await?;
        Ok(Changes {
            data,
            keys,
            upto: ChangePoint { log, unlogged },
        })
    }
}

/// Syncs run in the app's worker (`src/bin/worker.rs`, request `sync`).
pub struct WorkerSync;

impl WorkerSync {
    /// Runs a sync with `request.db`; `progress` hears how far it is. A worker stopped
    /// meanwhile answers as a sync that stopped with nothing done.
    pub async fn run(
        request: &SyncRequest,
        mut progress: impl FnMut(SyncProgress) + 'static,
    ) -> SyncReport {
        let failed = |e: String| SyncReport {
            at_ms: request.now_ms,
            stopped: Some(SyncError::Store(StoreError::Other(e))),
            ..SyncReport::default()
        };
        let Ok(json) = serde_json::to_string(request) else {
            return failed("request".into());
        };
        let on_progress = Box::new(move |text: String| {
            if let Ok(p) = serde_json::from_str::<SyncProgress>(&text) {
                progress(p);
            }
        });
        match shell::worker::call("sync", None, &json, Some(on_progress)).await {
            Ok(answer) => answer
                .as_string()
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_else(|| failed("unreadable answer from the worker".into())),
            Err(CallError::Stopped) => failed("stopped".into()),
            Err(CallError::Failed(e)) => failed(e),
        }
    }
}

/// The database address as typed, made absolute against the page; `None` if it is not
/// an http(s) address.
pub fn database_url(typed: &str) -> Option<String> {
    shell::couch::absolute_url(typed)
}

/// Whether the browser believes it is online.
pub fn online() -> bool {
    shell::couch::is_online()
}

/// Who is signed in at the database's server, if anyone.
pub async fn session(db: &str) -> Result<Option<String>, SyncError> {
    couch_http::session(&Fetch, db).await
}

/// Signs in; the password is sent once and kept nowhere.
pub async fn sign_in(db: &str, name: &str, password: &str) -> Result<(), SyncError> {
    couch_http::sign_in(&Fetch, db, name, password).await
}

/// Signs out.
pub async fn sign_out(db: &str) -> Result<(), SyncError> {
    couch_http::sign_out(&Fetch, db).await
}
