//! What a push compares with what was last exchanged (issue 30): the documents of what
//! changed since the last push — found through the device's change log, each edit, import
//! and merge writing history entries there — rather than every document of the device.
//!
//! Every document is built instead when no push completed yet, when the server's copy
//! was lost or restored (its checkpoint disagrees), when a unit or OCOP product record
//! changed (the scope of many documents may follow it), and at the first sync after the
//! app opens, which also catches a change that left no history entry.

use std::collections::BTreeSet;

use super::{SyncState, SyncStore};
use crate::domain::couch_docs::{docs_of, ValueDoc};
use crate::domain::merge::Dataset;
use crate::exchange::access::is_official_reference;
use crate::store::StoreError;

/// Documents to compare, and the change log's point they cover up to.
pub(super) struct Outbox {
    pub docs: Vec<ValueDoc>,
    pub upto: u64,
}

/// The documents this device sends: all but the official list's untouched province and
/// commune records, which every phone has from the list itself (and which only a
/// province official may write).
pub(super) fn sendable(data: &Dataset) -> Vec<ValueDoc> {
    let mut docs = docs_of(data);
    docs.retain(|d| !is_official_reference(d));
    docs
}

/// Whether a change of these keys may move documents to another unit: a unit record (a
/// village to another commune) or an OCOP product (its ratings follow its commune).
fn moves_scopes(keys: &BTreeSet<String>) -> bool {
    keys.iter()
        .any(|k| k.starts_with("unit#") || k.starts_with("ocop-product#"))
}

/// The documents of these history keys: each one's own, and an assessment's for its
/// marks and values (its document is sent with its first value).
fn documents_of(keys: &BTreeSet<String>) -> BTreeSet<String> {
    let mut ids = keys.clone();
    for k in keys {
        if let Some((assessment, _)) = k.split_once("#mark:").or_else(|| k.split_once("#value:")) {
            ids.insert(assessment.to_string());
        }
    }
    ids
}

/// What the next push compares: the changed documents since `state.pushed` with those left
/// pending, or every document (`whole`: see the module's docs).
pub(super) async fn build(
    store: &impl SyncStore,
    state: &SyncState,
    whole: bool,
) -> Result<Outbox, StoreError> {
    if let (false, Some(after)) = (whole, state.pushed) {
        let changes = store.changed_since(after, &state.pending).await?;
        if !moves_scopes(&changes.keys) {
            let wanted = documents_of(&changes.keys);
            let mut docs = sendable(&changes.data);
            docs.retain(|d| wanted.contains(&d.id));
            return Ok(Outbox {
                docs,
                upto: changes.upto,
            });
        }
    }
    // The point first: what changes while the data is read is built again next time.
    let upto = store.change_point().await?;
    let data = store.dataset().await?;
    Ok(Outbox {
        docs: sendable(&data),
        upto,
    })
}
