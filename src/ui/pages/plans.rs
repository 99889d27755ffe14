//! Plans: yearly targets per scope, with progress ("đạt x % kế hoạch") next to each.

use crate::domain::keys::key;
use leptos::prelude::*;
use strum::VariantArray;

use crate::domain::format::format_int;
use crate::domain::plans::{progress, progress_text, Plan, PlanItem};
use crate::domain::stats::Scope;
use crate::domain::units::{Unit, UnitRef};
use crate::present::plans::item_text;
use crate::shell;
use crate::ui::i18n::{tr, use_lang, Text};
use crate::ui::state::{use_session, use_workspace};

mod t {
    use crate::ui::i18n::Text;
    pub const TITLE: Text = Text::new("Kế hoạch", "Plans");
    pub const SCOPE: Text = Text::new("Phạm vi", "Scope");
    pub const YEAR: Text = Text::new("Năm", "Year");
    pub const REGISTERED: Text = Text::new("Đăng ký", "Registered");
    pub const ACHIEVED: Text = Text::new("Đã đạt", "Achieved");
    pub const SAVE: Text = Text::new("Lưu kế hoạch", "Save the plan");
    pub const NO_SCOPE: Text = Text::new(
        "Chưa có đơn vị. Hãy hoàn tất bước bắt đầu ở Trang chủ.",
        "No units yet. Finish getting started on the Home page.",
    );
    pub const BAD_NUMBER: Text = Text::new(
        "Số đăng ký phải là số nguyên không âm.",
        "Targets must be whole numbers, zero or more.",
    );
    pub const HINT: Text = Text::new("Để trống mục không đăng ký. Số đã đạt được tính từ kết quả đánh giá của năm (kỳ mới nhất) và sản phẩm OCOP được công nhận trong năm.", "Leave items not planned empty. Achieved counts come from the year's latest assessments and OCOP products certified that year.");
}

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
    let inputs: Vec<(PlanItem, RwSignal<String>)> = PlanItem::VARIANTS
        .iter()
        .copied()
        .map(|i| (i, RwSignal::new(String::new())))
        .collect();
    let error = RwSignal::new(None::<Text>);

    let scopes = move || -> Vec<(Scope, String)> {
        let Some(w) = ws.get() else { return vec![] };
        w.units
            .iter()
            .filter(|u| !u.archived)
            .filter_map(|u| match &u.data {
                Unit::Province(p) => Some((Scope::Province(p.code.clone()), p.name.clone())),
                Unit::Commune(c) => Some((Scope::Commune(c.code.clone()), c.name.clone())),
                _ => None,
            })
            .collect()
    };
    // Default scope: the user's commune.
    Effect::new(move |_| {
        if scope.get_untracked().is_none() {
            if let Some(UnitRef::Commune(c)) = session.profile.get().and_then(|p| p.home) {
                scope.set(Some(Scope::Commune(c)));
            }
        }
    });
    let current = move || {
        let s = scope.get()?;
        let id = Plan::record_id(&s, year.get());
        plans
            .get()
            .unwrap_or_default()
            .into_iter()
            .find(|p| p.id == id && !p.archived)
            .map(|p| p.data)
    };
    // Fill the inputs from the saved plan when scope or year changes.
    let inputs_fill = inputs.clone();
    Effect::new(move |_| {
        let plan = current();
        for (item, sig) in &inputs_fill {
            let v = plan
                .as_ref()
                .and_then(|p| p.targets.iter().find(|(i, _)| i == item))
                .map(|(_, n)| n.to_string())
                .unwrap_or_default();
            sig.set(v);
        }
    });
    let achieved = move |item: PlanItem| -> u32 {
        let (Some(w), Some(s)) = (ws.get(), scope.get()) else {
            return 0;
        };
        let (products, ratings) = ocop.get().unwrap_or_default();
        // As of the latest period of the year with data (the whole year once it is in).
        let period = w.latest_period_of_year(&s, year.get());
        w.plan_achieved(item, &s, period, &products, &ratings)
    };
    let inputs_save = inputs.clone();
    let save = move |_| {
        let Some(s) = scope.get_untracked() else {
            return;
        };
        let mut targets = Vec::new();
        for (item, sig) in &inputs_save {
            let v = sig.get_untracked();
            if v.trim().is_empty() {
                continue;
            }
            match v.trim().parse::<u32>() {
                Ok(n) => targets.push((*item, n)),
                Err(_) => return error.set(Some(t::BAD_NUMBER)),
            }
        }
        error.set(None);
        let plan = Plan {
            id: Plan::record_id(&s, year.get_untracked()),
            scope: s,
            year: year.get_untracked(),
            targets,
        };
        session.run_other_edit(
            None,
            move |store, author| async move {
                store
                    .save_record(&plan.id.clone(), plan, false, &author)
                    .await
            },
            |_| {},
        );
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
                        {move || scopes().into_iter().map(|(s, name)| {
                            let key = s.key();
                            let selected = scope.get_untracked().as_ref() == Some(&s);
                            view! { <option value=key selected=selected>{name}</option> }
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
            {inputs.into_iter().map(|(item, sig)| {
                let id = format!("plan-{}", key(&item));
                let line = move || {
                    let plan = Plan { id: String::new(), scope: Scope::Commune(String::new()), year: 0, targets: sig.get().trim().parse::<u32>().ok().map(|n| vec![(item, n)]).unwrap_or_default() };
                    progress(&plan, achieved).into_iter().next()
                };
                view! {
                    <li class="card plan-item" data-plan-item=key(&item)>
                        <label for=id.clone()>{tr(item_text(item))}</label>
                        <div class="row">
                            <div>
                                <span class="hint">{tr(t::REGISTERED)}</span>
                                <input id=id type="text" inputmode="numeric" prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev))/>
                            </div>
                            <div>
                                <span class="hint">{tr(t::ACHIEVED)}</span>
                                <p class="achieved" data-testid="achieved">{move || format_int(i64::from(achieved(item)))}</p>
                            </div>
                        </div>
                        <p class="progress" data-testid="progress">{move || line().and_then(|p| p.percent).map(|pct| progress_text(pct, lang.get()))}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
        <div class="actions"><button type="button" class="primary" on:click=save>{tr(t::SAVE)}</button></div>
    }
}
