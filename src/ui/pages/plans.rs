//! Plans: yearly targets per scope, with progress beside each: recognised by decision
//! against registered, self-assessed beside it, the average criteria per commune and the
//! communes still under the least criteria. Laid out from `present::plans`; the form is
//! read by `app::plans`.

use leptos::prelude::*;
use strum::VariantArray;

use crate::app::plans::{form_of, plan_from_form, PlanForm};
use crate::domain::keys::key;
use crate::domain::plans::{Plan, PlanItem};
use crate::domain::stats::Scope;
use crate::domain::units::UnitRef;
use crate::present::plans::{form_rows, item_text, scope_choices, t, PlanRow};
use crate::shell;
use crate::ui::i18n::{tr, use_lang, Text};
use crate::ui::state::{use_session, use_workspace};

#[component]
pub fn PlansPage() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let ws = use_workspace();
    let year = RwSignal::new(shell::today().map_or(2026, |d| chrono::Datelike::year(&d) as u16));
    let scope = RwSignal::new(None::<Scope>);
    let plans =
        crate::ui::state::use_store_read(|store| async move { store.records::<Plan>().await });
    let ocop = crate::ui::pages::ocop::use_ocop();
    let form = RwSignal::new(PlanForm::default());
    let error = RwSignal::new(None::<Text>);

    let scopes = move || ws.get().map(|w| scope_choices(&w)).unwrap_or_default();
    // Default scope: the user's commune, else the first (a province is listed first).
    Effect::new(move |_| {
        if scope.get_untracked().is_some() {
            return;
        }
        let home = match session.profile.get().and_then(|p| p.home) {
            Some(UnitRef::Commune(c)) => Some(Scope::Commune(c)),
            Some(UnitRef::Province(p)) => Some(Scope::Province(p)),
            _ => None,
        };
        let first = scopes().first().and_then(|(k, _)| Scope::from_key(k));
        if let Some(s) = home.or(first) {
            scope.set(Some(s));
        }
    });
    // The form follows the saved plan of the chosen scope and year.
    Effect::new(move |_| {
        let saved = scope.get().and_then(|s| {
            let id = Plan::record_id(&s, year.get());
            plans
                .get()
                .unwrap_or_default()
                .into_iter()
                .find(|p| p.id == id && !p.archived)
                .map(|p| p.data)
        });
        form.set(form_of(saved.as_ref(), PlanItem::VARIANTS));
    });
    // What the plan as typed has reached (what does not read as a number is left out).
    let rows = move || -> Vec<PlanRow> {
        let (Some(w), Some(s)) = (ws.get(), scope.get()) else {
            return Vec::new();
        };
        let typed = form.get();
        let lenient = PlanForm {
            counts: typed
                .counts
                .into_iter()
                .filter(|(_, v)| v.trim().parse::<u32>().is_ok())
                .collect(),
            average: if crate::domain::format::parse_decimal(&typed.average).is_some() {
                typed.average
            } else {
                String::new()
            },
            minimum: if typed.minimum.trim().parse::<u32>().is_ok() {
                typed.minimum
            } else {
                String::new()
            },
        };
        let Ok(plan) = plan_from_form(s, year.get(), &lenient) else {
            return Vec::new();
        };
        let (products, ratings) = ocop.get().unwrap_or_default();
        form_rows(&w, &plan, &products, &ratings, lang.get())
    };
    let row_of = move |k: String| rows().into_iter().find(|r| r.key == k);
    let save = move |_| {
        let Some(s) = scope.get_untracked() else {
            return;
        };
        match plan_from_form(s, year.get_untracked(), &form.get_untracked()) {
            Ok(plan) => {
                error.set(None);
                session.run_other_edit(
                    None,
                    move |store, author| async move {
                        store
                            .save_record(&plan.id.clone(), plan, false, &author)
                            .await
                    },
                    |_| {},
                );
            }
            Err(_) => error.set(Some(t::BAD_NUMBER)),
        }
    };
    let count_input = move |item: PlanItem| {
        let id = format!("plan-{}", key(&item));
        let k = key(&item);
        let (k_attr, k_cells, k_progress) = (k.clone(), k.clone(), k);
        let value = move || {
            form.with(|f| {
                f.counts
                    .iter()
                    .find(|(i, _)| *i == item)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            })
        };
        let set = move |v: String| {
            form.update(|f| {
                if let Some(slot) = f.counts.iter_mut().find(|(i, _)| *i == item) {
                    slot.1 = v;
                }
            })
        };
        view! {
            <li class="card plan-item" data-plan-item=k_attr>
                <label for=id.clone()>{tr(item_text(item))}</label>
                <div class="row">
                    <div>
                        <span class="hint">{tr(t::REGISTERED)}</span>
                        <input id=id type="text" inputmode="numeric" prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
                    </div>
                    <ProgressCells row=Signal::derive(move || row_of(k_cells.clone()))/>
                </div>
                <p class="progress" data-testid="progress">{move || row_of(k_progress.clone()).map(|r| r.progress)}</p>
            </li>
        }
    };

    view! {
        <h1>{tr(t::TITLE)}</h1>
        {move || scopes().is_empty().then(|| view! { <p class="hint">{tr(t::NO_SCOPE)}</p> })}
        <div class="card">
            <div class="row">
                <div>
                    <label for="plan-scope">{tr(t::SCOPE)}</label>
                    <select id="plan-scope" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        scope.set(Scope::from_key(&v));
                    }>
                        {move || scopes().into_iter().map(|(k, name)| {
                            let selected = scope.get_untracked().map(|s| s.key()) == Some(k.clone());
                            view! { <option value=k selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="plan-year">{tr(t::YEAR)}</label>
                    <select id="plan-year" on:change=move |ev| if let Ok(y) = event_target_value(&ev).parse() { year.set(y) }>
                        {(2016..=2030u16).rev().map(|y| view! { <option value=y.to_string() selected=move || year.get() == y>{y.to_string()}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="hint">{tr(t::HINT)}</p>
        </div>
        <Show when=move || error.get().is_some()>
            <p class="bad" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</p>
        </Show>
        <ul class="plan-list">
            {PlanItem::VARIANTS.iter().copied().map(count_input).collect_view()}
            <li class="card plan-item" data-plan-item="average_criteria">
                <label for="plan-average">{tr(t::AVERAGE)}</label>
                <div class="row">
                    <div>
                        <span class="hint">{tr(t::REGISTERED)}</span>
                        <input id="plan-average" type="text" inputmode="decimal" prop:value=move || form.with(|f| f.average.clone())
                            on:input=move |ev| form.update(|f| f.average = event_target_value(&ev))/>
                    </div>
                    <ProgressCells row=Signal::derive(move || row_of("average_criteria".into()))/>
                </div>
                <p class="progress" data-testid="progress">{move || row_of("average_criteria".into()).map(|r| r.progress)}</p>
            </li>
            <li class="card plan-item" data-plan-item="min_criteria">
                <label for="plan-minimum">{tr(t::MINIMUM)}</label>
                <div class="row">
                    <div>
                        <span class="hint">{tr(t::CRITERIA)}</span>
                        <input id="plan-minimum" type="text" inputmode="numeric" prop:value=move || form.with(|f| f.minimum.clone())
                            on:input=move |ev| form.update(|f| f.minimum = event_target_value(&ev))/>
                    </div>
                    <ProgressCells row=Signal::derive(move || row_of("min_criteria".into()))/>
                </div>
                <p class="progress" data-testid="progress">{move || row_of("min_criteria".into()).map(|r| r.progress)}</p>
            </li>
        </ul>
        <div class="actions"><button type="button" class="primary" on:click=save>{tr(t::SAVE)}</button></div>
    }
}

/// What a plan line reached: recognised (or the figure reached) and self-assessed.
#[component]
fn ProgressCells(row: Signal<Option<PlanRow>>) -> impl IntoView {
    view! {
        <div>
            <span class="hint">{tr(t::ACHIEVED)}</span>
            <p class="achieved" data-testid="achieved">{move || row.get().map(|r| r.achieved)}</p>
        </div>
        <div>
            <span class="hint">{tr(t::SELF_ASSESSED)}</span>
            <p class="achieved" data-testid="self-assessed">{move || row.get().map(|r| r.self_assessed)}</p>
        </div>
    }
}
