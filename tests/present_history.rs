//! A value's history in words (`present::history`): newest first, old → new as the user
//! typed or chose it, notes kept, in both languages and the device's time zone.

use ntm::domain::history::{EditTarget, HistoryEntry};
use ntm::domain::profile::Lang;
use ntm::present::history::rows;
use ntm::present::Locale;
use ntm::store::StoredHistory;
use serde_json::json;

mod common;
use common::stamp_at;

fn entry(
    key: u32,
    wall_ms: u64,
    old: Option<serde_json::Value>,
    new: Option<serde_json::Value>,
) -> StoredHistory {
    let target = EditTarget::Value {
        assessment: "commune:00070|QD318_2022_XA@1|2025".into(),
        indicator: "3.1".into(),
    };
    StoredHistory {
        key,
        entry: HistoryEntry::new(target, old, new, stamp_at(wall_ms)),
    }
}

#[test]
fn history_lines_are_newest_first_in_the_users_words() {
    // 30/11/2026 01:00 UTC and an hour later.
    let t0 = 1_796_000_400_000;
    let list = vec![
        entry(
            1,
            t0,
            None,
            Some(json!({"value": {"type": "number", "value": 72.5}, "note": ""})),
        ),
        entry(
            2,
            t0 + 3_600_000,
            Some(json!({"value": {"type": "number", "value": 72.5}, "note": ""})),
            Some(json!({"value": {"type": "number", "value": 80}, "note": "theo biên bản"})),
        ),
        entry(
            3,
            t0 + 7_200_000,
            None,
            Some(json!({"value": "not_met", "note": ""})),
        ),
    ];
    let vi = rows(&list, Locale::new(Lang::Vi, 420));
    assert_eq!(vi.iter().map(|r| r.key).collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(vi[2].change, "(trống) → 72,5");
    assert_eq!(vi[1].change, "72,5 → 80 (theo biên bản)");
    assert_eq!(vi[0].change, "(trống) → Chưa đạt");
    assert_eq!(vi[2].when, "30/11/2026 08:00");
    assert_eq!(vi[2].author, "a");
    let en = rows(&list, Locale::new(Lang::En, 0));
    assert_eq!(en[0].change, "(empty) → Not met");
    assert_eq!(en[2].when, "30/11/2026 01:00");
}
