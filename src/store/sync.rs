//! What the device last exchanged with each sync database (issue 17): per document the
//! revision and its content hash (`sync_known`, one row per database and document), and a
//! small record per database in `meta` that the sync workflow shapes (`app::sync`).
//! Neither is data the user entered: undo, restore and exports never touch them.

use std::collections::BTreeMap;

use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyRange;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::schema::store_names::{META, SYNC_KNOWN};
use super::{put_meta, Store, StoreError};
use crate::domain::replication::Known;

/// A row of `sync_known`: the document's id beside what was exchanged of it.
#[derive(Serialize, Deserialize)]
struct KnownRow {
    doc: String,
    rev: String,
    ancestry: Vec<String>,
    content: String,
    /// Rows written before restores re-sent lost revisions have none (false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    missing: bool,
}

fn known_of(r: KnownRow) -> Known {
    Known {
        rev: r.rev,
        ancestry: r.ancestry,
        content: r.content,
        missing: r.missing,
    }
}

/// The key of a document's row: the database first, so one database's rows are a range.
fn row_key(db: &str, doc: &str) -> String {
    format!("{db}\n{doc}")
}

fn meta_key(db: &str) -> String {
    format!("sync:{db}")
}

impl Store {
    /// What was last exchanged with `db`: per document, and the workflow's own record.
    pub async fn sync_rows<T: DeserializeOwned>(
        &self,
        db: &str,
    ) -> Result<(BTreeMap<String, Known>, Option<T>), StoreError> {
        let tx = self.db.transaction(vec![SYNC_KNOWN, META]).build()?;
        // Every key of this database starts with "<db>\n"; "\u{b}" is the next character.
        let range = KeyRange::Bound(format!("{db}\n"), false, format!("{db}\u{b}"), true);
        let rows: Vec<KnownRow> = tx
            .object_store(SYNC_KNOWN)?
            .get_all()
            .with_query::<String, _>(range)
            .serde()?
            .await?
            .collect::<Result<_, _>>()?;
        let mark: Option<T> = tx.object_store(META)?.get(meta_key(db)).serde()?.await?;
        let known = rows
            .into_iter()
            .map(|r| (r.doc.clone(), known_of(r)))
            .collect();
        Ok((known, mark))
    }

    /// What was last exchanged of these documents of `db` (absent ones left out).
    pub async fn known_rows(
        &self,
        db: &str,
        ids: &[String],
    ) -> Result<BTreeMap<String, Known>, StoreError> {
        let tx = self.db.transaction(SYNC_KNOWN).build()?;
        let rows = tx.object_store(SYNC_KNOWN)?;
        let mut out = BTreeMap::new();
        for id in ids {
            let row: Option<KnownRow> = rows.get(row_key(db, id)).serde()?.await?;
            if let Some(r) = row {
                out.insert(r.doc.clone(), known_of(r));
            }
        }
        Ok(out)
    }

    /// Records what a step of a sync exchanged, and `update`s the workflow's record, in one
    /// transaction: a sync cut off between two steps resumes from the last one recorded.
    pub async fn save_sync_rows<T: Serialize + DeserializeOwned>(
        &self,
        db: &str,
        known: Vec<(String, Known)>,
        update: impl FnOnce(Option<T>) -> Option<T>,
    ) -> Result<(), StoreError> {
        let tx = self.edit_tx(&[SYNC_KNOWN, META])?;
        let rows = tx.object_store(SYNC_KNOWN)?;
        for (doc, k) in known {
            let key = row_key(db, &doc);
            let row = KnownRow {
                doc,
                rev: k.rev,
                ancestry: k.ancestry,
                content: k.content,
                missing: k.missing,
            };
            rows.put(&row).with_key(key).without_key_type().serde()?;
        }
        let meta = tx.object_store(META)?;
        let before: Option<T> = meta.get(meta_key(db)).serde()?.await?;
        if let Some(after) = update(before) {
            put_meta(&meta, &meta_key(db), after)?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The `meta` key of the sync database's address the user entered.
const SERVER_KEY: &str = "sync_server";

impl Store {
    /// The workflow's record of `db` alone (the status a page shows), without its rows.
    pub async fn sync_mark<T: DeserializeOwned>(&self, db: &str) -> Result<Option<T>, StoreError> {
        self.get_meta(&meta_key(db)).await
    }

    /// The sync database's address, if the user entered one (a device setting: never
    /// exported, and no request leaves the device without it).
    pub async fn sync_server(&self) -> Result<Option<String>, StoreError> {
        self.get_meta(SERVER_KEY).await
    }

    /// Remembers (or, with `None`, forgets) the sync database's address.
    pub async fn save_sync_server(&self, db: Option<&str>) -> Result<(), StoreError> {
        let tx = self.edit_tx(&[META])?;
        let meta = tx.object_store(META)?;
        match db {
            Some(db) => put_meta(&meta, SERVER_KEY, db)?,
            None => {
                meta.delete(SERVER_KEY).build()?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}
