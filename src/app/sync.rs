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

use crate::domain::couch_docs::DocBody;
use crate::domain::replication::{outgoing, Known};
use crate::store::{Author, StoreError};

/// Documents per `_bulk_docs` request and changes per `_changes` page.
pub const BATCH: usize = 500;

mod outbox;
mod pull;
mod pulled;
mod types;
pub use pull::SYNC_SENDER;
pub use pulled::{province_of_database, PulledRefusal};
pub use types::*;

use pull::{pull, Checkpoint};

/// The id of this device's checkpoint on the server (`_local/…`): one per device and
/// database, as CouchDB's replicator keeps one per replication.
pub fn checkpoint_id(device: &str, db: &str) -> String {
    format!(
        "_local/ntm-{}",
        crate::domain::replication::hex32(format!("{device}\n{db}").as_bytes())
    )
}

/// Pulls and merges what changed on the server, then pushes what changed here. Stops at
/// the first failure, with what was done until then recorded (and reported).
pub async fn sync(
    store: &impl SyncStore,
    server: &impl CouchServer,
    request: &SyncRequest,
    mut progress: impl FnMut(SyncProgress),
) -> SyncReport {
    let (db, author, now_ms) = (request.db.as_str(), &request.author, request.now_ms);
    let outbox = outbox::Sender {
        province: province_of_database(db),
        home: request.home.clone(),
    };
    let mut report = SyncReport::default();
    // Read once; the steps keep it as they record what they exchanged.
    let mut state = None;
    let outcome = async {
        let state = state.insert(store.sync_state(db).await?);
        run(
            store,
            server,
            db,
            author,
            now_ms,
            request.full,
            &outbox,
            state,
            &mut progress,
            &mut report,
        )
        .await
    }
    .await;
    report.at_ms = now_ms;
    report.stopped = outcome.err();
    // What is still waiting: counted against what the device now knows.
    if let Some(state) = &mut state {
        if let Ok(n) = waiting_in(store, db, &outbox, state).await {
            report.waiting = n;
        }
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

#[allow(clippy::too_many_arguments)]
async fn run(
    store: &impl SyncStore,
    server: &impl CouchServer,
    db: &str,
    author: &Author,
    now_ms: f64,
    full: bool,
    outbox: &outbox::Sender,
    state: &mut SyncState,
    progress: &mut impl FnMut(SyncProgress),
    report: &mut SyncReport,
) -> Result<(), SyncError> {
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
        recheck(store, server, db, state).await?;
    }
    let mut checkpoint = Checkpoint {
        rev: theirs
            .as_ref()
            .and_then(|c| c.get("_rev"))
            .and_then(|r| r.as_str())
            .map(str::to_string),
        id: checkpoint,
    };
    // Pull first: a phone that has been away merges what changed before it sends, so it
    // sends only what it changed itself (an older copy of another commune's values would
    // otherwise be sent and refused), and the conflicts it merges are closed in this push.
    pull(
        store,
        server,
        db,
        author,
        now_ms,
        &mut checkpoint,
        state,
        progress,
        report,
    )
    .await?;
    // A database that lost revisions gets them back from every document this device has.
    push(
        store,
        server,
        db,
        full || !agreed,
        outbox,
        state,
        progress,
        report,
    )
    .await
}

/// How many documents changed here are not on the server yet, counted without a sync;
/// `None` until a push completed (counting would build every document).
pub async fn waiting(
    store: &impl SyncStore,
    db: &str,
    home: Option<crate::domain::units::UnitRef>,
) -> Result<Option<usize>, StoreError> {
    let mut state = store.sync_state(db).await?;
    if state.pushed.is_none() {
        return Ok(None);
    }
    let sender = outbox::Sender {
        province: province_of_database(db),
        home,
    };
    waiting_in(store, db, &sender, &mut state).await.map(Some)
}

async fn waiting_in(
    store: &impl SyncStore,
    db: &str,
    sender: &outbox::Sender,
    state: &mut SyncState,
) -> Result<usize, StoreError> {
    let outbox = sender.build(store, state, false).await?;
    known_of(store, db, state, outbox.docs.iter().map(|d| d.id.as_str())).await?;
    // Values and records: an assessment's own document (its key, sent with its first
    // value) is no edit of anyone's.
    Ok(outgoing(&outbox.docs, &state.known)
        .iter()
        .filter(|o| {
            !matches!(
                o.doc.body,
                crate::domain::couch_docs::DocBody::Assessment(_)
            )
        })
        .count())
}

/// Marks every revision the server does not have, so that the push sends it again (as the
/// same revision, on the same ancestors: a restored database gets back the revisions it
/// lost, not new ones).
async fn recheck(
    store: &impl SyncStore,
    server: &impl CouchServer,
    db: &str,
    state: &mut SyncState,
) -> Result<(), SyncError> {
    load_all_known(store, db, state).await?;
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
                k.missing = true;
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
#[allow(clippy::too_many_arguments)]
async fn push(
    store: &impl SyncStore,
    server: &impl CouchServer,
    db: &str,
    whole: bool,
    sender: &outbox::Sender,
    state: &mut SyncState,
    progress: &mut impl FnMut(SyncProgress),
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let outbox = sender.build(store, state, whole).await?;
    report.built = outbox.docs.len();
    known_of(store, db, state, outbox.docs.iter().map(|d| d.id.as_str())).await?;
    let mut out = outgoing(&outbox.docs, &state.known);
    // Criteria sets and units first: the server lists changes in the order they were
    // written, so a phone pulling them meets a set before the values that use it.
    out.sort_by_key(|o| !matches!(o.doc.body, DocBody::Set(_) | DocBody::Unit(_)));
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
        save_known(store, db, known.clone()).await?;
        state.known.extend(known);
        progress(SyncProgress::Sending {
            done: ((i + 1) * BATCH).min(total),
            total,
        });
    }
    // Everything up to the log's point is on the server now, but what it refused: those
    // are built again at every push (and counted as waiting) until they go up.
    let pending: BTreeSet<String> = out
        .iter()
        .filter(|o| state.known.get(&o.doc.id) != Some(&o.known))
        .map(|o| o.doc.id.clone())
        .collect();
    state.pushed = Some(outbox.upto);
    state.pending = pending.clone();
    store
        .save_sync(
            db,
            SyncStep {
                pushed: Some((outbox.upto, pending)),
                ..SyncStep::default()
            },
        )
        .await?;
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

/// Past this many rows asked one by one, a sync reads every row at once.
const READ_ALL_KNOWN: usize = 2_000;

/// Makes `state.known` hold what was exchanged of `ids`, read from the device on first
/// need (a province's rows are tens of thousands: a sync of a few edits reads a few).
pub(super) async fn known_of<'i>(
    store: &impl SyncStore,
    db: &str,
    state: &mut SyncState,
    ids: impl Iterator<Item = &'i str>,
) -> Result<(), StoreError> {
    if state.complete {
        return Ok(());
    }
    let wanted: BTreeSet<String> = ids
        .filter(|id| !state.known.contains_key(*id) && !state.absent.contains(*id))
        .map(str::to_string)
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    // A sync that reads many (a first push read back, page after page) reads them all.
    state.asked += wanted.len();
    if state.asked > READ_ALL_KNOWN {
        return load_all_known(store, db, state).await;
    }
    let wanted: Vec<String> = wanted.into_iter().collect();
    let found = store.known_of(db, &wanted).await?;
    state
        .absent
        .extend(wanted.into_iter().filter(|id| !found.contains_key(id)));
    state.known.extend(found);
    Ok(())
}

/// Makes `state.known` hold every document's row (what this sync recorded meanwhile kept).
async fn load_all_known(
    store: &impl SyncStore,
    db: &str,
    state: &mut SyncState,
) -> Result<(), StoreError> {
    if !state.complete {
        let mut all = store.known_all(db).await?;
        all.extend(std::mem::take(&mut state.known));
        state.known = all;
        state.absent.clear();
        state.complete = true;
    }
    Ok(())
}

/// Records what the device now knows of these documents.
pub(super) async fn save_known(
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
