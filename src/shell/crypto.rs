//! WebCrypto for the device's signing key (`crypto_glue.js`): make a key pair, read its
//! public half, sign, verify. In the page and in the worker alike.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/shell/crypto_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeKeyPair)]
    fn make_key_pair_js() -> js_sys::Promise;
    #[wasm_bindgen(js_name = publicRaw)]
    fn public_raw_js(pair: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = sign)]
    fn sign_js(pair: &JsValue, bytes: &[u8]) -> js_sys::Promise;
    #[wasm_bindgen(js_name = verify)]
    fn verify_js(raw: &[u8], bytes: &[u8], signature: &[u8]) -> js_sys::Promise;
    #[wasm_bindgen(js_name = isKeyPair)]
    pub fn is_key_pair(v: &JsValue) -> bool;
}

fn text(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// A new key pair (a JS `CryptoKeyPair`, its private key not extractable).
pub async fn make_key_pair() -> Result<JsValue, String> {
    JsFuture::from(make_key_pair_js()).await.map_err(text)
}

/// The pair's public key, raw (65 bytes).
pub async fn public_raw(pair: &JsValue) -> Result<Vec<u8>, String> {
    let v = JsFuture::from(public_raw_js(pair)).await.map_err(text)?;
    Ok(js_sys::Uint8Array::new(&v).to_vec())
}

/// The pair's signature of `bytes` (r‖s, 64 bytes).
pub async fn sign(pair: &JsValue, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let v = JsFuture::from(sign_js(pair, bytes)).await.map_err(text)?;
    Ok(js_sys::Uint8Array::new(&v).to_vec())
}

/// Whether `signature` is the raw public key `raw`'s over `bytes`.
pub async fn verify(raw: &[u8], bytes: &[u8], signature: &[u8]) -> bool {
    JsFuture::from(verify_js(raw, bytes, signature))
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
