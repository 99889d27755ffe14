//! Charts and reports (/bieu-do): the dashboard of a scope, criteria set and period — the
//! figures a review meeting quotes, each chart with a table of the same numbers beside it,
//! the printable summary table, and CSV / XLSX downloads. With no assessments yet, a
//! worked example from a published report is shown instead. What is shown is built by
//! `present::dashboard`; the downloads by `app::reports`.

use std::sync::Arc;

use leptos::prelude::*;

pub(crate) use super::chart_cards::FigureTableView;
use super::chart_cards::{Example, ResultsCards};
use super::dashboard_parts::{DashboardCharts, DashboardReport};
use crate::domain::assessment::Period;
use crate::domain::catalog::Catalog;
use crate::domain::criteria::SetId;
use crate::domain::dashboard::Dashboard;
use crate::domain::stats::Scope;
use crate::domain::workspace::Workspace;
use crate::present::dashboard::{self as model, default_set, t, Counting};
use crate::shell;
use crate::ui::chart::ChartsPending;
use crate::ui::components::use_parts;
use crate::ui::i18n::{tr, use_lang};
use crate::ui::pages::onboarding::load_catalog;
use crate::ui::state::use_workspace;
use crate::ui::texts;

/// What the user chose on the dashboard. Kept by the page, not by the view of one loaded
/// workspace: the workspace is loaded again after every change (an edit, an import), and
/// a choice made meanwhile must not go back to the first scope.
#[derive(Clone, Copy)]
struct DashChoices {
    scope: RwSignal<String>,
    set: RwSignal<String>,
    period: RwSignal<String>,
    include_wards: RwSignal<bool>,
}

/// The figures of one choice: scope, set, period, the dashboard, whether communes were
/// counted from the official list, whether wards were included.
type DashData = (Scope, SetId, Period, Arc<Dashboard>, bool, bool);

#[component]
pub fn ChartsPage() -> impl IntoView {
    let ws = use_workspace();
    let choices = DashChoices {
        scope: RwSignal::new(String::new()),
        set: RwSignal::new(String::new()),
        period: RwSignal::new(String::new()),
        include_wards: RwSignal::new(false),
    };
    // The figures shown, kept here rather than in the view of one workspace: when the data
    // is read again (an import, a sync merging in the background) the figures on screen
    // stay, marked busy, until the new ones are computed — the page does not collapse.
    let computed = RwSignal::new(None::<Option<DashData>>);
    view! {
        <h1>{tr(texts::CHARTS_TITLE)}</h1>
        {move || match ws.get() {
            None => view! { <p>{tr(texts::LOADING)}</p> }.into_any(),
            Some(w) if default_set(&w).is_none() => view! { <Example/> }.into_any(),
            Some(w) => view! { <DashboardView ws=w choices=choices computed=computed/> }.into_any(),
        }}
    }
}

#[component]
fn DashboardView(
    ws: Arc<Workspace>,
    choices: DashChoices,
    /// The figures shown (see `ChartsPage`): `None` before the first are computed.
    computed: RwSignal<Option<Option<DashData>>>,
) -> impl IntoView {
    let lang = use_lang();
    let scopes = ws.scopes();
    let set_choices = model::set_choices(&ws, lang.get_untracked());
    let DashChoices {
        scope,
        set,
        period,
        include_wards,
    } = choices;
    // The first scope and the default set, unless the user's choice is still offered.
    if !scopes.iter().any(|(s, _)| s.key() == scope.get_untracked()) {
        scope.set(scopes.first().map(|(s, _)| s.key()).unwrap_or_default());
    }
    if !set_choices.iter().any(|(k, _)| *k == set.get_untracked()) {
        set.set(default_set(&ws).map(|s| s.to_string()).unwrap_or_default());
    }
    // The official list gives a province's communes that have no record here (counted as
    // "no data"); without it (never loaded while online) only known communes count.
    let catalog = RwSignal::new(None::<Result<Arc<Catalog>, String>>);
    load_catalog(catalog);
    let set_id = move || set.get().parse::<SetId>().ok();
    let ws_periods = ws.clone();
    let periods = Memo::new(move |_| {
        set_id()
            .map(|s| ws_periods.periods_of(&s))
            .unwrap_or_default()
    });
    // The latest period by default, and whenever the chosen one is not available.
    Effect::new(move |_| {
        let ps = periods.get();
        let current = period.get_untracked();
        if !ps.iter().any(|p| p.to_string() == current) {
            if let Some(last) = ps.last() {
                period.set(last.to_string());
            }
        }
    });
    // A village set: the villages of the scope are counted, not its communes.
    let ws_level = ws.clone();
    let village_set = Memo::new(move |_| {
        set_id()
            .and_then(|s| ws_level.set(&s).map(|s| s.level.is_village_level()))
            .unwrap_or(false)
    });
    let ws_villages = ws.clone();
    let villages = move || {
        let catalog = catalog.get()?;
        let official = catalog.as_ref().ok().cloned();
        let opts = crate::domain::dashboard::DashboardOptions {
            official: official.as_deref(),
            include_wards: include_wards.get(),
        };
        crate::present::dashboard::villages::village_model(
            &ws_villages,
            &scope.get(),
            &set.get(),
            &period.get(),
            opts,
            lang.get(),
        )
    };
    let ws_dash = ws.clone();
    let dash = move || -> Option<DashData> {
        if village_set.get_untracked() {
            return None;
        }
        let catalog = catalog.get_untracked()?;
        let official = catalog.as_ref().ok().cloned();
        let wards = include_wards.get_untracked();
        // Timed for the benchmarks (performance entry "ntm-dashboard": statistics only).
        let _timing = shell::Timing::start("ntm-dashboard");
        let f = model::figures(
            &ws_dash,
            &scope.get_untracked(),
            &set.get_untracked(),
            &period.get_untracked(),
            official.as_deref(),
            wards,
        )?;
        Some((
            f.scope,
            f.set,
            f.period,
            Arc::new(f.dashboard),
            official.is_some(),
            wards,
        ))
    };
    // The statistics in a task of their own, the page drawn in the next (on a slow phone
    // the two in one task blocked the page; BENCHMARKS.md, session 14). Until then the
    // figures of the previous choice stay shown; `None` only before the first.
    // Figures being computed for a new choice: the dashboard says so (aria-busy), and a
    // reader (the tests, a screen reader) knows the figures shown are not yet the new ones.
    let busy = RwSignal::new(true);
    let asked = StoredValue::new(0u64);
    let dash = std::rc::Rc::new(dash);
    Effect::new(move |_| {
        village_set.track();
        catalog.track();
        include_wards.track();
        scope.track();
        set.track();
        period.track();
        // A newer choice makes an older one's pending work moot.
        let Some(ticket) = asked.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        let current = move || asked.try_get_value() == Some(ticket);
        busy.set(true);
        // Figures need the official list (read when this view is made): until it is in,
        // the figures on screen stay (this runs again when it comes).
        if catalog.get_untracked().is_none() && !village_set.get_untracked() {
            return;
        }
        let dash = dash.clone();
        set_timeout(
            move || {
                if !current() {
                    return;
                }
                let figures = dash();
                set_timeout(
                    move || {
                        if current() {
                            computed.try_set(Some(figures));
                            busy.try_set(false);
                        }
                    },
                    std::time::Duration::ZERO,
                );
            },
            std::time::Duration::ZERO,
        );
    });
    let ws_view = ws.clone();

    view! {
        <section class="card controls no-print">
            <label>{tr(t::SCOPE)}
                <select on:change=move |ev| scope.set(event_target_value(&ev)) prop:value=move || scope.get() data-testid="dash-scope">
                    // Each option says whether it is the choice kept from an earlier load (the
                    // select's value may be set before its options exist).
                    {scopes.iter().map(|(s, n)| {
                        let key = s.key();
                        let chosen = scope.get_untracked() == key;
                        view! { <option value=key selected=chosen>{n.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{tr(t::SET)}
                <select on:change=move |ev| set.set(event_target_value(&ev)) prop:value=move || set.get() data-testid="dash-set">
                    {set_choices.into_iter().map(|(k, n)| {
                        let chosen = set.get_untracked() == k;
                        view! { <option value=k selected=chosen>{n}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{tr(t::PERIOD)}
                <select on:change=move |ev| period.set(event_target_value(&ev)) prop:value=move || period.get() data-testid="dash-period">
                    {move || periods.get().into_iter().rev().map(|p| {
                        let chosen = period.get_untracked() == p.to_string();
                        view! { <option value=p.to_string() selected=chosen>{p.label(lang.get())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="dash-wards" prop:checked=move || include_wards.get() on:change=move |ev| include_wards.set(event_target_checked(&ev))/>
                {tr(t::INCLUDE_WARDS)}
            </label>
        </section>
        <div class="dashboard" data-testid="dashboard" aria-busy=move || busy.get().to_string()>
        {move || match computed.get() {
            None => view! { <p class="card">{tr(texts::LOADING)}</p> }.into_any(),
            Some(None) if village_set.get() => match villages() {
                Some(m) => view! { <crate::ui::pages::villages::VillageBody m=m/> }.into_any(),
                None => view! { <p class="card">{tr(texts::LOADING)}</p> }.into_any(),
            },
            Some(None) if catalog.get().is_none() => view! { <p class="card">{tr(texts::LOADING)}</p> }.into_any(),
            Some(None) => view! { <p class="card">{tr(t::NO_SET)}</p> }.into_any(),
            Some(Some((scope, set, period, d, official, wards))) => view! {
                <DashboardBody ws=ws_view.clone() scope=scope set=set period=period d=d counting=Counting { official, wards }/>
            }.into_any(),
        }}
        </div>
    }
}

#[component]
fn DashboardBody(
    ws: Arc<Workspace>,
    scope: Scope,
    set: SetId,
    period: Period,
    d: Arc<Dashboard>,
    counting: Counting,
) -> impl IntoView {
    let lang = use_lang();
    let l = lang.get_untracked();
    // Counted by the charts below, so printing can wait until every one is drawn.
    provide_context(ChartsPending(RwSignal::new(0)));
    let m = model::dashboard(&ws, &scope, &set, period, &d, counting, l);
    let f = m.figures;
    // Three parts, each drawn in a task of its own: the key figures, the charts, the report.
    let parts = use_parts(3);
    let charts = (
        ws.clone(),
        scope.clone(),
        d.clone(),
        m.charts,
        m.matrix,
        m.file_stem,
        m.radar_choices,
    );
    let sum = Arc::new(m.summary);
    let (title, set_title) = (m.title.clone(), m.set_title);
    view! {
        <header class="report-header">
            <h2 data-testid="report-title">{m.title.clone()}</h2>
            <p class="hint" data-testid="report-set">{tr(t::SET)} ": " {m.set_label}</p>
        </header>
        <section class="card" aria-labelledby="sum-title">
            <h2 id="sum-title">{tr(t::SUMMARY)}</h2>
            <dl class="facts" data-testid="key-figures">
                <dt>{tr(t::COMMUNES)}</dt>
                <dd data-testid="fig-communes">{f.communes} <span class="hint">" · " {f.communes_source}</span></dd>
                <dt>{tr(t::WITH_DATA)}</dt><dd data-testid="fig-with-data">{f.with_data}</dd>
                <dt>{tr(t::AVERAGE)}</dt><dd data-testid="average">{f.average}</dd>
                <dt>{tr(t::MEETING)}</dt><dd data-testid="fig-meeting">{f.meeting}</dd>
                <dt>{tr(t::NOT_MEETING)}</dt><dd data-testid="fig-not-meeting">{f.not_meeting}</dd>
                <dt>{tr(t::NO_DATA)}</dt><dd data-testid="fig-no-data">{f.no_data}</dd>
                <dt>{tr(t::NTM)}</dt>
                <dd data-testid="ntm">{f.ntm} <span class="hint small-text" data-testid="ntm-sets">" · " {f.ntm_sets}</span></dd>
                <dt>{tr(t::NANG_CAO)}</dt>
                <dd data-testid="fig-nang-cao">{f.nang_cao} <span class="hint small-text">" · " {f.nang_cao_sets}</span></dd>
                <dt>{tr(t::KIEU_MAU)}</dt>
                <dd data-testid="fig-kieu-mau">{f.kieu_mau} <span class="hint small-text">" · " {f.kieu_mau_sets}</span></dd>
                <dt>{tr(t::VILLAGES)}</dt>
                <dd data-testid="fig-villages">{f.villages}
                    " · " {tr(t::WITH_DATA_SHORT)} " " <span data-testid="fig-villages-data">{f.villages_with_data}</span>
                    <span class="hint small-text">" · " {f.village_sets}</span></dd>
                <dt>{tr(t::CHANGE)} " (" {f.change_period} ")"</dt>
                <dd data-testid="change">{f.change}</dd>
            </dl>
            {f.wards_left_out.map(|w| view! { <p class="notice small-text" data-testid="wards-left-out">{w}</p> })}
            {(!f.without_data.is_empty()).then(|| {
                let list = f.without_data;
                view! {
                    <details class="no-data-list" data-testid="no-data-list">
                        <summary>{tr(t::NO_DATA_LIST)} " (" {list.len()} ")"</summary>
                        <ul class="plain-list">
                            {list.into_iter().map(|(code, name, other)| view! {
                                <li data-commune=code>{name}
                                    {other.map(|v| view! { <span class="hint">" · " {tr(t::OTHER_VERSION)} " " {v}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </details>
                }
            })}
        </section>
        <ResultsCards r=m.results/>
        <Show when=move || { parts.get() >= 2 }>
            <DashboardCharts ws=charts.0.clone() scope=charts.1.clone() period=period d=charts.2.clone()
                charts=charts.3.clone() matrix=charts.4.clone() stem=charts.5.clone() radar_choices=charts.6.clone()/>
        </Show>
        <Show when=move || { parts.get() >= 3 }>
            <DashboardReport ws=ws.clone() scope=scope.clone() set=set.clone() period=period d=d.clone()
                title=title.clone() set_title=set_title.clone() sum=sum.clone()/>
        </Show>
    }
}
