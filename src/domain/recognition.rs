//! Recognition by decision (công nhận đạt chuẩn): what the reports count as "đạt chuẩn",
//! as opposed to a self-assessment from marks. Each step of a unit towards a level is a
//! record of its own — registered for a year's target, appraised, recognised (decision
//! number, date, issuing body), withdrawn — so steps entered on different phones never
//! overwrite each other; where a unit stands on a date is derived from its steps.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::criteria::SetLevel;
use super::units::UnitRef;

/// One step of a unit towards a level.
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
pub enum Step {
    /// Registered to reach the level in `target_year` ("đăng ký đạt chuẩn năm 2025").
    Registered,
    /// The dossier appraised (thẩm định), waiting for the decision.
    Appraised,
    /// Recognised by decision (quyết định công nhận).
    Recognised,
    /// The recognition withdrawn (thu hồi quyết định công nhận).
    Withdrawn,
}

/// A step recorded for one unit and one level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recognition {
    /// Random: two devices recording steps never share an id; the same decision entered
    /// twice counts once, as standing is per unit and level.
    pub id: String,
    pub unit: UnitRef,
    pub level: SetLevel,
    pub step: Step,
    /// The year a registration targets; absent for the other steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_year: Option<u16>,
    /// The date of the decision or step.
    #[serde(with = "super::iso_date")]
    pub date: NaiveDate,
    /// "1234/QĐ-UBND"; may be empty for a registration or an appraisal.
    #[serde(default)]
    pub decision_no: String,
    /// "UBND tỉnh Thái Nguyên".
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub note: String,
}

/// Whether reaching `higher` means having reached `lower` too (nâng cao is recognised
/// only for NTM communes; a village kiểu mẫu is an NTM village).
pub fn implies(higher: SetLevel, lower: SetLevel) -> bool {
    use SetLevel::*;
    higher == lower
        || matches!(
            (higher, lower),
            (XaNangCao, XaNtm)
                | (XaKieuMau, XaNtm)
                | (XaKieuMau, XaNangCao)
                | (XaNtmHienDai, XaNtm)
                | (ThonKieuMau, ThonNtm)
        )
}

/// The levels a recognition may be recorded for, with the kind of unit they apply to.
pub fn fits(level: SetLevel, unit: &UnitRef) -> bool {
    match unit {
        UnitRef::Commune(_) => !level.is_village_level() && level != SetLevel::Custom,
        UnitRef::Village(_) => level.is_village_level(),
        _ => false,
    }
}

/// Whether `unit` is recognised at `level` on `on`: some recognition at that level or one
/// implying it, dated on or before `on`, not withdrawn since. A withdrawal ends the
/// recognitions that imply its level (withdrawing NTM ends nâng cao too), on its date or
/// later the same day; a new recognition after it counts again.
pub fn recognised<'a>(
    steps: impl IntoIterator<Item = &'a Recognition> + Clone,
    unit: &UnitRef,
    level: SetLevel,
    on: NaiveDate,
) -> bool {
    let of_unit = |s: &&Recognition| &s.unit == unit && s.date <= on;
    steps
        .clone()
        .into_iter()
        .filter(of_unit)
        .filter(|r| r.step == Step::Recognised && implies(r.level, level))
        .any(|r| {
            !steps
                .clone()
                .into_iter()
                .filter(of_unit)
                .any(|w| w.step == Step::Withdrawn && w.date >= r.date && implies(r.level, w.level))
        })
}

/// Where a registered unit stands on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// Registered, still working towards it ("đang tiếp tục").
    InProgress,
    /// Appraised after registering, waiting for the decision.
    Appraised,
    Recognised,
}

/// The units registered at `level` for `year` (registrations dated on or before `on`),
/// each with where it stands on `on`, in the order first registered.
pub fn registered<'a>(
    steps: impl IntoIterator<Item = &'a Recognition> + Clone,
    level: SetLevel,
    year: u16,
    on: NaiveDate,
) -> Vec<(UnitRef, Standing)> {
    let mut units: Vec<(NaiveDate, UnitRef)> = steps
        .clone()
        .into_iter()
        .filter(|s| {
            s.step == Step::Registered
                && s.level == level
                && s.target_year == Some(year)
                && s.date <= on
        })
        .map(|s| (s.date, s.unit.clone()))
        .collect();
    units.sort();
    let mut seen = std::collections::HashSet::new();
    units.retain(|(_, u)| seen.insert(u.clone()));
    units
        .into_iter()
        .map(|(since, unit)| {
            let standing = if recognised(steps.clone(), &unit, level, on) {
                Standing::Recognised
            } else if steps.clone().into_iter().any(|s| {
                s.unit == unit
                    && s.step == Step::Appraised
                    && s.level == level
                    && s.date >= since
                    && s.date <= on
            }) {
                Standing::Appraised
            } else {
                Standing::InProgress
            };
            (unit, standing)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(unit: &str, level: SetLevel, step: Step, date: (i32, u32, u32)) -> Recognition {
        Recognition {
            id: format!("{unit}-{step:?}-{date:?}"),
            unit: UnitRef::Commune(unit.into()),
            level,
            step,
            target_year: (step == Step::Registered).then_some(2020),
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            decision_no: String::new(),
            issuer: String::new(),
            note: String::new(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn recognition_counts_from_its_date_until_withdrawn() {
        use SetLevel::*;
        let a = UnitRef::Commune("00001".into());
        let steps = vec![
            step("00001", XaNtm, Step::Recognised, (2015, 12, 20)),
            step("00001", XaNangCao, Step::Recognised, (2020, 3, 1)),
        ];
        assert!(!recognised(&steps, &a, XaNtm, day(2015, 12, 19)));
        assert!(recognised(&steps, &a, XaNtm, day(2015, 12, 20)));
        assert!(!recognised(&steps, &a, XaNangCao, day(2019, 12, 31)));
        assert!(recognised(&steps, &a, XaNangCao, day(2020, 6, 30)));
        assert!(!recognised(&steps, &a, XaKieuMau, day(2020, 6, 30)));

        // Withdrawing nâng cao keeps NTM; withdrawing NTM ends both.
        let mut w = steps.clone();
        w.push(step("00001", XaNangCao, Step::Withdrawn, (2021, 1, 5)));
        assert!(recognised(&w, &a, XaNtm, day(2021, 6, 30)));
        assert!(!recognised(&w, &a, XaNangCao, day(2021, 6, 30)));
        let mut w = steps.clone();
        w.push(step("00001", XaNtm, Step::Withdrawn, (2021, 1, 5)));
        assert!(!recognised(&w, &a, XaNtm, day(2021, 6, 30)));
        assert!(!recognised(&w, &a, XaNangCao, day(2021, 6, 30)));
        assert!(
            recognised(&w, &a, XaNangCao, day(2021, 1, 4)),
            "before the withdrawal"
        );
        // Recognised again afterwards.
        w.push(step("00001", XaNtm, Step::Recognised, (2022, 2, 1)));
        assert!(recognised(&w, &a, XaNtm, day(2022, 6, 30)));
        assert!(!recognised(&w, &a, XaNangCao, day(2022, 6, 30)));
        // A nâng cao recognition alone means NTM too.
        let only = vec![step("00002", XaNangCao, Step::Recognised, (2023, 5, 5))];
        assert!(recognised(
            &only,
            &UnitRef::Commune("00002".into()),
            XaNtm,
            day(2023, 12, 31)
        ));
    }

    #[test]
    fn registrations_split_into_recognised_appraised_and_in_progress() {
        use SetLevel::ThonKieuMau as K;
        let steps = vec![
            step("v1", K, Step::Registered, (2019, 3, 1)),
            step("v2", K, Step::Registered, (2019, 3, 1)),
            step("v3", K, Step::Registered, (2019, 3, 2)),
            step("v1", K, Step::Appraised, (2020, 4, 1)),
            step("v1", K, Step::Recognised, (2020, 5, 1)),
            step("v2", K, Step::Appraised, (2020, 5, 2)),
            // Registered twice (two phones): counted once.
            step("v3", K, Step::Registered, (2019, 4, 2)),
        ];
        let r = registered(&steps, K, 2020, day(2020, 6, 30));
        let standing: Vec<Standing> = r.iter().map(|(_, s)| *s).collect();
        assert_eq!(
            standing,
            vec![
                Standing::Recognised,
                Standing::Appraised,
                Standing::InProgress
            ]
        );
        assert_eq!(registered(&steps, K, 2021, day(2020, 6, 30)), vec![]);
        // On an earlier date, v1 was only registered.
        assert_eq!(
            registered(&steps, K, 2020, day(2020, 3, 31))[0].1,
            Standing::InProgress
        );
    }

    #[test]
    fn levels_fit_their_units() {
        let c = UnitRef::Commune("00001".into());
        let v = UnitRef::Village("x".into());
        assert!(fits(SetLevel::XaNangCao, &c) && !fits(SetLevel::ThonNtm, &c));
        assert!(fits(SetLevel::ThonKieuMau, &v) && !fits(SetLevel::XaNtm, &v));
        assert!(!fits(SetLevel::Custom, &c));
        assert!(!fits(SetLevel::XaNtm, &UnitRef::Province("01".into())));
    }
}
