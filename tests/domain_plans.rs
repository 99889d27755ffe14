//! A plan's progress (`domain::plan_progress`) on the demo province: recognised by
//! decision against registered with self-assessment beside it, the average criteria per
//! commune and the communes under the least criteria — each against the dashboard's own
//! figures and a plain count of its rows; the form (`app::plans`) and its words.

use ntm::app::plans::{form_of, plan_from_form, BadField, PlanForm};
use ntm::domain::assessment::Period;
use ntm::domain::criteria::SetLevel;
use ntm::domain::demo::DEMO_PROVINCE_CODE;
use ntm::domain::plans::{Plan, PlanItem};
use ntm::domain::profile::Lang;
use ntm::domain::stats::Scope;
use ntm::present::plans::rows;

mod common;

#[test]
fn progress_counts_recognitions_against_registrations_and_the_criteria_targets() {
    let ws = common::demo_workspace_with_results();
    let scope = Scope::Province(DEMO_PROVINCE_CODE.into());
    let period = Period::year(2025);
    let plan = Plan {
        id: Plan::record_id(&scope, 2025),
        scope: scope.clone(),
        year: 2025,
        targets: vec![(PlanItem::CommunesNtm, 60), (PlanItem::VillagesNtm, 200)],
        average_criteria: Some(17.5),
        min_criteria: Some(15),
    };
    let p = ws.plan_progress(&plan, period, &[], &[]);
    let set = ws.main_commune_set(&scope, period).expect("the demo's set");
    let d = ws
        .dashboard(&scope, &set, period, Default::default())
        .unwrap();
    let recognised = |level| {
        d.results
            .recognised
            .iter()
            .find(|(l, _)| *l == level)
            .unwrap()
            .1
            .count
    };

    let ntm = p.items[0];
    assert_eq!(ntm.achieved as usize, recognised(SetLevel::XaNtm));
    assert_eq!(ntm.self_assessed, Some(d.stats.ntm.count as u32));
    assert_eq!(ntm.percent, Some(ntm.achieved as f64 * 100.0 / 60.0));
    let villages = p.items[1];
    assert_eq!(
        villages.achieved as usize,
        d.results.villages_recognised[0].1
    );

    // The average is the dashboard's, over the same assessed communes.
    let avg = p.average.as_ref().unwrap();
    assert_eq!(avg.assessed, d.stats.assessed);
    assert!((avg.achieved.unwrap() - d.stats.average_met).abs() < 1e-9);
    assert_eq!(avg.met(), d.stats.average_met >= 17.5);
    // Under 15 criteria: a plain count of the summary rows.
    let under = d
        .matrix
        .rows
        .iter()
        .filter(|r| r.met.is_some_and(|m| m < 15))
        .count();
    let min = p.minimum.as_ref().unwrap();
    assert_eq!(min.under.len(), under);
    assert_eq!(min.without_data, d.stats.communes - d.stats.assessed);

    let words = rows(&p, Lang::Vi);
    let average = words.iter().find(|r| r.key == "average_criteria").unwrap();
    assert_eq!(average.registered, "17,5");
    let minimum = words.iter().find(|r| r.key == "min_criteria").unwrap();
    assert_eq!(minimum.label, "Không còn xã dưới 15 tiêu chí");
    assert!(minimum
        .achieved
        .starts_with(&format!("{under} xã còn dưới 15 tiêu chí")));
}

#[test]
fn the_form_reads_counts_and_vietnamese_decimals() {
    let scope = Scope::Commune("15889".into());
    let form = PlanForm {
        counts: vec![
            (PlanItem::CommunesNtm, " 3 ".into()),
            (PlanItem::OcopProducts, "".into()),
        ],
        average: "14,9".into(),
        minimum: "10".into(),
    };
    let plan = plan_from_form(scope.clone(), 2021, &form).unwrap();
    assert_eq!(plan.targets, vec![(PlanItem::CommunesNtm, 3)]);
    assert_eq!(
        (plan.average_criteria, plan.min_criteria),
        (Some(14.9), Some(10))
    );
    assert_eq!(plan.id, "commune-15889-2021");
    // Written back as typed.
    let back = form_of(
        Some(&plan),
        &[PlanItem::CommunesNtm, PlanItem::OcopProducts],
    );
    assert_eq!(back.average, "14,9");
    assert_eq!(back.counts[0].1, "3");
    for (bad, field) in [
        (
            PlanForm {
                counts: vec![(PlanItem::CommunesNtm, "ba".into())],
                ..form.clone()
            },
            BadField::Count(PlanItem::CommunesNtm),
        ),
        (
            PlanForm {
                average: "101".into(),
                ..form.clone()
            },
            BadField::Average,
        ),
        (
            PlanForm {
                minimum: "9,5".into(),
                ..form.clone()
            },
            BadField::Minimum,
        ),
    ] {
        assert_eq!(plan_from_form(scope.clone(), 2021, &bad), Err(field));
    }
}
