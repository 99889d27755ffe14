//! Thin bindings to browser APIs the app needs beyond the DOM. Each Rust file binds one
//! small JS module beside it; no rules live here, only calls and type conversion.

pub mod couch;
pub mod crypto;
pub mod echarts;
pub mod files;
pub mod pwa;
pub mod storage;
pub mod worker;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/shell/ids_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = randomId)]
    fn random_id_js() -> String;
    #[wasm_bindgen(js_name = localParts)]
    fn local_parts_js(ms: f64) -> Vec<u32>;
}

/// Today's date in the device's time zone.
pub fn today() -> Option<chrono::NaiveDate> {
    match local_parts_js(js_sys::Date::now()).as_slice() {
        [y, m, d, ..] => chrono::NaiveDate::from_ymd_opt(*y as i32, *m, *d),
        _ => None,
    }
}

#[wasm_bindgen(module = "/src/shell/fetch_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = fetchText)]
    fn fetch_text_js(path: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = basePath)]
    fn base_path_js() -> String;
}

/// The path the app is served under ("" at the root, "/ntm" under a sub-path): the
/// router's base, so that routes and links follow the build's public URL.
pub fn base_path() -> String {
    base_path_js()
}

/// Fetches a file of our own site as text.
pub async fn fetch_text(path: &str) -> Result<String, String> {
    wasm_bindgen_futures::JsFuture::from(fetch_text_js(path))
        .await
        .map_err(|e| format!("{e:?}"))?
        .as_string()
        .ok_or_else(|| format!("{path}: not text"))
}

/// A random 128-bit id in UUID form, from the browser's CSPRNG.
pub fn random_id() -> String {
    random_id_js()
}

/// A short random id ("k" and 12 hex digits, 48 random bits) for criteria and
/// indicators added to a set: unique within a set's lineage, short enough for codes.
pub fn short_id() -> String {
    let hex: String = random_id_js()
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(12)
        .collect();
    format!("k{hex}")
}

/// A `performance.measure` entry named `name`, from `start` until dropped: how the
/// benchmarks (scripts/bench-import.mjs) time the steps of an import and the dashboard
/// from outside the page. Costs two calls into the browser.
/// Waits `ms` milliseconds (a timer of the page).
pub async fn sleep_ms(ms: i32) {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}

/// Records a performance mark (the benchmarks wait for marks such as
/// "ntm-workspace-ready": the data the pages read is current).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

pub struct Timing(&'static str);

impl Timing {
    pub fn start(name: &'static str) -> Self {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(&format!("{name}-start"));
        }
        Self(name)
    }
}

impl Drop for Timing {
    fn drop(&mut self) {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.measure_with_start_mark(self.0, &format!("{}-start", self.0));
        }
    }
}

/// Scrolls the page just enough that the bottom of `el` shows, if it is below the screen
/// (a card that appears under the fold on a phone, such as an import's progress).
pub fn reveal(el: &web_sys::Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    if el.get_bounding_client_rect().bottom() > height {
        el.scroll_into_view_with_bool(false);
    }
}

/// Resolves on a later turn of the event loop (a zero timer, in a page or a worker), so
/// that a long piece of work done in slices lets taps and drawing in between.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let set_timeout = js_sys::Reflect::get(&js_sys::global(), &"setTimeout".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match set_timeout {
            Some(f) => {
                let _ = f.call2(&JsValue::NULL, &resolve, &JsValue::from(0));
            }
            None => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
