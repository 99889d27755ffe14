//! The functional core: NTM/OCOP rules and data as plain Rust.
//!
//! Invariant: nothing in here names a web type or performs I/O, so every rule is tested
//! natively with `cargo test`.

pub mod format;
pub mod profile;
pub mod reference;
