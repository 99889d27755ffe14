//! Assessments: what a unit meets in a criteria set for a period, value by value.
//! Each criterion is marked directly (met / not met / not applicable) or derived from its
//! indicators; every mark and value carries the stamp of the edit that set it, so files
//! from different devices merge value by value.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::criteria::SetId;
use super::history::{EditTarget, HistoryEntry};
use super::sync::{Stamp, Versioned};
use super::units::UnitRef;

/// A reporting period: a whole year, or its first half ("6 tháng đầu năm").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub year: u16,
    pub part: PeriodPart,
}

/// Ordered so that a year's first half comes before the whole year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodPart {
    FirstHalf,
    FullYear,
}

impl Period {
    pub fn year(year: u16) -> Self {
        Self {
            year,
            part: PeriodPart::FullYear,
        }
    }

    pub fn first_half(year: u16) -> Self {
        Self {
            year,
            part: PeriodPart::FirstHalf,
        }
    }

    pub fn label_vi(self) -> String {
        match self.part {
            PeriodPart::FirstHalf => format!("6 tháng đầu năm {}", self.year),
            PeriodPart::FullYear => format!("Năm {}", self.year),
        }
    }

    pub fn label(self, lang: super::profile::Lang) -> String {
        lang.pick(self.label_vi(), self.label_en())
    }

    pub fn label_en(self) -> String {
        match self.part {
            PeriodPart::FirstHalf => format!("First half of {}", self.year),
            PeriodPart::FullYear => format!("Year {}", self.year),
        }
    }

    /// The period reported just before this one (half-year then year, alternating).
    pub fn previous(self) -> Self {
        match self.part {
            PeriodPart::FullYear => Self::first_half(self.year),
            PeriodPart::FirstHalf => Self::year(self.year.saturating_sub(1)),
        }
    }
}

impl std::str::FromStr for Period {
    type Err = ();

    /// Reads what `Display` writes: "2025" (the year) or "2025-H1" (its first half).
    fn from_str(s: &str) -> Result<Self, ()> {
        let year = |y: &str| y.parse::<u16>().map_err(|_| ());
        match s.strip_suffix("-H1") {
            Some(y) => Ok(Period::first_half(year(y)?)),
            None => Ok(Period::year(year(s)?)),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            PeriodPart::FirstHalf => write!(f, "{}-H1", self.year),
            PeriodPart::FullYear => write!(f, "{}", self.year),
        }
    }
}

/// A direct judgement of a criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionMark {
    Met,
    NotMet,
    NotApplicable,
}

/// A recorded indicator value. Percentages are numbers (85 means 85 %).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum IndicatorValue {
    Number(f64),
    YesNo(bool),
    Text(String),
}

/// A value or mark with its evidence note. `value: None` records that someone cleared it,
/// which must win over older values when files merge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry<T> {
    pub value: Option<T>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

fn json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

impl<T> Entry<T> {
    pub fn cleared() -> Self {
        Self {
            value: None,
            note: String::new(),
        }
    }

    pub fn of(value: T) -> Self {
        Self {
            value: Some(value),
            note: String::new(),
        }
    }
}

/// Identifies an assessment: one unit, one set version, one period.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentKey {
    pub unit: UnitRef,
    pub set: SetId,
    pub period: Period,
}

impl AssessmentKey {
    /// The storage id: "commune:00001|QD318_2022_XA@1|2024-H1" (unit key | set id |
    /// period).
    pub fn id(&self) -> String {
        format!("{}|{}|{}", self.unit.key(), self.set, self.period)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub key: AssessmentKey,
    /// Direct marks by criterion id (see `Criterion::id`; the code for built-in sets).
    #[serde(default)]
    pub marks: BTreeMap<String, Versioned<Entry<CriterionMark>>>,
    /// Indicator values by indicator id (see `Indicator::id`).
    #[serde(default)]
    pub values: BTreeMap<String, Versioned<Entry<IndicatorValue>>>,
}

impl Assessment {
    pub fn new(key: AssessmentKey) -> Self {
        Self {
            key,
            marks: BTreeMap::new(),
            values: BTreeMap::new(),
        }
    }

    pub fn id(&self) -> String {
        self.key.id()
    }

    /// Sets a criterion's mark (or clears it with `entry.value = None`) as an edit.
    pub fn set_mark(
        &mut self,
        criterion: &str,
        entry: Entry<CriterionMark>,
        stamp: Stamp,
    ) -> HistoryEntry {
        let target = EditTarget::Mark {
            assessment: self.id(),
            criterion: criterion.to_string(),
        };
        let old = self.marks.get(criterion).map(|v| json(&v.value));
        let new = Some(json(&entry));
        self.marks
            .insert(criterion.to_string(), Versioned::new(entry, stamp.clone()));
        HistoryEntry::new(target, old, new, stamp)
    }

    /// Sets an indicator value and its note (or clears the value) as an edit.
    pub fn set_value(
        &mut self,
        indicator: &str,
        entry: Entry<IndicatorValue>,
        stamp: Stamp,
    ) -> HistoryEntry {
        let target = EditTarget::Value {
            assessment: self.id(),
            indicator: indicator.to_string(),
        };
        let old = self.values.get(indicator).map(|v| json(&v.value));
        let new = Some(json(&entry));
        self.values
            .insert(indicator.to_string(), Versioned::new(entry, stamp.clone()));
        HistoryEntry::new(target, old, new, stamp)
    }

    /// Whether anything is recorded: a mark or a value that was not cleared. An
    /// assessment whose every value was cleared is "no data", not "assessed".
    pub fn has_data(&self) -> bool {
        self.marks.values().any(|v| v.value.value.is_some())
            || self.values.values().any(|v| v.value.value.is_some())
    }

    pub fn mark(&self, criterion: &str) -> Option<CriterionMark> {
        self.marks.get(criterion).and_then(|v| v.value.value)
    }

    pub fn value(&self, indicator: &str) -> Option<&IndicatorValue> {
        self.values
            .get(indicator)
            .and_then(|v| v.value.value.as_ref())
    }

    /// A new assessment for `period` starting from this one's marks and values ("copy from
    /// the previous period"), each re-stamped by `stamp` as a new edit.
    pub fn copy_to(&self, period: Period, stamp: &super::sync::Stamp) -> Assessment {
        fn restamp<T: Clone>(
            map: &BTreeMap<String, Versioned<T>>,
            stamp: &super::sync::Stamp,
        ) -> BTreeMap<String, Versioned<T>> {
            map.iter()
                .map(|(k, v)| (k.clone(), Versioned::new(v.value.clone(), stamp.clone())))
                .collect()
        }
        Assessment {
            key: AssessmentKey {
                period,
                ..self.key.clone()
            },
            marks: restamp(&self.marks, stamp),
            values: restamp(&self.values, stamp),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sync::Hlc;

    fn stamp(t: u64) -> Stamp {
        Stamp {
            hlc: Hlc {
                wall_ms: t,
                counter: 0,
            },
            device: "d".into(),
            author: "An".into(),
        }
    }

    #[test]
    fn edits_record_old_and_new_values() {
        let key = AssessmentKey {
            unit: UnitRef::Commune("00001".into()),
            set: SetId {
                id: "QD318_2022_XA".into(),
                version: "1".into(),
            },
            period: Period::first_half(2024),
        };
        assert_eq!(key.id(), "commune:00001|QD318_2022_XA@1|2024-H1");
        let mut a = Assessment::new(key);
        let h1 = a.set_value(
            "3.x1",
            Entry {
                value: Some(IndicatorValue::Number(70.0)),
                note: "Báo cáo thủy lợi".into(),
            },
            stamp(1),
        );
        assert_eq!(h1.old, None);
        assert_eq!(
            h1.new,
            Some(
                serde_json::json!({"value": {"type": "number", "value": 70.0}, "note": "Báo cáo thủy lợi"})
            )
        );
        let h2 = a.set_value("3.x1", Entry::of(IndicatorValue::Number(85.0)), stamp(2));
        assert_eq!(h2.old, h1.new);
        assert_eq!(a.value("3.x1"), Some(&IndicatorValue::Number(85.0)));
        let h3 = a.set_mark("1", Entry::of(CriterionMark::Met), stamp(3));
        assert_eq!(
            h3.record_key,
            "commune:00001|QD318_2022_XA@1|2024-H1#mark:1"
        );
        a.set_mark("1", Entry::cleared(), stamp(4));
        assert_eq!(a.mark("1"), None);
        assert_eq!(
            a.marks["1"].stamp,
            stamp(4),
            "a cleared mark keeps its stamp so it merges"
        );
    }
}
