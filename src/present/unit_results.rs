//! A unit's recognition steps and resource figures in words, and why a form was refused.

use std::collections::BTreeMap;

use crate::app::results::{Field, Refusal};
use crate::domain::profile::Lang;
use crate::domain::recognition::{Recognition, Step};
use crate::domain::resources::{groups, Quantity, ResourceEntry};
use crate::exchange::describe::recognition_text;
use crate::present::dashboard::results::quantity_text;
use crate::present::text::{Message, Text};

pub mod t {
    use crate::present::text::Text;
    pub const RECOGNITION: Text = Text::new("Công nhận đạt chuẩn", "Recognition");
    pub const RECOGNITION_HINT: Text = Text::new(
        "Ghi từng bước theo văn bản: đăng ký, thẩm định, quyết định công nhận, thu hồi. Số liệu “được công nhận” trên trang Số liệu đếm theo các bước này.",
        "Record each step as documented: registration, appraisal, recognition decision, withdrawal. The dashboard's “recognised” figures count these steps.",
    );
    pub const NO_STEPS: Text = Text::new("Chưa ghi bước nào.", "No step recorded yet.");
    pub const ADD_STEP: Text = Text::new("Ghi một bước", "Record a step");
    pub const STEP: Text = Text::new("Bước", "Step");
    pub const LEVEL: Text = Text::new("Mức", "Level");
    pub const TARGET_YEAR: Text = Text::new("Năm đăng ký đạt chuẩn", "Target year");
    pub const DATE: Text = Text::new("Ngày", "Date");
    pub const DECISION_NO: Text = Text::new("Số quyết định / văn bản", "Decision number");
    pub const ISSUER: Text = Text::new("Cơ quan ban hành", "Issued by");
    pub const NOTE: Text = Text::new("Ghi chú", "Note");
    pub const SAVE: Text = Text::new("Lưu", "Save");
    pub const HIDE: Text = Text::new("Ẩn", "Hide");
    pub const CHOOSE: Text = Text::new("— chọn —", "— choose —");
    pub const RESOURCES: Text = Text::new("Nguồn lực, công trình", "Resources and works");
    pub const RESOURCES_HINT: Text = Text::new(
        "Số liệu của kỳ đang chọn; để trống nếu chưa có. Lưu khi rời ô.",
        "Figures of the chosen period; leave empty if none. Saved when you leave the field.",
    );
    pub const SOURCE: Text = Text::new("Nguồn số liệu", "Source");
    pub const ADD_QUANTITY: Text = Text::new(
        "Thêm đại lượng riêng của tỉnh",
        "Add a quantity of your own",
    );
    pub const QUANTITY_NAME: Text = Text::new("Tên đại lượng", "Name");
    pub const QUANTITY_UNIT: Text = Text::new("Đơn vị tính", "Unit");
    pub const QUANTITY_GROUP: Text = Text::new("Nhóm", "Group");
    pub const MISSING: Text = Text::new("chưa nhập", "missing");
    pub const INVALID: Text = Text::new("không hợp lệ", "invalid");
    pub const DATE_RANGE: Text = Text::new(
        "Ngày không hợp lý: sau hôm nay (theo ngày của máy) hoặc trước năm 2010.",
        "Implausible date: after today (by this phone's date) or before 2010.",
    );
    pub const LEVEL_FIT: Text = Text::new(
        "Mức này không dành cho loại đơn vị này.",
        "This level is not for this kind of unit.",
    );
}

/// A step in words.
pub fn step_text(s: Step) -> Text {
    match s {
        Step::Registered => Text::new("Đăng ký đạt chuẩn", "Registered"),
        Step::Appraised => Text::new("Thẩm định", "Appraised"),
        Step::Recognised => Text::new("Quyết định công nhận", "Recognised by decision"),
        Step::Withdrawn => Text::new("Thu hồi công nhận", "Recognition withdrawn"),
    }
}

fn field_text(f: Field) -> Text {
    match f {
        Field::Step => t::STEP,
        Field::Level => t::LEVEL,
        Field::TargetYear => t::TARGET_YEAR,
        Field::Date => t::DATE,
        Field::DecisionNo => t::DECISION_NO,
        Field::Issuer => t::ISSUER,
        Field::Note => t::NOTE,
        Field::Value => Text::new("Số liệu", "Figure"),
        Field::Source => t::SOURCE,
        Field::Name => t::QUANTITY_NAME,
        Field::Unit => t::QUANTITY_UNIT,
    }
}

/// Why a results form was not saved, naming the field.
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    match r {
        Refusal::Missing(f) => format!("{}: {}", field_text(*f).get(lang), t::MISSING.get(lang)),
        Refusal::Invalid(f) => format!("{}: {}", field_text(*f).get(lang), t::INVALID.get(lang)),
        Refusal::DateOutOfRange => t::DATE_RANGE.get(lang).to_string(),
        Refusal::LevelDoesNotFit => t::LEVEL_FIT.get(lang).to_string(),
        Refusal::Character { field, character } => Message::Refused {
            field: field_text(*field),
            character: *character,
        }
        .get(lang),
    }
}

/// A recorded step as the unit page lists it: (id, words).
pub fn step_rows(steps: &[&Recognition], lang: Lang) -> Vec<(String, String)> {
    steps
        .iter()
        .map(|s| (s.id.clone(), recognition_text(s, lang)))
        .collect()
}

/// One quantity's row on the unit page.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRow {
    pub quantity: Quantity,
    pub label: String,
    /// The figure as typed back ("15,5"), empty when none.
    pub value: String,
    pub source: String,
    pub note: String,
}

/// The quantities by group (name, rows), with the unit's figures of the period.
pub fn figure_groups(
    quantities: &[Quantity],
    figures: &BTreeMap<String, &ResourceEntry>,
    lang: Lang,
) -> Vec<(String, Vec<FigureRow>)> {
    groups()
        .into_iter()
        .filter_map(|g| {
            let rows: Vec<FigureRow> = quantities
                .iter()
                .filter(|q| q.group == g.id)
                .map(|q| {
                    let f = figures.get(&q.id);
                    FigureRow {
                        quantity: q.clone(),
                        label: format!("{} ({})", q.label(lang), q.unit),
                        value: f.map(|e| quantity_text(e.value)).unwrap_or_default(),
                        source: f.map(|e| e.source.clone()).unwrap_or_default(),
                        note: f.map(|e| e.note.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            (!rows.is_empty()).then(|| (lang.pick(g.name, g.name_en), rows))
        })
        .collect()
}
