//! The exchange page in words: the import preview (counts, lines, the sender and date,
//! wrong clocks, possible duplicate villages), refusals, the import log, the open
//! conflicts, and the export form's scopes.

use std::collections::BTreeMap;

use super::text::Text;
use super::Locale;
use crate::app::import::Pending;
use crate::domain::criteria::{CriteriaSet, SetId};
use crate::domain::format::{date_of_ms, format_date, format_int};
use crate::domain::merge::{self, Conflict, Counts, ExportScope, Line, LineKind, RejectReason};
use crate::domain::profile::{Lang, Profile};
use crate::domain::sync::Stamp;
use crate::domain::text::{fold, fold_all, match_rank_folded};
use crate::domain::units::UnitRef;
use crate::domain::workspace::Workspace;
use crate::exchange::{describe, Refusal};

pub mod t {
    use crate::present::text::Text;
    pub const TITLE: Text = Text::new("Trao đổi dữ liệu", "Exchange data");
    pub const EXPORT: Text = Text::new("Xuất tệp", "Export a file");
    pub const EXPORT_HINT: Text = Text::new(
        "Tệp chứa dữ liệu đã chọn kèm lịch sử sửa đổi. Gửi qua Zalo, thư điện tử hoặc USB; người nhận nhập tệp vào máy của họ. Tệp cũng là bản sao lưu của bạn.",
        "The file holds the chosen data with its edit history. Send it by Zalo, e-mail or USB; the receiver imports it. It is also your backup.",
    );
    pub const SCOPE: Text = Text::new("Phạm vi", "Scope");
    pub const ALL: Text = Text::new("Tất cả dữ liệu trên máy", "Everything on this device");
    pub const SINCE: Text = Text::new(
        "Chỉ những thay đổi từ lần xuất trước",
        "Only changes since the last export",
    );
    pub const GZIP: Text = Text::new(
        "Nén tệp (.json.gz, nhỏ hơn)",
        "Compress (.json.gz, smaller)",
    );
    pub const DOWNLOAD: Text = Text::new("Tải tệp xuống", "Download the file");
    pub const SHARE: Text = Text::new("Chia sẻ (Zalo, thư…)", "Share (Zalo, e-mail…)");
    pub const EXPORTED: Text = Text::new("Đã xuất tệp", "Exported");
    pub const EXPORT_FAILED: Text =
        Text::new("Không xuất được tệp.", "The file could not be exported.");
    pub const IMPORT: Text = Text::new("Nhập tệp", "Import a file");
    pub const PICK: Text = Text::new(
        "Chọn tệp .json hoặc .json.gz — hoặc kéo thả tệp vào đây",
        "Choose a .json or .json.gz file — or drop it here",
    );
    pub const REFUSED: Text = Text::new("Không nhập tệp này", "This file was not imported");
    pub const NOTHING_STORED: Text = Text::new(
        "Không có gì được lưu; dữ liệu trên máy vẫn nguyên như cũ.",
        "Nothing was saved; the data on this device is unchanged.",
    );
    pub const PREVIEW: Text = Text::new("Xem trước khi nhập", "Preview before importing");
    pub const FROM: Text = Text::new("Người gửi", "Sender");
    pub const MADE: Text = Text::new("Tạo lúc", "Made at");
    pub const NEW: Text = Text::new("Mới", "New");
    pub const UPDATED: Text = Text::new("Cập nhật", "Updated");
    pub const UNCHANGED: Text = Text::new("Không đổi", "Unchanged");
    pub const OLDER: Text = Text::new("Cũ hơn (bỏ qua)", "Older (ignored)");
    pub const CONFLICTS: Text = Text::new("Xung đột", "Conflicts");
    pub const REJECTED: Text = Text::new("Bị từ chối", "Rejected");
    pub const NO_CHANGES: Text = Text::new(
        "Không có thay đổi: mọi dữ liệu trong tệp đã có trên máy.",
        "No changes: everything in the file is already on this device.",
    );
    pub const FILTER_UNIT: Text = Text::new("Lọc theo đơn vị", "Filter by unit");
    pub const ALL_UNITS: Text = Text::new("Tất cả đơn vị", "All units");
    pub const FIND_UNIT: Text = Text::new("Tìm theo tên", "Find by name");
    pub const MORE_UNITS: Text = Text::new(
        "đơn vị khác: gõ tên để tìm",
        "more units: type a name to find them",
    );
    pub const HERE: Text = Text::new("Trên máy", "Here");
    pub const IN_FILE: Text = Text::new("Trong tệp", "In the file");
    pub const CONFIRM: Text = Text::new("Nhập vào máy", "Import");
    pub const CANCEL: Text = Text::new("Huỷ", "Cancel");
    pub const CLOSE: Text = Text::new("Đóng", "Close");
    pub const DONE: Text = Text::new("Đã nhập tệp", "File imported");
    pub const CHANGED: Text = Text::new(
        "Dữ liệu trên máy đã thay đổi từ lúc xem trước nên chưa nhập. Hãy xem lại bản xem trước mới.",
        "The data here changed since the preview, so nothing was imported. Check the new preview.",
    );
    pub const MORE_LINES: Text = Text::new(
        "dòng khác (dùng bộ lọc để xem)",
        "more lines (use the filter)",
    );
    pub const UNLISTED_NEW: Text = Text::new(
        "giá trị mới khác không liệt kê từng dòng (vẫn được nhập đủ)",
        "more new values not listed one by one (all are imported)",
    );
    pub const CONFLICTS_TITLE: Text = Text::new("Xung đột cần xem", "Conflicts to review");
    pub const CONFLICTS_HINT: Text = Text::new(
        "Hai người đã sửa cùng một giá trị mà không biết nhau. Giá trị sửa sau được dùng; giá trị kia được giữ ở đây để bạn chọn lại nếu cần.",
        "Two people changed the same value without seeing each other's edit. The later one is used; the other is kept here so you can choose it.",
    );
    pub const NO_CONFLICTS: Text = Text::new("Không có xung đột.", "No conflicts.");
    pub const CURRENT: Text = Text::new("Đang dùng", "In use");
    pub const OTHER: Text = Text::new("Giá trị khác", "Other value");
    pub const USE_OTHER: Text = Text::new("Dùng giá trị này", "Use this value");
    pub const KEEP: Text = Text::new("Giữ giá trị đang dùng", "Keep the value in use");
    pub const LOG: Text = Text::new("Nhật ký nhập tệp", "Import log");
    pub const LOG_SYNC: Text = Text::new("Đồng bộ với máy chủ", "Sync with a server");
    pub const LOG_EMPTY: Text = Text::new("Chưa nhập tệp nào.", "No file imported yet.");
    pub const REJECT_SET: Text = Text::new(
        "bộ tiêu chí không có trên máy này",
        "criteria set not on this device",
    );
    pub const REJECT_CODE: Text = Text::new(
        "mã không có trong bộ tiêu chí",
        "code not in the criteria set",
    );
    pub const REJECT_BUILTIN: Text = Text::new(
        "không thể thay bộ tiêu chí có sẵn",
        "a built-in set cannot be replaced",
    );
    pub const FUTURE_1: Text = Text::new("Máy của", "The phone of");
    pub const FUTURE_2: Text = Text::new("đang để ngày", "is set to");
    pub const FUTURE_3: Text = Text::new(
        "hãy nhờ người đó chỉnh lại ngày giờ trên máy rồi gửi lại tệp.",
        "ask them to set its date and time right, then send the file again.",
    );
    pub const FUTURE_4: Text = Text::new(
        "giá trị ghi ngày đó chưa được nhập (để không thắng các thay đổi đúng giờ).",
        "values with that date were not imported (so they cannot win over changes made at the right time).",
    );
    pub const DUPLICATES: Text = Text::new("Thôn có thể trùng", "Villages that may be the same");
    pub const DUPLICATES_HINT: Text = Text::new(
        "Cùng xã, cùng tên: có thể hai người đã cùng thêm một thôn. Bấm “Gộp” để tính là một thôn (số liệu của cả hai được giữ; có thể hoàn tác).",
        "Same commune, same name: two people may have added the same village. Tap “Merge” to count it once (the values of both are kept; can be undone).",
    );
    pub const MAYBE_SAME: Text = Text::new("có thể trùng với", "may be the same as");
    pub const MERGE: Text = Text::new("Gộp", "Merge");
    pub const WILL_MERGE: Text = Text::new("✓ Sẽ gộp khi nhập", "✓ Will merge on import");
    pub const SET_SCOPE: Text = Text::new("Chỉ bộ tiêu chí", "Criteria set only");
}

/// Lines listed at most in a preview (the filter by unit shows the rest).
pub const MAX_LINES: usize = crate::domain::merge::PREVIEW_LINES;

/// A refused file: why, and each problem found (the first 100).
#[derive(Clone, Debug, PartialEq)]
pub struct RefusalModel {
    pub message: String,
    pub details: Vec<String>,
}

pub fn refusal(refusal: &Refusal, lang: Lang) -> RefusalModel {
    let details = match refusal {
        Refusal::Invalid(errors) => errors.iter().take(100).map(|e| e.message(lang)).collect(),
        _ => Vec::new(),
    };
    RefusalModel {
        message: refusal.message(lang),
        details,
    }
}

/// One row of a counts table: label, number in words, and its test id suffix.
pub fn counts_rows(counts: &Counts, lang: Lang) -> Vec<(&'static str, String, &'static str)> {
    [
        (t::NEW, counts.new, "new"),
        (t::UPDATED, counts.updated, "updated"),
        (t::UNCHANGED, counts.unchanged, "unchanged"),
        (t::OLDER, counts.older, "older"),
        (t::CONFLICTS, counts.conflicts, "conflicts"),
        (t::REJECTED, counts.rejected, "rejected"),
    ]
    .into_iter()
    .map(|(label, n, key)| (label.get(lang), format_int(n as i64), key))
    .collect()
}

pub fn kind_text(kind: LineKind) -> Text {
    match kind {
        LineKind::New => t::NEW,
        LineKind::Updated => t::UPDATED,
        LineKind::Unchanged => t::UNCHANGED,
        LineKind::Older => t::OLDER,
        LineKind::Conflict => t::CONFLICTS,
        LineKind::Rejected => t::REJECTED,
    }
}

pub fn kind_class(kind: LineKind) -> &'static str {
    match kind {
        LineKind::New => "line new",
        LineKind::Updated => "line updated",
        LineKind::Unchanged => "line",
        LineKind::Older => "line older",
        LineKind::Conflict => "line conflict",
        LineKind::Rejected => "line rejected",
    }
}

/// "Chị Lan · 30/11/2026 08:15": who made a value, when.
pub fn who_when(stamp: &Stamp, locale: Locale) -> String {
    format!("{} · {}", stamp.author, locale.date_time(stamp.hlc.wall_ms))
}

/// The code of criterion (or indicator, with `indicator`) `item` of `set`, or the set's
/// label when `item` is empty (see `describe::CodeLookup`).
fn code_in(set: &CriteriaSet, item: &str, indicator: bool, lang: Lang) -> Option<String> {
    if item.is_empty() {
        return Some(set.label(lang));
    }
    if indicator {
        set.indicator(item).map(|(_, i)| i.code.clone())
    } else {
        set.criterion(item).map(|c| c.code.clone())
    }
}

/// A phone whose date is ahead: who, the date it is set to, how many values were held back.
#[derive(Clone, Debug, PartialEq)]
pub struct FutureNotice {
    pub who: String,
    pub date: String,
    pub values: String,
}

/// What a phone whose clock is ahead sent and was not taken in, in words.
pub fn future_notices(future: &[crate::domain::merge::FutureStamps]) -> Vec<FutureNotice> {
    future
        .iter()
        .map(|f| FutureNotice {
            who: if f.author.is_empty() {
                f.device.clone()
            } else {
                f.author.clone()
            },
            date: format_date(date_of_ms(f.latest_ms)),
            values: format_int(f.values as i64),
        })
        .collect()
}

/// A pair of villages that may be the same: (village in the file, village here) and names.
#[derive(Clone, Debug, PartialEq)]
pub struct DuplicateRow {
    pub pair: (String, String),
    pub incoming_name: String,
    pub local_name: String,
}

/// The head of an import preview.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewModel {
    /// "Chị Lan (Trưởng thôn)".
    pub sender: String,
    pub made: String,
    pub counts: Vec<(&'static str, String, &'static str)>,
    pub future: Vec<FutureNotice>,
    /// Nothing to write and nothing held back: "no changes".
    pub no_changes: bool,
    /// Nothing to write (the confirm button is not offered).
    pub noop: bool,
    pub duplicates: Vec<DuplicateRow>,
    /// How many units have lines: the preview is filtered by unit when more than one
    /// ([`unit_choices`]).
    pub units_with_lines: usize,
}

/// How many units the preview's unit filter lists at once (it is searched by name).
pub const UNIT_CHOICES: usize = 30;

/// The units a preview can be filtered by, for a query.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitChoices {
    /// (key, name): the chosen unit first when the query does not find it, then the units
    /// with lines whose names match the query (without diacritics), at most
    /// [`UNIT_CHOICES`], best matches first, then in key order.
    pub units: Vec<(String, String)>,
    /// Matching units not listed (type more of the name to find them).
    pub more: usize,
}

/// [`UnitChoices`] for `query` with `chosen` (a unit key, or empty for all) kept listed.
/// Only units with lines are offered (a national file has 70,000 units with new values
/// counted but not listed), and only [`UNIT_CHOICES`] of them at a time: 2,000 options took
/// a cheap phone's page a fifth of a second to draw, and nobody scrolls through them.
pub fn unit_choices(
    pending: &Pending,
    ws: Option<&Workspace>,
    query: &str,
    chosen: &str,
) -> UnitChoices {
    let names = UnitNames::new(pending, ws);
    let q = fold(query.trim());
    let keyed: Vec<(&str, String)> = pending
        .plan
        .units_with_lines()
        .map(|key| (key, names.name(key)))
        .collect();
    let folded = fold_all(&keyed.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>());
    let mut found: Vec<(u8, &str, String)> = keyed
        .into_iter()
        .zip(&folded)
        .filter_map(|((key, name), f)| match_rank_folded(&q, f).map(|rank| (rank, key, name)))
        .collect();
    // Best matches first ("Đồng Tâm 7" before "Đồng Tâm 17"), each rank in key order.
    found.sort_by_key(|(rank, _, _)| *rank);
    let more = found.len().saturating_sub(UNIT_CHOICES);
    let mut units: Vec<(String, String)> = found
        .into_iter()
        .take(UNIT_CHOICES)
        .map(|(_, key, name)| (key.to_string(), name))
        .collect();
    if !chosen.is_empty() && !units.iter().any(|(k, _)| k == chosen) {
        units.insert(0, (chosen.to_string(), names.name(chosen)));
    }
    UnitChoices { units, more }
}

/// Names units by key: this device's names first, then the file's for units new here.
struct UnitNames<'a> {
    ws: Option<&'a Workspace>,
    file: BTreeMap<&'a str, &'a str>,
}

impl<'a> UnitNames<'a> {
    fn new(pending: &'a Pending, ws: Option<&'a Workspace>) -> Self {
        let file = pending
            .unit_names
            .iter()
            .map(|(id, name)| (id.as_str(), name.as_str()))
            .collect();
        Self { ws, file }
    }

    fn name(&self, key: &str) -> String {
        self.ws
            .and_then(|w| w.unit_name(key))
            .or_else(|| self.file.get(key).copied())
            .unwrap_or(key)
            .to_string()
    }
}

pub fn preview(pending: &Pending, locale: Locale) -> PreviewModel {
    let lang = locale.lang;
    let header = &pending.header;
    let plan = &pending.plan;
    let role = header
        .sender
        .role
        .map(|r| format!(" ({})", r.name(lang)))
        .unwrap_or_default();
    let made = chrono::DateTime::parse_from_rfc3339(&header.created_at)
        .map(|t| locale.date_time(t.timestamp_millis().max(0) as u64))
        .unwrap_or_else(|_| header.created_at.clone());
    PreviewModel {
        sender: format!("{}{role}", header.sender.name),
        made,
        counts: counts_rows(&plan.counts, lang),
        future: future_notices(&plan.future),
        // Values outside the sender's scope are imported only if chosen: still something
        // to decide on.
        no_changes: plan.noop && plan.future.is_empty() && pending.outside_total == 0,
        noop: plan.noop && pending.outside_total == 0,
        duplicates: plan
            .duplicates
            .iter()
            .map(|p| DuplicateRow {
                pair: (p.incoming.clone(), p.local.clone()),
                incoming_name: p.incoming_name.clone(),
                local_name: p.local_name.clone(),
            })
            .collect(),
        units_with_lines: plan.units_with_lines().count(),
    }
}

/// One line of a preview: what, the value here and in the file, and why it is refused.
#[derive(Clone, Debug, PartialEq)]
pub struct LineRow {
    pub class: &'static str,
    pub badge: &'static str,
    /// "Nậm Củm · Tiêu chí 2 · Giao thông".
    pub what: String,
    pub here: Option<String>,
    pub in_file: String,
    pub reason: Option<String>,
}

/// The lines of a preview for one unit (`filter`) or all (empty): at most [`MAX_LINES`],
/// how many more, and how many new values are counted but not listed.
#[derive(Clone, Debug, PartialEq)]
pub struct LinesModel {
    pub rows: Vec<LineRow>,
    pub more: usize,
    pub unlisted: usize,
}

/// The rows of `shown`, the first lines of `filter` (a unit's key, or empty for all): the
/// plan summary's own lines for all, or those the import sent for one unit.
pub fn lines(
    pending: &Pending,
    shown: &[Line],
    ws: Option<&Workspace>,
    filter: &str,
    locale: Locale,
) -> LinesModel {
    let lang = locale.lang;
    let plan = &pending.plan;
    let names = UnitNames::new(pending, ws);
    let file_sets = &pending.sets;
    let code = |id: &SetId, item: &str, ind: bool| {
        ws.and_then(|w| code_in(w.set(id)?, item, ind, lang))
            .or_else(|| {
                file_sets
                    .iter()
                    .find(|s| s.set_id() == *id)
                    .and_then(|s| code_in(s, item, ind, lang))
            })
    };
    let shown = &shown[..shown.len().min(MAX_LINES)];
    // The plan's other lines stayed with the import.
    let unit = (!filter.is_empty()).then_some(filter);
    let more = plan.lines_in(unit).saturating_sub(shown.len());
    let rows = shown
        .iter()
        .map(|line| {
            let what = describe::target_text_in(&line.target, lang, &code);
            let unit = line
                .unit
                .as_deref()
                .map(|u| names.name(u))
                .unwrap_or_default();
            LineRow {
                class: kind_class(line.kind),
                badge: kind_text(line.kind).get(lang),
                what: format!("{unit} · {what}"),
                here: line.local.as_ref().map(|(v, s)| {
                    format!(
                        "{} ({})",
                        describe::value_text(&line.target, &v.to_json(), lang),
                        who_when(s, locale)
                    )
                }),
                in_file: format!(
                    "{} ({})",
                    describe::value_text(&line.target, &line.incoming.0.to_json(), lang),
                    who_when(&line.incoming.1, locale)
                ),
                reason: line.reject.as_ref().map(|r| match r {
                    RejectReason::UnknownSet(id) => format!("{}: {id}", t::REJECT_SET.get(lang)),
                    RejectReason::UnknownCode { code, .. } => {
                        format!("{}: {code}", t::REJECT_CODE.get(lang))
                    }
                    RejectReason::BuiltinSet(id) => {
                        format!("{}: {id}", t::REJECT_BUILTIN.get(lang))
                    }
                }),
            }
        })
        .collect();
    LinesModel {
        rows,
        more,
        unlisted: plan.unlisted_new_in(unit),
    }
}

/// An open conflict in words.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictRow {
    pub unit: String,
    pub what: String,
    pub current: String,
    pub current_by: String,
    pub other: String,
    pub other_by: String,
}

pub fn conflict(c: &Conflict, ws: Option<&Workspace>, locale: Locale) -> ConflictRow {
    let l = locale.lang;
    let unit = merge::unit_of_target(&c.target)
        .and_then(|k| Some(ws?.unit_name(&k)?.to_string()))
        .unwrap_or_default();
    let what = describe::target_text_in(&c.target, l, &|id, item, ind| {
        ws.and_then(|w| code_in(w.set(id)?, item, ind, l))
    });
    ConflictRow {
        unit,
        what,
        current: describe::value_text(&c.target, &c.current, l),
        current_by: who_when(&c.current_stamp, locale),
        other: c
            .other
            .new
            .as_ref()
            .map(|v| describe::value_text(&c.target, v, l))
            .unwrap_or_default(),
        other_by: who_when(&c.other.stamp, locale),
    }
}

/// The export form's scopes (key, label): each province and commune by name, the villages
/// of the user's own commune (`home`, a commune or a village: a province's thousands of
/// villages would make a list nobody scrolls and a page that stalls), and each custom set
/// alone. Keys are unit keys ("commune:00070") or "set:<set id>".
pub fn export_choices(ws: &Workspace, home: Option<&UnitRef>, lang: Lang) -> Vec<(String, String)> {
    let home_commune = match home {
        Some(UnitRef::Commune(c)) => Some(UnitRef::Commune(c.clone())),
        Some(village @ UnitRef::Village(_)) => ws.unit(village).and_then(|v| v.data.parent()),
        _ => None,
    };
    let mut out = Vec::new();
    for p in ws.provinces().into_iter().filter(|u| ws.is_live(u)) {
        out.push((p.id.clone(), p.data.name().to_string()));
        for c in ws.children(&p.data.unit_ref(), false) {
            out.push((c.id.clone(), format!("· {}", c.data.name())));
            let commune = c.data.unit_ref();
            if home_commune.as_ref() == Some(&commune) {
                for v in ws.children(&commune, false) {
                    out.push((v.id.clone(), format!("· · {}", v.data.name())));
                }
            }
        }
    }
    for s in ws.current_sets().into_iter().filter(|s| !s.builtin) {
        out.push((
            format!("set:{}", s.set_id()),
            format!(
                "{}: {}",
                t::SET_SCOPE.get(lang),
                super::sets::label_with_owner(ws, s, lang)
            ),
        ));
    }
    out
}

/// What an export form's key means, and the name its file is given: a set (by code), a
/// unit (by name), or everything (by the user's own unit).
pub fn export_scope(key: &str, ws: Option<&Workspace>, profile: &Profile) -> (ExportScope, String) {
    let name_of = |key: &str| {
        ws.and_then(|w| w.unit_name(key))
            .map(str::to_string)
            .unwrap_or_default()
    };
    if let Some(set) = key.strip_prefix("set:") {
        let code = set
            .parse::<SetId>()
            .ok()
            .and_then(|id| Some(ws?.set(&id)?.code.clone()))
            .unwrap_or_default();
        return (ExportScope::Set(set.to_string()), code);
    }
    match UnitRef::from_key(key) {
        Some(UnitRef::Province(c)) => (ExportScope::Province(c), name_of(key)),
        Some(UnitRef::Commune(c)) => (ExportScope::Commune(c), name_of(key)),
        Some(UnitRef::Village(v)) => (ExportScope::Village(v), name_of(key)),
        _ => (
            ExportScope::All,
            profile
                .home
                .as_ref()
                .map(|h| name_of(&h.key()))
                .unwrap_or_default(),
        ),
    }
}
