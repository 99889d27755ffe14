//! The browser's side of [`super::ports`]: the IndexedDB store, the picked file and the
//! share sheet / download, the report worker, and the performance entries of an import's
//! steps.

use super::import::ImportStep;
use super::ports::{ExchangeStore, FileIn, FileOut, SheetWriter};
use super::reports::SheetsFile;
use super::sets::SetStore;
use crate::domain::criteria::{CriteriaSet, SetLevel};
use crate::domain::merge::{Counts, Dataset};
use crate::domain::sync::Hlc;
use crate::domain::units::Unit;
use crate::exchange::{ImportRecord, Refusal};
use crate::shell::{self, files};
use crate::store::{Author, ImportError, ImportPreview, Store, StoreError};

impl ExchangeStore for Store {
    async fn dataset(&self) -> Result<Dataset, StoreError> {
        Store::dataset(self).await
    }

    async fn preview_import(&self, incoming: &Dataset) -> Result<ImportPreview, StoreError> {
        Store::preview_import(self, incoming).await
    }

    async fn import(
        &self,
        preview: &ImportPreview,
        record: ImportRecord,
        merges: &[(String, String)],
        author: &Author,
    ) -> Result<Counts, ImportError> {
        Store::import(self, preview, record, merges, author).await
    }

    async fn last_export_hlc(&self) -> Result<Option<Hlc>, StoreError> {
        Store::last_export_hlc(self).await
    }

    async fn set_last_export_hlc(&self, hlc: Hlc) -> Result<(), StoreError> {
        Store::set_last_export_hlc(self, hlc).await
    }

    async fn mark_exported(&self, at_ms: f64) -> Result<(), StoreError> {
        Store::mark_exported(self, at_ms).await
    }
}

impl SetStore for Store {
    async fn save_set(&self, set: CriteriaSet, author: &Author) -> Result<(), StoreError> {
        let id = set.set_id().to_string();
        self.save_record(&id, set, false, author).await.map(|_| ())
    }

    async fn save_unit(&self, unit: Unit, author: &Author) -> Result<(), StoreError> {
        let key = unit.unit_ref().key();
        self.save_record(&key, unit, false, author)
            .await
            .map(|_| ())
    }

    async fn set_adopted(
        &self,
        level: SetLevel,
        lineage: &str,
        on: bool,
    ) -> Result<(), StoreError> {
        Store::set_adopted(self, level, lineage, on).await
    }
}

impl FileIn for files::PickedFile {
    fn name(&self) -> String {
        files::PickedFile::name(self)
    }

    async fn bytes(&self, max: usize) -> Result<Vec<u8>, Result<Refusal, String>> {
        files::read_bytes(self, max).await.map_err(|e| match e {
            files::ReadError::TooLarge(bytes) => Ok(Refusal::TooLarge { bytes }),
            files::ReadError::BadGzip => Ok(Refusal::BadCompression),
            files::ReadError::Other(e) => Err(e),
        })
    }
}

/// Files go out through the share sheet or a download.
pub struct BrowserOut;

/// Tables written by the report worker (`src/bin/worker.rs`), off the page's thread and
/// out of the first download; started on the first download.
pub struct WorkerSheets;

impl SheetWriter for WorkerSheets {
    async fn write(&self, file: &SheetsFile) -> Result<Vec<u8>, String> {
        let request = serde_json::to_string(file).map_err(|e| e.to_string())?;
        shell::worker::call_bytes("sheets", &request).await
    }
}

impl FileOut for BrowserOut {
    async fn gzip(&self, text: &str) -> Result<Vec<u8>, String> {
        files::gzip(text).await
    }

    async fn share(&self, bytes: &[u8], name: &str) -> Result<bool, String> {
        files::share(bytes, name, "Sổ NTM").await
    }

    fn download(&self, bytes: &[u8], name: &str) {
        files::download(bytes, name);
    }
}

/// Records one performance entry per import step (the benchmarks read them): each step's
/// entry ends when the next starts, the last when this is dropped.
#[derive(Default)]
pub struct StepTimings(Option<shell::Timing>);

impl StepTimings {
    pub fn step(&mut self, step: ImportStep) {
        self.0 = None;
        self.0 = Some(shell::Timing::start(step.timing_name()));
    }
}
