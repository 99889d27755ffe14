//! The sync as the app runs it (issue 17): the database address the user entered, the
//! sync under way and the last one's report, for the whole app. A sync runs on demand
//! ("Đồng bộ ngay"), when the app opens and when the browser comes back online — only if
//! an address was entered (nothing leaves the device otherwise). The work itself is
//! `app::sync`, in the app's worker (`app::browser::couch::WorkerSync`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::Session;
use crate::app::browser::couch::online;
use crate::app::sync::{SyncProgress, SyncReport, SyncRequest};

/// What the app knows of its sync, provided at the root.
#[derive(Clone, Copy)]
pub struct SyncRunner {
    /// The database's address, once read from the device (`None`: not configured).
    pub server: RwSignal<Option<String>>,
    /// True while a sync runs; its progress, once it reported some.
    pub busy: RwSignal<bool>,
    pub progress: RwSignal<Option<SyncProgress>>,
    /// The last sync's report (read from the device at start).
    pub last: RwSignal<Option<SyncReport>>,
    /// Syncs run since the page opened (tests wait for the next one).
    pub runs: RwSignal<u32>,
    /// Documents changed here and not on the server yet, counted again after every save
    /// (`None`: not known until a sync ran to the end).
    pub waiting: RwSignal<Option<usize>>,
    session: Session,
}

impl SyncRunner {
    /// Runs a sync now, unless one is running or no address was entered. A sync that
    /// merged anything makes every page read the data again.
    pub fn run(&self) {
        let this = *self;
        let Some(db) = this.server.get_untracked() else {
            return;
        };
        if this.busy.get_untracked() {
            return;
        }
        this.busy.set(true);
        this.progress.set(None);
        let request = SyncRequest {
            db,
            full: false,
            author: this.session.author(),
            now_ms: js_sys::Date::now(),
            home: this.session.profile.get_untracked().and_then(|p| p.home),
        };
        // Through the deferred split point: the request's and the report's encoding are
        // not in the first download.
        let sync = this.session.deferred.sync;
        spawn_local(async move {
            let report = sync(request, Box::new(move |p| this.progress.set(Some(p)))).await;
            let m = &report.merged;
            if m.new + m.updated + m.conflicts > 0 {
                this.session.changed();
            }
            this.waiting.set(Some(report.waiting));
            this.last.set(Some(report));
            this.progress.set(None);
            this.busy.set(false);
            this.runs.update(|n| *n += 1);
        });
    }

    /// Runs a sync if the browser is online (at start and when the signal comes back).
    fn run_if_online(&self) {
        if online() && self.session.profile.get_untracked().is_some() {
            self.run();
        }
    }

    /// Keeps a new database address on the device (or none: "Ngừng đồng bộ"), then shows
    /// the last report with it, if any, and calls `saved`.
    pub fn save_server(&self, db: Option<String>, saved: impl FnOnce() + 'static) {
        let this = *self;
        let Some(store) = this.session.db.ready_untracked() else {
            return;
        };
        spawn_local(async move {
            if store.save_sync_server(db.as_deref()).await.is_ok() {
                this.last.set(None);
                this.server.set(db);
                this.read_last();
                saved();
            }
        });
    }

    /// The device's database and the sync database's address, once both are known.
    fn store_and_server(&self) -> Option<(std::rc::Rc<crate::store::Store>, String)> {
        Some((
            self.session.db.ready_untracked()?,
            self.server.get_untracked()?,
        ))
    }

    /// Counts what waits to be sent, from the device's change log.
    fn count_waiting(&self) {
        let this = *self;
        let Some((store, db)) = this.store_and_server() else {
            return;
        };
        let home = this.session.profile.get_untracked().and_then(|p| p.home);
        let count = this.session.deferred.sync_waiting;
        spawn_local(async move {
            if let Some(n) = count(store, db, home).await {
                this.waiting.set(Some(n));
            }
        });
    }

    /// Reads the report of the current database from the device.
    fn read_last(&self) {
        let this = *self;
        let Some((store, db)) = this.store_and_server() else {
            return;
        };
        let sync_last = this.session.deferred.sync_last;
        spawn_local(async move {
            if let Some(last) = sync_last(store, db).await {
                this.last.set(Some(last));
            }
        });
    }
}

/// Provides the runner; reads the address when the database opens, and syncs then and
/// whenever the browser comes back online.
pub fn provide_sync(session: Session) -> SyncRunner {
    let runner = SyncRunner {
        server: RwSignal::new(None),
        busy: RwSignal::new(false),
        progress: RwSignal::new(None),
        last: RwSignal::new(None),
        runs: RwSignal::new(0),
        waiting: RwSignal::new(None),
        session,
    };
    provide_context(runner);
    Effect::new(move |_| {
        // Once the session is loaded (the author is known), once.
        if !session.loaded.get() {
            return;
        }
        let Some(store) = session.db.ready_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Ok(Some(db)) = store.sync_server().await {
                runner.server.set(Some(db));
                runner.read_last();
                runner.run_if_online();
            }
        });
    });
    // An edit saved (or a file imported) offline shows as waiting at once.
    Effect::new(move |_| {
        session.data_version.track();
        if runner.server.get().is_some() {
            runner.count_waiting();
        }
    });
    let handle = window_event_listener(leptos::ev::online, move |_| runner.run_if_online());
    // The app's root lives as long as the page: the listener is never removed.
    std::mem::forget(handle);
    runner
}

pub fn use_sync() -> SyncRunner {
    expect_context::<SyncRunner>()
}
