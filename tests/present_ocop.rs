//! The OCOP list's view model (`present::ocop::product_list`): the product–rating join and
//! the filters, checked against a brute-force reading of the same data (each product's
//! ratings scanned by hand) on the demo province, for every filter combination.

use chrono::NaiveDate;
use ntm::domain::demo::{generate, DEMO_SEED};
use ntm::domain::keys::key;
use ntm::domain::ocop::{CertificateStatus, OcopGroup, Product, Rating};
use ntm::domain::sync::Record;
use ntm::domain::text::fold;
use ntm::present::ocop::{product_list, OcopFilter, WARN_DAYS};

mod common;
use common::stamp;

fn records<T: Clone>(items: &[T], id: impl Fn(&T) -> String, hide_every: usize) -> Vec<Record<T>> {
    items
        .iter()
        .enumerate()
        .map(|(i, x)| Record {
            id: id(x),
            data: x.clone(),
            stamp: stamp(),
            archived: hide_every > 0 && i % hide_every == 0,
        })
        .collect()
}

/// The latest live rating of a product, found by scanning every rating.
fn latest_by_hand<'a>(p: &Product, ratings: &'a [Record<Rating>]) -> Option<&'a Rating> {
    let mut best: Option<&Rating> = None;
    for r in ratings.iter().filter(|r| !r.archived).map(|r| &r.data) {
        if r.product_id != p.id {
            continue;
        }
        if best.is_none_or(|b| (r.issue_date, &r.id) > (b.issue_date, &b.id)) {
            best = Some(r);
        }
    }
    best
}

#[test]
fn every_filter_keeps_exactly_the_products_it_names_with_their_latest_rating() {
    let d = generate(DEMO_SEED, &stamp());
    // Every 7th product and every 5th rating hidden ("Ẩn"), so hiding is exercised too.
    let products = records(&d.products, |p| p.id.clone(), 7);
    let ratings = records(&d.ratings, |r| r.id.clone(), 5);
    assert!(products.len() > 20 && ratings.len() > 20);
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let communes: Vec<String> = {
        let mut c: Vec<String> = d.products.iter().map(|p| p.commune_code.clone()).collect();
        c.sort();
        c.dedup();
        c
    };
    let first_word = fold(d.products[3].name.split_whitespace().next().unwrap());
    let mut checked = 0;
    for stars in ["", "3", "4", "5", "low"] {
        for group in std::iter::once(String::new())
            .chain([key(&OcopGroup::ThucPham), key(&OcopGroup::DoUong)])
        {
            for commune in ["".to_string(), communes[0].clone()] {
                for expiring in [false, true] {
                    for hidden in [false, true] {
                        for query in ["".to_string(), first_word.clone()] {
                            let f = OcopFilter {
                                stars: stars.into(),
                                group: group.clone(),
                                commune: commune.clone(),
                                expiring,
                                hidden,
                                query: query.clone(),
                            };
                            let got = product_list(&products, &ratings, &f, today);
                            let mut want: Vec<&Record<Product>> = products
                                .iter()
                                .filter(|p| hidden || !p.archived)
                                .filter(|p| {
                                    query.is_empty()
                                        || fold(&p.data.name).contains(&query)
                                        || fold(&p.data.producer).contains(&query)
                                })
                                .filter(|p| group.is_empty() || key(&p.data.group) == group)
                                .filter(|p| commune.is_empty() || p.data.commune_code == commune)
                                .filter(|p| {
                                    let r = latest_by_hand(&p.data, &ratings);
                                    let star_ok = match stars {
                                        "" => true,
                                        "low" => r.is_none_or(|r| !r.is_certified()),
                                        n => r.is_some_and(|r| {
                                            r.is_certified() && r.stars().to_string() == n
                                        }),
                                    };
                                    let expiring_ok = !expiring
                                        || r.is_some_and(|r| {
                                            matches!(
                                                r.status(today, WARN_DAYS),
                                                CertificateStatus::ExpiringSoon { .. }
                                                    | CertificateStatus::Expired
                                            )
                                        });
                                    star_ok && expiring_ok
                                })
                                .collect();
                            want.sort_by(|a, b| a.data.name.cmp(&b.data.name));
                            let got_ids: Vec<&str> =
                                got.iter().map(|r| r.product.id.as_str()).collect();
                            let want_ids: Vec<&str> =
                                want.iter().map(|p| p.data.id.as_str()).collect();
                            assert_eq!(got_ids, want_ids, "{f:?}");
                            for row in &got {
                                assert_eq!(
                                    row.rating.as_ref(),
                                    latest_by_hand(&row.product, &ratings),
                                    "{}",
                                    row.product.id
                                );
                                let record =
                                    products.iter().find(|p| p.id == row.product.id).unwrap();
                                assert_eq!(row.hidden, record.archived);
                            }
                            checked += got.len();
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 100, "the filters keep something: {checked}");
}
