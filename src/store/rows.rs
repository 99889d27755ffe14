//! Storage shapes: how domain records sit in IndexedDB. Record stores share one row shape
//! (`Row<T>`), with `parent_id` for the stores indexed by parent (units, OCOP ratings).

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::schema::store_names;
use super::StoreError;
use crate::domain::assessment::Assessment;
use crate::domain::criteria::CriteriaSet;
use crate::domain::history::EditTarget;
pub use crate::domain::history::RecordBody;
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::sync::{Record, Stamp};
use crate::domain::units::Unit;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row<T> {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    pub data: T,
    pub stamp: Stamp,
    #[serde(default)]
    pub archived: bool,
}

impl<T> From<Row<T>> for Record<T> {
    fn from(r: Row<T>) -> Self {
        Record {
            id: r.id,
            data: r.data,
            stamp: r.stamp,
            archived: r.archived,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessmentRow {
    pub id: String,
    pub unit_key: String,
    pub assessment: Assessment,
}

impl From<Assessment> for AssessmentRow {
    fn from(a: Assessment) -> Self {
        Self {
            id: a.id(),
            unit_key: a.key.unit.key(),
            assessment: a,
        }
    }
}

/// A kind of record kept in its own store, edited whole (last writer wins per record).
pub trait RecordKind: Serialize + DeserializeOwned + Clone + 'static {
    const STORE: &'static str;
    fn target(id: &str) -> EditTarget;
    fn parent_id(&self) -> Option<String> {
        None
    }
}

impl RecordKind for Unit {
    const STORE: &'static str = store_names::UNITS;
    fn target(id: &str) -> EditTarget {
        EditTarget::Unit { id: id.to_string() }
    }
    fn parent_id(&self) -> Option<String> {
        self.parent().map(|p| p.key())
    }
}

impl RecordKind for Product {
    const STORE: &'static str = store_names::OCOP_PRODUCTS;
    fn target(id: &str) -> EditTarget {
        EditTarget::OcopProduct { id: id.to_string() }
    }
}

impl RecordKind for Rating {
    const STORE: &'static str = store_names::OCOP_RATINGS;
    fn target(id: &str) -> EditTarget {
        EditTarget::OcopRating { id: id.to_string() }
    }
    fn parent_id(&self) -> Option<String> {
        Some(self.product_id.clone())
    }
}

impl RecordKind for Plan {
    const STORE: &'static str = store_names::PLANS;
    fn target(id: &str) -> EditTarget {
        EditTarget::Plan { id: id.to_string() }
    }
}

impl RecordKind for CriteriaSet {
    const STORE: &'static str = store_names::SETS;
    fn target(id: &str) -> EditTarget {
        EditTarget::CriteriaSet { id: id.to_string() }
    }
}

/// A row as a JS object made from its JSON text: one call across the wasm boundary per
/// row instead of one per field, which made writing a national import slow (BENCHMARKS.md).
/// `None` fields are stored as `null` (serde reads both `null` and absent as `None`).
pub(super) fn row_to_js<T: Serialize>(row: &T) -> Result<wasm_bindgen::JsValue, StoreError> {
    let text = serde_json::to_string(row).map_err(|e| StoreError::Other(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|e| StoreError::Other(format!("{e:?}")))
}

/// Rows read with `getAll(...).primitive()`, each brought in as JSON text (see
/// [`row_to_js`]).
pub(super) fn rows_from_js<T: DeserializeOwned>(
    values: impl Iterator<Item = Result<wasm_bindgen::JsValue, indexed_db_futures::error::Error>>,
) -> Result<Vec<T>, StoreError> {
    values
        .map(|v| {
            let v = v?;
            let text = js_sys::JSON::stringify(&v)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| StoreError::Other("a stored row is not JSON".into()))?;
            serde_json::from_str(&text).map_err(|e| StoreError::Other(format!("stored row: {e}")))
        })
        .collect()
}
