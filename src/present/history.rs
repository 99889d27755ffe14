//! The history of one value in words: who, when, old → new (with its note), newest first.

use super::Locale;
use crate::domain::format::format_number_short;
use crate::domain::profile::Lang;
use crate::store::StoredHistory;

pub mod t {
    use crate::present::text::Text;
    pub const HISTORY: Text = Text::new("Lịch sử", "History");
    pub const RESTORE: Text = Text::new("Khôi phục giá trị này", "Restore this value");
    pub const EMPTY_VALUE: Text = Text::new("(trống)", "(empty)");
    pub const NO_HISTORY: Text = Text::new("Chưa có thay đổi nào.", "No changes yet.");
    pub const MET: Text = Text::new("Đạt", "Met");
    pub const NOT_MET: Text = Text::new("Chưa đạt", "Not met");
    pub const NA: Text = Text::new("Không áp dụng", "Not applicable");
}

/// One line of a value's history, with the key "Khôi phục giá trị này" restores.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryRow {
    pub key: u32,
    pub when: String,
    pub author: String,
    /// "72,5 → 80 (theo biên bản)".
    pub change: String,
}

/// The lines of a value's history, newest first (`entries` as stored, oldest first).
pub fn rows(entries: &[StoredHistory], locale: Locale) -> Vec<HistoryRow> {
    entries
        .iter()
        .rev()
        .map(|h| HistoryRow {
            key: h.key,
            when: locale.date_time(h.entry.stamp.hlc.wall_ms),
            author: h.entry.stamp.author.clone(),
            change: format!(
                "{} → {}",
                describe(h.entry.old.as_ref(), locale.lang),
                describe(h.entry.new.as_ref(), locale.lang)
            ),
        })
        .collect()
}

/// A history value in words: "72,5", "Đạt", "(trống)"; with its note.
pub fn describe(v: Option<&serde_json::Value>, lang: Lang) -> String {
    let Some(v) = v else {
        return t::EMPTY_VALUE.get(lang).to_string();
    };
    let inner = &v["value"];
    let text = match (inner["type"].as_str(), inner.as_str()) {
        (Some("number"), _) => inner["value"]
            .as_f64()
            .map(|n| format_number_short(n, 4))
            .unwrap_or_default(),
        (Some("yes_no"), _) => if inner["value"].as_bool() == Some(true) {
            t::MET
        } else {
            t::NOT_MET
        }
        .get(lang)
        .to_string(),
        (Some("text"), _) => inner["value"].as_str().unwrap_or_default().to_string(),
        (None, Some("met")) => t::MET.get(lang).to_string(),
        (None, Some("not_met")) => t::NOT_MET.get(lang).to_string(),
        (None, Some("not_applicable")) => t::NA.get(lang).to_string(),
        _ => t::EMPTY_VALUE.get(lang).to_string(),
    };
    match v["note"].as_str() {
        Some(n) if !n.is_empty() => format!("{text} ({n})"),
        _ => text,
    }
}
