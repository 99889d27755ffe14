//! The dashboard's words, in Vietnamese and English.

use crate::present::text::Text;
pub const SCOPE: Text = Text::new("Phạm vi", "Scope");
pub const SET: Text = Text::new("Bộ tiêu chí", "Criteria set");
pub const PERIOD: Text = Text::new("Kỳ báo cáo", "Period");
pub const SUMMARY: Text = Text::new("Số liệu chính", "Key figures");
pub const COMMUNES: Text = Text::new("Số xã tính", "Communes counted");
pub const FROM_LIST: Text = Text::new(
    "xã theo danh mục chính thức",
    "rural communes of the official list",
);
pub const FROM_LIST_WARDS: Text = Text::new(
    "xã, phường, đặc khu theo danh mục chính thức",
    "communes, wards and special zones of the official list",
);
pub const FROM_DEVICE: Text = Text::new(
    "chỉ các xã có trên máy (chưa tải được danh mục chính thức)",
    "only communes on this device (the official list could not be loaded)",
);
pub const WITH_DATA: Text = Text::new("Có số liệu kỳ này", "With data this period");
pub const WITH_DATA_SHORT: Text = Text::new("có số liệu", "with data");
pub const AVERAGE: Text = Text::new("Bình quân tiêu chí/xã", "Average criteria per commune");
pub const MEETING: Text = Text::new(
    "Đạt đủ tiêu chí của bộ đang xem",
    "Meeting every criterion of this set",
);
pub const NOT_MEETING: Text = Text::new("Đã đánh giá, chưa đạt", "Assessed, not meeting");
pub const NO_DATA: Text = Text::new("Chưa có số liệu kỳ này", "No data this period");
pub const NO_DATA_LIST: Text = Text::new(
    "Các xã chưa có số liệu kỳ này",
    "Communes without data this period",
);
pub const OTHER_VERSION: Text = Text::new(
    "có số liệu theo phiên bản khác:",
    "has data against another version:",
);
pub const UNIT_XA: Text = Text::new("xã", "communes");
pub const UNIT_THON: Text = Text::new("thôn", "villages");
pub const INCLUDE_WARDS: Text = Text::new(
    "Tính cả phường, đặc khu",
    "Count wards and special zones too",
);
pub const WARDS_LEFT_OUT: Text = Text::new(
    "phường, đặc khu có số liệu nhưng không được tính (đánh dấu “Tính cả phường, đặc khu” để tính).",
    "wards or special zones have data but are not counted (tick “Count wards and special zones too”).",
);
pub const COUNTED_BY: Text = Text::new("theo", "by");
pub const NO_COUNTING_SET: Text = Text::new(
    "chưa có số liệu theo bộ tiêu chí được tính (bộ có sẵn, hoặc bộ được chọn để tính trên máy này)",
    "no data against a set that counts (built in, or adopted on this device)",
);
pub const NTM: Text = Text::new("Xã đạt chuẩn NTM", "Communes reaching NTM");
pub const NANG_CAO: Text = Text::new("Xã đạt NTM nâng cao", "Advanced NTM communes");
pub const KIEU_MAU: Text = Text::new("Xã đạt NTM kiểu mẫu", "Model NTM communes");
pub const NOT_YET: Text = Text::new("Chưa đạt chuẩn", "Not yet NTM");
pub const VILLAGES: Text = Text::new("Thôn đạt chuẩn NTM", "Villages meeting NTM");
pub const CHANGE: Text = Text::new("So với kỳ trước", "Since the previous period");
pub const NO_PREVIOUS: Text = Text::new(
    "Kỳ trước chưa có số liệu.",
    "No figures for the previous period.",
);
pub const BANDS: Text = Text::new("Số xã theo số tiêu chí đạt", "Communes by criteria met");
pub const LEVELS: Text = Text::new("Xã theo mức đạt chuẩn", "Communes by level");
pub const RATES: Text = Text::new(
    "Tỷ lệ xã đạt từng tiêu chí (thấp nhất trước)",
    "Share of communes meeting each criterion (weakest first)",
);
pub const TREND: Text = Text::new("Diễn biến qua các kỳ", "Trend over periods");
pub const TREND_AVG: Text = Text::new("Bình quân tiêu chí/xã", "Average criteria");
pub const TREND_MEET: Text = Text::new("Số xã đạt đủ tiêu chí", "Communes meeting all");
pub const MATRIX: Text = Text::new("Kết quả từng xã theo tiêu chí", "Each commune by criterion");
pub const MATRIX_HINT: Text = Text::new(
    "Kéo ngang, kéo dọc để xem hết bảng.",
    "Scroll sideways and down to see it all.",
);
pub const RADAR: Text = Text::new("Tiêu chí của một xã", "One commune's criteria");
pub const COMMUNE: Text = Text::new("Xã", "Commune");
pub const OCOP: Text = Text::new(
    "Sản phẩm OCOP được công nhận trong kỳ",
    "OCOP products certified in the period",
);
pub const STARS: Text = Text::new("Số sao", "Stars");
pub const PRODUCTS: Text = Text::new("Sản phẩm", "Products");
pub const GROUP: Text = Text::new("Nhóm sản phẩm", "Product group");
pub const CRITERION: Text = Text::new("Tiêu chí", "Criterion");
pub const RATE: Text = Text::new("Tỷ lệ đạt", "Share met");
pub const MET_OF: Text = Text::new("Đạt / áp dụng", "Met / applicable");
pub const LEVEL: Text = Text::new("Mức", "Level");
pub const REPORT: Text = Text::new(
    "Biểu tổng hợp kết quả thực hiện bộ tiêu chí",
    "Summary of results against the criteria set",
);
pub const PRINT: Text = Text::new(
    "In báo cáo (A4, lưu PDF)",
    "Print the report (A4, save as PDF)",
);
pub const CSV: Text = Text::new("Tải biểu tổng hợp (CSV)", "Download the summary (CSV)");
pub const XLSX: Text = Text::new("Tải biểu tổng hợp (Excel)", "Download the summary (Excel)");
pub const RAW_CSV: Text = Text::new("Tải số liệu gốc (CSV)", "Download raw values (CSV)");
pub const RAW_XLSX: Text = Text::new("Tải số liệu gốc (Excel)", "Download raw values (Excel)");
pub const MET: Text = Text::new("Đạt", "Met");
pub const NOT_MET: Text = Text::new("Chưa đạt", "Not met");
pub const NA: Text = Text::new("Không áp dụng", "Not applicable");
pub const LEGEND: Text = Text::new(
    "✓ đạt · ✗ chưa đạt · – không áp dụng · ô trống: chưa đánh giá",
    "✓ met · ✗ not met · – not applicable · empty: not assessed",
);
pub const PLAN: Text = Text::new("Kế hoạch năm", "Plan for");
pub const PLAN_ITEM: Text = Text::new("Nội dung", "Item");
pub const REGISTERED: Text = Text::new("Đăng ký", "Registered");
pub const ACHIEVED: Text = Text::new("Đã đạt", "Achieved");
pub const PROGRESS: Text = Text::new("Tiến độ", "Progress");
pub const NO_PLAN: Text = Text::new(
    "Chưa có kế hoạch cho phạm vi và năm này (trang Kế hoạch).",
    "No plan for this scope and year (Plans page).",
);
pub const NO_SET: Text = Text::new(
    "Chưa có kết quả đánh giá nào cho phạm vi này.",
    "No assessments for this scope yet.",
);
pub const SHOW_ALL_ROWS: Text = Text::new("Hiện tất cả", "Show all");
pub const MATRIX_ALL: Text = Text::new("Hiện cả ma trận", "Show the whole matrix");
pub const SUMMARY_TABLE: Text = Text::new(
    "Biểu tổng hợp kết quả thực hiện bộ tiêu chí",
    "Summary table of the criteria",
);
