//! The pull of a sync (see `app::sync`): the changes since the checkpoint, page by page,
//! each revision checked (`pulled`) and merged as a file is, then recorded.

use std::collections::{BTreeMap, BTreeSet};

use super::pulled::{Places, Pulled, PulledRefusal};
use super::{
    known_of, province_of_database, CouchServer, SyncError, SyncProgress, SyncReport, SyncState,
    SyncStep, SyncStore, BATCH,
};
use crate::domain::couch_docs::{datasets_of, docs_of, holds_future_stamps, ValueDoc};
use crate::domain::merge::{Counts, FutureStamps, RejectReason};
use crate::domain::replication::{closing, content_hash, known_after_pull, to_fetch, Known, Leaf};
use crate::exchange::access::senders::ImportRule;
use crate::exchange::{ImportRecord, Sender};
use crate::store::{Author, ImportError, StoreError};

/// Reads the changes since the checkpoint, page by page: fetches the leaves the device
/// does not know, merges them as files (a conflict's leaves one after the other), then
/// records per document the leaf it now holds (or CouchDB's winner, whose child the next
/// push writes) and the checkpoint — on the device and on the server. A value whose
/// criteria set has not arrived yet (a first sync reads values before the set they use)
/// waits, and is taken in again once every page is in; one still waiting is kept for the
/// next sync, never skipped.
#[allow(clippy::too_many_arguments)]
pub(super) async fn pull(
    store: &impl SyncStore,
    server: &impl CouchServer,
    db: &str,
    author: &Author,
    now_ms: f64,
    checkpoint: &mut Checkpoint,
    state: &mut SyncState,
    progress: &mut impl FnMut(SyncProgress),
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let mut since = state.since.clone();
    let mut done = 0;
    let mut intake = Intake {
        db,
        author,
        now_ms,
        province: province_of_database(db),
        places: None,
    };
    // Pages read since the checkpoint was last recorded (pages holding only what this
    // device already knows — its own pushes, mostly — are recorded every few pages).
    let mut unrecorded = 0;
    let mut waiting = state.unmerged.clone();
    loop {
        let mut page = server.changes(&since, BATCH).await?;
        if page.changes.is_empty() {
            break;
        }
        // Design documents (the server's write rules) are the server's, not data.
        page.changes.retain(|(id, _)| !id.starts_with("_design/"));
        since = page.last_seq.clone();
        done += page.changes.len();
        known_of(
            store,
            db,
            state,
            page.changes.iter().map(|(id, _)| id.as_str()),
        )
        .await?;
        let wanted: Vec<(String, String)> = to_fetch(&page.changes, &state.known)
            .into_iter()
            .map(|(id, rev)| (id.to_string(), rev.to_string()))
            .collect();
        if wanted.is_empty() {
            // Every leaf is the one the device holds: nothing to merge.
            unrecorded += 1;
            if unrecorded >= SKIPPED_PAGES_PER_CHECKPOINT {
                checkpoint
                    .record(store, server, db, &since, Vec::new(), state)
                    .await?;
                unrecorded = 0;
            }
            progress(SyncProgress::Receiving { done });
            continue;
        }
        let (known, waits) = intake
            .take_in(store, server, &wanted, &page.changes, state, report)
            .await?;
        for (id, rev) in waits {
            waiting.insert(id, rev);
        }
        state.unmerged = waiting.clone();
        checkpoint
            .record(store, server, db, &since, known, state)
            .await?;
        unrecorded = 0;
        progress(SyncProgress::Receiving { done });
    }
    // Every page is in, sets included: the values that waited for theirs, again.
    if !waiting.is_empty() {
        let wanted: Vec<(String, String)> = std::mem::take(&mut waiting).into_iter().collect();
        let leaves: Vec<(String, Vec<String>)> = wanted
            .iter()
            .map(|(id, rev)| (id.clone(), vec![rev.clone()]))
            .collect();
        let (known, still) = intake
            .take_in(store, server, &wanted, &leaves, state, report)
            .await?;
        // Still no set for them: refused this time, kept for the next sync.
        report.merged.rejected += still.len();
        state.unmerged = still;
        checkpoint
            .record(store, server, db, &since, known, state)
            .await?;
        unrecorded = 0;
    }
    // Also when the server has no checkpoint yet (an empty database): the next sync must
    // find the two agreeing, or it would check every revision again.
    if unrecorded > 0 || checkpoint.rev.is_none() {
        checkpoint
            .record(store, server, db, &since, Vec::new(), state)
            .await?;
    }
    Ok(())
}

/// What a pull takes in with: the database, who merges, the phone's clock, the province
/// the database's name gives, and where the phone knows villages and products to be (read
/// once a sync, then kept with what is merged).
struct Intake<'a> {
    db: &'a str,
    author: &'a Author,
    now_ms: f64,
    province: Option<String>,
    places: Option<Places>,
}

impl Intake<'_> {
    /// Fetches the revisions `wanted`, checks each (refused ones listed), merges them as
    /// files, and records in `state` what the device now knows of them; `changes` are the
    /// documents' leaves on the server. Returns what to record, and the values that wait
    /// for a set not received yet (id → revision).
    async fn take_in(
        &mut self,
        store: &impl SyncStore,
        server: &impl CouchServer,
        wanted: &[(String, String)],
        changes: &[(String, Vec<String>)],
        state: &mut SyncState,
        report: &mut SyncReport,
    ) -> Result<(Vec<(String, Known)>, BTreeMap<String, String>), SyncError> {
        let mut docs: Vec<ValueDoc> = Vec::new();
        let mut leaves: BTreeMap<String, Vec<Leaf>> = BTreeMap::new();
        // Revisions the merge refuses (some) for a stamp from the future.
        let limit = crate::domain::merge::future_limit(self.now_ms as u64);
        let mut from_the_future: BTreeSet<(String, String)> = BTreeSet::new();
        let mut checked = Vec::new();
        for chunk in wanted.chunks(BATCH) {
            for v in server.bulk_get(chunk).await? {
                report.received += 1;
                match super::pulled::read(v, self.province.as_deref()) {
                    Pulled::Doc {
                        doc,
                        rev,
                        revisions,
                        owner,
                    } => checked.push((doc, rev, revisions, owner)),
                    // A closed leaf: nothing to merge.
                    Pulled::Deleted => {}
                    Pulled::Refused(r) => report.rejected.push(r),
                }
            }
        }
        // Against where the phone knows villages and products to be.
        if !checked.is_empty() {
            if self.places.is_none() {
                self.places = Some(Places::of(&store.dataset().await?));
            }
            let known = self.places.as_mut().expect("read above");
            for (doc, ..) in &checked {
                known.learn(doc);
            }
            checked.retain(|(doc, _, _, owner)| match known.check(doc, owner) {
                Ok(()) => true,
                Err(reason) => {
                    report.rejected.push(PulledRefusal::of(doc, reason));
                    false
                }
            });
        }
        let mut fetched: BTreeMap<String, String> = BTreeMap::new();
        for (doc, rev, revisions, _) in checked {
            if holds_future_stamps(&doc, limit) {
                from_the_future.insert((doc.id.clone(), rev.to_string()));
            }
            fetched.insert(doc.id.clone(), rev.to_string());
            leaves.entry(doc.id.clone()).or_default().push(Leaf::read(
                &rev,
                &doc,
                revisions.as_ref(),
            ));
            docs.push(*doc);
        }
        // The leaf the device knows, when it is still one, is a leaf like the others.
        for (id, revs) in changes {
            if let Some(k) = state.known.get(id).filter(|k| revs.contains(&k.rev)) {
                leaves.entry(id.clone()).or_default().push(Leaf::known(k));
            }
        }
        let mut waits = BTreeSet::new();
        for layer in datasets_of(docs) {
            let merged = merge(store, &layer, self.db, self.now_ms, self.author).await?;
            report.merged += merged.counts;
            add_future(&mut report.future, merged.future);
            waits.extend(merged.waiting);
        }
        // A value that waits for its set is not recorded as known: it is fetched again.
        report.merged.rejected -= waits.len().min(report.merged.rejected);
        let waiting: BTreeMap<String, String> = waits
            .into_iter()
            .filter_map(|id| {
                leaves.remove(&id);
                let rev = fetched.get(&id)?.clone();
                Some((id, rev))
            })
            .collect();
        let data = store.dataset().await?;
        self.places = Some(Places::of(&data));
        let ours: BTreeMap<String, String> = docs_of(&data)
            .into_iter()
            .filter(|d| leaves.contains_key(&d.id))
            .map(|d| (d.id.clone(), content_hash(&d)))
            .collect();
        let mut known = Vec::new();
        for (id, ls) in &leaves {
            let mine = ours.get(id);
            if let Some(mut k) = known_after_pull(ls, mine.map(String::as_str)) {
                // Built on a revision the merge refused for its clock, our value is not
                // sent over it: it would come back at the next sync of the phone ahead,
                // and so on at every sync. Held as ours until we edit it again (then it
                // goes out as that revision's child, as any edit would).
                if from_the_future.contains(&(id.clone(), k.rev.clone())) {
                    if let Some(mine) = mine {
                        k.content = mine.clone();
                    }
                }
                let closings = closing(id, ls, &k);
                state.closings.extend(closings.iter().map(|c| c.body()));
                state.known.insert(id.clone(), k.clone());
                known.push((id.clone(), k));
            }
        }
        Ok((known, waiting))
    }
}

/// Pages of changes with nothing new read between two records of the checkpoint (a phone
/// reading back its own first push of a province reads dozens of them).
const SKIPPED_PAGES_PER_CHECKPOINT: usize = 20;

/// This device's checkpoint on the server: its id and the `_rev` of the copy there
/// (`None` until the server has one).
pub(super) struct Checkpoint {
    pub id: String,
    pub rev: Option<String>,
}

impl Checkpoint {
    /// Records that the changes up to `since` are merged: on the device (with what it now
    /// knows of the documents merged and the closings queued, in one step), then in the
    /// server's `_local` checkpoint.
    pub(super) async fn record(
        &mut self,
        store: &impl SyncStore,
        server: &impl CouchServer,
        db: &str,
        since: &str,
        known: Vec<(String, Known)>,
        state: &mut SyncState,
    ) -> Result<(), SyncError> {
        state.since = since.to_string();
        store
            .save_sync(
                db,
                SyncStep {
                    known,
                    since: Some(since.to_string()),
                    closings: Some(state.closings.clone()),
                    unmerged: Some(state.unmerged.clone()),
                    ..SyncStep::default()
                },
            )
            .await?;
        let mut body = serde_json::json!({ "last_seq": since });
        if let Some(r) = &self.rev {
            body["_rev"] = r.clone().into();
        }
        self.rev = Some(server.put_local(&self.id, body).await?);
        Ok(())
    }
}

/// The sender's device in the import log entry of a page a sync merged.
pub const SYNC_SENDER: &str = "couchdb";

/// What merging one layer did: as an import counts it, what it held from the future, and
/// the values it could not take for want of their criteria set (history keys, which are
/// their documents' ids).
struct Merged {
    counts: Counts,
    future: Vec<FutureStamps>,
    waiting: BTreeSet<String>,
}

/// Merges one layer of received documents as an imported file is merged; a local edit
/// made meanwhile makes the store refuse the plan, which is then made again.
async fn merge(
    store: &impl SyncStore,
    layer: &crate::domain::merge::Dataset,
    db: &str,
    now_ms: f64,
    author: &Author,
) -> Result<Merged, SyncError> {
    for _ in 0..3 {
        let preview = store.preview_import(layer, &ImportRule::Judged).await?;
        let record = ImportRecord {
            at_ms: now_ms,
            file_name: db.to_string(),
            sender: Sender {
                device: SYNC_SENDER.into(),
                name: db.to_string(),
                role: None,
                unit: None,
            },
            created_at: String::new(),
            hash: String::new(),
            counts: preview.plan.counts,
            outside_taken: 0,
            outside_left: 0,
        };
        let waiting = preview
            .plan
            .lines
            .iter()
            .filter(|l| matches!(l.reject, Some(RejectReason::UnknownSet(_))))
            .map(|l| l.target.record_key())
            .collect();
        match store
            .import(&preview, record, &[], author, &mut |_, _| {})
            .await
        {
            Ok(counts) => {
                return Ok(Merged {
                    counts,
                    future: preview.plan.future.clone(),
                    waiting,
                })
            }
            Err(ImportError::ChangedSincePreview) => continue,
            Err(ImportError::Store(e)) => return Err(e.into()),
        }
    }
    Err(SyncError::Store(StoreError::Other(
        "dữ liệu thay đổi liên tục trong lúc đồng bộ".into(),
    )))
}

/// Adds what one layer held from the future to a sync's, by phone.
fn add_future(total: &mut Vec<FutureStamps>, more: Vec<FutureStamps>) {
    for f in more {
        match total.iter_mut().find(|t| t.device == f.device) {
            Some(t) => {
                t.values += f.values;
                t.latest_ms = t.latest_ms.max(f.latest_ms);
            }
            None => total.push(f),
        }
    }
}
