//! Work the first screen seldom needs, behind one split point (`#[leptos::lazy]`): the
//! data steps of a database an older build wrote, a clock repair, an undo, the demo data, a
//! file received at first run, a sync (its worker request and report, the kept report). Their code (whole-database reads, every history entry
//! decoded and re-applied, a refused file's words) is a wasm module of its own, fetched the
//! first time one runs; `ui::state::Deferred` is how the library
//! reaches them. In the binary for the reason routes.rs gives.

use std::rc::Rc;

use ntm::app::sync::{SyncMark, SyncProgress, SyncReport, SyncRequest};
use ntm::store::{Author, Store, StoreError};
use ntm::ui::state::Deferred;

/// What `ui::App` is given.
pub const DEFERRED: Deferred = Deferred {
    data_steps: |store| {
        Box::pin(async move {
            match *deferred(Box::new(Job::DataSteps(store))).await {
                Done::DataSteps(r) => r,
                _ => unreachable!("a job answers with its own kind"),
            }
        })
    },
    repair_clock: |store, now_ms, author| {
        Box::pin(async move {
            match *deferred(Box::new(Job::RepairClock(store, now_ms, author))).await {
                Done::RepairClock(r) => r,
                _ => unreachable!("a job answers with its own kind"),
            }
        })
    },
    undo_last: |store, author| {
        Box::pin(async move {
            match *deferred(Box::new(Job::UndoLast(store, author))).await {
                Done::UndoLast(r) => r,
                _ => unreachable!("a job answers with its own kind"),
            }
        })
    },
    load_demo_set: |store| {
        Box::pin(async move {
            match *deferred(Box::new(Job::LoadDemoSet(store))).await {
                Done::LoadDemoSet(r) => r,
                _ => unreachable!("a job answers with its own kind"),
            }
        })
    },
    receive_file: |file, author, lang| {
        Box::pin(async move {
            match *deferred(Box::new(Job::ReceiveFile(file, author, lang))).await {
                Done::ReceiveFile(r) => r,
                _ => unreachable!("a job answers with its own kind"),
            }
        })
    },
    sync: |request, progress| {
        Box::pin(async move {
            match *deferred(Box::new(Job::Sync(request, progress))).await {
                Done::Sync(r) => r,
                _ => unreachable!("a job answers with its own kind"),
            }
        })
    },
    sync_last: |store, db| {
        Box::pin(async move {
            match *deferred(Box::new(Job::SyncLast(store, db))).await {
                Done::SyncLast(r) => r,
                _ => unreachable!("a job answers with its own kind"),
            }
        })
    },
    sync_waiting: |store, db, home| {
        Box::pin(async move {
            match *deferred(Box::new(Job::SyncWaiting(store, db, home))).await {
                Done::SyncWaiting(n) => n,
                _ => unreachable!("a job answers with its own kind"),
            }
        })
    },
};

/// The deferred work asked for, with its arguments.
enum Job {
    DataSteps(Rc<Store>),
    RepairClock(Rc<Store>, u64, Author),
    UndoLast(Rc<Store>, Author),
    LoadDemoSet(Rc<Store>),
    ReceiveFile(
        ntm::shell::files::PickedFile,
        Author,
        ntm::domain::profile::Lang,
    ),
    Sync(SyncRequest, Box<dyn FnMut(SyncProgress)>),
    SyncLast(Rc<Store>, String),
    SyncWaiting(Rc<Store>, String, Option<ntm::domain::units::UnitRef>),
}

/// A job's answer, of the job's own kind.
enum Done {
    DataSteps(Result<(), StoreError>),
    RepairClock(Result<usize, StoreError>),
    UndoLast(Result<bool, StoreError>),
    LoadDemoSet(Result<ntm::domain::profile::Profile, StoreError>),
    ReceiveFile(Result<ntm::app::import::Received, String>),
    Sync(SyncReport),
    SyncLast(Option<SyncReport>),
    SyncWaiting(Option<usize>),
}

/// The one split point of deferred work. One, not one per job: the jobs share most of
/// their code (the store's) with each other and with the pages, and each split point
/// multiplied the shared chunks a page had to fetch (BENCHMARKS.md, session 14). It takes
/// one pointer: a split point is called through a C-ABI import, which passes one pointer
/// safely.
#[leptos::lazy]
async fn deferred(job: Box<Job>) -> Box<Done> {
    Box::new(match *job {
        Job::DataSteps(store) => Done::DataSteps(store.run_data_steps().await),
        Job::RepairClock(store, now_ms, author) => {
            Done::RepairClock(store.repair_clock(now_ms, &author).await)
        }
        Job::UndoLast(store, author) => Done::UndoLast(
            store
                .undo_last(&author)
                .await
                .map(|undone| undone.is_some()),
        ),
        Job::LoadDemoSet(store) => Done::LoadDemoSet(store.load_demo_set().await),
        Job::ReceiveFile(file, author, lang) => {
            Done::ReceiveFile(ntm::ui::pages::onboarding::receive_file(file, author, lang).await)
        }
        Job::Sync(request, progress) => {
            Done::Sync(ntm::app::browser::couch::WorkerSync::run(&request, progress).await)
        }
        Job::SyncLast(store, db) => Done::SyncLast(match store.sync_mark::<SyncMark>(&db).await {
            Ok(Some(mark)) => mark.last,
            _ => None,
        }),
        // Read from the change log, a few rows: no sync, no whole-database read.
        Job::SyncWaiting(store, db, home) => Done::SyncWaiting(
            ntm::app::sync::waiting(&*store, &db, home)
                .await
                .ok()
                .flatten(),
        ),
    })
}
