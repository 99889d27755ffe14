//! Data steps that rewrite stored rows (schema steps in `schema.rs` only add stores and
//! indices, which is all `onupgradeneeded` allows synchronously). Each runs once, in one
//! readwrite transaction right after the database opens, and records that it ran in the
//! meta key `data_format`: a crash half-way rolls the transaction back and the step runs
//! again at the next start.
//!
//! Format 2 (schema version 5): criteria set identities, the same upgrade as exchange
//! files of version 1 (`exchange::upgrade`, whose docs say what changes and why). Rows:
//! custom sets get their lineage and version ids (new keys), every assessment's set id
//! takes its new shape (custom ones a new id, so a new key), and history entries naming a
//! custom set or one of its assessments are rewritten in place (same keys, so the undo
//! stack still points at them).
//!
//! Format 3: stamps unique forever. A clock whose counter saturated (before readings carried
//! into the wall time) gave two different edits the same stamp, and every export of the
//! device was refused for it; each such edit, and the current value that carries it, gets
//! a reading of its own (`domain::merge::repair_duplicate_stamps`).
//!
//! Format 4: an assessment's row holds its body as one JSON text, each device and author
//! written once (`super::stored_assessment`, which says the layout and why). Rows are rewritten with the same keys;
//! until then (or if the step is rolled back) rows of the old shape are still read.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::rows::{AssessmentRow, StoredAssessmentRow};
use super::schema::store_names::{ASSESSMENTS, HISTORY, META, SETS};
use super::{Store, StoreError};
use crate::exchange::upgrade::{
    upgrade_assessment, upgrade_history, upgrade_set_record, LegacyIds,
};

/// The data format this build writes.
pub const DATA_FORMAT: u32 = 4;
const META_DATA_FORMAT: &str = "data_format";

async fn all_values(
    tx: &Transaction<'_>,
    store: &str,
) -> Result<Vec<(JsValue, Value)>, StoreError> {
    let s = tx.object_store(store)?;
    let keys: Vec<JsValue> = s
        .get_all_keys()
        .primitive()?
        .await?
        .collect::<Result<_, _>>()?;
    let values: Vec<Value> = s.get_all().serde()?.await?.collect::<Result<_, _>>()?;
    Ok(keys.into_iter().zip(values).collect())
}

/// Format 4's step: every assessment row still holding its object is rewritten with its
/// body as one text (`super::stored_assessment`), same key.
async fn compact_assessments(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let rows: Vec<StoredAssessmentRow> = super::exchange::all(tx, ASSESSMENTS).await?;
    let store = tx.object_store(ASSESSMENTS)?;
    for row in rows.into_iter().filter(StoredAssessmentRow::is_old) {
        store
            .put(&AssessmentRow::new(&row.into_assessment()?)?)
            .serde()?;
    }
    Ok(())
}

impl Store {
    /// Whether the database holds data older than this build's format (a quick read of
    /// one meta key: [`Self::run_data_steps`] is then due).
    pub async fn data_steps_due(&self) -> Result<bool, StoreError> {
        Ok(self.data_format().await? < DATA_FORMAT)
    }

    /// Runs the data steps this database has not had yet (see the module docs).
    pub async fn run_data_steps(&self) -> Result<(), StoreError> {
        let tx = self.edit_tx(&self.data_stores())?;
        let meta = tx.object_store(META)?;
        let format: Option<u32> = meta.get(META_DATA_FORMAT).serde()?.await?;
        if format.unwrap_or(1) >= DATA_FORMAT {
            return Ok(());
        }
        if format.unwrap_or(1) < 2 {
            self.set_identities(&tx).await?;
        }
        if format.unwrap_or(1) < 3 {
            self.unique_stamps(&tx).await?;
        }
        if format.unwrap_or(1) < 4 {
            compact_assessments(&tx).await?;
        }
        super::put_meta(&meta, META_DATA_FORMAT, DATA_FORMAT)?;
        // Rows rewritten with no history entry: a sync builds every document next time. (A
        // database with no format recorded is new, or older than sync: nothing to count.)
        if format.is_some() {
            super::changes::note_unlogged(&tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Format 2's step (set identities), inside the data step's transaction.
    async fn set_identities(&self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        let sets = all_values(tx, SETS).await?;
        let ids = LegacyIds::from_sets(sets.iter().filter_map(|(_, row)| row.get("data")));
        let store = tx.object_store(SETS)?;
        for (key, mut row) in sets {
            upgrade_set_record(&mut row);
            store.delete(key.as_string().unwrap_or_default()).build()?;
            store.put(&row).serde()?;
        }
        let store = tx.object_store(ASSESSMENTS)?;
        for (key, mut row) in all_values(tx, ASSESSMENTS).await? {
            let Some(a) = row.get_mut("assessment") else {
                continue;
            };
            upgrade_assessment(a, &ids);
            let id = ids.assessment_id(row.get("id").and_then(Value::as_str).unwrap_or_default());
            row["id"] = Value::String(id);
            store.delete(key.as_string().unwrap_or_default()).build()?;
            store.put(&row).serde()?;
        }
        let store = tx.object_store(HISTORY)?;
        for (key, entry) in all_values(tx, HISTORY).await? {
            let mut upgraded = entry.clone();
            upgrade_history(&mut upgraded, &ids);
            if let (true, Some(key)) = (upgraded != entry, key.as_f64()) {
                store.put(&upgraded).with_key(key).serde()?;
            }
        }
        Ok(())
    }

    /// Format 3's step, inside the data step's transaction.
    async fn unique_stamps(&self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        let keys: Vec<f64> = tx
            .object_store(HISTORY)?
            .get_all_keys()
            .primitive()?
            .await?
            .collect::<Result<_, _>>()?;
        let mut data = super::exchange::read_dataset(tx).await?;
        let before = data.clone();
        let changed = crate::domain::merge::repair_duplicate_stamps(&mut data);
        if changed.is_empty() {
            return Ok(());
        }
        let history = tx.object_store(HISTORY)?;
        for i in changed {
            history.put(&data.history[i]).with_key(keys[i]).serde()?;
        }
        fn changed_rows<T: Clone + PartialEq>(
            before: &[crate::domain::sync::Record<T>],
            after: &[crate::domain::sync::Record<T>],
        ) -> Vec<crate::domain::sync::Record<T>> {
            after
                .iter()
                .zip(before)
                .filter(|(a, b)| a != b)
                .map(|(a, _)| a.clone())
                .collect()
        }
        use super::exchange::put_records;
        put_records(tx, &changed_rows(&before.units, &data.units))?;
        put_records(
            tx,
            &changed_rows(&before.ocop_products, &data.ocop_products),
        )?;
        put_records(tx, &changed_rows(&before.ocop_ratings, &data.ocop_ratings))?;
        put_records(tx, &changed_rows(&before.plans, &data.plans))?;
        put_records(tx, &changed_rows(&before.sets, &data.sets))?;
        put_records(tx, &changed_rows(&before.recognitions, &data.recognitions))?;
        put_records(tx, &changed_rows(&before.quantities, &data.quantities))?;
        put_records(tx, &changed_rows(&before.resources, &data.resources))?;
        let store = tx.object_store(ASSESSMENTS)?;
        for (a, b) in data.assessments.iter().zip(&before.assessments) {
            if a != b {
                store.put(&super::rows::AssessmentRow::new(a)?).serde()?;
            }
        }
        Ok(())
    }

    /// Records that the database's rows are in this build's format (a database just
    /// created: it has no rows to rewrite).
    pub(super) async fn mark_data_current(&self) -> Result<(), StoreError> {
        let tx = self.edit_tx(&[META])?;
        super::put_meta(&tx.object_store(META)?, META_DATA_FORMAT, DATA_FORMAT)?;
        tx.commit().await?;
        Ok(())
    }

    /// The data format the database holds (tests of the data steps).
    pub async fn data_format(&self) -> Result<u32, StoreError> {
        Ok(self.get_meta::<u32>(META_DATA_FORMAT).await?.unwrap_or(1))
    }

    /// Writes a raw row, as an older app would have (tests of the data steps only).
    #[doc(hidden)]
    pub async fn put_raw(
        &self,
        store: &str,
        row: &Value,
        key: Option<&str>,
    ) -> Result<(), StoreError> {
        let tx = self.edit_tx(&[store])?;
        let s = tx.object_store(store)?;
        match key {
            Some(k) => {
                s.put(row).with_key(k.to_string()).serde()?;
            }
            None => {
                s.put(row).serde()?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Reads every row of a store as JSON (tests of the data steps only).
    #[doc(hidden)]
    pub async fn raw_rows(&self, store: &str) -> Result<Vec<Value>, StoreError> {
        let tx = self.db.transaction(store).build()?;
        Ok(all_values(&tx, store)
            .await?
            .into_iter()
            .map(|(_, v)| v)
            .collect())
    }
}
