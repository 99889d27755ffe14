//! Exporting a file: select what the scope holds (only the changes since the last export
//! if asked) → build the file → compress → share or download → remember the export (the
//! backup reminder and "only changes" count from it).

use super::ports::{ExchangeStore, FileOut};
use crate::domain::merge::{self, ExportScope};
use crate::domain::sync::Hlc;
use crate::exchange::{self, signing, Sender};

/// What the user asked for on the export form.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub scope: ExportScope,
    /// The scope's name, for the file name ("Nậm Củm", a set's code).
    pub scope_name: String,
    /// Only edits after the last export.
    pub only_changes: bool,
    /// Write .json.gz.
    pub compress: bool,
    /// Offer the share sheet (Zalo, e-mail) instead of downloading.
    pub share: bool,
    pub sender: Sender,
    /// When the file is made (ms since the epoch).
    pub now_ms: f64,
}

/// How an export ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportOutcome {
    /// The file was downloaded or shared, under this name.
    Sent(String),
    /// The user closed the share sheet: nothing to say.
    Cancelled,
}

/// Exports as asked. The export is remembered only once the file is out; remembering it
/// may fail on a full disk (read-only mode), which does not turn a good export into an
/// error.
pub async fn export(
    store: &impl ExchangeStore,
    out: &impl FileOut,
    req: ExportRequest,
) -> Result<ExportOutcome, String> {
    let data = store.dataset().await.map_err(|e| e.to_string())?;
    let since = if req.only_changes {
        store.last_export_hlc().await.map_err(|e| e.to_string())?
    } else {
        None
    };
    let content = merge::select(&data, &req.scope, since);
    let mut file = exchange::build(
        content,
        req.sender.clone(),
        req.scope.clone(),
        since,
        env!("CARGO_PKG_VERSION"),
        req.now_ms as u64,
    );
    // Signed by this device (exchange::signing). A browser without WebCrypto (an
    // insecure page) sends the file unsigned rather than not at all: the receiver sees so.
    let message = signing::signed_bytes(&file.header, &file.hash);
    if let (Ok(key), Ok(value)) = (store.signing_key().await, store.sign(&message).await) {
        file.header.signature = Some(signing::Signature::new(&key, &value));
    }
    let text = exchange::to_json(&file);
    let date = exchange::rfc3339(req.now_ms as u64)
        .get(..10)
        .unwrap_or("")
        .replace('-', "");
    let file_name = exchange::file_name(
        req.scope.code(),
        &req.scope_name,
        &req.sender.name,
        &date,
        req.compress,
    );
    let bytes = if req.compress {
        out.gzip(&text).await?
    } else {
        text.into_bytes()
    };
    if req.share {
        if !out.share(&bytes, &file_name).await? {
            return Ok(ExportOutcome::Cancelled);
        }
    } else {
        out.download(&bytes, &file_name);
    }
    let _ = store.mark_exported(req.now_ms).await;
    // What a clock that ran ahead stamped did not go out (`merge::for_file`): "only changes"
    // next time counts from no later than what could.
    let went_out = Hlc {
        wall_ms: merge::future_limit(req.now_ms as u64),
        counter: 0,
    };
    if let Some(h) = data.max_hlc() {
        let _ = store.set_last_export_hlc(h.min(went_out)).await;
    }
    Ok(ExportOutcome::Sent(file_name))
}
