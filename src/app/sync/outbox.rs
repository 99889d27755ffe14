//! What a push compares with what was last exchanged (issue 30): the documents of what
//! changed since the last push — found through the device's change log, each edit, import
//! and merge writing history entries there — rather than every document of the device.
//!
//! Every document is built instead when no push completed yet, when the server's copy
//! was lost or restored (its checkpoint disagrees), when a unit or OCOP product record
//! changed (the scope of many documents may follow it), and when data was written
//! without history entries since (the store counts those writes: a demo loaded, a data
//! step, a file of an early version imported).

use std::collections::BTreeSet;

use super::{ChangePoint, SyncState, SyncStore};
use crate::domain::couch_docs::{docs_of, DocBody, ValueDoc};
use crate::domain::merge::Dataset;
use crate::domain::units::{Unit, UnitRef};
use crate::exchange::access::is_official_reference;
use crate::store::StoreError;

/// Documents to compare, and the change log's point they cover up to.
pub(super) struct Outbox {
    pub docs: Vec<ValueDoc>,
    pub upto: ChangePoint,
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

/// Who sends: the database's province (from its name) and the device's home unit.
pub(super) struct Sender {
    pub province: Option<String>,
    pub home: Option<UnitRef>,
}

impl Sender {
    /// The documents this device sends: all but the official list's untouched province and
    /// commune records other than its own — a commune official's phone sends her
    /// commune's, a province official's those of his province, each only to that
    /// province's database. Every phone has the rest from the list itself (and only their
    /// owner may write them).
    pub(super) fn sendable(&self, data: &Dataset) -> Vec<ValueDoc> {
        let mut docs = docs_of(data);
        docs.retain(|d| !is_official_reference(d) || self.owns_reference(d));
        docs
    }

    fn owns_reference(&self, d: &ValueDoc) -> bool {
        let province = match &d.body {
            DocBody::Unit(r) => match &r.data {
                Unit::Province(p) => &p.code,
                Unit::Commune(c) => &c.province_code,
                Unit::Village(_) => return false,
            },
            _ => return false,
        };
        if self.province.as_ref().is_some_and(|p| p != province) {
            return false;
        }
        match &self.home {
            Some(UnitRef::Province(p)) => p == province,
            Some(home @ UnitRef::Commune(_)) => d.id == format!("unit#{}", home.key()),
            _ => false,
        }
    }

    /// What the next push compares: the changed documents since `state.pushed` with those
    /// left pending, or every document (`whole`: see the module's docs).
    pub(super) async fn build(
        &self,
        store: &impl SyncStore,
        state: &SyncState,
        whole: bool,
    ) -> Result<Outbox, StoreError> {
        if let (false, Some(after)) = (whole, state.pushed) {
            let changes = store.changed_since(after.log, &state.pending).await?;
            if changes.upto.unlogged == after.unlogged && !moves_scopes(&changes.keys) {
                let wanted = documents_of(&changes.keys);
                let mut docs = self.sendable(&changes.data);
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
            docs: self.sendable(&data),
            upto,
        })
    }
}
