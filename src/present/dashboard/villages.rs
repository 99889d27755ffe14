//! The dashboard of a village set in words and tables: villages counted, assessed,
//! meeting the set, recognised; the weakest criteria; villages by commune; each village ×
//! criterion (the summary table of villages).

use super::results::share as of;
use super::{head, FigureTable};
use crate::domain::assessment::Period;
use crate::domain::criteria::SetId;
use crate::domain::dashboard::DashboardOptions;
use crate::domain::format::{format_decimal, format_int, format_percent};
use crate::domain::profile::Lang;
use crate::domain::report::outcome_mark;
use crate::domain::stats::Scope;
use crate::domain::village_dashboard::VillageDashboard;
use crate::domain::workspace::Workspace;

pub mod t {
    use crate::present::text::Text;
    pub const TITLE: Text = Text::new(
        "Kết quả xây dựng thôn nông thôn mới",
        "Villages against the village set",
    );
    pub const VILLAGES: Text = Text::new("Số thôn tính", "Villages counted");
    pub const ASSESSED: Text = Text::new("Có số liệu kỳ này", "With data this period");
    pub const MEETING: Text = Text::new("Đạt đủ tiêu chí của bộ", "Meeting every criterion");
    pub const AVERAGE: Text = Text::new("Bình quân tiêu chí/thôn", "Average criteria per village");
    pub const RECOGNISED: Text = Text::new("Được công nhận thôn NTM", "Recognised NTM villages");
    pub const RECOGNISED_MODEL: Text =
        Text::new("Được công nhận thôn kiểu mẫu", "Recognised model villages");
    pub const WEAKEST: Text = Text::new("Tiêu chí thôn đạt ít nhất", "Weakest village criteria");
    pub const CRITERION: Text = Text::new("Tiêu chí", "Criterion");
    pub const MET: Text = Text::new("Số thôn đạt", "Villages meeting it");
    pub const RATE: Text = Text::new("Tỷ lệ", "Rate");
    pub const BY_COMMUNE: Text = Text::new("Theo xã", "By commune");
    pub const COMMUNE: Text = Text::new("Xã", "Commune");
    pub const VILLAGE: Text = Text::new("Thôn", "Village");
    pub const COUNT: Text = Text::new("Số thôn", "Villages");
    pub const REACHED: Text = Text::new("Đạt", "Met");
    pub const RECOGNISED_SHORT: Text = Text::new("Công nhận", "Recognised");
    pub const MATRIX: Text = Text::new("Biểu tổng hợp theo thôn", "Summary table by village");
    pub const NO_VILLAGES: Text = Text::new(
        "Phạm vi này chưa có thôn nào.",
        "This scope has no villages yet.",
    );
}

/// A village's row of the summary table.
#[derive(Clone, Debug, PartialEq)]
pub struct VillageMatrixRow {
    pub id: String,
    pub name: String,
    pub commune: String,
    /// (css class, mark) per criterion.
    pub cells: Vec<(&'static str, &'static str)>,
    pub reached: String,
    pub recognised: bool,
}

#[derive(Clone, Debug)]
pub struct VillageModel {
    pub title: String,
    pub set_label: String,
    /// (label, value, test id) in order.
    pub figures: Vec<(crate::present::text::Text, String, &'static str)>,
    /// Criteria by rate, weakest first.
    pub weakest: FigureTable,
    pub by_commune: FigureTable,
    pub criteria: Vec<String>,
    pub rows: Vec<VillageMatrixRow>,
    /// Villages meeting each criterion.
    pub totals: Vec<String>,
}

/// The village dashboard for the pickers' keys (`Scope::key`, set id, period); `None` when
/// a key does not parse or the set is unknown.
pub fn village_model(
    ws: &Workspace,
    scope: &str,
    set: &str,
    period: &str,
    opts: DashboardOptions<'_>,
    l: Lang,
) -> Option<VillageModel> {
    let scope = Scope::from_key(scope)?;
    let set: SetId = set.parse().ok()?;
    let period: Period = period.parse().ok()?;
    let d = ws.village_dashboard(&scope, &set, period, opts)?;
    Some(model(ws, &scope, &set, period, &d, l))
}

pub fn model(
    ws: &Workspace,
    scope: &Scope,
    set: &SetId,
    period: Period,
    d: &VillageDashboard,
    l: Lang,
) -> VillageModel {
    let mut rates: Vec<_> = d.rates.iter().collect();
    rates.sort_by(|a, b| {
        let ra = a.met as f64 / a.assessed.max(1) as f64;
        let rb = b.met as f64 / b.assessed.max(1) as f64;
        ra.total_cmp(&rb).then(a.code.cmp(&b.code))
    });
    let weakest = FigureTable {
        head: head(&[t::CRITERION, t::MET, t::RATE], l),
        rows: rates
            .iter()
            .map(|r| {
                let pct = if r.assessed == 0 {
                    0.0
                } else {
                    r.met as f64 * 100.0 / r.assessed as f64
                };
                vec![
                    format!("{}. {}", r.code, r.name),
                    format!(
                        "{}/{}",
                        format_int(r.met as i64),
                        format_int(r.assessed as i64)
                    ),
                    format_percent(pct),
                ]
            })
            .collect(),
    };
    let by_commune = FigureTable {
        head: head(
            &[
                t::COMMUNE,
                t::COUNT,
                t::ASSESSED,
                t::MEETING,
                t::RECOGNISED_SHORT,
            ],
            l,
        ),
        rows: d
            .communes
            .iter()
            .filter(|c| c.villages > 0)
            .map(|c| {
                vec![
                    c.name.clone(),
                    format_int(c.villages as i64),
                    format_int(c.assessed as i64),
                    format_int(c.meeting as i64),
                    format_int(c.recognised as i64),
                ]
            })
            .collect(),
    };
    let rows = d
        .rows
        .iter()
        .map(|r| VillageMatrixRow {
            id: r.id.clone(),
            name: r.name.clone(),
            commune: r.commune_name.clone(),
            cells: r
                .cells
                .iter()
                .map(|c| {
                    let class = match c {
                        Some(crate::domain::evaluation::CriterionOutcome::Met) => "cell met",
                        Some(crate::domain::evaluation::CriterionOutcome::NotMet) => "cell not-met",
                        _ => "cell",
                    };
                    (class, outcome_mark(*c))
                })
                .collect(),
            reached: r.reached.map(|n| n.to_string()).unwrap_or_default(),
            recognised: r.recognised,
        })
        .collect();
    VillageModel {
        title: format!("{} · {}", ws.scope_name(scope), period.label(l)),
        set_label: ws
            .set(set)
            .map(|s| s.label(l))
            .unwrap_or_else(|| set.to_string()),
        figures: vec![
            (t::VILLAGES, format_int(d.villages as i64), "vfig-villages"),
            (t::ASSESSED, of(d.assessed, d.villages), "vfig-assessed"),
            (
                t::AVERAGE,
                format_decimal(d.average_reached, 2),
                "vfig-average",
            ),
            (t::MEETING, of(d.meeting, d.villages), "vfig-meeting"),
            (
                t::RECOGNISED,
                of(d.recognised, d.villages),
                "vfig-recognised",
            ),
            (
                t::RECOGNISED_MODEL,
                of(d.recognised_model, d.villages),
                "vfig-model",
            ),
        ],
        weakest,
        by_commune,
        criteria: d.criteria.clone(),
        rows,
        totals: d.rates.iter().map(|r| r.met.to_string()).collect(),
    }
}
