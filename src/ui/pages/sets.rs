//! Criteria sets: every built-in and custom set with its source and verified flags on
//! every criterion, indicator and threshold; built-ins are read-only ("make a copy to
//! edit"); each saved edit of a custom set is a new version.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::domain::criteria::{
    apply_edit, derive_custom, CriteriaSet, Criterion, EditError, Indicator, IndicatorKind,
    SetEdit, Source, Threshold, ThresholdDimension, ThresholdScope,
};
use crate::domain::format::{format_number_short, parse_decimal};
use crate::domain::text::clean;
use crate::domain::units::{CommuneGroup, Region};
use crate::ui::i18n::{tr, use_lang, Text};
use crate::ui::state::{use_session, use_workspace};

mod t {
    use crate::ui::i18n::Text;
    pub const TITLE: Text = Text::new("Bộ tiêu chí", "Criteria sets");
    pub const BUILTIN: Text = Text::new("có sẵn, chỉ xem", "built in, read-only");
    pub const CUSTOM: Text = Text::new("bản riêng", "custom");
    pub const VERSION: Text = Text::new("phiên bản", "version");
    pub const CRITERIA: Text = Text::new("tiêu chí", "criteria");
    pub const COPY: Text = Text::new("Sao chép để chỉnh sửa", "Make a copy to edit");
    pub const NEW_CODE: Text = Text::new(
        "Mã bộ mới (chữ, số, gạch dưới)",
        "New code (letters, digits, underscore)",
    );
    pub const NEW_TITLE: Text = Text::new("Tên bộ mới", "New title");
    pub const LEGAL: Text = Text::new("Căn cứ", "Legal basis");
    pub const SOURCE: Text = Text::new("Nguồn", "Source");
    pub const VERIFIED: Text = Text::new("đã xác minh", "verified");
    pub const UNVERIFIED: Text = Text::new("chưa xác minh", "not verified");
    pub const NO_INDICATORS: Text = Text::new(
        "Chưa có chỉ tiêu (đánh giá trực tiếp đạt / chưa đạt).",
        "No indicators yet (marked met / not met directly).",
    );
    pub const ADD_INDICATOR: Text = Text::new("Thêm chỉ tiêu", "Add an indicator");
    pub const REMOVE_INDICATOR: Text = Text::new(
        "Bỏ chỉ tiêu này (để nhập lại cho đúng)",
        "Remove this indicator (to enter it again correctly)",
    );
    pub const ADD_CRITERION: Text = Text::new("Thêm tiêu chí", "Add a criterion");
    pub const CODE: Text = Text::new("Mã", "Code");
    pub const TEXT: Text = Text::new("Nội dung", "Wording");
    pub const KIND: Text = Text::new("Cách đánh giá", "How it is judged");
    pub const UNIT: Text = Text::new("Đơn vị tính", "Unit");
    pub const THRESHOLD: Text = Text::new("Ngưỡng", "Threshold");
    pub const SCOPE: Text = Text::new("Áp dụng cho", "Applies to");
    pub const YEAR: Text = Text::new(
        "Năm áp dụng (để trống nếu mọi năm)",
        "Year (empty for every year)",
    );
    pub const CITATION: Text = Text::new(
        "Nguồn (số văn bản, điều, phụ lục)",
        "Source (document, article, annex)",
    );
    pub const IS_VERIFIED: Text =
        Text::new("Đã đối chiếu văn bản gốc", "Checked against the legal text");
    pub const SAVE_VERSION: Text = Text::new("Lưu thành phiên bản mới", "Save as a new version");
    pub const NAME: Text = Text::new("Tên tiêu chí", "Criterion name");
    pub const NOT_FOUND: Text = Text::new("Không tìm thấy bộ tiêu chí.", "Criteria set not found.");
    pub const BAD_CODE: Text = Text::new(
        "Mã không hợp lệ hoặc đã có.",
        "The code is invalid or already used.",
    );
    pub const BAD_INPUT: Text = Text::new(
        "Hãy nhập mã, nội dung, nguồn; ngưỡng phải là số.",
        "Enter a code, wording and source; the threshold must be a number.",
    );
    pub const INVALID: Text = Text::new(
        "Không lưu được vì bộ tiêu chí sẽ bị lỗi",
        "Not saved: the set would be invalid",
    );
}

fn kind_text(k: IndicatorKind) -> Text {
    match k {
        IndicatorKind::PassFail => Text::new("Đạt / không đạt", "Pass / fail"),
        IndicatorKind::PercentAtLeast => Text::new("Tỷ lệ % từ … trở lên", "Percent at least"),
        IndicatorKind::PercentAtMost => Text::new("Tỷ lệ % không quá …", "Percent at most"),
        IndicatorKind::NumberAtLeast => Text::new("Số từ … trở lên", "Number at least"),
        IndicatorKind::NumberAtMost => Text::new("Số không quá …", "Number at most"),
        IndicatorKind::CountAtLeast => Text::new("Số lượng từ … trở lên", "Count at least"),
        IndicatorKind::Text => Text::new("Ghi bằng chữ", "Text"),
    }
}

const KINDS: [(IndicatorKind, &str); 7] = [
    (IndicatorKind::PassFail, "pass_fail"),
    (IndicatorKind::PercentAtLeast, "percent_at_least"),
    (IndicatorKind::PercentAtMost, "percent_at_most"),
    (IndicatorKind::NumberAtLeast, "number_at_least"),
    (IndicatorKind::NumberAtMost, "number_at_most"),
    (IndicatorKind::CountAtLeast, "count_at_least"),
    (IndicatorKind::Text, "text"),
];

#[component]
pub fn SetsPage() -> impl IntoView {
    let ws = use_workspace();
    view! {
        <h1>{tr(t::TITLE)}</h1>
        {move || ws.get().map(|w| {
            let sets: Vec<CriteriaSet> = w.current_sets().into_iter().cloned().collect();
            view! {
            <ul class="product-list">
                {sets.into_iter().map(|s| {
                    let href = format!("/bo-tieu-chi/{}", s.id());
                    let id = s.id().to_string();
                    let (title, code, version, count) = (s.title.clone(), s.code.clone(), s.version, s.criteria.len());
                    let kind = if s.builtin { tr(t::BUILTIN) } else { tr(t::CUSTOM) };
                    view! {
                        <li class="card" data-set=id>
                            <A href=href attr:class="node-name">{title}</A>
                            <p class="hint">{code} " · " {tr(t::VERSION)} " " {version} " · " {count} " " {tr(t::CRITERIA)} " · " {kind}</p>
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
            let id = params.with(|p| p.get("id").unwrap_or_default());
            let w = ws.get()?;
            let (code, version) = id.rsplit_once('@')?;
            let version: u32 = version.parse().ok()?;
            Some(match w.sets.iter().find(|s| s.code == code && s.version == version) {
                Some(s) => view! { <SetView set=s.clone() taken=w.sets.iter().map(|s| s.code.clone()).collect()/> }.into_any(),
                None => view! { <h1>{tr(t::NOT_FOUND)}</h1> }.into_any(),
            })
        }}
    }
}

#[component]
fn SetView(set: CriteriaSet, taken: Vec<String>) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<String>);
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
        let copy = derive_custom(&base, &code, &clean(&new_title.get_untracked()));
        let id = copy.id().to_string();
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
            let id = next.id().to_string();
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
    view! {
        <h1>{set.title.clone()}</h1>
        <section class="card">
            <p>{set.code.clone()} " · " {tr(t::VERSION)} " " {set.version} " · " {if set.builtin { tr(t::BUILTIN) } else { tr(t::CUSTOM) }}</p>
            <p>{tr(t::LEGAL)} ": " {set.legal_basis.clone()}</p>
            <p class="hint">{tr(t::SOURCE)} ": " {set.source.citation.clone()}</p>
            {set.notes.clone().map(|n| view! { <p class="notice small-text">"ⓘ " {n}</p> })}
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
    let code = criterion.code.clone();
    view! {
        <section class="card" data-criterion=criterion.code.clone()>
            <h2>{criterion.code.clone()} ". " {criterion.name.clone()}</h2>
            <p class="hint">{tr(t::SOURCE)} ": " {criterion.source.citation.clone()} " · "
                <span class=if criterion.verified { "ok" } else { "bad" }>{if criterion.verified { tr(t::VERIFIED) } else { tr(t::UNVERIFIED) }}</span></p>
            {criterion.indicators.is_empty().then(|| view! { <p class="hint">{tr(t::NO_INDICATORS)}</p> })}
            {criterion.indicators.iter().cloned().map(|i| {
                let remove = editable.then(|| {
                    let (save_edit, criterion, code) = (save_edit.clone(), code.clone(), i.code.clone());
                    view! {
                        <button type="button" class="secondary small" on:click=move |_| save_edit(SetEdit::RemoveIndicator { criterion: criterion.clone(), code: code.clone() })>
                            {tr(t::REMOVE_INDICATOR)}
                        </button>
                    }
                });
                view! { <IndicatorInfo indicator=i/> {remove} }
            }).collect_view()}
            {editable.then(|| view! { <AddIndicator criterion=code.clone() dimension=dimension save_edit=save_edit.clone()/> })}
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
                ThresholdDimension::Regions => Region::ALL
                    .iter()
                    .map(|r| (format!("r:{r:?}"), ThresholdScope::Region(*r).label(l)))
                    .collect::<Vec<_>>(),
                ThresholdDimension::CommuneGroups => CommuneGroup::ALL
                    .iter()
                    .map(|g| (format!("g:{g:?}"), ThresholdScope::Group(*g).label(l)))
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
                Region::ALL
                    .into_iter()
                    .find(|x| format!("{x:?}") == r)
                    .map(ThresholdScope::Region)
            } else if let Some(g) = s.strip_prefix("g:") {
                CommuneGroup::ALL
                    .into_iter()
                    .find(|x| format!("{x:?}") == g)
                    .map(ThresholdScope::Group)
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
            <select id=format!("{uid}-kind") on:change=move |ev| { let v = event_target_value(&ev); if let Some((k, _)) = KINDS.iter().find(|(_, s)| *s == v) { kind.set(*k) } }>
                {KINDS.into_iter().map(|(k, v)| view! { <option value=v selected=k == IndicatorKind::PercentAtLeast>{tr(kind_text(k))}</option> }).collect_view()}
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
