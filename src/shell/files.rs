//! Files in and out (see files_glue.js): the file a user picked or dropped, as bytes
//! (gunzipped); gzip for export; sharing through the Web Share API or a download.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/shell/files_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = firstFile)]
    fn first_file_js(ev: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = fileName)]
    fn file_name_js(file: &JsValue) -> String;
    #[wasm_bindgen(js_name = readFileBytes)]
    fn read_file_bytes_js(file: &JsValue, max: f64) -> js_sys::Promise;
    #[wasm_bindgen(js_name = gzip)]
    fn gzip_js(text: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = canShareFiles)]
    fn can_share_files_js() -> bool;
    #[wasm_bindgen(js_name = share)]
    fn share_js(bytes: &[u8], name: &str, title: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = download)]
    fn download_js(bytes: &[u8], name: &str);
}

/// A file the user chose, not yet read.
#[derive(Clone)]
pub struct PickedFile(JsValue);

impl PickedFile {
    /// The file of an `<input type=file>` change event or a drop event.
    pub fn from_event(ev: &JsValue) -> Option<Self> {
        let f = first_file_js(ev);
        (!f.is_null() && !f.is_undefined()).then_some(Self(f))
    }

    /// A file handed over as it is (to the app's worker, which reads it there).
    pub fn from_value(file: JsValue) -> Self {
        Self(file)
    }

    /// The browser's `File`, to hand over to the app's worker.
    pub fn as_value(&self) -> &JsValue {
        &self.0
    }

    pub fn name(&self) -> String {
        file_name_js(&self.0)
    }
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    TooLarge(usize),
    BadGzip,
    Other(String),
}

/// The file's bytes, gunzipped if it is gzip, refusing anything over `max` bytes.
pub async fn read_bytes(file: &PickedFile, max: usize) -> Result<Vec<u8>, ReadError> {
    match JsFuture::from(read_file_bytes_js(&file.0, max as f64)).await {
        Ok(v) => Ok(js_sys::Uint8Array::new(&v).to_vec()),
        Err(e) => {
            let msg = js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_default();
            if let Some(n) = msg.strip_prefix("too-large:") {
                Err(ReadError::TooLarge(n.parse().unwrap_or(max + 1)))
            } else if msg == "bad-gzip" {
                Err(ReadError::BadGzip)
            } else {
                Err(ReadError::Other(msg))
            }
        }
    }
}

pub async fn gzip(text: &str) -> Result<Vec<u8>, String> {
    JsFuture::from(gzip_js(text))
        .await
        .map(|v| js_sys::Uint8Array::new(&v).to_vec())
        .map_err(|e| format!("{e:?}"))
}

/// Whether this browser can share files (Android Chrome: Zalo, e-mail, Bluetooth…).
pub fn can_share_files() -> bool {
    can_share_files_js()
}

/// Opens the share sheet with the file. `Ok(false)` when the user closed it.
pub async fn share(bytes: &[u8], name: &str, title: &str) -> Result<bool, String> {
    JsFuture::from(share_js(bytes, name, title))
        .await
        .map(|v| v.as_string().as_deref() == Some("shared"))
        .map_err(|e| format!("{e:?}"))
}

/// Saves the file through the browser's download.
pub fn download(bytes: &[u8], name: &str) {
    download_js(bytes, name);
}
