//! "Lịch sử": the edits of one value (who, when, old → new), newest first, each with
//! "restore this value" (a new, undoable edit).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::format::format_number_short;
use crate::domain::history::EditTarget;
use crate::domain::profile::Lang;
use crate::shell;
use crate::store::StoredHistory;
use crate::ui::i18n::tr;
use crate::ui::state::use_session;

mod t {
    use crate::ui::i18n::Text;
    pub const HISTORY: Text = Text::new("Lịch sử", "History");
    pub const RESTORE: Text = Text::new("Khôi phục giá trị này", "Restore this value");
    pub const EMPTY_VALUE: Text = Text::new("(trống)", "(empty)");
    pub const NO_HISTORY: Text = Text::new("Chưa có thay đổi nào.", "No changes yet.");
    pub const MET: Text = Text::new("Đạt", "Met");
    pub const NOT_MET: Text = Text::new("Chưa đạt", "Not met");
    pub const NA: Text = Text::new("Không áp dụng", "Not applicable");
}

/// "Lịch sử": the edits of one value, newest first, each with "restore this value".
#[component]
pub fn HistoryButton(target: EditTarget, lang: RwSignal<Lang>) -> impl IntoView {
    let session = use_session();
    let open = RwSignal::new(false);
    let entries = RwSignal::new(Vec::<StoredHistory>::new());
    let load = {
        let target = target.clone();
        move || {
            let target = target.clone();
            if let Some(store) = session.db.ready_untracked() {
                spawn_local(async move {
                    let mut h = store.history(&target).await.unwrap_or_default();
                    h.reverse();
                    entries.set(h);
                });
            }
        }
    };
    let load2 = load.clone();
    Effect::new(move |_| {
        session.data_version.track();
        if open.get() {
            load2();
        }
    });
    view! {
        <button type="button" class="link" aria-expanded=move || open.get().to_string() on:click=move |_| { open.update(|o| *o = !*o); }>{tr(t::HISTORY)}</button>
        <Show when=move || open.get()>
            <ol class="history" data-testid="history">
                {move || {
                    let list = entries.get();
                    if list.is_empty() {
                        return view! { <li>{tr(t::NO_HISTORY)}</li> }.into_any();
                    }
                    list.into_iter().map(|h| {
                        let key = h.key;
                        let when = shell::local_date_time(h.entry.stamp.hlc.wall_ms);
                        let old = describe(h.entry.old.as_ref(), lang.get_untracked());
                        let new = describe(h.entry.new.as_ref(), lang.get_untracked());
                        view! {
                            <li>
                                <span class="hint">{when} " · " {h.entry.stamp.author.clone()}</span>
                                <span class="change">{old} " → " {new}</span>
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

/// A history value in words: "72,5", "Đạt", "(trống)"; with its note.
fn describe(v: Option<&serde_json::Value>, lang: Lang) -> String {
    let Some(v) = v else {
        return t::EMPTY_VALUE.get(lang).to_string();
    };
    let inner = &v["value"];
    let text = match (inner["type"].as_str(), inner.as_str()) {
        (Some("number"), _) => inner["value"]
            .as_f64()
            .map(|n| format_number_short(n, 4))
            .unwrap_or_default(),
        (Some("yes_no"), _) => if inner["value"].as_bool() == Some(true) {
            t::MET
        } else {
            t::NOT_MET
        }
        .get(lang)
        .to_string(),
        (Some("text"), _) => inner["value"].as_str().unwrap_or_default().to_string(),
        (None, Some("met")) => t::MET.get(lang).to_string(),
        (None, Some("not_met")) => t::NOT_MET.get(lang).to_string(),
        (None, Some("not_applicable")) => t::NA.get(lang).to_string(),
        _ => t::EMPTY_VALUE.get(lang).to_string(),
    };
    match v["note"].as_str() {
        Some(n) if !n.is_empty() => format!("{text} ({n})"),
        _ => text,
    }
}
