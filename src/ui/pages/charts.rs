//! Charts and reports (/bieu-do): the dashboard of a scope, criteria set and period — the
//! figures a review meeting quotes, each chart with a table of the same numbers beside it,
//! the printable summary table, and CSV / XLSX downloads. With no assessments yet, a
//! worked example from a published report is shown instead. What is shown is built by
//! `present::dashboard`; the downloads by `app::reports`.

use std::sync::Arc;

use leptos::prelude::*;

pub(crate) use super::chart_cards::FigureTableView;
use super::chart_cards::{ChartCard, Example, ResultsCards};
use crate::app::reports::{self, SheetFormat};
use crate::domain::assessment::Period;
use crate::domain::catalog::Catalog;
use crate::domain::criteria::SetId;
use crate::domain::dashboard::Dashboard;
use crate::domain::stats::Scope;
use crate::domain::workspace::Workspace;
use crate::present::dashboard::{self as model, default_set, t, Counting};
use crate::shell;
use crate::ui::app_href;
use crate::ui::chart::{draw_every_chart, ChartsPending, EChart};
use crate::ui::components::{download_sheets, DownloadFailed};
use crate::ui::i18n::{tr, use_lang};
use crate::ui::pages::onboarding::load_catalog;
use crate::ui::state::use_workspace;
use crate::ui::texts;
use leptos_router::components::A;

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

#[component]
pub fn ChartsPage() -> impl IntoView {
    let ws = use_workspace();
    let choices = DashChoices {
        scope: RwSignal::new(String::new()),
        set: RwSignal::new(String::new()),
        period: RwSignal::new(String::new()),
        include_wards: RwSignal::new(false),
    };
    view! {
        <h1>{tr(texts::CHARTS_TITLE)}</h1>
        {move || match ws.get() {
            None => view! { <p>{tr(texts::LOADING)}</p> }.into_any(),
            Some(w) if default_set(&w).is_none() => view! { <Example/> }.into_any(),
            Some(w) => view! { <DashboardView ws=w choices=choices/> }.into_any(),
        }}
    }
}

#[component]
fn DashboardView(ws: Arc<Workspace>, choices: DashChoices) -> impl IntoView {
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
    let dash = Memo::new(move |_| {
        if village_set.get() {
            return None;
        }
        let catalog = catalog.get()?;
        let official = catalog.as_ref().ok().cloned();
        let wards = include_wards.get();
        // Timed for the benchmarks (performance entry "ntm-dashboard": statistics only).
        let _timing = shell::Timing::start("ntm-dashboard");
        let f = model::figures(
            &ws_dash,
            &scope.get(),
            &set.get(),
            &period.get(),
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
        {move || match dash.get() {
            None if village_set.get() => match villages() {
                Some(m) => view! { <crate::ui::pages::villages::VillageBody m=m/> }.into_any(),
                None => view! { <p class="card">{tr(texts::LOADING)}</p> }.into_any(),
            },
            None if catalog.get().is_none() => view! { <p class="card">{tr(texts::LOADING)}</p> }.into_any(),
            None => view! { <p class="card">{tr(t::NO_SET)}</p> }.into_any(),
            Some((scope, set, period, d, official, wards)) => view! {
                <DashboardBody ws=ws_view.clone() scope=scope set=set period=period d=d counting=Counting { official, wards }/>
            }.into_any(),
        }}
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
    let charts_pending = ChartsPending(RwSignal::new(0));
    provide_context(charts_pending);
    let m = model::dashboard(&ws, &scope, &set, period, &d, counting, l);
    let f = m.figures;
    let radar_commune = RwSignal::new(
        m.radar_choices
            .first()
            .map(|(c, _)| c.clone())
            .unwrap_or_default(),
    );
    let d_radar = d.clone();
    // OCOP in the period and the plan of the period's year, read with the workspace.
    let ocop = crate::ui::pages::ocop::use_ocop();
    let d_ocop = d.clone();
    let ocop_chart = move || {
        let (products, ratings) = ocop.get()?;
        Some(model::ocop_chart(
            &d_ocop,
            &products,
            &ratings,
            period,
            lang.get(),
        ))
    };
    let plans = use_plans();
    let (ws_plan, scope_plan) = (ws.clone(), scope.clone());
    let plan_table = move || {
        let (products, ratings) = ocop.get().unwrap_or_default();
        model::plan_table(
            &ws_plan,
            &plans.get().unwrap_or_default(),
            &scope_plan,
            period,
            &products,
            &ratings,
            lang.get(),
        )
    };
    let failed = RwSignal::new(None);
    let (ws_sum, d_sum, scope_sum, set_sum) = (ws.clone(), d.clone(), scope.clone(), set.clone());
    let download_summary = move |format: SheetFormat| {
        let file = reports::summary(
            &ws_sum,
            &d_sum,
            &scope_sum,
            &set_sum,
            period,
            format,
            lang.get_untracked(),
        );
        download_sheets(file, failed);
    };
    let (ws_raw, scope_raw, set_raw) = (ws.clone(), scope.clone(), set.clone());
    let download_raw = move |format: SheetFormat| {
        let file = reports::raw_values(
            &ws_raw,
            &scope_raw,
            &set_raw,
            period,
            format,
            lang.get_untracked(),
        );
        download_sheets(file, failed);
    };
    let first_matrix = m.matrix;
    let matrix_all = RwSignal::new(false);
    let (d_matrix, stem) = (d.clone(), m.file_stem.clone());
    let sum = Arc::new(m.summary);
    let pages = sum.pages().len();
    // Groups of rows drawn; each is a <tbody> of its own, so "Hiện thêm" adds rows
    // without drawing the earlier ones again.
    // The first group is drawn in the task after the rest of the page: with the statistics
    // and the page's other parts, its 200 rows made one task over 200 ms (national file).
    let pages_shown = RwSignal::new(0usize);
    set_timeout(
        move || {
            let _ = pages_shown.try_update(|p| *p = (*p).max(1));
        },
        std::time::Duration::ZERO,
    );
    // Printing draws every row and every chart first (charts are drawn when they come near
    // the screen), then opens the print dialog once they are laid out.
    let print_asked = RwSignal::new(false);
    Effect::new(move |_| {
        if print_asked.get() && charts_pending.0.get() == 0 {
            print_asked.set(false);
            request_animation_frame(|| {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            });
        }
    });
    let print = move |_| {
        pages_shown.set(pages);
        draw_every_chart();
        print_asked.set(true);
    };
    let report_href = format!("/bao-cao?pham-vi={}&bo={}&ky={}", scope.key(), set, period);
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
        {m.charts.into_iter().map(|c| view! { <ChartCard c=c/> }).collect_view()}
        <section class="card no-print" data-testid="chart-matrix">
            <h2>{tr(t::MATRIX)}</h2>
            <p class="hint">{tr(t::MATRIX_HINT)}</p>
            {move || {
                // The first communes, or every one after "Hiện tất cả" (drawn anew).
                let mx = if matrix_all.get() { model::matrix(&d_matrix, &stem, l, true) } else { first_matrix.clone() };
                let note = mx.note.clone();
                view! {
                    <EChart chart=mx.chart label=t::MATRIX.get(l) file_name=mx.file height=mx.height min_width=mx.min_width/>
                    {note.map(|n| view! {
                        <p class="hint" data-testid="matrix-note">{n}</p>
                        <button type="button" class="secondary" data-testid="matrix-all" on:click=move |_| matrix_all.set(true)>{tr(t::MATRIX_ALL)}</button>
                    })}
                }
            }}
        </section>
        <section class="card no-print" data-testid="chart-radar">
            <h2>{tr(t::RADAR)}</h2>
            <label>{tr(t::COMMUNE)}
                <select on:change=move |ev| radar_commune.set(event_target_value(&ev)) prop:value=move || radar_commune.get()>
                    {m.radar_choices.iter().map(|(c, n)| view! { <option value=c.clone()>{n.clone()}</option> }).collect_view()}
                </select>
            </label>
            {move || {
                let code = radar_commune.get();
                let (chart, table) = model::radar(&d_radar, &code, l)?;
                Some(view! {
                    <EChart chart=chart label=t::RADAR.get(l) file_name=format!("tieu-chi-{code}.png")/>
                    <FigureTableView t=table/>
                })
            }}
        </section>
        {move || ocop_chart().map(|c| view! { <ChartCard c=c/> })}
        <section class="card" data-testid="plan-progress">
            <h2>{tr(t::PLAN)} " " {period.year}</h2>
            {move || match plan_table() {
                Some(table) => view! { <FigureTableView t=table/> }.into_any(),
                None => view! { <p class="hint">{tr(t::NO_PLAN)}</p> }.into_any(),
            }}
        </section>
        <section class="card report" data-testid="report">
            <h2>{tr(t::REPORT)}</h2>
            <p class="print-only">{m.title} " · " {m.set_title}</p>
            <div class="actions no-print">
                <A href=app_href(report_href) attr:class="button primary" attr:data-testid="open-report">{tr(crate::present::report::t::OPEN)}</A>
                <button type="button" class="secondary" on:click=print>{tr(t::PRINT)}</button>
                <button type="button" class="secondary" on:click={let f = download_summary.clone(); move |_| f(SheetFormat::Csv)} data-testid="download-csv">{tr(t::CSV)}</button>
                <button type="button" class="secondary" on:click=move |_| download_summary(SheetFormat::Xlsx) data-testid="download-xlsx">{tr(t::XLSX)}</button>
                <button type="button" class="secondary" on:click={let f = download_raw.clone(); move |_| f(SheetFormat::Csv)} data-testid="download-raw-csv">{tr(t::RAW_CSV)}</button>
                <button type="button" class="secondary" on:click=move |_| download_raw(SheetFormat::Xlsx)>{tr(t::RAW_XLSX)}</button>
            </div>
            <DownloadFailed failed=failed/>
            <p class="hint">{tr(t::LEGEND)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=tr(t::SUMMARY_TABLE)>
                <table class="summary" data-testid="summary-table">
                    <thead>
                        <tr>
                            <th scope="col">{tr(t::COMMUNE)}</th>
                            {sum.criteria.iter().map(|c| view! { <th scope="col" class="num">{c.clone()}</th> }).collect_view()}
                            <th scope="col" class="num">{tr(t::MET)}</th>
                        </tr>
                    </thead>
                    {
                        let sum = sum.clone();
                        move || {
                            let sum = sum.clone();
                            (0..pages_shown.get().min(pages)).map(move |page| {
                                let rows = sum.pages().nth(page).unwrap_or_default();
                                view! {
                                    <tbody>
                                        {rows.iter().map(|r| view! {
                                            <tr data-commune=r.code.clone()>
                                                <th scope="row">{r.name.clone()}</th>
                                                {r.cells.iter().map(|&(class, mark)| view! { <td class=class>{mark}</td> }).collect_view()}
                                                <td class="num">{r.met.clone()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                }
                            }).collect_view()
                        }
                    }
                    <tfoot>
                        <tr>
                            <th scope="row">{tr(texts::TABLE_TOTAL)}</th>
                            {sum.totals.iter().map(|n| view! { <td class="num">{n.clone()}</td> }).collect_view()}
                            <td class="num">{sum.meeting_total.clone()}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            {
                let sum = sum.clone();
                move || sum.shown_note(pages_shown.get().max(1), lang.get()).map(|note| view! {
                    <p class="hint" data-testid="summary-shown">{note}</p>
                    <div class="actions no-print">
                        <button type="button" class="secondary" on:click=move |_| pages_shown.update(|p| *p += 1) data-testid="summary-more">
                            {move || model::SummaryTable::more_label(lang.get())}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| pages_shown.set(pages)>{tr(t::SHOW_ALL_ROWS)}</button>
                    </div>
                })
            }
        </section>
    }
}

/// The plans on the device, read again after every change.
fn use_plans() -> RwSignal<Option<Vec<crate::domain::sync::Record<crate::domain::plans::Plan>>>> {
    crate::ui::state::use_store_read(|store| async move {
        store.records::<crate::domain::plans::Plan>().await
    })
}
