//! The unit tree in words.

pub mod t {
    use crate::present::text::Text;
    pub const TITLE: Text = Text::new("Đơn vị", "Units");
    pub const SEARCH: Text = Text::new(
        "Tìm đơn vị (có dấu hay không dấu)",
        "Find a unit (with or without diacritics)",
    );
    pub const SHOW_ARCHIVED: Text = Text::new("Hiện mục đã ẩn", "Show hidden items");
    pub const ADD_VILLAGE: Text = Text::new("Thêm thôn", "Add village");
    pub const RENAME: Text = Text::new("Đổi tên", "Rename");
    pub const ARCHIVE: Text = Text::new("Ẩn", "Hide");
    pub const UNARCHIVE: Text = Text::new("Hiện lại", "Show again");
    pub const ARCHIVED: Text = Text::new("đã ẩn", "hidden");
    pub const HIDE_LABEL: Text = Text::new("Ẩn", "Hide");
    pub const HIDE_ASK_1: Text = Text::new("Ẩn", "Hide");
    pub const HIDE_ASK_2: Text = Text::new("cùng", "with");
    pub const HIDE_ASK_3: Text = Text::new("đơn vị trực thuộc và", "units below it and");
    pub const HIDE_ASK_4: Text = Text::new(
        "giá trị đã nhập? Chúng không còn được tính trong số liệu; bấm “Hiện mục đã ẩn” để hiện lại.",
        "recorded values? They no longer count in the figures; “Show hidden items” brings them back.",
    );
    pub const RENAME_LABEL: Text = Text::new("Đổi tên", "Rename");
    pub const MERGE_LABEL: Text = Text::new("Gộp", "Merge");
    pub const SAVE: Text = Text::new("Lưu", "Save");
    pub const CANCEL: Text = Text::new("Huỷ", "Cancel");
    pub const NEW_NAME: Text = Text::new("Tên mới", "New name");
    pub const VILLAGE_NAME: Text = Text::new("Tên thôn", "Village name");
    pub const KIND: Text = Text::new("Loại", "Kind");
    pub const NOT_ASSESSED: Text = Text::new("chưa đánh giá", "not assessed");
    pub const MEETS: Text = Text::new("Đạt chuẩn", "Meets the set");
    pub const BAD_NAME: Text = Text::new(
        "Tên không hợp lệ (1–120 ký tự, không có dấu < >).",
        "Invalid name (1–120 characters, no < or >).",
    );
    pub const ADD_COMMUNE: Text = Text::new("Thêm xã", "Add commune");
    pub const ALREADY: Text = Text::new(
        "Xã này đã có trong danh sách.",
        "This commune is already in the list.",
    );
    pub const NOT_IN_LIST: Text = Text::new(
        "Tỉnh này không có trong danh mục chính thức.",
        "This province is not in the official list.",
    );
    pub const MERGE_WITH: Text = Text::new("Gộp với…", "Merge with…");
    pub const MERGE_INTO: Text = Text::new("Thôn giữ lại", "Village to keep");
    pub const MERGE_CONFIRM: Text = Text::new(
        "Gộp: tính là một thôn với thôn được chọn (số liệu của cả hai được giữ; có thể hoàn tác)",
        "Merge: count it as one village with the chosen one (the values of both are kept; can be undone)",
    );
    pub const MERGED_INTO: Text = Text::new("đã gộp vào", "merged into");
    pub const MAYBE_SAME: Text = Text::new("có thể trùng với", "may be the same as");
    pub const NO_RESULTS: Text = Text::new("Không tìm thấy đơn vị nào.", "No unit found.");
    pub const MORE_RESULTS: Text = Text::new(
        "Còn nhiều kết quả khác: hãy gõ thêm để thu hẹp.",
        "There are more: type more to narrow the search.",
    );
    pub const SHOW_CHILDREN: Text = Text::new("Mở", "Open");
    pub const HIDE_CHILDREN: Text = Text::new("Thu gọn", "Close");
    pub const MORE_CHILDREN: Text = Text::new("Xem thêm", "Show more");
    pub const LEFT: Text = Text::new("còn", "left");
    pub const EMPTY: Text = Text::new(
        "Chưa có đơn vị nào. Hãy hoàn tất bước bắt đầu ở Trang chủ.",
        "No units yet. Finish getting started on the Home page.",
    );
}

use crate::domain::sync::Record;
use crate::domain::units::{Unit, UnitError, UnitRef};
use crate::domain::workspace::Workspace;
use crate::present::text::Message;

/// Below this many villages every commune shows its villages; above it (a province or a
/// country of villages), a commune shows them when opened, so the page stays quick.
const OPEN_VILLAGES_UP_TO: usize = 500;
/// Likewise, provinces show their communes when there are no more than this many.
const OPEN_COMMUNES_UP_TO: usize = 300;

/// Which levels of the tree start open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opening {
    pub provinces: bool,
    pub villages: bool,
}

/// Communes open under their province, villages under their commune, only while there
/// are few enough to draw at once.
pub fn opening(ws: &Workspace) -> Opening {
    let communes = ws
        .units
        .iter()
        .filter(|u| matches!(u.data, Unit::Commune(_)))
        .count();
    let villages = ws
        .units
        .iter()
        .filter(|u| matches!(u.data, Unit::Village(_)))
        .count();
    Opening {
        provinces: communes <= OPEN_COMMUNES_UP_TO,
        villages: villages <= OPEN_VILLAGES_UP_TO,
    }
}

/// A unit's latest result on its badge: "15/19" and whether it meets its set.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub count: String,
    pub meets: bool,
}

/// What one node of the tree shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub key: String,
    pub name: String,
    /// The unit page, for communes and villages.
    pub href: Option<String>,
    pub archived: bool,
    /// The village this one was merged into, by name.
    pub merged_into: Option<String>,
    /// Villages of the same commune it may be the same as, by name.
    pub duplicates: Vec<String>,
    pub badge: Option<Badge>,
    /// A commune or village without any assessment ("chưa đánh giá").
    pub not_assessed: bool,
    /// Villages it can be merged with: (id, name), likely duplicates first.
    pub merge_targets: Vec<(String, String)>,
    pub open: bool,
}

/// The node of `unit` in the tree.
pub fn node(ws: &Workspace, unit: &Record<Unit>, opening: Opening) -> Node {
    let r = unit.data.unit_ref();
    let badge = ws.latest_result(&r).map(|(_, _, result)| Badge {
        count: format!("{}/{}", result.met, result.applicable),
        meets: result.meets_set(),
    });
    let below_province = !matches!(unit.data, Unit::Province(_));
    let merged_into = ws.is_merged(&r).then(|| {
        ws.unit_name(&ws.kept_ref(&r).key())
            .unwrap_or_default()
            .to_string()
    });
    let likely = ws.likely_duplicates(&r);
    let merge_targets = match &unit.data {
        Unit::Village(v) if merged_into.is_none() => {
            let mut out: Vec<(String, String)> = likely
                .iter()
                .map(|o| (o.id.clone(), o.name.clone()))
                .collect();
            for sibling in ws.children(&UnitRef::Commune(v.commune_code.clone()), false) {
                if let Unit::Village(o) = &sibling.data {
                    if o.id != v.id && !out.iter().any(|(id, _)| id == &o.id) {
                        out.push((o.id.clone(), o.name.clone()));
                    }
                }
            }
            out
        }
        _ => Vec::new(),
    };
    Node {
        key: r.key(),
        name: unit.data.name().to_string(),
        href: below_province.then(|| format!("/don-vi/{}", r.key())),
        archived: unit.archived,
        merged_into,
        duplicates: likely.iter().map(|v| v.name.clone()).collect(),
        not_assessed: below_province && badge.is_none(),
        badge,
        merge_targets,
        open: match &unit.data {
            Unit::Province(_) => opening.provinces,
            Unit::Commune(_) => opening.villages,
            Unit::Village(_) => false,
        },
    }
}

/// Why a typed unit name was refused, in words (the hidden character named).
pub fn name_refusal(e: UnitError) -> Message {
    match e {
        UnitError::HiddenCharacter(r) => Message::for_name(Some(r), t::BAD_NAME),
        _ => t::BAD_NAME.into(),
    }
}
