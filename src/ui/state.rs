//! App-wide state shared through context: the open database.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{Store, StoreError};

/// Where opening the database stands.
#[derive(Clone)]
pub enum DbState {
    Opening,
    Ready(Rc<Store>),
    Failed(StoreError),
}

/// The database handle as the UI sees it.
#[derive(Clone, Copy)]
pub struct Db(RwSignal<DbState, LocalStorage>);

impl Db {
    pub fn state(&self) -> DbState {
        self.0.get()
    }

    /// The store if it is open (tracked: re-runs the caller when it opens).
    pub fn ready(&self) -> Option<Rc<Store>> {
        match self.0.get() {
            DbState::Ready(s) => Some(s),
            _ => None,
        }
    }

    /// The store if it is open, without subscribing.
    pub fn ready_untracked(&self) -> Option<Rc<Store>> {
        match self.0.get_untracked() {
            DbState::Ready(s) => Some(s),
            _ => None,
        }
    }
}

/// Opens the database once for the whole app and provides it to every component.
pub fn provide_db() -> Db {
    let db = Db(RwSignal::new_local(DbState::Opening));
    provide_context(db);
    spawn_local(async move {
        let state = match Store::open().await {
            Ok(store) => DbState::Ready(Rc::new(store)),
            Err(e) => DbState::Failed(e),
        };
        db.0.set(state);
    });
    db
}

pub fn use_db() -> Db {
    expect_context::<Db>()
}
