//! Storage status: whether the browser may evict our data, and how much space it uses.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::format::format_bytes;
use crate::shell::{self, storage::Estimate};
use crate::store::schema::SCHEMA_VERSION;
use crate::ui::i18n::tr;
use crate::ui::pages::StoreErrorBox;
use crate::ui::state::{use_db, use_store_read, DbState};
use crate::ui::texts;

#[component]
pub fn StoragePage() -> impl IntoView {
    let db = use_db();
    let persisted = RwSignal::new(None::<Option<bool>>);
    let estimate = RwSignal::new(None::<Estimate>);
    // Read once for the session when the database opened.
    let device_id = crate::ui::state::use_session().device_id;
    // The signing key's fingerprint: what a receiver's preview shows for this device.
    let fingerprint = use_store_read(|store| async move {
        Ok(store
            .signing_key()
            .await
            .map(|k| crate::exchange::signing::fingerprint(&k))
            .unwrap_or_else(|_| "–".into()))
    });

    let refresh = move || {
        spawn_local(async move {
            persisted.set(Some(shell::storage::is_persisted().await));
            estimate.set(shell::storage::estimate().await);
        });
    };
    refresh();
    let ask = move |_| {
        spawn_local(async move {
            shell::storage::request_persistence().await;
            refresh();
        });
    };

    let persisted_text = move || match persisted.get() {
        None => tr(texts::LOADING)(),
        Some(Some(true)) => tr(texts::STORAGE_PERSISTED_YES)(),
        Some(Some(false)) => tr(texts::STORAGE_PERSISTED_NO)(),
        Some(None) => tr(texts::STORAGE_PERSISTED_UNKNOWN)(),
    };
    let of = tr(texts::STORAGE_OF);
    let usage_text = move || match estimate.get() {
        Some(e) => format!(
            "{} {} {}",
            format_bytes(e.usage as u64),
            of(),
            format_bytes(e.quota as u64)
        ),
        None => "–".to_string(),
    };

    view! {
        <h1>{tr(texts::STORAGE_TITLE)}</h1>
        {move || match db.state() {
            DbState::Failed(e) => Some(view! { <StoreErrorBox error=e/> }),
            _ => None,
        }}
        <section class="card">
            <dl class="facts">
                <dt>{tr(texts::STORAGE_PERSISTED)}</dt>
                <dd data-testid="persisted">{persisted_text}</dd>
                <dt>{tr(texts::STORAGE_USAGE)}</dt>
                <dd data-testid="usage">{usage_text}</dd>
                <dt>{tr(texts::STORAGE_SCHEMA)}</dt>
                <dd data-testid="schema">{SCHEMA_VERSION}</dd>
                <dt>{tr(texts::STORAGE_DEVICE)}</dt>
                <dd data-testid="device-id" class="mono">{move || device_id.get().unwrap_or_else(|| "–".into())}</dd>
                <dt>{tr(texts::STORAGE_KEY)}</dt>
                <dd data-testid="device-key" class="mono">{move || fingerprint.get().unwrap_or_else(|| "–".into())}</dd>
            </dl>
            <Show when=move || persisted.get() == Some(Some(false))>
                <button type="button" class="secondary" on:click=ask>
                    {tr(texts::STORAGE_PERSIST_ASK)}
                </button>
            </Show>
        </section>
        <Show when=shell::pwa::is_ios>
            <p class="card notice">{tr(texts::STORAGE_IOS_HINT)}</p>
        </Show>
    }
}
