//! Exchange files against the database: read everything for an export or a preview, apply
//! an import in ONE readwrite transaction (all or nothing), keep the import log, and the
//! conflict list with "use this value".

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde_json::Value;

use super::rows::{assessments_of, AssessmentRow, RecordKind, Row, StoredAssessmentRow};
use super::schema::store_names::{ALL_DATA, ASSESSMENTS, HISTORY, IMPORTS, META};
use super::schema::EVERY_STORE;
use super::{meta_key, ImportError, ImportPreview, Store, StoreError};
use crate::domain::criteria::CriteriaSet;
use crate::domain::history::HistoryEntry;
use crate::domain::merge::{self, Counts, Dataset};
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::recognition::Recognition;
use crate::domain::resources::{Quantity, ResourceEntry};
use crate::domain::sync::{Hlc, HlcClock, Record};
use crate::domain::units::Unit;
use crate::exchange::access::senders::{self, ImportRule};
use crate::exchange::ImportRecord;

const META_HLC: &str = "hlc";

impl From<indexed_db_futures::error::Error> for ImportError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        ImportError::Store(e.into())
    }
}

/// Every row of `store`. (Reading them as JSON text in one crossing instead was measured:
/// no faster for 73,000 units or a national database, and more memory; BENCHMARKS.md.)
pub(super) async fn all<T: serde::de::DeserializeOwned>(
    tx: &Transaction<'_>,
    store: &str,
) -> Result<Vec<T>, StoreError> {
    Ok(tx
        .object_store(store)?
        .get_all()
        .serde()?
        .await?
        .collect::<Result<_, _>>()?)
}

/// Rows read and decoded between two turns of the event loop when a whole store is read
/// alone: units, sets, results (a few hundred bytes each).
pub(super) const READ_SLICE: u32 = 2_000;
/// The same for assessments, each holding every value of a unit's period (~2 KB of text as
/// stored, parsed in its slice's task).
pub(super) const READ_SLICE_ASSESSMENTS: u32 = 200;

/// Every row of `store` (keyed by its rows' `id`), read `slice` rows at a time, each
/// slice in a transaction of its own, with the event loop let in between. The browser
/// turns a `getAll` result into objects on the page's main thread: 30,000 units in one
/// request were one 620 ms task, and decoding them in Rust another 300 ms (profiled;
/// BENCHMARKS.md). Slices in separate transactions may see a write made between two of
/// them; every write bumps the workspace version, and a load overtaken by one is dropped
/// (`ui::state::provide_workspace`). Inside a transaction that reads more stores this
/// cannot be used: waiting for a timer ends a transaction.
/// `convert` makes each row what the caller keeps, inside its slice's task (an
/// assessment's body text parsed for the whole store at the end was one 500 ms task).
pub(super) async fn all_in_slices<T: serde::de::DeserializeOwned, U>(
    db: &indexed_db_futures::database::Database,
    store: &str,
    slice: u32,
    convert: impl Fn(T) -> Result<U, StoreError>,
) -> Result<Vec<U>, StoreError> {
    use indexed_db_futures::KeyRange;
    let mut out = Vec::new();
    let mut after: Option<wasm_bindgen::JsValue> = None;
    loop {
        let rows: Vec<wasm_bindgen::JsValue> = {
            let tx = db.transaction(store).build()?;
            let object_store = tx.object_store(store)?;
            let all = object_store.get_all().with_limit(slice);
            match after.take() {
                None => all.primitive()?.await?.collect::<Result<_, _>>()?,
                Some(last) => all
                    .with_query::<wasm_bindgen::JsValue, _>(KeyRange::LowerBound(last, true))
                    .primitive()?
                    .await?
                    .collect::<Result<_, _>>()?,
            }
        };
        let full = rows.len() as u32 == slice;
        if full {
            let last = rows.last().expect("a full slice has rows");
            after = Some(
                js_sys::Reflect::get(last, &"id".into())
                    .map_err(|e| StoreError::Other(format!("{store}: a row without id: {e:?}")))?,
            );
        }
        for row in rows {
            let row: T = serde_wasm_bindgen::from_value(row)
                .map_err(indexed_db_futures::error::Error::from)?;
            out.push(convert(row)?);
        }
        if !full {
            return Ok(out);
        }
        crate::shell::next_task().await;
    }
}

/// One assessment by its id, if stored.
pub(super) async fn assessment_row(
    tx: &Transaction<'_>,
    id: &str,
) -> Result<Option<crate::domain::assessment::Assessment>, StoreError> {
    let row: Option<StoredAssessmentRow> = tx.object_store(ASSESSMENTS)?.get(id).serde()?.await?;
    row.map(StoredAssessmentRow::into_assessment).transpose()
}

async fn records<T: RecordKind>(tx: &Transaction<'_>) -> Result<Vec<Record<T>>, StoreError> {
    let rows: Vec<Row<T>> = all(tx, T::STORE).await?;
    Ok(rows.into_iter().map(Record::from).collect())
}

/// [`records`] of a store added by a later schema version: none while the database is
/// still at an older one (its data steps read everything before the upgrade adds it).
async fn later_records<T: RecordKind>(tx: &Transaction<'_>) -> Result<Vec<Record<T>>, StoreError> {
    if tx.object_store_names().any(|n| n == T::STORE) {
        records::<T>(tx).await
    } else {
        Ok(Vec::new())
    }
}

/// Everything stored, read inside `tx`.
pub(super) async fn read_dataset(tx: &Transaction<'_>) -> Result<Dataset, StoreError> {
    let assessments: Vec<StoredAssessmentRow> = all(tx, ASSESSMENTS).await?;
    Ok(Dataset {
        units: records::<Unit>(tx).await?,
        ocop_products: records::<Product>(tx).await?,
        ocop_ratings: records::<Rating>(tx).await?,
        plans: records::<Plan>(tx).await?,
        sets: records::<CriteriaSet>(tx).await?,
        recognitions: later_records::<Recognition>(tx).await?,
        quantities: later_records::<Quantity>(tx).await?,
        resources: later_records::<ResourceEntry>(tx).await?,
        assessments: assessments_of(assessments)?,
        history: all(tx, HISTORY).await?,
    })
}

fn row_of<T: RecordKind>(r: &Record<T>) -> Row<T> {
    Row {
        id: r.id.clone(),
        parent_id: r.data.parent_id(),
        data: r.data.clone(),
        stamp: r.stamp.clone(),
        archived: r.archived,
    }
}

pub(super) fn put_records<T: RecordKind>(
    tx: &Transaction<'_>,
    rows: &[Record<T>],
) -> Result<(), StoreError> {
    if rows.is_empty() {
        // Nothing to write; the store may not exist yet (a data step at an older version).
        return Ok(());
    }
    let store = tx.object_store(T::STORE)?;
    for r in rows {
        store.put(&row_of(r)).serde()?;
    }
    Ok(())
}

/// Rows an import writes between two progress reports.
const COMMIT_CHUNK: usize = 2_000;

/// Feeds one transaction in chunks, for an import's progress bar: after every
/// [`COMMIT_CHUNK`] requests it waits for the last one and tells `progress(done, total)`.
/// The next request is made as that one completes, so the transaction stays active: it is
/// still one transaction, written all or nothing.
struct Chunked<'p> {
    done: usize,
    total: usize,
    progress: &'p mut dyn FnMut(usize, usize),
}

impl Chunked<'_> {
    async fn after(
        &mut self,
        request: indexed_db_futures::future::VoidRequest,
    ) -> Result<(), StoreError> {
        self.done += 1;
        if self.done.is_multiple_of(COMMIT_CHUNK) {
            request.await?;
            (self.progress)(self.done, self.total);
        }
        Ok(())
    }

    async fn records<T: RecordKind>(
        &mut self,
        tx: &Transaction<'_>,
        rows: &[Record<T>],
    ) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        let store = tx.object_store(T::STORE)?;
        for r in rows {
            self.after(store.put(&row_of(r)).serde()?).await?;
        }
        Ok(())
    }
}

impl Store {
    /// Every key and value of every store as JSON text, store by store in key order.
    /// Tests compare two dumps to prove that a failed import changed nothing at all.
    pub async fn dump(&self) -> Result<Vec<String>, StoreError> {
        use wasm_bindgen::JsValue;
        let tx = self.db.transaction(EVERY_STORE.to_vec()).build()?;
        let text = |v: &JsValue| {
            js_sys::JSON::stringify(v)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        for name in EVERY_STORE {
            let store = tx.object_store(name)?;
            let keys: Vec<JsValue> = store
                .get_all_keys()
                .primitive()?
                .await?
                .collect::<Result<_, _>>()?;
            let values: Vec<JsValue> = store
                .get_all()
                .primitive()?
                .await?
                .collect::<Result<_, _>>()?;
            for (k, v) in keys.iter().zip(&values) {
                out.push(format!("{name} {} {}", text(k), text(v)));
            }
        }
        Ok(out)
    }

    /// Everything on the device, as one consistent snapshot.
    pub async fn dataset(&self) -> Result<Dataset, StoreError> {
        let tx = self.db.transaction(self.data_stores()).build()?;
        read_dataset(&tx).await
    }

    /// What importing `incoming` would do now (the preview). Writes nothing.
    pub async fn preview_import(
        &self,
        incoming: &Dataset,
        rule: &ImportRule,
    ) -> Result<ImportPreview, StoreError> {
        let tx = self.db.transaction(ALL_DATA.to_vec()).build()?;
        let local = read_dataset(&tx).await?;
        let revision = super::edits::revision(&tx).await?;
        let plans = senders::plan_import(&local, incoming, js_sys::Date::now() as u64, rule);
        Ok(ImportPreview::new(plans, revision))
    }

    /// Applies a confirmed preview in one transaction: refuses if any data changed since
    /// it was made (its plan was computed against that data), otherwise writes every
    /// merged record and value, the new history, the clock and the log entry. Planning
    /// again here would double the time of a large import for the same answer.
    pub async fn import(
        &self,
        preview: &ImportPreview,
        mut log: ImportRecord,
        merges: &[(String, String)],
        author: &super::Author,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Counts, ImportError> {
        let mut stores = ALL_DATA.to_vec();
        stores.push(IMPORTS);
        let tx = self.edit_tx(&stores)?;
        if super::edits::revision(&tx).await? != preview.revision {
            return Err(ImportError::ChangedSincePreview);
        }
        let plan = &preview.plan;
        let w = &plan.writes;
        let mut chunked = Chunked {
            done: 0,
            total: w.len(),
            progress,
        };
        chunked.records(&tx, &w.units).await?;
        chunked.records(&tx, &w.ocop_products).await?;
        chunked.records(&tx, &w.ocop_ratings).await?;
        chunked.records(&tx, &w.plans).await?;
        chunked.records(&tx, &w.sets).await?;
        chunked.records(&tx, &w.recognitions).await?;
        chunked.records(&tx, &w.quantities).await?;
        chunked.records(&tx, &w.resources).await?;
        let assessments = tx.object_store(ASSESSMENTS)?;
        for a in &w.assessments {
            let put = assessments.put(&AssessmentRow::new(a)?).serde()?;
            chunked.after(put).await?;
        }
        let history = tx.object_store(HISTORY)?;
        for h in &w.history {
            chunked.after(history.add(h).serde()?).await?;
        }
        let meta = tx.object_store(META)?;
        if let Some(remote) = plan.max_hlc {
            let last: Option<Hlc> = meta.get(META_HLC).serde()?.await?;
            let mut clock = HlcClock::new(last.unwrap_or_default());
            let now = clock.observe(remote, js_sys::Date::now() as u64);
            super::put_meta(&meta, META_HLC, now)?;
        }
        // Imported data counts as saved data (the emptied-database check relies on it).
        let first: Option<f64> = meta.get(meta_key::FIRST_SAVE).serde()?.await?;
        if first.is_none() && !plan.is_noop() {
            super::put_meta(&meta, meta_key::FIRST_SAVE, js_sys::Date::now())?;
        }
        // Villages the user chose to merge in the preview ("Gộp"): edits of this device,
        // stamped after everything the file brought.
        for (from, into) in merges {
            super::villages::merge_village_in(&tx, from, into, author).await?;
        }
        log.counts = plan.counts;
        tx.object_store(IMPORTS)?.add(&log).serde()?;
        if !plan.is_noop() {
            super::edits::bump_revision(&tx).await?;
            if plan.unlogged {
                // Values the file carries without their history entries: the change log
                // does not name them, so a sync builds every document next time.
                super::changes::note_unlogged(&tx).await?;
            }
        }
        tx.commit().await?;
        (chunked.progress)(chunked.total, chunked.total);
        Ok(plan.counts)
    }

    /// The import log, newest first.
    pub async fn import_log(&self) -> Result<Vec<ImportRecord>, StoreError> {
        let tx = self.db.transaction(IMPORTS).build()?;
        let mut log: Vec<ImportRecord> = all(&tx, IMPORTS).await?;
        log.reverse();
        Ok(log)
    }

    /// Remembers that the data was exported now (the backup reminder counts from it).
    pub async fn mark_exported(&self, at_ms: f64) -> Result<(), StoreError> {
        let tx = self.edit_tx(&[META])?;
        super::put_meta(&tx.object_store(META)?, meta_key::LAST_EXPORT, at_ms)?;
        tx.commit().await?;
        Ok(())
    }

    /// The clock reading of the last export, for "only changes since the last export".
    pub async fn last_export_hlc(&self) -> Result<Option<Hlc>, StoreError> {
        self.get_meta(meta_key::LAST_EXPORT_HLC).await
    }

    /// Records the clock reading an export covered up to.
    pub async fn set_last_export_hlc(&self, hlc: Hlc) -> Result<(), StoreError> {
        let tx = self.edit_tx(&[META])?;
        super::put_meta(&tx.object_store(META)?, meta_key::LAST_EXPORT_HLC, hlc)?;
        tx.commit().await?;
        Ok(())
    }

    /// The open conflicts: concurrent values that lost, with the value that won.
    pub async fn conflicts(&self) -> Result<Vec<merge::Conflict>, StoreError> {
        Ok(merge::open_conflicts(&self.dataset().await?))
    }

    /// Resolves a conflict by setting `value` (the losing value to reinstate it, or the
    /// current one to keep it) as a new, undoable edit whose base covers every head.
    pub async fn resolve_conflict(
        &self,
        conflict: &merge::Conflict,
        value: &Value,
        author: &super::Author,
    ) -> Result<HistoryEntry, StoreError> {
        let supersedes = [conflict.other.stamp.clone(), conflict.current_stamp.clone()];
        self.set_to(&conflict.target, Some(value), &supersedes, author)
            .await
    }
}
