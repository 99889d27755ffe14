//! A unit's page: choose the criteria set and period, then mark criteria or enter
//! indicator values; every change is saved at once (one transaction each) with its
//! history; the threshold that applies and the reason are shown beside each value.

use crate::domain::keys::{from_key, key};
use crate::ui::app_href;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use strum::VariantArray;

use crate::domain::assessment::{Assessment, AssessmentKey, Period, PeriodPart};
use crate::domain::criteria::{CriteriaSet, SetId};
use crate::domain::evaluation::{AssessmentResult, CriterionOutcome};
use crate::domain::units::{CommuneGroup, Region, Unit, UnitRef};
use crate::shell;
use crate::ui::components::ProgressRing;
use crate::ui::i18n::{tr, use_lang, Text};
use crate::ui::state::{use_session, use_workspace};

use crate::present::unit::t;

mod criterion;
mod results;
use criterion::CriterionView;
use results::{RecognitionCard, ResourcesCard};

fn outcome_text(o: CriterionOutcome) -> (Text, &'static str) {
    match o {
        CriterionOutcome::Met => (t::MARK_MET, "good"),
        CriterionOutcome::NotMet => (t::MARK_NOT_MET, "bad"),
        CriterionOutcome::NotApplicable => (t::MARK_NA, "muted"),
        CriterionOutcome::Unknown => (t::UNKNOWN, "muted"),
    }
}

#[component]
pub fn UnitPage() -> impl IntoView {
    let params = use_params_map();
    let ws = use_workspace();
    let unit_ref = move || params.with(|p| p.get("key").and_then(|k| UnitRef::from_key(&k)));
    // Owned here, not by the views below, which re-render after every save.
    let choice = Choice {
        set: RwSignal::new(None),
        year: RwSignal::new(2026),
        part: RwSignal::new(PeriodPart::FullYear),
        open: RwSignal::new(Vec::new()),
        for_unit: RwSignal::new(None),
    };
    Effect::new(move |_| {
        let (Some(w), Some(r)) = (ws.get(), unit_ref()) else {
            return;
        };
        if choice.for_unit.get_untracked().as_ref() == Some(&r) {
            return;
        }
        let latest = w.latest_assessment(&r);
        let set = w.default_set_for(&r);
        let period = latest.map(|a| a.key.period).unwrap_or_else(|| {
            Period::year(shell::today().map_or(2026, |d| chrono::Datelike::year(&d) as u16))
        });
        choice.set.set(set);
        choice.year.set(period.year);
        choice.part.set(period.part);
        choice.open.set(Vec::new());
        choice.for_unit.set(Some(r));
    });
    // What the page shows of the unit; the workspace itself stays in the signal (pages do
    // not hold it, so a saved value is patched into it in place).
    #[derive(Clone, PartialEq)]
    enum Shown {
        Loading,
        Merged(Unit, UnitRef, String),
        Unit(UnitRef, Unit),
        NotFound,
    }
    // A memo: a saved value changes the workspace, not what is shown here, so the page is
    // not rebuilt for it (only the assessment below is).
    let shown = Memo::new(move |_| {
        ws.with(|w| {
            let (Some(w), Some(r)) = (w.as_ref(), unit_ref()) else {
                return Shown::Loading;
            };
            if choice.for_unit.get().as_ref() != Some(&r) {
                return Shown::Loading;
            }
            match w.unit(&r) {
                Some(unit) if w.is_merged(&r) => {
                    let kept = w.kept_ref(&r);
                    let kept_name = w.unit_name(&kept.key()).unwrap_or_default().to_string();
                    Shown::Merged(unit.data.clone(), kept, kept_name)
                }
                Some(unit) => Shown::Unit(r, unit.data.clone()),
                None => Shown::NotFound,
            }
        })
    });
    view! {
        {move || {
            match shown.get() {
                Shown::Loading => view! { <p>{tr(crate::ui::texts::LOADING)}</p> }.into_any(),
                Shown::Merged(unit, kept, kept_name) => {
                    view! {
                        <h1>{unit.name().to_string()}</h1>
                        <p class="notice card" data-testid="merged-notice">{tr(t::MERGED)} " "
                            <A href=app_href(format!("/don-vi/{}", kept.key()))>{kept_name}</A>
                            ". " {tr(t::MERGED_HINT)}</p>
                    }.into_any()
                }
                Shown::Unit(r, unit) => view! { <UnitView unit_ref=r unit=unit choice=choice/> }.into_any(),
                Shown::NotFound => view! { <h1>{tr(t::NOT_FOUND)}</h1> }.into_any(),
            }
        }}
    }
}

/// What is being edited (set, period) and which criteria are open: kept across the
/// re-render that follows every save.
#[derive(Clone, Copy)]
struct Choice {
    set: RwSignal<Option<SetId>>,
    year: RwSignal<u16>,
    part: RwSignal<PeriodPart>,
    open: RwSignal<Vec<String>>,
    for_unit: RwSignal<Option<UnitRef>>,
}

#[component]
fn UnitView(unit_ref: UnitRef, unit: Unit, choice: Choice) -> impl IntoView {
    let session = use_session();
    let ws = use_workspace();
    let lang = use_lang();
    let l = lang.get_untracked();
    let sets: Vec<(SetId, String)> = ws.with_untracked(|w| {
        let Some(ws) = w.as_ref() else {
            return Vec::new();
        };
        ws.sets_for(&unit_ref)
            .iter()
            .map(|s| {
                let mut label = crate::present::sets::label_with_owner(ws, s, l);
                if !s.builtin {
                    label.push_str(&format!(" · {}", t::CUSTOM.get(l)));
                }
                if ws.heads(&s.id).len() > 1 {
                    label.push_str(&format!(" · {}", t::PARALLEL.get(l)));
                }
                (s.set_id(), label)
            })
            .collect()
    });
    let period = move || Period {
        year: choice.year.get(),
        part: choice.part.get(),
    };

    let commune_settings = match &unit {
        Unit::Commune(c) => Some(c.clone()),
        _ => None,
    };
    let save_commune = move |c: crate::domain::units::Commune| {
        let key = UnitRef::Commune(c.code.clone()).key();
        let u = Unit::Commune(c);
        session.run_edit(
            move |store, author| async move { store.save_record(&key, u, false, &author).await },
            |_| {},
        );
    };

    let ur = unit_ref.clone();
    // What the assessment view is drawn from: redrawn when it changes, not for every change
    // of the workspace.
    let shown = Memo::new(move |_| {
        let set_id = choice.set.get()?;
        let key = AssessmentKey {
            unit: ur.clone(),
            set: set_id,
            period: period(),
        };
        ws.with(|w| {
            let w = w.as_ref()?;
            let set = w.set(&key.set)?.clone();
            let assessment = w.assessment(&ur, &key.set, key.period).cloned();
            Some((set, key, assessment))
        })
    });
    let body = move || {
        let (set, key, assessment) = shown.get()?;
        Some(view! { <AssessmentView set=set key=key assessment=assessment open=choice.open/> })
    };

    view! {
        <h1>{unit.name().to_string()}</h1>
        {commune_settings.map(|c| {
            let c_region = c.clone();
            let c_group = c.clone();
            view! {
                <details class="card settings">
                    <summary>{tr(t::REGION)} " · " {tr(t::GROUP)}</summary>
                    <label for="commune-region">{tr(t::REGION)}</label>
                    <select id="commune-region" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let mut c = c_region.clone();
                        c.region = from_key(&v);
                        save_commune(c);
                    }>
                        <option value="" selected=c.region.is_none()>{tr(t::NOT_SET)}</option>
                        {Region::VARIANTS.iter().copied().map(|r| view! { <option value=key(&r) selected=c.region == Some(r)>{move || r.name(lang.get())}</option> }).collect_view()}
                    </select>
                    <label for="commune-group">{tr(t::GROUP)}</label>
                    <select id="commune-group" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let mut c = c_group.clone();
                        c.group = from_key(&v);
                        save_commune(c);
                    }>
                        <option value="" selected=c.group.is_none()>{tr(t::NOT_SET)}</option>
                        {CommuneGroup::VARIANTS.iter().copied().map(|g| view! { <option value=key(&g) selected=c.group == Some(g)>{move || g.name(lang.get())}</option> }).collect_view()}
                    </select>
                </details>
            }
        })}
        <div class="card period-picker">
            <label for="pick-set">{tr(t::SET)}</label>
            <select id="pick-set" on:change=move |ev| {
                let v = event_target_value(&ev);
                choice.set.set(v.parse().ok());
            }>
                {sets.into_iter().map(|(id, label)| {
                    let value = id.to_string();
                    let selected = choice.set.get_untracked().as_ref() == Some(&id);
                    view! { <option value=value selected=selected>{label}</option> }
                }).collect_view()}
            </select>
            <div class="row">
                <div>
                    <label for="pick-year">{tr(t::YEAR)}</label>
                    <select id="pick-year" on:change=move |ev| if let Ok(y) = event_target_value(&ev).parse() { choice.year.set(y) }>
                        {(2016..=2030u16).rev().map(|y| view! { <option value=y.to_string() selected=move || choice.year.get() == y>{y.to_string()}</option> }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="pick-part">{tr(t::PART)}</label>
                    <select id="pick-part" on:change=move |ev| choice.part.set(if event_target_value(&ev) == "h1" { PeriodPart::FirstHalf } else { PeriodPart::FullYear })>
                        <option value="year" selected=move || choice.part.get() == PeriodPart::FullYear>{tr(t::FULL_YEAR)}</option>
                        <option value="h1" selected=move || choice.part.get() == PeriodPart::FirstHalf>{tr(t::FIRST_HALF)}</option>
                    </select>
                </div>
            </div>
        </div>
        {body}
        <RecognitionCard unit_ref=unit_ref.clone()/>
        <ResourcesCard unit_ref=unit_ref.clone() period=Signal::derive(period)/>
    }
}

#[component]
fn AssessmentView(
    set: CriteriaSet,
    key: AssessmentKey,
    assessment: Option<Assessment>,
    open: RwSignal<Vec<String>>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let empty = Assessment::new(key.clone());
    let a = assessment.clone().unwrap_or(empty);
    let ws = use_workspace();
    let (result, ctx, has_previous) = ws.with_untracked(|w| {
        let w = w.as_ref();
        let result = w.and_then(|w| w.evaluate(&a)).unwrap_or(AssessmentResult {
            criteria: vec![],
            met: 0,
            applicable: 0,
            reached: 0,
            total: 0,
        });
        let ctx = w.map(|w| w.context(&key.unit)).unwrap_or_default();
        let previous = key.period.previous();
        let has_previous = w.is_some_and(|w| w.assessment(&key.unit, &key.set, previous).is_some());
        (result, ctx, has_previous)
    });
    // "Đạt x/N tiêu chí": a criterion that does not apply counts as reached.
    let (met, applicable) = (result.reached, result.total);
    let no_criteria = set.criteria.is_empty();
    let meets = result.meets_set();
    let previous = key.period.previous();
    let can_copy = assessment.is_none() && has_previous;
    let copy = {
        let from = AssessmentKey {
            period: previous,
            ..key.clone()
        };
        let period = key.period;
        move |_| {
            let from = from.clone();
            session.run_assessment_edit(None, move |store, author| async move {
                store.copy_assessment(&from, period, &author).await
            });
        }
    };

    // Criteria with a concurrent value that lost (read from the history of this
    // assessment's values, again after every save or import).
    let history = crate::ui::state::use_store_read({
        let id = a.id();
        move |store| {
            let id = id.clone();
            async move { store.assessment_history(&id).await }
        }
    });
    let other_values = {
        let (set, a) = (set.clone(), a.clone());
        Memo::new(move |_| {
            history.with(|h| {
                h.as_ref()
                    .map(|h| crate::present::unit::criteria_with_other_values(&set, &a, h))
                    .unwrap_or_default()
            })
        })
    };
    let sections = crate::present::unit::sections(&set, lang.get_untracked());
    let gaps = crate::present::unit::gaps(&set, &result);
    let notes = set.notes.clone();
    let period_label = move || key.period.label(lang.get());

    view! {
        <section class="card assessment-summary">
            <ProgressRing met=Signal::derive(move || met) total=Signal::derive(move || applicable)/>
            <div>
                <p class="summary-count" data-testid="met-count">{met} "/" {applicable} " " {tr(t::MET_OF)}</p>
                <p class="hint">{period_label}</p>
                {meets.then(|| view! { <p class="ok">"✓ " {tr(t::MEETS)}</p> })}
            </div>
        </section>
        {notes.map(|n| view! { <p class="notice card small-text">"ⓘ " {n}</p> })}
        {can_copy.then(|| view! {
            <div class="actions"><button type="button" class="secondary" on:click=copy>{tr(t::COPY_PREV)} " (" {move || previous.label(lang.get())} ")"</button></div>
        })}
        {set.criteria.is_empty().then(|| view! { <p class="hint">{tr(t::NO_CRITERIA)}</p> })}
        {sections.into_iter().map(|(title, criteria)| view! {
            <section class="criteria-group">
                <h2>{title}</h2>
                {criteria.into_iter().map(|c| {
                    let r = result.criteria.iter().find(|x| x.id == c.id).cloned();
                    let id = c.id.clone();
                    let other = Signal::derive(move || other_values.with(|o| o.contains(&id)));
                    view! { <CriterionView criterion=c result=r assessment=a.clone() ctx=ctx open=open other_value=other/> }
                }).collect_view()}
            </section>
        }).collect_view()}
        <section class="card">
            <h2>{tr(t::GAPS)}</h2>
            {if no_criteria {
                view! { <p data-testid="no-criteria">{tr(t::NO_CRITERIA)}</p> }.into_any()
            } else if gaps.is_empty() {
                view! { <p>{tr(t::NO_GAPS)}</p> }.into_any()
            } else {
                view! { <ul class="gap-list" data-testid="gap-list">{gaps.into_iter().map(|(code, name)| view! { <li>{code} ". " {name}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}
