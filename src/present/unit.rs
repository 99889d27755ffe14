//! A unit's page (its assessment, criteria and indicators) in words: the criteria in the
//! set's groups, and the criteria still to reach.

use crate::domain::criteria::{CriteriaSet, Criterion};
use crate::domain::evaluation::AssessmentResult;
use crate::domain::profile::Lang;

/// The set's criteria under their group titles ("I. Quy hoạch"), in the set's order, then
/// those without a known group under "Tiêu chí khác" — every
/// criterion exactly once.
pub fn sections(set: &CriteriaSet, lang: Lang) -> Vec<(String, Vec<Criterion>)> {
    let mut out: Vec<(String, Vec<Criterion>)> = set
        .groups
        .iter()
        .map(|g| {
            (
                format!("{}. {}", g.id, g.name),
                set.criteria
                    .iter()
                    .filter(|c| c.group.as_deref() == Some(g.id.as_str()))
                    .cloned()
                    .collect(),
            )
        })
        .collect();
    let ungrouped: Vec<Criterion> = set
        .criteria
        .iter()
        .filter(|c| {
            c.group
                .as_ref()
                .is_none_or(|g| !set.groups.iter().any(|x| &x.id == g))
        })
        .cloned()
        .collect();
    if !ungrouped.is_empty() {
        out.push((t::OTHER_CRITERIA.get(lang).to_string(), ungrouped));
    }
    out
}

/// The criteria not reached yet (code, name), in the set's order.
pub fn gaps(set: &CriteriaSet, result: &AssessmentResult) -> Vec<(String, String)> {
    result
        .gaps()
        .iter()
        .filter_map(|code| {
            set.criterion_by_code(code)
                .map(|c| (c.code.clone(), c.name.clone()))
        })
        .collect()
}

pub mod t {
    use crate::present::text::Text;
    pub const OTHER_VALUE: Text = Text::new("Có giá trị khác", "Has another value");
    pub const OTHER_VALUE_HINT: Text = Text::new(
        "Một người khác đã ghi giá trị khác cho tiêu chí này cùng lúc. Xem và chọn ở trang Trao đổi.",
        "Someone else recorded another value for this criterion at the same time. Review and choose on the Exchange page.",
    );
    pub const NOT_FOUND: Text = Text::new("Không tìm thấy đơn vị này.", "Unit not found.");
    pub const SET: Text = Text::new("Bộ tiêu chí", "Criteria set");
    pub const YEAR: Text = Text::new("Năm", "Year");
    pub const PART: Text = Text::new("Kỳ", "Period");
    pub const FULL_YEAR: Text = Text::new("Cả năm", "Whole year");
    pub const FIRST_HALF: Text = Text::new("6 tháng đầu năm", "First half");
    pub const REGION: Text = Text::new("Vùng (ngưỡng 2016–2025)", "Region (2016–2025 thresholds)");
    pub const GROUP: Text = Text::new(
        "Nhóm xã (ngưỡng 2026–2030)",
        "Commune group (2026–2030 thresholds)",
    );
    pub const NOT_SET: Text = Text::new("— Chưa khai báo —", "— Not set —");
    pub const MET_OF: Text = Text::new("tiêu chí đạt", "criteria met");
    pub const MEETS: Text = Text::new("Đạt chuẩn theo bộ tiêu chí này", "Meets this criteria set");
    pub const COPY_PREV: Text = Text::new("Sao chép từ kỳ trước", "Copy from the previous period");
    pub const NO_CRITERIA: Text = Text::new(
        "Bộ tiêu chí này chưa có tiêu chí nào, nên chưa đánh giá được. Hãy nhận bộ tiêu chí của tỉnh hoặc xã (Trao đổi → Nhập tệp), hoặc sao chép bộ này ở trang Bộ tiêu chí để nhập các tiêu chí theo quyết định của tỉnh.",
        "This set has no criteria yet, so nothing can be assessed. Receive your province's or commune's set (Exchange → Import a file), or copy this one on the Criteria sets page and enter the criteria of the province's decision.",
    );
    pub const CUSTOM: Text = Text::new("bản riêng", "custom");
    pub const CRITERION_WORD: Text = Text::new("Tiêu chí", "Criterion");
    pub const INDICATOR_WORD: Text = Text::new("Chỉ tiêu", "Indicator");
    pub const EMPTY_VALUE: Text = Text::new("(trống)", "(empty)");
    pub const PARALLEL: Text = Text::new("có phiên bản song song", "has parallel versions");
    pub const MERGED: Text = Text::new("Thôn này đã được gộp vào", "This village was merged into");
    pub const MERGED_HINT: Text = Text::new(
        "Số liệu của thôn được tính cho thôn đó.",
        "Its values count for that village.",
    );
    pub const MARK_MET: Text = Text::new("Đạt", "Met");
    pub const MARK_NOT_MET: Text = Text::new("Chưa đạt", "Not met");
    pub const MARK_NA: Text = Text::new("Không áp dụng", "Not applicable");
    pub const MARK_CLEAR: Text = Text::new("Theo chỉ tiêu", "From indicators");
    pub const UNKNOWN: Text = Text::new("Chưa rõ", "Unknown");
    pub const DIRECT: Text = Text::new("Đánh giá trực tiếp", "Marked directly");
    pub const DERIVED: Text = Text::new("Tính từ các chỉ tiêu", "Derived from indicators");
    pub const AUTO: Text = Text::new(
        "Theo kết quả NTM nâng cao cùng kỳ",
        "Follows the nâng cao result of the same period",
    );
    pub const VALUE: Text = Text::new("Giá trị", "Value");
    pub const ACHIEVED: Text = Text::new("Đạt", "Achieved");
    pub const NOTE: Text = Text::new("Ghi chú, minh chứng", "Note, evidence");
    pub const THRESHOLD: Text = Text::new("Ngưỡng áp dụng", "Threshold that applies");
    pub const NO_THRESHOLD: Text = Text::new("Chưa có ngưỡng", "No threshold");
    pub const VERIFIED: Text = Text::new("đã xác minh", "verified");
    pub const UNVERIFIED: Text = Text::new("chưa xác minh", "not verified");
    pub const SOURCE: Text = Text::new("Nguồn", "Source");
    pub const GAPS: Text = Text::new("Còn thiếu", "Still to do");
    pub const NO_GAPS: Text = Text::new(
        "Không còn tiêu chí nào chưa đạt.",
        "No criteria left to meet.",
    );
    pub const BAD_NUMBER: Text = Text::new(
        "Giá trị phải là số, ví dụ 72,5.",
        "The value must be a number, e.g. 72,5.",
    );
    pub const OTHER_CRITERIA: Text = Text::new("Tiêu chí", "Criteria");
}

/// The criteria of `set` whose mark, or one of whose indicator values, has an open
/// conflict in `a` (from the history of its values): each is marked "có giá trị khác".
pub fn criteria_with_other_values(
    set: &crate::domain::criteria::CriteriaSet,
    a: &crate::domain::assessment::Assessment,
    history: &[crate::domain::history::HistoryEntry],
) -> std::collections::BTreeSet<String> {
    let items = crate::domain::merge::conflicted_items(a, history);
    set.criteria
        .iter()
        .filter(|c| items.contains(&c.id) || c.indicators.iter().any(|i| items.contains(&i.id)))
        .map(|c| c.id.clone())
        .collect()
}
