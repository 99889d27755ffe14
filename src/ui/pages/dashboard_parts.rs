//! The dashboard's parts below its key figures: the charts (cards, matrix, radar, OCOP,
//! plan) and the report (downloads, printing, the summary table). `charts::DashboardBody`
//! draws each in a task of its own (`use_parts`): at 4× CPU slowdown the whole page in one
//! task was Lighthouse's second largest blocking task (BENCHMARKS.md, session 14).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use super::chart_cards::{ChartCard, FigureTableView};
use crate::app::reports::{self, SheetFormat};
use crate::domain::assessment::Period;
use crate::domain::criteria::SetId;
use crate::domain::dashboard::Dashboard;
use crate::domain::stats::Scope;
use crate::domain::workspace::Workspace;
use crate::present::dashboard::{self as model, t, ChartModel, MatrixModel, SummaryTable};
use crate::ui::app_href;
use crate::ui::chart::{draw_every_chart, ChartsPending, EChart};
use crate::ui::components::{download_sheets, DownloadFailed};
use crate::ui::i18n::{tr, use_lang};
use crate::ui::texts;

/// The plans on the device, read again after every change.
fn use_plans() -> RwSignal<Option<Vec<crate::domain::sync::Record<crate::domain::plans::Plan>>>> {
    crate::ui::state::use_store_read(|store| async move {
        store.records::<crate::domain::plans::Plan>().await
    })
}

/// The chart cards, the commune × criterion matrix, the radar of one commune, OCOP of the
/// period and the plan of its year.
#[component]
pub(super) fn DashboardCharts(
    ws: Arc<Workspace>,
    scope: Scope,
    period: Period,
    d: Arc<Dashboard>,
    charts: Vec<ChartModel>,
    matrix: MatrixModel,
    stem: String,
    radar_choices: Vec<(String, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let l = lang.get_untracked();
    let radar_commune = RwSignal::new(
        radar_choices
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
    let plan_table = move || {
        let (products, ratings) = ocop.get().unwrap_or_default();
        model::plan_table(
            &ws,
            &plans.get().unwrap_or_default(),
            &scope,
            period,
            &products,
            &ratings,
            lang.get(),
        )
    };
    let matrix_all = RwSignal::new(false);
    view! {
        {charts.into_iter().map(|c| view! { <ChartCard c=c/> }).collect_view()}
        <section class="card no-print" data-testid="chart-matrix">
            <h2>{tr(t::MATRIX)}</h2>
            <p class="hint">{tr(t::MATRIX_HINT)}</p>
            {move || {
                // The first communes, or every one after "Hiện cả ma trận" (drawn anew).
                let mx = if matrix_all.get() { model::matrix(&d, &stem, l, true) } else { matrix.clone() };
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
                    {radar_choices.iter().map(|(c, n)| view! { <option value=c.clone()>{n.clone()}</option> }).collect_view()}
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
    }
}

/// The report: a link to "Báo cáo kết quả", printing, downloads and the summary table.
#[component]
pub(super) fn DashboardReport(
    ws: Arc<Workspace>,
    scope: Scope,
    set: SetId,
    period: Period,
    d: Arc<Dashboard>,
    title: String,
    set_title: String,
    sum: Arc<SummaryTable>,
) -> impl IntoView {
    let lang = use_lang();
    let failed = RwSignal::new(None);
    let (ws_sum, d_sum, scope_sum, set_sum) = (ws.clone(), d, scope.clone(), set.clone());
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
    let (scope_raw, set_raw) = (scope.clone(), set.clone());
    let download_raw = move |format: SheetFormat| {
        let file = reports::raw_values(
            &ws,
            &scope_raw,
            &set_raw,
            period,
            format,
            lang.get_untracked(),
        );
        download_sheets(file, failed);
    };
    let pages = sum.pages().len();
    // Groups of rows drawn; each is a <tbody> of its own, so "Hiện thêm" adds rows
    // without drawing the earlier ones again. The first group is drawn in the task after
    // the rest of the report: its 200 rows (national file) were a long task of their own.
    let pages_shown = RwSignal::new(0usize);
    set_timeout(
        move || {
            let _ = pages_shown.try_update(|p| *p = (*p).max(1));
        },
        std::time::Duration::ZERO,
    );
    // Printing draws every row and every chart first (charts are drawn when they come near
    // the screen), then opens the print dialog once they are laid out. The charts are
    // counted by the dashboard (`ChartsPending`), drawn in full by the time this part is.
    let charts_pending = expect_context::<ChartsPending>();
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
        <section class="card report" data-testid="report">
            <h2>{tr(t::REPORT)}</h2>
            <p class="print-only">{title} " · " {set_title}</p>
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
