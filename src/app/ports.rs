//! What the workflows need from the outside world, as small traits: the browser's
//! implementations are in `app::browser`, the tests' in [`super::memory`].

use crate::domain::merge::{Counts, Dataset};
use crate::domain::sync::Hlc;
use crate::exchange::access::senders::ImportRule;
use crate::exchange::signing::KnownSender;
use crate::exchange::{ImportRecord, Refusal};
use crate::store::{Author, ImportError, ImportPreview, StoreError};

// The app runs on one thread (wasm): the futures of these traits need not be `Send`.
#[allow(async_fn_in_trait)]
/// The data a device holds, as far as exchanging files is concerned.
pub trait ExchangeStore {
    /// Everything on the device, as one consistent snapshot.
    async fn dataset(&self) -> Result<Dataset, StoreError>;
    /// What importing `incoming` would do now. Writes nothing.
    async fn preview_import(
        &self,
        incoming: &Dataset,
        rule: &ImportRule,
    ) -> Result<ImportPreview, StoreError>;
    /// Writes a confirmed preview all at once, or nothing if the data changed since,
    /// telling `progress(done, total)` in rows as it writes.
    async fn import(
        &self,
        preview: &ImportPreview,
        record: ImportRecord,
        merges: &[(String, String)],
        author: &Author,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Counts, ImportError>;
    /// The clock reading the last export covered up to.
    async fn last_export_hlc(&self) -> Result<Option<Hlc>, StoreError>;
    async fn set_last_export_hlc(&self, hlc: Hlc) -> Result<(), StoreError>;
    /// Remembers when data was last exported (the backup reminder counts from it).
    async fn mark_exported(&self, at_ms: f64) -> Result<(), StoreError>;
    /// This device's public signing key (raw P-256; made at first use and kept, its private
    /// half never leaving the device), and its signature of `message`
    /// (`exchange::signing`).
    async fn signing_key(&self) -> Result<Vec<u8>, StoreError>;
    async fn sign(&self, message: &[u8]) -> Result<Vec<u8>, StoreError>;
    /// Whether `signature` is `key`'s over `message` (false for anything malformed).
    async fn verify(&self, key: &[u8], message: &[u8], signature: &[u8]) -> bool;
    /// The key and claims this device pinned for a sending device, if it met it before.
    async fn known_sender(&self, device: &str) -> Result<Option<KnownSender>, StoreError>;
    /// Pins a sender's key (the first signed file imported from its device).
    async fn pin_sender(&self, sender: &KnownSender) -> Result<(), StoreError>;
}

#[allow(async_fn_in_trait)]
/// A file the user picked or dropped.
pub trait FileIn {
    fn name(&self) -> String;
    /// Its bytes, decompressed if gzip, refused above `max` bytes (as a file refusal:
    /// too large, bad compression) or failing for another reason (`Err(Err(text))`).
    async fn bytes(&self, max: usize) -> Result<Vec<u8>, Result<Refusal, String>>;
}

#[allow(async_fn_in_trait)]
/// Where an exported file goes.
pub trait FileOut {
    async fn gzip(&self, text: &str) -> Result<Vec<u8>, String>;
    /// Offers the file to the share sheet; `Ok(false)` when the user closed it.
    async fn share(&self, bytes: &[u8], name: &str) -> Result<bool, String>;
    fn download(&self, bytes: &[u8], name: &str);
}

#[allow(async_fn_in_trait)]
/// Writes a download's tables as bytes (XLSX or CSV): in the browser, the report worker.
pub trait SheetWriter {
    async fn write(&self, file: &super::reports::SheetsFile) -> Result<Vec<u8>, String>;
}
