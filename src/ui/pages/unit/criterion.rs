//! One criterion of a unit's assessment (its mark, and its inside drawn while open) and one
//! indicator's value with its threshold and reason.

use leptos::prelude::*;
use leptos_router::components::A;

use super::outcome_text;
use crate::domain::assessment::{Assessment, CriterionMark, Entry, IndicatorValue};
use crate::domain::criteria::{Criterion, Indicator, IndicatorKind};
use crate::domain::evaluation::{
    applicable_threshold, evaluate_indicator, Basis, CriterionOutcome, Outcome,
};
use crate::domain::format::{format_number_short, parse_decimal};
use crate::domain::history::EditTarget;
use crate::present::unit::t;
use crate::ui::app_href;
use crate::ui::history::HistoryButton;
use crate::ui::i18n::{tr, use_lang, Message, Text};
use crate::ui::state::use_session;

#[component]
pub(super) fn CriterionView(
    criterion: Criterion,
    result: Option<crate::domain::evaluation::CriterionResult>,
    assessment: Assessment,
    ctx: crate::domain::units::ThresholdContext,
    open: RwSignal<Vec<String>>,
    /// A concurrent value of its mark or an indicator lost (an open conflict).
    other_value: Signal<bool>,
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
        session.run_assessment_edit(Some(label), move |store, author| async move {
            store.set_mark(&key, &code, entry, &author).await
        });
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
    // The inside of a criterion is drawn only while it is open: a set has ~50 indicators,
    // and drawing every one after every save is what made a save slow on a cheap phone.
    let is_open = {
        let code = criterion.code.clone();
        Memo::new(move |_| open.with(|o| o.contains(&code)))
    };
    let inside = {
        let criterion = criterion.clone();
        move || {
            let criterion = criterion.clone();
            let assessment = assessment.clone();
            let mark_button = mark_button.clone();
            view! {
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
                {criterion.indicators.iter().cloned().map(|i| view! { <IndicatorView indicator=i assessment=assessment.clone() ctx=ctx year=year/> }).collect_view()}
                <HistoryButton target=EditTarget::Mark { assessment: assessment.id(), criterion: criterion.id.clone() } lang=lang/>
            }
        }
    };
    view! {
        <details class="criterion card" data-criterion=criterion.code.clone()
            prop:open=open.get_untracked().contains(&criterion.code)
            on:toggle={
                let code = criterion.code.clone();
                move |ev| {
                    let now_open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    if now_open == is_open.get_untracked() {
                        return;
                    }
                    open.update(|o| {
                        o.retain(|c| c != &code);
                        if now_open {
                            o.push(code.clone());
                        }
                    });
                }
            }>
            <summary>
                <span class="crit-code">{criterion.code.clone()}</span>
                <span class="crit-name">{criterion.name.clone()}</span>
                <span class=format!("badge {class}") data-testid="criterion-outcome">{tr(label)}</span>
                {move || other_value.get().then(|| view! {
                    <A href=app_href("/trao-doi#xung-dot") attr:class="badge other-value"
                        attr:data-testid="criterion-other-value" attr:title=tr(t::OTHER_VALUE_HINT)>{tr(t::OTHER_VALUE)}</A>
                })}
            </summary>
            {move || is_open.get().then(inside.clone())}
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
        session.run_assessment_edit(Some(label), move |store, author| async move {
            store.set_value(&key, &code, entry, &author).await
        });
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
