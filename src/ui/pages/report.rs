//! "Báo cáo kết quả": the report of a scope, period and set as an official hands it in —
//! the national heading, the paragraph generated from the figures, the tables, the
//! signature block — printable on A4 and downloadable as XLSX or CSV. Laid out from
//! `present::report`; the files come from `app::reports`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::app::reports::{review_report, SheetFormat};
use crate::domain::assessment::Period;
use crate::domain::catalog::Catalog;
use crate::domain::criteria::SetId;
use crate::domain::stats::Scope;
use crate::present::dashboard::default_set;
use crate::present::report::{date_line, narrative, on_page, review, sheets, t};
use crate::ui::components::{download_sheets, DownloadFailed};
use crate::ui::i18n::{tr, use_lang};
use crate::ui::pages::charts::FigureTableView;
use crate::ui::pages::onboarding::load_catalog;
use crate::ui::state::use_workspace;

#[component]
pub fn ReportPage() -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    let failed = RwSignal::new(None);
    let query = use_query_map();
    let plans = crate::ui::state::use_store_read(|store| async move {
        store.records::<crate::domain::plans::Plan>().await
    });
    let ocop = crate::ui::pages::ocop::use_ocop();
    let catalog = RwSignal::new(None::<Result<Arc<Catalog>, String>>);
    load_catalog(catalog);
    // The report's subject: from the link (the dashboard's choices), else the defaults.
    let subject = move || {
        let w = ws.get()?;
        let q = query.get();
        let scope = q
            .get("pham-vi")
            .and_then(|k| Scope::from_key(&k))
            .or_else(|| w.scopes().first().map(|(s, _)| s.clone()))?;
        let set: SetId = q
            .get("bo")
            .and_then(|s| s.parse().ok())
            .or_else(|| default_set(&w))?;
        let period: Period = q
            .get("ky")
            .and_then(|p| p.parse().ok())
            .or_else(|| w.periods_of(&set).last().copied())?;
        Some((w, scope, set, period))
    };
    let report = move || {
        let (w, scope, set, period) = subject()?;
        let official = catalog.get()?.ok();
        let (products, ratings) = ocop.get()?;
        let plans = plans.get()?;
        let r = review(
            &w,
            &scope,
            &set,
            period,
            &plans,
            &products,
            &ratings,
            official.as_deref(),
        )?;
        Some(Arc::new(r))
    };
    view! {
        <h1 class="no-print">{tr(t::PAGE_TITLE)}</h1>
        {move || match report() {
            None if ws.get().is_some_and(|w| default_set(&w).is_none()) => view! { <p class="card">{tr(t::NO_DATA)}</p> }.into_any(),
            None => view! { <p class="card">{tr(crate::ui::texts::LOADING)}</p> }.into_any(),
            Some(r) => {
                let l = lang.get();
                let paragraph = narrative(&r, l);
                let tables: Vec<_> = sheets(&r, l).iter().map(on_page).collect();
                let today = crate::shell::today().unwrap_or_default();
                let download = {
                    let r = r.clone();
                    move |format: SheetFormat| {
                        download_sheets(review_report(&r, format, lang.get_untracked()), failed);
                    }
                };
                let download2 = download.clone();
                let print = |_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                };
                view! {
                    <div class="actions no-print">
                        <button type="button" class="primary" on:click=print data-testid="report-print">{tr(t::PRINT)}</button>
                        <button type="button" class="secondary" on:click=move |_| download(SheetFormat::Xlsx) data-testid="report-xlsx">{tr(t::XLSX)}</button>
                        <button type="button" class="secondary" on:click=move |_| download2(SheetFormat::Csv) data-testid="report-csv">{tr(t::CSV)}</button>
                    </div>
                    <DownloadFailed failed=failed/>
                    <article class="card official-report" data-testid="official-report">
                        <header class="report-heading">
                            <div>
                                <p class="upper">{r.scope_name.clone()}</p>
                            </div>
                            <div>
                                <p class="upper strong">{tr(t::NATION)}</p>
                                <p class="strong">{tr(t::MOTTO)}</p>
                                <p class="date-line" data-testid="report-date">{date_line(&r.scope_name, today, l)}</p>
                            </div>
                        </header>
                        <h2 class="report-title-line">{tr(t::HEADING)}</h2>
                        <p class="report-subject">{tr(t::SUBJECT)} " · " {r.period.label(l)}</p>
                        <p class="hint">{r.set_label.clone()}</p>
                        <p class="narrative" data-testid="narrative">{paragraph}</p>
                        {tables.into_iter().map(|(title, table)| view! {
                            <section class="report-table">
                                <h3>{title}</h3>
                                <FigureTableView t=table/>
                            </section>
                        }).collect_view()}
                        <footer class="signatures" data-testid="signatures">
                            <div><p class="strong">{tr(t::PREPARER)}</p><p class="hint">{tr(t::SIGN)}</p></div>
                            <div><p class="strong">{tr(t::HEAD)}</p><p class="hint">{tr(t::SIGN_SEAL)}</p></div>
                        </footer>
                    </article>
                }.into_any()
            }
        }}
    }
}
