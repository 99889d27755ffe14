//! A unit's page: choose the criteria set and period, then mark criteria or enter
//! indicator values; every change is saved at once (one transaction each) with its
//! history; the threshold that applies and the reason are shown beside each value.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::domain::assessment::{
    Assessment, AssessmentKey, CriterionMark, Entry, IndicatorValue, Period, PeriodPart,
};
use crate::domain::criteria::{CriteriaSet, Criterion, Indicator, IndicatorKind, SetId};
use crate::domain::evaluation::{
    applicable_threshold, evaluate_indicator, AssessmentResult, Basis, CriterionOutcome, Outcome,
};
use crate::domain::format::{format_number_short, parse_decimal};
use crate::domain::history::EditTarget;
use crate::domain::units::{CommuneGroup, Region, Unit, UnitRef};
use crate::domain::workspace::Workspace;
use crate::shell;
use crate::ui::components::ProgressRing;
use crate::ui::history::HistoryButton;
use crate::ui::i18n::{tr, use_lang, Message, Text};
use crate::ui::state::{use_session, use_workspace};

use crate::present::unit::t;

fn outcome_text(o: CriterionOutcome) -> (Text, &'static str) {
    match o {
        CriterionOutcome::Met => (t::MARK_MET, "good"),
        CriterionOutcome::NotMet => (t::MARK_NOT_MET, "bad"),
        CriterionOutcome::NotApplicable => (t::MARK_NA, "muted"),
        CriterionOutcome::Unknown => (t::UNKNOWN, "muted"),
    }
}

fn region_value(r: Region) -> &'static str {
    match r {
        Region::Tdmnpb => "TDMNPB",
        Region::Dbsh => "DBSH",
        Region::Btb => "BTB",
        Region::Dhntb => "DHNTB",
        Region::Tn => "TN",
        Region::Dnb => "DNB",
        Region::Dbscl => "DBSCL",
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
    view! {
        {move || {
            let (Some(w), Some(r)) = (ws.get(), unit_ref()) else {
                return view! { <p>{tr(crate::ui::texts::LOADING)}</p> }.into_any();
            };
            if choice.for_unit.get().as_ref() != Some(&r) {
                return view! { <p>{tr(crate::ui::texts::LOADING)}</p> }.into_any();
            }
            match w.unit(&r).cloned() {
                Some(unit) if w.is_merged(&r) => {
                    let kept = w.kept_ref(&r);
                    let kept_name = w.unit_name(&kept.key()).unwrap_or_default().to_string();
                    view! {
                        <h1>{unit.data.name().to_string()}</h1>
                        <p class="notice card" data-testid="merged-notice">{tr(t::MERGED)} " "
                            <a href=format!("/don-vi/{}", kept.key())>{kept_name}</a>
                            ". " {tr(t::MERGED_HINT)}</p>
                    }.into_any()
                }
                Some(unit) => view! { <UnitView ws=w unit_ref=r unit=unit.data choice=choice/> }.into_any(),
                None => view! { <h1>{tr(t::NOT_FOUND)}</h1> }.into_any(),
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
fn UnitView(ws: Arc<Workspace>, unit_ref: UnitRef, unit: Unit, choice: Choice) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let l = lang.get_untracked();
    let sets: Vec<(SetId, String)> = ws
        .sets_for(&unit_ref)
        .iter()
        .map(|s| {
            let mut label = s.label(l);
            if !s.builtin {
                label.push_str(&format!(" · {}", t::CUSTOM.get(l)));
            }
            if ws.heads(&s.id).len() > 1 {
                label.push_str(&format!(" · {}", t::PARALLEL.get(l)));
            }
            (s.set_id(), label)
        })
        .collect();
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

    let ws2 = ws.clone();
    let ur = unit_ref.clone();
    let body = move || {
        let set_id = choice.set.get()?;
        let set = ws2.set(&set_id)?.clone();
        let key = AssessmentKey {
            unit: ur.clone(),
            set: set_id,
            period: period(),
        };
        let assessment = ws2.assessment(&ur, &key.set, key.period).cloned();
        Some(
            view! { <AssessmentView ws=ws2.clone() set=set key=key assessment=assessment open=choice.open/> },
        )
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
                        c.region = Region::ALL.into_iter().find(|r| region_value(*r) == v);
                        save_commune(c);
                    }>
                        <option value="" selected=c.region.is_none()>{tr(t::NOT_SET)}</option>
                        {Region::ALL.into_iter().map(|r| view! { <option value=region_value(r) selected=c.region == Some(r)>{move || r.name(lang.get())}</option> }).collect_view()}
                    </select>
                    <label for="commune-group">{tr(t::GROUP)}</label>
                    <select id="commune-group" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let mut c = c_group.clone();
                        c.group = CommuneGroup::ALL.into_iter().find(|g| g.name_vi() == v);
                        save_commune(c);
                    }>
                        <option value="" selected=c.group.is_none()>{tr(t::NOT_SET)}</option>
                        {CommuneGroup::ALL.into_iter().map(|g| view! { <option value=g.name_vi() selected=c.group == Some(g)>{g.name_vi()}</option> }).collect_view()}
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
    }
}

#[component]
fn AssessmentView(
    ws: Arc<Workspace>,
    set: CriteriaSet,
    key: AssessmentKey,
    assessment: Option<Assessment>,
    open: RwSignal<Vec<String>>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let empty = Assessment::new(key.clone());
    let a = assessment.clone().unwrap_or(empty);
    let result: AssessmentResult = ws.evaluate(&a).unwrap_or(AssessmentResult {
        criteria: vec![],
        met: 0,
        applicable: 0,
        reached: 0,
        total: 0,
    });
    let ctx = ws.context(&key.unit);
    // "Đạt x/N tiêu chí": a criterion that does not apply counts as reached.
    let (met, applicable) = (result.reached, result.total);
    let no_criteria = set.criteria.is_empty();
    let meets = result.meets_set();
    let previous = key.period.previous();
    let can_copy = assessment.is_none() && ws.assessment(&key.unit, &key.set, previous).is_some();
    let copy = {
        let from = AssessmentKey {
            period: previous,
            ..key.clone()
        };
        let period = key.period;
        move |_| {
            let from = from.clone();
            session.run_edit(move |store, author| async move { store.copy_assessment(&from, period, &author).await }, |_| {});
        }
    };

    // Criteria in the set's groups, then any without a group.
    let mut sections: Vec<(String, Vec<Criterion>)> = set
        .groups
        .iter()
        .map(|g| {
            (
                format!("{}. {}", g.id, g.name),
                set.criteria
                    .iter()
                    .filter(|c| c.group.as_deref() == Some(g.id.as_str()))
                    .cloned()
                    .collect(),
            )
        })
        .collect();
    let ungrouped: Vec<Criterion> = set
        .criteria
        .iter()
        .filter(|c| {
            c.group
                .as_ref()
                .is_none_or(|g| !set.groups.iter().any(|x| &x.id == g))
        })
        .cloned()
        .collect();
    if !ungrouped.is_empty() {
        sections.push((String::new(), ungrouped));
    }
    let gaps: Vec<(String, String)> = result
        .gaps()
        .iter()
        .filter_map(|code| {
            set.criterion_by_code(code)
                .map(|c| (c.code.clone(), c.name.clone()))
        })
        .collect();
    let notes = set.notes.clone();
    let period_label = move || key.period.label(lang.get());

    view! {
        <section class="card summary">
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
                <h2>{if title.is_empty() { tr(t::OTHER_CRITERIA)().to_string() } else { title }}</h2>
                {criteria.into_iter().map(|c| {
                    let r = result.criteria.iter().find(|x| x.id == c.id).cloned();
                    view! { <CriterionView criterion=c result=r assessment=a.clone() ctx=ctx open=open/> }
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

#[component]
fn CriterionView(
    criterion: Criterion,
    result: Option<crate::domain::evaluation::CriterionResult>,
    assessment: Assessment,
    ctx: crate::domain::units::ThresholdContext,
    open: RwSignal<Vec<String>>,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let outcome = result
        .as_ref()
        .map_or(CriterionOutcome::Unknown, |r| r.outcome);
    let (label, class) = outcome_text(outcome);
    let basis = result.as_ref().map(|r| match r.basis {
        Basis::Direct(_) => t::DIRECT,
        Basis::Derived(_) => t::DERIVED,
        Basis::Auto(_) => t::AUTO,
    });
    let key = assessment.key.clone();
    let code = criterion.id.clone();
    let shown_code = criterion.code.clone();
    let current = assessment.mark(&criterion.id);
    let set_mark = move |mark: Option<CriterionMark>| {
        let key = key.clone();
        let code = code.clone();
        let entry = Entry {
            value: mark,
            note: String::new(),
        };
        // "Tiêu chí 5 → Đạt": what "Hoàn tác" will undo.
        let l = lang.get_untracked();
        let what = match mark {
            Some(CriterionMark::Met) => t::MARK_MET,
            Some(CriterionMark::NotMet) => t::MARK_NOT_MET,
            Some(CriterionMark::NotApplicable) => t::MARK_NA,
            None => t::MARK_CLEAR,
        };
        let label = format!(
            "{} {shown_code} → {}",
            t::CRITERION_WORD.get(l),
            what.get(l)
        );
        session.run_edit_as(
            Some(label),
            move |store, author| async move { store.set_mark(&key, &code, entry, &author).await },
            |_| {},
        );
    };
    let auto = criterion.auto.is_some();
    let unverified = !criterion.verified;
    let mark_button = move |mark: Option<CriterionMark>, text: Text| {
        let set_mark = set_mark.clone();
        view! {
            <button type="button" class="choice" aria-pressed=(current == mark).to_string() on:click=move |_| set_mark(mark)>{tr(text)}</button>
        }
    };
    let year = assessment.key.period.year;
    let indicators = criterion.indicators.clone();
    view! {
        <details class="criterion card" data-criterion=criterion.code.clone()
            prop:open=open.get_untracked().contains(&criterion.code)
            on:toggle={
                let code = criterion.code.clone();
                move |ev| {
                    let is_open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    open.update(|o| {
                        o.retain(|c| c != &code);
                        if is_open {
                            o.push(code.clone());
                        }
                    });
                }
            }>
            <summary>
                <span class="crit-code">{criterion.code.clone()}</span>
                <span class="crit-name">{criterion.name.clone()}</span>
                <span class=format!("badge {class}") data-testid="criterion-outcome">{tr(label)}</span>
            </summary>
            {unverified.then(|| view! { <p class="hint">"ⓘ " {tr(t::UNVERIFIED)} " · " {tr(t::SOURCE)} ": " {criterion.source.citation.clone()}</p> })}
            {basis.map(|b| view! { <p class="hint">{tr(b)}</p> })}
            {(!auto).then(|| view! {
                <div class="choices" role="group" aria-label=criterion.name.clone()>
                    {mark_button(Some(CriterionMark::Met), t::MARK_MET)}
                    {mark_button(Some(CriterionMark::NotMet), t::MARK_NOT_MET)}
                    {mark_button(Some(CriterionMark::NotApplicable), t::MARK_NA)}
                    {(!criterion.indicators.is_empty()).then(|| mark_button(None, t::MARK_CLEAR))}
                </div>
            })}
            {indicators.into_iter().map(|i| view! { <IndicatorView indicator=i assessment=assessment.clone() ctx=ctx year=year/> }).collect_view()}
            <HistoryButton target=EditTarget::Mark { assessment: assessment.id(), criterion: criterion.id.clone() } lang=lang/>
        </details>
    }
}

#[component]
fn IndicatorView(
    indicator: Indicator,
    assessment: Assessment,
    ctx: crate::domain::units::ThresholdContext,
    year: u16,
) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let current = assessment
        .values
        .get(&indicator.id)
        .map(|v| v.value.clone());
    let value = current.as_ref().and_then(|e| e.value.clone());
    let note = RwSignal::new(current.as_ref().map(|e| e.note.clone()).unwrap_or_default());
    let eval = evaluate_indicator(&indicator, value.as_ref(), ctx, year);
    let threshold = applicable_threshold(&indicator, ctx, year).cloned();
    let error = RwSignal::new(None::<Message>);
    let key = assessment.key.clone();
    let code = indicator.id.clone();
    let shown_code = indicator.code.clone();
    let save = move |v: Option<IndicatorValue>, n: String| {
        let (key, code) = (key.clone(), code.clone());
        let l = lang.get_untracked();
        // Typed text is checked as a receiving device checks it: no hidden characters.
        let refused = |field: Text, r: Result<String, crate::domain::text::RefusedChar>| {
            r.map_err(|character| Message::Refused { field, character })
        };
        let v = match v {
            Some(IndicatorValue::Text(s)) => {
                match refused(t::VALUE, crate::domain::text::typed(&s)) {
                    Ok(s) => Some(IndicatorValue::Text(s)),
                    Err(e) => return error.set(Some(e)),
                }
            }
            other => other,
        };
        let n = match refused(t::NOTE, crate::domain::text::typed_note(&n)) {
            Ok(n) => n,
            Err(e) => return error.set(Some(e)),
        };
        error.set(None);
        let shown = match &v {
            Some(IndicatorValue::Number(x)) => format_number_short(*x, 4),
            Some(IndicatorValue::YesNo(true)) => t::ACHIEVED.get(l).to_string(),
            Some(IndicatorValue::YesNo(false)) => t::MARK_NOT_MET.get(l).to_string(),
            Some(IndicatorValue::Text(s)) => s.clone(),
            None => t::EMPTY_VALUE.get(l).to_string(),
        };
        let label = format!("{} {shown_code} → {shown}", t::INDICATOR_WORD.get(l));
        let entry = Entry { value: v, note: n };
        session.run_edit_as(
            Some(label),
            move |store, author| async move { store.set_value(&key, &code, entry, &author).await },
            |_| {},
        );
    };
    let input_id = format!("ind-{}", indicator.code.replace('.', "-"));
    let note_id = format!("{input_id}-note");
    let kind = indicator.kind;
    let shown = match &value {
        Some(IndicatorValue::Number(n)) => format_number_short(*n, 4),
        Some(IndicatorValue::Text(s)) => s.clone(),
        _ => String::new(),
    };
    let value_for_note = value.clone();
    let save_note = {
        let save = save.clone();
        move |_| save(value_for_note.clone(), note.get_untracked())
    };
    let input = match kind {
        IndicatorKind::PassFail => {
            let checked = value == Some(IndicatorValue::YesNo(true));
            let save = save.clone();
            view! {
                <label class="toggle">
                    <input id=input_id.clone() type="checkbox" role="switch" prop:checked=checked
                        on:change=move |ev| save(Some(IndicatorValue::YesNo(event_target_checked(&ev))), note.get_untracked())/>
                    <span>{tr(t::ACHIEVED)}</span>
                </label>
            }.into_any()
        }
        IndicatorKind::Text => {
            let save = save.clone();
            view! {
                <label for=input_id.clone()>{tr(t::VALUE)}</label>
                <input id=input_id.clone() type="text" maxlength="500" prop:value=shown.clone()
                    on:change=move |ev| { let v = event_target_value(&ev); save((!v.trim().is_empty()).then_some(IndicatorValue::Text(v)), note.get_untracked()) }/>
            }.into_any()
        }
        _ => {
            let save = save.clone();
            view! {
                <label for=input_id.clone()>{tr(t::VALUE)} {indicator.unit.clone().map(|u| format!(" ({u})"))}</label>
                <input id=input_id.clone() type="text" inputmode="decimal" autocomplete="off" prop:value=shown.clone()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v.trim().is_empty() {
                            save(None, note.get_untracked());
                        } else if let Some(n) = parse_decimal(&v) {
                            save(Some(IndicatorValue::Number(n)), note.get_untracked());
                        } else {
                            error.set(Some(t::BAD_NUMBER.into()));
                        }
                    }/>
            }.into_any()
        }
    };
    let outcome_class = match eval.outcome {
        Outcome::Met => "ok",
        Outcome::NotMet => "bad",
        Outcome::Unknown => "hint",
    };
    let reason = eval.reason.clone();
    view! {
        <div class="indicator" data-indicator=indicator.code.clone()>
            <p class="ind-text"><span class="crit-code">{indicator.code.clone()}</span> " " {indicator.text.clone()}
                {(!indicator.verified).then(|| view! { <span class="badge muted">{tr(t::UNVERIFIED)}</span> })}</p>
            {input}
            <label for=note_id.clone()>{tr(t::NOTE)}</label>
            <input id=note_id type="text" maxlength="1000" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) on:change=save_note/>
            {move || error.get().map(|e| view! { <p class="bad" role="alert">{e.get(lang.get())}</p> })}
            <p class="threshold">
                {tr(t::THRESHOLD)} ": "
                {match threshold {
                    Some(th) => view! {
                        <span>{format_number_short(th.value, 4)} {indicator.unit.clone().map(|u| format!(" {u}"))}</span>
                        " · " <span class=if th.verified { "ok" } else { "bad" }>{if th.verified { tr(t::VERIFIED) } else { tr(t::UNVERIFIED) }}</span>
                        " · " {tr(t::SOURCE)} ": " {th.source.citation.clone()}
                    }.into_any(),
                    None => view! { <span>{tr(t::NO_THRESHOLD)}</span> }.into_any(),
                }}
            </p>
            <p class=format!("reason {outcome_class}") data-testid="indicator-reason">{move || reason.describe(lang.get())}</p>
            <HistoryButton target=EditTarget::Value { assessment: assessment.id(), indicator: indicator.id.clone() } lang=lang/>
        </div>
    }
}
