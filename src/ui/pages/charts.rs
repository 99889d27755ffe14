//! Charts and reports (/bieu-do): the dashboard of a scope, criteria set and period — the
//! figures a review meeting quotes, each chart with a table of the same numbers beside it,
//! the printable summary table, and CSV / XLSX downloads. With no assessments yet, a
//! worked example from a published report is shown instead. What is shown is built by
//! `present::dashboard`; the downloads by `app::reports`.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::reports::{self, SheetFormat};
use crate::charts;
use crate::domain::assessment::Period;
use crate::domain::catalog::Catalog;
use crate::domain::criteria::SetId;
use crate::domain::dashboard::Dashboard;
use crate::domain::format::format_int;
use crate::domain::reference::{LabelledCount, HUE_2018_12_BANDS};
use crate::domain::stats::Scope;
use crate::domain::workspace::Workspace;
use crate::present::dashboard::results::{t as rt, ResultsModel};
use crate::present::dashboard::{self as model, default_set, t, ChartModel, Counting, FigureTable};
use crate::shell;
use crate::ui::app_href;
use crate::ui::chart::EChart;
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
    let sum = Arc::new(m.summary);
    let pages = sum.pages().len();
    // Groups of rows drawn; each is a <tbody> of its own, so "Hiện thêm" adds rows
    // without drawing the earlier ones again.
    let pages_shown = RwSignal::new(1usize);
    // Printing draws every row first, then opens the print dialog once they are laid out.
    let print = move |_| {
        pages_shown.set(pages);
        request_animation_frame(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        });
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
            <EChart chart=m.matrix.chart label=t::MATRIX.get(l) file_name=m.matrix.file height=m.matrix.height min_width=m.matrix.min_width/>
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
                move || sum.shown_note(pages_shown.get(), lang.get()).map(|note| view! {
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

/// A chart with its title and the tables of its figures.
#[component]
fn ChartCard(c: ChartModel) -> impl IntoView {
    let l = use_lang().get_untracked();
    let ChartModel {
        title,
        testid,
        chart,
        file,
        height,
        tables,
    } = c;
    view! {
        <section class="card chart-card" data-testid=testid>
            <h2>{tr(title)}</h2>
            {match height {
                Some(h) => view! { <EChart chart=chart label=title.get(l) file_name=file height=h/> }.into_any(),
                None => view! { <EChart chart=chart label=title.get(l) file_name=file/> }.into_any(),
            }}
            {tables.into_iter().map(|t| view! { <FigureTableView t=t/> }).collect_view()}
        </section>
    }
}

/// The figures behind a chart, for exact numbers and screen readers.
/// Recognitions beside self-assessment, the year's registrations, resources and works.
#[component]
fn ResultsCards(r: ResultsModel) -> impl IntoView {
    view! {
        <section class="card no-print" data-testid="recognition">
            <h2>{tr(rt::RECOGNITION_TITLE)}</h2>
            <p class="hint small-text">{tr(rt::RECOGNITION_HINT)}</p>
            <FigureTableView t=r.recognition/>
            <h3>{tr(rt::REGISTRATION_TITLE)}</h3>
            {match r.registrations {
                Some(table) => view! { <div data-testid="registrations"><FigureTableView t=table/></div> }.into_any(),
                None => view! { <p class="hint">{tr(rt::NO_REGISTRATIONS)}</p> }.into_any(),
            }}
        </section>
        <section class="card no-print" data-testid="resources">
            <h2>{tr(rt::RESOURCES_TITLE)}</h2>
            <p class="hint small-text">{tr(rt::RESOURCES_HINT)}</p>
            {if r.resources.is_empty() {
                view! { <p class="hint">{tr(rt::NO_RESOURCES)}</p> }.into_any()
            } else {
                r.resources.into_iter().map(|g| view! {
                    <h3>{g.name}</h3>
                    <FigureTableView t=g.table/>
                }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
pub(crate) fn FigureTableView(t: FigureTable) -> impl IntoView {
    let FigureTable { head, rows } = t;
    // A table wider than the phone scrolls inside its box, which the keyboard can reach.
    let label = head.join(" · ");
    // Figures align right, words left (a column is numeric if its first row is).
    let numeric = |s: &str| {
        s.chars().any(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_digit() || ".,%–-/() \u{a0}".contains(c))
    };
    let columns: Vec<bool> = rows
        .first()
        .map(|r| r.iter().map(|c| numeric(c)).collect())
        .unwrap_or_default();
    let class_of = move |i: usize| {
        if i > 0 && columns.get(i).copied().unwrap_or(true) {
            "num"
        } else {
            ""
        }
    };
    view! {
        <div class="figures-wrap" tabindex="0" role="region" aria-label=label>
        <table class="figures">
            <thead><tr>{head.into_iter().enumerate().map(|(i, h)| view! { <th scope="col" class=class_of(i)>{h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let class_of = class_of.clone();
                    view! {
                        <tr>{r.into_iter().enumerate().map(|(i, c)| if i == 0 { view! { <th scope="row">{c}</th> }.into_any() } else { view! { <td class=class_of(i)>{c}</td> }.into_any() }).collect_view()}</tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

/// A worked example from a published report, until the user's own data is there.
#[component]
fn Example() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card" aria-labelledby="bands-title">
            <h2 id="bands-title">{tr(texts::CHART_BANDS_TITLE)}</h2>
            <p class="hint">{tr(texts::CHART_EXAMPLE_NOTE)}</p>
            {move || {
                let l = lang.get();
                view! {
                    <EChart
                        chart=charts::count_bars(&HUE_2018_12_BANDS, l)
                        label=texts::CHART_BANDS_TITLE.get(l)
                        file_name="bieu-do-so-xa-theo-tieu-chi.png"
                    />
                }
            }}
            <CountTable items=&HUE_2018_12_BANDS/>
        </section>
    }
}

#[component]
fn CountTable(items: &'static [LabelledCount]) -> impl IntoView {
    let lang = use_lang();
    let total: u32 = items.iter().map(|i| i.count).sum();
    view! {
        <table class="figures">
            <thead>
                <tr>
                    <th scope="col">{tr(texts::TABLE_GROUP)}</th>
                    <th scope="col" class="num">{tr(texts::TABLE_COMMUNES)}</th>
                </tr>
            </thead>
            <tbody>
                {items
                    .iter()
                    .map(|item| {
                        view! {
                            <tr>
                                <th scope="row">
                                    {move || lang.get().pick(item.label_vi, item.label_en)}
                                </th>
                                <td class="num">{format_int(i64::from(item.count))}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row">{tr(texts::TABLE_TOTAL)}</th>
                    <td class="num">{format_int(i64::from(total))}</td>
                </tr>
            </tfoot>
        </table>
    }
}
