//! "Lịch sử": the edits of one value (who, when, old → new), newest first, each with
//! "restore this value" (a new, undoable edit).

use leptos::prelude::*;

use crate::domain::history::EditTarget;
use crate::domain::profile::Lang;
use crate::present::history::{self as words, t};
use crate::ui::i18n::{tr, use_locale};
use crate::ui::state::use_session;

/// "Lịch sử": the edits of one value, newest first, each with "restore this value".
#[component]
pub fn HistoryButton(target: EditTarget, lang: RwSignal<Lang>) -> impl IntoView {
    let session = use_session();
    let locale = use_locale();
    let open = RwSignal::new(false);
    // Read while open, again after every committed edit (a restore, an import).
    let entries = LocalResource::new(move || {
        session.data_version.track();
        let read = open
            .get()
            .then(|| session.db.ready())
            .flatten()
            .map(|store| (store, target.clone()));
        async move {
            match read {
                Some((store, target)) => Some(store.history(&target).await),
                None => None,
            }
        }
    });
    view! {
        <button type="button" class="link" aria-expanded=move || open.get().to_string() on:click=move |_| { open.update(|o| *o = !*o); }>{tr(t::HISTORY)}</button>
        <Show when=move || open.get()>
            <ol class="history" data-testid="history">
                {move || {
                    let list = match entries.get().flatten() {
                        None => return view! { <li>{tr(crate::ui::texts::LOADING)}</li> }.into_any(),
                        Some(Err(e)) => return view! { <li><crate::ui::pages::StoreErrorBox error=e/></li> }.into_any(),
                        Some(Ok(list)) => list,
                    };
                    if list.is_empty() {
                        return view! { <li>{tr(t::NO_HISTORY)}</li> }.into_any();
                    }
                    let locale = crate::present::Locale::new(lang.get(), locale().utc_offset_minutes);
                    words::rows(&list, locale).into_iter().map(|row| {
                        let key = row.key;
                        view! {
                            <li>
                                <span class="hint">{row.when} " · " {row.author}</span>
                                <span class="change">{row.change}</span>
                                <button type="button" class="secondary small" on:click=move |_| {
                                    session.run_edit(move |store, author| async move { store.restore(key, &author).await }, |_| {});
                                }>{tr(t::RESTORE)}</button>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ol>
        </Show>
    }
}
