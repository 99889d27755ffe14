//! The app's worker: a second wasm built from this crate (trunk `data-type="worker"`),
//! holding work the first screen never needs so that it stays out of the first download
//! and off the page's main thread. Today it writes the downloads' tables as XLSX (a zip
//! and its compressor) or CSV. Its loader (written by scripts/post-build.mjs) calls
//! `handle` for each request the page sends through `shell::worker`.

#[cfg(target_arch = "wasm32")]
mod entry {
    use ntm::app::reports::SheetsFile;
    use wasm_bindgen::prelude::*;

    /// Answers one request: `kind` says what `payload` (JSON) is.
    #[wasm_bindgen]
    pub fn handle(kind: &str, payload: &str) -> Result<Vec<u8>, JsError> {
        match kind {
            "sheets" => {
                let file: SheetsFile = serde_json::from_str(payload)?;
                let done = file.write_here().map_err(|e| JsError::new(&e))?;
                Ok(done.bytes)
            }
            _ => Err(JsError::new(&format!("unknown request: {kind}"))),
        }
    }
}

fn main() {}
