//! The database schema and its migrations, one step per version.
//!
//! Rule: a step may add stores and indices and may move data forward; it never drops data
//! the user entered. Every step is covered by a wasm test that opens at the version before,
//! writes, reopens at the new version and reads back.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

/// The version this build of the app expects.
pub const SCHEMA_VERSION: u32 = 7;

/// From this version on, the data steps of `migrate.rs` run after opening (version 5's
/// step is "criteria set identities": it rewrites rows, which an upgrade event cannot).
pub const DATA_STEPS_FROM: u32 = 5;

pub mod store_names {
    /// Small key → value records: profile, device id, markers.
    pub const META: &str = "meta";
    /// Administrative units the user works with (key path `id`).
    pub const UNITS: &str = "units";
    /// One entry per edit: who, when, which device, old → new (auto-increment key).
    pub const HISTORY: &str = "history";
    /// Assessments (key path `id`, see `AssessmentKey::id`).
    pub const ASSESSMENTS: &str = "assessments";
    pub const OCOP_PRODUCTS: &str = "ocop_products";
    pub const OCOP_RATINGS: &str = "ocop_ratings";
    pub const PLANS: &str = "plans";
    /// Custom criteria sets, one row per version (id `CODE@version`).
    pub const SETS: &str = "sets";
    /// The import log: one entry per imported file (auto-increment key).
    pub const IMPORTS: &str = "imports";
    /// Steps towards recognition (schema 6).
    pub const RECOGNITIONS: &str = "recognitions";
    /// Quantities a province added (schema 6).
    pub const QUANTITIES: &str = "quantities";
    /// Resource and works figures (schema 6).
    pub const RESOURCES: &str = "resources";
    /// What the device last exchanged with a sync database, per document (schema 7):
    /// key `<database URL>\n<document id>`, value the revision and its content hash.
    pub const SYNC_KNOWN: &str = "sync_known";

    /// Every store an undo or restore may touch.
    pub const ALL_DATA: [&str; 11] = [
        META,
        UNITS,
        HISTORY,
        ASSESSMENTS,
        OCOP_PRODUCTS,
        OCOP_RATINGS,
        PLANS,
        SETS,
        RECOGNITIONS,
        QUANTITIES,
        RESOURCES,
    ];
}

/// Every store of the current schema.
pub const EVERY_STORE: [&str; 13] = [
    store_names::META,
    store_names::UNITS,
    store_names::HISTORY,
    store_names::ASSESSMENTS,
    store_names::OCOP_PRODUCTS,
    store_names::OCOP_RATINGS,
    store_names::PLANS,
    store_names::SETS,
    store_names::IMPORTS,
    store_names::RECOGNITIONS,
    store_names::QUANTITIES,
    store_names::RESOURCES,
    store_names::SYNC_KNOWN,
];

pub mod index_names {
    /// `units` by parent unit id, for the unit tree.
    pub const UNITS_BY_PARENT: &str = "by_parent";
    /// `history` by the key of the record edited, for "history of this value".
    pub const HISTORY_BY_RECORD: &str = "by_record";
    /// `assessments` by unit key, for a unit's periods.
    pub const ASSESSMENTS_BY_UNIT: &str = "by_unit";
    /// `ocop_ratings` by product id.
    pub const RATINGS_BY_PRODUCT: &str = "by_product";
    /// `recognitions` and `resources` by unit key, for a unit's page.
    pub const BY_UNIT: &str = "by_unit";
}

/// Applies every step from `from` (exclusive) to `to` (inclusive), in order.
pub fn migrate(db: &Database, from: u32, to: u32) -> indexed_db_futures::Result<()> {
    for version in (from + 1)..=to {
        match version {
            1 => {
                db.create_object_store(store_names::META).build()?;
            }
            2 => {
                let units = db
                    .create_object_store(store_names::UNITS)
                    .with_key_path(KeyPath::One("id"))
                    .build()?;
                units
                    .create_index(index_names::UNITS_BY_PARENT, KeyPath::One("parent_id"))
                    .build()?;
                let history = db
                    .create_object_store(store_names::HISTORY)
                    .with_auto_increment(true)
                    .build()?;
                history
                    .create_index(index_names::HISTORY_BY_RECORD, KeyPath::One("record_key"))
                    .build()?;
            }
            3 => {
                let assessments = db
                    .create_object_store(store_names::ASSESSMENTS)
                    .with_key_path(KeyPath::One("id"))
                    .build()?;
                assessments
                    .create_index(index_names::ASSESSMENTS_BY_UNIT, KeyPath::One("unit_key"))
                    .build()?;
                for name in [
                    store_names::OCOP_PRODUCTS,
                    store_names::PLANS,
                    store_names::SETS,
                ] {
                    db.create_object_store(name)
                        .with_key_path(KeyPath::One("id"))
                        .build()?;
                }
                let ratings = db
                    .create_object_store(store_names::OCOP_RATINGS)
                    .with_key_path(KeyPath::One("id"))
                    .build()?;
                ratings
                    .create_index(index_names::RATINGS_BY_PRODUCT, KeyPath::One("parent_id"))
                    .build()?;
            }
            4 => {
                db.create_object_store(store_names::IMPORTS)
                    .with_auto_increment(true)
                    .build()?;
            }
            // 5: no new store; its data step (criteria set identities, `migrate.rs`)
            // runs right after opening. Bumping the version closes older tabs, which would
            // otherwise write rows of the old shape.
            5 => {}
            6 => {
                for name in [store_names::RECOGNITIONS, store_names::RESOURCES] {
                    db.create_object_store(name)
                        .with_key_path(KeyPath::One("id"))
                        .build()?
                        .create_index(index_names::BY_UNIT, KeyPath::One("parent_id"))
                        .build()?;
                }
                db.create_object_store(store_names::QUANTITIES)
                    .with_key_path(KeyPath::One("id"))
                    .build()?;
            }
            7 => {
                db.create_object_store(store_names::SYNC_KNOWN).build()?;
            }
            _ => {}
        }
    }
    Ok(())
}
