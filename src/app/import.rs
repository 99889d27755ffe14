//! Importing a file: read → check → preview → (the user confirms) → commit. Nothing is
//! written before the commit, and the commit writes the plan the user saw or nothing: if
//! the data changed in between (another tab, an edit), the file is previewed again and the
//! user asked again.

use std::sync::Arc;

use super::ports::{ExchangeStore, FileIn};
use crate::domain::merge::Counts;
use crate::domain::units::{Commune, Province, Unit, Village};
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

/// What a file received at first run ("Nhận tệp từ xã") brought: the commune it is about,
/// with its province and villages, and who sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    pub province: Province,
    pub commune: Commune,
    pub villages: Vec<Village>,
    pub sender: String,
}

/// Why a file received at first run was not taken.
#[derive(Clone, Debug, PartialEq)]
pub enum ReceiveError {
    Refused(Refusal),
    /// The file is not about exactly one commune (with its province).
    NotOneCommune,
    Store(StoreError),
}

/// Reads, checks and imports a file into the empty database of a first run, without a
/// preview (there is nothing here it could overwrite): the commune it is about and its
/// villages, or why it was not taken. Nothing is written unless it is taken.
pub async fn receive(
    store: &impl ExchangeStore,
    file: &impl FileIn,
    author: &Author,
    now_ms: f64,
) -> Result<Received, ReceiveError> {
    let name = file.name();
    let bytes = file.bytes(MAX_FILE_BYTES).await.map_err(|e| match e {
        Ok(refusal) => ReceiveError::Refused(refusal),
        Err(other) => ReceiveError::Store(StoreError::Other(other)),
    })?;
    let parsed = exchange::read(&bytes).map_err(ReceiveError::Refused)?;
    let units = &parsed.content.units;
    let communes: Vec<&Commune> = units
        .iter()
        .filter_map(|u| match &u.data {
            Unit::Commune(c) if !u.archived => Some(c),
            _ => None,
        })
        .collect();
    let [commune] = communes.as_slice() else {
        return Err(ReceiveError::NotOneCommune);
    };
    let commune = (*commune).clone();
    let province = units
        .iter()
        .find_map(|u| match &u.data {
            Unit::Province(p) if p.code == commune.province_code => Some(p.clone()),
            _ => None,
        })
        .ok_or(ReceiveError::NotOneCommune)?;
    let villages = units
        .iter()
        .filter_map(|u| match &u.data {
            Unit::Village(v) if !u.archived && v.merged_into.is_none() => Some(v.clone()),
            _ => None,
        })
        .collect();
    let preview = store
        .preview_import(&parsed.content)
        .await
        .map_err(ReceiveError::Store)?;
    let record = ImportRecord {
        at_ms: now_ms,
        file_name: name,
        sender: parsed.header.sender.clone(),
        created_at: parsed.header.created_at.clone(),
        hash: parsed.hash.clone(),
        counts: preview.plan.counts,
    };
    store
        .import(&preview, record, &[], author)
        .await
        .map_err(|e| match e {
            ImportError::Store(e) => ReceiveError::Store(e),
            ImportError::ChangedSincePreview => {
                ReceiveError::Store(StoreError::Other("the data changed while importing".into()))
            }
        })?;
    Ok(Received {
        province,
        commune,
        villages,
        sender: parsed.header.sender.name,
    })
}
