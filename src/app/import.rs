//! Importing a file: read → check → preview → (the user confirms) → commit. Nothing is
//! written before the commit, and the commit writes the plan the user saw or nothing: if
//! the data changed in between (another tab, an edit), the file is previewed again and the
//! user asked again.

use std::sync::Arc;

use super::ports::{ExchangeStore, FileIn};
use crate::domain::merge::Counts;
use crate::exchange::{self, ExchangeFile, ImportRecord, Refusal, MAX_FILE_BYTES};
use crate::store::{Author, ImportError, ImportPreview, StoreError};

/// The step an import is at, for progress and timing (the browser records a performance
/// entry `ntm-import-<step>` per step; the benchmarks read them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStep {
    Read,
    Parse,
    Plan,
    Commit,
}

impl ImportStep {
    /// The name of its performance entry.
    pub fn timing_name(self) -> &'static str {
        match self {
            ImportStep::Read => "ntm-import-read",
            ImportStep::Parse => "ntm-import-parse",
            ImportStep::Plan => "ntm-import-plan",
            ImportStep::Commit => "ntm-import-commit",
        }
    }
}

/// A file checked and planned, waiting for the user's "Nhập vào máy".
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    /// The file's name as picked.
    pub name: String,
    pub file: Arc<ExchangeFile>,
    pub preview: Arc<ImportPreview>,
    /// The data changed since an earlier preview of this file, so this is a new one.
    pub changed_since_first: bool,
    /// Village merges ("Gộp") chosen on the earlier preview that still apply.
    pub chosen_merges: Vec<(String, String)>,
}

/// Where an import stands.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportState {
    Idle,
    Working(ImportStep),
    /// The file was not imported; nothing was stored.
    Refused {
        name: String,
        refusal: Refusal,
    },
    Preview(Pending),
    Done {
        name: String,
        counts: Counts,
    },
    Failed(StoreError),
}

/// Reads, checks and plans a picked file: a preview, or why it is refused. Writes nothing.
/// `progress` is told each step as it starts.
pub async fn open(
    store: &impl ExchangeStore,
    file: &impl FileIn,
    mut progress: impl FnMut(ImportStep),
) -> ImportState {
    let name = file.name();
    progress(ImportStep::Read);
    let bytes = match file.bytes(MAX_FILE_BYTES).await {
        Ok(b) => b,
        Err(Ok(refusal)) => return ImportState::Refused { name, refusal },
        Err(Err(other)) => return ImportState::Failed(StoreError::Other(other)),
    };
    progress(ImportStep::Parse);
    let parsed = match exchange::read(&bytes) {
        Ok(f) => f,
        Err(refusal) => return ImportState::Refused { name, refusal },
    };
    drop(bytes);
    progress(ImportStep::Plan);
    match store.preview_import(&parsed.content).await {
        Ok(preview) => ImportState::Preview(Pending {
            name,
            file: Arc::new(parsed),
            preview: Arc::new(preview),
            changed_since_first: false,
            chosen_merges: Vec::new(),
        }),
        Err(e) => ImportState::Failed(e),
    }
}

/// Commits a previewed file with the village merges the user chose ("Gộp"): `Done`, or a
/// new preview (flagged `changed_since_first`) when the data changed since this one.
pub async fn confirm(
    store: &impl ExchangeStore,
    pending: &Pending,
    merges: &[(String, String)],
    author: &Author,
    now_ms: f64,
    mut progress: impl FnMut(ImportStep),
) -> ImportState {
    let file = &pending.file;
    let record = ImportRecord {
        at_ms: now_ms,
        file_name: pending.name.clone(),
        sender: file.header.sender.clone(),
        created_at: file.header.created_at.clone(),
        hash: file.hash.clone(),
        counts: pending.preview.plan.counts,
    };
    progress(ImportStep::Commit);
    match store.import(&pending.preview, record, merges, author).await {
        Ok(counts) => ImportState::Done {
            name: pending.name.clone(),
            counts,
        },
        Err(ImportError::ChangedSincePreview) => {
            progress(ImportStep::Plan);
            match store.preview_import(&file.content).await {
                Ok(preview) => {
                    let still = |m: &&(String, String)| {
                        preview
                            .plan
                            .duplicates
                            .iter()
                            .any(|d| d.incoming == m.0 && d.local == m.1)
                    };
                    let chosen_merges = merges.iter().filter(still).cloned().collect();
                    ImportState::Preview(Pending {
                        preview: Arc::new(preview),
                        changed_since_first: true,
                        chosen_merges,
                        ..pending.clone()
                    })
                }
                Err(e) => ImportState::Failed(e),
            }
        }
        Err(ImportError::Store(e)) => ImportState::Failed(e),
    }
}
