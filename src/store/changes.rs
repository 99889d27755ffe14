//! The device's change log for the sync (issue 30): every edit, import and merge adds
//! history entries, whose auto-increment keys grow in the order they were written; what
//! changed after a point is read by key range, with the rows its documents need — never
//! the whole database.

use std::collections::BTreeSet;

use indexed_db_futures::cursor::CursorDirection;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use indexed_db_futures::KeyRange;

use super::exchange::assessment_row;
use super::rows::{RecordKind, Row};
use super::schema::index_names::HISTORY_BY_RECORD;
use super::schema::store_names::*;
use super::{Store, StoreError};
use crate::domain::criteria::CriteriaSet;
use crate::domain::history::HistoryEntry;
use crate::domain::merge::{restrict, Dataset};
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::recognition::Recognition;
use crate::domain::resources::{Quantity, ResourceEntry};
use crate::domain::set_versions::{lineage_owner, LineageOwner};
use crate::domain::stats::Scope;
use crate::domain::sync::Record;
use crate::domain::units::{Unit, UnitRef};

/// One record by its id, if stored.
async fn record<T: RecordKind>(
    tx: &Transaction<'_>,
    id: &str,
) -> Result<Option<Record<T>>, StoreError> {
    let row: Option<Row<T>> = tx.object_store(T::STORE)?.get(id).serde()?.await?;
    Ok(row.map(Record::from))
}

/// Adds a unit's record to `out` (once), and for a village its commune's: their documents'
/// scopes name them.
async fn with_unit(
    tx: &Transaction<'_>,
    unit: &UnitRef,
    out: &mut Dataset,
) -> Result<(), StoreError> {
    let key = unit.key();
    if out.units.iter().any(|u| u.id == key) {
        return Ok(());
    }
    if let Some(r) = record::<Unit>(tx, &key).await? {
        let parent = match &r.data {
            Unit::Village(v) => Some(UnitRef::Commune(v.commune_code.clone())),
            _ => None,
        };
        out.units.push(r);
        if let Some(p) = parent {
            Box::pin(with_unit(tx, &p, out)).await?;
        }
    }
    Ok(())
}

/// The `meta` key of how many times data was written without history entries.
const UNLOGGED: &str = "unlogged_changes";

/// Counts a write of data that leaves no history entry (a whole demo loaded, a data step,
/// a file of an early version imported), inside its transaction (which holds `meta`): the
/// next sync builds every document.
pub(super) async fn note_unlogged(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let meta = tx.object_store(META)?;
    let n: Option<u64> = meta.get(UNLOGGED).serde()?.await?;
    super::put_meta(&meta, UNLOGGED, n.unwrap_or(0) + 1)
}

async fn unlogged(tx: &Transaction<'_>) -> Result<u64, StoreError> {
    let n: Option<u64> = tx.object_store(META)?.get(UNLOGGED).serde()?.await?;
    Ok(n.unwrap_or(0))
}

impl Store {
    /// The point the change log is at: its greatest key (0 when empty), and the count of
    /// writes without history entries.
    pub async fn change_point(&self) -> Result<(u64, u64), StoreError> {
        let tx = self.db.transaction([HISTORY, META]).build()?;
        let history = tx.object_store(HISTORY)?;
        let cursor = history
            .open_key_cursor()
            .with_direction(CursorDirection::Prev)
            .await?;
        let last = match cursor {
            Some(c) => c.primary_key::<f64>()?.unwrap_or(0.0),
            None => 0.0,
        };
        Ok((last as u64, unlogged(&tx).await?))
    }

    /// What changed after point `after` (and the records and values of `also`), read in one
    /// transaction: the records and values the new history entries (or `also`) name, each
    /// with all its history, and the units and OCOP products their documents' scopes need;
    /// the keys named, and the log's point now.
    pub async fn changed_since(
        &self,
        after: u64,
        also: &BTreeSet<String>,
    ) -> Result<(Dataset, BTreeSet<String>, (u64, u64)), StoreError> {
        let tx = self.db.transaction(super::schema::EVERY_STORE).build()?;
        let history = tx.object_store(HISTORY)?;
        let range = KeyRange::LowerBound(after as f64, true);
        let points: Vec<f64> = history
            .get_all_keys()
            .with_query::<f64, _>(range.clone())
            .primitive()?
            .await?
            .collect::<Result<_, _>>()?;
        let upto = points.iter().copied().fold(after as f64, f64::max) as u64;
        let new: Vec<HistoryEntry> = history
            .get_all()
            .with_query::<f64, _>(range)
            .serde()?
            .await?
            .collect::<Result<_, _>>()?;
        let mut keys: BTreeSet<String> = new.into_iter().map(|h| h.record_key).collect();
        keys.extend(also.iter().cloned());

        let mut part = Dataset::default();
        let by_record = history.index(HISTORY_BY_RECORD)?;
        for key in &keys {
            let entries: Vec<HistoryEntry> = by_record
                .get_all()
                .with_query(key.as_str())
                .serde()?
                .await?
                .collect::<Result<_, _>>()?;
            part.history.extend(entries);
            let (kind, id) = key.split_once('#').unwrap_or((key.as_str(), ""));
            match kind {
                "unit" => {
                    if let Some(u) = UnitRef::from_key(id) {
                        with_unit(&tx, &u, &mut part).await?;
                    }
                }
                "ocop-product" => {
                    if let Some(p) = record::<Product>(&tx, id).await? {
                        with_unit(
                            &tx,
                            &UnitRef::Commune(p.data.commune_code.clone()),
                            &mut part,
                        )
                        .await?;
                        part.ocop_products.push(p);
                    }
                }
                "ocop-rating" => {
                    if let Some(r) = record::<Rating>(&tx, id).await? {
                        if let Some(p) = record::<Product>(&tx, &r.data.product_id).await? {
                            let commune = UnitRef::Commune(p.data.commune_code.clone());
                            with_unit(&tx, &commune, &mut part).await?;
                            if !part.ocop_products.iter().any(|x| x.id == p.id) {
                                part.ocop_products.push(p);
                            }
                        }
                        part.ocop_ratings.push(r);
                    }
                }
                "plan" => {
                    if let Some(p) = record::<Plan>(&tx, id).await? {
                        if let Scope::Commune(c) = &p.data.scope {
                            with_unit(&tx, &UnitRef::Commune(c.clone()), &mut part).await?;
                        }
                        part.plans.push(p);
                    }
                }
                "set" => {
                    if let Some(set) = record::<CriteriaSet>(&tx, id).await? {
                        if let LineageOwner::Commune(c) = lineage_owner(&set.data.id) {
                            with_unit(&tx, &UnitRef::Commune(c), &mut part).await?;
                        }
                        part.sets.push(set);
                    }
                }
                "recognition" => {
                    if let Some(r) = record::<Recognition>(&tx, id).await? {
                        with_unit(&tx, &r.data.unit, &mut part).await?;
                        part.recognitions.push(r);
                    }
                }
                "quantity" => part.quantities.extend(record::<Quantity>(&tx, id).await?),
                "resource" => {
                    if let Some(r) = record::<ResourceEntry>(&tx, id).await? {
                        with_unit(&tx, &r.data.unit, &mut part).await?;
                        part.resources.push(r);
                    }
                }
                // An assessment's id, or one of its marks or values ("<id>#mark:…").
                assessment => {
                    if part.assessments.iter().any(|a| a.id() == assessment) {
                        continue;
                    }
                    if let Some(a) = assessment_row(&tx, assessment).await? {
                        with_unit(&tx, &a.key.unit, &mut part).await?;
                        part.assessments.push(a);
                    }
                }
            }
        }
        let point = (upto, unlogged(&tx).await?);
        // Only the named marks, values and records (with every unit and product read).
        Ok((restrict(&part, &keys), keys, point))
    }
}
