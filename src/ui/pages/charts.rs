//! Charts page. For now: one worked example from a published report, drawn and tabulated.

use leptos::prelude::*;

use crate::charts;
use crate::domain::format::format_int;
use crate::domain::profile::Lang;
use crate::domain::reference::{LabelledCount, HUE_2018_12_BANDS};
use crate::ui::chart::EChart;
use crate::ui::i18n::{tr, use_lang};
use crate::ui::texts;

#[component]
pub fn ChartsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <h1>{tr(texts::CHARTS_TITLE)}</h1>
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

/// The figures behind a chart, for exact numbers and screen readers.
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
                                    {move || match lang.get() {
                                        Lang::Vi => item.label_vi,
                                        Lang::En => item.label_en,
                                    }}
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
