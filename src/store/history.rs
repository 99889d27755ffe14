//! History of edits: the edits of one value, undo of this device's last edit, restoring an
//! earlier value — each a new edit in one transaction (see `edits`).

use indexed_db_futures::prelude::*;
use serde_json::Value;

use super::edits::*;
use super::schema::store_names::{ALL_DATA, HISTORY, META};
use super::{Author, Store, StoreError, StoredHistory};
use crate::domain::history::{EditTarget, HistoryEntry};
use crate::domain::sync::Stamp;

impl Store {
    /// The edits of one thing (an indicator value, a mark, a record), oldest first.
    pub async fn history(&self, target: &EditTarget) -> Result<Vec<StoredHistory>, StoreError> {
        let tx = self.db.transaction(HISTORY).build()?;
        let history = tx.object_store(HISTORY)?;
        let index = history.index(super::schema::index_names::HISTORY_BY_RECORD)?;
        let keys: Vec<f64> = index
            .get_all_keys()
            .with_query(target.record_key())
            .primitive()?
            .await?
            .collect::<Result<_, _>>()?;
        let entries: Vec<HistoryEntry> = index
            .get_all()
            .with_query(target.record_key())
            .serde()?
            .await?
            .collect::<Result<_, _>>()?;
        Ok(keys
            .into_iter()
            .zip(entries)
            .map(|(k, entry)| StoredHistory {
                key: k as u32,
                entry,
            })
            .collect())
    }

    /// The edits of every mark and value of one assessment (by its id), in no order.
    pub async fn assessment_history(
        &self,
        assessment: &str,
    ) -> Result<Vec<HistoryEntry>, StoreError> {
        let tx = self.db.transaction(HISTORY).build()?;
        let history = tx.object_store(HISTORY)?;
        let index = history.index(super::schema::index_names::HISTORY_BY_RECORD)?;
        // "<id>#mark:…" and "<id>#value:…": every key from "<id>#" up to "<id>$".
        let range = indexed_db_futures::KeyRange::Bound(
            format!("{assessment}#"),
            false,
            format!("{assessment}$"),
            true,
        );
        Ok(index
            .get_all()
            .with_query::<String, _>(range)
            .serde()?
            .await?
            .collect::<Result<_, _>>()?)
    }

    /// Whether there is an edit of this device to undo.
    pub async fn can_undo(&self) -> Result<bool, StoreError> {
        let stack: Option<Vec<u32>> = self.get_meta(META_UNDO).await?;
        Ok(stack.is_some_and(|s| !s.is_empty()))
    }

    /// Undoes this device's last edit by setting the old value again (a new edit).
    /// Returns the entry that was undone, or `None` when there is nothing to undo.
    pub async fn undo_last(&self, author: &Author) -> Result<Option<HistoryEntry>, StoreError> {
        let tx = self.edit_tx(&ALL_DATA)?;
        let meta = tx.object_store(META)?;
        let mut stack: Vec<u32> = meta.get(META_UNDO).serde()?.await?.unwrap_or_default();
        let Some(key) = stack.pop() else {
            return Ok(None);
        };
        super::put_meta(&meta, META_UNDO, &stack)?;
        let undone: Option<HistoryEntry> = tx
            .object_store(HISTORY)?
            .get(f64::from(key))
            .serde()?
            .await?;
        let undone =
            undone.ok_or_else(|| StoreError::Other(format!("history entry {key} is missing")))?;
        let stamp = next_stamp(&tx, author).await?;
        let mut entry =
            apply_history_value(&tx, &undone.target, undone.old.as_ref(), stamp).await?;
        entry.reverts = Some(undone.stamp.clone());
        add_history(&tx, &entry, false).await?;
        tx.commit().await?;
        Ok(Some(undone))
    }

    /// "Restore this value": sets what `key`'s edit wrote, as a new (undoable) edit.
    pub async fn restore(&self, key: u32, author: &Author) -> Result<HistoryEntry, StoreError> {
        let tx = self.edit_tx(&ALL_DATA)?;
        let chosen: Option<HistoryEntry> = tx
            .object_store(HISTORY)?
            .get(f64::from(key))
            .serde()?
            .await?;
        let chosen =
            chosen.ok_or_else(|| StoreError::Other(format!("history entry {key} is missing")))?;
        let stamp = next_stamp(&tx, author).await?;
        let mut entry =
            apply_history_value(&tx, &chosen.target, chosen.new.as_ref(), stamp).await?;
        entry.reverts = Some(chosen.stamp.clone());
        add_history(&tx, &entry, true).await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// Sets `target` to `value` (as a history entry keeps it) as a new, undoable edit: how
    /// a conflict is resolved. `supersedes`: edits the new one is also made knowing (the
    /// other values of a conflict between merged villages, kept under other keys).
    pub async fn set_to(
        &self,
        target: &EditTarget,
        value: Option<&Value>,
        supersedes: &[Stamp],
        author: &Author,
    ) -> Result<HistoryEntry, StoreError> {
        let tx = self.edit_tx(&ALL_DATA)?;
        let stamp = next_stamp(&tx, author).await?;
        let mut entry = apply_history_value(&tx, target, value, stamp).await?;
        if !supersedes.is_empty() {
            let mut base = entry.base.take().unwrap_or_default();
            base.extend(supersedes.iter().cloned());
            base.sort();
            base.dedup();
            entry.base = Some(base);
        }
        add_history(&tx, &entry, true).await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// How many history entries there are (diagnostics and tests).
    pub async fn history_len(&self) -> Result<u32, StoreError> {
        let tx = self.db.transaction(HISTORY).build()?;
        Ok(tx.object_store(HISTORY)?.count().await?)
    }
}
