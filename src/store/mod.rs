//! The only module that talks to IndexedDB.
//!
//! Invariants:
//! - every user edit is exactly one readwrite transaction, committed before the caller is
//!   told it is saved (indexed_db_futures rolls back unless `commit()` is awaited);
//! - nothing but IndexedDB requests is awaited inside a transaction (the browser
//!   auto-commits when the task yields with nothing pending);
//! - the schema only moves forward through [`schema::migrate`], one step per version, and
//!   each step keeps the data of the ones before.
//!
//! Its plain types ([`types`]) compile natively, so the workflows that use the store can be
//! tested without a browser; everything that touches IndexedDB is wasm only.

pub mod stored_assessment;
mod types;
pub use types::{Author, ImportError, ImportPreview, StoreError, StoredHistory};

#[cfg(target_arch = "wasm32")]
mod assessments;
#[cfg(target_arch = "wasm32")]
mod changes;
#[cfg(target_arch = "wasm32")]
mod clock;
#[cfg(target_arch = "wasm32")]
mod demo;
#[cfg(target_arch = "wasm32")]
mod edits;
#[cfg(target_arch = "wasm32")]
mod error;
#[cfg(target_arch = "wasm32")]
mod exchange;
#[cfg(target_arch = "wasm32")]
mod history;
#[cfg(target_arch = "wasm32")]
mod keys;
#[cfg(target_arch = "wasm32")]
mod migrate;
#[cfg(target_arch = "wasm32")]
pub mod rows;
#[cfg(target_arch = "wasm32")]
pub mod schema;
#[cfg(target_arch = "wasm32")]
mod sync;
#[cfg(target_arch = "wasm32")]
mod villages;

#[cfg(target_arch = "wasm32")]
pub use migrate::DATA_FORMAT;

#[cfg(target_arch = "wasm32")]
use indexed_db_futures::database::Database;
#[cfg(target_arch = "wasm32")]
use indexed_db_futures::prelude::*;
#[cfg(target_arch = "wasm32")]
use serde::de::DeserializeOwned;

#[cfg(target_arch = "wasm32")]
use crate::domain::profile::{Lang, Profile};
#[cfg(target_arch = "wasm32")]
use schema::store_names::META;

#[cfg(target_arch = "wasm32")]
/// The production database name. Tests open randomly named ones.
pub const DB_NAME: &str = "ntm";

#[cfg(target_arch = "wasm32")]
/// Keys of the `meta` store: one record per key, small values only.
mod meta_key {
    pub const PROFILE: &str = "profile";
    pub const LANG: &str = "lang";
    pub const DEVICE_ID: &str = "device_id";
    /// Set once, on the first save: lets us ask for persistent storage exactly once and,
    /// later, notice a database that was emptied behind the user's back.
    pub const FIRST_SAVE: &str = "first_save";
    /// When data was last exported to a file (ms since the epoch).
    pub const LAST_EXPORT: &str = "last_export";
    /// The clock reading the last export covered up to (for "only changes since").
    pub const LAST_EXPORT_HLC: &str = "last_export_hlc";
    /// Counts the transactions that changed data (every edit, import and the demo): an
    /// import preview is valid while it is unchanged.
    pub const REVISION: &str = "revision";
    /// The criteria-set lineages adopted on this device for a level (device setting,
    /// never exported): `[[level, lineage id], …]`.
    pub const ADOPTED_SETS: &str = "adopted_sets";
}

/// What a save did beyond writing the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveOutcome {
    /// True when this was the first thing ever saved on this device.
    pub first_save: bool,
}

/// Writes one value of the `meta` store under `key`: the chain every meta write repeats.
#[cfg(target_arch = "wasm32")]
fn put_meta<T: serde::Serialize>(
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
    key: &str,
    value: T,
) -> Result<(), StoreError> {
    meta.put(&value).with_key(key).without_key_type().serde()?;
    Ok(())
}

#[cfg(target_arch = "wasm32")]
/// An open connection to the app's database.
pub struct Store {
    db: Database,
}

#[cfg(target_arch = "wasm32")]
impl Store {
    /// Opens (creating or upgrading as needed) the production database.
    pub async fn open() -> Result<Self, StoreError> {
        Self::open_named(DB_NAME).await
    }

    /// Opens the named database at the current schema version.
    pub async fn open_named(name: &str) -> Result<Self, StoreError> {
        Self::open_at(name, schema::SCHEMA_VERSION).await
    }

    /// Opens the named database at `version`, running the migrations up to it.
    /// Only tests ask for an older version, to prove upgrades keep data.
    pub async fn open_at(name: &str, version: u32) -> Result<Self, StoreError> {
        let store = Self::open_schema(name, version, Default::default()).await?;
        if version >= schema::DATA_STEPS_FROM {
            store.run_data_steps().await?;
        }
        Ok(store)
    }

    /// Opens the production database with its schema current but its data steps not run:
    /// the page asks [`Self::data_steps_due`] and runs [`Self::run_data_steps`] from a
    /// module of its own (src/deferred.rs), so their code is not in the first download.
    pub async fn open_deferring_data_steps(name: &str) -> Result<Self, StoreError> {
        let created = std::rc::Rc::new(std::cell::Cell::new(false));
        let store = Self::open_schema(name, schema::SCHEMA_VERSION, created.clone()).await?;
        if created.get() {
            // A database created now holds nothing older than this build: no data step
            // (and no module fetched for them) is ever due for it.
            store.mark_data_current().await?;
        }
        Ok(store)
    }

    async fn open_schema(
        name: &str,
        version: u32,
        created: std::rc::Rc<std::cell::Cell<bool>>,
    ) -> Result<Self, StoreError> {
        let db = Database::open(name)
            .with_version(version)
            .with_on_upgrade_needed(move |event, db| {
                let from = event.old_version() as u32;
                created.set(from == 0);
                schema::migrate(&db, from, version)
            })
            .await
            .map_err(StoreError::from_open)?;
        Ok(Self { db })
    }

    /// The schema version this connection was opened at.
    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    /// Names of the object stores, sorted (for diagnostics and tests).
    pub fn store_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.db.object_store_names().collect();
        names.sort();
        names
    }

    /// The data stores this database has: all of them at the current version; fewer when
    /// a test opened an older one (a transaction naming a missing store fails).
    pub(crate) fn data_stores(&self) -> Vec<&'static str> {
        let names = self.store_names();
        schema::store_names::ALL_DATA
            .into_iter()
            .filter(|s| names.iter().any(|n| n == s))
            .collect()
    }

    /// Closes the connection (so another version can be opened, e.g. in tests).
    pub fn close(self) {
        self.db.close();
    }

    async fn get_meta<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let tx = self.db.transaction(META).build()?;
        let store = tx.object_store(META)?;
        let value: Option<T> = store.get(key).serde()?.await?;
        Ok(value)
    }

    /// The saved profile, if the user has saved one.
    pub async fn profile(&self) -> Result<Option<Profile>, StoreError> {
        self.get_meta(meta_key::PROFILE).await
    }

    /// Saves the profile; on the very first save, also records that moment. One transaction.
    pub async fn save_profile(&self, profile: &Profile) -> Result<SaveOutcome, StoreError> {
        let now = js_sys::Date::now();
        let tx = self.edit_tx(&[META])?;
        let store = tx.object_store(META)?;
        let first: Option<f64> = store.get(meta_key::FIRST_SAVE).serde()?.await?;
        put_meta(&store, meta_key::PROFILE, profile)?;
        if first.is_none() {
            put_meta(&store, meta_key::FIRST_SAVE, now)?;
        }
        tx.commit().await?;
        Ok(SaveOutcome {
            first_save: first.is_none(),
        })
    }

    /// The chosen interface language, if the user ever chose one.
    pub async fn lang(&self) -> Result<Option<Lang>, StoreError> {
        self.get_meta(meta_key::LANG).await
    }

    /// Remembers the interface language. One transaction.
    pub async fn save_lang(&self, lang: Lang) -> Result<(), StoreError> {
        let tx = self.edit_tx(&[META])?;
        put_meta(&tx.object_store(META)?, meta_key::LANG, lang)?;
        tx.commit().await?;
        Ok(())
    }

    /// When the first save on this device happened (ms since the epoch), if ever.
    pub async fn first_save_at(&self) -> Result<Option<f64>, StoreError> {
        self.get_meta(meta_key::FIRST_SAVE).await
    }

    /// The lineages adopted on this device for a level (see `Workspace::counts_for`).
    pub async fn adopted_sets(
        &self,
    ) -> Result<Vec<(crate::domain::criteria::SetLevel, String)>, StoreError> {
        Ok(self
            .get_meta(meta_key::ADOPTED_SETS)
            .await?
            .unwrap_or_default())
    }

    /// Adopts (or stops adopting) a lineage for a level on this device. One transaction;
    /// it changes figures, so it counts as a data change.
    pub async fn set_adopted(
        &self,
        level: crate::domain::criteria::SetLevel,
        lineage: &str,
        adopted: bool,
    ) -> Result<(), StoreError> {
        use crate::domain::criteria::SetLevel;
        let tx = self.edit_tx(&[META])?;
        let meta = tx.object_store(META)?;
        let mut list: Vec<(SetLevel, String)> = meta
            .get(meta_key::ADOPTED_SETS)
            .serde()?
            .await?
            .unwrap_or_default();
        list.retain(|(l, id)| !(*l == level && id == lineage));
        if adopted {
            list.push((level, lineage.to_string()));
            list.sort();
        }
        put_meta(&meta, meta_key::ADOPTED_SETS, &list)?;
        edits::bump_revision(&tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// When data was last exported to a file, if ever.
    pub async fn last_export_at(&self) -> Result<Option<f64>, StoreError> {
        self.get_meta(meta_key::LAST_EXPORT).await
    }

    /// This device's id, made once and kept: every edit and file names it.
    pub async fn device_id(&self) -> Result<String, StoreError> {
        if let Some(id) = self.get_meta::<String>(meta_key::DEVICE_ID).await? {
            return Ok(id);
        }
        // A new device's id comes from its key (issue 31): a file signed under another
        // id of that form is refused. Without WebCrypto, a random id as before.
        let fresh = match self.signing_key().await {
            Ok(key) => crate::exchange::signing::key_device_id(&key),
            Err(_) => crate::shell::random_id(),
        };
        let tx = self.edit_tx(&[META])?;
        let store = tx.object_store(META)?;
        // Two tabs may race here: whichever commits first wins and both read it back.
        let existing: Option<String> = store.get(meta_key::DEVICE_ID).serde()?.await?;
        if existing.is_none() {
            put_meta(&store, meta_key::DEVICE_ID, &fresh)?;
        }
        tx.commit().await?;
        Ok(existing.unwrap_or(fresh))
    }

    /// Deletes the named database (tests clean up after themselves).
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name)
            .map_err(StoreError::from_open)?
            .await
            .map_err(StoreError::from)?;
        Ok(())
    }
}
