//! The dashboard of a village set counts villages, not communes: checked on the demo
//! province against a plain count of its village assessments and recognitions, for the
//! province and for one commune.

use ntm::domain::assessment::{CriterionMark, Period};
use ntm::domain::demo::{generate, DEMO_PROVINCE_CODE, DEMO_SEED};
use ntm::domain::demo_results::demo_village_set;
use ntm::domain::recognition::Step;
use ntm::domain::stats::Scope;
use ntm::domain::units::{Unit, UnitRef};

mod common;

#[test]
fn a_village_set_counts_the_villages_of_a_province_and_of_a_commune() {
    let ws = common::demo_workspace_with_results();
    let d0 = generate(DEMO_SEED, &common::stamp());
    let set = demo_village_set().set_id();
    let period = Period::year(2025);
    let villages: Vec<(String, String)> = d0
        .units
        .iter()
        .filter_map(|u| match u {
            Unit::Village(v) => Some((v.id.clone(), v.commune_code.clone())),
            _ => None,
        })
        .collect();
    let meets = |id: &str| {
        d0.results.assessments.iter().any(|a| {
            a.key.unit == UnitRef::Village(id.into())
                && a.key.period == period
                && a.marks.len() == 14
                && a.marks
                    .values()
                    .all(|m| m.value.value == Some(CriterionMark::Met))
        })
    };
    let recognised = |id: &str| {
        d0.results.recognitions.iter().any(|r| {
            r.unit == UnitRef::Village(id.into())
                && r.step == Step::Recognised
                && r.date <= period.dates().1
        })
    };

    let d = ws
        .village_dashboard(
            &Scope::Province(DEMO_PROVINCE_CODE.into()),
            &set,
            period,
            Default::default(),
        )
        .unwrap();
    assert_eq!(d.villages, villages.len());
    assert_eq!(d.assessed, villages.len(), "every demo village is assessed");
    assert_eq!(
        d.meeting,
        villages.iter().filter(|(id, _)| meets(id)).count()
    );
    assert_eq!(
        d.recognised,
        villages.iter().filter(|(id, _)| recognised(id)).count()
    );
    assert!(d.meeting > 0 && d.recognised > 0 && d.meeting < d.villages);
    assert_eq!(
        d.communes.iter().map(|c| c.villages).sum::<usize>(),
        d.villages
    );
    assert_eq!(
        d.communes.iter().map(|c| c.meeting).sum::<usize>(),
        d.meeting
    );
    assert_eq!(d.criteria.len(), 14);
    // Each criterion's count is its column of the village × criterion table.
    for (i, rate) in d.rates.iter().enumerate() {
        let column = d
            .rows
            .iter()
            .filter(|r| r.cells[i] == Some(ntm::domain::evaluation::CriterionOutcome::Met))
            .count();
        assert_eq!(rate.met, column);
        assert_eq!(rate.assessed, d.assessed);
    }

    // One commune: its villages only.
    let code = &villages[0].1;
    let own: Vec<&(String, String)> = villages.iter().filter(|(_, c)| c == code).collect();
    let c = ws
        .village_dashboard(
            &Scope::Commune(code.clone()),
            &set,
            period,
            Default::default(),
        )
        .unwrap();
    assert_eq!(c.villages, own.len());
    assert_eq!(c.meeting, own.iter().filter(|(id, _)| meets(id)).count());
    assert!(c.rows.iter().all(|r| &r.commune_code == code));

    // The words: counts out of the villages, weakest criterion first.
    let m = ntm::present::dashboard::villages::model(
        &ws,
        &Scope::Commune(code.clone()),
        &set,
        period,
        &c,
        ntm::domain::profile::Lang::Vi,
    );
    let rate = |row: &Vec<String>| {
        let (a, b) = row[1].split_once('/').unwrap();
        a.parse::<f64>().unwrap() / b.parse::<f64>().unwrap().max(1.0)
    };
    assert!(m
        .weakest
        .rows
        .windows(2)
        .all(|w| rate(&w[0]) <= rate(&w[1])));
    assert_eq!(m.rows.len(), own.len());
}
