//! Assessments: read one or all, mark a criterion, set an indicator value, copy the
//! previous period's — each edit one transaction with its history entry (see `edits`).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::edits::*;
use super::rows::{AssessmentRow, StoredAssessmentRow};
use super::schema::store_names::{ASSESSMENTS, HISTORY, META, UNITS};
use super::{Author, Store, StoreError};
use crate::domain::assessment::{
    Assessment, AssessmentKey, CriterionMark, Entry, IndicatorValue, Period,
};
use crate::domain::history::{EditTarget, HistoryEntry};
use crate::domain::sync::Stamp;

pub(super) async fn get_assessment(
    tx: &Transaction<'_>,
    id: &str,
) -> Result<Option<Assessment>, StoreError> {
    let row: Option<StoredAssessmentRow> = tx.object_store(ASSESSMENTS)?.get(id).serde()?.await?;
    row.map(StoredAssessmentRow::into_assessment).transpose()
}

/// A mark or value as a history entry kept it (`None`: there was none, so it is cleared).
pub(super) fn entry_from<T: DeserializeOwned>(
    value: Option<&Value>,
) -> Result<Entry<T>, StoreError> {
    Ok(value
        .map(from_json)
        .transpose()?
        .unwrap_or_else(Entry::cleared))
}

/// An assessment that an earlier edit created (undo and restore only touch those).
pub(super) async fn existing_assessment(
    tx: &Transaction<'_>,
    id: &str,
) -> Result<Assessment, StoreError> {
    get_assessment(tx, id)
        .await?
        .ok_or_else(|| StoreError::Other(format!("assessment {id} is missing")))
}

pub(super) fn put_assessment(tx: &Transaction<'_>, a: &Assessment) -> Result<(), StoreError> {
    let row = AssessmentRow::new(a)?;
    tx.object_store(ASSESSMENTS)?.put(&row).serde()?;
    Ok(())
}

impl Store {
    pub async fn assessment(&self, key: &AssessmentKey) -> Result<Option<Assessment>, StoreError> {
        let tx = self.db.transaction(ASSESSMENTS).build()?;
        get_assessment(&tx, &key.id()).await
    }

    pub async fn assessments(&self) -> Result<Vec<Assessment>, StoreError> {
        super::exchange::all_in_slices(
            &self.db,
            ASSESSMENTS,
            super::exchange::READ_SLICE_ASSESSMENTS,
            StoredAssessmentRow::into_assessment,
        )
        .await
    }

    /// Marks a criterion (or clears its mark). One transaction with its history entry.
    pub async fn set_mark(
        &self,
        key: &AssessmentKey,
        criterion: &str,
        entry: Entry<CriterionMark>,
        author: &Author,
    ) -> Result<Assessment, StoreError> {
        self.edit_assessment(key, author, |a, stamp| a.set_mark(criterion, entry, stamp))
            .await
    }

    /// Sets an indicator value and its evidence note. One transaction with its history entry.
    pub async fn set_value(
        &self,
        key: &AssessmentKey,
        indicator: &str,
        entry: Entry<IndicatorValue>,
        author: &Author,
    ) -> Result<Assessment, StoreError> {
        self.edit_assessment(key, author, |a, stamp| a.set_value(indicator, entry, stamp))
            .await
    }

    async fn edit_assessment(
        &self,
        key: &AssessmentKey,
        author: &Author,
        edit: impl FnOnce(&mut Assessment, Stamp) -> HistoryEntry,
    ) -> Result<Assessment, StoreError> {
        let tx = self.edit_tx(&[ASSESSMENTS, HISTORY, META, UNITS])?;
        let stamp = next_stamp(&tx, author).await?;
        let mut a = get_assessment(&tx, &key.id())
            .await?
            .unwrap_or_else(|| Assessment::new(key.clone()));
        let entry = edit_in(&tx, &mut a, |a| edit(a, stamp)).await?;
        put_assessment(&tx, &a)?;
        add_history(&tx, &entry, true).await?;
        tx.commit().await?;
        Ok(a)
    }

    /// Starts `period` from the assessment at `from` ("copy from previous period"): every
    /// mark and value is copied as a new edit. Refuses to overwrite an existing assessment.
    pub async fn copy_assessment(
        &self,
        from: &AssessmentKey,
        period: Period,
        author: &Author,
    ) -> Result<Assessment, StoreError> {
        let tx = self.edit_tx(&[ASSESSMENTS, HISTORY, META])?;
        let source = get_assessment(&tx, &from.id())
            .await?
            .ok_or_else(|| StoreError::Other("nothing to copy".into()))?;
        let to = AssessmentKey {
            period,
            ..from.clone()
        };
        if get_assessment(&tx, &to.id()).await?.is_some() {
            return Err(StoreError::Other(format!("{} already exists", to.id())));
        }
        let stamp = next_stamp(&tx, author).await?;
        let copy = source.copy_to(period, &stamp);
        put_assessment(&tx, &copy)?;
        for (code, v) in &copy.marks {
            add_history(
                &tx,
                &HistoryEntry::new(
                    EditTarget::Mark {
                        assessment: copy.id(),
                        criterion: code.clone(),
                    },
                    None,
                    to_json(&v.value),
                    stamp.clone(),
                ),
                false,
            )
            .await?;
        }
        for (code, v) in &copy.values {
            add_history(
                &tx,
                &HistoryEntry::new(
                    EditTarget::Value {
                        assessment: copy.id(),
                        indicator: code.clone(),
                    },
                    None,
                    to_json(&v.value),
                    stamp.clone(),
                ),
                false,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(copy)
    }
}
