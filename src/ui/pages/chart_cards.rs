//! The dashboard's cards (a chart with its tables, the results cards, a figure table) and
//! the worked example shown before any assessment exists.

use leptos::prelude::*;

use crate::charts;
use crate::domain::format::format_int;
use crate::domain::reference::{LabelledCount, HUE_2018_12_BANDS};
use crate::present::dashboard::results::{t as rt, ResultsModel};
use crate::present::dashboard::{ChartModel, FigureTable};
use crate::ui::chart::EChart;
use crate::ui::i18n::{tr, use_lang};
use crate::ui::texts;

/// A chart with its title and the tables of its figures.
#[component]
pub(super) fn ChartCard(c: ChartModel) -> impl IntoView {
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
pub(super) fn ResultsCards(r: ResultsModel) -> impl IntoView {
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
pub(super) fn Example() -> impl IntoView {
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
