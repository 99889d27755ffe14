//! Storage shapes: how domain records sit in IndexedDB. Record stores share one row shape
//! (`Row<T>`), with `parent_id` for the stores indexed by parent (units, OCOP ratings).

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::schema::store_names;
use crate::domain::assessment::Assessment;
use crate::domain::criteria::CriteriaSet;
use crate::domain::history::EditTarget;
pub use crate::domain::history::RecordBody;
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::recognition::Recognition;
use crate::domain::resources::{Quantity, ResourceEntry};
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

/// An assessment's row as written (data format 4): the indexed fields beside the body as
/// one JSON text (`super::stored_assessment`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssessmentRow {
    pub id: String,
    pub unit_key: String,
    pub body: String,
}

impl AssessmentRow {
    pub fn new(a: &Assessment) -> Result<Self, super::StoreError> {
        Ok(Self {
            id: a.id(),
            unit_key: a.key.unit.key(),
            body: super::stored_assessment::encode(a).map_err(super::StoreError::Other)?,
        })
    }
}

/// An assessment's row as read: the body text, or, in a row an older app wrote (before
/// format 4's data step rewrote it, or a row a test wrote that way), the object.
#[derive(Deserialize)]
pub struct StoredAssessmentRow {
    id: String,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    assessment: Option<Assessment>,
}

impl StoredAssessmentRow {
    pub fn into_assessment(self) -> Result<Assessment, super::StoreError> {
        match (self.body, self.assessment) {
            (Some(body), _) => super::stored_assessment::decode(&body)
                .map_err(|e| super::StoreError::Other(format!("assessment {}: {e}", self.id))),
            (None, Some(a)) => Ok(a),
            (None, None) => Err(super::StoreError::Other(format!(
                "assessment {}: the row holds no assessment",
                self.id
            ))),
        }
    }

    /// Whether the row is in an older format than [`AssessmentRow`].
    pub fn is_old(&self) -> bool {
        self.body.is_none()
    }
}

/// Rows as read, each made an assessment (the first bad row is the error).
pub fn assessments_of(
    rows: Vec<StoredAssessmentRow>,
) -> Result<Vec<Assessment>, super::StoreError> {
    rows.into_iter()
        .map(StoredAssessmentRow::into_assessment)
        .collect()
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

impl RecordKind for Recognition {
    const STORE: &'static str = store_names::RECOGNITIONS;
    fn target(id: &str) -> EditTarget {
        EditTarget::Recognition { id: id.to_string() }
    }
    fn parent_id(&self) -> Option<String> {
        Some(self.unit.key())
    }
}

impl RecordKind for Quantity {
    const STORE: &'static str = store_names::QUANTITIES;
    fn target(id: &str) -> EditTarget {
        EditTarget::Quantity { id: id.to_string() }
    }
}

impl RecordKind for ResourceEntry {
    const STORE: &'static str = store_names::RESOURCES;
    fn target(id: &str) -> EditTarget {
        EditTarget::Resource { id: id.to_string() }
    }
    fn parent_id(&self) -> Option<String> {
        Some(self.unit.key())
    }
}

impl RecordKind for CriteriaSet {
    const STORE: &'static str = store_names::SETS;
    fn target(id: &str) -> EditTarget {
        EditTarget::CriteriaSet { id: id.to_string() }
    }
}
