//! An import's progress in words: the step, how far it is, whether it can still be
//! cancelled (`app::import::Progress`, reported by the worker as it reads and writes).

use super::text::Text;
use crate::app::import::{ImportStep, Progress};
use crate::domain::format::{format_int, format_percent};
use crate::domain::profile::Lang;

pub mod t {
    use super::Text;
    pub const STEP_READ: Text = Text::new("Đang đọc tệp…", "Reading the file…");
    pub const STEP_PARSE: Text = Text::new("Đang kiểm tra tệp…", "Checking the file…");
    pub const STEP_PLAN: Text = Text::new(
        "Đang so sánh với dữ liệu trên máy…",
        "Comparing with the data on this device…",
    );
    pub const STEP_COMMIT: Text = Text::new("Đang ghi vào máy…", "Writing to this device…");
    pub const ROWS: Text = Text::new("dòng", "rows");
    pub const CANCEL_HINT: Text = Text::new(
        "Huỷ bây giờ thì chưa có gì được lưu.",
        "Cancel now and nothing is saved.",
    );
    pub const COMMIT_HINT: Text = Text::new(
        "Đang ghi: ghi xong hết hoặc không ghi gì. Đừng đóng trang.",
        "Writing: all of it or nothing. Do not close the page.",
    );
    pub const LOST: Text = Text::new(
        "Bản xem trước không còn (việc đọc tệp đã bị dừng). Chưa có gì được lưu — hãy chọn lại tệp.",
        "The preview is gone (reading the file was stopped). Nothing was saved — choose the file again.",
    );
}

/// An import's progress as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressModel {
    /// What is being done: "Đang kiểm tra tệp…".
    pub label: &'static str,
    /// (done, total) for a progress bar; `None`: a step that cannot say how far it is.
    pub bar: Option<(usize, usize)>,
    /// "45 %" or "12.000 / 48.000 dòng".
    pub amount: String,
    /// Whether it can still be cancelled (everything before the commit).
    pub cancellable: bool,
    pub hint: &'static str,
}

pub fn progress(p: &Progress, lang: Lang) -> ProgressModel {
    let label = match p.step {
        ImportStep::Read => t::STEP_READ,
        ImportStep::Parse => t::STEP_PARSE,
        ImportStep::Plan => t::STEP_PLAN,
        ImportStep::Commit => t::STEP_COMMIT,
    };
    let bar = (p.total > 0).then_some((p.done.min(p.total), p.total));
    let amount = match (p.step, bar) {
        (_, None) => String::new(),
        (ImportStep::Commit, Some((done, total))) => format!(
            "{} / {} {}",
            format_int(done as i64),
            format_int(total as i64),
            t::ROWS.get(lang)
        ),
        (_, Some((done, total))) => format_percent(((done * 100) / total) as f64),
    };
    let cancellable = p.step != ImportStep::Commit;
    ProgressModel {
        label: label.get(lang),
        bar,
        amount,
        cancellable,
        hint: if cancellable {
            t::CANCEL_HINT.get(lang)
        } else {
            t::COMMIT_HINT.get(lang)
        },
    }
}
