//! "Báo cáo kết quả": what an official hands in for a scope, a period and a set — a
//! paragraph that reads like the review reports, generated from the figures, and the
//! tables behind it (key figures and bands, criteria with their names, the summary table,
//! villages, recognitions, OCOP, resources, plan). One set of tables serves the printed
//! page, the XLSX workbook (a sheet each) and the CSV.

use std::collections::BTreeSet;

use crate::domain::assessment::Period;
use crate::domain::catalog::Catalog;
use crate::domain::criteria::SetId;
use crate::domain::dashboard::{Dashboard, DashboardOptions};
use crate::domain::ocop::{Product, Rating};
use crate::domain::ocop_period::{ocop_period, OcopPeriod};
use crate::domain::plan_progress::PlanProgress;
use crate::domain::plans::Plan;
use crate::domain::profile::Lang;
use crate::domain::report::{Cell, Sheet};
use crate::domain::stats::Scope;
use crate::domain::sync::Record;
use crate::domain::village_dashboard::VillageDashboard;
use crate::domain::workspace::Workspace;
use crate::present::dashboard::results::quantity_text;
use crate::present::dashboard::FigureTable;

mod narrative;
mod sheets;
pub use narrative::narrative;
pub use sheets::sheets;

/// Everything a report is made of.
pub struct Review {
    pub scope: Scope,
    pub scope_name: String,
    pub set: SetId,
    pub set_label: String,
    pub criteria_names: Vec<String>,
    pub period: Period,
    pub dashboard: Dashboard,
    /// The villages against the village set most used in the scope, when there is one.
    pub villages: Option<VillageDashboard>,
    pub ocop: OcopPeriod,
    pub plan: Option<PlanProgress>,
}

/// Gathers the figures of a report; `None` when the set is unknown.
#[allow(clippy::too_many_arguments)]
pub fn review(
    ws: &Workspace,
    scope: &Scope,
    set: &SetId,
    period: Period,
    plans: &[Record<Plan>],
    products: &[Record<Product>],
    ratings: &[Record<Rating>],
    official: Option<&Catalog>,
) -> Option<Review> {
    let opts = DashboardOptions {
        official,
        include_wards: false,
    };
    let d = ws.dashboard(scope, set, period, opts)?;
    let codes: BTreeSet<&str> = d.communes.iter().map(String::as_str).collect();
    let village_set = ws
        .assessments
        .iter()
        .filter(|a| a.key.period == period)
        .filter(|a| {
            ws.set(&a.key.set)
                .is_some_and(|s| s.level.is_village_level())
        })
        .map(|a| a.key.set.clone())
        .next();
    let villages = village_set.and_then(|s| ws.village_dashboard(scope, &s, period, opts));
    let live: Vec<Product> = products
        .iter()
        .filter(|p| !p.archived && !p.data.archived && codes.contains(p.data.commune_code.as_str()))
        .map(|p| p.data.clone())
        .collect();
    let live_ratings: Vec<Rating> = ratings
        .iter()
        .filter(|r| !r.archived)
        .map(|r| r.data.clone())
        .collect();
    let (from, to) = period.dates();
    let plan = plans
        .iter()
        .find(|p| !p.archived && p.data.scope == *scope && p.data.year == period.year)
        .map(|p| ws.plan_progress(&p.data, period, products, ratings));
    let s = ws.set(set)?;
    Some(Review {
        scope: scope.clone(),
        scope_name: ws.scope_name(scope),
        set: set.clone(),
        set_label: s.label(Lang::Vi),
        criteria_names: s.criteria.iter().map(|c| c.name.clone()).collect(),
        period,
        villages,
        ocop: ocop_period(&live, &live_ratings, from, to),
        plan,
        dashboard: d,
    })
}

/// A sheet as a table on the page: numbers written the Vietnamese way.
pub fn on_page(sheet: &Sheet) -> (String, FigureTable) {
    let text = |c: &Cell| match c {
        Cell::Text(s) => s.clone(),
        Cell::Number(v) => quantity_text(*v),
    };
    let mut rows = sheet
        .table
        .iter()
        .map(|r| r.iter().map(text).collect::<Vec<_>>());
    let head = rows.next().unwrap_or_default();
    (
        sheet.title.last().cloned().unwrap_or_default(),
        FigureTable {
            head,
            rows: rows.collect(),
        },
    )
}

/// "…, ngày 30 tháng 11 năm 2026" / "30 November 2026": the date line of a report.
pub fn date_line(place: &str, today: chrono::NaiveDate, l: Lang) -> String {
    use chrono::Datelike;
    l.pick(
        format!(
            "{place}, ngày {} tháng {} năm {}",
            today.day(),
            today.month(),
            today.year()
        ),
        format!("{place}, {}", today.format("%-d %B %Y")),
    )
}

pub mod t {
    use crate::present::text::Text;
    pub const PAGE_TITLE: Text = Text::new("Báo cáo kết quả", "Results report");
    pub const OPEN: Text = Text::new("Mở trang Báo cáo kết quả", "Open the results report");
    pub const NATION: Text = Text::new(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SOCIALIST REPUBLIC OF VIET NAM",
    );
    pub const MOTTO: Text = Text::new(
        "Độc lập – Tự do – Hạnh phúc",
        "Independence – Freedom – Happiness",
    );
    pub const HEADING: Text = Text::new("BÁO CÁO", "REPORT");
    pub const SUBJECT: Text = Text::new(
        "Kết quả xây dựng nông thôn mới",
        "Results of new rural development",
    );
    pub const PREPARER: Text = Text::new("Người lập biểu", "Prepared by");
    pub const HEAD: Text = Text::new("Thủ trưởng đơn vị", "Head of unit");
    pub const SIGN: Text = Text::new("(Ký, ghi rõ họ tên)", "(Signature and full name)");
    pub const SIGN_SEAL: Text = Text::new(
        "(Ký, ghi rõ họ tên, đóng dấu)",
        "(Signature, full name and seal)",
    );
    pub const PRINT: Text = Text::new("In báo cáo (A4)", "Print the report (A4)");
    pub const XLSX: Text = Text::new("Tải báo cáo (Excel)", "Download the report (Excel)");
    pub const CSV: Text = Text::new("Tải báo cáo (CSV)", "Download the report (CSV)");
    pub const NO_DATA: Text = Text::new(
        "Chưa có số liệu để lập báo cáo: hãy nhập kết quả tiêu chí hoặc nhận tệp từ xã.",
        "No figures to report yet: record criteria or receive a file from a commune.",
    );
}
