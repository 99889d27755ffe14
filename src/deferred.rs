//! Work the first screen seldom needs, each a split point (`#[leptos::lazy]`): the data
//! steps of a database an older build wrote, a clock repair, an undo, the demo data, a file
//! received at first run. Their code (whole-database reads, every history entry decoded and
//! re-applied, a refused file's words) is a wasm module of
//! its own, fetched the first time one runs; `ui::state::Deferred` is how the library
//! reaches them. In the binary for the reason routes.rs gives.

use std::rc::Rc;

use ntm::store::{Author, Store, StoreError};
use ntm::ui::state::Deferred;

/// What `ui::App` is given.
pub const DEFERRED: Deferred = Deferred {
    data_steps: |store| Box::pin(data_steps(store)),
    repair_clock: |store, now_ms, author| Box::pin(repair_clock(Box::new((store, now_ms, author)))),
    undo_last: |store, author| Box::pin(undo_last(Box::new((store, author)))),
    load_demo_set: |store| Box::pin(load_demo_set(store)),
    receive_file: |file, author, lang| Box::pin(receive_file(Box::new((file, author, lang)))),
};

// Each takes one pointer (an `Rc`, or its arguments boxed): a split point is called through
// a C-ABI import, which passes one pointer safely.

#[leptos::lazy]
async fn data_steps(store: Rc<Store>) -> Result<(), StoreError> {
    store.run_data_steps().await
}

#[leptos::lazy]
async fn repair_clock(args: Box<(Rc<Store>, u64, Author)>) -> Result<usize, StoreError> {
    let (store, now_ms, author) = *args;
    store.repair_clock(now_ms, &author).await
}

#[leptos::lazy]
async fn undo_last(args: Box<(Rc<Store>, Author)>) -> Result<bool, StoreError> {
    let (store, author) = *args;
    Ok(store.undo_last(&author).await?.is_some())
}

#[leptos::lazy]
async fn load_demo_set(store: Rc<Store>) -> Result<ntm::domain::profile::Profile, StoreError> {
    store.load_demo_set().await
}

#[leptos::lazy]
async fn receive_file(
    args: Box<(
        ntm::shell::files::PickedFile,
        Author,
        ntm::domain::profile::Lang,
    )>,
) -> Result<ntm::app::import::Received, String> {
    let (file, author, lang) = *args;
    ntm::ui::pages::onboarding::receive_file(file, author, lang).await
}
