//! The first screen: what the app is, and who is using this device.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::profile::{clean_name, NameError, Profile};
use crate::shell;
use crate::store::StoreError;
use crate::ui::i18n::{tr, Text};
use crate::ui::pages::StoreErrorBox;
use crate::ui::state::{use_db, DbState};
use crate::ui::texts;

#[derive(Clone, PartialEq)]
enum SaveStatus {
    Idle,
    Saving,
    /// Shown only after the transaction committed.
    Saved,
    Invalid(NameError),
    Failed(StoreError),
}

fn name_error_text(e: NameError) -> Text {
    match e {
        NameError::Empty => texts::NAME_EMPTY,
        NameError::TooLong => texts::NAME_TOO_LONG,
        NameError::ControlCharacter => texts::NAME_CONTROL,
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let db = use_db();
    let name = RwSignal::new(String::new());
    let saved_name = RwSignal::new(None::<String>);
    let status = RwSignal::new(SaveStatus::Idle);

    Effect::new(move |_| {
        if let Some(store) = db.ready() {
            spawn_local(async move {
                if let Ok(Some(profile)) = store.profile().await {
                    name.set(profile.name.clone());
                    saved_name.set(Some(profile.name));
                }
            });
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cleaned = match clean_name(&name.get_untracked()) {
            Ok(n) => n,
            Err(e) => return status.set(SaveStatus::Invalid(e)),
        };
        let Some(store) = db.ready_untracked() else {
            return;
        };
        status.set(SaveStatus::Saving);
        spawn_local(async move {
            let profile = Profile {
                name: cleaned.clone(),
                ..Default::default()
            };
            match store.save_profile(&profile).await {
                Ok(outcome) => {
                    name.set(cleaned.clone());
                    saved_name.set(Some(cleaned));
                    status.set(SaveStatus::Saved);
                    if outcome.first_save {
                        // Ask once, at the first moment there is something worth keeping.
                        shell::storage::request_persistence().await;
                    }
                }
                Err(e) => status.set(SaveStatus::Failed(e)),
            }
        });
    };

    let db_failed = move || match db.state() {
        DbState::Failed(e) => Some(view! { <StoreErrorBox error=e/> }),
        _ => None,
    };

    view! {
        <h1>{tr(texts::APP_NAME)}</h1>
        <p class="lead">{tr(texts::HOME_INTRO)}</p>
        {db_failed}
        <section class="card" aria-labelledby="profile-title">
            <h2 id="profile-title">{tr(texts::PROFILE_TITLE)}</h2>
            <Show when=move || saved_name.get().is_some()>
                <p class="greeting" data-testid="greeting">
                    {tr(texts::GREETING)} ", " {move || saved_name.get().unwrap_or_default()}
                </p>
            </Show>
            <form on:submit=on_submit novalidate>
                <label for="profile-name">{tr(texts::PROFILE_NAME)}</label>
                <input
                    id="profile-name"
                    name="name"
                    type="text"
                    autocomplete="name"
                    maxlength="100"
                    prop:value=move || name.get()
                    on:input=move |ev| {
                        name.set(event_target_value(&ev));
                        status.set(SaveStatus::Idle);
                    }
                    aria-describedby="profile-name-hint"
                />
                <p id="profile-name-hint" class="hint">{tr(texts::PROFILE_NAME_HINT)}</p>
                <button
                    type="submit"
                    class="primary"
                    disabled=move || {
                        db.ready().is_none() || status.get() == SaveStatus::Saving
                    }
                >
                    {tr(texts::SAVE)}
                </button>
                <div class="save-status" role="status" aria-live="polite">
                    {move || match status.get() {
                        SaveStatus::Idle => None,
                        SaveStatus::Saving => Some(view! { <span>{tr(texts::SAVING)}</span> }.into_any()),
                        SaveStatus::Saved => Some(view! { <span class="ok">"✓ " {tr(texts::SAVED)}</span> }.into_any()),
                        SaveStatus::Invalid(e) => Some(view! { <span class="bad">{tr(name_error_text(e))}</span> }.into_any()),
                        SaveStatus::Failed(e) => Some(view! { <StoreErrorBox error=e/> }.into_any()),
                    }}
                </div>
            </form>
        </section>
    }
}
