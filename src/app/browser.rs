//! The browser's side of [`super::ports`]: the IndexedDB store, the picked file and the
//! share sheet / download, the report worker, and the performance entries of an import's
//! steps. The sync's browser side is in [`couch`].

pub mod couch;

use super::import::{
    ConfirmRequest, ImportState, ImportStep, Progress, ReceiveError, ReceiveRequest, Received,
};
use super::ports::{ExchangeStore, FileIn, FileOut, SheetWriter};
use super::reports::SheetsFile;
use super::sets::SetStore;
use crate::domain::criteria::{CriteriaSet, SetLevel};
use crate::domain::merge::{Conflict, Counts, Dataset, Line};
use crate::domain::sync::Hlc;
use crate::domain::units::Unit;
use crate::exchange::access::senders::ImportRule;
use crate::exchange::signing::KnownSender;
use crate::exchange::{ImportRecord, Refusal};
use crate::shell::worker::CallError;
use crate::shell::{self, files};
use crate::store::{Author, ImportError, ImportPreview, Store, StoreError};

impl ExchangeStore for Store {
    async fn dataset(&self) -> Result<Dataset, StoreError> {
        Store::dataset(self).await
    }

    async fn preview_import(
        &self,
        incoming: &Dataset,
        rule: &ImportRule,
    ) -> Result<ImportPreview, StoreError> {
        Store::preview_import(self, incoming, rule).await
    }

    async fn import(
        &self,
        preview: &ImportPreview,
        record: ImportRecord,
        merges: &[(String, String)],
        author: &Author,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Counts, ImportError> {
        Store::import(self, preview, record, merges, author, progress).await
    }

    async fn last_export_hlc(&self) -> Result<Option<Hlc>, StoreError> {
        Store::last_export_hlc(self).await
    }

    async fn signing_key(&self) -> Result<Vec<u8>, StoreError> {
        Store::signing_key(self).await
    }

    async fn sign(&self, message: &[u8]) -> Result<Vec<u8>, StoreError> {
        Store::sign(self, message).await
    }

    async fn verify(&self, key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        crate::shell::crypto::verify(key, message, signature).await
    }

    async fn known_sender(&self, device: &str) -> Result<Option<KnownSender>, StoreError> {
        Ok(Store::known_senders(self).await?.remove(device))
    }

    async fn pin_sender(&self, sender: &KnownSender) -> Result<(), StoreError> {
        Store::pin_sender(self, sender).await
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

/// Imports run in the app's worker (`src/bin/worker.rs`): the page hands it the picked
/// file and gets progress and what the preview shows; the worker keeps the parsed file and
/// the plan until "Nhập vào máy" or "Huỷ". Reading, checking and planning a national file
/// never block the page.
pub struct WorkerImport;

impl WorkerImport {
    /// Reads, checks and plans `file` (see `import::open`). `Idle` if cancelled.
    pub async fn open(
        file: &files::PickedFile,
        progress: impl FnMut(Progress) + 'static,
    ) -> ImportState {
        ask(
            "import-open",
            Some(file.as_value()),
            String::new(),
            progress,
        )
        .await
    }

    /// Commits the previewed file (see `import::confirm`).
    pub async fn confirm(
        request: &ConfirmRequest,
        progress: impl FnMut(Progress) + 'static,
    ) -> ImportState {
        match serde_json::to_string(request) {
            Ok(json) => ask("import-confirm", None, json, progress).await,
            Err(e) => ImportState::Failed(StoreError::Other(e.to_string())),
        }
    }

    /// Cancels reading, checking or planning: stops the worker (nothing is written before
    /// the commit; the next request starts a new one).
    pub fn cancel() {
        shell::worker::stop();
    }

    /// The previewed file's first lines of the unit with key `unit` (the preview filtered
    /// by it); `None` if the worker no longer holds the preview.
    pub async fn lines(unit: &str) -> Option<Vec<Line>> {
        ask_json("import-lines", None, unit, None).await.ok()?
    }

    /// The open conflicts (`Store::conflicts`), worked out in the worker: they need every
    /// value and its history, which the page never loads.
    /// A worker stopped meanwhile (an import cancelled) is asked again: a new one starts.
    pub async fn conflicts() -> Result<Vec<Conflict>, StoreError> {
        let mut answer = ask_json("conflicts", None, "", None).await;
        if let Err(CallError::Stopped) = answer {
            answer = ask_json("conflicts", None, "", None).await;
        }
        answer.unwrap_or_else(|e| Err(StoreError::Other(said(e))))
    }

    /// Forgets the previewed file ("Huỷ" on the preview), freeing the worker's memory.
    pub async fn forget() {
        let _ = shell::worker::call("import-forget", None, "", None).await;
    }

    /// Starts the worker, so that it is ready when a file is picked.
    pub fn warm() {
        shell::worker::warm();
    }

    /// First run's "Nhận tệp từ xã" (see `import::receive`), in the worker.
    pub async fn receive(
        file: &files::PickedFile,
        request: &ReceiveRequest,
    ) -> Result<Received, ReceiveError> {
        let failed = |e: String| ReceiveError::Store(StoreError::Other(e));
        let json = serde_json::to_string(request).map_err(|e| failed(e.to_string()))?;
        ask_json("import-receive", Some(file.as_value()), &json, None)
            .await
            .unwrap_or_else(|e| Err(failed(said(e))))
    }
}

/// Sends an import request to the worker; its answer is an [`ImportState`].
async fn ask(
    kind: &str,
    file: Option<&wasm_bindgen::JsValue>,
    json: String,
    mut progress: impl FnMut(Progress) + 'static,
) -> ImportState {
    let on_progress = Box::new(move |text: String| {
        if let Ok(p) = serde_json::from_str::<Progress>(&text) {
            progress(p);
        }
    });
    match ask_json(kind, file, &json, Some(on_progress)).await {
        Ok(state) => state,
        Err(CallError::Stopped) => ImportState::Idle,
        Err(CallError::Failed(e)) => ImportState::Failed(StoreError::Other(e)),
    }
}

/// Sends a request to the worker (`shell::worker::call`) whose answer is `T` as JSON text;
/// an answer that does not read as one is a failure.
async fn ask_json<T: serde::de::DeserializeOwned>(
    kind: &str,
    file: Option<&wasm_bindgen::JsValue>,
    json: &str,
    on_progress: Option<Box<dyn FnMut(String)>>,
) -> Result<T, CallError> {
    let answer = shell::worker::call(kind, file, json, on_progress).await?;
    answer
        .as_string()
        .and_then(|t| serde_json::from_str(&t).ok())
        .ok_or_else(|| CallError::Failed("unreadable answer from the worker".into()))
}

/// Why the worker did not answer, in words.
fn said(e: CallError) -> String {
    match e {
        CallError::Stopped => "stopped".into(),
        CallError::Failed(e) => e,
    }
}

/// Records one performance entry per import step (the benchmarks read them): each step's
/// entry ends when the next starts, the last when this is dropped.
#[derive(Default)]
pub struct StepTimings(Option<(ImportStep, shell::Timing)>);

impl StepTimings {
    /// Starts the entry of `step`, unless it is the one running.
    pub fn step(&mut self, step: ImportStep) {
        if self.0.as_ref().is_some_and(|(s, _)| *s == step) {
            return;
        }
        self.0 = None;
        self.0 = Some((step, shell::Timing::start(step.timing_name())));
    }
}
