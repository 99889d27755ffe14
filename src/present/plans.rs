//! Plans in words.

use super::text::Text;
use crate::domain::format::{format_decimal, format_int};
use crate::domain::ocop::{Product, Rating};
use crate::domain::plan_progress::PlanProgress;
use crate::domain::plans::{progress_text, Plan, PlanItem};
use crate::domain::profile::Lang;
use crate::domain::sync::Record;
use crate::domain::workspace::Workspace;

/// What a plan item counts, in words.
pub fn item_text(item: PlanItem) -> Text {
    match item {
        PlanItem::CommunesNtm => Text::new("Xã đạt chuẩn nông thôn mới", "Communes reaching NTM"),
        PlanItem::CommunesNangCao => Text::new(
            "Xã đạt chuẩn nông thôn mới nâng cao",
            "Communes reaching advanced NTM",
        ),
        PlanItem::CommunesKieuMau => {
            Text::new("Xã đạt chuẩn nông thôn mới kiểu mẫu", "Model NTM communes")
        }
        PlanItem::VillagesNtm => Text::new("Thôn đạt chuẩn nông thôn mới", "Villages reaching NTM"),
        PlanItem::OcopProducts => {
            Text::new("Sản phẩm OCOP từ 3 sao", "OCOP products, 3 stars and up")
        }
    }
}

pub mod t {
    use crate::present::text::Text;
    pub const TITLE: Text = Text::new("Kế hoạch", "Plans");
    pub const SCOPE: Text = Text::new("Phạm vi", "Scope");
    pub const YEAR: Text = Text::new("Năm", "Year");
    pub const REGISTERED: Text = Text::new("Đăng ký", "Registered");
    pub const ACHIEVED: Text = Text::new("Được công nhận", "Recognised");
    pub const SELF_ASSESSED: Text = Text::new("Tự đánh giá đạt", "Self-assessed");
    pub const CERTIFIED: Text = Text::new("Được chứng nhận", "Certified");
    pub const PROGRESS: Text = Text::new("Tiến độ", "Progress");
    pub const SAVE: Text = Text::new("Lưu kế hoạch", "Save the plan");
    pub const NO_SCOPE: Text = Text::new(
        "Chưa có đơn vị. Hãy hoàn tất bước bắt đầu ở Trang chủ.",
        "No units yet. Finish getting started on the Home page.",
    );
    pub const BAD_NUMBER: Text = Text::new(
        "Số đăng ký phải là số nguyên không âm; bình quân là số từ 0 đến 100 (ví dụ 14,9).",
        "Targets are whole numbers, zero or more; the average is a number from 0 to 100 (e.g. 14.9).",
    );
    pub const HINT: Text = Text::new(
        "Để trống mục không đăng ký. “Được công nhận” đếm theo quyết định công nhận đến cuối kỳ mới nhất của năm; “tự đánh giá đạt” theo kết quả chấm tiêu chí; sản phẩm OCOP theo chứng nhận trong năm.",
        "Leave items not planned empty. “Recognised” counts recognition decisions up to the end of the year's latest period; “self-assessed” counts by marks; OCOP products by certificates of the year.",
    );
    pub const AVERAGE: Text = Text::new(
        "Bình quân tiêu chí/xã (phấn đấu)",
        "Average criteria per commune (target)",
    );
    pub const MINIMUM: Text = Text::new(
        "Không còn xã dưới … tiêu chí",
        "No commune under … criteria",
    );
    pub const ASSESSED: Text = Text::new("xã có số liệu", "communes with data");
    pub const UNDER: Text = Text::new("xã còn dưới", "communes still under");
    pub const CRITERIA: Text = Text::new("tiêu chí", "criteria");
    pub const NO_DATA: Text = Text::new("xã chưa có số liệu", "communes without data");
    pub const REACHED: Text = Text::new("Đạt mục tiêu", "Target reached");
    pub const NOT_YET: Text = Text::new("Chưa đạt mục tiêu", "Target not reached yet");
}

/// One line of a plan's progress, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRow {
    /// `data-plan-item`: the item's key, "average_criteria" or "min_criteria".
    pub key: String,
    pub label: String,
    pub registered: String,
    pub achieved: String,
    pub self_assessed: String,
    pub progress: String,
}

/// The lines of a plan's progress.
pub fn rows(p: &PlanProgress, l: Lang) -> Vec<PlanRow> {
    let mut out: Vec<PlanRow> = p
        .items
        .iter()
        .map(|x| PlanRow {
            key: crate::domain::keys::key(&x.item),
            label: item_text(x.item).get(l).to_string(),
            registered: format_int(i64::from(x.registered)),
            achieved: format_int(i64::from(x.achieved)),
            self_assessed: x
                .self_assessed
                .map(|n| format_int(i64::from(n)))
                .unwrap_or_else(|| "–".into()),
            progress: x
                .percent
                .map(|pct| progress_text(pct, l))
                .unwrap_or_default(),
        })
        .collect();
    if let Some(a) = &p.average {
        out.push(PlanRow {
            key: "average_criteria".into(),
            label: t::AVERAGE.get(l).to_string(),
            registered: format_decimal(a.target, 1),
            achieved: a
                .achieved
                .map(|v| format_decimal(v, 2))
                .unwrap_or_else(|| "–".into()),
            self_assessed: format!("{} {}", format_int(a.assessed as i64), t::ASSESSED.get(l)),
            progress: if a.met() { t::REACHED } else { t::NOT_YET }
                .get(l)
                .to_string(),
        });
    }
    if let Some(m) = &p.minimum {
        let mut progress = if m.met() { t::REACHED } else { t::NOT_YET }
            .get(l)
            .to_string();
        if m.without_data > 0 {
            progress.push_str(&format!(
                " · {} {}",
                format_int(m.without_data as i64),
                t::NO_DATA.get(l)
            ));
        }
        out.push(PlanRow {
            key: "min_criteria".into(),
            label: l.pick(
                format!("Không còn xã dưới {} tiêu chí", m.criteria),
                format!("No commune under {} criteria", m.criteria),
            ),
            registered: "0".into(),
            achieved: format!(
                "{} {} {} {}",
                format_int(m.under.len() as i64),
                t::UNDER.get(l),
                m.criteria,
                t::CRITERIA.get(l)
            ),
            self_assessed: m
                .under
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            progress,
        });
    }
    out
}

/// The head of the progress table.
pub fn head(l: Lang) -> Vec<String> {
    [
        t::TITLE,
        t::REGISTERED,
        t::ACHIEVED,
        t::SELF_ASSESSED,
        t::PROGRESS,
    ]
    .iter()
    .map(|x| x.get(l).to_string())
    .collect()
}

/// The scopes a plan can be for: provinces first, then communes by name (key, name).
pub fn scope_choices(ws: &Workspace) -> Vec<(String, String)> {
    ws.scopes().into_iter().map(|(s, n)| (s.key(), n)).collect()
}

/// The progress of the scope's plan for the year as of the year's latest period with data,
/// for a plan typed in the form (registered counts and targets as typed; what does not
/// parse counts as not planned).
pub fn form_rows(
    ws: &Workspace,
    plan: &Plan,
    products: &[Record<Product>],
    ratings: &[Record<Rating>],
    l: Lang,
) -> Vec<PlanRow> {
    let period = ws.latest_period_of_year(&plan.scope, plan.year);
    rows(&ws.plan_progress(plan, period, products, ratings), l)
}
