//! The user's data as loaded from storage, with the questions pages ask of it: which
//! thresholds apply to a unit, its latest result, the tree of units. Pure, so the answers
//! are tested natively and pages only display them.

use std::collections::HashMap;

use super::assessment::{Assessment, Period};
use super::criteria::{builtin_sets, CriteriaSet, SetId, SetLevel};
use super::evaluation::{
    evaluate_assessment, summarise_assessment, AssessmentResult, AssessmentSummary, CommuneLevels,
    LevelFacts,
};
use super::stats::Scope;
use super::sync::Record;
use super::text::match_rank;
use super::units::{Commune, ThresholdContext, Unit, UnitRef};

/// Read-only once built: the indices below are made in [`Workspace::new`] (a national
/// workspace has 3,321 communes and thousands of assessments; linear searches per commune
/// made the dashboard quadratic). Add data with [`Workspace::add_assessment`].
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub units: Vec<Record<Unit>>,
    pub assessments: Vec<Assessment>,
    /// Built-in sets first, then custom ones (every version).
    pub sets: Vec<CriteriaSet>,
    /// Unit key → position in `units`.
    unit_index: HashMap<String, usize>,
    /// Unit key → positions in `assessments`.
    assessment_index: HashMap<String, Vec<usize>>,
}

impl Workspace {
    pub fn new(
        units: Vec<Record<Unit>>,
        assessments: Vec<Assessment>,
        custom_sets: Vec<CriteriaSet>,
    ) -> Self {
        let mut sets = builtin_sets();
        sets.extend(custom_sets);
        let unit_index = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.clone(), i))
            .collect();
        let mut w = Self {
            units,
            assessments: Vec::new(),
            sets,
            unit_index,
            assessment_index: HashMap::new(),
        };
        for a in assessments {
            w.add_assessment(a);
        }
        w
    }

    /// Adds an assessment, keeping the index in step.
    pub fn add_assessment(&mut self, a: Assessment) {
        self.assessment_index
            .entry(a.key.unit.key())
            .or_default()
            .push(self.assessments.len());
        self.assessments.push(a);
    }

    /// The assessments of one unit.
    fn assessments_of(&self, unit: &UnitRef) -> impl Iterator<Item = &Assessment> {
        self.assessment_index
            .get(&unit.key())
            .into_iter()
            .flatten()
            .map(|i| &self.assessments[*i])
    }

    pub fn unit(&self, r: &UnitRef) -> Option<&Record<Unit>> {
        self.unit_index.get(&r.key()).map(|i| &self.units[*i])
    }

    /// The name of the unit with storage key `key` ("commune:00070"), if it is here.
    pub fn unit_name(&self, key: &str) -> Option<&str> {
        self.unit_index.get(key).map(|i| self.units[*i].data.name())
    }

    pub fn set(&self, id: &SetId) -> Option<&CriteriaSet> {
        self.sets
            .iter()
            .find(|s| s.code == id.code && s.version == id.version)
    }

    /// The newest version of each set, for choosing one to assess with.
    pub fn current_sets(&self) -> Vec<&CriteriaSet> {
        let mut out: Vec<&CriteriaSet> = Vec::new();
        for s in &self.sets {
            match out.iter().position(|o| o.code == s.code) {
                Some(i) if out[i].version < s.version => out[i] = s,
                Some(_) => {}
                None => out.push(s),
            }
        }
        out
    }

    /// Sets that can assess this unit: village sets for villages, commune sets otherwise.
    pub fn sets_for(&self, unit: &UnitRef) -> Vec<&CriteriaSet> {
        let village = matches!(unit, UnitRef::Village(_));
        self.current_sets()
            .into_iter()
            .filter(|s| s.level.is_village_level() == village || s.level == SetLevel::Custom)
            .collect()
    }

    fn commune_of(&self, unit: &UnitRef) -> Option<&Commune> {
        let code = match unit {
            UnitRef::Commune(c) => c.clone(),
            UnitRef::Village(_) => match &self.unit(unit)?.data {
                Unit::Village(v) => v.commune_code.clone(),
                _ => return None,
            },
            _ => return None,
        };
        match &self.unit(&UnitRef::Commune(code))?.data {
            Unit::Commune(c) => Some(c),
            _ => None,
        }
    }

    /// Which thresholds apply: a village uses its commune's region and group.
    pub fn context(&self, unit: &UnitRef) -> ThresholdContext {
        self.commune_of(unit)
            .map(ThresholdContext::from)
            .unwrap_or_default()
    }

    pub fn assessment(&self, unit: &UnitRef, set: &SetId, period: Period) -> Option<&Assessment> {
        self.assessments_of(unit)
            .find(|a| &a.key.set == set && a.key.period == period)
    }

    /// The unit's most recent assessment (latest period; ties broken by set id).
    pub fn latest_assessment(&self, unit: &UnitRef) -> Option<&Assessment> {
        self.assessments_of(unit)
            .max_by(|a, b| (a.key.period, &a.key.set).cmp(&(b.key.period, &b.key.set)))
    }

    /// The nâng cao result of the same unit and period, for kiểu mẫu conditions.
    fn facts(&self, a: &Assessment) -> LevelFacts {
        let nang_cao = self
            .assessments_of(&a.key.unit)
            .filter(|o| o.key.period == a.key.period)
            .filter_map(|o| {
                self.set(&o.key.set)
                    .filter(|s| s.level == SetLevel::XaNangCao)
                    .map(|s| (o, s))
            })
            .map(|(o, s)| {
                summarise_assessment(s, o, self.context(&o.key.unit), LevelFacts::default())
                    .meets_set()
            })
            .next();
        LevelFacts {
            nang_cao_achieved: nang_cao,
        }
    }

    pub fn evaluate(&self, a: &Assessment) -> Option<AssessmentResult> {
        let set = self.set(&a.key.set)?;
        Some(evaluate_assessment(
            set,
            a,
            self.context(&a.key.unit),
            self.facts(a),
        ))
    }

    /// [`Self::evaluate`] reduced to the outcomes (statistics of many communes).
    pub fn summarise(&self, a: &Assessment) -> Option<AssessmentSummary> {
        let set = self.set(&a.key.set)?;
        Some(summarise_assessment(
            set,
            a,
            self.context(&a.key.unit),
            self.facts(a),
        ))
    }

    /// The latest result of a unit, with the set it was made against.
    pub fn latest_result(
        &self,
        unit: &UnitRef,
    ) -> Option<(&Assessment, &CriteriaSet, AssessmentResult)> {
        let a = self.latest_assessment(unit)?;
        let set = self.set(&a.key.set)?;
        Some((a, set, self.evaluate(a)?))
    }

    /// The unit's assessments of `year` in its latest period of that year (the whole year
    /// if there is one, else the first half), against sets of a level that `wanted`
    /// accepts (the others are not evaluated: a dashboard asks this for every commune),
    /// each with its set and outcomes.
    fn year_results(
        &self,
        unit: &UnitRef,
        year: u16,
        wanted: impl Fn(SetLevel) -> bool,
    ) -> Vec<(&CriteriaSet, AssessmentSummary)> {
        let in_year: Vec<&Assessment> = self
            .assessments_of(unit)
            .filter(|a| a.key.period.year == year)
            .collect();
        let Some(latest) = in_year.iter().map(|a| a.key.period).max() else {
            return Vec::new();
        };
        in_year
            .into_iter()
            .filter(|a| a.key.period == latest)
            .filter_map(|a| {
                let set = self.set(&a.key.set).filter(|s| wanted(s.level))?;
                Some((set, self.summarise(a)?))
            })
            .collect()
    }

    /// The levels a commune reached in `year` (by its latest assessments of that year).
    pub fn levels_in_year(&self, unit: &UnitRef, year: u16) -> CommuneLevels {
        let results = self.year_results(unit, year, |l| {
            matches!(
                l,
                SetLevel::XaNtm | SetLevel::XaNangCao | SetLevel::XaKieuMau
            )
        });
        let meets = |level: SetLevel| {
            results
                .iter()
                .any(|(s, r)| s.level == level && r.meets_set())
        };
        let ntm = meets(SetLevel::XaNtm);
        let nang_cao = ntm && meets(SetLevel::XaNangCao);
        CommuneLevels {
            ntm,
            nang_cao,
            kieu_mau: nang_cao && meets(SetLevel::XaKieuMau),
        }
    }

    /// Whether a village met a village set in `year`.
    pub fn village_meets_in_year(&self, unit: &UnitRef, year: u16) -> bool {
        self.year_results(unit, year, SetLevel::is_village_level)
            .iter()
            .any(|(_, r)| r.meets_set())
    }

    /// Every live commune as (code, name), for pickers.
    pub fn commune_choices(&self) -> Vec<(String, String)> {
        self.units
            .iter()
            .filter(|u| !u.archived)
            .filter_map(|u| match &u.data {
                Unit::Commune(c) => Some((c.code.clone(), c.name.clone())),
                _ => None,
            })
            .collect()
    }

    /// Live communes inside a scope.
    pub fn communes_in(&self, scope: &Scope) -> Vec<&Commune> {
        self.units
            .iter()
            .filter(|u| !u.archived)
            .filter_map(|u| match &u.data {
                Unit::Commune(c) => Some(c),
                _ => None,
            })
            .filter(|c| match scope {
                Scope::Province(p) => &c.province_code == p,
                Scope::District(d) => c.legacy_district.as_ref().is_some_and(|x| &x.code == d),
                Scope::Commune(code) => &c.code == code,
            })
            .collect()
    }

    /// Live villages of the communes inside a scope.
    pub fn villages_in(&self, scope: &Scope) -> Vec<&super::units::Village> {
        let communes: std::collections::HashSet<&str> = self
            .communes_in(scope)
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        self.units
            .iter()
            .filter(|u| !u.archived)
            .filter_map(|u| match &u.data {
                Unit::Village(v) if communes.contains(&v.commune_code.as_str()) => Some(v),
                _ => None,
            })
            .collect()
    }

    /// Live (or, with `archived`, all) communes of a province and villages of a commune.
    pub fn children(&self, parent: &UnitRef, archived: bool) -> Vec<&Record<Unit>> {
        let mut out: Vec<&Record<Unit>> = self
            .units
            .iter()
            .filter(|u| u.data.parent().as_ref() == Some(parent) && (archived || !u.archived))
            .collect();
        out.sort_by(|a, b| a.data.name().cmp(b.data.name()));
        out
    }

    pub fn provinces(&self) -> Vec<&Record<Unit>> {
        let mut out: Vec<&Record<Unit>> = self
            .units
            .iter()
            .filter(|u| matches!(u.data, Unit::Province(_)))
            .collect();
        out.sort_by(|a, b| a.data.name().cmp(b.data.name()));
        out
    }

    /// Whether a unit or anything below it matches a search (so the tree keeps the path).
    pub fn matches_search(&self, unit: &Record<Unit>, query: &str, archived: bool) -> bool {
        if query.trim().is_empty() || match_rank(query, unit.data.name()).is_some() {
            return true;
        }
        self.children(&unit.data.unit_ref(), archived)
            .iter()
            .any(|c| self.matches_search(c, query, archived))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::{AssessmentKey, CriterionMark, Entry};
    use crate::domain::sync::{Hlc, Stamp};
    use crate::domain::units::{CommuneKind, Province, Region, Village, VillageKind};

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
            .id();
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
        assert_eq!((r.met, r.total), (15, 19));
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

    #[test]
    fn levels_in_a_year_use_its_latest_period_and_build_on_each_other() {
        let mut w = workspace();
        let unit = UnitRef::Commune("15889".into());
        let mark_all = |w: &Workspace, code: &str, period: Period, met: bool| {
            let set = w.sets.iter().find(|s| s.code == code).unwrap();
            let mut a = Assessment::new(AssessmentKey {
                unit: unit.clone(),
                set: set.id(),
                period,
            });
            for c in &set.criteria {
                let m = if met {
                    CriterionMark::Met
                } else {
                    CriterionMark::NotMet
                };
                a.set_mark(&c.code, Entry::of(m), stamp());
            }
            a
        };
        let a1 = mark_all(&w, "QD318_2022_XA", Period::first_half(2024), false);
        let a2 = mark_all(&w, "QD318_2022_XA", Period::year(2024), true);
        let a3 = mark_all(&w, "QD318_2022_XA_NANG_CAO", Period::year(2024), true);
        for a in [a1, a2, a3] {
            w.add_assessment(a);
        }
        let l = w.levels_in_year(&unit, 2024);
        assert!(l.ntm && l.nang_cao && !l.kieu_mau);
        assert_eq!(w.levels_in_year(&unit, 2023), CommuneLevels::default());
        assert_eq!(w.communes_in(&Scope::Province("38".into())).len(), 1);
        assert_eq!(
            w.villages_in(&Scope::Province("38".into())).len(),
            1,
            "archived villages are not counted"
        );
        assert!(w.communes_in(&Scope::Province("01".into())).is_empty());
    }

    #[test]
    fn the_newest_version_of_a_custom_set_is_offered() {
        let base = builtin_sets()
            .into_iter()
            .find(|s| s.code == "MAU_THON_NTM")
            .unwrap();
        let v1 = crate::domain::criteria::derive_custom(&base, "THON_X", "Thôn tỉnh X");
        let mut v2 = v1.clone();
        v2.version = 2;
        let w = Workspace::new(vec![], vec![], vec![v1, v2]);
        let x: Vec<u32> = w
            .current_sets()
            .iter()
            .filter(|s| s.code == "THON_X")
            .map(|s| s.version)
            .collect();
        assert_eq!(x, vec![2]);
    }
}
