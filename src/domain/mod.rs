//! The functional core: NTM/OCOP rules and data as plain Rust.
//!
//! Invariant: nothing in here names a web type or performs I/O, so every rule is tested
//! natively with `cargo test`.

pub mod assessment;
pub mod catalog;
pub mod couch_docs;
pub mod criteria;
pub mod dashboard;
pub mod demo;
pub mod demo_results;
pub mod evaluation;
pub mod format;
pub mod history;
pub mod iso_date;
pub mod keys;
pub mod merge;
pub mod ocop;
pub mod ocop_period;
pub mod plan_progress;
pub mod plans;
pub mod profile;
pub mod recognition;
pub mod reference;
pub mod replication;
pub mod report;
pub mod resources;
pub mod results;
pub mod safety;
pub mod set_versions;
pub mod stats;
pub mod summary;
pub mod sync;
pub mod text;
pub mod units;
pub mod village_dashboard;
pub mod workspace;
mod workspace_tree;
