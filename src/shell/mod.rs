//! Thin bindings to browser APIs the app needs beyond the DOM. Each Rust file binds one
//! small JS module beside it; no rules live here, only calls and type conversion.

pub mod echarts;
pub mod pwa;
pub mod storage;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/shell/ids_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = randomId)]
    fn random_id_js() -> String;
}

/// A random 128-bit id in UUID form, from the browser's CSPRNG.
pub fn random_id() -> String {
    random_id_js()
}
