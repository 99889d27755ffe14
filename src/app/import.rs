//! Importing a file: read → check → preview → (the user confirms) → commit. Nothing is
//! written before the commit, and the commit writes the plan the user saw or nothing: if
//! the data changed in between (another tab, an edit), the file is previewed again and the
//! user asked again.
//!
//! In the browser these steps run in the app's worker (`src/bin/worker.rs`), off the
//! page's main thread: the worker keeps the parsed file and the plan ([`Held`]) between
//! the preview and the commit, and the page gets only what it shows ([`Pending`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::ports::{ExchangeStore, FileIn};
use crate::domain::criteria::CriteriaSet;
use crate::domain::history::EditTarget;
use crate::domain::merge::{Counts, Line, LineKind, PlanSummary, PREVIEW_LINES};
use crate::domain::units::{Commune, Province, Unit, Village};
use crate::exchange::access::senders::ImportRule;
use crate::exchange::signing::{self, KnownSender, SenderCheck};
use crate::exchange::{self, ExchangeFile, Header, ImportRecord, Refusal, Sender, MAX_FILE_BYTES};
use crate::store::{Author, ImportError, ImportPreview, StoreError};

/// The step an import is at, for progress and timing (the browser records a performance
/// entry `ntm-import-<step>` per step; the benchmarks read them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// How far an import is: its step, and within it `done` of `total` (bytes read while
/// checking, rows written while committing; `total` 0 when a step cannot say).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub step: ImportStep,
    pub done: usize,
    pub total: usize,
}

impl Progress {
    pub fn start(step: ImportStep) -> Self {
        Self {
            step,
            done: 0,
            total: 0,
        }
    }
}

/// A file checked and planned, waiting for the user's "Nhập vào máy": what the preview
/// shows of it (the file itself and the plan's writes stay with [`Held`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The file's name as picked.
    pub name: String,
    pub header: Arc<Header>,
    pub plan: Arc<PlanSummary>,
    /// Names of the file's units that have lines (key → name): a unit new here is named
    /// as the file names it.
    pub unit_names: BTreeMap<String, String>,
    /// The file's criteria sets that the plan's lines name (a criterion's code in a set
    /// new here).
    pub sets: Vec<CriteriaSet>,
    /// The data changed since an earlier preview of this file, so this is a new one.
    pub changed_since_first: bool,
    /// Village merges ("Gộp") chosen on the earlier preview that still apply.
    pub chosen_merges: Vec<(String, String)>,
    /// What the sender may not write that would change something here (its first
    /// [`PREVIEW_LINES`] lines, each with the server's reason): imported only if chosen.
    pub outside: Vec<OutsideLine>,
    /// How many such lines there are (new values beyond the listed ones included).
    pub outside_total: usize,
    /// The file's signature against what this device knows of its sender.
    pub sender_check: SenderCheck,
}

/// A value of a file its sender may not write (`exchange::access::senders`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutsideLine {
    pub line: Line,
    pub reason: String,
}

/// Which values outside the sender's scope the receiving official chose to import.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum OutsideChoice {
    /// None of them (what the preview proposes).
    #[default]
    None,
    /// These, by history key.
    Some(Vec<String>),
    /// Every one.
    All,
}

/// Whether a line would change something here (what an official has to decide on).
fn changes(line: &Line) -> bool {
    matches!(
        line.kind,
        LineKind::New | LineKind::Updated | LineKind::Conflict
    )
}

/// What the import keeps between the preview and the commit, where it runs (the worker):
/// the parsed file, the plan with its writes, and what the page was shown of them.
#[derive(Debug)]
pub struct Held {
    pub file: ExchangeFile,
    pub preview: ImportPreview,
    pub pending: Pending,
}

impl Held {
    fn new(
        name: String,
        file: ExchangeFile,
        preview: ImportPreview,
        sender_check: SenderCheck,
    ) -> Self {
        let pending = pending_of(name, &file, &preview, sender_check);
        Self {
            file,
            preview,
            pending,
        }
    }

    /// The first lines of the unit with key `unit` (the preview filtered by that unit).
    pub fn first_lines(&self, unit: &str) -> Vec<Line> {
        self.preview.plan.first_lines(Some(unit))
    }
}

/// What the page is shown of a planned file: the plan's summary, the names of every unit
/// that has lines (the preview's filter lists them) and the sets any line names.
fn pending_of(
    name: String,
    file: &ExchangeFile,
    preview: &ImportPreview,
    sender_check: SenderCheck,
) -> Pending {
    let plan = preview.plan.summary();
    let units: BTreeSet<&str> = plan
        .units_with_lines()
        .chain(
            preview
                .outside
                .lines
                .iter()
                .filter_map(|l| l.unit.as_deref()),
        )
        .collect();
    let unit_names = file
        .content
        .units
        .iter()
        .filter(|u| units.contains(u.id.as_str()))
        .map(|u| (u.id.clone(), u.data.name().to_string()))
        .collect();
    let named: BTreeSet<&str> = preview
        .plan
        .lines
        .iter()
        .chain(&preview.outside.lines)
        .filter_map(|l| match &l.target {
            EditTarget::Mark { assessment, .. } | EditTarget::Value { assessment, .. } => {
                assessment.split('|').nth(1)
            }
            _ => None,
        })
        .collect();
    let sets = file
        .content
        .sets
        .iter()
        .filter(|s| named.contains(s.data.set_id().to_string().as_str()))
        .map(|s| s.data.clone())
        .collect();
    let outside_plan = &preview.outside;
    let outside = outside_plan
        .lines
        .iter()
        .filter(|l| changes(l))
        .take(PREVIEW_LINES)
        .map(|l| OutsideLine {
            line: l.clone(),
            reason: preview
                .outside_reasons
                .get(&l.target.record_key())
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let c = outside_plan.counts;
    Pending {
        name,
        header: Arc::new(file.header.clone()),
        plan: Arc::new(plan),
        unit_names,
        sets,
        changed_since_first: false,
        chosen_merges: Vec::new(),
        outside,
        outside_total: c.new + c.updated + c.conflicts,
        sender_check,
    }
}

/// Where an import stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ImportState {
    Idle,
    Working(Progress),
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
    /// The preview is gone (the worker that held it was stopped): nothing was stored, the
    /// file has to be picked again.
    Lost,
}

/// "Nhập vào máy" as the page sends it to the worker that holds the previewed file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmRequest {
    pub merges: Vec<(String, String)>,
    /// The values outside the sender's scope chosen to be imported too.
    #[serde(default)]
    pub outside: OutsideChoice,
    pub author: Author,
    pub now_ms: f64,
}

/// A first-run "Nhận tệp từ xã" as the page sends it to the worker (with the file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceiveRequest {
    pub author: Author,
    pub now_ms: f64,
}

/// Reads, checks and plans a picked file: what it would do (kept by the caller until the
/// user confirms or cancels), or why it is refused. Writes nothing. `progress` is told
/// each step as it starts, and how far reading has got.
pub async fn open(
    store: &impl ExchangeStore,
    file: &impl FileIn,
    mut progress: impl FnMut(Progress),
) -> Result<Held, ImportState> {
    let name = file.name();
    progress(Progress::start(ImportStep::Read));
    let bytes = match file.bytes(MAX_FILE_BYTES).await {
        Ok(b) => b,
        Err(Ok(refusal)) => return Err(ImportState::Refused { name, refusal }),
        Err(Err(other)) => return Err(ImportState::Failed(StoreError::Other(other))),
    };
    progress(Progress::start(ImportStep::Parse));
    let parsed = exchange::read_with_progress(&bytes, &mut |done, total| {
        progress(Progress {
            step: ImportStep::Parse,
            done,
            total,
        })
    });
    let parsed = match parsed {
        Ok(f) => f,
        Err(refusal) => return Err(ImportState::Refused { name, refusal }),
    };
    drop(bytes);
    let check = match check_signature(store, &parsed).await {
        Ok(Ok(c)) => c,
        Ok(Err(refusal)) => return Err(ImportState::Refused { name, refusal }),
        Err(e) => return Err(ImportState::Failed(e)),
    };
    progress(Progress::start(ImportStep::Plan));
    match store
        .preview_import(&parsed.content, &rule_of(&parsed, &check))
        .await
    {
        Ok(preview) => Ok(Held::new(name, parsed, preview, check)),
        Err(e) => Err(ImportState::Failed(e)),
    }
}

/// The file's signature checked, and its key against the one pinned for its device.
async fn check_signature(
    store: &impl ExchangeStore,
    file: &ExchangeFile,
) -> Result<Result<SenderCheck, Refusal>, StoreError> {
    let pinned = store.known_sender(&file.header.sender.device).await?;
    let valid = match file.header.signature.as_ref().map(|s| s.parts()) {
        Some(Ok((key, value))) => store.verify(&key, &file.signed, &value).await,
        _ => false,
    };
    Ok(signing::check_sender(file, pinned.as_ref(), |_, _| valid))
}

/// Who the sender is taken to be: what its key is known for when this device pinned it,
/// else what the header claims (a new device's first file, or an unsigned one).
fn sender_of(file: &ExchangeFile, check: &SenderCheck) -> Sender {
    match check {
        SenderCheck::Known { known, .. } => known.as_sender(),
        _ => file.header.sender.clone(),
    }
}

/// How a file's content is judged: by the account its sender would have.
fn rule_of(file: &ExchangeFile, check: &SenderCheck) -> ImportRule {
    ImportRule::Claims(sender_of(file, check), file.header.scope.clone())
}

/// Commits a previewed file with the village merges the user chose ("Gộp") and the
/// values outside its sender's scope the user chose to take in: `Done`, or a new preview
/// (flagged `changed_since_first`, and kept in `held`) when the data changed since this
/// one.
pub async fn confirm(
    store: &impl ExchangeStore,
    held: &mut Held,
    merges: &[(String, String)],
    chosen: &OutsideChoice,
    author: &Author,
    now_ms: f64,
    mut progress: impl FnMut(Progress),
) -> ImportState {
    let file = &held.file;
    let name = held.pending.name.clone();
    let reasons = &held.preview.outside_reasons;
    let taken: BTreeSet<&str> = match chosen {
        OutsideChoice::None => BTreeSet::new(),
        OutsideChoice::All => reasons.keys().map(String::as_str).collect(),
        OutsideChoice::Some(keys) => keys
            .iter()
            .map(String::as_str)
            .filter(|k| reasons.contains_key(*k))
            .collect(),
    };
    // What was chosen is planned with the rest, as judged by the official who chose it.
    let chosen_preview = if taken.is_empty() {
        None
    } else {
        progress(Progress::start(ImportStep::Plan));
        let (content, _) = crate::domain::merge::partition(&file.content, |k| {
            reasons.contains_key(k) && !taken.contains(k)
        });
        match store.preview_import(&content, &ImportRule::Judged).await {
            Ok(p) => Some(p),
            Err(e) => return ImportState::Failed(e),
        }
    };
    let preview = chosen_preview.as_ref().unwrap_or(&held.preview);
    let check = held.pending.sender_check.clone();
    let record = ImportRecord {
        at_ms: now_ms,
        file_name: name.clone(),
        // The log names who the key is known as, not what the header says.
        sender: sender_of(file, &check),
        created_at: file.header.created_at.clone(),
        hash: file.hash.clone(),
        counts: preview.plan.counts,
        // Counted as the preview counted them: the values that change something here.
        outside_taken: match chosen {
            OutsideChoice::All => held.pending.outside_total,
            _ => taken.len().min(held.pending.outside_total),
        },
        outside_left: match chosen {
            OutsideChoice::All => 0,
            _ => held.pending.outside_total.saturating_sub(taken.len()),
        },
    };
    progress(Progress::start(ImportStep::Commit));
    let mut written = |done, total| {
        progress(Progress {
            step: ImportStep::Commit,
            done,
            total,
        })
    };
    let result = store
        .import(preview, record, merges, author, &mut written)
        .await;
    match result {
        Ok(counts) => {
            if let (SenderCheck::New { .. }, Some(sig)) = (&check, &file.header.signature) {
                let s = &file.header.sender;
                let pin = KnownSender {
                    device: s.device.clone(),
                    key: sig.key.clone(),
                    name: s.name.clone(),
                    role: s.role,
                    unit: s.unit.clone(),
                };
                // The import is in; a pin that fails to save is asked again next time.
                let _ = store.pin_sender(&pin).await;
            }
            ImportState::Done { name, counts }
        }
        Err(ImportError::ChangedSincePreview) => {
            progress(Progress::start(ImportStep::Plan));
            match store
                .preview_import(&file.content, &rule_of(file, &check))
                .await
            {
                Ok(preview) => {
                    let still = |m: &&(String, String)| {
                        preview
                            .plan
                            .duplicates
                            .iter()
                            .any(|d| d.incoming == m.0 && d.local == m.1)
                    };
                    let chosen_merges = merges.iter().filter(still).cloned().collect();
                    held.pending = pending_of(name, &held.file, &preview, check);
                    held.preview = preview;
                    held.pending.changed_since_first = true;
                    held.pending.chosen_merges = chosen_merges;
                    ImportState::Preview(held.pending.clone())
                }
                Err(e) => ImportState::Failed(e),
            }
        }
        Err(ImportError::Store(e)) => ImportState::Failed(e),
    }
}

/// What a file received at first run ("Nhận tệp từ xã") brought: the commune it is about,
/// with its province and villages, and who sent it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Received {
    pub province: Province,
    pub commune: Commune,
    pub villages: Vec<Village>,
    pub sender: String,
}

/// Why a file received at first run was not taken.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
        .preview_import(&parsed.content, &ImportRule::Judged)
        .await
        .map_err(ReceiveError::Store)?;
    let record = ImportRecord {
        at_ms: now_ms,
        file_name: name,
        sender: parsed.header.sender.clone(),
        created_at: parsed.header.created_at.clone(),
        hash: parsed.hash.clone(),
        counts: preview.plan.counts,
        outside_taken: 0,
        outside_left: 0,
    };
    store
        .import(&preview, record, &[], author, &mut |_, _| {})
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
