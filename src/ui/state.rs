//! App-wide state shared through context: the open database, who is using the device,
//! and the outcome of the last edit (for "Đã lưu" and "Hoàn tác").

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::sync::{SyncReport, SyncRequest};
use crate::domain::profile::Profile;
use crate::store::{Author, Store, StoreError};

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

    /// The store once it is open: a file picked in the first moments of a first visit,
    /// while the database is still being created, waits for it rather than being dropped.
    pub async fn open_store(&self) -> Result<Rc<Store>, StoreError> {
        loop {
            match self.0.get_untracked() {
                DbState::Ready(s) => return Ok(s),
                DbState::Failed(e) => return Err(e),
                DbState::Opening => crate::shell::sleep_ms(25).await,
            }
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

/// A future of deferred work's result.
pub type Work<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T>>>;
/// What hears a sync's progress.
pub type SyncProgressFn = Box<dyn FnMut(crate::app::sync::SyncProgress)>;
/// A future of the store's work, as the deferred functions give it.
pub type StoreWork<T> = Work<Result<T, StoreError>>;

/// Work the first screen seldom needs — the data steps of a database written by an older
/// build, a clock repair, an undo, the demo data, a file received at first run, a sync — each
/// reached through a function given by the binary (src/deferred.rs), a split point: its code
/// (whole-database reads, history entries decoded and re-applied, a refused file's words)
/// is fetched the first time it runs, not with the first download. Natively and in tests
/// the store's methods are called directly.
#[derive(Clone, Copy)]
pub struct Deferred {
    pub data_steps: fn(Rc<Store>) -> StoreWork<()>,
    pub repair_clock: fn(Rc<Store>, u64, Author) -> StoreWork<usize>,
    pub undo_last: fn(Rc<Store>, Author) -> StoreWork<bool>,
    /// First run's "Xem dữ liệu mẫu" (`Store::load_demo_set`: the generator and its
    /// set version hashing).
    pub load_demo_set: fn(Rc<Store>) -> StoreWork<crate::domain::profile::Profile>,
    /// First run's "Nhận tệp từ xã" (`pages::onboarding::receive_file`).
    pub receive_file: fn(
        crate::shell::files::PickedFile,
        Author,
        crate::domain::profile::Lang,
    ) -> Work<Result<crate::app::import::Received, String>>,
    /// A sync in the app's worker (`app::browser::couch::WorkerSync`: its request and
    /// report encoded and decoded), `progress` hearing how far it is.
    pub sync: fn(SyncRequest, SyncProgressFn) -> Work<SyncReport>,
    /// The last sync's report with a database, as the device keeps it.
    pub sync_last: fn(Rc<Store>, String) -> Work<Option<SyncReport>>,
    /// How many documents changed here wait for the next sync (`app::sync::waiting`).
    pub sync_waiting: fn(Rc<Store>, String, Home) -> Work<Option<usize>>,
}

/// The unit a device's user works in (its profile's home), as the sync needs it.
pub type Home = Option<crate::domain::units::UnitRef>;

/// An edit as the session runs it: given the store and the author, a future of its result.
/// (One name for the bounds every `run_*` shares.)
pub trait Edit<T>: FnOnce(Rc<Store>, Author) -> Self::Saving + 'static {
    type Saving: std::future::Future<Output = Result<T, StoreError>> + 'static;
}

impl<T, F, Fut> Edit<T> for F
where
    F: FnOnce(Rc<Store>, Author) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, StoreError>> + 'static,
{
    type Saving = Fut;
}

/// The outcome of the latest edit, shown in the save bar.
#[derive(Clone, Debug, PartialEq)]
pub enum EditStatus {
    Idle,
    Saving,
    /// Shown only after the transaction committed.
    Saved,
    Undone,
    Failed(StoreError),
}

/// Who uses the device and what changed: provided once at the root.
#[derive(Clone, Copy)]
pub struct Session {
    pub db: Db,
    pub profile: RwSignal<Option<Profile>>,
    pub device_id: RwSignal<Option<String>>,
    /// Bumped after every committed edit so pages reload what they show.
    pub data_version: RwSignal<u64>,
    /// Bumped when the workspace must be read again (imports, merges, undo, records);
    /// an assessment edit patches the loaded workspace instead (see `run_assessment_edit`).
    pub workspace_version: RwSignal<u64>,
    /// The loaded data every page reads, and why it could not be read.
    pub workspace: RwSignal<Option<std::sync::Arc<crate::domain::workspace::Workspace>>>,
    pub workspace_error: RwSignal<Option<StoreError>>,
    pub status: RwSignal<EditStatus>,
    /// Set when a write failed for lack of space: the app stays usable read-only.
    pub read_only: RwSignal<bool>,
    /// The session has been read from the database (so "no profile" means first run).
    pub loaded: RwSignal<bool>,
    /// First visit, data present, or data that vanished (see `domain::safety`).
    pub startup: RwSignal<Option<crate::domain::safety::StartupState>>,
    /// Days since the last backup, once a reminder is due.
    pub backup_due_days: RwSignal<Option<i64>>,
    /// Why this phone's clock looks wrong, if it does (said before any edit).
    pub clock_warning: RwSignal<Option<crate::domain::safety::ClockWarning>>,
    /// The edit "Hoàn tác" would undo: what it was, and the page it was made on (undo is
    /// offered on that page only, once).
    pub undo_offer: RwSignal<Option<UndoOffer>>,
    /// Store work fetched on first use.
    pub deferred: Deferred,
    /// Edits being saved, so that a workspace read without them is not shown.
    edits: StoredValue<crate::app::reads::EditGate>,
}

/// What the save bar offers to undo.
#[derive(Clone, Debug, PartialEq)]
pub struct UndoOffer {
    /// The page (path) the edit was made on.
    pub path: String,
    /// What the edit did, in words ("Tiêu chí 5 → Đạt"); `None`: a change without words.
    pub label: Option<String>,
}

/// The path of the page shown now.
pub fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

impl Session {
    /// The author stamped on edits; "?" until the profile is loaded.
    pub fn author(&self) -> Author {
        Author {
            name: self
                .profile
                .get_untracked()
                .map(|p| p.name)
                .unwrap_or_else(|| "?".into()),
            device: self
                .device_id
                .get_untracked()
                .unwrap_or_else(|| "unknown-device".into()),
        }
    }

    /// Everything may have changed: pages reload what they show, the workspace included.
    pub fn changed(&self) {
        self.workspace_version.update(|v| *v += 1);
        self.data_version.update(|v| *v += 1);
    }

    /// An edit ended: a workspace read dropped while it was saved is read again, unless a
    /// later read was asked for meanwhile.
    fn edit_finished(&self) {
        let dropped = self.edits.try_update_value(|g| g.edit_finished()).flatten();
        if dropped.is_some_and(|v| v == self.workspace_version.get_untracked()) {
            self.workspace_version.update(|v| *v += 1);
        }
    }

    /// An assessment was saved: it is patched into the loaded workspace (a national
    /// workspace is not read again for one value), and pages reload their small lists.
    fn assessment_changed(&self, a: crate::domain::assessment::Assessment) {
        self.workspace.update(|w| {
            if let Some(w) = w {
                // Clones only if a page still holds this workspace (pages hold the signal).
                std::sync::Arc::make_mut(w).add_assessment(a);
            }
        });
        crate::shell::mark("ntm-workspace-ready");
        self.data_version.update(|v| *v += 1);
    }
}

/// Opens the database once for the whole app and provides it to every component (after
/// the data steps, when an older build's data needs them).
pub fn provide_db(deferred: Deferred) -> Db {
    let db = Db(RwSignal::new_local(DbState::Opening));
    provide_context(db);
    spawn_local(async move {
        let opened = async {
            let store = Rc::new(Store::open_deferring_data_steps(crate::store::DB_NAME).await?);
            if store.data_steps_due().await? {
                (deferred.data_steps)(store.clone()).await?;
            }
            Ok::<_, StoreError>(store)
        };
        let state = match opened.await {
            Ok(store) => DbState::Ready(store),
            Err(e) => DbState::Failed(e),
        };
        db.0.set(state);
    });
    db
}

/// Provides the session and fills it from the database once it is open.
pub fn provide_session(db: Db, deferred: Deferred) -> Session {
    let session = Session {
        db,
        deferred,
        profile: RwSignal::new(None),
        device_id: RwSignal::new(None),
        data_version: RwSignal::new(0),
        workspace_version: RwSignal::new(0),
        workspace: RwSignal::new(None),
        workspace_error: RwSignal::new(None),
        status: RwSignal::new(EditStatus::Idle),
        read_only: RwSignal::new(false),
        loaded: RwSignal::new(false),
        startup: RwSignal::new(None),
        backup_due_days: RwSignal::new(None),
        clock_warning: RwSignal::new(None),
        undo_offer: RwSignal::new(None),
        edits: StoredValue::new(Default::default()),
    };
    provide_context(session);
    Effect::new(move |_| {
        if let Some(store) = db.ready() {
            spawn_local(async move {
                if let Ok(id) = store.device_id().await {
                    session.device_id.set(Some(id));
                }
                if let Ok(p) = store.profile().await {
                    session.profile.set(p);
                }
                session.check_storage().await;
                session.loaded.set(true);
            });
        }
    });
    session
}

pub fn use_db() -> Db {
    expect_context::<Db>()
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// Tells a first visit from data that vanished, keeps the marker of saved data, and
    /// works out whether a backup reminder is due.
    pub async fn check_storage(self) {
        use crate::domain::safety::{backup_reminder, startup_state, StartupState};
        use crate::shell::storage::{had_data_marker, set_had_data_marker};
        let Some(store) = self.db.ready_untracked() else {
            return;
        };
        let first = store.first_save_at().await.ok().flatten();
        let state = startup_state(had_data_marker(), first.is_some());
        if state == StartupState::HasData {
            set_had_data_marker(&self.device_id.get_untracked().unwrap_or_default());
        }
        self.startup.set(Some(state));
        let last_export = store.last_export_at().await.ok().flatten();
        self.backup_due_days
            .set(backup_reminder(first, last_export, js_sys::Date::now()));
        let last = store.clock().await.map(|h| h.wall_ms).unwrap_or_default();
        self.clock_warning.set(crate::domain::safety::clock_warning(
            js_sys::Date::now() as u64,
            last,
        ));
    }

    /// Runs an edit against the store: shows "Đang lưu…", then "Đã lưu" after the commit
    /// (or the failure, switching to read-only on a full disk), and refreshes the pages.
    pub fn run_edit<T: 'static>(self, edit: impl Edit<T>, on_done: impl FnOnce(T) + 'static) {
        self.run_edit_as(None, edit, on_done)
    }

    /// [`Self::run_edit`] for an edit whose undo says what it undoes (`label`).
    pub fn run_edit_as<T: 'static>(
        self,
        label: Option<String>,
        edit: impl Edit<T>,
        on_done: impl FnOnce(T) + 'static,
    ) {
        self.run(label, edit, move |session: Session, v| {
            on_done(v);
            session.changed();
        })
    }

    /// An edit of data the workspace does not hold (OCOP products and ratings, plans): the
    /// pages reload their own lists; the workspace is not read again.
    pub fn run_other_edit<T: 'static>(
        self,
        label: Option<String>,
        edit: impl Edit<T>,
        on_done: impl FnOnce(T) + 'static,
    ) {
        self.run(label, edit, move |session: Session, v| {
            on_done(v);
            session.data_version.update(|v| *v += 1);
        })
    }

    /// An edit of one assessment (a mark, a value, a copy): the saved assessment is
    /// patched into the workspace rather than the workspace read again.
    pub fn run_assessment_edit(
        self,
        label: Option<String>,
        edit: impl Edit<crate::domain::assessment::Assessment>,
    ) {
        self.run(label, edit, |session: Session, a| {
            session.assessment_changed(a)
        })
    }

    fn run<T: 'static>(
        self,
        label: Option<String>,
        edit: impl Edit<T>,
        on_done: impl FnOnce(Session, T) + 'static,
    ) {
        let path = current_path();
        let Some(store) = self.db.ready_untracked() else {
            return;
        };
        if self.read_only.get_untracked() {
            self.status
                .set(EditStatus::Failed(StoreError::QuotaExceeded));
            return;
        }
        self.status.set(EditStatus::Saving);
        let author = self.author();
        self.edits.update_value(|g| g.edit_started());
        spawn_local(async move {
            let result = edit(store, author).await;
            // Before the pages reload, so a read asked for by `on_done` is not held back.
            self.edit_finished();
            match result {
                Ok(v) => {
                    // Read by the benchmarks (scripts/bench-edit.mjs): the commit is done.
                    crate::shell::mark("ntm-edit-committed");
                    self.undo_offer.set(Some(UndoOffer { path, label }));
                    self.status.set(EditStatus::Saved);
                    // The caller's part runs before the pages reload, while its signals
                    // still exist.
                    on_done(self, v);
                }
                Err(e) => {
                    if e == StoreError::QuotaExceeded {
                        self.read_only.set(true);
                    }
                    self.status.set(EditStatus::Failed(e));
                }
            }
        });
    }

    /// Undoes this device's last edit (a new edit that sets the old value again). Offered
    /// once, on the page where that edit was made.
    pub fn undo(self) {
        if self.undo_offer.get_untracked().map(|o| o.path) != Some(current_path()) {
            return;
        }
        self.undo_offer.set(None);
        let Some(store) = self.db.ready_untracked() else {
            return;
        };
        let author = self.author();
        self.edits.update_value(|g| g.edit_started());
        spawn_local(async move {
            let undone = (self.deferred.undo_last)(store, author).await;
            self.edit_finished();
            match undone {
                Ok(true) => {
                    self.status.set(EditStatus::Undone);
                    self.changed();
                }
                Ok(false) => self.status.set(EditStatus::Idle),
                Err(e) => self.status.set(EditStatus::Failed(e)),
            }
        });
    }
}

/// The shared workspace: every page reads the one loaded for the app.
pub type WorkspaceSignal = RwSignal<Option<std::sync::Arc<crate::domain::workspace::Workspace>>>;

/// Loads the workspace for the whole app through a resource keyed on
/// `Session::workspace_version`, and keeps `Session::workspace` current: a read that
/// fails is kept as `workspace_error` (shown by the app), never turned into empty data.
/// Call once, in `App`.
pub fn provide_workspace() {
    use crate::app::reads::ReadVerdict;
    use crate::domain::criteria::CriteriaSet;
    use crate::domain::units::Unit;
    use crate::domain::workspace::Workspace;
    let session = use_session();
    let loaded = LocalResource::new(move || {
        let version = session.workspace_version.get();
        let epoch = session.edits.with_value(|g| g.epoch());
        let store = session.db.ready();
        async move {
            let store = store?;
            // Read by the benchmarks (scripts/bench-units.mjs).
            let read = crate::shell::Timing::start("ntm-workspace-read");
            let data: Result<_, StoreError> = async {
                let units = store.records::<Unit>().await?;
                let adopted = store.adopted_sets().await?;
                let assessments = store.assessments().await?;
                let sets: Vec<CriteriaSet> = store
                    .records::<CriteriaSet>()
                    .await?
                    .into_iter()
                    .filter(|r| !r.archived)
                    .map(|r| r.data)
                    .collect();
                let results = (
                    store.records().await?,
                    store.records().await?,
                    store.records().await?,
                );
                Ok((units, adopted, assessments, sets, results))
            }
            .await;
            drop(read);
            Some((
                version,
                epoch,
                data.map(|(units, adopted, assessments, sets, results)| {
                    let _build = crate::shell::Timing::start("ntm-workspace-build");
                    let (recognitions, quantities, resources) = results;
                    std::sync::Arc::new(
                        Workspace::new(units, assessments, sets)
                            .with_adopted(adopted)
                            .with_results(recognitions, quantities, resources),
                    )
                }),
            ))
        }
    });
    Effect::new(move |_| {
        let Some(Some((version, epoch, result))) = loaded.get() else {
            return;
        };
        // A read overtaken by a later one is dropped; so is a read an edit was saved
        // during (it would undo the tap on screen), read again once the edits are done.
        let current = session.workspace_version.get_untracked();
        match session
            .edits
            .try_update_value(|g| g.verdict(version, epoch, current))
        {
            Some(ReadVerdict::Show) => {}
            Some(ReadVerdict::ReadAgain) => {
                session.workspace_version.update(|v| *v += 1);
                return;
            }
            _ => return,
        }
        match result {
            Ok(w) => {
                session.workspace_error.set(None);
                session.workspace.set(Some(w));
                crate::shell::mark("ntm-workspace-ready");
            }
            Err(e) => session.workspace_error.set(Some(e)),
        }
    });
}

/// Something the pages read from the store, read again after every committed edit
/// (`data_version`) through a resource: `None` until the first read; a failed read keeps
/// what was shown and is said by the app (`workspace_error`), never shown as empty data.
pub fn use_store_read<T, F, Fut>(read: F) -> RwSignal<Option<T>>
where
    T: Clone + Send + Sync + 'static,
    F: Fn(Rc<Store>) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, StoreError>> + 'static,
{
    let session = use_session();
    let value = RwSignal::new(None);
    let loaded = LocalResource::new(move || {
        session.data_version.track();
        let read = session.db.ready().map(&read);
        async move {
            match read {
                Some(r) => Some(r.await),
                None => None,
            }
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Some(Ok(v))) => value.set(Some(v)),
        Some(Some(Err(e))) => session.workspace_error.set(Some(e)),
        _ => {}
    });
    value
}

/// The user's data, current after every committed edit.
pub fn use_workspace() -> WorkspaceSignal {
    use_session().workspace
}
