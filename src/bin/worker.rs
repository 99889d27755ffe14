//! The app's worker: a second wasm built from this crate (trunk `data-type="worker"`),
//! holding work the first screen never needs so that it stays out of the first download
//! and off the page's main thread: writing the downloads' tables as XLSX (a zip and its
//! compressor) or CSV, and imports (reading, checking and planning a file, keeping it
//! until the user confirms, committing it, and sending the page a unit's lines of it),
//! and the open conflicts (worked out from every value and its history). Its loader (written by
//! scripts/post-build.mjs) calls `handle` for each request the page sends through
//! `shell::worker`.

#[cfg(target_arch = "wasm32")]
mod entry {
    use std::cell::RefCell;

    use ntm::app::browser::couch::Fetch;
    use ntm::app::couch_http::HttpCouch;
    use ntm::app::import::{self, ConfirmRequest, Held, ImportState, Progress, ReceiveRequest};
    use ntm::app::reports::SheetsFile;
    use ntm::app::sync::{self, SyncProgress, SyncReport, SyncRequest};
    use ntm::shell::files::PickedFile;
    use ntm::store::Store;
    use wasm_bindgen::prelude::*;

    thread_local! {
        /// The file previewed, waiting for "Nhập vào máy" or "Huỷ".
        static HELD: RefCell<Option<Held>> = const { RefCell::new(None) };
    }

    /// Answers one request: `kind` says what `json` is (and `file`, a picked file, for
    /// imports); `progress` is called with each progress report (JSON).
    #[wasm_bindgen]
    pub async fn handle(
        kind: String,
        file: JsValue,
        json: String,
        progress: js_sys::Function,
    ) -> Result<JsValue, JsError> {
        let sync_progress = progress.clone();
        let tell = move |p: Progress| say(&progress, &p);
        match kind.as_str() {
            "sheets" => {
                let file: SheetsFile = serde_json::from_str(&json)?;
                let done = file.write_here().map_err(|e| JsError::new(&e))?;
                Ok(js_sys::Uint8Array::from(done.bytes.as_slice()).into())
            }
            "import-open" => {
                HELD.with(|h| h.borrow_mut().take());
                let state = match Store::open().await {
                    Ok(store) => {
                        let opened =
                            import::open(&store, &PickedFile::from_value(file), tell).await;
                        store.close();
                        match opened {
                            Ok(held) => {
                                let state = ImportState::Preview(held.pending.clone());
                                HELD.with(|h| *h.borrow_mut() = Some(held));
                                state
                            }
                            Err(state) => state,
                        }
                    }
                    Err(e) => ImportState::Failed(e),
                };
                reply(&state)
            }
            "import-confirm" => {
                let request: ConfirmRequest = serde_json::from_str(&json)?;
                let Some(mut held) = HELD.with(|h| h.borrow_mut().take()) else {
                    return reply(&ImportState::Lost);
                };
                let state = match Store::open().await {
                    Ok(store) => {
                        let state = import::confirm(
                            &store,
                            &mut held,
                            &request.merges,
                            &request.outside,
                            &request.author,
                            request.now_ms,
                            tell,
                        )
                        .await;
                        store.close();
                        state
                    }
                    Err(e) => ImportState::Failed(e),
                };
                if !matches!(state, ImportState::Done { .. }) {
                    // A new preview, or a failure the user may retry: keep the file.
                    HELD.with(|h| *h.borrow_mut() = Some(held));
                }
                reply(&state)
            }
            "import-lines" => {
                // The previewed file's first lines of one unit (`json`: its key); none if
                // the preview is gone.
                let lines = HELD.with(|h| h.borrow().as_ref().map(|held| held.first_lines(&json)));
                reply(&lines)
            }
            "conflicts" => {
                // The open conflicts: worked out from every value and its history, which
                // the page does not load (a national database's took it most of a second).
                let conflicts = match Store::open().await {
                    Ok(store) => {
                        let c = store.conflicts().await;
                        store.close();
                        c
                    }
                    Err(e) => Err(e),
                };
                reply(&conflicts)
            }
            "sync" => {
                // A sync with a CouchDB database (issue 17): it merges what it pulls as an
                // import does, so it runs here too. `json`: a `SyncRequest`.
                let request: SyncRequest = serde_json::from_str(&json)?;
                let server = HttpCouch {
                    db: request.db.clone(),
                    transport: Fetch,
                };
                let report = match Store::open().await {
                    Ok(store) => {
                        let r = sync::sync(&store, &server, &request, |p: SyncProgress| {
                            say(&sync_progress, &p)
                        })
                        .await;
                        store.close();
                        r
                    }
                    Err(e) => SyncReport {
                        at_ms: request.now_ms,
                        stopped: Some(sync::SyncError::Store(e)),
                        ..SyncReport::default()
                    },
                };
                reply(&report)
            }
            "import-forget" => {
                HELD.with(|h| h.borrow_mut().take());
                Ok(JsValue::NULL)
            }
            "import-receive" => {
                let request: ReceiveRequest = serde_json::from_str(&json)?;
                let result = match Store::open().await {
                    Ok(store) => {
                        let file = PickedFile::from_value(file);
                        let r =
                            import::receive(&store, &file, &request.author, request.now_ms).await;
                        store.close();
                        r
                    }
                    Err(e) => Err(import::ReceiveError::Store(e)),
                };
                reply(&result)
            }
            _ => Err(JsError::new(&format!("unknown request: {kind}"))),
        }
    }

    /// Sends the page a progress report, as JSON text.
    fn say<T: serde::Serialize>(progress: &js_sys::Function, p: &T) {
        if let Ok(text) = serde_json::to_string(p) {
            let _ = progress.call1(&JsValue::NULL, &JsValue::from_str(&text));
        }
    }

    fn reply<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
        Ok(JsValue::from_str(&serde_json::to_string(value)?))
    }
}

fn main() {}
