//! The device clock against wrong dates: what the app tells the user at start, and the
//! repair of a clock that ran ahead (`domain::merge::clock` says why stamps from the
//! future are refused in files).

use indexed_db_futures::prelude::*;

use super::edits::{add_history, apply_history_value, next_stamp, META_HLC};
use super::exchange::read_dataset;
use super::schema::store_names::{ALL_DATA, META};
use super::Author;
use super::{meta_key, Store, StoreError};
use crate::domain::merge::{future_limit, future_values};
use crate::domain::sync::{Hlc, HlcClock};

impl Store {
    /// The device clock's last reading (the latest stamp it gave or took in).
    pub async fn clock(&self) -> Result<Hlc, StoreError> {
        Ok(self.get_meta::<Hlc>(META_HLC).await?.unwrap_or_default())
    }

    /// Repairs a clock that ran ahead of `now_ms` (this phone's date was wrong, or it took
    /// in a file from such a phone before those were refused): sets the clock back, and
    /// stamps anew, as edits of this device, every value stamped in the future — the same
    /// value, its history kept, each new edit made knowing the old one — so they travel
    /// and no longer win over every later edit. One transaction; returns how many values.
    pub async fn repair_clock(&self, now_ms: u64, author: &Author) -> Result<usize, StoreError> {
        let tx = self.edit_tx(&ALL_DATA)?;
        let data = read_dataset(&tx).await?;
        let meta = tx.object_store(META)?;
        let last: Option<Hlc> = meta.get(META_HLC).serde()?.await?;
        let mut clock = HlcClock::new(last.unwrap_or_default());
        clock.reset_to(now_ms);
        super::put_meta(&meta, META_HLC, clock.last())?;
        // "Only changes since the last export" counts from the clock: one that ran ahead
        // would leave out every edit until its date came round, these re-stamped ones too.
        let exported: Option<Hlc> = meta.get(meta_key::LAST_EXPORT_HLC).serde()?.await?;
        if exported.is_some_and(|h| h > clock.last()) {
            super::put_meta(&meta, meta_key::LAST_EXPORT_HLC, clock.last())?;
        }
        let future = future_values(&data, future_limit(now_ms));
        for (target, value) in &future {
            let stamp = next_stamp(&tx, author).await?;
            let entry = apply_history_value(&tx, target, Some(value), stamp).await?;
            add_history(&tx, &entry, false).await?;
        }
        super::edits::bump_revision(&tx).await?;
        tx.commit().await?;
        Ok(future.len())
    }
}
