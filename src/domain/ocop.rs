//! OCOP ("Mỗi xã một sản phẩm", QĐ 148/QĐ-TTg 2023): products rated out of 100 points
//! (A 40 + B 25 + C 35), stars by point bands, certificates valid 36 months.
//! Bands 1★ < 30; 2★ 30–< 50; 3★ 50–< 70; 4★ 70–< 90; 5★ 90–100; only 3★–5★ are
//! certified. Since QĐ 1489/QĐ-TTg (2025) the province recognises 3★–4★ and products of
//! ≥ 90 points go to the ministry for 5★.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
pub enum OcopGroup {
    ThucPham,
    DoUong,
    DuocLieu,
    ThuCongMyNghe,
    SinhVatCanh,
    DichVuDuLich,
}

impl OcopGroup {
    pub fn name_vi(self) -> &'static str {
        match self {
            OcopGroup::ThucPham => "Thực phẩm",
            OcopGroup::DoUong => "Đồ uống",
            OcopGroup::DuocLieu => "Dược liệu và sản phẩm từ dược liệu",
            OcopGroup::ThuCongMyNghe => "Hàng thủ công mỹ nghệ",
            OcopGroup::SinhVatCanh => "Sinh vật cảnh",
            OcopGroup::DichVuDuLich => {
                "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"
            }
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            OcopGroup::ThucPham => "Food",
            OcopGroup::DoUong => "Drinks",
            OcopGroup::DuocLieu => "Medicinal herbs and herbal products",
            OcopGroup::ThuCongMyNghe => "Handicrafts",
            OcopGroup::SinhVatCanh => "Ornamental plants and animals",
            OcopGroup::DichVuDuLich => "Community and eco-tourism services and sites",
        }
    }

    pub fn name(self, lang: super::profile::Lang) -> &'static str {
        lang.pick(self.name_vi(), self.name_en())
    }
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
pub enum ProducerKind {
    DoanhNghiep,
    HopTacXa,
    ToHopTac,
    HoSanXuatKinhDoanh,
}

impl ProducerKind {
    pub fn name_vi(self) -> &'static str {
        match self {
            ProducerKind::DoanhNghiep => "Doanh nghiệp",
            ProducerKind::HopTacXa => "Hợp tác xã",
            ProducerKind::ToHopTac => "Tổ hợp tác",
            ProducerKind::HoSanXuatKinhDoanh => "Hộ sản xuất kinh doanh",
        }
    }

    pub fn name(self, lang: super::profile::Lang) -> &'static str {
        let en = match self {
            ProducerKind::DoanhNghiep => "Enterprise",
            ProducerKind::HopTacXa => "Cooperative",
            ProducerKind::ToHopTac => "Cooperative group",
            ProducerKind::HoSanXuatKinhDoanh => "Household business",
        };
        lang.pick(self.name_vi(), en)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: String,
    pub name: String,
    pub group: OcopGroup,
    /// The sub-group (ngành/phân nhóm) as the province lists it.
    #[serde(default)]
    pub subgroup: String,
    pub producer: String,
    pub producer_kind: ProducerKind,
    pub commune_code: String,
    #[serde(default)]
    pub archived: bool,
}

/// Which level certified a rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertifyingLevel {
    /// Before 7/2025 districts rated products too.
    District,
    Province,
    Central,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Points {
    pub a: f64,
    pub b: f64,
    pub c: f64,
}

pub const MAX_A: f64 = 40.0;
pub const MAX_B: f64 = 25.0;
pub const MAX_C: f64 = 35.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointsError {
    /// Part A, B or C is negative, not a number, or above its maximum.
    OutOfRange { part: char, max: u8 },
}

impl Points {
    pub fn validate(&self) -> Result<(), PointsError> {
        for (part, v, max) in [
            ('A', self.a, MAX_A),
            ('B', self.b, MAX_B),
            ('C', self.c, MAX_C),
        ] {
            if !(v.is_finite() && (0.0..=max).contains(&v)) {
                return Err(PointsError::OutOfRange {
                    part,
                    max: max as u8,
                });
            }
        }
        Ok(())
    }

    pub fn total(&self) -> f64 {
        self.a + self.b + self.c
    }
}

/// Stars by total points: 1★ < 30 ≤ 2★ < 50 ≤ 3★ < 70 ≤ 4★ < 90 ≤ 5★.
pub fn stars_for(total: f64) -> u8 {
    match total {
        t if t >= 90.0 => 5,
        t if t >= 70.0 => 4,
        t if t >= 50.0 => 3,
        t if t >= 30.0 => 2,
        _ => 1,
    }
}

/// Certificates run 36 months from the issue date.
pub const VALIDITY_MONTHS: u32 = 36;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub id: String,
    pub product_id: String,
    pub points: Points,
    pub certified_by: CertifyingLevel,
    #[serde(default)]
    pub decision_no: String,
    #[serde(with = "super::iso_date")]
    pub issue_date: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertificateStatus {
    Valid,
    ExpiringSoon {
        days_left: i64,
    },
    Expired,
    /// Under 3 stars: no certificate.
    NotCertified,
}

impl Rating {
    pub fn total(&self) -> f64 {
        self.points.total()
    }

    pub fn stars(&self) -> u8 {
        stars_for(self.total())
    }

    /// Only 3★–5★ are certified.
    pub fn is_certified(&self) -> bool {
        self.stars() >= 3
    }

    /// ≥ 90 points rated by a province: 5★ needs the ministry's recognition.
    pub fn awaits_central_recognition(&self) -> bool {
        self.stars() == 5 && self.certified_by != CertifyingLevel::Central
    }

    /// Issue date + 36 months (end-of-month dates clamp, e.g. 29/02 → 28/02).
    pub fn expiry(&self) -> NaiveDate {
        self.issue_date
            .checked_add_months(Months::new(VALIDITY_MONTHS))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Valid, expiring within `warn_days` of `today`, or expired (on the expiry date itself it has expired).
    pub fn status(&self, today: NaiveDate, warn_days: i64) -> CertificateStatus {
        if !self.is_certified() {
            return CertificateStatus::NotCertified;
        }
        let days_left = (self.expiry() - today).num_days();
        if days_left <= 0 {
            CertificateStatus::Expired
        } else if days_left <= warn_days {
            CertificateStatus::ExpiringSoon { days_left }
        } else {
            CertificateStatus::Valid
        }
    }
}

/// The latest rating of each product (by issue date, then id for a stable answer).
pub fn latest_ratings(ratings: &[Rating]) -> Vec<&Rating> {
    let mut latest: std::collections::BTreeMap<&str, &Rating> = std::collections::BTreeMap::new();
    for r in ratings {
        let keep = latest
            .get(r.product_id.as_str())
            .is_none_or(|cur| (r.issue_date, &r.id) > (cur.issue_date, &cur.id));
        if keep {
            latest.insert(r.product_id.as_str(), r);
        }
    }
    latest.into_values().collect()
}

/// Counts as reports give them, for ratings issued in [from, to].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OcopCounts {
    /// Certified ratings by stars: index 0 = 3★, 1 = 4★, 2 = 5★.
    pub by_stars: [usize; 3],
    pub by_group: Vec<(OcopGroup, usize)>,
    /// The product's first certified rating.
    pub new: usize,
    /// The product had been certified before.
    pub rerated: usize,
    /// Distinct producers (chủ thể) of the counted products.
    pub producers: usize,
}

/// Certificates of `products` issued in [from, to]: ratings of other products are not
/// counted, so a commune's figures are its own products' whatever else the device holds.
pub fn counts(
    products: &[Product],
    ratings: &[Rating],
    from: NaiveDate,
    to: NaiveDate,
) -> OcopCounts {
    let by_id: std::collections::HashMap<&str, &Product> =
        products.iter().map(|p| (p.id.as_str(), p)).collect();
    let product = |id: &str| by_id.get(id).copied();
    let in_range: Vec<&Rating> = ratings
        .iter()
        .filter(|r| r.is_certified() && r.issue_date >= from && r.issue_date <= to)
        .filter(|r| product(&r.product_id).is_some())
        .collect();
    let mut out = OcopCounts::default();
    let mut groups: std::collections::BTreeMap<OcopGroup, usize> =
        std::collections::BTreeMap::new();
    let mut producers = std::collections::BTreeSet::new();
    for r in &in_range {
        out.by_stars[usize::from(r.stars() - 3)] += 1;
        let earlier = ratings.iter().any(|o| {
            o.product_id == r.product_id
                && o.is_certified()
                && (o.issue_date, &o.id) < (r.issue_date, &r.id)
        });
        if earlier {
            out.rerated += 1;
        } else {
            out.new += 1;
        }
        if let Some(p) = product(&r.product_id) {
            *groups.entry(p.group).or_default() += 1;
            producers.insert(crate::domain::text::fold(&p.producer));
        }
    }
    out.by_group = groups.into_iter().collect();
    out.producers = producers.len();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::format::format_date;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn rating(id: &str, product: &str, total: f64, issued: NaiveDate) -> Rating {
        Rating {
            id: id.into(),
            product_id: product.into(),
            points: Points {
                a: total * 0.4,
                b: total * 0.25,
                c: total * 0.35,
            },
            certified_by: CertifyingLevel::Province,
            decision_no: "123/QĐ-UBND".into(),
            issue_date: issued,
        }
    }

    #[test]
    fn stars_follow_the_point_bands() {
        for (points, stars) in [
            (0.0, 1),
            (29.9, 1),
            (30.0, 2),
            (49.9, 2),
            (50.0, 3),
            (69.5, 3),
            (70.0, 4),
            (72.0, 4),
            (89.9, 4),
            (90.0, 5),
            (100.0, 5),
        ] {
            assert_eq!(stars_for(points), stars, "{points} points");
        }
    }

    #[test]
    fn points_are_bounded_per_part() {
        assert!(Points {
            a: 40.0,
            b: 25.0,
            c: 35.0
        }
        .validate()
        .is_ok());
        assert_eq!(
            Points {
                a: 41.0,
                b: 0.0,
                c: 0.0
            }
            .validate(),
            Err(PointsError::OutOfRange { part: 'A', max: 40 })
        );
        assert_eq!(
            Points {
                a: 1.0,
                b: -1.0,
                c: 0.0
            }
            .validate(),
            Err(PointsError::OutOfRange { part: 'B', max: 25 })
        );
        assert_eq!(
            Points {
                a: 1.0,
                b: 1.0,
                c: f64::NAN
            }
            .validate(),
            Err(PointsError::OutOfRange { part: 'C', max: 35 })
        );
    }

    #[test]
    fn a_72_point_product_is_4_stars_valid_for_36_months() {
        let r = Rating {
            points: Points {
                a: 30.0,
                b: 17.0,
                c: 25.0,
            },
            ..rating("r", "p", 0.0, date(2024, 3, 15))
        };
        assert_eq!(r.total(), 72.0);
        assert_eq!(r.stars(), 4);
        assert_eq!(format_date(r.expiry()), "15/03/2027");
        assert_eq!(r.status(date(2026, 1, 1), 90), CertificateStatus::Valid);
        assert_eq!(
            r.status(date(2027, 1, 14), 90),
            CertificateStatus::ExpiringSoon { days_left: 60 }
        );
        assert_eq!(r.status(date(2027, 3, 15), 90), CertificateStatus::Expired);
        let leap = rating("x", "p", 80.0, date(2024, 2, 29));
        assert_eq!(format_date(leap.expiry()), "28/02/2027");
        assert_eq!(
            rating("y", "p", 45.0, date(2024, 1, 1)).status(date(2024, 6, 1), 90),
            CertificateStatus::NotCertified
        );
    }

    #[test]
    fn five_stars_from_a_province_await_the_ministry() {
        let r = rating("r", "p", 92.0, date(2025, 8, 1));
        assert!(r.awaits_central_recognition());
        let central = Rating {
            certified_by: CertifyingLevel::Central,
            ..r
        };
        assert!(!central.awaits_central_recognition());
    }

    #[test]
    fn counts_split_new_and_rerated_by_stars_and_group() {
        let p = |id: &str, group, producer: &str| Product {
            id: id.into(),
            name: id.into(),
            group,
            subgroup: String::new(),
            producer: producer.into(),
            producer_kind: ProducerKind::HopTacXa,
            commune_code: "00001".into(),
            archived: false,
        };
        let products = vec![
            p("tea", OcopGroup::DoUong, "HTX Chè"),
            p("rice", OcopGroup::ThucPham, "HTX Lúa"),
            p("honey", OcopGroup::ThucPham, "htx chè"),
        ];
        let ratings = vec![
            rating("1", "tea", 65.0, date(2021, 5, 1)),
            rating("2", "tea", 75.0, date(2024, 5, 1)),
            rating("3", "rice", 72.0, date(2024, 6, 1)),
            rating("4", "honey", 55.0, date(2024, 7, 1)),
            rating("5", "honey", 20.0, date(2024, 8, 1)),
        ];
        let c = counts(&products, &ratings, date(2024, 1, 1), date(2024, 12, 31));
        assert_eq!(c.by_stars, [1, 2, 0]);
        assert_eq!(c.new, 2);
        assert_eq!(c.rerated, 1);
        assert_eq!(
            c.by_group,
            vec![(OcopGroup::ThucPham, 2), (OcopGroup::DoUong, 1)]
        );
        assert_eq!(
            c.producers, 2,
            "producer names compare without case or diacritics"
        );
        let latest = latest_ratings(&ratings);
        assert_eq!(
            latest.iter().find(|r| r.product_id == "tea").unwrap().id,
            "2"
        );
    }
}
