//! What an import preview shows of the values the file's sender may not write (issue 31):
//! how many, the first of them with the server's reason, each to be chosen or not. The
//! preview proposes none of them; the official who chooses some takes them in knowingly.

use super::exchange::{lines, LineRow};
use super::text::Text;
use super::Locale;
use crate::app::import::Pending;
use crate::domain::format::format_int;
use crate::domain::workspace::Workspace;

pub mod t {
    use crate::present::text::Text;
    pub const TITLE: Text = Text::new(
        "giá trị ngoài phạm vi của người gửi",
        "values outside the sender's scope",
    );
    pub const HINT: Text = Text::new(
        "Theo vai trò và đơn vị của người gửi, người đó không được ghi các giá trị này (máy chủ cũng từ chối chúng). Chúng chưa được nhập. Chỉ chọn nhập giá trị nào anh/chị biết chắc là đúng.",
        "By the sender's role and unit, they may not write these values (the server refuses them too). They are not imported. Choose only those you know to be right.",
    );
    pub const CLAIMED: Text = Text::new(
        "Vai trò và đơn vị lấy theo lời khai trong tệp (tệp chưa ký).",
        "Role and unit as the file claims them (the file is not signed).",
    );
    pub const TAKE: Text = Text::new("Nhập cả giá trị này", "Import this value too");
    pub const ALL: Text = Text::new("Chọn tất cả", "Choose all");
    pub const NONE: Text = Text::new("Bỏ chọn tất cả", "Choose none");
    pub const MORE: Text = Text::new(
        "giá trị nữa không liệt kê (“Chọn tất cả” nhập cả chúng)",
        "more values not listed (“Choose all” imports them too)",
    );
    pub const CHOSEN: Text = Text::new("đã chọn để nhập", "chosen to import");
    pub const LOG_TAKEN: Text = Text::new(
        "ngoài phạm vi người gửi, người nhận đã chọn nhập",
        "outside the sender's scope, imported by the receiver's choice",
    );
    pub const LOG_LEFT: Text = Text::new(
        "ngoài phạm vi người gửi, không nhập",
        "outside the sender's scope, not imported",
    );
    pub const UNSIGNED: Text = Text::new(
        "Tệp chưa ký (ứng dụng cũ hoặc tệp tự làm): không biết chắc ai gửi. Phạm vi được tính theo lời khai trong tệp.",
        "The file is not signed (an older app or a hand-made file): who sent it is not certain. Its scope is judged by what the file claims.",
    );
    pub const NEW_1: Text = Text::new(
        "Máy mới, lần đầu gửi tới máy này. Mã máy:",
        "A new device, sending to this phone for the first time. Device code:",
    );
    pub const NEW_2: Text = Text::new(
        "Hãy gọi điện hỏi người gửi mã máy trên máy họ (trang Lưu trữ) để so. Khi nhập, máy này ghi nhớ khoá của máy đó.",
        "Call the sender and compare with the code on their phone (Storage page). On import this phone remembers that device's key.",
    );
    pub const KNOWN: Text = Text::new("Mã máy:", "Device code:");
    pub const KNOWN_AS: Text = Text::new("đã biết là", "known as");
    pub const DIFFERS_1: Text = Text::new("Tệp ghi người gửi là", "The file says its sender is");
    pub const DIFFERS_2: Text = Text::new(
        "nhưng máy này đã biết máy gửi (theo khoá ký) là",
        "but this phone knows the sending device (by its signing key) as",
    );
    pub const DIFFERS_3: Text = Text::new(
        "Phạm vi và nhật ký tính theo máy đã biết.",
        "Its scope and the log follow the known device.",
    );
}

/// One value outside the sender's scope.
#[derive(Clone, Debug, PartialEq)]
pub struct OutsideRow {
    /// Its history key: what is sent back when it is chosen.
    pub key: String,
    pub line: LineRow,
    /// Why the sender may not write it (the server's words).
    pub reason: String,
}

/// The preview's section of values outside the sender's scope.
#[derive(Clone, Debug, PartialEq)]
pub struct OutsideModel {
    /// "19 giá trị ngoài phạm vi của người gửi".
    pub title: String,
    pub hint: &'static str,
    /// Said when the sender is known only by the file's claims.
    pub claimed: Option<&'static str>,
    pub rows: Vec<OutsideRow>,
    /// Values not listed.
    pub more: usize,
}

/// The section, when the file holds values its sender may not write that would change
/// something here.
pub fn outside(pending: &Pending, ws: Option<&Workspace>, locale: Locale) -> Option<OutsideModel> {
    if pending.outside_total == 0 {
        return None;
    }
    let l = locale.lang;
    let shown: Vec<_> = pending.outside.iter().map(|o| o.line.clone()).collect();
    let rows = lines(pending, &shown, ws, "", locale)
        .rows
        .into_iter()
        .zip(&pending.outside)
        .map(|(line, o)| OutsideRow {
            key: o.line.target.record_key(),
            line,
            reason: o.reason.clone(),
        })
        .collect::<Vec<_>>();
    Some(OutsideModel {
        title: format!(
            "{} {}",
            format_int(pending.outside_total as i64),
            t::TITLE.get(l)
        ),
        hint: t::HINT.get(l),
        claimed: matches!(
            pending.sender_check,
            crate::exchange::signing::SenderCheck::Unsigned
        )
        .then(|| t::CLAIMED.get(l)),
        more: pending.outside_total.saturating_sub(rows.len()),
        rows,
    })
}

/// The import log's words for what was outside the sender's scope ("" when nothing was).
pub fn log_words(taken: usize, left: usize, locale: Locale) -> String {
    let l = locale.lang;
    let part =
        |n: usize, text: Text| (n > 0).then(|| format!("{} {}", format_int(n as i64), text.get(l)));
    [part(taken, t::LOG_TAKEN), part(left, t::LOG_LEFT)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What the preview says of a file's signature and sender.
#[derive(Clone, Debug, PartialEq)]
pub struct SenderNote {
    /// "unsigned", "new", "known" or "differs" (test ids and the style).
    pub kind: &'static str,
    pub text: String,
    /// Said as a warning.
    pub alarming: bool,
}

/// "Lò Văn Ánh (Trưởng thôn, village:…)".
fn who(s: &crate::exchange::Sender, l: crate::domain::profile::Lang) -> String {
    let mut parts: Vec<String> = s.role.map(|r| r.name(l).to_string()).into_iter().collect();
    parts.extend(s.unit.clone());
    if parts.is_empty() {
        s.name.clone()
    } else {
        format!("{} ({})", s.name, parts.join(", "))
    }
}

/// The preview's words on who sent the file, by its signature.
pub fn sender_note(pending: &Pending, locale: Locale) -> SenderNote {
    use crate::exchange::signing::SenderCheck;
    let l = locale.lang;
    let claimed = &pending.header.sender;
    match &pending.sender_check {
        SenderCheck::Unsigned => SenderNote {
            kind: "unsigned",
            text: t::UNSIGNED.get(l).into(),
            alarming: false,
        },
        SenderCheck::New { fingerprint } => SenderNote {
            kind: "new",
            text: format!("{} {fingerprint}. {}", t::NEW_1.get(l), t::NEW_2.get(l)),
            alarming: false,
        },
        SenderCheck::Known { fingerprint, known } if known.differs_from(claimed) => SenderNote {
            kind: "differs",
            text: format!(
                "{} “{}”, {} “{}” ({} {fingerprint}). {}",
                t::DIFFERS_1.get(l),
                who(claimed, l),
                t::DIFFERS_2.get(l),
                who(&known.as_sender(), l),
                t::KNOWN.get(l),
                t::DIFFERS_3.get(l)
            ),
            alarming: true,
        },
        SenderCheck::Known { fingerprint, known } => SenderNote {
            kind: "known",
            text: format!(
                "{} {fingerprint} · {} {}",
                t::KNOWN.get(l),
                t::KNOWN_AS.get(l),
                who(&known.as_sender(), l)
            ),
            alarming: false,
        },
    }
}
