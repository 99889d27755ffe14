//! The demo data set, written in one transaction.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;

use super::assessments::put_assessment;
use super::edits::bump_revision;
use super::rows::{RecordKind, Row};
use super::schema::store_names::{ALL_DATA, META};
use super::{Store, StoreError};
use crate::domain::sync::Stamp;

impl Store {
    /// Generates the demo data set under its own old stamp and writes it
    /// ([`Self::load_demo`]); gives its profile.
    pub async fn load_demo_set(&self) -> Result<crate::domain::profile::Profile, StoreError> {
        use crate::domain::demo::{generate, DEMO_SEED};
        use crate::domain::sync::Hlc;
        let stamp = Stamp {
            hlc: Hlc {
                wall_ms: 1_735_603_200_000,
                counter: 0,
            },
            device: "demo".into(),
            author: "Dữ liệu mẫu".into(),
        };
        let demo = generate(DEMO_SEED, &stamp);
        let profile = demo.profile.clone();
        self.load_demo(demo, stamp).await?;
        Ok(profile)
    }

    /// Writes the demo data set in one transaction (the database is expected to be empty:
    /// it is offered on the first-run screen). Demo rows carry the demo's own old stamp, so
    /// any real edit wins over them.
    pub async fn load_demo(
        &self,
        demo: crate::domain::demo::DemoData,
        stamp: Stamp,
    ) -> Result<(), StoreError> {
        fn put_rows<T: RecordKind>(
            tx: &Transaction<'_>,
            rows: Vec<(String, T)>,
            stamp: &Stamp,
        ) -> Result<(), StoreError> {
            let store = tx.object_store(T::STORE)?;
            for (id, data) in rows {
                let row = Row {
                    id,
                    parent_id: data.parent_id(),
                    data,
                    stamp: stamp.clone(),
                    archived: false,
                };
                store.put(&row).serde()?;
            }
            Ok(())
        }
        let tx = self.edit_tx(&ALL_DATA)?;
        put_rows(
            &tx,
            demo.units
                .into_iter()
                .map(|u| (u.unit_ref().key(), u))
                .collect(),
            &stamp,
        )?;
        put_rows(
            &tx,
            demo.products
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect(),
            &stamp,
        )?;
        put_rows(
            &tx,
            demo.ratings
                .into_iter()
                .map(|r| (r.id.clone(), r))
                .collect(),
            &stamp,
        )?;
        put_rows(
            &tx,
            demo.plans.into_iter().map(|p| (p.id.clone(), p)).collect(),
            &stamp,
        )?;
        let r = demo.results;
        put_rows(
            &tx,
            r.sets
                .into_iter()
                .map(|s| (s.set_id().to_string(), s))
                .collect(),
            &stamp,
        )?;
        put_rows(
            &tx,
            r.recognitions
                .into_iter()
                .map(|x| (x.id.clone(), x))
                .collect(),
            &stamp,
        )?;
        put_rows(
            &tx,
            r.quantities
                .into_iter()
                .map(|x| (x.id.clone(), x))
                .collect(),
            &stamp,
        )?;
        put_rows(
            &tx,
            r.resources.into_iter().map(|x| (x.id.clone(), x)).collect(),
            &stamp,
        )?;
        for a in demo.assessments.iter().chain(&r.assessments) {
            put_assessment(&tx, a)?;
        }
        let meta = tx.object_store(META)?;
        // The demo's villages are counted by its village set, as a commune official
        // would choose on the set's page.
        super::put_meta(
            &meta,
            super::meta_key::ADOPTED_SETS,
            vec![(
                crate::domain::criteria::SetLevel::ThonNtm,
                crate::domain::demo_results::DEMO_VILLAGE_SET.to_string(),
            )],
        )?;
        super::put_meta(&meta, super::meta_key::PROFILE, &demo.profile)?;
        super::put_meta(&meta, super::meta_key::FIRST_SAVE, js_sys::Date::now())?;
        bump_revision(&tx).await?;
        // Loaded whole, with no history entries: a sync builds every document next time.
        super::changes::note_unlogged(&tx).await?;
        tx.commit().await?;
        Ok(())
    }
}
