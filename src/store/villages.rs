//! Villages added twice and merged (`Village::merged_into`): the merge edit, and which
//! villages were merged into one (for the base of an edit of the kept village's values).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;

use super::edits::{add_history, next_stamp, write_record};
use super::rows::{RecordBody, Row};
use super::schema::store_names::{ALL_DATA, HISTORY, META, UNITS};
use super::Author;
use super::{Store, StoreError};
use crate::domain::history::HistoryEntry;
use crate::domain::sync::Record;
use crate::domain::units::{Unit, UnitRef};

/// The villages merged into `unit` (none for other units): read from its commune's
/// villages only, through the by-parent index.
pub(super) async fn merged_members(
    tx: &Transaction<'_>,
    unit: &UnitRef,
) -> Result<Vec<UnitRef>, StoreError> {
    if !matches!(unit, UnitRef::Village(_)) {
        return Ok(Vec::new());
    }
    let units = tx.object_store(UNITS)?;
    let row: Option<Row<Unit>> = units.get(unit.key()).serde()?.await?;
    let Some(Unit::Village(v)) = row.map(|r| r.data) else {
        return Ok(Vec::new());
    };
    let siblings: Vec<Row<Unit>> = units
        .index(super::schema::index_names::UNITS_BY_PARENT)?
        .get_all()
        .with_query(UnitRef::Commune(v.commune_code).key())
        .serde()?
        .await?
        .collect::<Result<_, _>>()?;
    let records: Vec<Record<Unit>> = siblings.into_iter().map(Record::from).collect();
    let key = unit.key();
    Ok(crate::domain::units::kept_villages(&records)
        .into_iter()
        .filter(|(_, kept)| *kept == key)
        .filter_map(|(m, _)| UnitRef::from_key(&m))
        .collect())
}

/// Records, inside `tx`, that village `from` is the same as village `into` of its commune
/// (an undoable edit of `from`'s record, so it travels in files like any edit).
pub(super) async fn merge_village_in(
    tx: &Transaction<'_>,
    from: &str,
    into: &str,
    author: &Author,
) -> Result<HistoryEntry, StoreError> {
    let key = UnitRef::Village(from.to_string()).key();
    let row: Option<Row<Unit>> = tx.object_store(UNITS)?.get(key.as_str()).serde()?.await?;
    let Some(Row {
        data: Unit::Village(mut v),
        archived,
        ..
    }) = row
    else {
        return Err(StoreError::Other(format!("village {from} is missing")));
    };
    v.merged_into = Some(into.to_string());
    let stamp = next_stamp(tx, author).await?;
    let body = RecordBody {
        data: Unit::Village(v),
        archived,
    };
    let (_, entry) = write_record(tx, &key, body, stamp).await?;
    add_history(tx, &entry, true).await?;
    Ok(entry)
}

impl Store {
    /// Adds provinces and communes taken from the official list, each only if this device
    /// does not have it, stamped with `units::official_list_stamp` (not undoable: nothing
    /// was edited). One transaction.
    pub async fn add_official_units(&self, units: Vec<Unit>) -> Result<(), StoreError> {
        let tx = self.edit_tx(&[UNITS, HISTORY, META])?;
        let store = tx.object_store(UNITS)?;
        let stamp = crate::domain::units::official_list_stamp();
        let mut added = false;
        for unit in units {
            let key = unit.unit_ref().key();
            let here: Option<Row<Unit>> = store.get(key.as_str()).serde()?.await?;
            if here.is_some() {
                continue;
            }
            let (_, mut entry) = write_record(
                &tx,
                &key,
                RecordBody {
                    data: unit,
                    archived: false,
                },
                stamp.clone(),
            )
            .await?;
            entry.base = Some(Vec::new());
            add_history(&tx, &entry, false).await?;
            added = true;
        }
        if added {
            super::edits::bump_revision(&tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Merges village `from` into village `into` (same commune): figures count `into`
    /// with the values of both. One undoable edit.
    pub async fn merge_villages(
        &self,
        from: &str,
        into: &str,
        author: &Author,
    ) -> Result<HistoryEntry, StoreError> {
        let tx = self.edit_tx(&ALL_DATA)?;
        let entry = merge_village_in(&tx, from, into, author).await?;
        tx.commit().await?;
        Ok(entry)
    }
}
