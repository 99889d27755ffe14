//! The "Đồng bộ" page in words (issue 17): a sync's report and progress, why it stopped
//! (in plain Vietnamese: no signal, wrong password, refused by the server's rules), and
//! which records the server refused, by commune.

use super::text::Text;
use super::Locale;
use crate::app::sync::{SyncError, SyncProgress, SyncReport};
use crate::domain::format::format_int;
use crate::domain::profile::Lang;
use crate::domain::units::UnitRef;
use crate::domain::workspace::Workspace;

pub mod t {
    use super::Text;
    pub const TITLE: Text = Text::new("Đồng bộ với máy chủ", "Sync with a server");
    pub const INTRO: Text = Text::new(
        "Khi có máy chủ của tỉnh, máy này gửi và nhận dữ liệu qua máy chủ mỗi khi có mạng, thay cho gửi tệp. Không có gì rời khỏi máy cho đến khi bạn nhập địa chỉ máy chủ.",
        "With a province server, this device sends and receives data through it whenever it is online, instead of files. Nothing leaves the device until you enter a server address.",
    );
    pub const SERVER: Text = Text::new("Địa chỉ cơ sở dữ liệu", "Database address");
    pub const SERVER_HINT: Text = Text::new(
        "Do tỉnh cung cấp, ví dụ https://ntm.tinh.gov.vn/db/ntm-38",
        "Given by the province, e.g. https://ntm.tinh.gov.vn/db/ntm-38",
    );
    pub const SERVER_BAD: Text = Text::new(
        "Địa chỉ không hợp lệ: cần bắt đầu bằng https:// (hoặc /db/…).",
        "Not a valid address: it must start with https:// (or /db/…).",
    );
    pub const SAVE_SERVER: Text = Text::new("Lưu địa chỉ", "Save address");
    pub const FORGET_SERVER: Text = Text::new("Ngừng đồng bộ", "Stop syncing");
    pub const USER: Text = Text::new("Tên đăng nhập", "User name");
    pub const PASSWORD: Text = Text::new("Mật khẩu", "Password");
    pub const SIGN_IN: Text = Text::new("Đăng nhập", "Sign in");
    pub const SIGN_OUT: Text = Text::new("Đăng xuất", "Sign out");
    pub const SIGNED_IN_AS: Text = Text::new("Đã đăng nhập:", "Signed in as:");
    pub const NOT_SIGNED_IN: Text = Text::new(
        "Chưa đăng nhập. Mật khẩu chỉ gửi tới máy chủ, không lưu trên máy.",
        "Not signed in. The password goes to the server only; it is not kept on the device.",
    );
    pub const SESSION_UNKNOWN: Text = Text::new(
        "Chưa kiểm tra được đăng nhập (không có mạng).",
        "Sign-in not checked yet (no signal).",
    );
    pub const SYNC_NOW: Text = Text::new("Đồng bộ ngay", "Sync now");
    pub const SYNCING: Text = Text::new("Đang đồng bộ…", "Syncing…");
    pub const NEVER: Text = Text::new("Chưa đồng bộ lần nào.", "Never synced.");
    pub const LAST: Text = Text::new("Lần đồng bộ gần nhất", "Last sync");
    pub const SENT: Text = Text::new("Đã gửi", "Sent");
    pub const RECEIVED: Text = Text::new("Đã nhận", "Received");
    pub const WAITING: Text = Text::new("Chờ gửi", "Waiting to send");
    pub const MERGED: Text = Text::new(
        "Những gì nhận về đã được gộp như khi nhập tệp:",
        "What was received was merged as an imported file is:",
    );
    pub const RECORDS: Text = Text::new("bản ghi", "records");
    pub const COMPLETE: Text = Text::new("Đã xong.", "Complete.");
    pub const REFUSED: Text = Text::new(
        "Máy chủ từ chối các bản ghi sau (theo quy định quyền ghi). Chúng vẫn nằm trên máy này:",
        "The server refused these records (its write rules). They stay on this device:",
    );
    pub const REJECTED: Text = Text::new(
        "Máy này không nhận các bản ghi sau từ máy chủ (không đúng định dạng, hoặc ghi sai đơn vị). Dữ liệu trên máy không bị thay đổi; lần đồng bộ sau sẽ bỏ qua chúng. Hãy báo cho quản trị máy chủ:",
        "This device did not take in these records from the server (not of the format, or naming the wrong unit). Nothing on the device was changed; the next sync passes them. Tell the server's administrator:",
    );
    pub const SEE_CONFLICTS: Text = Text::new(
        "Xem và chọn giá trị ở các xung đột",
        "Review the conflicts and choose values",
    );
    pub const UNKNOWN_UNIT: Text = Text::new("Không rõ đơn vị", "Unknown unit");
    pub const VILLAGE: Text = Text::new("Thôn", "Village");
    pub const COMMUNE: Text = Text::new("Xã", "Commune");
    pub const PROVINCE_LEVEL: Text = Text::new("Dữ liệu cấp tỉnh", "Province-level data");
    pub const SENDING: Text = Text::new("Đang gửi", "Sending");
    pub const RECEIVING: Text = Text::new("Đang nhận", "Receiving");
    pub const OFFLINE: Text = Text::new(
        "Không có mạng hoặc máy chủ không trả lời. Dữ liệu vẫn an toàn trên máy; sẽ đồng bộ khi có mạng.",
        "No signal, or the server does not answer. The data is safe on this device; it will sync when online.",
    );
    pub const UNAUTHORIZED: Text = Text::new(
        "Chưa đăng nhập hoặc phiên đã hết hạn: hãy đăng nhập lại.",
        "Not signed in, or the session ended: sign in again.",
    );
    pub const WRONG_PASSWORD: Text = Text::new(
        "Sai tên đăng nhập hoặc mật khẩu.",
        "Wrong user name or password.",
    );
    pub const FORBIDDEN: Text = Text::new(
        "Máy chủ không cho tài khoản này dùng cơ sở dữ liệu này:",
        "The server does not let this account use this database:",
    );
    pub const NOT_FOUND: Text = Text::new(
        "Không có cơ sở dữ liệu ở địa chỉ này: hãy kiểm tra lại địa chỉ.",
        "No database at this address: check the address.",
    );
    pub const SERVER_ERROR: Text = Text::new("Máy chủ báo lỗi", "The server reported an error");
    pub const BAD_ANSWER: Text = Text::new(
        "Máy chủ trả lời không đúng giao thức CouchDB (địa chỉ có đúng không?):",
        "The server's answer is not CouchDB's protocol (is the address right?):",
    );
    pub const STORE_ERROR: Text = Text::new(
        "Lỗi cơ sở dữ liệu trên máy; những gì đã nhận trước đó vẫn được giữ:",
        "The device's database failed; what was received before is kept:",
    );
    pub const STOPPED: Text = Text::new(
        "Đồng bộ dừng giữa chừng; phần đã xong được giữ, lần sau sẽ tiếp tục:",
        "The sync stopped part way; what was done is kept, the next sync continues:",
    );
    pub const FUTURE_3: Text = Text::new(
        "hãy nhờ người đó chỉnh lại ngày giờ trên máy; máy đó sẽ gửi lại ở lần đồng bộ sau.",
        "ask them to set its date and time right; that phone sends them again at its next sync.",
    );
    pub const FUTURE_4: Text = Text::new(
        "giá trị ghi ngày đó chưa được nhận (để không thắng các thay đổi đúng giờ).",
        "values with that date were not taken in (so they cannot win over changes made at the right time).",
    );
    pub const ROLES: Text = Text::new(
        "Vai trò cho tài khoản trên máy chủ",
        "Roles for accounts on the server",
    );
    pub const ROLES_HINT: Text = Text::new(
        "Gửi cho người quản trị máy chủ khi xin tài khoản: mỗi tài khoản chỉ được ghi dữ liệu của đơn vị ghi bên cạnh vai trò.",
        "Give these to the server's administrator when asking for accounts: each account may write only the data of the unit beside its role.",
    );
    pub const ROLE_PROVINCE: Text = Text::new("Cán bộ tỉnh", "Province official");
    pub const ROLE_COMMUNE: Text = Text::new("Cán bộ xã", "Commune official");
    pub const ROLE_VILLAGE: Text = Text::new("Trưởng thôn", "Village head");
}

/// Why a sync (or a sign-in) stopped, in words.
pub fn error_text(e: &SyncError, lang: Lang) -> String {
    match e {
        SyncError::Offline => t::OFFLINE.get(lang).to_string(),
        SyncError::Unauthorized => t::UNAUTHORIZED.get(lang).to_string(),
        SyncError::Forbidden(reason) => format!("{} {reason}", t::FORBIDDEN.get(lang)),
        SyncError::NotFound => t::NOT_FOUND.get(lang).to_string(),
        SyncError::Server { status, reason } => {
            format!("{} (HTTP {status}): {reason}", t::SERVER_ERROR.get(lang))
        }
        SyncError::BadAnswer(what) => format!("{} {what}", t::BAD_ANSWER.get(lang)),
        SyncError::Store(e) => format!("{} {e}", t::STORE_ERROR.get(lang)),
    }
}

/// A sign-in's failure in words: a 401 there means a wrong name or password.
pub fn sign_in_error(e: &SyncError, lang: Lang) -> String {
    match e {
        SyncError::Unauthorized => t::WRONG_PASSWORD.get(lang).to_string(),
        other => error_text(other, lang),
    }
}

/// A record the server refused, as the page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct RefusedLine {
    /// "Xã Phú Lộc" (or "Dữ liệu cấp tỉnh").
    pub unit: String,
    /// The server's reason, as its rules wrote it.
    pub reason: String,
    /// The record's id, for the province's technician.
    pub id: String,
}

/// The last sync's report as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportModel {
    /// "01/12/2026 14:05".
    pub when: String,
    pub sent: String,
    pub received: String,
    pub waiting: String,
    /// What merging what came in did: (label, number, key) rows, as an import's.
    pub merged: Vec<(&'static str, String, &'static str)>,
    /// `None` when it ran to the end.
    pub stopped: Option<String>,
    pub refused: Vec<RefusedLine>,
    /// Records pulled and not taken in (not of the format, or naming the wrong unit).
    pub rejected: Vec<RefusedLine>,
    /// Whether the sync brought conflicts (the page links to them).
    pub conflicts: bool,
    /// Values not taken in from a phone whose clock is ahead, by phone.
    pub future: Vec<super::exchange::FutureNotice>,
}

/// "12 bản ghi".
pub fn records(n: usize, lang: Lang) -> String {
    format!("{} {}", format_int(n as i64), t::RECORDS.get(lang))
}

pub fn report(r: &SyncReport, ws: Option<&Workspace>, locale: Locale) -> ReportModel {
    let lang = locale.lang;
    let records = |n: usize| records(n, lang);
    // A unit by its name when known ("Xã Thiệu Tiến" says what it is), else its code.
    let unit_name = |key: &str| {
        ws.and_then(|w| w.unit_name(key))
            .map(str::to_string)
            .unwrap_or_else(|| match UnitRef::from_key(key) {
                Some(UnitRef::Commune(c)) => format!("{} {c}", t::COMMUNE.get(lang)),
                Some(UnitRef::Village(v)) => format!("{} {v}", t::VILLAGE.get(lang)),
                Some(UnitRef::Province(_) | UnitRef::District(_)) | None => {
                    t::PROVINCE_LEVEL.get(lang).to_string()
                }
            })
    };
    let refused = r
        .refused
        .iter()
        .map(|x| RefusedLine {
            unit: match &x.commune {
                Some(code) => unit_name(&UnitRef::Commune(code.clone()).key()),
                None => t::PROVINCE_LEVEL.get(lang).to_string(),
            },
            reason: x.reason.clone(),
            id: x.id.clone(),
        })
        .collect();
    let rejected = r
        .rejected
        .iter()
        .map(|x| RefusedLine {
            unit: match &x.unit {
                Some(key) => unit_name(key),
                None => t::UNKNOWN_UNIT.get(lang).to_string(),
            },
            reason: x.reason.clone(),
            id: x.id.clone(),
        })
        .collect();
    ReportModel {
        when: locale.date_time(r.at_ms as u64),
        sent: records(r.sent),
        received: records(r.received),
        waiting: records(r.waiting),
        merged: super::exchange::counts_rows(&r.merged, lang),
        stopped: r
            .stopped
            .as_ref()
            .map(|e| format!("{} {}", t::STOPPED.get(lang), error_text(e, lang))),
        refused,
        rejected,
        conflicts: r.merged.conflicts > 0,
        future: super::exchange::future_notices(&r.future),
    }
}

/// How far a sync is, in words: "Đang nhận: 1.500 bản ghi", "Đang gửi: 500 / 2.000".
pub fn progress(p: &SyncProgress, lang: Lang) -> String {
    match p {
        SyncProgress::Receiving { done } => format!(
            "{}: {} {}",
            t::RECEIVING.get(lang),
            format_int(*done as i64),
            t::RECORDS.get(lang)
        ),
        SyncProgress::Sending { done, total } => format!(
            "{}: {} / {} {}",
            t::SENDING.get(lang),
            format_int(*done as i64),
            format_int(*total as i64),
            t::RECORDS.get(lang)
        ),
    }
}

/// One account role to give the server's administrator: who it is for and the role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleLine {
    pub who: String,
    pub role: String,
}

/// The roles of the server's write rules (docs/couchdb/validate_doc_update.js) for the
/// units this device looks after: a province official's own; a commune official's and
/// each live village head's of the home commune (a village is named by its id, which no
/// one could type: the admin copies it from here).
pub fn account_roles(ws: &Workspace, home: Option<&UnitRef>, lang: Lang) -> Vec<RoleLine> {
    let line = |who: Text, name: &str, role: String| RoleLine {
        who: format!("{} · {name}", who.get(lang)),
        role,
    };
    let commune = match home {
        Some(UnitRef::Province(p)) => {
            let name = ws
                .unit_name(&UnitRef::Province(p.clone()).key())
                .unwrap_or(p);
            return vec![line(
                t::ROLE_PROVINCE,
                name,
                format!("province-official:{p}"),
            )];
        }
        Some(UnitRef::Commune(c)) => c.clone(),
        Some(r @ UnitRef::Village(_)) => match ws.unit(r).map(|u| &u.data) {
            Some(crate::domain::units::Unit::Village(v)) => v.commune_code.clone(),
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    let commune_ref = UnitRef::Commune(commune.clone());
    let name = ws.unit_name(&commune_ref.key()).unwrap_or(&commune);
    let mut lines = vec![line(t::ROLE_COMMUNE, name, format!("commune:{commune}"))];
    let mut villages: Vec<_> = ws
        .children(&commune_ref, false)
        .into_iter()
        .filter_map(|u| match &u.data {
            crate::domain::units::Unit::Village(v) if v.merged_into.is_none() => Some(v),
            _ => None,
        })
        .collect();
    villages.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    lines.extend(villages.into_iter().map(|v| {
        line(
            t::ROLE_VILLAGE,
            &v.name,
            format!("village:{commune}/{}", v.id),
        )
    }));
    lines
}
