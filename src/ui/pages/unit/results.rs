//! The unit page's recognition steps and resource figures: lists and forms laid out from
//! `present::unit_results`, saved through `app::results` (one edit each).

use leptos::prelude::*;
use strum::VariantArray;

use crate::app::results::{self, FigureChange, StepForm};
use crate::domain::assessment::Period;
use crate::domain::keys::{from_key, key};
use crate::domain::recognition::Step;
use crate::domain::resources::{groups, Quantity, ResourceEntry};
use crate::domain::units::UnitRef;
use crate::present::dashboard::results::level_text;
use crate::present::text::Text;
use crate::present::unit_results::{figure_groups, refusal, step_rows, step_text, t, FigureRow};
use crate::ui::i18n::{tr, use_lang};
use crate::ui::state::{use_session, use_workspace};

/// Recognition steps of the unit, newest first, and the form to record one.
#[component]
pub fn RecognitionCard(unit_ref: UnitRef) -> impl IntoView {
    let session = use_session();
    let ws = use_workspace();
    let lang = use_lang();
    let ur = unit_ref.clone();
    let rows = Memo::new(move |_| {
        ws.with(|w| {
            w.as_ref()
                .map(|w| step_rows(&w.steps_of(&ur), lang.get()))
                .unwrap_or_default()
        })
    });
    let today = crate::shell::today();
    let form = RwSignal::new(StepForm {
        date: today
            .map(crate::domain::iso_date::write)
            .unwrap_or_default(),
        ..StepForm::default()
    });
    let error = RwSignal::new(None::<String>);
    let levels = results::levels_for(&unit_ref);
    let ur = unit_ref.clone();
    let save = move |_| {
        let Some(today) = crate::shell::today() else {
            return;
        };
        match results::step_recorded(&ur, &form.get_untracked(), today, crate::shell::random_id()) {
            Ok(step) => {
                error.set(None);
                session.run_edit(
                    move |store, author| async move {
                        store
                            .save_record(&step.id.clone(), step, false, &author)
                            .await
                    },
                    move |_| {
                        form.update(|f| {
                            f.decision_no.clear();
                            f.note.clear();
                        })
                    },
                );
            }
            Err(r) => error.set(Some(refusal(&r, lang.get_untracked()))),
        }
    };
    let hide = move |id: String| {
        let Some(step) = ws.with_untracked(|w| {
            w.as_ref().and_then(|w| {
                w.steps_of(&unit_ref)
                    .into_iter()
                    .find(|s| s.id == id)
                    .cloned()
            })
        }) else {
            return;
        };
        session.run_edit_as(
            Some(format!(
                "{} {}",
                t::HIDE.get(lang.get_untracked()),
                step_text(step.step).get(lang.get_untracked())
            )),
            move |store, author| async move { store.save_record(&id, step, true, &author).await },
            |_| {},
        );
    };
    let text_field = move |id: &'static str, label: Text, set: fn(&mut StepForm, String)| {
        view! {
            <label for=id>{tr(label)}</label>
            <input id=id type="text" maxlength="200" on:change=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
        }
    };
    view! {
        <section class="card" data-testid="recognition-steps">
            <h2>{tr(t::RECOGNITION)}</h2>
            <p class="hint small-text">{tr(t::RECOGNITION_HINT)}</p>
            {move || {
                let list = rows.get();
                if list.is_empty() {
                    view! { <p class="hint">{tr(t::NO_STEPS)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list">
                            {list.into_iter().map(|(id, text)| {
                                let hide = hide.clone();
                                let step_id = id.clone();
                                view! {
                                    <li data-step=step_id>{text} " "
                                        <button type="button" class="link" on:click=move |_| hide(id.clone())>{tr(t::HIDE)}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <details class="rating-form">
                <summary>{tr(t::ADD_STEP)}</summary>
                <Show when=move || error.get().is_some()>
                    <p class="bad" role="alert">{move || error.get()}</p>
                </Show>
                <label for="step-kind">{tr(t::STEP)}</label>
                <select id="step-kind" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.step = from_key(&v)) }>
                    <option value="">{tr(t::CHOOSE)}</option>
                    {Step::VARIANTS.iter().copied().map(|s| view! { <option value=key(&s)>{tr(step_text(s))}</option> }).collect_view()}
                </select>
                <label for="step-level">{tr(t::LEVEL)}</label>
                <select id="step-level" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.level = from_key(&v)) }>
                    <option value="">{tr(t::CHOOSE)}</option>
                    {levels.into_iter().map(|l| view! { <option value=key(&l)>{tr(level_text(l))}</option> }).collect_view()}
                </select>
                <Show when=move || form.with(|f| f.step == Some(Step::Registered))>
                    <label for="step-year">{tr(t::TARGET_YEAR)}</label>
                    <input id="step-year" type="text" inputmode="numeric" maxlength="4" on:change=move |ev| form.update(|f| f.target_year = event_target_value(&ev))/>
                </Show>
                <label for="step-date">{tr(t::DATE)}</label>
                <input id="step-date" type="date" prop:value=move || form.with(|f| f.date.clone()) on:change=move |ev| form.update(|f| f.date = event_target_value(&ev))/>
                {text_field("step-decision", t::DECISION_NO, |f, v| f.decision_no = v)}
                {text_field("step-issuer", t::ISSUER, |f, v| f.issuer = v)}
                {text_field("step-note", t::NOTE, |f, v| f.note = v)}
                <div class="actions"><button type="button" class="primary" data-testid="save-step" on:click=save>{tr(t::SAVE)}</button></div>
            </details>
        </section>
    }
}

/// The unit's figures of the period, a field per quantity, grouped; and adding a
/// quantity of the province's own.
#[component]
pub fn ResourcesCard(unit_ref: UnitRef, period: Signal<Period>) -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    let ur = unit_ref.clone();
    let shown = Memo::new(move |_| {
        let p = period.get();
        ws.with(|w| {
            let w = w.as_ref()?;
            let quantities = w.quantities();
            let figures = w.figures_of(&ur, p);
            let owned: Vec<ResourceEntry> = figures.values().map(|e| (*e).clone()).collect();
            Some((p, quantities, owned))
        })
    });
    let error = RwSignal::new(None::<String>);
    view! {
        <section class="card" data-testid="resource-figures">
            <h2>{tr(t::RESOURCES)} " · " {move || period.get().label(lang.get())}</h2>
            <p class="hint small-text">{tr(t::RESOURCES_HINT)}</p>
            <Show when=move || error.get().is_some()>
                <p class="bad" role="alert">{move || error.get()}</p>
            </Show>
            {
                let unit_ref = unit_ref.clone();
                move || {
                    let (p, quantities, owned) = shown.get()?;
                    let figures = owned.iter().map(|e| (e.quantity.clone(), e)).collect();
                    let groups = figure_groups(&quantities, &figures, lang.get());
                    Some(groups.into_iter().map(|(name, rows)| {
                        let unit_ref = unit_ref.clone();
                        let owned = owned.clone();
                        view! {
                            <h3>{name}</h3>
                            {rows.into_iter().map(|row| {
                                let current = owned.iter().find(|e| e.quantity == row.quantity.id).cloned();
                                view! { <FigureField row=row unit_ref=unit_ref.clone() period=p current=current error=error/> }
                            }).collect_view()}
                        }
                    }).collect_view())
                }
            }
            <AddQuantity/>
        </section>
    }
}

#[component]
fn FigureField(
    row: FigureRow,
    unit_ref: UnitRef,
    period: Period,
    current: Option<ResourceEntry>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let id = format!("q-{}", row.quantity.id);
    let value = RwSignal::new(row.value.clone());
    let source = RwSignal::new(row.source.clone());
    let note = RwSignal::new(row.note.clone());
    let quantity = row.quantity.clone();
    let label = row.label.clone();
    let save = move || {
        let change = results::figure_entered(
            &unit_ref,
            period,
            &quantity,
            &value.get_untracked(),
            &source.get_untracked(),
            &note.get_untracked(),
            current.as_ref(),
        );
        match change {
            Ok(FigureChange::Set(e)) => {
                error.set(None);
                if current.as_ref() == Some(&e) {
                    return;
                }
                session.run_edit(
                    move |store, author| async move {
                        store.save_record(&e.id.clone(), e, false, &author).await
                    },
                    |_| {},
                );
            }
            Ok(FigureChange::Clear(e)) => {
                error.set(None);
                session.run_edit(
                    move |store, author| async move {
                        store.save_record(&e.id.clone(), e, true, &author).await
                    },
                    |_| {},
                );
            }
            Ok(FigureChange::None) => error.set(None),
            Err(r) => error.set(Some(format!(
                "{}: {}",
                label,
                refusal(&r, lang.get_untracked())
            ))),
        }
    };
    let (save1, save2, save3) = (save.clone(), save.clone(), save);
    view! {
        <div class="figure-field" data-quantity=row.quantity.id.clone()>
            <label for=id.clone()>{row.label.clone()}</label>
            <input id=id.clone() type="text" inputmode="decimal" prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) on:change=move |_| save1()/>
            <details>
                <summary class="small-text">{tr(t::SOURCE)} " · " {tr(t::NOTE)}</summary>
                <label for=format!("{id}-source")>{tr(t::SOURCE)}</label>
                <input id=format!("{id}-source") type="text" maxlength="200" prop:value=move || source.get()
                    on:input=move |ev| source.set(event_target_value(&ev)) on:change=move |_| save2()/>
                <label for=format!("{id}-note")>{tr(t::NOTE)}</label>
                <input id=format!("{id}-note") type="text" maxlength="500" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev)) on:change=move |_| save3()/>
            </details>
        </div>
    }
}

#[component]
fn AddQuantity() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let group = RwSignal::new(groups()[0].id.clone());
    let error = RwSignal::new(None::<String>);
    let add = move |_| match results::quantity_added(
        &name.get_untracked(),
        &unit.get_untracked(),
        &group.get_untracked(),
        crate::shell::random_id(),
    ) {
        Ok(q) => {
            error.set(None);
            session.run_edit(
                move |store, author| async move {
                    store
                        .save_record::<Quantity>(&q.id.clone(), q, false, &author)
                        .await
                },
                move |_| {
                    name.set(String::new());
                    unit.set(String::new());
                },
            );
        }
        Err(r) => error.set(Some(refusal(&r, lang.get_untracked()))),
    };
    let l = lang.get_untracked();
    view! {
        <details class="rating-form">
            <summary>{tr(t::ADD_QUANTITY)}</summary>
            <Show when=move || error.get().is_some()>
                <p class="bad" role="alert">{move || error.get()}</p>
            </Show>
            <label for="quantity-name">{tr(t::QUANTITY_NAME)}</label>
            <input id="quantity-name" type="text" maxlength="120" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for="quantity-unit">{tr(t::QUANTITY_UNIT)}</label>
            <input id="quantity-unit" type="text" maxlength="40" prop:value=move || unit.get() on:input=move |ev| unit.set(event_target_value(&ev))/>
            <label for="quantity-group">{tr(t::QUANTITY_GROUP)}</label>
            <select id="quantity-group" on:change=move |ev| group.set(event_target_value(&ev))>
                {groups().into_iter().map(|g| view! { <option value=g.id.clone()>{l.pick(g.name.clone(), g.name_en.clone())}</option> }).collect_view()}
            </select>
            <div class="actions"><button type="button" class="primary" data-testid="add-quantity" on:click=add>{tr(t::SAVE)}</button></div>
        </details>
    }
}
