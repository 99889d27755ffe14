//! Workflows: what a user's action sets going, from the first step to the result, in plain
//! async Rust over the store and the domain (no Leptos, no web types). A page calls one
//! function here and shows its progress and outcome; the browser pieces (IndexedDB, files,
//! share sheet, clock) come in through the small traits of [`ports`], so every workflow runs
//! natively in tests against [`memory::MemoryStore`] and in the browser against the real
//! store (`tests/wasm_app.rs` runs the same scenarios there).
//!
//! - [`import`]: read → check → preview → commit, previewed again if the data changed.
//! - [`export`]: select → build → compress → share or download → record the export.
//! - [`reports`]: the dashboard's downloads (summary and raw values, CSV or XLSX).
//! - [`plans`]: a year's plan as typed (counts, average criteria, least criteria).
//! - [`results`]: recognition steps, resource figures, a province's own quantities.
//! - [`sets`]: criteria set versions (copy, edit, settle, adopt, give to villages).
//! - [`units`]: the unit tree's additions and renames.
//! - [`sync`]: pull from and push to a CouchDB database (issue 17), merged as imports are.
//! - [`reads`]: when a read of the workspace may be shown (not over an edit being saved).
//!
//! A DHIS2 export would be a module here too.

pub mod couch_http;
pub mod export;
pub mod import;
pub mod memory;
pub mod memory_couch;
pub mod plans;
pub mod ports;
pub mod reads;
pub mod reports;
pub mod results;
pub mod sets;
pub mod sync;
pub mod units;

#[cfg(target_arch = "wasm32")]
pub mod browser;
