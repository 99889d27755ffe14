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
