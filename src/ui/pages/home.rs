//! The first screen: onboarding on first run; afterwards, who you are and where to go.

use crate::ui::app_href;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::units::UnitRef;
use crate::ui::i18n::{tr, Text};
use crate::ui::pages::onboarding::Onboarding;
use crate::ui::pages::StoreErrorBox;
use crate::ui::state::{use_db, use_session, DbState};
use crate::ui::texts;

mod t {
    use crate::ui::i18n::Text;
    pub const YOUR_UNIT: Text = Text::new("Đơn vị của bạn", "Your unit");
    pub const OPEN_UNIT: Text = Text::new("Nhập kết quả tiêu chí", "Record criteria results");
    pub const ALL_UNITS: Text = Text::new("Danh sách đơn vị", "All units");
    pub const OCOP: Text = Text::new("Sản phẩm OCOP", "OCOP products");
    pub const FIGURES: Text = Text::new("Xem số liệu, biểu đồ", "See the figures and charts");
}

#[component]
pub fn HomePage() -> impl IntoView {
    let db = use_db();
    let session = use_session();
    let ws = crate::ui::state::use_workspace();
    // The loaded workspace has every unit: the home's name is read from it, not the store.
    let home_name = move || {
        let home = session.profile.get()?.home?;
        ws.with(|w| Some(w.as_ref()?.unit_name(&home.key())?.to_string()))
    };
    let onboarded = move || session.profile.get().is_some_and(|p| p.home.is_some());
    let db_failed = move || match db.state() {
        DbState::Failed(e) => Some(view! { <StoreErrorBox error=e/> }),
        _ => None,
    };
    let home_key = move || {
        session
            .profile
            .get()
            .and_then(|p| p.home)
            .map(|h: UnitRef| h.key())
            .unwrap_or_default()
    };

    view! {
        {db_failed}
        <Show when=move || session.loaded.get()>
            <Show when=onboarded fallback=|| view! { <IntroText/><Onboarding/> }>
                <h1>{tr(texts::APP_NAME)}</h1>
                <p class="greeting" data-testid="greeting">
                    {tr(texts::GREETING)} ", " {move || session.profile.get().map(|p| p.name).unwrap_or_default()}
                </p>
                <section class="card">
                    <h2>{tr(t::YOUR_UNIT)}</h2>
                    <p class="unit-name" data-testid="home-unit">{move || home_name().unwrap_or_default()}</p>
                    <div class="actions">
                        {move || if home_key().starts_with("province:") {
                            view! { <A href=app_href("/bieu-do") attr:class="button primary">{tr(t::FIGURES)}</A> }.into_any()
                        } else {
                            view! { <A href=app_href(format!("/don-vi/{}", home_key())) attr:class="button primary">{tr(t::OPEN_UNIT)}</A> }.into_any()
                        }}
                        <A href=app_href("/don-vi") attr:class="button secondary">{tr(t::ALL_UNITS)}</A>
                        <A href=app_href("/ocop") attr:class="button secondary">{tr(t::OCOP)}</A>
                    </div>
                </section>
            </Show>
        </Show>
    }
}

#[component]
fn IntroText() -> impl IntoView {
    const INTRO_TITLE: Text = texts::APP_NAME;
    view! {
        <p class="app-title">{tr(INTRO_TITLE)}</p>
        <p class="lead">{tr(texts::HOME_INTRO)}</p>
    }
}
