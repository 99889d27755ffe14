//! Charts and reports (/bieu-do): the dashboard of a scope, criteria set and period — the
//! figures a review meeting quotes, each chart with a table of the same numbers beside it,
//! the printable summary table, and CSV / XLSX downloads. With no assessments yet, a
//! worked example from a published report is shown instead.

use std::sync::Arc;

use leptos::prelude::*;

use crate::charts;
use crate::domain::assessment::Period;
use crate::domain::catalog::Catalog;
use crate::domain::criteria::{SetId, SetLevel};
use crate::domain::dashboard::{ocop_in_scope, Dashboard, DashboardOptions};
use crate::domain::evaluation::CriterionOutcome;
use crate::domain::format::{format_decimal, format_int, format_percent};
use crate::domain::ocop::OcopGroup;
use crate::domain::profile::Lang;
use crate::domain::reference::{LabelledCount, HUE_2018_12_BANDS};
use crate::domain::report::{outcome_mark, raw_values_table, summary_table, to_csv, to_xlsx};
use crate::domain::stats::Scope;
use crate::domain::units::UnitRef;
use crate::domain::workspace::Workspace;
use crate::shell::{self, files};
use crate::ui::chart::EChart;
use crate::ui::i18n::{tr, use_lang, Text};
use crate::ui::pages::onboarding::load_catalog;
use crate::ui::state::use_workspace;
use crate::ui::texts;

mod t {
    use crate::ui::i18n::Text;
    pub const SCOPE: Text = Text::new("Phạm vi", "Scope");
    pub const SET: Text = Text::new("Bộ tiêu chí", "Criteria set");
    pub const PERIOD: Text = Text::new("Kỳ báo cáo", "Period");
    pub const SUMMARY: Text = Text::new("Số liệu chính", "Key figures");
    pub const COMMUNES: Text = Text::new("Số xã tính", "Communes counted");
    pub const FROM_LIST: Text = Text::new(
        "xã theo danh mục chính thức",
        "rural communes of the official list",
    );
    pub const FROM_LIST_WARDS: Text = Text::new(
        "xã, phường, đặc khu theo danh mục chính thức",
        "communes, wards and special zones of the official list",
    );
    pub const FROM_DEVICE: Text = Text::new(
        "chỉ các xã có trên máy (chưa tải được danh mục chính thức)",
        "only communes on this device (the official list could not be loaded)",
    );
    pub const WITH_DATA: Text = Text::new("Có số liệu kỳ này", "With data this period");
    pub const WITH_DATA_SHORT: Text = Text::new("có số liệu", "with data");
    pub const AVERAGE: Text = Text::new("Bình quân tiêu chí/xã", "Average criteria per commune");
    pub const MEETING: Text = Text::new(
        "Đạt đủ tiêu chí của bộ đang xem",
        "Meeting every criterion of this set",
    );
    pub const NOT_MEETING: Text = Text::new("Đã đánh giá, chưa đạt", "Assessed, not meeting");
    pub const NO_DATA: Text = Text::new("Chưa có số liệu kỳ này", "No data this period");
    pub const NO_DATA_LIST: Text = Text::new(
        "Các xã chưa có số liệu kỳ này",
        "Communes without data this period",
    );
    pub const OTHER_VERSION: Text = Text::new(
        "có số liệu theo phiên bản khác:",
        "has data against another version:",
    );
    pub const UNIT_XA: Text = Text::new("xã", "communes");
    pub const UNIT_THON: Text = Text::new("thôn", "villages");
    pub const INCLUDE_WARDS: Text = Text::new(
        "Tính cả phường, đặc khu",
        "Count wards and special zones too",
    );
    pub const WARDS_LEFT_OUT: Text = Text::new(
        "phường, đặc khu có số liệu nhưng không được tính (đánh dấu “Tính cả phường, đặc khu” để tính).",
        "wards or special zones have data but are not counted (tick “Count wards and special zones too”).",
    );
    pub const COUNTED_BY: Text = Text::new("theo", "by");
    pub const NO_COUNTING_SET: Text = Text::new(
        "chưa có số liệu theo bộ tiêu chí được tính (bộ có sẵn, hoặc bộ được chọn để tính trên máy này)",
        "no data against a set that counts (built in, or adopted on this device)",
    );
    pub const NTM: Text = Text::new("Xã đạt chuẩn NTM", "Communes reaching NTM");
    pub const NANG_CAO: Text = Text::new("Xã đạt NTM nâng cao", "Advanced NTM communes");
    pub const KIEU_MAU: Text = Text::new("Xã đạt NTM kiểu mẫu", "Model NTM communes");
    pub const NOT_YET: Text = Text::new("Chưa đạt chuẩn", "Not yet NTM");
    pub const VILLAGES: Text = Text::new("Thôn đạt chuẩn NTM", "Villages meeting NTM");
    pub const CHANGE: Text = Text::new("So với kỳ trước", "Since the previous period");
    pub const NO_PREVIOUS: Text = Text::new(
        "Kỳ trước chưa có số liệu.",
        "No figures for the previous period.",
    );
    pub const BANDS: Text = Text::new("Số xã theo số tiêu chí đạt", "Communes by criteria met");
    pub const LEVELS: Text = Text::new("Xã theo mức đạt chuẩn", "Communes by level");
    pub const RATES: Text = Text::new(
        "Tỷ lệ xã đạt từng tiêu chí (thấp nhất trước)",
        "Share of communes meeting each criterion (weakest first)",
    );
    pub const TREND: Text = Text::new("Diễn biến qua các kỳ", "Trend over periods");
    pub const TREND_AVG: Text = Text::new("Bình quân tiêu chí/xã", "Average criteria");
    pub const TREND_MEET: Text = Text::new("Số xã đạt đủ tiêu chí", "Communes meeting all");
    pub const MATRIX: Text =
        Text::new("Kết quả từng xã theo tiêu chí", "Each commune by criterion");
    pub const MATRIX_HINT: Text = Text::new(
        "Kéo ngang, kéo dọc để xem hết bảng.",
        "Scroll sideways and down to see it all.",
    );
    pub const RADAR: Text = Text::new("Tiêu chí của một xã", "One commune's criteria");
    pub const COMMUNE: Text = Text::new("Xã", "Commune");
    pub const OCOP: Text = Text::new(
        "Sản phẩm OCOP được công nhận trong kỳ",
        "OCOP products certified in the period",
    );
    pub const STARS: Text = Text::new("Số sao", "Stars");
    pub const PRODUCTS: Text = Text::new("Sản phẩm", "Products");
    pub const GROUP: Text = Text::new("Nhóm sản phẩm", "Product group");
    pub const CRITERION: Text = Text::new("Tiêu chí", "Criterion");
    pub const RATE: Text = Text::new("Tỷ lệ đạt", "Share met");
    pub const MET_OF: Text = Text::new("Đạt / áp dụng", "Met / applicable");
    pub const LEVEL: Text = Text::new("Mức", "Level");
    pub const REPORT: Text = Text::new(
        "Biểu tổng hợp kết quả thực hiện bộ tiêu chí",
        "Summary of results against the criteria set",
    );
    pub const PRINT: Text = Text::new(
        "In báo cáo (A4, lưu PDF)",
        "Print the report (A4, save as PDF)",
    );
    pub const CSV: Text = Text::new("Tải biểu tổng hợp (CSV)", "Download the summary (CSV)");
    pub const XLSX: Text = Text::new("Tải biểu tổng hợp (Excel)", "Download the summary (Excel)");
    pub const RAW_CSV: Text = Text::new("Tải số liệu gốc (CSV)", "Download raw values (CSV)");
    pub const RAW_XLSX: Text = Text::new("Tải số liệu gốc (Excel)", "Download raw values (Excel)");
    pub const MET: Text = Text::new("Đạt", "Met");
    pub const NOT_MET: Text = Text::new("Chưa đạt", "Not met");
    pub const NA: Text = Text::new("Không áp dụng", "Not applicable");
    pub const LEGEND: Text = Text::new(
        "✓ đạt · ✗ chưa đạt · – không áp dụng · ô trống: chưa đánh giá",
        "✓ met · ✗ not met · – not applicable · empty: not assessed",
    );
    pub const PLAN: Text = Text::new("Kế hoạch năm", "Plan for");
    pub const PLAN_ITEM: Text = Text::new("Nội dung", "Item");
    pub const REGISTERED: Text = Text::new("Đăng ký", "Registered");
    pub const ACHIEVED: Text = Text::new("Đã đạt", "Achieved");
    pub const PROGRESS: Text = Text::new("Tiến độ", "Progress");
    pub const NO_PLAN: Text = Text::new(
        "Chưa có kế hoạch cho phạm vi và năm này (trang Kế hoạch).",
        "No plan for this scope and year (Plans page).",
    );
    pub const NO_SET: Text = Text::new(
        "Chưa có kết quả đánh giá nào cho phạm vi này.",
        "No assessments for this scope yet.",
    );
}

/// The set most commune assessments use (the natural default); a device with village
/// assessments only (a commune before it assesses itself) starts from theirs.
fn default_set(ws: &Workspace) -> Option<SetId> {
    let most_used = |communes: bool| {
        let mut counts: std::collections::BTreeMap<SetId, usize> = Default::default();
        for a in ws
            .assessments
            .iter()
            .filter(|a| matches!(a.key.unit, UnitRef::Commune(_)) == communes)
        {
            *counts.entry(a.key.set.clone()).or_default() += 1;
        }
        counts.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s)
    };
    most_used(true).or_else(|| most_used(false))
}

#[component]
pub fn ChartsPage() -> impl IntoView {
    let ws = use_workspace();
    view! {
        <h1>{tr(texts::CHARTS_TITLE)}</h1>
        {move || match ws.get() {
            None => view! { <p>{tr(texts::LOADING)}</p> }.into_any(),
            Some(w) if default_set(&w).is_none() => view! { <Example/> }.into_any(),
            Some(w) => view! { <DashboardView ws=w/> }.into_any(),
        }}
    }
}

#[component]
fn DashboardView(ws: Arc<Workspace>) -> impl IntoView {
    let lang = use_lang();
    let scopes = ws.scopes();
    let first_scope = scopes.first().map(|(s, _)| s.key()).unwrap_or_default();
    let set0 = default_set(&ws).map(|s| s.to_string()).unwrap_or_default();
    let scope = RwSignal::new(first_scope);
    let set = RwSignal::new(set0);
    let include_wards = RwSignal::new(false);
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
    let period = RwSignal::new(String::new());
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
    let ws_dash = ws.clone();
    let dash = Memo::new(move |_| {
        let scope = Scope::from_key(&scope.get())?;
        let set = set_id()?;
        let period: Period = period.get().parse().ok()?;
        let catalog = catalog.get()?;
        let official = catalog.as_ref().ok().cloned();
        let opts = DashboardOptions {
            official: official.as_deref(),
            include_wards: include_wards.get(),
        };
        // Timed for the benchmarks (performance entry "ntm-dashboard": statistics only).
        let d = {
            let _timing = shell::Timing::start("ntm-dashboard");
            ws_dash.dashboard(&scope, &set, period, opts)
        };
        d.map(|d| {
            (
                scope,
                set,
                period,
                Arc::new(d),
                official.is_some(),
                opts.include_wards,
            )
        })
    });
    let set_choices: Vec<(String, String)> = {
        let mut ids: Vec<SetId> = ws.assessments.iter().map(|a| a.key.set.clone()).collect();
        ids.sort();
        ids.dedup();
        let l = lang.get_untracked();
        ids.into_iter()
            .filter_map(|id| ws.set(&id).map(|s| (id.to_string(), s.label(l))))
            .collect()
    };
    let ws_view = ws.clone();

    view! {
        <section class="card controls no-print">
            <label>{tr(t::SCOPE)}
                <select on:change=move |ev| scope.set(event_target_value(&ev)) prop:value=move || scope.get() data-testid="dash-scope">
                    {scopes.iter().map(|(s, n)| view! { <option value=s.key()>{n.clone()}</option> }).collect_view()}
                </select>
            </label>
            <label>{tr(t::SET)}
                <select on:change=move |ev| set.set(event_target_value(&ev)) prop:value=move || set.get() data-testid="dash-set">
                    {set_choices.into_iter().map(|(k, n)| view! { <option value=k>{n}</option> }).collect_view()}
                </select>
            </label>
            <label>{tr(t::PERIOD)}
                <select on:change=move |ev| period.set(event_target_value(&ev)) prop:value=move || period.get() data-testid="dash-period">
                    {move || periods.get().into_iter().rev().map(|p| view! { <option value=p.to_string()>{p.label(lang.get())}</option> }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="dash-wards" prop:checked=move || include_wards.get() on:change=move |ev| include_wards.set(event_target_checked(&ev))/>
                {tr(t::INCLUDE_WARDS)}
            </label>
        </section>
        {move || match dash.get() {
            None if catalog.get().is_none() => view! { <p class="card">{tr(texts::LOADING)}</p> }.into_any(),
            None => view! { <p class="card">{tr(t::NO_SET)}</p> }.into_any(),
            Some((scope, set, period, d, official, wards)) => view! {
                <DashboardBody ws=ws_view.clone() scope=scope set=set period=period d=d official=official wards=wards/>
            }.into_any(),
        }}
    }
}

/// "103/143 xã (72 %)": a count with its denominator and share.
fn of_total(count: usize, total: usize, unit: &str, with_share: bool) -> String {
    let base = format!(
        "{}/{} {unit}",
        format_int(count as i64),
        format_int(total as i64)
    );
    if with_share {
        let pct = if total == 0 {
            0.0
        } else {
            count as f64 * 100.0 / total as f64
        };
        format!("{base} ({})", format_percent(pct))
    } else {
        base
    }
}

/// The sets a figure counts, in words: "theo Bộ tiêu chí … (QD318_2022_XA) · phiên bản 1".
fn counted_by(ws: &Workspace, sets: &[SetId], l: Lang) -> String {
    if sets.is_empty() {
        return t::NO_COUNTING_SET.get(l).to_string();
    }
    let names: Vec<String> = sets
        .iter()
        .map(|id| {
            ws.set(id)
                .map(|s| s.label(l))
                .unwrap_or_else(|| id.to_string())
        })
        .collect();
    format!("{} {}", t::COUNTED_BY.get(l), names.join("; "))
}

#[component]
fn DashboardBody(
    ws: Arc<Workspace>,
    scope: Scope,
    set: SetId,
    period: Period,
    d: Arc<Dashboard>,
    /// Whether the official list gave the communes of the scope.
    official: bool,
    /// Whether wards and special zones are counted.
    wards: bool,
) -> impl IntoView {
    let lang = use_lang();
    let l = lang.get_untracked();
    let s = &d.stats;
    let scope_name = ws.scope_name(&scope);
    let set_title = ws.set(&set).map(|x| x.title.clone()).unwrap_or_default();
    let set_label = ws
        .set(&set)
        .map(|x| x.label(l))
        .unwrap_or_else(|| set.to_string());
    let unit_xa = t::UNIT_XA.get(l);
    let unit_thon = t::UNIT_THON.get(l);
    let level_sets = {
        let d = d.clone();
        move |level: SetLevel| -> Vec<SetId> {
            d.level_sets
                .iter()
                .find(|(x, _)| *x == level)
                .map(|(_, s)| s.clone())
                .unwrap_or_default()
        }
    };
    let file_stem = format!("ntm-{}-{}", scope.key().replace(':', "-"), period);

    // Bands.
    let band_labels: Vec<String> = s
        .bands
        .iter()
        .map(|(b, _)| band_label(b.label(), l))
        .collect();
    let band_counts: Vec<f64> = s.bands.iter().map(|(_, n)| *n as f64).collect();
    let band_rows: Vec<(String, String)> = band_labels
        .iter()
        .cloned()
        .zip(s.bands.iter().map(|(_, n)| format_int(*n as i64)))
        .collect();
    // Levels: each commune once, at its highest level.
    let (kieu_mau, nang_cao, ntm) = (
        s.kieu_mau.count,
        s.nang_cao.count - s.kieu_mau.count,
        s.ntm.count - s.nang_cao.count,
    );
    let not_yet = s.communes.saturating_sub(s.ntm.count);
    let level_items = vec![
        (t::KIEU_MAU.get(l).to_string(), kieu_mau as f64),
        (t::NANG_CAO.get(l).to_string(), nang_cao as f64),
        (t::NTM.get(l).to_string(), ntm as f64),
        (t::NOT_YET.get(l).to_string(), not_yet as f64),
    ];
    let level_rows: Vec<(String, String)> = level_items
        .iter()
        .map(|(n, v)| (n.clone(), format_int(*v as i64)))
        .collect();
    let (level_labels, level_counts): (Vec<String>, Vec<f64>) = level_items.into_iter().unzip();
    // Criteria rates, weakest first.
    let weakest = s.weakest_first();
    let rate_labels: Vec<String> = weakest
        .iter()
        .map(|r| format!("{} {}", t::CRITERION.get(l), r.code))
        .collect();
    let rate_values: Vec<f64> = weakest.iter().map(|r| r.percent).collect();
    let rate_rows: Vec<(String, String, String)> = weakest
        .iter()
        .map(|r| {
            let name = d
                .criteria
                .iter()
                .position(|c| *c == r.code)
                .map(|i| d.criteria_names[i].clone())
                .unwrap_or_default();
            (
                format!("{} · {name}", r.code),
                format_percent(r.percent),
                format!("{}/{}", r.met, r.applicable),
            )
        })
        .collect();
    // Trend.
    let trend_periods: Vec<String> = d.trend.iter().map(|p| p.period.label(l)).collect();
    let trend_avg: Vec<f64> = d.trend.iter().map(|p| p.average_met).collect();
    let trend_meet: Vec<f64> = d.trend.iter().map(|p| p.meeting_set as f64).collect();
    let trend_rows: Vec<(String, String, String)> = d
        .trend
        .iter()
        .map(|p| {
            (
                p.period.label(l),
                format_decimal(p.average_met, 2),
                format_int(p.meeting_set as i64),
            )
        })
        .collect();
    // Matrix.
    let names: Vec<String> = d.matrix.rows.iter().map(|r| r.name.clone()).collect();
    let mut cells = Vec::new();
    for (y, row) in d.matrix.rows.iter().enumerate() {
        for (x, c) in row.cells.iter().enumerate() {
            let v = match c {
                Some(CriterionOutcome::Met) => charts::CELL_MET,
                Some(CriterionOutcome::NotMet) => charts::CELL_NOT_MET,
                Some(CriterionOutcome::NotApplicable) => charts::CELL_NOT_APPLICABLE,
                _ => continue,
            };
            cells.push((x, y, v));
        }
    }
    let matrix_height = (d.matrix.rows.len() as u32) * 22 + 90;
    let matrix_width = (d.criteria.len() as u32) * 30 + 160;
    // OCOP in the period: certificates of the live products of the communes counted.
    let ocop = crate::ui::pages::ocop::use_ocop();
    let counted: Vec<String> = d.communes.clone();
    let ocop_counts = Memo::new(move |_| {
        let (products, ratings) = ocop.get()?;
        let codes: std::collections::BTreeSet<&str> = counted.iter().map(String::as_str).collect();
        Some(ocop_in_scope(&products, &ratings, &codes, period))
    });
    // Radar: one commune, the first assessed by default.
    let assessed: Vec<(String, String)> = d
        .matrix
        .rows
        .iter()
        .filter(|r| r.met.is_some())
        .map(|r| (r.code.clone(), r.name.clone()))
        .collect();
    let radar_commune = RwSignal::new(assessed.first().map(|(c, _)| c.clone()).unwrap_or_default());
    let d_radar = d.clone();

    let d_report = d.clone();
    let ws_raw = ws.clone();
    let (scope_raw, set_raw) = (scope.clone(), set.clone());
    let stem = file_stem.clone();
    let download_summary = move |xlsx: bool| {
        let table = summary_table(&d_report, lang.get_untracked());
        let name = format!("{stem}-tong-hop.{}", if xlsx { "xlsx" } else { "csv" });
        let bytes = if xlsx {
            to_xlsx(&table, "Tổng hợp").unwrap_or_default()
        } else {
            to_csv(&table).into_bytes()
        };
        files::download(&bytes, &name);
    };
    let stem2 = file_stem.clone();
    let download_raw = move |xlsx: bool| {
        let table = raw_values_table(&ws_raw, &scope_raw, &set_raw, period, lang.get_untracked());
        let name = format!("{stem2}-so-lieu-goc.{}", if xlsx { "xlsx" } else { "csv" });
        let bytes = if xlsx {
            to_xlsx(&table, "Số liệu gốc").unwrap_or_default()
        } else {
            to_csv(&table).into_bytes()
        };
        files::download(&bytes, &name);
    };
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let change = d.change.clone();
    // This scope's plan for the period's year, with what was achieved.
    let session = crate::ui::state::use_session();
    let plans =
        RwSignal::new(Vec::<crate::domain::sync::Record<crate::domain::plans::Plan>>::new());
    Effect::new(move |_| {
        session.data_version.track();
        if let Some(store) = session.db.ready() {
            leptos::task::spawn_local(async move {
                plans.set(
                    store
                        .records::<crate::domain::plans::Plan>()
                        .await
                        .unwrap_or_default(),
                );
            });
        }
    });
    let (ws_plan, scope_plan) = (ws.clone(), scope.clone());
    let plan_rows = move || -> Option<Vec<Vec<String>>> {
        let l = lang.get();
        let plan = plans
            .get()
            .into_iter()
            .find(|p| !p.archived && p.data.scope == scope_plan && p.data.year == period.year)?;
        let (products, ratings) = ocop.get().unwrap_or_default();
        let rows = crate::domain::plans::progress(&plan.data, |item| {
            ws_plan.plan_achieved(item, &scope_plan, period, &products, &ratings)
        })
        .into_iter()
        .map(|p| {
            vec![
                crate::ui::pages::plans::item_text(p.item)
                    .get(l)
                    .to_string(),
                format_int(i64::from(p.registered)),
                format_int(i64::from(p.achieved)),
                p.percent
                    .map(|x| crate::domain::plans::progress_text(x, l))
                    .unwrap_or_default(),
            ]
        })
        .collect();
        Some(rows)
    };

    view! {
        <header class="report-header">
            <h2 data-testid="report-title">{scope_name.clone()} " · " {period.label(l)}</h2>
            <p class="hint" data-testid="report-set">{tr(t::SET)} ": " {set_label.clone()}</p>
        </header>
        <section class="card" aria-labelledby="sum-title">
            <h2 id="sum-title">{tr(t::SUMMARY)}</h2>
            <dl class="facts" data-testid="key-figures">
                <dt>{tr(t::COMMUNES)}</dt>
                <dd data-testid="fig-communes">{format_int(s.communes as i64)} " " {unit_xa}
                    <span class="hint">" · " {match (official, wards) {
                        (true, false) => t::FROM_LIST.get(l),
                        (true, true) => t::FROM_LIST_WARDS.get(l),
                        _ => t::FROM_DEVICE.get(l),
                    }}</span></dd>
                <dt>{tr(t::WITH_DATA)}</dt><dd data-testid="fig-with-data">{of_total(s.assessed, s.communes, unit_xa, false)}</dd>
                <dt>{tr(t::AVERAGE)}</dt><dd data-testid="average">{format_decimal(s.average_met, 2)}</dd>
                <dt>{tr(t::MEETING)}</dt><dd data-testid="fig-meeting">{of_total(s.meeting, s.communes, unit_xa, true)}</dd>
                <dt>{tr(t::NOT_MEETING)}</dt><dd data-testid="fig-not-meeting">{of_total(s.assessed - s.meeting, s.communes, unit_xa, true)}</dd>
                <dt>{tr(t::NO_DATA)}</dt><dd data-testid="fig-no-data">{of_total(s.communes - s.assessed, s.communes, unit_xa, true)}</dd>
                <dt>{tr(t::NTM)}</dt>
                <dd data-testid="ntm">{of_total(s.ntm.count, s.communes, unit_xa, true)}
                    <span class="hint small-text" data-testid="ntm-sets">" · " {counted_by(&ws, &level_sets(SetLevel::XaNtm), l)}</span></dd>
                <dt>{tr(t::NANG_CAO)}</dt>
                <dd data-testid="fig-nang-cao">{of_total(s.nang_cao.count, s.communes, unit_xa, true)}
                    <span class="hint small-text">" · " {counted_by(&ws, &level_sets(SetLevel::XaNangCao), l)}</span></dd>
                <dt>{tr(t::KIEU_MAU)}</dt>
                <dd data-testid="fig-kieu-mau">{of_total(s.kieu_mau.count, s.communes, unit_xa, true)}
                    <span class="hint small-text">" · " {counted_by(&ws, &level_sets(SetLevel::XaKieuMau), l)}</span></dd>
                <dt>{tr(t::VILLAGES)}</dt>
                <dd data-testid="fig-villages">{of_total(s.villages_meeting_set, s.villages, unit_thon, false)}
                    " · " {tr(t::WITH_DATA_SHORT)} " " <span data-testid="fig-villages-data">{of_total(s.villages_with_data, s.villages, unit_thon, false)}</span>
                    <span class="hint small-text">" · " {counted_by(&ws, &d.village_sets, l)}</span></dd>
                <dt>{tr(t::CHANGE)} " (" {d.previous_period.label(l)} ")"</dt>
                <dd data-testid="change">{match change {
                    Some(c) => format!("{}{} {} · {}{} {}", if c.average_met >= 0.0 { "+" } else { "" }, format_decimal(c.average_met, 2), t::AVERAGE.get(l), if c.ntm >= 0 { "+" } else { "" }, c.ntm, t::NTM.get(l)),
                    None => t::NO_PREVIOUS.get(l).to_string(),
                }}</dd>
            </dl>
            {(d.wards_left_out > 0).then(|| view! {
                <p class="notice small-text" data-testid="wards-left-out">{format_int(d.wards_left_out as i64)} " " {tr(t::WARDS_LEFT_OUT)}</p>
            })}
            {(!d.without_data.is_empty()).then(|| {
                let list = d.without_data.clone();
                view! {
                    <details class="no-data-list" data-testid="no-data-list">
                        <summary>{tr(t::NO_DATA_LIST)} " (" {list.len()} ")"</summary>
                        <ul class="plain-list">
                            {list.into_iter().map(|m| view! {
                                <li data-commune=m.code.clone()>{m.name}
                                    {m.other_version.map(|v| view! { <span class="hint">" · " {tr(t::OTHER_VERSION)} " " {ws.set(&v).map(|s| s.label(l)).unwrap_or_else(|| v.to_string())}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </details>
                }
            })}
        </section>
        <ChartCard title=t::BANDS chart=charts::labelled_bars(band_labels, band_counts, false) file=format!("{file_stem}-nhom-tieu-chi.png") testid="chart-bands">
            <FigureTable head=vec![t::BANDS.get(l).to_string(), t::COMMUNES.get(l).to_string()] rows=band_rows.into_iter().map(|(a, b)| vec![a, b]).collect()/>
        </ChartCard>
        <ChartCard title=t::LEVELS chart=charts::labelled_bars(level_labels, level_counts, false) file=format!("{file_stem}-muc-dat-chuan.png") testid="chart-levels" height=150>
            <FigureTable head=vec![t::LEVEL.get(l).to_string(), t::COMMUNES.get(l).to_string()] rows=level_rows.into_iter().map(|(a, b)| vec![a, b]).collect()/>
        </ChartCard>
        <ChartCard title=t::RATES chart=charts::labelled_bars(rate_labels, rate_values, true) file=format!("{file_stem}-ty-le-tieu-chi.png") testid="chart-rates" height=(weakest.len() as u32) * 26 + 30>
            <FigureTable head=vec![t::CRITERION.get(l).to_string(), t::RATE.get(l).to_string(), t::MET_OF.get(l).to_string()] rows=rate_rows.into_iter().map(|(a, b, c)| vec![a, b, c]).collect()/>
        </ChartCard>
        <ChartCard title=t::TREND chart=charts::trend_lines(trend_periods, trend_avg, trend_meet, [t::TREND_AVG.get(l).into(), t::TREND_MEET.get(l).into()]) file=format!("{file_stem}-dien-bien.png") testid="chart-trend">
            <FigureTable head=vec![t::PERIOD.get(l).to_string(), t::TREND_AVG.get(l).to_string(), t::TREND_MEET.get(l).to_string()] rows=trend_rows.into_iter().map(|(a, b, c)| vec![a, b, c]).collect()/>
        </ChartCard>
        <section class="card no-print" data-testid="chart-matrix">
            <h2>{tr(t::MATRIX)}</h2>
            <p class="hint">{tr(t::MATRIX_HINT)}</p>
            <EChart
                chart=charts::matrix_heatmap(names, d.criteria.clone(), cells, [t::MET.get(l).into(), t::NOT_MET.get(l).into(), t::NA.get(l).into()])
                label=t::MATRIX.get(l)
                file_name=format!("{file_stem}-ma-tran.png")
                height=matrix_height
                min_width=matrix_width
            />
        </section>
        <section class="card no-print" data-testid="chart-radar">
            <h2>{tr(t::RADAR)}</h2>
            <label>{tr(t::COMMUNE)}
                <select on:change=move |ev| radar_commune.set(event_target_value(&ev)) prop:value=move || radar_commune.get()>
                    {assessed.iter().map(|(c, n)| view! { <option value=c.clone()>{n.clone()}</option> }).collect_view()}
                </select>
            </label>
            {move || {
                let code = radar_commune.get();
                let row = d_radar.matrix.rows.iter().find(|r| r.code == code)?.clone();
                let values: Vec<f64> = row.cells.iter().map(|c| if *c == Some(CriterionOutcome::Met) { 1.0 } else { 0.0 }).collect();
                let marks: Vec<Vec<String>> = d_radar.criteria.iter().zip(&row.cells).map(|(c, o)| vec![c.clone(), outcome_mark(*o).to_string()]).collect();
                Some(view! {
                    <EChart chart=charts::commune_radar(row.name.clone(), d_radar.criteria.clone(), values) label=t::RADAR.get(l) file_name=format!("tieu-chi-{}.png", row.code)/>
                    <FigureTable head=vec![t::CRITERION.get(l).to_string(), row.name.clone()] rows=marks/>
                })
            }}
        </section>
        {move || ocop_counts.get().map(|c| {
            let labels = vec!["3 ★".to_string(), "4 ★".into(), "5 ★".into()];
            let values: Vec<f64> = c.by_stars.iter().map(|n| *n as f64).collect();
            let star_rows: Vec<Vec<String>> = labels.iter().zip(&c.by_stars).map(|(a, n)| vec![a.clone(), format_int(*n as i64)]).collect();
            let group_rows: Vec<Vec<String>> = c.by_group.iter().map(|(g, n)| vec![group_name(*g, l), format_int(*n as i64)]).collect();
            view! {
                <ChartCard title=t::OCOP chart=charts::labelled_bars(labels, values, false) file="ocop-so-sao.png".to_string() testid="chart-ocop">
                    <FigureTable head=vec![t::STARS.get(l).to_string(), t::PRODUCTS.get(l).to_string()] rows=star_rows/>
                    <FigureTable head=vec![t::GROUP.get(l).to_string(), t::PRODUCTS.get(l).to_string()] rows=group_rows/>
                </ChartCard>
            }
        })}
        <section class="card" data-testid="plan-progress">
            <h2>{tr(t::PLAN)} " " {period.year}</h2>
            {move || match plan_rows() {
                Some(rows) => view! {
                    <FigureTable head=vec![t::PLAN_ITEM.get(l).to_string(), t::REGISTERED.get(l).to_string(), t::ACHIEVED.get(l).to_string(), t::PROGRESS.get(l).to_string()] rows=rows/>
                }.into_any(),
                None => view! { <p class="hint">{tr(t::NO_PLAN)}</p> }.into_any(),
            }}
        </section>
        <section class="card report" data-testid="report">
            <h2>{tr(t::REPORT)}</h2>
            <p class="print-only">{scope_name} " · " {period.label(l)} " · " {set_title}</p>
            <div class="actions no-print">
                <button type="button" class="primary" on:click=print>{tr(t::PRINT)}</button>
                <button type="button" class="secondary" on:click={let f = download_summary.clone(); move |_| f(false)} data-testid="download-csv">{tr(t::CSV)}</button>
                <button type="button" class="secondary" on:click=move |_| download_summary(true) data-testid="download-xlsx">{tr(t::XLSX)}</button>
                <button type="button" class="secondary" on:click={let f = download_raw.clone(); move |_| f(false)} data-testid="download-raw-csv">{tr(t::RAW_CSV)}</button>
                <button type="button" class="secondary" on:click=move |_| download_raw(true)>{tr(t::RAW_XLSX)}</button>
            </div>
            <p class="hint">{tr(t::LEGEND)}</p>
            <div class="table-scroll">
                <table class="summary" data-testid="summary-table">
                    <thead>
                        <tr>
                            <th scope="col">{tr(t::COMMUNE)}</th>
                            {d.criteria.iter().map(|c| view! { <th scope="col" class="num">{c.clone()}</th> }).collect_view()}
                            <th scope="col" class="num">{tr(t::MET)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {d.matrix.rows.iter().map(|r| view! {
                            <tr data-commune=r.code.clone()>
                                <th scope="row">{r.name.clone()}</th>
                                {r.cells.iter().map(|c| view! { <td class=cell_class(*c)>{outcome_mark(*c)}</td> }).collect_view()}
                                <td class="num">{r.met.map(|m| m.to_string()).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{tr(texts::TABLE_TOTAL)}</th>
                            {d.matrix.met_per_criterion.iter().map(|n| view! { <td class="num">{n.to_string()}</td> }).collect_view()}
                            <td class="num">{d.matrix.rows.iter().filter(|r| r.meets_set).count().to_string()}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}

fn cell_class(c: Option<CriterionOutcome>) -> &'static str {
    match c {
        Some(CriterionOutcome::Met) => "cell met",
        Some(CriterionOutcome::NotMet) => "cell not-met",
        _ => "cell",
    }
}

fn group_name(g: OcopGroup, l: Lang) -> String {
    g.name(l).to_string()
}

/// "19" → "19 tiêu chí", "dưới 10" → "Dưới 10 tiêu chí".
fn band_label(label: String, l: Lang) -> String {
    match l {
        Lang::Vi => {
            let mut c = label.chars();
            let first: String = c
                .next()
                .map(|f| f.to_uppercase().collect())
                .unwrap_or_default();
            format!("{first}{} tiêu chí", c.as_str())
        }
        Lang::En => format!("{} criteria", label.replace("dưới", "Under")),
    }
}

/// A chart with its title and the table of its figures.
#[component]
fn ChartCard(
    title: Text,
    chart: charming::Chart,
    file: String,
    testid: &'static str,
    #[prop(optional)] height: Option<u32>,
    children: Children,
) -> impl IntoView {
    let l = use_lang().get_untracked();
    view! {
        <section class="card chart-card" data-testid=testid>
            <h2>{tr(title)}</h2>
            {match height {
                Some(h) => view! { <EChart chart=chart label=title.get(l) file_name=file height=h/> }.into_any(),
                None => view! { <EChart chart=chart label=title.get(l) file_name=file/> }.into_any(),
            }}
            {children()}
        </section>
    }
}

/// The figures behind a chart, for exact numbers and screen readers.
#[component]
fn FigureTable(head: Vec<String>, rows: Vec<Vec<String>>) -> impl IntoView {
    view! {
        <table class="figures">
            <thead><tr>{head.into_iter().enumerate().map(|(i, h)| view! { <th scope="col" class=if i == 0 { "" } else { "num" }>{h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>{r.into_iter().enumerate().map(|(i, c)| if i == 0 { view! { <th scope="row">{c}</th> }.into_any() } else { view! { <td class="num">{c}</td> }.into_any() }).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table>
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
