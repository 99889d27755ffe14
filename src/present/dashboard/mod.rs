//! The dashboard in words and chart options: key figures with their denominators, each
//! chart with the table of its numbers, the commune × criterion matrix, one commune's
//! radar, OCOP of the scope, the plan's progress and the summary table. Built from a
//! [`Dashboard`] (the figures, `domain::dashboard`) and the workspace (names).

use std::collections::{BTreeMap, BTreeSet};

use super::text::Text;
use crate::domain::assessment::Period;
use crate::domain::criteria::{SetId, SetLevel};
use crate::domain::dashboard::Dashboard;
use crate::domain::evaluation::CriterionOutcome;
use crate::domain::format::{format_decimal, format_int, format_percent};
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::profile::Lang;
use crate::domain::report::outcome_mark;
use crate::domain::stats::Scope;
use crate::domain::sync::Record;
use crate::domain::units::UnitRef;
use crate::domain::workspace::Workspace;

pub mod words;
/// The dashboard's texts, short name for layouts.
pub use words as t;
mod chart_models;
pub use chart_models::*;
pub mod results;
pub mod villages;

/// The set most commune assessments use (the natural default); a device with village
/// assessments only (a commune before it assesses itself) starts from theirs.
pub fn default_set(ws: &Workspace) -> Option<SetId> {
    let most_used = |communes: bool| {
        let mut counts: BTreeMap<&SetId, usize> = BTreeMap::new();
        for a in ws
            .assessments
            .iter()
            .filter(|a| matches!(a.key.unit, UnitRef::Commune(_)) == communes)
        {
            *counts.entry(&a.key.set).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(s, _)| s.clone())
    };
    most_used(true).or_else(|| most_used(false))
}

/// The sets a dashboard can show (id, label): those the assessments use.
pub fn set_choices(ws: &Workspace, lang: Lang) -> Vec<(String, String)> {
    let ids: BTreeSet<&SetId> = ws.assessments.iter().map(|a| &a.key.set).collect();
    ids.into_iter()
        .filter_map(|id| {
            ws.set(id).map(|s| {
                (
                    id.to_string(),
                    crate::present::sets::label_with_owner(ws, s, lang),
                )
            })
        })
        .collect()
}

/// The figures of a dashboard, and what they are of.
#[derive(Clone, Debug)]
pub struct Figures {
    pub scope: Scope,
    pub set: SetId,
    pub period: Period,
    pub dashboard: Dashboard,
}

/// The figures for the keys the dashboard's pickers hold (`Scope::key`, set id, period):
/// `None` when a key does not parse or the set is unknown.
pub fn figures(
    ws: &Workspace,
    scope: &str,
    set: &str,
    period: &str,
    official: Option<&crate::domain::catalog::Catalog>,
    include_wards: bool,
) -> Option<Figures> {
    let scope = Scope::from_key(scope)?;
    let set: SetId = set.parse().ok()?;
    let period: Period = period.parse().ok()?;
    let opts = crate::domain::dashboard::DashboardOptions {
        official,
        include_wards,
    };
    let dashboard = ws.dashboard(&scope, &set, period, opts)?;
    Some(Figures {
        scope,
        set,
        period,
        dashboard,
    })
}

/// "103/143 xã (72 %)": a count with its denominator and share.
pub fn of_total(count: usize, total: usize, unit: &str, with_share: bool) -> String {
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

/// A band of criteria met, as a label: "19" → "19 tiêu chí", "dưới 10" → "Dưới 10 tiêu
/// chí" (English: "Under 10 criteria").
fn band_label(band: &crate::domain::stats::Band, l: Lang) -> String {
    let (under, unit) = (l.pick("Dưới", "Under"), l.pick("tiêu chí", "criteria"));
    if band.min == band.max {
        format!("{} {unit}", band.min)
    } else if band.min == 0 {
        format!("{under} {} {unit}", band.max + 1)
    } else {
        format!("{}–{} {unit}", band.min, band.max)
    }
}

/// The numbers behind a chart: a head and rows of text, first column a row header.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureTable {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A chart with its title, file name for "Lưu ảnh PNG", and the tables of its numbers.
#[derive(Clone, Debug)]
pub struct ChartModel {
    pub title: Text,
    pub testid: &'static str,
    pub chart: charming::Chart,
    pub file: String,
    pub height: Option<u32>,
    pub tables: Vec<FigureTable>,
}

/// The key figures, each in words with its denominator (the page lays them out).
#[derive(Clone, Debug, PartialEq)]
pub struct KeyFigures {
    pub communes: String,
    /// Where the denominator comes from ("xã theo danh mục chính thức").
    pub communes_source: &'static str,
    pub with_data: String,
    pub average: String,
    pub meeting: String,
    pub not_meeting: String,
    pub no_data: String,
    pub ntm: String,
    pub ntm_sets: String,
    pub nang_cao: String,
    pub nang_cao_sets: String,
    pub kieu_mau: String,
    pub kieu_mau_sets: String,
    pub villages: String,
    pub villages_with_data: String,
    pub village_sets: String,
    /// The previous period's label, and the change since it in words.
    pub change_period: String,
    pub change: String,
    /// "12 phường, đặc khu có số liệu nhưng không được tính …", when some are left out.
    pub wards_left_out: Option<String>,
    /// Communes without data: (code, name, the other version they have data against).
    pub without_data: Vec<(String, String, Option<String>)>,
}

/// Everything the dashboard shows for a scope, set and period.
#[derive(Clone, Debug)]
pub struct DashboardModel {
    /// "Tỉnh Mẫu · Năm 2024".
    pub title: String,
    pub set_label: String,
    pub set_title: String,
    pub figures: KeyFigures,
    pub charts: Vec<ChartModel>,
    pub matrix: MatrixModel,
    /// Communes with marks (code, name): the radar's choices, the first shown first.
    pub radar_choices: Vec<(String, String)>,
    pub summary: SummaryTable,
    /// Recognitions beside self-assessment, registrations, resources.
    pub results: results::ResultsModel,
    /// The stem of every download's name.
    pub file_stem: String,
}

/// The commune × criterion heatmap.
#[derive(Clone, Debug)]
pub struct MatrixModel {
    pub chart: charming::Chart,
    pub file: String,
    pub height: u32,
    pub min_width: u32,
    /// "Ma trận đang hiện 200/3.321 xã" when not every commune is drawn.
    pub note: Option<String>,
}

impl MatrixModel {
    /// Communes drawn at first, as the summary table's first page: a province's (≤ ~170)
    /// whole; the country's 3,321 were a 73,000-pixel canvas that ECharts drew in one
    /// 200 ms task. "Hiện cả ma trận" draws every one.
    pub const ROWS: usize = SummaryTable::PAGE;
}

/// The printable summary table: a row per commune (code, name, marks, met), totals.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryTable {
    pub criteria: Vec<String>,
    pub rows: Vec<SummaryRow>,
    pub totals: Vec<String>,
    pub meeting_total: String,
}

impl SummaryTable {
    /// Rows drawn at first and added per "Hiện thêm": a province's communes (≤ ~150)
    /// all at once; the country's 3,321 a screenful at a time, as drawing all of them was
    /// most of a second of layout on the page's main thread (BENCHMARKS.md).
    pub const PAGE: usize = 200;

    /// The rows in the groups they are drawn in: the first [`Self::PAGE`], then one group
    /// per "Hiện thêm". Borrowed, so the page keeps one copy.
    pub fn pages(&self) -> std::slice::Chunks<'_, SummaryRow> {
        self.rows.chunks(Self::PAGE)
    }

    /// "Hiện thêm 200 xã".
    pub fn more_label(lang: Lang) -> String {
        lang.pick(
            format!("Hiện thêm {} xã", Self::PAGE),
            format!("Show {} more communes", Self::PAGE),
        )
    }

    /// "Đang hiện 200/3.321 xã" when not every row is drawn.
    pub fn shown_note(&self, pages_shown: usize, lang: Lang) -> Option<String> {
        let total = self.rows.len();
        let shown = (pages_shown * Self::PAGE).min(total);
        (shown < total).then(|| {
            let (shown, total) = (format_int(shown as i64), format_int(total as i64));
            lang.pick(
                format!("Đang hiện {shown}/{total} xã. Bấm “Hiện tất cả” trước khi in nếu cần cả bảng."),
                format!("Showing {shown} of {total} communes. Tap “Show all” before printing for the whole table."),
            )
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub code: String,
    pub name: String,
    /// (css class, mark) per criterion.
    pub cells: Vec<(&'static str, &'static str)>,
    pub met: String,
}

fn cell_class(c: Option<CriterionOutcome>) -> &'static str {
    match c {
        Some(CriterionOutcome::Met) => "cell met",
        Some(CriterionOutcome::NotMet) => "cell not-met",
        _ => "cell",
    }
}

/// Where the figures' denominator came from, and what it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counting {
    /// The official list gave the communes of the scope (else only those on the device).
    pub official: bool,
    /// Wards and special zones are counted.
    pub wards: bool,
}

pub fn dashboard(
    ws: &Workspace,
    scope: &Scope,
    set: &SetId,
    period: Period,
    d: &Dashboard,
    counting: Counting,
    l: Lang,
) -> DashboardModel {
    let s = &d.stats;
    let unit_xa = t::UNIT_XA.get(l);
    let unit_thon = t::UNIT_THON.get(l);
    let level_sets = |level: SetLevel| -> String {
        let sets = d
            .level_sets
            .iter()
            .find(|(x, _)| *x == level)
            .map(|(_, s)| s.as_slice())
            .unwrap_or_default();
        counted_by(ws, sets, l)
    };
    let file_stem = crate::app::reports::file_stem(scope, period);
    let figures = KeyFigures {
        communes: format!("{} {unit_xa}", format_int(s.communes as i64)),
        communes_source: match (counting.official, counting.wards) {
            (true, false) => t::FROM_LIST.get(l),
            (true, true) => t::FROM_LIST_WARDS.get(l),
            _ => t::FROM_DEVICE.get(l),
        },
        with_data: of_total(s.assessed, s.communes, unit_xa, false),
        average: format_decimal(s.average_met, 2),
        meeting: of_total(s.meeting, s.communes, unit_xa, true),
        not_meeting: of_total(s.assessed - s.meeting, s.communes, unit_xa, true),
        no_data: of_total(s.communes - s.assessed, s.communes, unit_xa, true),
        ntm: of_total(s.ntm.count, s.communes, unit_xa, true),
        ntm_sets: level_sets(SetLevel::XaNtm),
        nang_cao: of_total(s.nang_cao.count, s.communes, unit_xa, true),
        nang_cao_sets: level_sets(SetLevel::XaNangCao),
        kieu_mau: of_total(s.kieu_mau.count, s.communes, unit_xa, true),
        kieu_mau_sets: level_sets(SetLevel::XaKieuMau),
        villages: of_total(s.villages_meeting_set, s.villages, unit_thon, false),
        villages_with_data: of_total(s.villages_with_data, s.villages, unit_thon, false),
        village_sets: counted_by(ws, &d.village_sets, l),
        change_period: d.previous_period.label(l),
        change: match &d.change {
            Some(c) => format!(
                "{}{} {} · {}{} {}",
                if c.average_met >= 0.0 { "+" } else { "" },
                format_decimal(c.average_met, 2),
                t::AVERAGE.get(l),
                if c.ntm >= 0 { "+" } else { "" },
                c.ntm,
                t::NTM.get(l)
            ),
            None => t::NO_PREVIOUS.get(l).to_string(),
        },
        wards_left_out: (d.wards_left_out > 0).then(|| {
            format!(
                "{} {}",
                format_int(d.wards_left_out as i64),
                t::WARDS_LEFT_OUT.get(l)
            )
        }),
        without_data: d
            .without_data
            .iter()
            .map(|m| {
                let other = m.other_version.as_ref().map(|v| {
                    ws.set(v)
                        .map(|s| s.label(l))
                        .unwrap_or_else(|| v.to_string())
                });
                (m.code.clone(), m.name.clone(), other)
            })
            .collect(),
    };
    let charts = vec![
        bands_chart(d, &file_stem, l),
        levels_chart(d, &file_stem, l),
        rates_chart(d, &file_stem, l),
        trend_chart(d, &file_stem, l),
    ];
    DashboardModel {
        title: format!("{} · {}", ws.scope_name(scope), period.label(l)),
        set_label: ws
            .set(set)
            .map(|x| x.label(l))
            .unwrap_or_else(|| set.to_string()),
        set_title: ws.set(set).map(|x| x.title.clone()).unwrap_or_default(),
        figures,
        charts,
        matrix: matrix(d, &file_stem, l, false),
        radar_choices: d
            .matrix
            .rows
            .iter()
            .filter(|r| r.met.is_some())
            .map(|r| (r.code.clone(), r.name.clone()))
            .collect(),
        summary: summary(d),
        results: results::results(d, l),
        file_stem,
    }
}

fn summary(d: &Dashboard) -> SummaryTable {
    SummaryTable {
        criteria: d.criteria.clone(),
        rows: d
            .matrix
            .rows
            .iter()
            .map(|r| SummaryRow {
                code: r.code.clone(),
                name: r.name.clone(),
                cells: r
                    .cells
                    .iter()
                    .map(|c| (cell_class(*c), outcome_mark(*c)))
                    .collect(),
                met: r.met.map(|m| m.to_string()).unwrap_or_default(),
            })
            .collect(),
        totals: d
            .matrix
            .met_per_criterion
            .iter()
            .map(|n| n.to_string())
            .collect(),
        meeting_total: d
            .matrix
            .rows
            .iter()
            .filter(|r| r.meets_set)
            .count()
            .to_string(),
    }
}

/// The scope's plan for the period's year with its progress as of the period, if there
/// is one.
pub fn plan_table(
    ws: &Workspace,
    plans: &[Record<Plan>],
    scope: &Scope,
    period: Period,
    products: &[Record<Product>],
    ratings: &[Record<Rating>],
    l: Lang,
) -> Option<FigureTable> {
    let plan = plans
        .iter()
        .find(|p| !p.archived && p.data.scope == *scope && p.data.year == period.year)?;
    let progress = ws.plan_progress(&plan.data, period, products, ratings);
    Some(FigureTable {
        head: super::plans::head(l),
        rows: super::plans::rows(&progress, l)
            .into_iter()
            .map(|r| {
                vec![
                    r.label,
                    r.registered,
                    r.achieved,
                    r.self_assessed,
                    r.progress,
                ]
            })
            .collect(),
    })
}
