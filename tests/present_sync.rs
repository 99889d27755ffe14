//! The "Đồng bộ" page's words (`present::sync`): every way a sync stops in plain
//! Vietnamese (and English), a refused record named by its commune, progress.

mod common;

use ntm::app::sync::{DocRefusal, SyncError, SyncProgress, SyncReport};
use ntm::domain::merge::Counts;
use ntm::domain::profile::Lang;
use ntm::present::sync::{error_text, progress, report, sign_in_error};
use ntm::present::Locale;
use ntm::store::StoreError;

const VI: Locale = Locale {
    lang: Lang::Vi,
    utc_offset_minutes: 420,
};

#[test]
fn every_stop_is_said_in_plain_words_in_both_languages() {
    let all = [
        SyncError::Offline,
        SyncError::Unauthorized,
        SyncError::Forbidden("You are not a member".into()),
        SyncError::NotFound,
        SyncError::Server {
            status: 502,
            reason: "Bad Gateway".into(),
        },
        SyncError::BadAnswer("_changes: no results".into()),
        SyncError::Store(StoreError::QuotaExceeded),
    ];
    for e in &all {
        let vi = error_text(e, Lang::Vi);
        let en = error_text(e, Lang::En);
        assert!(!vi.is_empty() && !en.is_empty() && vi != en, "{e:?}");
    }
    assert!(error_text(&SyncError::Offline, Lang::Vi).starts_with("Không có mạng"));
    assert!(error_text(&SyncError::Unauthorized, Lang::Vi).contains("đăng nhập lại"));
    // At sign-in, a 401 is a wrong name or password, not an ended session.
    assert_eq!(
        sign_in_error(&SyncError::Unauthorized, Lang::Vi),
        "Sai tên đăng nhập hoặc mật khẩu."
    );
    assert!(error_text(&all[4], Lang::Vi).contains("HTTP 502"));
    assert!(error_text(&all[2], Lang::Vi).contains("You are not a member"));
}

#[test]
fn a_report_names_refused_records_by_commune_and_counts_in_vietnamese() {
    let ws = common::demo_workspace();
    let commune = ws
        .units
        .iter()
        .find(|u| u.id.starts_with("commune:"))
        .expect("a commune in the demo");
    let code = commune.id.trim_start_matches("commune:").to_string();
    let r = SyncReport {
        rejected: Vec::new(),
        built: 0,
        at_ms: 1_796_000_400_000.0,
        sent: 1_234,
        received: 5,
        merged: Counts {
            new: 3,
            updated: 2,
            ..Counts::default()
        },
        refused: vec![
            DocRefusal {
                id: format!("commune:{code}|X@1|2025#mark:1"),
                error: "forbidden".into(),
                reason: "Chỉ được ghi dữ liệu của xã mình.".into(),
                commune: Some(code.clone()),
            },
            DocRefusal {
                id: "quantity#q1".into(),
                error: "forbidden".into(),
                reason: "Chỉ cán bộ tỉnh được ghi dữ liệu cấp tỉnh.".into(),
                commune: None,
            },
            DocRefusal {
                id: "x".into(),
                error: "forbidden".into(),
                reason: "r".into(),
                commune: Some("00000".into()),
            },
        ],
        waiting: 3,
        stopped: Some(SyncError::Offline),
        future: vec![ntm::domain::merge::FutureStamps {
            device: "phone-a".into(),
            author: "Lò Văn Ánh".into(),
            latest_ms: 1_827_536_400_000,
            values: 1_200,
        }],
    };
    let m = report(&r, Some(&ws), VI);
    assert_eq!(m.when, "30/11/2026 08:00");
    assert_eq!(m.sent, "1.234 bản ghi");
    assert_eq!(m.waiting, "3 bản ghi");
    assert_eq!(m.refused[0].unit, commune.data.name());
    assert_eq!(m.refused[1].unit, "Dữ liệu cấp tỉnh");
    // A commune this device does not hold: its code.
    assert_eq!(m.refused[2].unit, "Xã 00000");
    assert_eq!(m.future.len(), 1);
    assert_eq!(
        (
            m.future[0].who.as_str(),
            m.future[0].date.as_str(),
            m.future[0].values.as_str()
        ),
        ("Lò Văn Ánh", "30/11/2027", "1.200")
    );
    let stopped = m.stopped.expect("stopped");
    assert!(stopped.contains("phần đã xong được giữ") && stopped.contains("Không có mạng"));
    let merged: Vec<(&str, &str)> = m.merged.iter().map(|(_, n, k)| (*k, n.as_str())).collect();
    assert!(merged.contains(&("new", "3")) && merged.contains(&("updated", "2")));
    assert_eq!(
        progress(
            &SyncProgress::Sending {
                done: 500,
                total: 2_000
            },
            Lang::Vi
        ),
        "Đang gửi: 500 / 2.000 bản ghi"
    );
    assert_eq!(
        progress(&SyncProgress::Receiving { done: 1_500 }, Lang::Vi),
        "Đang nhận: 1.500 bản ghi"
    );
}

#[test]
fn account_roles_are_the_home_commune_and_its_live_villages_or_the_province() {
    use ntm::domain::units::{Unit, UnitRef};
    use ntm::present::sync::account_roles;
    let ws = common::demo_workspace();
    let village = ws
        .units
        .iter()
        .find_map(|u| match &u.data {
            Unit::Village(v) if !u.archived && v.merged_into.is_none() => Some(v.clone()),
            _ => None,
        })
        .expect("a village in the demo");
    let code = village.commune_code.clone();
    // The oracle: the demo's live, unmerged villages of that commune, read directly.
    let mut expected: Vec<String> = ws
        .units
        .iter()
        .filter(|u| !u.archived)
        .filter_map(|u| match &u.data {
            Unit::Village(v) if v.commune_code == code && v.merged_into.is_none() => {
                Some(format!("village:{code}/{}", v.id))
            }
            _ => None,
        })
        .collect();
    expected.sort();
    for home in [
        UnitRef::Commune(code.clone()),
        UnitRef::Village(village.id.clone()),
    ] {
        let lines = account_roles(&ws, Some(&home), Lang::Vi);
        assert_eq!(lines[0].role, format!("commune:{code}"));
        assert!(lines[0].who.starts_with("Cán bộ xã · "), "{}", lines[0].who);
        let mut villages: Vec<String> = lines[1..].iter().map(|l| l.role.clone()).collect();
        villages.sort();
        assert_eq!(villages, expected);
        let own = lines
            .iter()
            .find(|l| l.role.ends_with(&format!("/{}", village.id)))
            .unwrap();
        assert_eq!(own.who, format!("Trưởng thôn · {}", village.name));
    }
    let province = ws.provinces()[0]
        .id
        .trim_start_matches("province:")
        .to_string();
    let lines = account_roles(&ws, Some(&UnitRef::Province(province.clone())), Lang::En);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].role, format!("province-official:{province}"));
    assert!(lines[0].who.starts_with("Province official · "));
    assert!(account_roles(&ws, None, Lang::Vi).is_empty());
}

/// A sync logs each page it merged as an import; the log shows one line per sync.
#[test]
fn the_import_log_shows_one_line_per_sync_with_its_pages_added_up() {
    use ntm::exchange::{ImportRecord, Sender};
    use ntm::present::import_log::log_rows;
    let entry = |at_ms: f64, file: &str, device: &str, hash: &str, new: usize| ImportRecord {
        at_ms,
        file_name: file.into(),
        sender: Sender {
            device: device.into(),
            name: if device == "couchdb" {
                file.into()
            } else {
                "Nguyễn Thị Hoa".into()
            },
            role: None,
            unit: None,
        },
        created_at: String::new(),
        hash: hash.into(),
        counts: Counts {
            new,
            updated: 1,
            ..Counts::default()
        },
        outside_taken: 0,
        outside_left: 0,
    };
    let t1 = 1_796_000_400_000.0;
    let t2 = t1 + 60_000.0;
    let log = vec![
        entry(t2, "/db/ntm-38", "couchdb", "", 5),
        entry(t2, "/db/ntm-38", "couchdb", "", 7),
        entry(
            t1 + 1.0,
            "ntm-15772.json",
            "d1",
            "sha256:abcdef0123456789",
            2,
        ),
        entry(t1, "/db/ntm-38", "couchdb", "", 1),
        entry(t1, "/db/ntm-38", "couchdb", "", 1),
        entry(t1, "/db/ntm-99", "couchdb", "", 3),
    ];
    let rows = log_rows(&log, VI);
    let lines: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r.file.as_str(), r.sender.as_str(), r.counts.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (
                "Đồng bộ với máy chủ",
                "/db/ntm-38",
                "Mới 12 · Cập nhật 2 · Xung đột 0"
            ),
            (
                "ntm-15772.json",
                "Nguyễn Thị Hoa",
                "Mới 2 · Cập nhật 1 · Xung đột 0"
            ),
            (
                "Đồng bộ với máy chủ",
                "/db/ntm-38",
                "Mới 2 · Cập nhật 2 · Xung đột 0"
            ),
            (
                "Đồng bộ với máy chủ",
                "/db/ntm-99",
                "Mới 3 · Cập nhật 1 · Xung đột 0"
            ),
        ]
    );
    assert_eq!(rows[1].hash, "sha256:abcdef01");
    assert_eq!(rows[0].hash, "");
}
