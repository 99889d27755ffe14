//! The workspace's answers: thresholds of a unit, the tree, latest results, levels per
//! period, which sets are current and which count, merged villages.

use ntm::domain::assessment::{Assessment, AssessmentKey, CriterionMark, Entry, Period};
use ntm::domain::criteria::{builtin_sets, CriteriaSet, SetLevel};
use ntm::domain::evaluation::CommuneLevels;
use ntm::domain::stats::Scope;
use ntm::domain::sync::{Hlc, Record, Stamp};
use ntm::domain::units::{
    Commune, CommuneKind, Province, Region, ThresholdContext, Unit, UnitRef, Village, VillageKind,
};
use ntm::domain::workspace::Workspace;

fn stamp() -> Stamp {
    Stamp {
        hlc: Hlc::default(),
        device: "d".into(),
        author: "a".into(),
    }
}

fn rec(unit: Unit, archived: bool) -> Record<Unit> {
    Record {
        id: unit.unit_ref().key(),
        data: unit,
        stamp: stamp(),
        archived,
    }
}

fn workspace() -> Workspace {
    let units = vec![
        rec(
            Unit::Province(Province {
                code: "38".into(),
                name: "Thanh Hóa".into(),
            }),
            false,
        ),
        rec(
            Unit::Commune(Commune {
                code: "15889".into(),
                name: "Xã Thiệu Vũ".into(),
                kind: CommuneKind::Xa,
                province_code: "38".into(),
                legacy_district: None,
                region: Some(Region::Btb),
                group: None,
                village_set: None,
                archived: false,
            }),
            false,
        ),
        rec(
            Unit::Village(Village {
                id: "v1".into(),
                commune_code: "15889".into(),
                name: "Thôn Đông".into(),
                kind: VillageKind::Thon,
                merged_into: None,
                archived: false,
            }),
            false,
        ),
        rec(
            Unit::Village(Village {
                id: "v2".into(),
                commune_code: "15889".into(),
                name: "Thôn Cũ".into(),
                kind: VillageKind::Thon,
                merged_into: None,
                archived: true,
            }),
            true,
        ),
    ];
    Workspace::new(units, vec![], vec![])
}

#[test]
fn villages_use_their_communes_thresholds() {
    let w = workspace();
    assert_eq!(
        w.context(&UnitRef::Village("v1".into())).region,
        Some(Region::Btb)
    );
    assert_eq!(
        w.context(&UnitRef::Commune("15889".into())).region,
        Some(Region::Btb)
    );
    assert_eq!(
        w.context(&UnitRef::Commune("00000".into())),
        ThresholdContext::default()
    );
}

#[test]
fn the_tree_hides_archived_units_unless_asked_and_search_keeps_the_path() {
    let w = workspace();
    let commune = UnitRef::Commune("15889".into());
    assert_eq!(w.children(&commune, false).len(), 1);
    assert_eq!(w.children(&commune, true).len(), 2);
    let province = w.provinces()[0];
    assert!(w.matches_search(province, "thon dong", false));
    assert!(!w.matches_search(province, "thon cu", false));
    assert!(w.matches_search(province, "thon cu", true));
}

#[test]
fn latest_results_and_sets_for_each_level() {
    let mut w = workspace();
    let set = w
        .sets
        .iter()
        .find(|s| s.code == "QD318_2022_XA")
        .unwrap()
        .set_id();
    let unit = UnitRef::Commune("15889".into());
    for (period, met) in [(Period::year(2024), 12), (Period::first_half(2025), 15)] {
        let mut a = Assessment::new(AssessmentKey {
            unit: unit.clone(),
            set: set.clone(),
            period,
        });
        for i in 1..=met {
            a.set_mark(&i.to_string(), Entry::of(CriterionMark::Met), stamp());
        }
        w.add_assessment(a);
    }
    let (a, s, r) = w.latest_result(&unit).unwrap();
    assert_eq!(a.key.period, Period::first_half(2025));
    assert_eq!(s.code, "QD318_2022_XA");
    assert_eq!((r.met, r.reached, r.total), (15, 15, 19));
    let village_sets: Vec<&str> = w
        .sets_for(&UnitRef::Village("v1".into()))
        .iter()
        .map(|s| s.code.as_str())
        .collect();
    assert_eq!(village_sets, vec!["MAU_THON_NTM"]);
    assert!(w
        .sets_for(&unit)
        .iter()
        .all(|s| !s.level.is_village_level()));
}

fn mark_all(w: &Workspace, unit: &UnitRef, code: &str, period: Period, met: bool) -> Assessment {
    let set = w.sets.iter().find(|s| s.code == code).unwrap();
    let mut a = Assessment::new(AssessmentKey {
        unit: unit.clone(),
        set: set.set_id(),
        period,
    });
    for c in &set.criteria {
        let m = if met {
            CriterionMark::Met
        } else {
            CriterionMark::NotMet
        };
        a.set_mark(&c.id, Entry::of(m), stamp());
    }
    a
}

#[test]
fn levels_are_those_of_the_period_itself_and_build_on_each_other() {
    let mut w = workspace();
    let unit = UnitRef::Commune("15889".into());
    let a1 = mark_all(&w, &unit, "QD318_2022_XA", Period::first_half(2024), true);
    let a2 = mark_all(&w, &unit, "QD318_2022_XA", Period::year(2024), true);
    let a3 = mark_all(
        &w,
        &unit,
        "QD318_2022_XA_NANG_CAO",
        Period::year(2024),
        true,
    );
    let a4 = mark_all(&w, &unit, "QD318_2022_XA", Period::first_half(2025), true);
    for a in [a1, a2, a3, a4] {
        w.add_assessment(a);
    }
    let l = w.levels_in(&unit, Period::year(2024));
    assert!(l.ntm && l.nang_cao && !l.kieu_mau);
    let h1 = w.levels_in(&unit, Period::first_half(2024));
    assert!(
        h1.ntm && !h1.nang_cao,
        "nâng cao was assessed for the year only"
    );
    assert_eq!(
        w.levels_in(&unit, Period::year(2025)),
        CommuneLevels::default(),
        "first-half data does not count for the whole year"
    );
    assert_eq!(w.communes_in(&Scope::Province("38".into())).len(), 1);
    assert_eq!(
        w.villages_in(&Scope::Province("38".into())).len(),
        1,
        "archived villages are not counted"
    );
    assert!(w.communes_in(&Scope::Province("01".into())).is_empty());
}

fn custom_commune_set(id: &str) -> CriteriaSet {
    let base = builtin_sets()
        .into_iter()
        .find(|s| s.code == "QD318_2022_XA")
        .unwrap();
    ntm::domain::criteria::derive_custom(&base, id, "QD318_2022_XA", "Bản của tỉnh")
}

#[test]
fn a_custom_set_counts_for_a_level_only_when_adopted_on_this_device() {
    let unit = UnitRef::Commune("15889".into());
    let custom = custom_commune_set("tinh-x");
    assert_eq!(
        custom.level,
        SetLevel::XaNtm,
        "copied from the national set"
    );
    let w = Workspace::new(workspace().units, vec![], vec![custom.clone()]);
    let a = mark_all(&w, &unit, "QD318_2022_XA", Period::year(2025), true);
    let mut a = a;
    a.key.set = custom.set_id();
    let mut w = w;
    w.add_assessment(a.clone());
    assert!(!w.levels_in(&unit, Period::year(2025)).ntm);
    let w = Workspace::new(workspace().units, vec![a], vec![custom])
        .with_adopted([(SetLevel::XaNtm, "tinh-x".to_string())]);
    assert!(w.levels_in(&unit, Period::year(2025)).ntm);
    assert_eq!(
        w.sets_counted(&unit, Period::year(2025), SetLevel::XaNtm)[0].id,
        "tinh-x"
    );
}

#[test]
fn a_custom_set_cannot_take_a_built_in_lineage() {
    let mut fake = custom_commune_set("QD318_2022_XA");
    fake.criteria.truncate(1);
    fake.number = 2;
    fake.version = ntm::domain::set_versions::version_id(&fake);
    let w = Workspace::new(vec![], vec![], vec![fake]);
    assert_eq!(w.versions("QD318_2022_XA").len(), 1);
    assert_eq!(w.heads("QD318_2022_XA")[0].criteria.len(), 19);
}

#[test]
fn the_newest_version_of_a_custom_set_is_offered_and_parallel_ones_are_seen() {
    let base = builtin_sets()
        .into_iter()
        .find(|s| s.code == "MAU_THON_NTM")
        .unwrap();
    let v1 = ntm::domain::criteria::derive_custom(&base, "thon-x", "THON_X", "Thôn tỉnh X");
    let add = |id: &str, title: &str| {
        ntm::domain::criteria::apply_edit(
            &v1,
            ntm::domain::criteria::SetEdit::AddCriterion(ntm::domain::criteria::Criterion {
                id: id.into(),
                code: "1".into(),
                name: title.into(),
                group: None,
                indicators: vec![],
                auto: None,
                source: ntm::domain::criteria::Source {
                    citation: "QĐ tỉnh".into(),
                    ..Default::default()
                },
                verified: false,
            }),
        )
        .unwrap()
    };
    let (v2a, v2b) = (add("k-a", "Giao thông"), add("k-b", "Điện"));
    assert_ne!(
        v2a.version, v2b.version,
        "two edits of one version: two ids"
    );
    let w = Workspace::new(vec![], vec![], vec![v1.clone(), v2a.clone()]);
    let current: Vec<&str> = w
        .current_sets()
        .iter()
        .filter(|s| s.id == "thon-x")
        .map(|s| s.version.as_str())
        .collect();
    assert_eq!(current, vec![v2a.version.as_str()]);
    let w = Workspace::new(vec![], vec![], vec![v1, v2a, v2b]);
    assert_eq!(
        w.heads("thon-x").len(),
        2,
        "parallel versions are both current"
    );
}

#[test]
fn a_merged_village_counts_once_with_the_values_of_both() {
    let mut units = workspace().units;
    let mut dup = units[2].clone();
    dup.id = "village:v3".into();
    if let Unit::Village(v) = &mut dup.data {
        v.id = "v3".into();
        v.name = "Thôn  đông".into();
        v.merged_into = Some("v1".into());
    }
    units.push(dup);
    let set = custom_commune_set("s");
    let key = |unit: &str| AssessmentKey {
        unit: UnitRef::Village(unit.into()),
        set: set.set_id(),
        period: Period::year(2025),
    };
    let later = |t: u64| Stamp {
        hlc: ntm::domain::sync::Hlc {
            wall_ms: t,
            counter: 0,
        },
        ..stamp()
    };
    let mut a1 = Assessment::new(key("v1"));
    a1.set_mark("1", Entry::of(CriterionMark::NotMet), later(1));
    a1.set_mark("2", Entry::of(CriterionMark::Met), later(1));
    let mut a3 = Assessment::new(key("v3"));
    a3.set_mark("1", Entry::of(CriterionMark::Met), later(2));
    a3.set_mark("3", Entry::of(CriterionMark::Met), later(1));
    let w = Workspace::new(units, vec![a1, a3], vec![set.clone()]);
    assert!(w.is_merged(&UnitRef::Village("v3".into())));
    assert_eq!(
        w.kept_ref(&UnitRef::Village("v3".into())),
        UnitRef::Village("v1".into())
    );
    assert_eq!(w.villages_in(&Scope::Province("38".into())).len(), 1);
    let a = w
        .assessment(
            &UnitRef::Village("v3".into()),
            &set.set_id(),
            Period::year(2025),
        )
        .unwrap();
    assert_eq!(a.key.unit, UnitRef::Village("v1".into()));
    assert_eq!(
        a.mark("1"),
        Some(CriterionMark::Met),
        "the later value wins"
    );
    assert_eq!(a.mark("2"), Some(CriterionMark::Met));
    assert_eq!(a.mark("3"), Some(CriterionMark::Met));
    assert_eq!(w.assessments.len(), 1);
}
