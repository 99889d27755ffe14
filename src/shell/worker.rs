//! The app's worker (`src/bin/worker.rs`): a second wasm with what the first screen never
//! needs (writing XLSX and CSV; reading, checking, planning and committing imports), run
//! off the page's main thread.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/shell/worker_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = callWorker)]
    fn call_worker_js(
        kind: &str,
        file: &JsValue,
        json: &str,
        on_progress: Option<&js_sys::Function>,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = stopWorker)]
    fn stop_worker_js();
    #[wasm_bindgen(js_name = warmWorker)]
    fn warm_worker_js();
}

/// Why a request was not answered.
#[derive(Clone, Debug, PartialEq)]
pub enum CallError {
    /// [`stop`] was called while it ran.
    Stopped,
    Failed(String),
}

/// Sends a `kind` request (a JSON payload, and a picked file for imports). Progress
/// messages the worker sends on the way are handed to `on_progress` as their JSON text.
pub async fn call(
    kind: &str,
    file: Option<&JsValue>,
    json: &str,
    on_progress: Option<Box<dyn FnMut(String)>>,
) -> Result<JsValue, CallError> {
    let callback = on_progress.map(Closure::<dyn FnMut(String)>::wrap);
    let promise = call_worker_js(
        kind,
        file.unwrap_or(&JsValue::UNDEFINED),
        json,
        callback.as_ref().map(|c| c.as_ref().unchecked_ref()),
    );
    let result = wasm_bindgen_futures::JsFuture::from(promise).await;
    drop(callback);
    result.map_err(|e| {
        let message = js_sys::Error::from(e)
            .message()
            .as_string()
            .unwrap_or_else(|| "worker failed".into());
        if message == "ntm-worker-stopped" {
            CallError::Stopped
        } else {
            CallError::Failed(message)
        }
    })
}

/// Sends a request and returns the bytes the worker answers with.
pub async fn call_bytes(kind: &str, json: &str) -> Result<Vec<u8>, String> {
    match call(kind, None, json, None).await {
        Ok(v) => Ok(js_sys::Uint8Array::new(&v).to_vec()),
        Err(CallError::Stopped) => Err("stopped".into()),
        Err(CallError::Failed(e)) => Err(e),
    }
}

/// Stops the worker at once (cancelling what it is doing: requests running fail with
/// [`CallError::Stopped`]); the next request starts a new one.
pub fn stop() {
    stop_worker_js();
}

/// Starts the worker before it is needed, so that its wasm is ready when the user picks
/// a file.
pub fn warm() {
    warm_worker_js();
}
