//! User edits. Each is one readwrite transaction that writes the new value, its history
//! entry (who, when, device, old → new), the undo stack and the device's clock together,
//! and is committed before the caller hears "saved". Nothing but IndexedDB requests is
//! awaited inside.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use super::assessments::{entry_from, existing_assessment, get_assessment, put_assessment};
use super::rows::{RecordBody, RecordKind, Row};
use super::schema::store_names::{HISTORY, META};
use super::{Author, Store, StoreError};
use crate::domain::assessment::{Assessment, AssessmentKey, CriterionMark, Entry, IndicatorValue};
use crate::domain::criteria::CriteriaSet;
use crate::domain::history::{EditTarget, HistoryEntry, UNDO_DEPTH};
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::recognition::Recognition;
use crate::domain::resources::{Quantity, ResourceEntry};
use crate::domain::sync::{Hlc, HlcClock, Record, Stamp};
use crate::domain::units::Unit;

pub(super) const META_HLC: &str = "hlc";
pub(super) const META_UNDO: &str = "undo_stack";

pub(super) fn to_json<T: Serialize>(v: &T) -> Option<Value> {
    serde_json::to_value(v).ok()
}

pub(super) fn from_json<T: DeserializeOwned>(v: &Value) -> Result<T, StoreError> {
    serde_json::from_value(v.clone()).map_err(|e| StoreError::Other(format!("history value: {e}")))
}

/// The data revision as of `tx` (0 for a new database).
pub(super) async fn revision(tx: &Transaction<'_>) -> Result<f64, StoreError> {
    let meta = tx.object_store(META)?;
    let now: Option<f64> = meta.get(super::meta_key::REVISION).serde()?.await?;
    Ok(now.unwrap_or(0.0))
}

/// Counts one more data change, inside the transaction `tx` that makes it.
pub(super) async fn bump_revision(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let next = revision(tx).await? + 1.0;
    super::put_meta(&tx.object_store(META)?, super::meta_key::REVISION, next)?;
    Ok(())
}

/// Reads the device clock, ticks it and writes it back, inside `tx`; every edit stamps
/// its values through here, so this also counts the data revision.
pub(super) async fn next_stamp(tx: &Transaction<'_>, author: &Author) -> Result<Stamp, StoreError> {
    bump_revision(tx).await?;
    let meta = tx.object_store(META)?;
    let last: Option<Hlc> = meta.get(META_HLC).serde()?.await?;
    let mut clock = HlcClock::new(last.unwrap_or_default());
    let hlc = clock.tick(js_sys::Date::now() as u64);
    super::put_meta(&meta, META_HLC, hlc)?;
    Ok(Stamp {
        hlc,
        device: author.device.clone(),
        author: author.name.clone(),
    })
}

/// Adds a history entry inside `tx`; with `undoable`, pushes it on the undo stack.
pub(super) async fn add_history(
    tx: &Transaction<'_>,
    entry: &HistoryEntry,
    undoable: bool,
) -> Result<(), StoreError> {
    let history = tx.object_store(HISTORY)?;
    let key: f64 = history.add(entry).with_key_type::<f64>().serde()?.await?;
    if undoable {
        let meta = tx.object_store(META)?;
        let mut stack: Vec<u32> = meta.get(META_UNDO).serde()?.await?.unwrap_or_default();
        stack.push(key as u32);
        if stack.len() > UNDO_DEPTH {
            stack.drain(..stack.len() - UNDO_DEPTH);
        }
        super::put_meta(&meta, META_UNDO, &stack)?;
    }
    Ok(())
}

/// The base of a new edit of the value `record_key` (see `domain::merge::heads`): the
/// edits of it nobody built on yet, and its current stamp.
pub(super) async fn base_of(
    tx: &Transaction<'_>,
    record_key: &str,
    current: Option<&Stamp>,
) -> Result<Vec<Stamp>, StoreError> {
    let history = tx.object_store(HISTORY)?;
    let index = history.index(super::schema::index_names::HISTORY_BY_RECORD)?;
    let entries: Vec<HistoryEntry> = index
        .get_all()
        .with_query(record_key.to_string())
        .serde()?
        .await?
        .collect::<Result<_, _>>()?;
    let refs: Vec<&HistoryEntry> = entries.iter().collect();
    Ok(crate::domain::merge::base_for(&refs, current))
}

/// The stamp of the mark or value an assessment edit targets, before the edit.
pub(super) fn current_stamp(a: &Assessment, target: &EditTarget) -> Option<Stamp> {
    match target {
        EditTarget::Mark { criterion, .. } => a.marks.get(criterion).map(|v| v.stamp.clone()),
        EditTarget::Value { indicator, .. } => a.values.get(indicator).map(|v| v.stamp.clone()),
        _ => None,
    }
}

/// Makes an assessment edit (on `a`) and sets its history entry's base: the heads of the
/// value, and, for a village others were merged into, the heads of the same value of each
/// merged village (the user saw their merged value, so the edit supersedes them all).
pub(super) async fn edit_in(
    tx: &Transaction<'_>,
    a: &mut Assessment,
    edit: impl FnOnce(&mut Assessment) -> HistoryEntry,
) -> Result<HistoryEntry, StoreError> {
    let before = a.clone();
    let mut entry = edit(a);
    let current = current_stamp(&before, &entry.target);
    let mut base = base_of(tx, &entry.record_key, current.as_ref()).await?;
    for member in super::villages::merged_members(tx, &before.key.unit).await? {
        let key = AssessmentKey {
            unit: member,
            ..before.key.clone()
        };
        let target = match &entry.target {
            EditTarget::Mark { criterion, .. } => EditTarget::Mark {
                assessment: key.id(),
                criterion: criterion.clone(),
            },
            EditTarget::Value { indicator, .. } => EditTarget::Value {
                assessment: key.id(),
                indicator: indicator.clone(),
            },
            _ => continue,
        };
        let current = match get_assessment(tx, &key.id()).await? {
            Some(m) => current_stamp(&m, &target),
            None => None,
        };
        base.extend(base_of(tx, &target.record_key(), current.as_ref()).await?);
    }
    base.sort();
    base.dedup();
    entry.base = Some(base);
    Ok(entry)
}

/// Writes a record inside `tx` and returns its history entry (not yet added).
pub(super) async fn write_record<T: RecordKind>(
    tx: &Transaction<'_>,
    id: &str,
    body: RecordBody<T>,
    stamp: Stamp,
) -> Result<(Record<T>, HistoryEntry), StoreError> {
    let store = tx.object_store(T::STORE)?;
    let old: Option<Row<T>> = store.get(id).serde()?.await?;
    let old_stamp = old.as_ref().map(|r| r.stamp.clone());
    let old_body = old.map(|r| RecordBody {
        data: r.data,
        archived: r.archived,
    });
    let row = Row {
        id: id.to_string(),
        parent_id: body.data.parent_id(),
        data: body.data.clone(),
        stamp: stamp.clone(),
        archived: body.archived,
    };
    store.put(&row).serde()?;
    let mut entry = HistoryEntry::new(
        T::target(id),
        old_body.as_ref().and_then(to_json),
        to_json(&body),
        stamp,
    );
    entry.base = Some(base_of(tx, &entry.record_key, old_stamp.as_ref()).await?);
    Ok((row.into(), entry))
}

/// Sets `target` to `value` (a history value) inside `tx`, as a new edit by `stamp`.
pub(super) async fn apply_history_value(
    tx: &Transaction<'_>,
    target: &EditTarget,
    value: Option<&Value>,
    stamp: Stamp,
) -> Result<HistoryEntry, StoreError> {
    async fn record<T: RecordKind>(
        tx: &Transaction<'_>,
        id: &str,
        value: Option<&Value>,
        stamp: Stamp,
    ) -> Result<HistoryEntry, StoreError> {
        // A record that did not exist before its first edit is undone by archiving it.
        let body: RecordBody<T> = match value {
            Some(v) => from_json(v)?,
            None => {
                let row: Option<Row<T>> = tx.object_store(T::STORE)?.get(id).serde()?.await?;
                let row =
                    row.ok_or_else(|| StoreError::Other(format!("record {id} is missing")))?;
                RecordBody {
                    data: row.data,
                    archived: true,
                }
            }
        };
        Ok(write_record(tx, id, body, stamp).await?.1)
    }
    match target {
        EditTarget::Mark {
            assessment,
            criterion,
        } => {
            let mut a = existing_assessment(tx, assessment).await?;
            let entry: Entry<CriterionMark> = entry_from(value)?;
            let h = edit_in(tx, &mut a, |a| a.set_mark(criterion, entry, stamp)).await?;
            put_assessment(tx, &a)?;
            Ok(h)
        }
        EditTarget::Value {
            assessment,
            indicator,
        } => {
            let mut a = existing_assessment(tx, assessment).await?;
            let entry: Entry<IndicatorValue> = entry_from(value)?;
            let h = edit_in(tx, &mut a, |a| a.set_value(indicator, entry, stamp)).await?;
            put_assessment(tx, &a)?;
            Ok(h)
        }
        EditTarget::Unit { id } => record::<Unit>(tx, id, value, stamp).await,
        EditTarget::OcopProduct { id } => record::<Product>(tx, id, value, stamp).await,
        EditTarget::OcopRating { id } => record::<Rating>(tx, id, value, stamp).await,
        EditTarget::Plan { id } => record::<Plan>(tx, id, value, stamp).await,
        EditTarget::CriteriaSet { id } => record::<CriteriaSet>(tx, id, value, stamp).await,
        EditTarget::Recognition { id } => record::<Recognition>(tx, id, value, stamp).await,
        EditTarget::Quantity { id } => record::<Quantity>(tx, id, value, stamp).await,
        EditTarget::Resource { id } => record::<ResourceEntry>(tx, id, value, stamp).await,
    }
}

impl Store {
    /// A readwrite transaction over `stores`.
    pub(super) fn edit_tx<'a>(&'a self, stores: &[&str]) -> Result<Transaction<'a>, StoreError> {
        Ok(self
            .db
            .transaction(stores.to_vec())
            .with_mode(TransactionMode::Readwrite)
            .build()?)
    }

    /// Creates or replaces a record (a unit, OCOP product or rating, plan, custom set), or
    /// archives it with `archived: true`. One transaction with its history entry.
    pub async fn save_record<T: RecordKind>(
        &self,
        id: &str,
        data: T,
        archived: bool,
        author: &Author,
    ) -> Result<Record<T>, StoreError> {
        let tx = self.edit_tx(&[T::STORE, HISTORY, META])?;
        let stamp = next_stamp(&tx, author).await?;
        let (record, entry) = write_record(&tx, id, RecordBody { data, archived }, stamp).await?;
        add_history(&tx, &entry, true).await?;
        tx.commit().await?;
        Ok(record)
    }

    /// Every record of a kind, archived ones included (the UI filters).
    pub async fn records<T: RecordKind>(&self) -> Result<Vec<Record<T>>, StoreError> {
        super::exchange::all_in_slices(
            &self.db,
            T::STORE,
            super::exchange::READ_SLICE,
            |row: Row<T>| Ok(Record::from(row)),
        )
        .await
    }

    pub async fn record<T: RecordKind>(&self, id: &str) -> Result<Option<Record<T>>, StoreError> {
        let tx = self.db.transaction(T::STORE).build()?;
        let row: Option<Row<T>> = tx.object_store(T::STORE)?.get(id).serde()?.await?;
        Ok(row.map(Record::from))
    }
}
