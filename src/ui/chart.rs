//! `<EChart>`: draws a charming option with ECharts, loading the library on first use,
//! and releases the instance when the component leaves the page.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::shell::echarts::{self, ChartHandle};
use crate::ui::i18n::tr;
use crate::ui::texts;

#[derive(Clone, Copy, PartialEq)]
enum ChartStatus {
    Loading,
    Drawn,
    Failed,
}

/// A chart with a "save as PNG" button. `label` names it for screen readers; the page puts
/// a table with the same figures beside it.
#[component]
pub fn EChart(
    chart: charming::Chart,
    #[prop(into)] label: String,
    #[prop(into)] file_name: String,
    /// Height in CSS pixels (default: the stylesheet's 240 px).
    #[prop(optional)]
    height: Option<u32>,
    /// Minimum width in CSS pixels; wider than the screen makes the chart scroll sideways
    /// inside its own box (the page itself never scrolls sideways).
    #[prop(optional)]
    min_width: Option<u32>,
) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    let handle = StoredValue::new_local(None::<ChartHandle>);
    let status = RwSignal::new(ChartStatus::Loading);
    // A page that prints its charts counts those not drawn yet ([`ChartsPending`]).
    let pending = use_context::<ChartsPending>();
    if let Some(p) = pending {
        p.0.update(|n| *n += 1);
    }
    let settled = move || {
        if let Some(p) = pending {
            let _ = p.0.try_update(|n| *n = n.saturating_sub(1));
        }
    };

    node.on_load(move |el| {
        spawn_local(async move {
            // Drawn when it comes near the screen (or the page prints).
            echarts::when_near(&el).await;
            let loaded = echarts::load().await;
            // Each chart in a task of its own: every chart of the page waits for the same
            // load, and drawing them all when it ends was one 340 ms task (national file).
            crate::shell::next_task().await;
            let drawn = match loaded {
                Ok(()) => ChartHandle::draw(el.unchecked_ref(), &chart),
                Err(e) => Err(e),
            };
            match drawn {
                // The page may have closed while ECharts loaded: then release at once.
                Ok(h) => match handle.try_set_value(Some(h)) {
                    None => {
                        status.set(ChartStatus::Drawn);
                        settled();
                    }
                    Some(Some(orphan)) => orphan.dispose(),
                    Some(None) => {}
                },
                Err(e) => {
                    leptos::logging::warn!("chart: {e}");
                    if status.try_set(ChartStatus::Failed).is_none() {
                        settled();
                    }
                }
            }
        });
    });
    on_cleanup(move || {
        if let Some(Some(h)) = handle.try_update_value(Option::take) {
            h.dispose();
        } else {
            if let Some(el) = node.get_untracked() {
                echarts::forget(&el);
            }
            if status.try_get_untracked() == Some(ChartStatus::Loading) {
                settled();
            }
        }
    });

    let save_png = move |_| {
        let url = handle.with_value(|h| h.as_ref().map(ChartHandle::png_data_url));
        if let Some(url) = url {
            download_data_url(&url, &file_name);
        }
    };

    // Only a chart wider than the phone (the matrix) scrolls inside a box of its own, which
    // the keyboard can reach; the others are drawn whole, so nothing below hides a bar.
    let scrolls = min_width.is_some();
    let box_label = label.clone();
    view! {
        <figure class="chart">
            <div class=if scrolls { "chart-scroll" } else { "chart-box" }
                tabindex=scrolls.then_some("0") role=scrolls.then_some("region")
                aria-label=scrolls.then_some(box_label)>
                <div
                    node_ref=node
                    class="chart-canvas"
                    role="img"
                    aria-label=label
                    style:height=height.map(|h| format!("{h}px"))
                    style:min-width=min_width.map(|w| format!("{w}px"))
                ></div>
            </div>
            <Show when=move || status.get() == ChartStatus::Loading>
                <p class="chart-status">{tr(texts::CHART_LOADING)}</p>
            </Show>
            <Show when=move || status.get() == ChartStatus::Failed>
                <p class="chart-status bad" role="alert">{tr(texts::CHART_FAILED)}</p>
            </Show>
            <button type="button" class="secondary" on:click=save_png disabled=move || status.get() != ChartStatus::Drawn>
                {tr(texts::CHART_SAVE_PNG)}
            </button>
        </figure>
    }
}

/// How many charts of the page are not drawn yet, for a page that prints them: provided by
/// the page, counted by each [`EChart`]. Charts are drawn when they come near the screen,
/// so printing first calls [`draw_every_chart`] and waits for this to reach zero.
#[derive(Clone, Copy)]
pub struct ChartsPending(pub RwSignal<usize>);

/// Every chart of the page is drawn now, wherever it is (before printing).
pub fn draw_every_chart() {
    echarts::release_all();
}

/// Saves a data URL as a file through a temporary link.
fn download_data_url(url: &str, file_name: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(url);
    a.set_download(file_name);
    a.click();
}
