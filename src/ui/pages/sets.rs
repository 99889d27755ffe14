//! Criteria sets: every built-in and custom set with its source and verified flags on
//! every criterion, indicator and threshold; built-ins are read-only ("make a copy to
//! edit"); each saved edit of a custom set is a new version.

use crate::ui::app_href;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use strum::VariantArray;

use std::rc::Rc;
use std::sync::Arc;

use crate::app::sets::{self, IndicatorForm, Refusal};
use crate::domain::criteria::{
    CriteriaSet, Criterion, Indicator, IndicatorKind, SetEdit, SetId, SetLevel, ThresholdDimension,
};
use crate::domain::format::format_number_short;
use crate::domain::keys::{from_key, key};
use crate::domain::workspace::Workspace;
use crate::present::sets::{
    adoptable_levels, kind_text, refusal, set_list, t, threshold_scopes, versions,
};
use crate::ui::i18n::{tr, use_lang};
use crate::ui::state::{use_session, use_workspace, Session};

#[component]
pub fn SetsPage() -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    view! {
        <h1>{tr(t::TITLE)}</h1>
        {move || ws.get().map(|w| view! {
            <ul class="product-list">
                {set_list(&w, lang.get()).into_iter().map(|s| view! {
                    <li class="card" data-set=s.set_id data-lineage=s.lineage>
                        <A href=app_href(s.href) attr:class="node-name">{s.label}</A>
                        <p class="hint">{s.criteria} " " {tr(t::CRITERIA)} " · " {if s.builtin { tr(t::BUILTIN) } else { tr(t::CUSTOM) }}
                            {s.counts.then(|| view! { " · " <span class="ok">{tr(t::COUNTS)}</span> })}</p>
                        {(s.heads > 1).then(|| view! { <p class="bad" data-testid="parallel-badge">{s.heads} " " {tr(t::PARALLEL_VERSIONS)}</p> })}
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}

#[component]
pub fn SetPage() -> impl IntoView {
    let params = use_params_map();
    let ws = use_workspace();
    view! {
        {move || {
            let id: SetId = params.with(|p| p.get("id").unwrap_or_default()).parse().ok()?;
            let w = ws.get()?;
            Some(match w.set(&id) {
                Some(s) => view! { <SetView ws=w.clone() set=s.clone()/> }.into_any(),
                None => view! { <h1>{tr(t::NOT_FOUND)}</h1> }.into_any(),
            })
        }}
    }
}

/// The router's navigate, shared by the page's callbacks.
type Navigate = Rc<dyn Fn(&str, leptos_router::NavigateOptions)>;

/// Saves a new version of a set through the session (save bar, undo) and opens it.
fn save_version(session: Session, navigate: Navigate, next: CriteriaSet) {
    session.run_edit(
        move |store, author| async move { sets::save_version(&*store, next, &author).await },
        move |path| navigate(&path, Default::default()),
    );
}

#[component]
fn SetView(ws: Arc<Workspace>, set: CriteriaSet) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let navigate: Navigate = Rc::new(use_navigate());
    let l = lang.get_untracked();
    let error = RwSignal::new(None::<String>);
    let refuse = move |r: Refusal| error.set(Some(refusal(&r, lang.get_untracked())));
    let taken: Vec<String> = ws.current_sets().iter().map(|s| s.code.clone()).collect();
    let new_code = RwSignal::new(format!("{}_TINH", set.code));
    let new_title = RwSignal::new(format!("{} (bản của tỉnh)", set.title));
    let base = set.clone();
    let go_copy = navigate.clone();
    let home = session.profile.get_untracked().and_then(|p| p.home);
    let lineage_ws = ws.clone();
    let copy = move |_| match sets::copy_of(
        &base,
        &taken,
        &new_code.get_untracked(),
        &new_title.get_untracked(),
        &sets::new_lineage(
            home.as_ref(),
            |v| lineage_ws.unit(v).and_then(|u| u.data.parent()),
            &crate::shell::random_id(),
        ),
    ) {
        Ok(copy) => save_version(session, go_copy.clone(), copy),
        Err(r) => refuse(r),
    };
    let editable = !set.builtin;
    let set_for_edit = set.clone();
    let go = navigate.clone();
    let save_edit = move |edit: Result<SetEdit, Refusal>| match edit
        .and_then(|e| sets::edited(&set_for_edit, e))
    {
        Ok(next) => {
            error.set(None);
            save_version(session, go.clone(), next)
        }
        Err(r) => refuse(r),
    };
    let dimension = set.dimension;
    let (others, newer) = versions(&ws, &set, l);
    let settle_with = {
        let (ws, set, go) = (ws.clone(), set.clone(), navigate.clone());
        move |_| save_version(session, go.clone(), sets::settled(&ws, &set))
    };

    // Which levels this set counts for on this device.
    let adopted = ws.adopted_levels(&set.id);
    let lineage = set.id.clone();
    let adopt = move |level: SetLevel, on: bool| {
        let lineage = lineage.clone();
        session.run_edit(
            move |store, _| async move { store.set_adopted(level, &lineage, on).await },
            |_| {},
        );
    };
    // The communes this device has, for "use for the villages of …".
    let village_set = set.level.is_village_level() || set.level == SetLevel::Custom;
    let communes = sets::village_set_choices(&ws, &set.set_id());
    let (ws_units, this_set) = (ws.clone(), set.clone());
    let use_for_villages = move |code: String| {
        let (ws, set) = (ws_units.clone(), this_set.clone());
        session.run_edit(
            move |store, author| async move {
                sets::use_for_villages(&*store, &ws, &code, &set, &author).await
            },
            |_| {},
        );
    };
    let send_href = format!("/trao-doi?gui=set:{}", set.set_id());
    view! {
        <h1>{set.title.clone()}</h1>
        <section class="card">
            <p data-testid="set-label">{set.label(l)} " · " {if set.builtin { tr(t::BUILTIN) } else { tr(t::CUSTOM) }}</p>
            <p>{tr(t::LEGAL)} ": " {set.legal_basis.clone()}</p>
            <p class="hint">{tr(t::SOURCE)} ": " {set.source.citation.clone()}</p>
            {set.notes.clone().map(|n| view! { <p class="notice small-text">"ⓘ " {n}</p> })}
            {set.criteria.is_empty().then(|| view! { <p class="notice" data-testid="empty-set">{tr(t::EMPTY_SET)}</p> })}
            {newer.map(|(href, label)| view! {
                <p class="notice">{tr(t::NOT_CURRENT)} " " <A href=app_href(href)>{label}</A></p>
            })}
            <Show when=move || error.get().is_some()>
                <p class="bad" role="alert">{move || error.get()}</p>
            </Show>
            {set.builtin.then(|| view! {
                <details class="rating-form">
                    <summary>{tr(t::COPY)}</summary>
                    <label for="copy-code">{tr(t::NEW_CODE)}</label>
                    <input id="copy-code" type="text" maxlength="40" prop:value=move || new_code.get() on:input=move |ev| new_code.set(event_target_value(&ev))/>
                    <label for="copy-title">{tr(t::NEW_TITLE)}</label>
                    <input id="copy-title" type="text" maxlength="200" prop:value=move || new_title.get() on:input=move |ev| new_title.set(event_target_value(&ev))/>
                    <div class="actions"><button type="button" class="primary" on:click=copy.clone()>{tr(t::COPY)}</button></div>
                </details>
            })}
        </section>
        {(!others.is_empty()).then(|| view! {
            <section class="card" data-testid="parallel-versions">
                <h2>{tr(t::PARALLEL_TITLE)}</h2>
                <p class="hint">{tr(t::PARALLEL_HINT)}</p>
                {others.into_iter().map(|h| view! {
                    <div class="parallel" data-version=h.version>
                        <p><A href=app_href(h.href)>{h.label}</A></p>
                        <ul class="plain-list" data-testid="version-diff">
                            {if h.changes.is_empty() {
                                view! { <li>{tr(t::SAME_CONTENT)}</li> }.into_any()
                            } else {
                                h.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view().into_any()
                            }}
                        </ul>
                    </div>
                }).collect_view()}
                <div class="actions"><button type="button" class="primary" on:click=settle_with data-testid="settle-version">{tr(t::SETTLE)}</button></div>
            </section>
        })}
        {(!set.criteria.is_empty()).then(|| view! {
            <section class="card" data-testid="adopt">
                <h2>{tr(t::ADOPT_TITLE)}</h2>
                <p class="hint">{tr(t::ADOPT_HINT)}</p>
                {adoptable_levels(&set).into_iter().map(|level| {
                    let on = set.builtin && set.level == level || adopted.contains(&level);
                    let adopt = adopt.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=on disabled=set.builtin
                                data-testid=format!("adopt-{}", key(&level))
                                on:change=move |ev| adopt(level, event_target_checked(&ev))/>
                            {level.name_vi()}
                        </label>
                    }
                }).collect_view()}
            </section>
        })}
        {(village_set && !set.criteria.is_empty() && !communes.is_empty()).then(|| view! {
            <section class="card" data-testid="village-default">
                <h2>{tr(t::VILLAGE_DEFAULT)}</h2>
                <p class="hint">{tr(t::VILLAGE_DEFAULT_HINT)}</p>
                <ul class="plain-list">
                    {communes.into_iter().map(|(code, name, chosen)| {
                        let f = use_for_villages.clone();
                        view! {
                            <li>{name} " "
                                {if chosen {
                                    view! { <span class="ok">"✓ " {tr(t::CHOSEN)}</span> }.into_any()
                                } else {
                                    view! { <button type="button" class="secondary small" data-testid="use-for-villages" on:click=move |_| f(code.clone())>{tr(t::USE_FOR_VILLAGES)}</button> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!set.builtin).then(|| view! {
            <div class="actions"><A href=app_href(send_href) attr:class="button secondary" attr:data-testid="send-set">{tr(t::SEND)}</A></div>
        })}
        {set.criteria.iter().cloned().map(|c| {
            let save_edit = save_edit.clone();
            view! { <CriterionCard criterion=c editable=editable dimension=dimension save_edit=save_edit/> }
        }).collect_view()}
        {editable.then(|| {
            let save_edit = save_edit.clone();
            view! { <AddCriterion save_edit=save_edit/> }
        })}
    }
}

#[component]
fn CriterionCard<F: Fn(Result<SetEdit, Refusal>) + Clone + 'static>(
    criterion: Criterion,
    editable: bool,
    dimension: ThresholdDimension,
    save_edit: F,
) -> impl IntoView {
    let id = criterion.id.clone();
    view! {
        <section class="card" data-criterion=criterion.code.clone()>
            <h2>{criterion.code.clone()} ". " {criterion.name.clone()}</h2>
            <p class="hint">{tr(t::SOURCE)} ": " {criterion.source.citation.clone()} " · "
                <span class=if criterion.verified { "ok" } else { "bad" }>{if criterion.verified { tr(t::VERIFIED) } else { tr(t::UNVERIFIED) }}</span></p>
            {criterion.indicators.is_empty().then(|| view! { <p class="hint">{tr(t::NO_INDICATORS)}</p> })}
            {criterion.indicators.iter().cloned().map(|i| {
                let remove = editable.then(|| {
                    let (save_edit, criterion, indicator) = (save_edit.clone(), id.clone(), i.id.clone());
                    view! {
                        <button type="button" class="secondary small" on:click=move |_| save_edit(Ok(SetEdit::RemoveIndicator { criterion: criterion.clone(), indicator: indicator.clone() }))>
                            {tr(t::REMOVE_INDICATOR)}
                        </button>
                    }
                });
                view! { <IndicatorInfo indicator=i/> {remove} }
            }).collect_view()}
            {editable.then(|| view! { <EditCriterionForm criterion=criterion.clone() save_edit=save_edit.clone()/> })}
            {editable.then(|| view! { <AddIndicator criterion=id.clone() dimension=dimension save_edit=save_edit.clone()/> })}
        </section>
    }
}

#[component]
fn IndicatorInfo(indicator: Indicator) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="indicator" data-indicator=indicator.code.clone()>
            <p><span class="crit-code">{indicator.code.clone()}</span> " " {indicator.text.clone()}</p>
            <p class="hint">{tr(kind_text(indicator.kind))} {indicator.unit.clone().map(|u| format!(" · {u}"))} " · " {tr(t::SOURCE)} ": " {indicator.source.citation.clone()} " · "
                <span class=if indicator.verified { "ok" } else { "bad" }>{if indicator.verified { tr(t::VERIFIED) } else { tr(t::UNVERIFIED) }}</span></p>
            <ul class="plain-list">
                {indicator.thresholds.iter().map(|th| view! {
                    <li class="threshold" data-testid="threshold">
                        {tr(t::THRESHOLD)} " " {format_number_short(th.value, 4)} " · " {let scope = th.scope; move || scope.label(lang.get())} {th.year.map(|y| format!(" · {y}"))}
                        " · " {tr(t::SOURCE)} ": " {th.source.citation.clone()} " · "
                        <span class=if th.verified { "ok" } else { "bad" }>{if th.verified { tr(t::VERIFIED) } else { tr(t::UNVERIFIED) }}</span>
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn AddIndicator<F: Fn(Result<SetEdit, Refusal>) + Clone + 'static>(
    criterion: String,
    dimension: ThresholdDimension,
    save_edit: F,
) -> impl IntoView {
    let lang = use_lang();
    let form = RwSignal::new(IndicatorForm {
        kind: Some(IndicatorKind::PercentAtLeast),
        scope: "all".into(),
        ..IndicatorForm::default()
    });
    let scopes = threshold_scopes(dimension, lang.get_untracked());
    let uid = format!("add-{}", criterion.replace('.', "-"));
    let add = move |_| {
        save_edit(sets::indicator_added(
            &criterion,
            &form.get_untracked(),
            crate::shell::short_id(),
        ))
    };
    let text_input = move |id: String, max: &'static str, set: fn(&mut IndicatorForm, String)| {
        view! { <input id=id type="text" maxlength=max on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/> }
    };
    view! {
        <details class="rating-form">
            <summary>{tr(t::ADD_INDICATOR)}</summary>
            <label for=format!("{uid}-code")>{tr(t::CODE)}</label>
            {text_input(format!("{uid}-code"), "20", |f, v| f.code = v)}
            <label for=format!("{uid}-text")>{tr(t::TEXT)}</label>
            {text_input(format!("{uid}-text"), "500", |f, v| f.text = v)}
            <label for=format!("{uid}-kind")>{tr(t::KIND)}</label>
            <select id=format!("{uid}-kind") on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.kind = from_key(&v)) }>
                {IndicatorKind::VARIANTS.iter().copied().map(|k| view! { <option value=key(&k) selected=k == IndicatorKind::PercentAtLeast>{tr(kind_text(k))}</option> }).collect_view()}
            </select>
            <label for=format!("{uid}-unit")>{tr(t::UNIT)}</label>
            {text_input(format!("{uid}-unit"), "50", |f, v| f.unit = v)}
            <label for=format!("{uid}-value")>{tr(t::THRESHOLD)}</label>
            <input id=format!("{uid}-value") type="text" inputmode="decimal" on:input=move |ev| form.update(|f| f.threshold = event_target_value(&ev))/>
            <label for=format!("{uid}-scope")>{tr(t::SCOPE)}</label>
            <select id=format!("{uid}-scope") on:change=move |ev| form.update(|f| f.scope = event_target_value(&ev))>
                {scopes.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
            <label for=format!("{uid}-year")>{tr(t::YEAR)}</label>
            <input id=format!("{uid}-year") type="text" inputmode="numeric" maxlength="4" on:input=move |ev| form.update(|f| f.year = event_target_value(&ev))/>
            <label for=format!("{uid}-source")>{tr(t::CITATION)}</label>
            {text_input(format!("{uid}-source"), "300", |f, v| f.citation = v)}
            <label class="checkbox"><input type="checkbox" on:change=move |ev| form.update(|f| f.verified = event_target_checked(&ev))/>{tr(t::IS_VERIFIED)}</label>
            <div class="actions"><button type="button" class="primary" on:click=add>{tr(t::SAVE_VERSION)}</button></div>
        </details>
    }
}

#[component]
fn AddCriterion<F: Fn(Result<SetEdit, Refusal>) + Clone + 'static>(save_edit: F) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let citation = RwSignal::new(String::new());
    let add = move |_| {
        save_edit(sets::criterion_added(
            &code.get_untracked(),
            &name.get_untracked(),
            &citation.get_untracked(),
            crate::shell::short_id(),
        ))
    };
    view! {
        <details class="card rating-form">
            <summary>{tr(t::ADD_CRITERION)}</summary>
            <label for="crit-code">{tr(t::CODE)}</label>
            <input id="crit-code" type="text" maxlength="20" on:input=move |ev| code.set(event_target_value(&ev))/>
            <label for="crit-name">{tr(t::NAME)}</label>
            <input id="crit-name" type="text" maxlength="300" on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for="crit-source">{tr(t::CITATION)}</label>
            <input id="crit-source" type="text" maxlength="300" on:input=move |ev| citation.set(event_target_value(&ev))/>
            <div class="actions"><button type="button" class="primary" on:click=add>{tr(t::SAVE_VERSION)}</button></div>
        </details>
    }
}

/// Renumbers or renames a criterion: a new version in which the criterion keeps its id,
/// so marks made against it stay on it.
#[component]
fn EditCriterionForm<F: Fn(Result<SetEdit, Refusal>) + Clone + 'static>(
    criterion: Criterion,
    save_edit: F,
) -> impl IntoView {
    let code = RwSignal::new(criterion.code.clone());
    let name = RwSignal::new(criterion.name.clone());
    let uid = format!("edit-crit-{}", criterion.id.replace('.', "-"));
    let save = move |_| {
        save_edit(sets::criterion_renamed(
            &criterion,
            &code.get_untracked(),
            &name.get_untracked(),
        ))
    };
    view! {
        <details class="rating-form">
            <summary>{tr(t::EDIT_CRITERION)}</summary>
            <label for=format!("{uid}-code")>{tr(t::NUMBER)}</label>
            <input id=format!("{uid}-code") type="text" maxlength="20" prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            <label for=format!("{uid}-name")>{tr(t::NAME)}</label>
            <input id=format!("{uid}-name") type="text" maxlength="300" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <div class="actions"><button type="button" class="primary" on:click=save>{tr(t::SAVE_VERSION)}</button></div>
        </details>
    }
}
