//! `navigator.storage`: ask the browser not to evict our data, and report usage.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/shell/storage_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = persist)]
    fn persist_js() -> js_sys::Promise;
    #[wasm_bindgen(js_name = persisted)]
    fn persisted_js() -> js_sys::Promise;
    #[wasm_bindgen(js_name = estimate)]
    fn estimate_js() -> js_sys::Promise;
}

async fn resolve(p: js_sys::Promise) -> JsValue {
    JsFuture::from(p).await.unwrap_or(JsValue::NULL)
}

/// Asks for persistent storage. `None` when the browser has no such API.
pub async fn request_persistence() -> Option<bool> {
    resolve(persist_js()).await.as_bool()
}

/// Whether storage is already persistent. `None` when the browser cannot say.
pub async fn is_persisted() -> Option<bool> {
    resolve(persisted_js()).await.as_bool()
}

/// Bytes used and the quota, as estimated by the browser.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub usage: f64,
    pub quota: f64,
}

/// The browser's estimate of usage and quota, if it gives one.
pub async fn estimate() -> Option<Estimate> {
    let value = resolve(estimate_js()).await;
    let pair = value.dyn_into::<js_sys::Array>().ok()?;
    Some(Estimate {
        usage: pair.get(0).as_f64()?,
        quota: pair.get(1).as_f64()?,
    })
}

/// A marker outside IndexedDB (localStorage) that this device has saved data before. If
/// the browser empties IndexedDB (eviction, "clear site data" for one storage type), the
/// marker lets the app say so instead of showing a blank first-run screen.
const MARKER_KEY: &str = "ntm-had-data";

fn local_storage() -> Option<web_sys::Storage> {
    // Private mode or storage disabled: detection is best effort.
    web_sys::window()?.local_storage().ok()?
}

/// Records, outside IndexedDB, that this device has saved data.
pub fn set_had_data_marker(device_id: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(MARKER_KEY, device_id);
    }
}

/// Whether this device has saved data before (per the marker outside IndexedDB).
pub fn had_data_marker() -> bool {
    local_storage()
        .and_then(|s| s.get_item(MARKER_KEY).ok().flatten())
        .is_some()
}
