//! Criteria sets: every built-in and custom set with its source and verified flags on
//! every criterion, indicator and threshold; built-ins are read-only ("make a copy to
//! edit"); each saved edit of a custom set is a new version.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use strum::VariantArray;

use crate::domain::criteria::{
    apply_edit, derive_custom, CriteriaSet, Criterion, EditError, Indicator, IndicatorKind,
    SetEdit, SetId, SetLevel, Source, Threshold, ThresholdDimension, ThresholdScope,
};
use crate::domain::format::{format_number_short, parse_decimal};
use crate::domain::set_versions::{diff, settle};
use crate::domain::text::clean;
use crate::domain::units::{CommuneGroup, Region};
use crate::domain::workspace::Workspace;
use crate::ui::i18n::{tr, use_lang, Message, Text};
use crate::ui::state::{use_session, use_workspace};

use crate::domain::keys::{from_key, key};
use crate::present::sets::{kind_text, t};

#[component]
pub fn SetsPage() -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    view! {
        <h1>{tr(t::TITLE)}</h1>
        {move || ws.get().map(|w| {
            let l = lang.get();
            let sets: Vec<(CriteriaSet, usize, Vec<SetLevel>)> = w
                .current_sets()
                .into_iter()
                .map(|s| (s.clone(), w.heads(&s.id).len(), w.adopted_levels(&s.id)))
                .collect();
            view! {
            <ul class="product-list">
                {sets.into_iter().map(|(s, heads, adopted)| {
                    let href = format!("/bo-tieu-chi/{}", s.set_id());
                    let id = s.set_id().to_string();
                    let label = s.label(l);
                    let count = s.criteria.len();
                    let kind = if s.builtin { tr(t::BUILTIN) } else { tr(t::CUSTOM) };
                    view! {
                        <li class="card" data-set=id data-lineage=s.id.clone()>
                            <A href=href attr:class="node-name">{label}</A>
                            <p class="hint">{count} " " {tr(t::CRITERIA)} " · " {kind}
                                {(!adopted.is_empty()).then(|| view! { " · " <span class="ok">{tr(t::COUNTS)}</span> })}</p>
                            {(heads > 1).then(|| view! { <p class="bad" data-testid="parallel-badge">{heads} " " {tr(t::PARALLEL_VERSIONS)}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }})}
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

/// The levels a set may be adopted for: commune levels for commune sets, "thôn NTM" for
/// village sets.
fn adoptable_levels(set: &CriteriaSet) -> Vec<SetLevel> {
    if set.level.is_village_level() {
        vec![SetLevel::ThonNtm]
    } else {
        vec![SetLevel::XaNtm, SetLevel::XaNangCao, SetLevel::XaKieuMau]
    }
}

#[component]
fn SetView(ws: std::sync::Arc<Workspace>, set: CriteriaSet) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let navigate = use_navigate();
    let l = lang.get_untracked();
    let error = RwSignal::new(None::<String>);
    let taken: Vec<String> = ws.current_sets().iter().map(|s| s.code.clone()).collect();
    let new_code = RwSignal::new(format!("{}_TINH", set.code));
    let new_title = RwSignal::new(format!("{} (bản của tỉnh)", set.title));
    let base = set.clone();
    let copy = move |_| {
        let code = new_code.get_untracked().trim().to_uppercase();
        if code.is_empty()
            || code.len() > 40
            || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            || taken.contains(&code)
        {
            return error.set(Some(t::BAD_CODE.get(lang.get_untracked()).to_string()));
        }
        let title = match crate::domain::text::typed(&new_title.get_untracked()) {
            Ok(t) => t,
            Err(character) => {
                return error.set(Some(
                    Message::Refused {
                        field: t::NEW_TITLE,
                        character,
                    }
                    .get(lang.get_untracked()),
                ))
            }
        };
        // A new lineage: its id is random, so two devices that type the same code still
        // make two sets.
        let copy = derive_custom(&base, &crate::shell::random_id(), &code, &title);
        let id = copy.set_id().to_string();
        let navigate = navigate.clone();
        let path = format!("/bo-tieu-chi/{id}");
        session.run_edit(
            move |store, author| async move { store.save_record(&id, copy, false, &author).await },
            move |_| navigate(&path, Default::default()),
        );
    };
    let editable = !set.builtin;
    let set_for_edit = set.clone();
    let navigate2 = use_navigate();
    let save_edit = move |edit: SetEdit| match apply_edit(&set_for_edit, edit) {
        Ok(next) => {
            let id = next.set_id().to_string();
            let path = format!("/bo-tieu-chi/{id}");
            let navigate = navigate2.clone();
            session.run_edit(move |store, author| async move { store.save_record(&id, next, false, &author).await }, move |_| navigate(&path, Default::default()));
        }
        Err(EditError::Invalid(problems)) => error.set(Some(format!(
            "{}: {}",
            t::INVALID.get(lang.get_untracked()),
            problems
                .iter()
                .map(|p| p.message(lang.get_untracked()))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        Err(e) => error.set(Some(format!("{e:?}"))),
    };
    let dimension = set.dimension;

    // Parallel versions: the other current versions of this lineage, each with what it
    // changes compared with this one, and "use this version" to settle on one.
    let heads: Vec<CriteriaSet> = ws.heads(&set.id).into_iter().cloned().collect();
    let is_head = heads.iter().any(|h| h.version == set.version);
    let others: Vec<(CriteriaSet, Vec<String>)> = heads
        .iter()
        .filter(|h| h.version != set.version)
        .map(|h| {
            let changes = diff(&set, h).iter().map(|c| c.describe(l)).collect();
            (h.clone(), changes)
        })
        .collect();
    let settle_with = {
        let (set, heads) = (set.clone(), heads.clone());
        let navigate = use_navigate();
        move |_| {
            let refs: Vec<&CriteriaSet> = heads.iter().collect();
            let next = settle(&set, &refs);
            let id = next.set_id().to_string();
            let path = format!("/bo-tieu-chi/{id}");
            let navigate = navigate.clone();
            session.run_edit(move |store, author| async move { store.save_record(&id, next, false, &author).await }, move |_| navigate(&path, Default::default()));
        }
    };
    let newer = (!is_head).then(|| heads.first().cloned()).flatten();

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
    let communes: Vec<(String, String, bool)> = ws
        .units
        .iter()
        .filter(|u| ws.is_live(u))
        .filter_map(|u| match &u.data {
            crate::domain::units::Unit::Commune(c) => Some((
                c.code.clone(),
                c.name.clone(),
                c.village_set.as_ref() == Some(&set.set_id()),
            )),
            _ => None,
        })
        .collect();
    let ws_units = ws.clone();
    let this_set = set.set_id();
    let lineage2 = set.id.clone();
    let use_for_villages = move |code: String| {
        let Some(crate::domain::units::Unit::Commune(mut c)) = ws_units
            .unit(&crate::domain::units::UnitRef::Commune(code.clone()))
            .map(|u| u.data.clone())
        else {
            return;
        };
        c.village_set = Some(this_set.clone());
        let key = format!("commune:{code}");
        let lineage = lineage2.clone();
        session.run_edit(
            move |store, author| async move {
                store
                    .save_record(&key, crate::domain::units::Unit::Commune(c), false, &author)
                    .await?;
                // The commune counts its villages by the set it gave them.
                store.set_adopted(SetLevel::ThonNtm, &lineage, true).await
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
            {newer.map(|h| view! {
                <p class="notice">{tr(t::NOT_CURRENT)} " "
                    <A href=format!("/bo-tieu-chi/{}", h.set_id())>{h.label(l)}</A></p>
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
                {others.into_iter().map(|(h, changes)| {
                    let (version, href, label) = (h.version.clone(), format!("/bo-tieu-chi/{}", h.set_id()), h.label(l));
                    view! {
                    <div class="parallel" data-version=version>
                        <p><A href=href>{label}</A></p>
                        <ul class="plain-list" data-testid="version-diff">
                            {if changes.is_empty() {
                                view! { <li>{tr(t::SAME_CONTENT)}</li> }.into_any()
                            } else {
                                changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view().into_any()
                            }}
                        </ul>
                    </div>
                }}).collect_view()}
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
            <div class="actions"><A href=send_href attr:class="button secondary" attr:data-testid="send-set">{tr(t::SEND)}</A></div>
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
fn CriterionCard<F: Fn(SetEdit) + Clone + 'static>(
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
                        <button type="button" class="secondary small" on:click=move |_| save_edit(SetEdit::RemoveIndicator { criterion: criterion.clone(), indicator: indicator.clone() })>
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
fn AddIndicator<F: Fn(SetEdit) + Clone + 'static>(
    criterion: String,
    dimension: ThresholdDimension,
    save_edit: F,
) -> impl IntoView {
    let lang = use_lang();
    let code = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let kind = RwSignal::new(IndicatorKind::PercentAtLeast);
    let unit = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let scope = RwSignal::new("all".to_string());
    let year = RwSignal::new(String::new());
    let citation = RwSignal::new(String::new());
    let verified = RwSignal::new(false);
    let error = RwSignal::new(None::<Text>);
    let l = lang.get_untracked();
    let scopes: Vec<(String, String)> =
        std::iter::once(("all".to_string(), ThresholdScope::All.label(l)))
            .chain(match dimension {
                ThresholdDimension::Regions => Region::VARIANTS
                    .iter()
                    .map(|r| (format!("r:{}", key(r)), ThresholdScope::Region(*r).label(l)))
                    .collect::<Vec<_>>(),
                ThresholdDimension::CommuneGroups => CommuneGroup::VARIANTS
                    .iter()
                    .map(|g| (format!("g:{}", key(g)), ThresholdScope::Group(*g).label(l)))
                    .collect(),
                ThresholdDimension::None => vec![],
            })
            .collect();
    let uid = format!("add-{}", criterion.replace('.', "-"));
    let add = move |_| {
        let (c, tx, cit) = (
            clean(&code.get_untracked()),
            clean(&text.get_untracked()),
            clean(&citation.get_untracked()),
        );
        let k = kind.get_untracked();
        if c.is_empty() || tx.is_empty() || cit.is_empty() {
            return error.set(Some(t::BAD_INPUT));
        }
        let source = Source {
            citation: cit,
            url: None,
            note: None,
        };
        let mut thresholds = vec![];
        if k.is_numeric() {
            let Some(v) = parse_decimal(&value.get_untracked()) else {
                return error.set(Some(t::BAD_INPUT));
            };
            let s = scope.get_untracked();
            let sc = if let Some(r) = s.strip_prefix("r:") {
                from_key(r).map(ThresholdScope::Region)
            } else if let Some(g) = s.strip_prefix("g:") {
                from_key(g).map(ThresholdScope::Group)
            } else {
                Some(ThresholdScope::All)
            };
            let y = year.get_untracked().trim().parse::<u16>().ok();
            thresholds.push(Threshold {
                scope: sc.unwrap_or(ThresholdScope::All),
                year: y,
                value: v,
                source: source.clone(),
                verified: verified.get_untracked(),
            });
        }
        error.set(None);
        let u = clean(&unit.get_untracked());
        save_edit(SetEdit::AddIndicator {
            criterion: criterion.clone(),
            indicator: Indicator {
                id: crate::shell::short_id(),
                code: c,
                text: tx,
                kind: k,
                unit: (!u.is_empty()).then_some(u),
                thresholds,
                source,
                verified: verified.get_untracked(),
            },
        });
    };
    view! {
        <details class="rating-form">
            <summary>{tr(t::ADD_INDICATOR)}</summary>
            <Show when=move || error.get().is_some()>
                <p class="bad" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</p>
            </Show>
            <label for=format!("{uid}-code")>{tr(t::CODE)}</label>
            <input id=format!("{uid}-code") type="text" maxlength="20" on:input=move |ev| code.set(event_target_value(&ev))/>
            <label for=format!("{uid}-text")>{tr(t::TEXT)}</label>
            <input id=format!("{uid}-text") type="text" maxlength="500" on:input=move |ev| text.set(event_target_value(&ev))/>
            <label for=format!("{uid}-kind")>{tr(t::KIND)}</label>
            <select id=format!("{uid}-kind") on:change=move |ev| { let v = event_target_value(&ev); if let Some(k) = from_key(&v) { kind.set(k) } }>
                {IndicatorKind::VARIANTS.iter().copied().map(|k| view! { <option value=key(&k) selected=k == IndicatorKind::PercentAtLeast>{tr(kind_text(k))}</option> }).collect_view()}
            </select>
            <label for=format!("{uid}-unit")>{tr(t::UNIT)}</label>
            <input id=format!("{uid}-unit") type="text" maxlength="50" on:input=move |ev| unit.set(event_target_value(&ev))/>
            <label for=format!("{uid}-value")>{tr(t::THRESHOLD)}</label>
            <input id=format!("{uid}-value") type="text" inputmode="decimal" on:input=move |ev| value.set(event_target_value(&ev))/>
            <label for=format!("{uid}-scope")>{tr(t::SCOPE)}</label>
            <select id=format!("{uid}-scope") on:change=move |ev| scope.set(event_target_value(&ev))>
                {scopes.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
            <label for=format!("{uid}-year")>{tr(t::YEAR)}</label>
            <input id=format!("{uid}-year") type="text" inputmode="numeric" maxlength="4" on:input=move |ev| year.set(event_target_value(&ev))/>
            <label for=format!("{uid}-source")>{tr(t::CITATION)}</label>
            <input id=format!("{uid}-source") type="text" maxlength="300" on:input=move |ev| citation.set(event_target_value(&ev))/>
            <label class="checkbox"><input type="checkbox" on:change=move |ev| verified.set(event_target_checked(&ev))/>{tr(t::IS_VERIFIED)}</label>
            <div class="actions"><button type="button" class="primary" on:click=add>{tr(t::SAVE_VERSION)}</button></div>
        </details>
    }
}

#[component]
fn AddCriterion<F: Fn(SetEdit) + Clone + 'static>(save_edit: F) -> impl IntoView {
    let lang = use_lang();
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let citation = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    let add = move |_| {
        let (c, n, cit) = (
            clean(&code.get_untracked()),
            clean(&name.get_untracked()),
            clean(&citation.get_untracked()),
        );
        if c.is_empty() || n.is_empty() || cit.is_empty() {
            return error.set(Some(t::BAD_INPUT));
        }
        error.set(None);
        save_edit(SetEdit::AddCriterion(Criterion {
            id: crate::shell::short_id(),
            code: c,
            name: n,
            group: None,
            indicators: vec![],
            auto: None,
            source: Source {
                citation: cit,
                url: None,
                note: None,
            },
            verified: false,
        }));
    };
    view! {
        <details class="card rating-form">
            <summary>{tr(t::ADD_CRITERION)}</summary>
            <Show when=move || error.get().is_some()>
                <p class="bad" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</p>
            </Show>
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
fn EditCriterionForm<F: Fn(SetEdit) + Clone + 'static>(
    criterion: Criterion,
    save_edit: F,
) -> impl IntoView {
    let code = RwSignal::new(criterion.code.clone());
    let name = RwSignal::new(criterion.name.clone());
    let uid = format!("edit-crit-{}", criterion.id.replace('.', "-"));
    let c = criterion.clone();
    let save = move |_| {
        save_edit(SetEdit::EditCriterion {
            criterion: c.id.clone(),
            code: code.get_untracked(),
            name: name.get_untracked(),
            verified: c.verified,
            source: c.source.clone(),
        })
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
