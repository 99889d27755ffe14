//! The database schema and its migrations, one step per version.
//!
//! Rule: a step may add stores and indices and may move data forward; it never drops data
//! the user entered. Every step is covered by a wasm test that opens at the version before,
//! writes, reopens at the new version and reads back.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

/// The version this build of the app expects.
pub const SCHEMA_VERSION: u32 = 2;

pub mod store_names {
    /// Small key → value records: profile, device id, markers.
    pub const META: &str = "meta";
    /// Administrative units the user works with (key path `id`).
    pub const UNITS: &str = "units";
    /// One entry per edit: who, when, which device, old → new (auto-increment key).
    pub const HISTORY: &str = "history";
}

pub mod index_names {
    /// `units` by parent unit id, for the unit tree.
    pub const UNITS_BY_PARENT: &str = "by_parent";
    /// `history` by the key of the record edited, for "history of this value".
    pub const HISTORY_BY_RECORD: &str = "by_record";
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
            _ => {}
        }
    }
    Ok(())
}
