//! An in-memory device for the workflows' native tests: the same merge planning and
//! applying as the IndexedDB store (`domain::merge`), a data revision, a clock, the export
//! marks and the import log. The IndexedDB store runs the same scenarios in
//! `tests/wasm_app.rs`, so the fake cannot drift from it unnoticed. Village merges chosen
//! in a preview are IndexedDB only (they are edits written by the store's edit code).

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};

use super::ports::{ExchangeStore, FileIn, FileOut};
use super::sets::SetStore;
use super::sync::{ChangePoint, Changes, SyncMark, SyncState, SyncStep, SyncStore};
use crate::domain::criteria::{CriteriaSet, SetLevel};
use crate::domain::merge::{self, Counts, Dataset};
use crate::domain::replication::Known;
use crate::domain::sync::{Hlc, HlcClock, Record, Stamp};
use crate::domain::units::Unit;
use crate::exchange::access::senders::{self, ImportRule};
use crate::exchange::signing::KnownSender;
use crate::exchange::{ImportRecord, Refusal};
use crate::store::{Author, ImportError, ImportPreview, StoreError};

/// A device's data held in memory, with a fixed clock reading.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub data: RefCell<Dataset>,
    /// Bumped by every change of data, as the store's revision is.
    pub revision: Cell<f64>,
    pub clock: Cell<Hlc>,
    /// What the device's clock reads (ms since the epoch).
    pub now_ms: Cell<u64>,
    pub last_export_at: Cell<Option<f64>>,
    pub last_export_hlc: Cell<Option<Hlc>>,
    pub log: RefCell<Vec<ImportRecord>>,
    /// Lineages counted for a level on this device.
    pub adopted: RefCell<Vec<(SetLevel, String)>>,
    /// What it last exchanged with each sync database.
    pub sync: RefCell<BTreeMap<String, SyncState>>,
    /// How many times everything was read (a steady sync reads only what changed).
    pub whole_reads: Cell<usize>,
    /// Writes of data without history entries (see `ChangePoint`).
    pub unlogged: Cell<u64>,
    /// Which signing key this device has (each in-memory device its own, made from a
    /// number given at first use; set it to give two devices the same key).
    pub key_seed: Cell<Option<u64>>,
    /// The senders' keys this device pinned, by device id.
    pub known_senders: RefCell<BTreeMap<String, KnownSender>>,
}

/// The next in-memory device's key number.
#[cfg(not(target_arch = "wasm32"))]
static NEXT_KEY: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

// Natively only (`p256` is a native dependency): the browser's tests sign with the store.
#[cfg(not(target_arch = "wasm32"))]
impl MemoryStore {
    /// The device's ECDSA P-256 key, as WebCrypto makes one in the browser.
    fn key(&self) -> p256::ecdsa::SigningKey {
        use sha2::{Digest, Sha256};
        let seed = self.key_seed.get().unwrap_or_else(|| {
            let n = NEXT_KEY.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.key_seed.set(Some(n));
            n
        });
        let secret = Sha256::digest(format!("ntm-memory-device-{seed}").as_bytes());
        p256::ecdsa::SigningKey::from_slice(&secret).expect("a valid scalar")
    }
}

impl MemoryStore {
    pub fn new(data: Dataset, now_ms: u64) -> Self {
        let s = Self {
            data: RefCell::new(data),
            ..Self::default()
        };
        s.now_ms.set(now_ms);
        s
    }

    /// The stamp of an edit made now by `author`.
    fn stamp(&self, author: &Author) -> Stamp {
        let mut clock = HlcClock::new(self.clock.get());
        let hlc = clock.tick(self.now_ms.get());
        self.clock.set(hlc);
        Stamp {
            hlc,
            device: author.device.clone(),
            author: author.name.clone(),
        }
    }

    /// Writes a record as an edit does (the history is the IndexedDB store's).
    fn put<T>(&self, records: &mut Vec<Record<T>>, id: String, data: T, author: &Author) {
        let record = Record {
            id,
            data,
            stamp: self.stamp(author),
            archived: false,
        };
        match records.iter_mut().find(|r| r.id == record.id) {
            Some(old) => *old = record,
            None => records.push(record),
        }
        self.touch();
    }

    /// A change made elsewhere (another tab, an edit): previews made before it are stale.
    pub fn touch(&self) {
        self.revision.set(self.revision.get() + 1.0);
    }
}

impl SetStore for MemoryStore {
    async fn save_set(&self, set: CriteriaSet, author: &Author) -> Result<(), StoreError> {
        let id = set.set_id().to_string();
        self.put(&mut self.data.borrow_mut().sets, id, set, author);
        Ok(())
    }

    async fn save_unit(&self, unit: Unit, author: &Author) -> Result<(), StoreError> {
        let key = unit.unit_ref().key();
        self.put(&mut self.data.borrow_mut().units, key, unit, author);
        Ok(())
    }

    async fn set_adopted(
        &self,
        level: SetLevel,
        lineage: &str,
        on: bool,
    ) -> Result<(), StoreError> {
        let mut adopted = self.adopted.borrow_mut();
        adopted.retain(|(l, id)| !(*l == level && id == lineage));
        if on {
            adopted.push((level, lineage.to_string()));
        }
        Ok(())
    }
}

impl ExchangeStore for MemoryStore {
    async fn dataset(&self) -> Result<Dataset, StoreError> {
        self.whole_reads.set(self.whole_reads.get() + 1);
        Ok(self.data.borrow().clone())
    }

    async fn preview_import(
        &self,
        incoming: &Dataset,
        rule: &ImportRule,
    ) -> Result<ImportPreview, StoreError> {
        let local = self.data.borrow();
        let plans = senders::plan_import(&local, incoming, self.now_ms.get(), rule);
        Ok(ImportPreview::new(plans, self.revision.get()))
    }

    async fn import(
        &self,
        preview: &ImportPreview,
        mut record: ImportRecord,
        merges: &[(String, String)],
        _author: &Author,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Counts, ImportError> {
        if preview.revision != self.revision.get() {
            return Err(ImportError::ChangedSincePreview);
        }
        if !merges.is_empty() {
            return Err(ImportError::Store(StoreError::Other(
                "village merges are written by the IndexedDB store only".into(),
            )));
        }
        let plan = &preview.plan;
        merge::apply(&mut self.data.borrow_mut(), plan);
        progress(plan.writes.len(), plan.writes.len());
        if let Some(remote) = plan.max_hlc {
            let mut clock = HlcClock::new(self.clock.get());
            self.clock.set(clock.observe(remote, self.now_ms.get()));
        }
        record.counts = plan.counts;
        self.log.borrow_mut().push(record);
        if !plan.is_noop() {
            self.touch();
            if plan.unlogged {
                self.unlogged.set(self.unlogged.get() + 1);
            }
        }
        Ok(plan.counts)
    }

    async fn last_export_hlc(&self) -> Result<Option<Hlc>, StoreError> {
        Ok(self.last_export_hlc.get())
    }

    async fn set_last_export_hlc(&self, hlc: Hlc) -> Result<(), StoreError> {
        self.last_export_hlc.set(Some(hlc));
        Ok(())
    }

    async fn mark_exported(&self, at_ms: f64) -> Result<(), StoreError> {
        self.last_export_at.set(Some(at_ms));
        Ok(())
    }

    #[cfg(not(target_arch = "wasm32"))]
    async fn signing_key(&self) -> Result<Vec<u8>, StoreError> {
        let public = self.key().verifying_key().to_encoded_point(false);
        Ok(public.as_bytes().to_vec())
    }

    #[cfg(not(target_arch = "wasm32"))]
    async fn sign(&self, message: &[u8]) -> Result<Vec<u8>, StoreError> {
        use p256::ecdsa::signature::Signer;
        let signature: p256::ecdsa::Signature = self.key().sign(message);
        Ok(signature.to_bytes().to_vec())
    }

    #[cfg(not(target_arch = "wasm32"))]
    async fn verify(&self, key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        verify_p256(key, message, signature)
    }

    #[cfg(target_arch = "wasm32")]
    async fn signing_key(&self) -> Result<Vec<u8>, StoreError> {
        Err(StoreError::Other(
            "no key on an in-memory device in the browser".into(),
        ))
    }

    #[cfg(target_arch = "wasm32")]
    async fn sign(&self, _: &[u8]) -> Result<Vec<u8>, StoreError> {
        Err(StoreError::Other(
            "no key on an in-memory device in the browser".into(),
        ))
    }

    #[cfg(target_arch = "wasm32")]
    async fn verify(&self, _: &[u8], _: &[u8], _: &[u8]) -> bool {
        false
    }

    async fn known_sender(&self, device: &str) -> Result<Option<KnownSender>, StoreError> {
        Ok(self.known_senders.borrow().get(device).cloned())
    }

    async fn pin_sender(&self, sender: &KnownSender) -> Result<(), StoreError> {
        self.known_senders
            .borrow_mut()
            .entry(sender.device.clone())
            .or_insert_with(|| sender.clone());
        Ok(())
    }
}

/// An ECDSA P-256 / SHA-256 signature check (raw public key, r‖s), as WebCrypto's.
#[cfg(not(target_arch = "wasm32"))]
pub fn verify_p256(key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    use p256::ecdsa::signature::Verifier;
    let Ok(key) = p256::ecdsa::VerifyingKey::from_sec1_bytes(key) else {
        return false;
    };
    let Ok(signature) = p256::ecdsa::Signature::from_slice(signature) else {
        return false;
    };
    key.verify(message, &signature).is_ok()
}

impl SyncStore for MemoryStore {
    async fn sync_state(&self, db: &str) -> Result<SyncState, StoreError> {
        Ok(self.sync.borrow().get(db).cloned().unwrap_or_default())
    }

    async fn save_sync(&self, db: &str, step: SyncStep) -> Result<(), StoreError> {
        let mut all = self.sync.borrow_mut();
        let state = all.entry(db.to_string()).or_default();
        let before = SyncMark {
            since: std::mem::take(&mut state.since),
            closings: std::mem::take(&mut state.closings),
            last: state.last.take(),
            pushed: state.pushed,
            pending: std::mem::take(&mut state.pending),
            unmerged: std::mem::take(&mut state.unmerged),
        };
        let (known, after) = step.apply(before);
        state.known.extend(known);
        (state.since, state.closings, state.last) = (after.since, after.closings, after.last);
        (state.pushed, state.pending) = (after.pushed, after.pending);
        state.unmerged = after.unmerged;
        Ok(())
    }

    async fn known_of(
        &self,
        db: &str,
        ids: &[String],
    ) -> Result<BTreeMap<String, Known>, StoreError> {
        let all = self.sync.borrow();
        let known = all.get(db).map(|s| &s.known);
        Ok(ids
            .iter()
            .filter_map(|id| Some((id.clone(), known?.get(id)?.clone())))
            .collect())
    }

    async fn known_all(&self, db: &str) -> Result<BTreeMap<String, Known>, StoreError> {
        Ok(self
            .sync
            .borrow()
            .get(db)
            .map(|s| s.known.clone())
            .unwrap_or_default())
    }

    /// The change log is the history, in the order entries were added (edits and imports
    /// append): its point is how many there are.
    async fn change_point(&self) -> Result<ChangePoint, StoreError> {
        Ok(ChangePoint {
            log: self.data.borrow().history.len() as u64,
            unlogged: self.unlogged.get(),
        })
    }

    async fn changed_since(
        &self,
        after: u64,
        also: &BTreeSet<String>,
    ) -> Result<Changes, StoreError> {
        let data = self.data.borrow();
        let mut keys: BTreeSet<String> = data
            .history
            .iter()
            .skip(after as usize)
            .map(|h| h.record_key.clone())
            .collect();
        keys.extend(also.iter().cloned());
        Ok(Changes {
            data: merge::restrict(&data, &keys),
            keys,
            upto: ChangePoint {
                log: data.history.len() as u64,
                unlogged: self.unlogged.get(),
            },
        })
    }
}

/// A picked file held in memory (already decompressed).
#[derive(Clone, Debug)]
pub struct MemoryFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl FileIn for MemoryFile {
    fn name(&self) -> String {
        self.name.clone()
    }

    async fn bytes(&self, max: usize) -> Result<Vec<u8>, Result<Refusal, String>> {
        if self.bytes.len() > max {
            return Err(Ok(Refusal::TooLarge {
                bytes: self.bytes.len(),
            }));
        }
        Ok(self.bytes.clone())
    }
}

/// Where exported files land in tests: every file written, and whether the share sheet
/// is closed without sending.
#[derive(Debug, Default)]
pub struct MemoryOut {
    pub files: RefCell<Vec<(String, Vec<u8>)>>,
    pub share_closed: Cell<bool>,
}

impl FileOut for MemoryOut {
    async fn gzip(&self, _text: &str) -> Result<Vec<u8>, String> {
        Err("gzip is the browser's (CompressionStream)".into())
    }

    async fn share(&self, bytes: &[u8], name: &str) -> Result<bool, String> {
        if self.share_closed.get() {
            return Ok(false);
        }
        self.download(bytes, name);
        Ok(true)
    }

    fn download(&self, bytes: &[u8], name: &str) {
        self.files
            .borrow_mut()
            .push((name.to_string(), bytes.to_vec()));
    }
}
