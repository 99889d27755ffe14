//! The Leptos UI: the app shell (layout, routing, update prompt) and its pages.
//! Components display state and dispatch to the store; rules live in `domain`.

pub mod chart;
pub mod components;
pub mod history;
pub mod i18n;
pub mod pages;
pub mod state;
pub mod sync;
pub mod texts;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Router, A};

use crate::domain::profile::Lang;
use crate::shell;
use i18n::{tr, use_lang};
use state::{provide_db, provide_session, use_db};

thread_local! {
    static BASE_PATH: String = shell::base_path();
}

/// The path the app is served under: "" at a host's root, "/ntm" when built with
/// `--public-url /ntm/`. Read once from `<base href>`.
pub fn base_path() -> String {
    BASE_PATH.with(Clone::clone)
}

/// An app path ("/don-vi/…") as a link under the public URL. `<A>` leaves absolute paths
/// as they are (only `navigate` adds the router's base), so every link goes through here.
pub fn app_href(path: impl AsRef<str>) -> String {
    format!("{}{}", base_path(), path.as_ref())
}

/// The whole application: the shell around `children`, the routes (`src/routes.rs`, in the
/// binary: see there why).
#[component]
pub fn App(
    /// Store work fetched on first use (src/deferred.rs).
    deferred: state::Deferred,
    children: Children,
) -> impl IntoView {
    let lang = RwSignal::new(Lang::Vi);
    provide_context(lang);
    let db = provide_db(deferred);
    let session = provide_session(db, deferred);
    state::provide_workspace();
    sync::provide_sync(session);
    let update_ready = RwSignal::new(false);
    shell::pwa::register(move || update_ready.set(true));

    // Restore the saved language once the database is open.
    Effect::new(move |_| {
        if let Some(store) = db.ready() {
            spawn_local(async move {
                if let Ok(Some(saved)) = store.lang().await {
                    lang.set(saved);
                }
            });
        }
    });
    // Keep <html lang> and the title in step with the language (screen readers, hyphenation).
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", l.tag());
            }
            doc.set_title(texts::APP_NAME.get(l));
        }
    });

    view! {
        <Router base=base_path()>
            <Show when=move || update_ready.get()>
                <div class="update-banner" role="alert">
                    <span>{tr(texts::UPDATE_READY)}</span>
                    <button type="button" on:click=|_| shell::pwa::apply_update()>
                        {tr(texts::UPDATE_RELOAD)}
                    </button>
                </div>
            </Show>
            <Header/>
            <components::SafetyBanner/>
            <ReadFailed/>
            <main id="main">
                {children()}
            </main>
            <components::SaveBar/>
        </Router>
    }
}

/// The data could not be read: said, never shown as an empty device.
#[component]
fn ReadFailed() -> impl IntoView {
    let session = state::use_session();
    move || {
        session.workspace_error.get().map(|e| {
            view! {
                <div class="card notice" data-testid="read-failed">
                    <p><strong>{tr(texts::READ_FAILED)}</strong></p>
                    <pages::StoreErrorBox error=e/>
                </div>
            }
        })
    }
}

#[component]
fn Header() -> impl IntoView {
    let lang = use_lang();
    let db = use_db();
    let toggle = move |_| {
        let next = lang.get_untracked().pick(Lang::En, Lang::Vi);
        lang.set(next);
        if let Some(store) = db.ready_untracked() {
            // A failed save of the language only means it is asked again next time.
            spawn_local(async move {
                let _ = store.save_lang(next).await;
            });
        }
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <img src="icons/icon-192.png" alt="" width="32" height="32"/>
                <span class="brand-name">{tr(texts::APP_SHORT)}</span>
            </div>
            <button
                type="button"
                class="lang-toggle"
                aria-label=tr(texts::SWITCH_LANG_LABEL)
                on:click=toggle
            >
                {tr(texts::SWITCH_LANG)}
            </button>
            <nav class="main-nav" aria-label=tr(texts::NAV_MAIN)>
                <A href=app_href("/")>{tr(texts::NAV_HOME)}</A>
                <A href=app_href("/don-vi")>{tr(texts::NAV_UNITS)}</A>
                <A href=app_href("/ocop")>{tr(texts::NAV_OCOP)}</A>
                <A href=app_href("/ke-hoach")>{tr(texts::NAV_PLANS)}</A>
                <A href=app_href("/bo-tieu-chi")>{tr(texts::NAV_SETS)}</A>
                <A href=app_href("/bieu-do")>{tr(texts::NAV_CHARTS)}</A>
                <A href=app_href("/trao-doi")>{tr(texts::NAV_EXCHANGE)}</A>
                <A href=app_href("/dong-bo")>{tr(texts::NAV_SYNC)}</A>
                <A href=app_href("/luu-tru")>{tr(texts::NAV_STORAGE)}</A>
            </nav>
        </header>
    }
}
