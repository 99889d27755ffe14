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
            <Route path=path!("/don-vi") view=|| lazy_page(units_page())/>
            <Route path=path!("/don-vi/:key") view=|| lazy_page(unit_page())/>
            <Route path=path!("/ocop") view=|| lazy_page(ocop_page())/>
            <Route path=path!("/ocop/:id") view=|| lazy_page(product_page())/>
            <Route path=path!("/ke-hoach") view=|| lazy_page(plans_page())/>
            <Route path=path!("/bo-tieu-chi") view=|| lazy_page(sets_page())/>
            <Route path=path!("/bo-tieu-chi/:id") view=|| lazy_page(set_page())/>
            <Route path=path!("/bieu-do") view=|| lazy_page(charts_page())/>
            <Route path=path!("/bao-cao") view=|| lazy_page(report_page())/>
            <Route path=path!("/luu-tru") view=|| lazy_page(storage_page())/>
            <Route path=path!("/trao-doi") view=|| lazy_page(exchange_page())/>
        </Routes>
    }
}

/// A page whose module may still be downloading: "Đang tải…" until it is in (at once when
/// it was loaded before or the service worker has it).
fn lazy_page(page: impl std::future::Future<Output = AnyView> + Send + 'static) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="hint" role="status">{tr(texts::LOADING)}</p> }>
            {Suspend::new(page)}
        </Suspense>
    }
}

#[leptos::lazy]
fn units_page() -> AnyView {
    view! { <pages::units::UnitsPage/> }.into_any()
}

#[leptos::lazy]
fn unit_page() -> AnyView {
    view! { <pages::unit::UnitPage/> }.into_any()
}

#[leptos::lazy]
fn ocop_page() -> AnyView {
    view! { <pages::ocop::OcopPage/> }.into_any()
}

#[leptos::lazy]
fn product_page() -> AnyView {
    view! { <pages::ocop::ProductPage/> }.into_any()
}

#[leptos::lazy]
fn plans_page() -> AnyView {
    view! { <pages::plans::PlansPage/> }.into_any()
}

#[leptos::lazy]
fn sets_page() -> AnyView {
    view! { <pages::sets::SetsPage/> }.into_any()
}

#[leptos::lazy]
fn set_page() -> AnyView {
    view! { <pages::sets::SetPage/> }.into_any()
}

#[leptos::lazy]
fn charts_page() -> AnyView {
    view! { <pages::charts::ChartsPage/> }.into_any()
}

#[leptos::lazy]
fn report_page() -> AnyView {
    view! { <pages::report::ReportPage/> }.into_any()
}

#[leptos::lazy]
fn storage_page() -> AnyView {
    view! { <pages::storage::StoragePage/> }.into_any()
}

#[leptos::lazy]
fn exchange_page() -> AnyView {
    view! { <pages::exchange::ExchangePage/> }.into_any()
}
