//! Values and targets of edits in words, for the import preview and the conflict list:
//! "Chỉ tiêu 3.x1 · 2025" with "82,5 (Báo cáo thủy lợi)". Text only: callers put these
//! strings into text nodes.

use serde_json::Value;

use crate::domain::assessment::{CriterionMark, Entry, IndicatorValue};
use crate::domain::criteria::CriteriaSet;
use crate::domain::format::{format_date, format_number_short};
use crate::domain::history::{EditTarget, RecordBody};
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::profile::Lang;
use crate::domain::recognition::{Recognition, Step};
use crate::domain::resources::{Quantity, ResourceEntry};
use crate::domain::units::Unit;

fn pick(lang: Lang, vi: &str, en: &str) -> String {
    lang.pick(vi, en).to_string()
}

/// "năm 2025" or "6 tháng đầu năm 2025" for a period key ("2025", "2025-H1").
fn period_text(period: &str, lang: Lang) -> String {
    match period.strip_suffix("-H1") {
        Some(y) => pick(
            lang,
            &format!("6 tháng đầu năm {y}"),
            &format!("first half of {y}"),
        ),
        None => pick(lang, &format!("năm {period}"), &format!("year {period}")),
    }
}

/// The period and set of an assessment id "commune:00001|QD318_2022_XA@1|2024-H1".
fn assessment_context(id: &str, lang: Lang) -> String {
    let mut parts = id.split('|');
    let (_, set, period) = (
        parts.next(),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    format!("{} · {set}", period_text(period, lang))
}

/// Finds the code people know for a criterion or indicator id of a set version
/// (`indicator`: an indicator, else a criterion): the id is what targets hold, and for
/// criteria added on a device it is not a number anyone knows. Asked with an empty id, it
/// gives the set's label ("Bộ tiêu chí thôn (THON_X) · phiên bản 2") instead of its ids.
pub type CodeLookup<'a> = &'a dyn Fn(&crate::domain::criteria::SetId, &str, bool) -> Option<String>;

/// [`target_text`] with criterion and indicator codes, and the set, named by `codes`.
pub fn target_text_in(target: &EditTarget, lang: Lang, codes: CodeLookup<'_>) -> String {
    let (assessment, item, indicator) = match target {
        EditTarget::Mark {
            assessment,
            criterion,
        } => (assessment, criterion, false),
        EditTarget::Value {
            assessment,
            indicator,
        } => (assessment, indicator, true),
        other => return target_text(other, lang),
    };
    let mut parts = assessment.split('|');
    let (_, set, period) = (
        parts.next(),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let set_id = set.parse::<crate::domain::criteria::SetId>().ok();
    let code = set_id
        .as_ref()
        .and_then(|s| codes(s, item, indicator))
        .unwrap_or_else(|| item.clone());
    let set_name = set_id
        .as_ref()
        .and_then(|s| codes(s, "", false))
        .unwrap_or_else(|| set.to_string());
    let what = if indicator {
        pick(lang, "Chỉ tiêu", "Indicator")
    } else {
        pick(lang, "Tiêu chí", "Criterion")
    };
    format!("{what} {code} · {} · {set_name}", period_text(period, lang))
}

/// What an edit changed, in words.
pub fn target_text(target: &EditTarget, lang: Lang) -> String {
    match target {
        EditTarget::Mark {
            assessment,
            criterion,
        } => format!(
            "{} {criterion} · {}",
            pick(lang, "Tiêu chí", "Criterion"),
            assessment_context(assessment, lang)
        ),
        EditTarget::Value {
            assessment,
            indicator,
        } => format!(
            "{} {indicator} · {}",
            pick(lang, "Chỉ tiêu", "Indicator"),
            assessment_context(assessment, lang)
        ),
        EditTarget::Unit { .. } => pick(lang, "Đơn vị", "Unit"),
        EditTarget::OcopProduct { .. } => pick(lang, "Sản phẩm OCOP", "OCOP product"),
        EditTarget::OcopRating { .. } => pick(lang, "Kết quả đánh giá OCOP", "OCOP rating"),
        EditTarget::Plan { .. } => pick(lang, "Kế hoạch", "Plan"),
        EditTarget::CriteriaSet { id } => {
            format!("{} {id}", pick(lang, "Bộ tiêu chí", "Criteria set"))
        }
        EditTarget::Recognition { .. } => pick(lang, "Công nhận đạt chuẩn", "Recognition"),
        EditTarget::Quantity { .. } => pick(lang, "Đại lượng kết quả", "Result quantity"),
        EditTarget::Resource { .. } => pick(lang, "Kết quả nguồn lực", "Resource figure"),
    }
}

/// A mark, value or record (as history keeps it) in words.
pub fn value_text(target: &EditTarget, value: &Value, lang: Lang) -> String {
    let with_note = |main: String, note: &str| {
        if note.is_empty() {
            main
        } else {
            format!("{main} ({note})")
        }
    };
    let archived = |text: String, archived: bool| {
        if archived {
            format!("{text} — {}", pick(lang, "đã lưu trữ", "archived"))
        } else {
            text
        }
    };
    let fallback = || value.to_string();
    match target {
        EditTarget::Mark { .. } => {
            match serde_json::from_value::<Entry<CriterionMark>>(value.clone()) {
                Ok(e) => {
                    let main = match e.value {
                        Some(CriterionMark::Met) => pick(lang, "Đạt", "Met"),
                        Some(CriterionMark::NotMet) => pick(lang, "Chưa đạt", "Not met"),
                        Some(CriterionMark::NotApplicable) => {
                            pick(lang, "Không áp dụng", "Not applicable")
                        }
                        None => pick(lang, "(đã xoá)", "(cleared)"),
                    };
                    with_note(main, &e.note)
                }
                Err(_) => fallback(),
            }
        }
        EditTarget::Value { .. } => {
            match serde_json::from_value::<Entry<IndicatorValue>>(value.clone()) {
                Ok(e) => {
                    let main = match e.value {
                        Some(IndicatorValue::Number(n)) => format_number_short(n, 2),
                        Some(IndicatorValue::YesNo(true)) => pick(lang, "Có / đạt", "Yes / met"),
                        Some(IndicatorValue::YesNo(false)) => {
                            pick(lang, "Không / chưa đạt", "No / not met")
                        }
                        Some(IndicatorValue::Text(t)) => t,
                        None => pick(lang, "(đã xoá)", "(cleared)"),
                    };
                    with_note(main, &e.note)
                }
                Err(_) => fallback(),
            }
        }
        EditTarget::Unit { .. } => {
            match serde_json::from_value::<RecordBody<Unit>>(value.clone()) {
                Ok(b) => archived(b.data.name().to_string(), b.archived),
                Err(_) => fallback(),
            }
        }
        EditTarget::OcopProduct { .. } => {
            match serde_json::from_value::<RecordBody<Product>>(value.clone()) {
                Ok(b) => archived(format!("{} — {}", b.data.name, b.data.producer), b.archived),
                Err(_) => fallback(),
            }
        }
        EditTarget::OcopRating { .. } => {
            match serde_json::from_value::<RecordBody<Rating>>(value.clone()) {
                Ok(b) => archived(
                    format!(
                        "{} {} · {}★ · {}",
                        format_number_short(b.data.total(), 2),
                        pick(lang, "điểm", "points"),
                        b.data.stars(),
                        format_date(b.data.issue_date)
                    ),
                    b.archived,
                ),
                Err(_) => fallback(),
            }
        }
        EditTarget::Plan { .. } => {
            match serde_json::from_value::<RecordBody<Plan>>(value.clone()) {
                Ok(b) => archived(
                    format!(
                        "{} {} · {} {}",
                        pick(lang, "Năm", "Year"),
                        b.data.year,
                        b.data.targets.len(),
                        pick(lang, "mục", "items")
                    ),
                    b.archived,
                ),
                Err(_) => fallback(),
            }
        }
        EditTarget::Recognition { .. } => {
            match serde_json::from_value::<RecordBody<Recognition>>(value.clone()) {
                Ok(b) => archived(recognition_text(&b.data, lang), b.archived),
                Err(_) => fallback(),
            }
        }
        EditTarget::Quantity { .. } => {
            match serde_json::from_value::<RecordBody<Quantity>>(value.clone()) {
                Ok(b) => archived(format!("{} ({})", b.data.name, b.data.unit), b.archived),
                Err(_) => fallback(),
            }
        }
        EditTarget::Resource { .. } => {
            match serde_json::from_value::<RecordBody<ResourceEntry>>(value.clone()) {
                Ok(b) => archived(
                    with_note(
                        format!(
                            "{} · {}",
                            format_number_short(b.data.value, 3),
                            period_text(&b.data.period.to_string(), lang)
                        ),
                        &b.data.note,
                    ),
                    b.archived,
                ),
                Err(_) => fallback(),
            }
        }
        EditTarget::CriteriaSet { .. } => {
            match serde_json::from_value::<RecordBody<CriteriaSet>>(value.clone()) {
                Ok(b) => archived(
                    format!(
                        "{} ({} {})",
                        b.data.title,
                        b.data.criteria.len(),
                        pick(lang, "tiêu chí", "criteria")
                    ),
                    b.archived,
                ),
                Err(_) => fallback(),
            }
        }
    }
}

/// A recognition step in words: "Công nhận Xã nông thôn mới · QĐ 12/QĐ-UBND · 20/12/2020".
pub fn recognition_text(r: &Recognition, lang: Lang) -> String {
    let step = match r.step {
        Step::Registered => pick(lang, "Đăng ký", "Registered for"),
        Step::Appraised => pick(lang, "Thẩm định", "Appraised for"),
        Step::Recognised => pick(lang, "Công nhận", "Recognised as"),
        Step::Withdrawn => pick(lang, "Thu hồi công nhận", "Recognition withdrawn:"),
    };
    let mut parts = vec![format!("{step} {}", r.level.name_vi())];
    if let Some(y) = r.target_year {
        parts.push(format!("{} {y}", pick(lang, "năm", "year")));
    }
    if !r.decision_no.is_empty() {
        parts.push(r.decision_no.clone());
    }
    parts.push(format_date(r.date));
    if !r.issuer.is_empty() {
        parts.push(r.issuer.clone());
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_and_targets_read_as_words() {
        let t = EditTarget::Value {
            assessment: "commune:00001|QD318_2022_XA@1|2024-H1".into(),
            indicator: "3.x1".into(),
        };
        assert_eq!(
            target_text(&t, Lang::Vi),
            "Chỉ tiêu 3.x1 · 6 tháng đầu năm 2024 · QD318_2022_XA@1"
        );
        assert_eq!(
            value_text(
                &t,
                &json!({"value": {"type": "number", "value": 82.5}, "note": "BC"}),
                Lang::Vi
            ),
            "82,5 (BC)"
        );
        assert_eq!(
            value_text(&t, &json!({"value": null}), Lang::En),
            "(cleared)"
        );
        let m = EditTarget::Mark {
            assessment: "commune:00001|X@1|2025".into(),
            criterion: "17".into(),
        };
        assert_eq!(target_text(&m, Lang::En), "Criterion 17 · year 2025 · X@1");
        assert_eq!(
            value_text(&m, &json!({"value": "not_met"}), Lang::Vi),
            "Chưa đạt"
        );
        // Unreadable values are shown as their JSON text, never dropped.
        assert_eq!(value_text(&m, &json!(5), Lang::Vi), "5");
    }
}
