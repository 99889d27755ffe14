//! One module per page.

mod chart_cards;
pub mod charts;
mod dashboard_parts;
pub mod exchange;
pub mod home;
mod import_outside;
pub mod ocop;
pub mod onboarding;
pub mod plans;
pub mod report;
pub mod sets;
pub mod storage;
pub mod sync;
pub mod unit;
pub mod units;
pub mod villages;

use crate::ui::app_href;
use leptos::prelude::*;
use leptos_router::components::A;

use super::i18n::{tr, Text};
use super::texts;
use crate::store::StoreError;

/// The plain-language explanation of a store failure.
pub fn store_error_text(e: &StoreError) -> Text {
    match e {
        StoreError::QuotaExceeded => texts::STORE_QUOTA,
        StoreError::Unavailable(_) => texts::STORE_UNAVAILABLE,
        StoreError::VersionConflict(_) => texts::STORE_VERSION,
        StoreError::Other(_) => texts::STORE_OTHER,
    }
}

/// A store failure as the user sees it: what happened and what to do, with the browser's
/// own words folded away for whoever has to help.
#[component]
pub fn StoreErrorBox(error: StoreError) -> impl IntoView {
    let detail = error.to_string();
    view! {
        <div class="error-box" role="alert">
            <p>{tr(store_error_text(&error))}</p>
            <details>
                <summary>{tr(texts::ERROR_DETAIL)}</summary>
                <code>{detail}</code>
            </details>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    const NOT_FOUND: Text = Text::new("Không tìm thấy trang này.", "Page not found.");
    view! {
        <h1>{tr(NOT_FOUND)}</h1>
        <p><A href=app_href("/")>{tr(texts::NAV_HOME)}</A></p>
    }
}
