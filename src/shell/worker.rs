//! The app's worker (`src/bin/worker.rs`): a second wasm with what the first screen never
//! needs (today: writing XLSX and CSV), run off the page's main thread.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/shell/worker_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = callWorker)]
    fn call_worker_js(kind: &str, payload: &str) -> js_sys::Promise;
}

/// Sends a `kind` request with a JSON payload; the worker answers with bytes.
pub async fn call_bytes(kind: &str, payload: &str) -> Result<Vec<u8>, String> {
    let result = wasm_bindgen_futures::JsFuture::from(call_worker_js(kind, payload))
        .await
        .map_err(|e| {
            js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_else(|| "worker failed".into())
        })?;
    Ok(js_sys::Uint8Array::new(&result).to_vec())
}
