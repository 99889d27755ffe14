//! The app's routes. Every page but the home page (with first run) is a split point
//! (`#[lazy]`): its code is in a wasm of its own, fetched when the page first opens
//! (scripts/page-wasm.mjs splits the build; BENCHMARKS.md has the sizes), and drawn once
//! its module is in. They are in the binary, not the library: a split point is an export,
//! and every binary linking the library (the worker too) would carry every page.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;
use ntm::ui::i18n::tr;
use ntm::ui::{pages, texts};

/// The routes, inside `ui::App`'s router.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=pages::NotFound>
            <Route path=path!("/") view=pages::home::HomePage/>
            <Route path=path!("/don-vi") view=|| lazy_page(unit_pages(Box::new(Page::Units)))/>
            <Route path=path!("/don-vi/:key") view=|| lazy_page(unit_pages(Box::new(Page::Unit)))/>
            <Route path=path!("/ocop") view=|| lazy_page(ocop_pages(Box::new(Page::Ocop)))/>
            <Route path=path!("/ocop/:id") view=|| lazy_page(ocop_pages(Box::new(Page::Product)))/>
            <Route path=path!("/ke-hoach") view=|| lazy_page(plans_page())/>
            <Route path=path!("/bo-tieu-chi") view=|| lazy_page(set_pages(Box::new(Page::Sets)))/>
            <Route path=path!("/bo-tieu-chi/:id") view=|| lazy_page(set_pages(Box::new(Page::Set)))/>
            <Route path=path!("/bieu-do") view=|| lazy_page(dashboard_pages(Box::new(Page::Charts)))/>
            <Route path=path!("/bao-cao") view=|| lazy_page(dashboard_pages(Box::new(Page::Report)))/>
            <Route path=path!("/luu-tru") view=|| lazy_page(device_pages(Box::new(Page::Storage)))/>
            <Route path=path!("/dong-bo") view=|| lazy_page(device_pages(Box::new(Page::Sync)))/>
            <Route path=path!("/trao-doi") view=|| lazy_page(exchange_page())/>
        </Routes>
    }
}

/// A page whose module may still be downloading: "Đang tải…" until it is in (at once when
/// it was loaded before or the service worker has it). A `Transition`, not a `Suspense`:
/// when data the page reads is read again (an import, a sync merging in the background),
/// the page stays on screen instead of falling back to "Đang tải…".
fn lazy_page(page: impl std::future::Future<Output = AnyView> + Send + 'static) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <p class="hint" role="status">{tr(texts::LOADING)}</p> }>
            {Suspend::new(page)}
        </Transition>
    }
}

/// A page of a split point serving two (a list and one of its items; the dashboard and its
/// report): pages sharing most of their code share a module, so that opening one fetches
/// a few modules, not a hundred shared chunks (BENCHMARKS.md, session 14).
enum Page {
    Units,
    Unit,
    Ocop,
    Product,
    Sets,
    Set,
    Charts,
    Report,
    Storage,
    Sync,
}

// Each takes one pointer (its argument boxed): a split point is called through a C-ABI
// import, which passes one pointer safely.

#[leptos::lazy]
fn unit_pages(page: Box<Page>) -> AnyView {
    match *page {
        Page::Unit => view! { <pages::unit::UnitPage/> }.into_any(),
        _ => view! { <pages::units::UnitsPage/> }.into_any(),
    }
}

#[leptos::lazy]
fn ocop_pages(page: Box<Page>) -> AnyView {
    match *page {
        Page::Product => view! { <pages::ocop::ProductPage/> }.into_any(),
        _ => view! { <pages::ocop::OcopPage/> }.into_any(),
    }
}

#[leptos::lazy]
fn set_pages(page: Box<Page>) -> AnyView {
    match *page {
        Page::Set => view! { <pages::sets::SetPage/> }.into_any(),
        _ => view! { <pages::sets::SetsPage/> }.into_any(),
    }
}

#[leptos::lazy]
fn dashboard_pages(page: Box<Page>) -> AnyView {
    match *page {
        Page::Report => view! { <pages::report::ReportPage/> }.into_any(),
        _ => view! { <pages::charts::ChartsPage/> }.into_any(),
    }
}

#[leptos::lazy]
fn plans_page() -> AnyView {
    view! { <pages::plans::PlansPage/> }.into_any()
}

/// The device's own settings: storage, and the sync with a server (small pages, one module).
#[leptos::lazy]
fn device_pages(page: Box<Page>) -> AnyView {
    match *page {
        Page::Sync => view! { <pages::sync::SyncPage/> }.into_any(),
        _ => view! { <pages::storage::StoragePage/> }.into_any(),
    }
}

#[leptos::lazy]
fn exchange_page() -> AnyView {
    view! { <pages::exchange::ExchangePage/> }.into_any()
}
