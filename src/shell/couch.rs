//! HTTP for the sync (see couch_glue.js): one request to the CouchDB database, answered
//! with its status and body text, or no answer at all.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/shell/couch_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = couchRequest)]
    fn couch_request_js(method: &str, url: &str, body: Option<String>) -> js_sys::Promise;
    #[wasm_bindgen(js_name = absoluteUrl)]
    fn absolute_url_js(typed: &str) -> String;
    #[wasm_bindgen(js_name = isOnline)]
    fn is_online_js() -> bool;
}

/// Sends one request; `Err` when no answer came (offline, server unreachable).
pub async fn request(
    method: &str,
    url: &str,
    body: Option<String>,
) -> Result<(u16, String), String> {
    let answer = JsFuture::from(couch_request_js(method, url, body))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let parts = js_sys::Array::from(&answer);
    let status = parts.get(0).as_f64().unwrap_or(0.0) as u16;
    let text = parts.get(1).as_string().unwrap_or_default();
    Ok((status, text))
}

/// A typed database address made absolute against the page; `None` if it is not one.
pub fn absolute_url(typed: &str) -> Option<String> {
    Some(absolute_url_js(typed)).filter(|u| !u.is_empty())
}

/// Whether the browser believes it is online.
pub fn is_online() -> bool {
    is_online_js()
}
