//! The first-run steps in words.

use crate::domain::units::VillageKind;
use crate::present::text::Text;

pub mod t {
    use crate::present::text::Text;
    pub const WELCOME: Text = Text::new("Bắt đầu sử dụng", "Getting started");
    pub const LANGUAGE: Text = Text::new("Ngôn ngữ", "Language");
    pub const NAME: Text = Text::new("Họ và tên", "Full name");
    pub const NAME_HINT: Text = Text::new(
        "Tên này được ghi kèm mỗi thay đổi bạn nhập.",
        "This name is recorded with every change you make.",
    );
    pub const ROLE: Text = Text::new("Vai trò", "Role");
    pub const NEXT: Text = Text::new("Tiếp tục", "Continue");
    pub const BACK: Text = Text::new("Quay lại", "Back");
    pub const UNIT: Text = Text::new("Đơn vị của bạn", "Your unit");
    pub const PROVINCE: Text = Text::new("Tỉnh, thành phố", "Province or city");
    pub const PICK_PROVINCE: Text = Text::new("— Chọn tỉnh, thành phố —", "— Choose a province —");
    pub const COMMUNE: Text = Text::new("Xã, phường, đặc khu", "Commune or ward");
    pub const COMMUNE_HINT: Text = Text::new(
        "Gõ tên, có dấu hay không dấu đều được (ví dụ: thieu hoa).",
        "Type the name, with or without diacritics (e.g. thieu hoa).",
    );
    pub const RESULTS: Text = Text::new("Kết quả tìm kiếm", "Search results");
    pub const CHOSEN: Text = Text::new("Đã chọn", "Chosen");
    pub const NO_MATCH: Text = Text::new(
        "Không tìm thấy. Hãy kiểm tra lại tên.",
        "No match. Check the name.",
    );
    pub const LOADING_LIST: Text = Text::new(
        "Đang tải danh mục đơn vị hành chính…",
        "Loading the list of units…",
    );
    pub const LIST_FAILED: Text = Text::new(
        "Không tải được danh mục đơn vị. Hãy kết nối mạng một lần rồi thử lại.",
        "Could not load the list of units. Connect once and try again.",
    );
    pub const VILLAGES: Text = Text::new("Thôn, bản, ấp của xã", "Villages of the commune");
    pub const VILLAGES_HINT: Text = Text::new(
        "Thêm các thôn bạn theo dõi. Có thể thêm sau.",
        "Add the villages you follow. You can add more later.",
    );
    pub const VILLAGE_NAME: Text = Text::new("Tên thôn", "Village name");
    pub const VILLAGE_KIND: Text = Text::new("Loại", "Kind");
    pub const ADD_VILLAGE: Text = Text::new("Thêm thôn", "Add village");
    pub const FINISH: Text = Text::new("Hoàn tất", "Finish");
    pub const DEMO: Text = Text::new("Xem dữ liệu mẫu", "See the demo data");
    pub const DEMO_HINT: Text = Text::new(
        "Một tỉnh hư cấu (\"Tỉnh Mẫu\") với 100 xã, các thôn, 4 kỳ đánh giá, sản phẩm OCOP và kế hoạch, để xem thử ứng dụng.",
        "A fictional province (\"Tỉnh Mẫu\") with 100 communes, villages, 4 periods, OCOP products and plans, to try the app.",
    );
    pub const NEED_NAME: Text = Text::new("Vui lòng nhập họ và tên.", "Please enter your name.");
    pub const NEED_COMMUNE: Text =
        Text::new("Vui lòng chọn xã, phường.", "Please choose a commune.");
    pub const BAD_VILLAGE: Text = Text::new(
        "Tên thôn không hợp lệ (1–120 ký tự, không có dấu < >).",
        "Invalid village name (1–120 characters, no < or >).",
    );
    pub const NEED_PROVINCE: Text = Text::new(
        "Vui lòng chọn tỉnh, thành phố.",
        "Please choose a province.",
    );
    pub const NEED_VILLAGE: Text = Text::new(
        "Vui lòng chọn hoặc nhập tên thôn của bạn.",
        "Please choose or type your village.",
    );
    pub const RECEIVE: Text = Text::new("Nhận tệp từ xã", "Receive the commune's file");
    pub const RECEIVE_HINT: Text = Text::new(
        "Nếu cán bộ xã đã gửi tệp (qua Zalo, thư…), hãy chọn tệp đó: xã, các thôn và bộ tiêu chí của xã được nhập sẵn, bạn chỉ cần chọn thôn của mình.",
        "If the commune official sent you a file (Zalo, e-mail…), choose it: the commune, its villages and its criteria set come with it; you only pick your village.",
    );
    pub const RECEIVE_PICK: Text = Text::new(
        "Chọn tệp .json hoặc .json.gz",
        "Choose a .json or .json.gz file",
    );
    pub const RECEIVING: Text = Text::new("Đang đọc tệp…", "Reading the file…");
    pub const RECEIVED: Text = Text::new("Đã nhận tệp của", "Received the file of");
    pub const FILE_NOT_ONE_COMMUNE: Text = Text::new(
        "Tệp này không phải tệp của một xã (cần đúng một xã). Hãy nhờ cán bộ xã xuất tệp theo phạm vi “xã”.",
        "This is not a commune's file (it must hold exactly one commune). Ask the commune official to export the commune.",
    );
    pub const OWN_VILLAGE: Text = Text::new("Thôn của bạn", "Your village");
    pub const VILLAGES_IN_FILE: Text = Text::new(
        "Các thôn trong tệp của xã",
        "Villages in the commune's file",
    );
    pub const OTHER_VILLAGE: Text = Text::new(
        "Thôn khác (nhập tên bên dưới)",
        "Another village (type its name below)",
    );
}

/// What a village is called, by kind.
pub fn village_kind_text(k: VillageKind) -> Text {
    match k {
        VillageKind::Thon => Text::new("Thôn", "Village (thôn)"),
        VillageKind::Ban => Text::new("Bản", "Hamlet (bản)"),
        VillageKind::Ap => Text::new("Ấp", "Hamlet (ấp)"),
        VillageKind::KhuDanCu => Text::new("Khu dân cư", "Residential area"),
        VillageKind::ToDanPho => Text::new("Tổ dân phố", "Street group"),
    }
}
