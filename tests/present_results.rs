//! Recognitions, registrations and resource totals on the demo province, in the
//! dashboard's words (`present::dashboard::results`), checked against a separate, plain
//! reading of the demo's records: recognised = a recognition dated by the end of the
//! period at that level or above (the demo withdraws none); a quantity's total = each
//! commune's own figure, or its villages' added up when it has none.

use std::collections::{BTreeMap, BTreeSet};

use ntm::domain::assessment::Period;
use ntm::domain::criteria::SetLevel;
use ntm::domain::demo::{generate, DEMO_PROVINCE_CODE, DEMO_SEED};
use ntm::domain::format::format_int;
use ntm::domain::profile::Lang;
use ntm::domain::recognition::Step;
use ntm::domain::stats::Scope;
use ntm::domain::units::{Unit, UnitRef};
use ntm::present::dashboard::results::{quantity_text, results};

mod common;

fn count(cell: &str) -> usize {
    let n = cell.split('/').next().unwrap();
    n.replace('.', "").parse().unwrap()
}

#[test]
fn recognised_and_self_assessed_side_by_side_agree_with_a_plain_reading() {
    let ws = common::demo_workspace_with_results();
    let d0 = generate(DEMO_SEED, &common::stamp());
    let scope = Scope::Province(DEMO_PROVINCE_CODE.into());
    let set = ntm::present::dashboard::default_set(&ws).unwrap();
    for period in [Period::first_half(2025), Period::year(2025)] {
        let d = ws
            .dashboard(&scope, &set, period, Default::default())
            .unwrap();
        let m = results(&d, Lang::Vi);
        let end = period.dates().1;
        let plain = |levels: &[SetLevel], units: &[UnitRef]| {
            units
                .iter()
                .filter(|u| {
                    d0.results.recognitions.iter().any(|r| {
                        &r.unit == *u
                            && r.step == Step::Recognised
                            && levels.contains(&r.level)
                            && r.date <= end
                    })
                })
                .count()
        };
        let communes: Vec<UnitRef> = d
            .communes
            .iter()
            .map(|c| UnitRef::Commune(c.clone()))
            .collect();
        let villages: Vec<UnitRef> = d0
            .units
            .iter()
            .filter_map(|u| match u {
                Unit::Village(v) => Some(UnitRef::Village(v.id.clone())),
                _ => None,
            })
            .collect();
        use SetLevel::*;
        let rows = &m.recognition.rows;
        assert_eq!(rows[0][0], "Xã đạt chuẩn nông thôn mới");
        assert_eq!(count(&rows[0][1]), d.stats.ntm.count, "self-assessed NTM");
        assert_eq!(
            count(&rows[0][2]),
            plain(&[XaNtm, XaNangCao, XaKieuMau], &communes)
        );
        assert_eq!(
            count(&rows[1][2]),
            plain(&[XaNangCao, XaKieuMau], &communes)
        );
        assert_eq!(count(&rows[2][2]), plain(&[XaKieuMau], &communes));
        assert_eq!(
            count(&rows[3][2]),
            plain(&[ThonNtm, ThonKieuMau], &villages)
        );
        // Villages are counted out of every live village of the communes.
        let of = rows[3][1]
            .split('/')
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap();
        assert_eq!(of, format_int(villages.len() as i64));

        // Registrations for the year: every registered unit once, in one standing.
        let regs = m
            .registrations
            .as_ref()
            .expect("the demo registers for 2025");
        for r in &regs.rows {
            let n: Vec<usize> = r[2..]
                .iter()
                .map(|c| c.replace('.', "").parse().unwrap())
                .collect();
            assert_eq!(n[0], n[1] + n[2] + n[3], "{r:?}");
        }
        let registered_ntm = d0
            .results
            .recognitions
            .iter()
            .filter(|r| r.step == Step::Registered && r.level == XaNtm && r.date <= end)
            .map(|r| r.unit.clone())
            .collect::<BTreeSet<_>>()
            .len();
        assert_eq!(regs.rows[0][2], registered_ntm.to_string());

        // Resources: each row against the plain total.
        let commune_of: BTreeMap<String, String> = d0
            .units
            .iter()
            .filter_map(|u| match u {
                Unit::Village(v) => Some((v.id.clone(), v.commune_code.clone())),
                _ => None,
            })
            .collect();
        let plain_total = |q: &str| -> f64 {
            let mut own: BTreeMap<String, f64> = BTreeMap::new();
            let mut from_villages: BTreeMap<String, f64> = BTreeMap::new();
            for e in d0
                .results
                .resources
                .iter()
                .filter(|e| e.quantity == q && e.period == period)
            {
                match &e.unit {
                    UnitRef::Commune(c) => {
                        own.insert(c.clone(), e.value);
                    }
                    UnitRef::Village(v) => {
                        *from_villages.entry(commune_of[v].clone()).or_default() += e.value
                    }
                    _ => {}
                }
            }
            for (c, v) in from_villages {
                own.entry(c).or_insert(v);
            }
            own.values().sum()
        };
        let quantities = ws.quantities();
        let mut shown = 0;
        for g in &m.resources {
            for row in g.table.rows.iter().filter(|r| r[0] != "Cộng") {
                let q = quantities
                    .iter()
                    .find(|q| q.name == row[0])
                    .expect("a quantity");
                assert_eq!(row[2], quantity_text(plain_total(&q.id)), "{}", q.id);
                shown += 1;
            }
            // A group in one unit (funds) ends with its total.
            if let Some(total) = g.table.rows.iter().find(|r| r[0] == "Cộng") {
                let sum: f64 = g
                    .table
                    .rows
                    .iter()
                    .filter(|r| r[0] != "Cộng")
                    .map(|r| plain_total(&quantities.iter().find(|q| q.name == r[0]).unwrap().id))
                    .sum();
                assert_eq!(total[2], quantity_text(sum));
            }
        }
        let expected = d0
            .results
            .resources
            .iter()
            .filter(|e| e.period == period)
            .map(|e| e.quantity.clone())
            .collect::<BTreeSet<_>>()
            .len();
        assert_eq!(
            shown, expected,
            "every quantity with a figure is shown once"
        );
    }
}

#[test]
fn results_are_worded_in_english_too() {
    let ws = common::demo_workspace_with_results();
    let scope = Scope::Province(DEMO_PROVINCE_CODE.into());
    let set = ntm::present::dashboard::default_set(&ws).unwrap();
    let d = ws
        .dashboard(&scope, &set, Period::year(2025), Default::default())
        .unwrap();
    let m = results(&d, Lang::En);
    assert_eq!(m.recognition.head, ["Level", "Self-assessed", "Recognised"]);
    assert_eq!(m.recognition.rows[0][0], "Communes NTM");
    let funds = m
        .resources
        .iter()
        .find(|g| g.name == "Funds mobilised")
        .expect("funds");
    assert!(funds.table.rows.iter().any(|r| r[0] == "Central budget"));
    assert_eq!(funds.table.rows.last().unwrap()[0], "Total");
}
