//! Sổ theo dõi Nông thôn mới — an offline tracker for Vietnam's New Rural Development
//! programme (NTM) and OCOP, running entirely in the browser.
//!
//! The crate is split so the architecture shows in the module tree (see ARCHITECTURE.md):
//! - [`domain`]: pure rules and data, no web types; compiled and tested natively.
//! - [`charts`]: chart options built from domain figures (pure serde data).
//! - [`exchange`]: the exchange file: building, reading and checking one (pure).
//! - [`app`]: workflows (import, export, reports) over the store's ports, no Leptos.
//! - [`present`]: view models: what each page shows, in words, built natively.
//! - [`store`]: IndexedDB, the only module that touches the database (its types compile
//!   natively; the database code is wasm only).
//! - [`unicode`]: NFC and diacritic stripping from the platform (the browser's ICU in
//!   the wasm, no tables shipped; a crate natively).
//! - `shell`: thin bindings to browser APIs: service worker, storage manager, ECharts (wasm only).
//! - `ui`: Leptos components; they display and dispatch, nothing more (wasm only).

pub mod app;
pub mod charts;
pub mod domain;
pub mod exchange;
pub mod present;
pub mod store;
pub mod unicode;

#[cfg(target_arch = "wasm32")]
pub mod shell;
#[cfg(target_arch = "wasm32")]
pub mod ui;
