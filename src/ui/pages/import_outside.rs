//! The import preview's section of values outside the sender's scope (issue 31; words:
//! `present::import_outside`): each listed with the reason and a box to import it anyway,
//! none chosen unless the official ticks it.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::app::import::{OutsideChoice, Pending};
use crate::domain::format::format_int;
use crate::present::exchange::t as et;
use crate::present::import_outside::{self as words, t};
use crate::ui::i18n::{tr, use_locale};
use crate::ui::state::use_workspace;

/// What the official chose, as the confirm request sends it.
pub fn choice(all: bool, keys: &BTreeSet<String>) -> OutsideChoice {
    if all {
        OutsideChoice::All
    } else if keys.is_empty() {
        OutsideChoice::None
    } else {
        OutsideChoice::Some(keys.iter().cloned().collect())
    }
}

#[component]
pub fn OutsideValues(
    pending: Pending,
    chosen: RwSignal<BTreeSet<String>>,
    all: RwSignal<bool>,
) -> impl IntoView {
    let ws = use_workspace();
    let locale = use_locale();
    let model = ws.with_untracked(|w| words::outside(&pending, w.as_deref(), locale()));
    let Some(m) = model else {
        return ().into_any();
    };
    let l = locale().lang;
    let keys: Vec<String> = m.rows.iter().map(|r| r.key.clone()).collect();
    let choose_all = move |_| {
        let every = !all.get_untracked();
        all.set(every);
        chosen.set(if every {
            keys.iter().cloned().collect()
        } else {
            BTreeSet::new()
        });
    };
    let total = m.rows.len() + m.more;
    let count = move || {
        let n = if all.get() {
            total
        } else {
            chosen.with(BTreeSet::len)
        };
        format!("{} {}", format_int(n as i64), t::CHOSEN.get(l))
    };
    view! {
        <div class="outside" data-testid="import-outside" role="group" aria-labelledby="outside-title">
            <h4 id="outside-title" class="bad" data-testid="outside-title">{m.title}</h4>
            <p class="hint">{m.hint}</p>
            {m.claimed.map(|c| view! { <p class="hint">{c}</p> })}
            <ul class="diff">
                {m.rows.into_iter().map(|r| {
                    let (key, key2) = (r.key.clone(), r.key);
                    let ticked = Signal::derive(move || all.get() || chosen.with(|c| c.contains(&key2)));
                    let toggle = move |_| {
                        all.set(false);
                        chosen.update(|c| { if !c.remove(&key) { c.insert(key.clone()); } });
                    };
                    view! {
                        <li class=r.line.class data-testid="outside-line">
                            <span class="badge">{r.line.badge}</span>
                            <span class="what">{r.line.what}</span>
                            {r.line.here.map(|h| view! { <span class="old">{et::HERE.get(l)} ": " {h}</span> })}
                            <span class="new">{et::IN_FILE.get(l)} ": " {r.line.in_file}</span>
                            <span class="reason" data-testid="outside-reason">{r.reason}</span>
                            <label class="check">
                                <input type="checkbox" prop:checked=move || ticked.get() on:change=toggle data-testid="outside-take"/>
                                " " {tr(t::TAKE)}
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(m.more > 0).then(|| view! { <p data-testid="outside-more">{format_int(m.more as i64)} " " {tr(t::MORE)}</p> })}
            <p class="actions">
                <button type="button" class="secondary small" on:click=choose_all aria-pressed=move || all.get().to_string() data-testid="outside-all">
                    {move || if all.get() { tr(t::NONE)() } else { tr(t::ALL)() }}
                </button>
                " " <span role="status" data-testid="outside-chosen">{count}</span>
            </p>
        </div>
    }
    .into_any()
}
