//! The demo's recognitions, village assessments, nâng cao assessments and resource
//! figures, generated from the communes' own results so every new part of the dashboard
//! and the report shows something on the first try. Fictional like the rest of the demo:
//! the village set is labelled as an example, not any province's.

use chrono::NaiveDate;

use super::assessment::{Assessment, AssessmentKey, CriterionMark, Entry};
use super::criteria::{builtin_sets, CriteriaSet, Criterion, SetLevel, Source};
use super::demo::demo_periods;
use super::recognition::{Recognition, Step};
use super::resources::{Quantity, ResourceEntry};
use super::set_versions::{derive_custom, version_id};
use super::sync::{Record, Stamp};
use super::units::{Unit, UnitRef};
use super::workspace::Workspace;

/// The lineage of the demo's village set (adopted for "thôn NTM" when the demo loads).
pub const DEMO_VILLAGE_SET: &str = "demo-thon-ntm";
/// Criteria of the demo village set ("thôn kiểu mẫu đạt 14/14 tiêu chí" in the reports).
const VILLAGE_CRITERIA: usize = 14;

/// What the demo adds beyond communes' marks.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DemoResults {
    pub sets: Vec<CriteriaSet>,
    pub assessments: Vec<Assessment>,
    pub recognitions: Vec<Recognition>,
    pub quantities: Vec<Quantity>,
    pub resources: Vec<ResourceEntry>,
}

/// The demo's village set: a copy of the empty template with 14 example criteria.
pub fn demo_village_set() -> CriteriaSet {
    let template = builtin_sets()
        .into_iter()
        .find(|s| s.id == "MAU_THON_NTM")
        .expect("built-in village template");
    let mut set = derive_custom(
        &template,
        DEMO_VILLAGE_SET,
        "THON_MAU",
        "Bộ tiêu chí thôn nông thôn mới (dữ liệu mẫu)",
    );
    let source = Source {
        citation: "Dữ liệu mẫu của ứng dụng (không phải bộ tiêu chí của tỉnh nào)".into(),
        url: None,
        note: None,
    };
    set.criteria = (1..=VILLAGE_CRITERIA)
        .map(|i| Criterion {
            id: format!("t{i}"),
            code: i.to_string(),
            name: format!("Tiêu chí thôn số {i} (mẫu)"),
            group: None,
            indicators: vec![],
            auto: None,
            source: source.clone(),
            verified: false,
        })
        .collect();
    set.notes = Some(
        "Dữ liệu mẫu: tên tiêu chí chỉ để minh họa. Mỗi tỉnh ban hành bộ tiêu chí thôn riêng."
            .into(),
    );
    set.version = version_id(&set);
    set
}

fn date(year: u16, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(i32::from(year), month, day).expect("valid demo date")
}

fn step(
    n: &mut usize,
    unit: UnitRef,
    level: SetLevel,
    step: Step,
    year: u16,
    day: NaiveDate,
) -> Recognition {
    *n += 1;
    Recognition {
        id: format!("demo-rec-{n}"),
        unit,
        level,
        step,
        target_year: (step == Step::Registered).then_some(year),
        date: day,
        decision_no: match step {
            Step::Recognised | Step::Withdrawn => format!("{}/QĐ-UBND", 1000 + *n),
            _ => String::new(),
        },
        issuer: match (step, level.is_village_level()) {
            (Step::Recognised | Step::Withdrawn, false) => "UBND Tỉnh Mẫu".into(),
            (Step::Recognised | Step::Withdrawn, true) => "UBND Xã (dữ liệu mẫu)".into(),
            _ => String::new(),
        },
        note: String::new(),
    }
}

/// Generates the results of the demo communes and villages in `units`, whose commune
/// assessments are `assessments`.
pub fn generate_results(
    rng: &mut fastrand::Rng,
    units: &mut [Unit],
    assessments: &[Assessment],
    stamp: &Stamp,
) -> DemoResults {
    let village_set = demo_village_set();
    let nang_cao = builtin_sets()
        .into_iter()
        .find(|s| s.id == "QD318_2022_XA_NANG_CAO")
        .expect("built-in nâng cao set");
    for u in units.iter_mut() {
        if let Unit::Commune(c) = u {
            c.village_set = Some(village_set.set_id());
        }
    }
    let records: Vec<Record<Unit>> = units
        .iter()
        .map(|u| Record {
            id: u.unit_ref().key(),
            data: u.clone(),
            stamp: stamp.clone(),
            archived: false,
        })
        .collect();
    let ws = Workspace::new(records, assessments.to_vec(), vec![]);
    let mut out = DemoResults {
        sets: vec![village_set.clone()],
        ..DemoResults::default()
    };
    let mut n = 0;
    let [h1_2024, y2024, h1_2025, y2025] = demo_periods();
    for u in units.iter() {
        match u {
            Unit::Commune(c) => {
                let unit = UnitRef::Commune(c.code.clone());
                let ntm_from = [h1_2024, y2024, h1_2025, y2025]
                    .into_iter()
                    .find(|p| ws.levels_in(&unit, *p).ntm);
                match ntm_from {
                    // Met before 2025: recognised by decision some months later.
                    Some(p) if p.year == 2024 => {
                        let d = if p == h1_2024 {
                            date(2024, 11, 20)
                        } else {
                            date(2025, 3, 15)
                        };
                        out.recognitions.push(step(
                            &mut n,
                            unit.clone(),
                            SetLevel::XaNtm,
                            Step::Recognised,
                            2024,
                            d,
                        ));
                    }
                    // Met by mid-2025: registered, appraised, recognised in September.
                    Some(p) if p == h1_2025 => {
                        out.recognitions.push(step(
                            &mut n,
                            unit.clone(),
                            SetLevel::XaNtm,
                            Step::Registered,
                            2025,
                            date(2025, 2, 10),
                        ));
                        out.recognitions.push(step(
                            &mut n,
                            unit.clone(),
                            SetLevel::XaNtm,
                            Step::Appraised,
                            2025,
                            date(2025, 7, 20),
                        ));
                        out.recognitions.push(step(
                            &mut n,
                            unit.clone(),
                            SetLevel::XaNtm,
                            Step::Recognised,
                            2025,
                            date(2025, 9, 15),
                        ));
                    }
                    // Met at the end of 2025: registered, appraised, most recognised by
                    // year end.
                    Some(_) => {
                        out.recognitions.push(step(
                            &mut n,
                            unit.clone(),
                            SetLevel::XaNtm,
                            Step::Registered,
                            2025,
                            date(2025, 2, 10),
                        ));
                        out.recognitions.push(step(
                            &mut n,
                            unit.clone(),
                            SetLevel::XaNtm,
                            Step::Appraised,
                            2025,
                            date(2025, 11, 5),
                        ));
                        if rng.f64() < 0.7 {
                            out.recognitions.push(step(
                                &mut n,
                                unit.clone(),
                                SetLevel::XaNtm,
                                Step::Recognised,
                                2025,
                                date(2025, 12, 22),
                            ));
                        }
                    }
                    // Not met: some registered for 2025 all the same.
                    None if rng.f64() < 0.3 => {
                        out.recognitions.push(step(
                            &mut n,
                            unit.clone(),
                            SetLevel::XaNtm,
                            Step::Registered,
                            2025,
                            date(2025, 2, 10),
                        ));
                    }
                    None => {}
                }
                // Communes that met NTM by mid-2025 work on nâng cao in 2025.
                if ntm_from.is_some_and(|p| p <= h1_2025) && rng.f64() < 0.5 {
                    let mut a = Assessment::new(AssessmentKey {
                        unit: unit.clone(),
                        set: nang_cao.set_id(),
                        period: y2025,
                    });
                    let all = rng.f64() < 0.5;
                    for (i, cr) in nang_cao.criteria.iter().enumerate() {
                        let met = all || i % 5 != 2;
                        let mark = if met {
                            CriterionMark::Met
                        } else {
                            CriterionMark::NotMet
                        };
                        a.set_mark(&cr.id, Entry::of(mark), stamp.clone());
                    }
                    out.assessments.push(a);
                    out.recognitions.push(step(
                        &mut n,
                        unit.clone(),
                        SetLevel::XaNangCao,
                        Step::Registered,
                        2025,
                        date(2025, 2, 10),
                    ));
                    if all {
                        out.recognitions.push(step(
                            &mut n,
                            unit.clone(),
                            SetLevel::XaNangCao,
                            Step::Recognised,
                            2025,
                            date(2025, 12, 28),
                        ));
                    }
                }
                // Works and funds, each period: what the commune reports.
                for period in demo_periods() {
                    let figures = [
                        ("road_upgraded", (rng.f64() * 4.0 * 10.0).round() / 10.0),
                        ("drain", (rng.f64() * 2.0 * 10.0).round() / 10.0),
                        ("land_donated", f64::from(rng.u32(0..3000))),
                        ("working_days", f64::from(rng.u32(100..2000))),
                        ("fund_central", f64::from(rng.u32(500..5000))),
                        ("fund_local", f64::from(rng.u32(300..3000))),
                        ("fund_people", f64::from(rng.u32(100..1500))),
                    ];
                    for (q, value) in figures {
                        out.resources.push(ResourceEntry {
                            id: ResourceEntry::record_id(&unit, period, q),
                            unit: unit.clone(),
                            period,
                            quantity: q.into(),
                            value,
                            source: "Báo cáo của UBND xã (dữ liệu mẫu)".into(),
                            note: String::new(),
                        });
                    }
                }
            }
            Unit::Village(v) => {
                let unit = UnitRef::Village(v.id.clone());
                // Villages improve like their communes; a village meeting all 14 is
                // registered, then recognised.
                let strength = rng.f64();
                let mut met = (strength * 10.0) as usize + 4;
                let mut last_met = met;
                for period in demo_periods() {
                    let mut a = Assessment::new(AssessmentKey {
                        unit: unit.clone(),
                        set: village_set.set_id(),
                        period,
                    });
                    for (i, cr) in village_set.criteria.iter().enumerate() {
                        let mark = if i < met {
                            CriterionMark::Met
                        } else {
                            CriterionMark::NotMet
                        };
                        a.set_mark(&cr.id, Entry::of(mark), stamp.clone());
                    }
                    out.assessments.push(a);
                    last_met = met;
                    met = (met + rng.u32(0..=2) as usize).min(VILLAGE_CRITERIA);
                }
                // Registered when close; appraised and recognised only once it met all 14
                // at the end of 2025, and then not every one yet.
                let mut village_step = |s: Step, day: NaiveDate| {
                    step(&mut n, unit.clone(), SetLevel::ThonNtm, s, 2025, day)
                };
                if last_met + 2 >= VILLAGE_CRITERIA {
                    out.recognitions
                        .push(village_step(Step::Registered, date(2025, 3, 1)));
                    if last_met == VILLAGE_CRITERIA && strength > 0.5 {
                        out.recognitions
                            .push(village_step(Step::Appraised, date(2025, 9, 20)));
                        if strength > 0.65 {
                            out.recognitions
                                .push(village_step(Step::Recognised, date(2025, 10, 15)));
                        }
                    }
                }
                // Model gardens are counted by villages.
                if rng.f64() < 0.3 {
                    out.resources.push(ResourceEntry {
                        id: ResourceEntry::record_id(&unit, y2025, "model_garden"),
                        unit: unit.clone(),
                        period: y2025,
                        quantity: "model_garden".into(),
                        value: f64::from(rng.u32(1..4)),
                        source: "Trưởng thôn báo cáo (dữ liệu mẫu)".into(),
                        note: String::new(),
                    });
                }
            }
            Unit::Province(_) => {}
        }
    }
    // A quantity of the province's own.
    let hedges = Quantity {
        id: "demo-q-hedges".into(),
        group: "landscape".into(),
        name: "Hàng rào xanh (đại lượng riêng của tỉnh, dữ liệu mẫu)".into(),
        name_en: None,
        unit: "km".into(),
    };
    for c in units.iter().filter_map(|u| match u {
        Unit::Commune(c) => Some(c),
        _ => None,
    }) {
        if rng.f64() < 0.4 {
            let unit = UnitRef::Commune(c.code.clone());
            out.resources.push(ResourceEntry {
                id: ResourceEntry::record_id(&unit, y2025, &hedges.id),
                unit,
                period: y2025,
                quantity: hedges.id.clone(),
                value: (rng.f64() * 3.0 * 10.0).round() / 10.0,
                source: String::new(),
                note: String::new(),
            });
        }
    }
    out.quantities.push(hedges);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::domain::assessment::Period;
    use crate::domain::demo::{generate, DEMO_SEED};
    use crate::domain::recognition::Standing;
    use crate::domain::sync::Hlc;

    fn stamp() -> Stamp {
        Stamp {
            hlc: Hlc {
                wall_ms: 1,
                counter: 0,
            },
            device: "demo".into(),
            author: "Dữ liệu mẫu".into(),
        }
    }

    fn record<T>(id: String, data: T) -> Record<T> {
        Record {
            id,
            data,
            stamp: stamp(),
            archived: false,
        }
    }

    #[test]
    fn every_new_part_of_the_dashboard_has_something_to_show() {
        let d = generate(DEMO_SEED, &stamp());
        let r = &d.results;
        let set = &r.sets[0];
        assert!(crate::domain::set_versions::content_matches_id(set));
        assert!(set.problems().is_empty(), "{:?}", set.problems());
        let ws = Workspace::new(
            d.units
                .iter()
                .map(|u| record(u.unit_ref().key(), u.clone()))
                .collect(),
            d.assessments
                .iter()
                .chain(&r.assessments)
                .cloned()
                .collect(),
            r.sets.clone(),
        )
        .with_adopted([(SetLevel::ThonNtm, DEMO_VILLAGE_SET.to_string())])
        .with_results(
            r.recognitions
                .iter()
                .map(|x| record(x.id.clone(), x.clone()))
                .collect(),
            r.quantities
                .iter()
                .map(|x| record(x.id.clone(), x.clone()))
                .collect(),
            r.resources
                .iter()
                .map(|x| record(x.id.clone(), x.clone()))
                .collect(),
        );
        let codes: Vec<String> = (1..=100).map(|i| format!("99{i:03}")).collect();
        let codes: BTreeSet<&str> = codes.iter().map(String::as_str).collect();
        let f = ws.result_figures(&codes, Period::year(2025));
        let recognised = |level| {
            f.recognised
                .iter()
                .find(|(l, _)| *l == level)
                .unwrap()
                .1
                .count
        };
        // Recognised by decision trails self-assessment: fewer than meet the set.
        let self_assessed = codes
            .iter()
            .filter(|c| {
                ws.levels_in(&UnitRef::Commune(c.to_string()), Period::year(2025))
                    .ntm
            })
            .count();
        let ntm = recognised(SetLevel::XaNtm);
        assert!(
            ntm > 20 && ntm < self_assessed,
            "{ntm} recognised, {self_assessed} self-assessed"
        );
        let nc: Vec<_> = r
            .recognitions
            .iter()
            .filter(|x| x.level == SetLevel::XaNangCao)
            .map(|x| (x.step, x.date))
            .collect();
        assert!(
            recognised(SetLevel::XaNangCao) > 0,
            "{nc:?} {}",
            r.assessments.len()
        );
        assert!(f.villages_recognised[0].1 > 0);
        let communes_2025 = f
            .registrations
            .iter()
            .find(|x| x.level == SetLevel::XaNtm)
            .unwrap();
        assert!(
            communes_2025.recognised > 0
                && communes_2025.appraised > 0
                && communes_2025.in_progress > 0,
            "{communes_2025:?}"
        );
        assert_eq!(
            communes_2025.registered,
            communes_2025.recognised + communes_2025.appraised + communes_2025.in_progress
        );
        // Villages meet the village set in the dashboard's village figures.
        let villages_meeting = ws
            .village_rows(&codes, Period::year(2025))
            .iter()
            .filter(|v| v.result == Some(true))
            .count();
        assert!(villages_meeting > 0);
        // Resources: the funds and the works, the province's own quantity, and the model
        // gardens counted from villages.
        let ids: Vec<&str> = f.resources.iter().map(|x| x.quantity.id.as_str()).collect();
        for q in [
            "road_upgraded",
            "fund_central",
            "fund_people",
            "demo-q-hedges",
            "model_garden",
        ] {
            assert!(ids.contains(&q), "{q} in {ids:?}");
        }
        let gardens = f
            .resources
            .iter()
            .find(|x| x.quantity.id == "model_garden")
            .unwrap();
        assert_eq!(gardens.total.from_villages, gardens.total.communes);
        let _ = Standing::InProgress;
    }
}
