//! The OCOP pages in words, and the product list: each product with its latest rating,
//! filtered as the list's form asks.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::keys::from_key;
use crate::domain::ocop::{latest_ratings, CertificateStatus, OcopGroup, Product, Rating};
use crate::domain::sync::Record;
use crate::domain::text::{fold, match_rank_folded};

/// Certificates expiring within this many days are flagged.
pub const WARN_DAYS: i64 = 90;

/// The list's filter as the form holds it: stars ("3"–"5", "low" for under 3 or not
/// rated, "" for all), group and commune by key ("" for all), only certificates expiring
/// or expired, hidden products too, and a search of names and producers (without
/// diacritics).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OcopFilter {
    pub stars: String,
    pub group: String,
    pub commune: String,
    pub expiring: bool,
    pub hidden: bool,
    pub query: String,
}

/// A product of the list, with its latest live rating and whether it is hidden.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductRow {
    pub product: Product,
    pub rating: Option<Rating>,
    pub hidden: bool,
}

/// The products the filter keeps, by name, each with its latest live rating (a rating
/// entered wrongly and hidden does not count).
pub fn product_list(
    products: &[Record<Product>],
    ratings: &[Record<Rating>],
    f: &OcopFilter,
    today: NaiveDate,
) -> Vec<ProductRow> {
    let live: Vec<Rating> = ratings
        .iter()
        .filter(|r| !r.archived)
        .map(|r| r.data.clone())
        .collect();
    let latest: HashMap<&str, &Rating> = latest_ratings(&live)
        .into_iter()
        .map(|r| (r.product_id.as_str(), r))
        .collect();
    let q = fold(f.query.trim());
    // Parsed once, compared as values (not a name made per product and keystroke).
    let group: Option<OcopGroup> = from_key(&f.group);
    let mut list: Vec<ProductRow> = products
        .iter()
        .filter(|p| f.hidden || !p.archived)
        .filter(|p| {
            q.is_empty()
                || match_rank_folded(&q, &fold(&p.data.name)).is_some()
                || match_rank_folded(&q, &fold(&p.data.producer)).is_some()
        })
        .filter(|p| f.group.is_empty() || group == Some(p.data.group))
        .filter(|p| f.commune.is_empty() || p.data.commune_code == f.commune)
        .map(|p| ProductRow {
            product: p.data.clone(),
            rating: latest.get(p.id.as_str()).map(|r| (*r).clone()),
            hidden: p.archived,
        })
        .filter(|row| {
            let r = row.rating.as_ref();
            let star_ok = match f.stars.as_str() {
                "" => true,
                "low" => r.is_none_or(|r| !r.is_certified()),
                n => r.is_some_and(|r| r.is_certified() && r.stars().to_string() == n),
            };
            let expiring_ok = !f.expiring
                || r.is_some_and(|r| {
                    matches!(
                        r.status(today, WARN_DAYS),
                        CertificateStatus::ExpiringSoon { .. } | CertificateStatus::Expired
                    )
                });
            star_ok && expiring_ok
        })
        .collect();
    list.sort_by(|a, b| a.product.name.cmp(&b.product.name));
    list
}

pub mod t {
    use crate::present::text::Text;
    pub const TITLE: Text = Text::new("Sản phẩm OCOP", "OCOP products");
    pub const ADD: Text = Text::new("Thêm sản phẩm", "Add a product");
    pub const STARS: Text = Text::new("Hạng sao", "Stars");
    pub const ALL: Text = Text::new("Tất cả", "All");
    pub const NOT_RATED: Text = Text::new("Chưa đạt 3 sao", "Under 3 stars");
    pub const GROUP: Text = Text::new("Nhóm sản phẩm", "Product group");
    pub const COMMUNE: Text = Text::new("Xã, phường", "Commune");
    pub const EXPIRING: Text = Text::new(
        "Chỉ hiện sản phẩm sắp hết hạn hoặc đã hết hạn",
        "Only expiring or expired",
    );
    pub const NONE: Text = Text::new("Chưa có sản phẩm nào phù hợp.", "No matching products.");
    pub const NAME: Text = Text::new("Tên sản phẩm", "Product name");
    pub const SUBGROUP: Text = Text::new("Phân nhóm", "Sub-group");
    pub const PRODUCER: Text = Text::new("Chủ thể", "Producer");
    pub const PRODUCER_KIND: Text = Text::new("Loại chủ thể", "Producer type");
    pub const SAVE: Text = Text::new("Lưu", "Save");
    pub const ARCHIVE: Text = Text::new("Ẩn sản phẩm", "Hide product");
    pub const ARCHIVE_ASK: Text = Text::new(
        "Ẩn sản phẩm này? Sản phẩm không còn được tính trong số liệu; bấm “Hiện mục đã ẩn” ở danh sách để hiện lại.",
        "Hide this product? It no longer counts in the figures; “Show hidden items” in the list brings it back.",
    );
    pub const ARCHIVE_YES: Text = Text::new("Ẩn", "Hide");
    pub const CANCEL: Text = Text::new("Huỷ", "Cancel");
    pub const HIDDEN_LABEL: Text = Text::new("Ẩn sản phẩm", "Hide product");
    pub const ARCHIVE_RATING: Text = Text::new(
        "Ẩn kết quả này (nhập sai)",
        "Hide this rating (entered wrongly)",
    );
    pub const HIDE_RATING_LABEL: Text = Text::new("Ẩn kết quả đánh giá", "Hide rating");
    pub const SHOW_HIDDEN: Text = Text::new("Hiện mục đã ẩn", "Show hidden items");
    pub const HIDDEN: Text = Text::new("đã ẩn", "hidden");
    pub const RESTORE: Text = Text::new("Hiện lại", "Show again");
    pub const SEARCH: Text = Text::new(
        "Tìm sản phẩm hoặc chủ thể (có dấu hay không dấu)",
        "Find a product or producer (with or without diacritics)",
    );
    pub const COUNT: Text = Text::new("sản phẩm", "products");
    pub const MORE: Text = Text::new("Xem thêm", "Show more");
    pub const LEFT: Text = Text::new("còn", "left");
    pub const RATINGS: Text = Text::new("Kết quả đánh giá, phân hạng", "Ratings");
    pub const ADD_RATING: Text = Text::new("Thêm kết quả đánh giá", "Add a rating");
    pub const POINTS_A: Text = Text::new(
        "Phần A: sản phẩm và sức mạnh cộng đồng (tối đa 40)",
        "Part A: product and community (max 40)",
    );
    pub const POINTS_B: Text = Text::new(
        "Phần B: khả năng tiếp thị (tối đa 25)",
        "Part B: marketing (max 25)",
    );
    pub const POINTS_C: Text = Text::new(
        "Phần C: chất lượng sản phẩm (tối đa 35)",
        "Part C: quality (max 35)",
    );
    pub const TOTAL: Text = Text::new("Tổng điểm", "Total points");
    pub const LEVEL: Text = Text::new("Cấp công nhận", "Certified by");
    pub const DECISION: Text = Text::new("Số quyết định", "Decision number");
    pub const ISSUED: Text = Text::new("Ngày cấp", "Issue date");
    pub const EXPIRES: Text = Text::new("Hết hạn", "Expires");
    pub const VALID: Text = Text::new("Còn hạn", "Valid");
    pub const EXPIRING_SOON: Text = Text::new("Sắp hết hạn", "Expiring soon");
    pub const EXPIRED: Text = Text::new("Đã hết hạn", "Expired");
    pub const NOT_CERTIFIED: Text = Text::new(
        "Không được cấp chứng nhận (dưới 3 sao)",
        "Not certified (under 3 stars)",
    );
    pub const DAYS_LEFT: Text = Text::new("ngày", "days");
    pub const POINTS: Text = Text::new("điểm", "points");
    pub const AWAITS_CENTRAL: Text = Text::new(
        "Từ 90 điểm: chờ Trung ương công nhận 5 sao",
        "90+ points: 5 stars await the ministry",
    );
    pub const BAD_POINTS: Text = Text::new(
        "Điểm phải là số trong giới hạn của từng phần.",
        "Points must be numbers within each part's maximum.",
    );
    pub const BAD_DATE: Text = Text::new("Ngày cấp không hợp lệ.", "Invalid issue date.");
    pub const BAD_NAME: Text = Text::new(
        "Tên sản phẩm và chủ thể: bắt buộc, tối đa 200 ký tự, không có dấu < >.",
        "Product and producer names: required, at most 200 characters, no < or >.",
    );
    pub const NO_COMMUNE: Text = Text::new(
        "Hãy thêm xã ở trang Đơn vị trước.",
        "Add a commune on the Units page first.",
    );
    pub const NOT_FOUND: Text = Text::new("Không tìm thấy sản phẩm.", "Product not found.");
    pub const LVL_DISTRICT: Text = Text::new("Huyện (trước 7/2025)", "District (before 7/2025)");
    pub const LVL_PROVINCE: Text = Text::new("Tỉnh", "Province");
    pub const LVL_CENTRAL: Text = Text::new("Trung ương", "Central");
    pub const POINTS_HINT: Text = Text::new(
        "Điểm → sao theo QĐ 148/QĐ-TTg: 1★ < 30 ≤ 2★ < 50 ≤ 3★ < 70 ≤ 4★ < 90 ≤ 5★; chứng nhận 3–5★ có giá trị 36 tháng.",
        "Points → stars (QĐ 148/QĐ-TTg): 1★ < 30 ≤ 2★ < 50 ≤ 3★ < 70 ≤ 4★ < 90 ≤ 5★; 3–5★ certificates are valid 36 months.",
    );
}
