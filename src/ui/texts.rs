//! All interface strings. Grouped by page; Vietnamese first.

use super::i18n::Text;

pub const APP_NAME: Text = Text::new("Sổ theo dõi Nông thôn mới", "New Rural Development tracker");
pub const APP_SHORT: Text = Text::new("Sổ NTM", "NTM tracker");
pub const NAV_HOME: Text = Text::new("Trang chủ", "Home");
pub const NAV_UNITS: Text = Text::new("Đơn vị", "Units");
pub const NAV_OCOP: Text = Text::new("OCOP", "OCOP");
pub const NAV_PLANS: Text = Text::new("Kế hoạch", "Plans");
pub const NAV_SETS: Text = Text::new("Bộ tiêu chí", "Criteria sets");
pub const NAV_CHARTS: Text = Text::new("Biểu đồ", "Charts");
pub const NAV_EXCHANGE: Text = Text::new("Trao đổi", "Exchange");
pub const NAV_SYNC: Text = Text::new("Đồng bộ", "Sync");
pub const NAV_STORAGE: Text = Text::new("Lưu trữ", "Storage");
pub const NAV_MAIN: Text = Text::new("Điều hướng chính", "Main navigation");
pub const SWITCH_LANG: Text = Text::new("English", "Tiếng Việt");
/// Starts with the visible text, as a spoken command names the button by what it shows.
pub const SWITCH_LANG_LABEL: Text = Text::new(
    "English – chuyển sang tiếng Anh",
    "Tiếng Việt – switch to Vietnamese",
);
pub const UPDATE_READY: Text = Text::new("Có phiên bản mới", "A new version is ready");
pub const UPDATE_RELOAD: Text = Text::new("Tải lại", "Reload");

pub const HOME_INTRO: Text = Text::new(
    "Ghi nhận kết quả thực hiện bộ tiêu chí nông thôn mới và sản phẩm OCOP của thôn, xã ngay trên điện thoại, kể cả khi không có mạng. Dữ liệu được lưu trên máy này.",
    "Record which New Rural Development criteria your village and commune meet, and your OCOP products, on your phone, even without signal. Data stays on this device.",
);
pub const GREETING: Text = Text::new("Xin chào", "Hello");
pub const LOADING: Text = Text::new("Đang tải…", "Loading…");

pub const READ_FAILED: Text = Text::new(
    "Không đọc được dữ liệu trên máy nên các trang chưa hiện được số liệu (dữ liệu không bị xoá). Hãy tải lại trang.",
    "The data on this device could not be read, so the pages cannot show it yet (nothing was deleted). Reload the page.",
);
pub const STORE_QUOTA: Text = Text::new(
    "Bộ nhớ của trình duyệt đã đầy nên chưa lưu được. Hãy xuất dữ liệu ra tệp và giải phóng bộ nhớ máy.",
    "The browser's storage is full, so this was not saved. Export your data to a file and free some space.",
);
pub const STORE_UNAVAILABLE: Text = Text::new(
    "Trình duyệt không cho phép lưu dữ liệu (có thể đang ở chế độ ẩn danh). Hãy mở ứng dụng trong cửa sổ thường.",
    "The browser does not allow storing data (private browsing?). Open the app in a normal window.",
);
pub const STORE_VERSION: Text = Text::new(
    "Ứng dụng đang mở ở thẻ khác với phiên bản khác. Hãy đóng các thẻ khác rồi tải lại trang.",
    "The app is open in another tab with another version. Close other tabs and reload.",
);
pub const STORE_OTHER: Text = Text::new(
    "Không lưu được dữ liệu do lỗi của trình duyệt. Dữ liệu cũ vẫn còn nguyên.",
    "The browser could not save the data. Your earlier data is unchanged.",
);
pub const ERROR_DETAIL: Text = Text::new("Chi tiết kỹ thuật", "Technical detail");

pub const CHARTS_TITLE: Text = Text::new("Biểu đồ", "Charts");
pub const CHART_BANDS_TITLE: Text = Text::new(
    "Số xã theo số tiêu chí đạt — ví dụ: Thừa Thiên Huế, 12/2018",
    "Communes by criteria met — example: Thừa Thiên Huế, 12/2018",
);
pub const CHART_EXAMPLE_NOTE: Text = Text::new(
    "Số liệu mẫu từ báo cáo công khai, chưa phải dữ liệu của bạn.",
    "Sample figures from a public report, not your data.",
);
pub const CHART_LOADING: Text = Text::new("Đang vẽ biểu đồ…", "Drawing the chart…");
pub const CHART_FAILED: Text = Text::new(
    "Không vẽ được biểu đồ. Bảng số liệu bên dưới vẫn đầy đủ.",
    "The chart could not be drawn. The table below has every figure.",
);
pub const CHART_SAVE_PNG: Text = Text::new("Lưu ảnh PNG", "Save as PNG");
pub const TABLE_GROUP: Text = Text::new("Nhóm", "Group");
pub const TABLE_COMMUNES: Text = Text::new("Số xã", "Communes");
pub const TABLE_TOTAL: Text = Text::new("Tổng", "Total");

pub const STORAGE_TITLE: Text = Text::new("Tình trạng lưu trữ", "Storage status");
pub const STORAGE_PERSISTED: Text = Text::new("Lưu trữ bền vững", "Persistent storage");
pub const STORAGE_PERSISTED_YES: Text = Text::new(
    "Đã được cấp: trình duyệt sẽ không tự xoá dữ liệu.",
    "Granted: the browser will not evict the data.",
);
pub const STORAGE_PERSISTED_NO: Text = Text::new(
    "Chưa được cấp: trình duyệt có thể xoá dữ liệu khi máy thiếu bộ nhớ. Hãy thường xuyên xuất tệp sao lưu.",
    "Not granted: the browser may evict the data when space runs low. Export backups often.",
);
pub const STORAGE_PERSISTED_UNKNOWN: Text =
    Text::new("Trình duyệt không cho biết.", "The browser does not say.");
pub const STORAGE_PERSIST_ASK: Text =
    Text::new("Xin lưu trữ bền vững", "Ask for persistent storage");
pub const STORAGE_USAGE: Text = Text::new("Dung lượng đã dùng", "Space used");
pub const STORAGE_OF: Text = Text::new("trên", "of");
pub const STORAGE_SCHEMA: Text = Text::new("Phiên bản cơ sở dữ liệu", "Database version");
pub const STORAGE_DEVICE: Text = Text::new("Mã thiết bị", "Device id");
pub const STORAGE_KEY: Text = Text::new(
    "Mã máy (để người nhận tệp so qua điện thoại)",
    "Device code (for whoever receives your files to compare by phone)",
);
pub const STORAGE_IOS_HINT: Text = Text::new(
    "Trên iPhone/iPad: hãy chọn Chia sẻ → \"Thêm vào MH chính\" để Safari không xoá dữ liệu sau 7 ngày không mở.",
    "On iPhone/iPad: choose Share → \"Add to Home Screen\" so Safari does not delete the data after 7 days unused.",
);
