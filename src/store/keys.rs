//! The device's signing key and the senders' keys it pinned (issue 31;
//! `exchange::signing` says what is signed). The key pair is a WebCrypto `CryptoKeyPair`
//! kept as it is in the `meta` store (IndexedDB stores such keys without their private
//! half ever being readable); the pinned keys are one map in `meta`, by device id.

use std::collections::BTreeMap;

use indexed_db_futures::prelude::*;
use wasm_bindgen::JsValue;

use super::schema::store_names::META;
use super::{put_meta, Store, StoreError};
use crate::exchange::signing::KnownSender;
use crate::shell::crypto;

const DEVICE_KEY: &str = "device_key";
const KNOWN_SENDERS: &str = "known_senders";

impl Store {
    /// The device's key pair, made at first use. Two tabs may race: whichever stores its
    /// pair first wins, and both use that one.
    async fn key_pair(&self) -> Result<JsValue, StoreError> {
        if let Some(pair) = self.stored_key_pair().await? {
            return Ok(pair);
        }
        // Made before the transaction: a transaction ends at an await of something else.
        let fresh = crypto::make_key_pair().await.map_err(StoreError::Other)?;
        let tx = self.edit_tx(&[META])?;
        let meta = tx.object_store(META)?;
        let existing: Option<JsValue> = meta.get(DEVICE_KEY).primitive()?.await?;
        let pair = match existing.filter(crypto::is_key_pair) {
            Some(pair) => pair,
            None => {
                meta.put(fresh.clone())
                    .with_key(DEVICE_KEY)
                    .without_key_type()
                    .primitive()?;
                fresh
            }
        };
        tx.commit().await?;
        Ok(pair)
    }

    async fn stored_key_pair(&self) -> Result<Option<JsValue>, StoreError> {
        let tx = self.db.transaction(META).build()?;
        let meta = tx.object_store(META)?;
        let v: Option<JsValue> = meta.get(DEVICE_KEY).primitive()?.await?;
        Ok(v.filter(crypto::is_key_pair))
    }

    /// This device's public key (raw P-256, 65 bytes).
    pub async fn signing_key(&self) -> Result<Vec<u8>, StoreError> {
        let pair = self.key_pair().await?;
        crypto::public_raw(&pair).await.map_err(StoreError::Other)
    }

    /// This device's signature of `message`.
    pub async fn sign(&self, message: &[u8]) -> Result<Vec<u8>, StoreError> {
        let pair = self.key_pair().await?;
        crypto::sign(&pair, message)
            .await
            .map_err(StoreError::Other)
    }

    /// The senders' keys pinned on this device.
    pub async fn known_senders(&self) -> Result<BTreeMap<String, KnownSender>, StoreError> {
        Ok(self.get_meta(KNOWN_SENDERS).await?.unwrap_or_default())
    }

    /// Pins a sender's key, unless its device has one pinned already (the first stays).
    pub async fn pin_sender(&self, sender: &KnownSender) -> Result<(), StoreError> {
        let tx = self.edit_tx(&[META])?;
        let meta = tx.object_store(META)?;
        let mut known: BTreeMap<String, KnownSender> =
            meta.get(KNOWN_SENDERS).serde()?.await?.unwrap_or_default();
        if !known.contains_key(&sender.device) {
            known.insert(sender.device.clone(), sender.clone());
            put_meta(&meta, KNOWN_SENDERS, &known)?;
        }
        tx.commit().await?;
        Ok(())
    }
}
