//! OCOP for a reporting period as the reports give it: certificates issued in the period
//! (new products and re-rated ones), certificates that expired in it without a new one,
//! and the certificates still valid at its end by stars, by group and by producer type,
//! with the products listed ("58 sản phẩm 4 sao", "60 sản phẩm với 28 chủ thể; 44 mới, 16
//! đánh giá lại").

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::ocop::{OcopGroup, ProducerKind, Product, Rating};

/// A product with the certificate a figure counts it by.
#[derive(Clone, Debug, PartialEq)]
pub struct CertifiedProduct {
    pub product: Product,
    pub rating: Rating,
    /// The product had a certificate before this one.
    pub rerated: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct OcopPeriod {
    /// Certificates issued in the period, by issue date.
    pub certified: Vec<CertifiedProduct>,
    /// Products whose certificate expired in the period and had no newer one by its end.
    pub expired: Vec<CertifiedProduct>,
    /// Products with a valid certificate at the period's end (their latest), by name.
    pub valid: Vec<CertifiedProduct>,
    /// Of `valid`: by stars (3, 4, 5), by group and by producer type.
    pub valid_by_stars: [usize; 3],
    pub valid_by_group: Vec<(OcopGroup, usize)>,
    pub valid_by_producer: Vec<(ProducerKind, usize)>,
    /// Distinct producers (chủ thể) of the valid products.
    pub valid_producers: usize,
}

impl OcopPeriod {
    pub fn new_count(&self) -> usize {
        self.certified.iter().filter(|c| !c.rerated).count()
    }

    pub fn rerated_count(&self) -> usize {
        self.certified.iter().filter(|c| c.rerated).count()
    }
}

/// OCOP of `products` (live, of the scope) for the period [from, to].
pub fn ocop_period(
    products: &[Product],
    ratings: &[Rating],
    from: NaiveDate,
    to: NaiveDate,
) -> OcopPeriod {
    let mut by_product: BTreeMap<&str, Vec<&Rating>> = BTreeMap::new();
    for r in ratings.iter().filter(|r| r.is_certified()) {
        by_product.entry(r.product_id.as_str()).or_default().push(r);
    }
    for list in by_product.values_mut() {
        list.sort_by(|a, b| (a.issue_date, &a.id).cmp(&(b.issue_date, &b.id)));
    }
    let mut out = OcopPeriod::default();
    let mut groups: BTreeMap<OcopGroup, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<ProducerKind, usize> = BTreeMap::new();
    let mut producers = std::collections::BTreeSet::new();
    for p in products {
        let Some(list) = by_product.get(p.id.as_str()) else {
            continue;
        };
        for (i, r) in list.iter().enumerate() {
            if r.issue_date >= from && r.issue_date <= to {
                out.certified.push(CertifiedProduct {
                    product: p.clone(),
                    rating: (*r).clone(),
                    rerated: i > 0,
                });
            }
        }
        // The certificate in force at the end: the latest issued by then.
        let latest = list.iter().rev().find(|r| r.issue_date <= to);
        if let Some(r) = latest {
            let item = CertifiedProduct {
                product: p.clone(),
                rating: (*r).clone(),
                rerated: list.iter().any(|o| o.issue_date < r.issue_date),
            };
            let expiry = r.expiry();
            if expiry > to {
                out.valid_by_stars[usize::from(r.stars().clamp(3, 5) - 3)] += 1;
                *groups.entry(p.group).or_default() += 1;
                *kinds.entry(p.producer_kind).or_default() += 1;
                producers.insert(super::text::fold(&p.producer));
                out.valid.push(item);
            } else if expiry >= from {
                out.expired.push(item);
            }
        }
    }
    out.certified.sort_by(|a, b| {
        (a.rating.issue_date, &a.product.name).cmp(&(b.rating.issue_date, &b.product.name))
    });
    out.valid
        .sort_by(|a, b| a.product.name.cmp(&b.product.name));
    out.expired
        .sort_by(|a, b| a.product.name.cmp(&b.product.name));
    out.valid_by_group = groups.into_iter().collect();
    out.valid_by_producer = kinds.into_iter().collect();
    out.valid_producers = producers.len();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ocop::{CertifyingLevel, Points};

    fn product(id: &str, producer: &str) -> Product {
        Product {
            id: id.into(),
            name: format!("Sản phẩm {id}"),
            group: OcopGroup::ThucPham,
            subgroup: String::new(),
            producer: producer.into(),
            producer_kind: ProducerKind::HopTacXa,
            commune_code: "00001".into(),
            archived: false,
        }
    }

    fn rating(id: &str, product: &str, total: f64, y: i32, m: u32) -> Rating {
        Rating {
            id: id.into(),
            product_id: product.into(),
            points: Points {
                a: total * 0.4,
                b: total * 0.25,
                c: total * 0.35,
            },
            certified_by: CertifyingLevel::Province,
            decision_no: String::new(),
            issue_date: NaiveDate::from_ymd_opt(y, m, 1).unwrap(),
        }
    }

    #[test]
    fn a_period_splits_new_rerated_expired_and_valid() {
        let products = vec![
            product("a", "HTX A"),
            product("b", "HTX A"),
            product("c", "HTX C"),
            product("d", "HTX D"),
        ];
        let ratings = vec![
            // a: certified 2021, re-rated 4★ in 2024 (valid to 2027).
            rating("a1", "a", 60.0, 2021, 3),
            rating("a2", "a", 75.0, 2024, 5),
            // b: new 3★ in 2024.
            rating("b1", "b", 55.0, 2024, 8),
            // c: certified 2021-02, expired 2024-02, not renewed.
            rating("c1", "c", 72.0, 2021, 2),
            // d: under 3★, never certified.
            rating("d1", "d", 40.0, 2024, 6),
        ];
        let from = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        let o = ocop_period(&products, &ratings, from, to);
        assert_eq!((o.new_count(), o.rerated_count()), (1, 1));
        assert_eq!(
            o.expired
                .iter()
                .map(|c| c.product.id.as_str())
                .collect::<Vec<_>>(),
            ["c"]
        );
        assert_eq!(
            o.valid
                .iter()
                .map(|c| c.product.id.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(o.valid_by_stars, [1, 1, 0]);
        assert_eq!(o.valid_producers, 1, "a and b share their producer");
        assert_eq!(o.valid_by_producer, vec![(ProducerKind::HopTacXa, 2)]);
        // At the end of 2021 a and c were valid, both new then.
        let y2021 = ocop_period(
            &products,
            &ratings,
            NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
        );
        assert_eq!(y2021.valid.len(), 2);
        assert_eq!((y2021.new_count(), y2021.rerated_count()), (2, 0));
    }
}
