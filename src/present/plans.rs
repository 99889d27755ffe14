//! Plans in words.

use super::text::Text;
use crate::domain::plans::PlanItem;

/// What a plan item counts, in words.
pub fn item_text(item: PlanItem) -> Text {
    match item {
        PlanItem::CommunesNtm => Text::new("Xã đạt chuẩn nông thôn mới", "Communes reaching NTM"),
        PlanItem::CommunesNangCao => Text::new(
            "Xã đạt chuẩn nông thôn mới nâng cao",
            "Communes reaching advanced NTM",
        ),
        PlanItem::CommunesKieuMau => {
            Text::new("Xã đạt chuẩn nông thôn mới kiểu mẫu", "Model NTM communes")
        }
        PlanItem::VillagesNtm => Text::new("Thôn đạt chuẩn nông thôn mới", "Villages reaching NTM"),
        PlanItem::OcopProducts => {
            Text::new("Sản phẩm OCOP từ 3 sao", "OCOP products, 3 stars and up")
        }
    }
}
