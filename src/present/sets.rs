//! The criteria sets pages in words.

use strum::VariantArray;

use crate::app::sets::{scope_key, set_path, Field, Refusal};
use crate::domain::criteria::{
    CriteriaSet, EditError, IndicatorKind, SetLevel, ThresholdDimension, ThresholdScope,
};
use crate::domain::profile::Lang;
use crate::domain::set_versions::diff;
use crate::domain::units::{CommuneGroup, Region};
use crate::domain::workspace::Workspace;
use crate::present::text::{Message, Text};

pub mod t {
    use crate::present::text::Text;
    pub const TITLE: Text = Text::new("Bộ tiêu chí", "Criteria sets");
    pub const BUILTIN: Text = Text::new("có sẵn, chỉ xem", "built in, read-only");
    pub const CUSTOM: Text = Text::new("bản riêng", "custom");
    pub const CRITERIA: Text = Text::new("tiêu chí", "criteria");
    pub const COPY: Text = Text::new("Sao chép để chỉnh sửa", "Make a copy to edit");
    pub const NEW_CODE: Text = Text::new(
        "Mã bộ mới (chữ, số, gạch dưới)",
        "New code (letters, digits, underscore)",
    );
    pub const NEW_TITLE: Text = Text::new("Tên bộ mới", "New title");
    pub const LEGAL: Text = Text::new("Căn cứ", "Legal basis");
    pub const SOURCE: Text = Text::new("Nguồn", "Source");
    pub const VERIFIED: Text = Text::new("đã xác minh", "verified");
    pub const UNVERIFIED: Text = Text::new("chưa xác minh", "not verified");
    pub const NO_INDICATORS: Text = Text::new(
        "Chưa có chỉ tiêu (đánh giá trực tiếp đạt / chưa đạt).",
        "No indicators yet (marked met / not met directly).",
    );
    pub const ADD_INDICATOR: Text = Text::new("Thêm chỉ tiêu", "Add an indicator");
    pub const REMOVE_INDICATOR: Text = Text::new(
        "Bỏ chỉ tiêu này (để nhập lại cho đúng)",
        "Remove this indicator (to enter it again correctly)",
    );
    pub const ADD_CRITERION: Text = Text::new("Thêm tiêu chí", "Add a criterion");
    pub const CODE: Text = Text::new("Mã", "Code");
    pub const TEXT: Text = Text::new("Nội dung", "Wording");
    pub const KIND: Text = Text::new("Cách đánh giá", "How it is judged");
    pub const UNIT: Text = Text::new("Đơn vị tính", "Unit");
    pub const THRESHOLD: Text = Text::new("Ngưỡng", "Threshold");
    pub const SCOPE: Text = Text::new("Áp dụng cho", "Applies to");
    pub const YEAR: Text = Text::new(
        "Năm áp dụng (để trống nếu mọi năm)",
        "Year (empty for every year)",
    );
    pub const CITATION: Text = Text::new(
        "Nguồn (số văn bản, điều, phụ lục)",
        "Source (document, article, annex)",
    );
    pub const IS_VERIFIED: Text =
        Text::new("Đã đối chiếu văn bản gốc", "Checked against the legal text");
    pub const SAVE_VERSION: Text = Text::new("Lưu thành phiên bản mới", "Save as a new version");
    pub const NAME: Text = Text::new("Tên tiêu chí", "Criterion name");
    pub const NOT_FOUND: Text = Text::new("Không tìm thấy bộ tiêu chí.", "Criteria set not found.");
    pub const BAD_CODE: Text = Text::new(
        "Mã không hợp lệ hoặc đã có.",
        "The code is invalid or already used.",
    );
    pub const BAD_INPUT: Text = Text::new(
        "Hãy nhập mã, nội dung, nguồn; ngưỡng phải là số.",
        "Enter a code, wording and source; the threshold must be a number.",
    );
    pub const EMPTY: Text = Text::new("chưa nhập", "missing");
    pub const BAD_NUMBER: Text = Text::new(
        "Ngưỡng và năm phải là số (ví dụ 72,5 và 2025).",
        "The threshold and the year must be numbers (for example 72.5 and 2025).",
    );
    pub const READ_ONLY: Text = Text::new(
        "Bộ có sẵn chỉ xem: hãy sao chép để chỉnh sửa.",
        "Built-in sets are read-only: make a copy to edit.",
    );
    pub const CHANGED: Text = Text::new(
        "Bộ tiêu chí vừa thay đổi; hãy mở lại và sửa lại.",
        "The set changed meanwhile; open it again and redo the edit.",
    );
    pub const INVALID: Text = Text::new(
        "Không lưu được vì bộ tiêu chí sẽ bị lỗi",
        "Not saved: the set would be invalid",
    );
    pub const COUNTS: Text = Text::new("được tính trên máy này", "counts on this device");
    pub const PARALLEL_VERSIONS: Text = Text::new(
        "phiên bản song song (hai người cùng sửa một phiên bản)",
        "parallel versions (two people edited the same version)",
    );
    pub const PARALLEL_TITLE: Text = Text::new("Phiên bản song song", "Parallel versions");
    pub const PARALLEL_HINT: Text = Text::new(
        "Bộ tiêu chí này có phiên bản khác do người khác sửa cùng lúc. Khác biệt so với phiên bản đang xem:",
        "Someone else edited this set at the same time. What their version changes compared with this one:",
    );
    pub const SAME_CONTENT: Text = Text::new("Nội dung giống nhau.", "Same content.");
    pub const SETTLE: Text = Text::new(
        "Dùng phiên bản đang xem làm bản chính",
        "Use the version shown as the current one",
    );
    pub const NOT_CURRENT: Text = Text::new("Đã có phiên bản mới hơn:", "A newer version exists:");
    pub const EMPTY_SET: Text = Text::new(
        "Bộ tiêu chí này chưa có tiêu chí nào. Hãy nhận bộ tiêu chí của tỉnh hoặc xã (Trao đổi → Nhập tệp), hoặc sao chép bộ này để nhập các tiêu chí theo quyết định của tỉnh.",
        "This set has no criteria yet. Receive your province's or commune's set (Exchange → Import), or copy this one and enter the criteria of the province's decision.",
    );
    pub const ADOPT_TITLE: Text = Text::new("Tính vào số liệu đạt chuẩn", "Count towards a level");
    pub const ADOPT_HINT: Text = Text::new(
        "Chỉ bộ tiêu chí quốc gia và bộ bạn chọn ở đây (trên máy này) được dùng để đếm xã, thôn đạt chuẩn. Bộ nhận qua tệp không tự được tính.",
        "Only the national sets and those you choose here (on this device) count communes and villages reaching a level. A set received in a file does not count by itself.",
    );
    pub const VILLAGE_DEFAULT: Text = Text::new(
        "Dùng cho các thôn của xã",
        "Use for the villages of a commune",
    );
    pub const VILLAGE_DEFAULT_HINT: Text = Text::new(
        "Các thôn của xã được chọn sẽ đánh giá theo bộ này; lựa chọn đi kèm tệp gửi cho trưởng thôn.",
        "The commune's villages are assessed with this set; the choice travels in files to village heads.",
    );
    pub const USE_FOR_VILLAGES: Text = Text::new("Dùng cho các thôn", "Use for its villages");
    pub const CHOSEN: Text = Text::new("đang dùng", "in use");
    pub const SEND: Text = Text::new(
        "Gửi bộ tiêu chí này (xuất tệp)",
        "Send this set (export a file)",
    );
    pub const NUMBER: Text = Text::new("Số tiêu chí", "Criterion number");
    pub const EDIT_CRITERION: Text = Text::new("Sửa số, tên tiêu chí", "Renumber or rename");
}

/// What an indicator kind asks for, in words.
pub fn kind_text(k: IndicatorKind) -> Text {
    match k {
        IndicatorKind::PassFail => Text::new("Đạt / không đạt", "Pass / fail"),
        IndicatorKind::PercentAtLeast => Text::new("Tỷ lệ % từ … trở lên", "Percent at least"),
        IndicatorKind::PercentAtMost => Text::new("Tỷ lệ % không quá …", "Percent at most"),
        IndicatorKind::NumberAtLeast => Text::new("Số từ … trở lên", "Number at least"),
        IndicatorKind::NumberAtMost => Text::new("Số không quá …", "Number at most"),
        IndicatorKind::CountAtLeast => Text::new("Số lượng từ … trở lên", "Count at least"),
        IndicatorKind::Text => Text::new("Ghi bằng chữ", "Text"),
    }
}

/// Why a sets form was not saved, in words: which field and what is wrong.
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    let field_name = |f: Field| match f {
        Field::Title => t::NEW_TITLE,
        Field::Code => t::CODE,
        Field::Text => t::TEXT,
        Field::Name => t::NAME,
        Field::Unit => t::UNIT,
        Field::Citation => t::CITATION,
    };
    match r {
        Refusal::Code => t::BAD_CODE.get(lang).to_string(),
        Refusal::Missing(f) => format!("{}: {}", field_name(*f).get(lang), t::EMPTY.get(lang)),
        Refusal::Number => t::BAD_NUMBER.get(lang).to_string(),
        Refusal::Character { field, character } => Message::Refused {
            field: field_name(*field),
            character: *character,
        }
        .get(lang),
        Refusal::Edit(EditError::Invalid(problems)) => format!(
            "{}: {}",
            t::INVALID.get(lang),
            problems
                .iter()
                .map(|p| p.message(lang))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Refusal::Edit(EditError::BuiltinReadOnly) => t::READ_ONLY.get(lang).to_string(),
        Refusal::Edit(EditError::UnknownCriterion(_) | EditError::UnknownIndicator(_)) => {
            t::CHANGED.get(lang).to_string()
        }
    }
}

/// A set in the list of sets.
#[derive(Clone, Debug, PartialEq)]
pub struct SetItem {
    pub set_id: String,
    pub lineage: String,
    pub href: String,
    pub label: String,
    pub criteria: usize,
    pub builtin: bool,
    /// Counted for a level on this device.
    pub counts: bool,
    /// Current versions of its lineage (more than one: edited in parallel).
    pub heads: usize,
}

/// The current sets, built-in first.
pub fn set_list(ws: &Workspace, lang: Lang) -> Vec<SetItem> {
    ws.current_sets()
        .into_iter()
        .map(|s| SetItem {
            set_id: s.set_id().to_string(),
            lineage: s.id.clone(),
            href: set_path(s),
            label: label_with_owner(ws, s, lang),
            criteria: s.criteria.len(),
            builtin: s.builtin,
            counts: !ws.adopted_levels(&s.id).is_empty(),
            heads: ws.heads(&s.id).len(),
        })
        .collect()
}

/// Another current version of a set's lineage and what it changes compared with the one
/// shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ParallelVersion {
    pub version: String,
    pub href: String,
    pub label: String,
    pub changes: Vec<String>,
}

/// The other current versions of `set`'s lineage (each with its changes), and the newest
/// current version when `set` is not itself current (href, label).
pub fn versions(
    ws: &Workspace,
    set: &CriteriaSet,
    lang: Lang,
) -> (Vec<ParallelVersion>, Option<(String, String)>) {
    let heads = ws.heads(&set.id);
    let others = heads
        .iter()
        .filter(|h| h.version != set.version)
        .map(|h| ParallelVersion {
            version: h.version.clone(),
            href: set_path(h),
            label: h.label(lang),
            changes: diff(set, h).iter().map(|c| c.describe(lang)).collect(),
        })
        .collect();
    let newer = (!heads.iter().any(|h| h.version == set.version))
        .then(|| heads.first().map(|h| (set_path(h), h.label(lang))))
        .flatten();
    (others, newer)
}

/// The levels a set may be counted for: commune levels for commune sets, "thôn NTM" for
/// village sets.
pub fn adoptable_levels(set: &CriteriaSet) -> Vec<SetLevel> {
    if set.level.is_village_level() {
        vec![SetLevel::ThonNtm]
    } else {
        vec![SetLevel::XaNtm, SetLevel::XaNangCao, SetLevel::XaKieuMau]
    }
}

/// The threshold scopes a set's dimension offers: (picker key, words).
pub fn threshold_scopes(dimension: ThresholdDimension, lang: Lang) -> Vec<(String, String)> {
    let scopes: Vec<ThresholdScope> = std::iter::once(ThresholdScope::All)
        .chain(match dimension {
            ThresholdDimension::Regions => Region::VARIANTS
                .iter()
                .map(|r| ThresholdScope::Region(*r))
                .collect::<Vec<_>>(),
            ThresholdDimension::CommuneGroups => CommuneGroup::VARIANTS
                .iter()
                .map(|g| ThresholdScope::Group(*g))
                .collect(),
            ThresholdDimension::None => vec![],
        })
        .collect();
    scopes
        .into_iter()
        .map(|s| (scope_key(s), s.label(lang)))
        .collect()
}

/// A set's label, with whose it is when another current set of the workspace has the same
/// code and title (a province's set and a commune's copy of it look alike in a picker, and
/// an official could quote the wrong one's figures): "… · của Tỉnh Thanh Hóa".
pub fn label_with_owner(ws: &Workspace, set: &CriteriaSet, lang: Lang) -> String {
    let alike = ws
        .current_sets()
        .into_iter()
        .any(|o| o.id != set.id && o.code == set.code && o.title == set.title);
    let label = set.label(lang);
    match (alike, owner_words(ws, set, lang)) {
        (true, Some(owner)) => format!("{label} · {owner}"),
        _ => label,
    }
}

/// Whose a set is, in words: the unit its lineage names ("của Tỉnh Thanh Hóa", "của Xã
/// Thiệu Hóa"), the national set for a built-in one, else the start of its lineage id.
pub fn owner_words(ws: &Workspace, set: &CriteriaSet, lang: Lang) -> Option<String> {
    use crate::domain::set_versions::{lineage_owner, LineageOwner};
    use crate::domain::units::UnitRef;
    let of = lang.pick("của", "by");
    let named = |unit: UnitRef, code: &str| {
        let name = ws
            .unit_name(&unit.key())
            .map(str::to_string)
            .unwrap_or_else(|| code.to_string());
        format!("{of} {name}")
    };
    if set.builtin {
        return Some(lang.pick("bộ quốc gia", "national set").into());
    }
    Some(match lineage_owner(&set.id) {
        LineageOwner::Province(p) => named(UnitRef::Province(p.clone()), &p),
        LineageOwner::Commune(c) => named(UnitRef::Commune(c.clone()), &c),
        LineageOwner::Unmarked => format!(
            "{} {}",
            lang.pick("mã", "id"),
            set.id.chars().take(8).collect::<String>()
        ),
    })
}
