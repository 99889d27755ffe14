//! How an assessment sits in its IndexedDB row (data format 4): one JSON text in which
//! every mark and value is a short array, its stamp's device and author written once per
//! assessment and its time as milliseconds after the assessment's earliest stamp.
//!
//! Why: stored as an object, an assessment was ~47 values each with its own stamp object
//! (device id and author name repeated in each); a national database's 6,642 assessments
//! were 46 MB, and IndexedDB's reading of them took 1.4–1.6 s on the page's main thread.
//! Measured in Chromium, that time follows the bytes read (~35 ms per MB, the same for one
//! string as for the objects it would parse into), so the cure is fewer bytes.
//!
//! ```text
//! {"key": <AssessmentKey>,
//!  "base_ms": 1763913600000,                // the earliest stamp's wall time
//!  "who": [["<device id>", "<author>"], …], // each device and author once, first-use order
//!  "marks":  [["1", "met", "", 3, 0, 0], …],   // [criterion id, mark or null, note,
//!  "values": [["2.1", 85, "", 4, 0, 0], …]}    //  ms after base_ms, counter, who #]
//! ```
//! A value is written as JSON's own kind: a number (`Number`), `true`/`false` (`YesNo`),
//! a string (`Text`); `null` is a cleared value. A number JSON cannot hold (NaN, infinity)
//! is refused when writing rather than stored as `null`, which would read back as cleared.
//! Compiled natively so that the round trip is property-tested.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{Error as _, Serializer};
use serde::{Deserialize, Serialize};

use crate::domain::assessment::{Assessment, AssessmentKey, CriterionMark, Entry, IndicatorValue};
use crate::domain::sync::{Hlc, Stamp, Versioned};

/// A mark or value as written: id, value (`None`: cleared), note, ms after `base_ms`,
/// counter, index into `who`.
type Slot<'a, T> = (&'a str, Option<T>, &'a str, u64, u32, u32);
type OwnedSlot<T> = (String, Option<T>, String, u64, u32, u32);

#[derive(Serialize)]
struct BodyOut<'a> {
    key: &'a AssessmentKey,
    base_ms: u64,
    who: Vec<(&'a str, &'a str)>,
    marks: Vec<Slot<'a, CriterionMark>>,
    values: Vec<Slot<'a, PlainValue<'a>>>,
}

#[derive(Deserialize)]
struct BodyIn {
    key: AssessmentKey,
    base_ms: u64,
    who: Vec<(String, String)>,
    marks: Vec<OwnedSlot<CriterionMark>>,
    values: Vec<OwnedSlot<OwnedPlainValue>>,
}

/// An indicator value written as JSON's own kind of value.
struct PlainValue<'a>(&'a IndicatorValue);

impl Serialize for PlainValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            IndicatorValue::Number(n) if n.is_finite() => s.serialize_f64(*n),
            IndicatorValue::Number(n) => Err(S::Error::custom(format!(
                "an indicator value that JSON cannot hold: {n}"
            ))),
            IndicatorValue::YesNo(b) => s.serialize_bool(*b),
            IndicatorValue::Text(t) => s.serialize_str(t),
        }
    }
}

struct OwnedPlainValue(IndicatorValue);

impl<'de> Deserialize<'de> for OwnedPlainValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Plain;
        impl Visitor<'_> for Plain {
            type Value = OwnedPlainValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, true/false or a text")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(OwnedPlainValue(IndicatorValue::Number(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(OwnedPlainValue(IndicatorValue::Number(v as f64)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(OwnedPlainValue(IndicatorValue::Number(v as f64)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(OwnedPlainValue(IndicatorValue::YesNo(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(OwnedPlainValue(IndicatorValue::Text(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(OwnedPlainValue(IndicatorValue::Text(v)))
            }
        }
        d.deserialize_any(Plain)
    }
}

/// Numbers the (device, author) pairs of one assessment, each once, in first-use order.
#[derive(Default)]
struct Who<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Who<'a> {
    fn number(&mut self, s: &'a Stamp) -> u32 {
        // An assessment has a handful of authors: a scan beats hashing strings.
        let pair = (s.device.as_str(), s.author.as_str());
        let i = match self.0.iter().position(|k| *k == pair) {
            Some(i) => i,
            None => {
                self.0.push(pair);
                self.0.len() - 1
            }
        };
        i as u32
    }
}

/// An assessment as its row's `body` text (fails only on a number JSON cannot hold).
pub fn encode(a: &Assessment) -> Result<String, String> {
    let stamps = a.marks.values().map(|v| &v.stamp);
    let base_ms = stamps
        .chain(a.values.values().map(|v| &v.stamp))
        .map(|s| s.hlc.wall_ms)
        .min()
        .unwrap_or(0);
    let mut who = Who::default();
    let slot = |s: &Stamp| (s.hlc.wall_ms - base_ms, s.hlc.counter);
    let marks = a
        .marks
        .iter()
        .map(|(id, v)| {
            let (ms, counter) = slot(&v.stamp);
            let w = who.number(&v.stamp);
            (
                id.as_str(),
                v.value.value,
                v.value.note.as_str(),
                ms,
                counter,
                w,
            )
        })
        .collect();
    let values = a
        .values
        .iter()
        .map(|(id, v)| {
            let (ms, counter) = slot(&v.stamp);
            let w = who.number(&v.stamp);
            let value = v.value.value.as_ref().map(PlainValue);
            (id.as_str(), value, v.value.note.as_str(), ms, counter, w)
        })
        .collect();
    let body = BodyOut {
        key: &a.key,
        base_ms,
        who: who.0,
        marks,
        values,
    };
    serde_json::to_string(&body).map_err(|e| format!("assessment {}: {e}", a.id()))
}

/// The assessment a row's `body` text holds.
pub fn decode(body: &str) -> Result<Assessment, String> {
    let b: BodyIn = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let stamp = |ms: u64, counter: u32, w: u32| -> Result<Stamp, String> {
        let (device, author) = b
            .who
            .get(w as usize)
            .ok_or_else(|| format!("author #{w} of {} is missing", b.who.len()))?;
        let wall_ms = b
            .base_ms
            .checked_add(ms)
            .ok_or_else(|| format!("a time past the end of the clock: {ms}"))?;
        Ok(Stamp {
            hlc: Hlc { wall_ms, counter },
            device: device.clone(),
            author: author.clone(),
        })
    };
    let mut a = Assessment::new(b.key.clone());
    for (id, value, note, ms, counter, w) in b.marks {
        let s = stamp(ms, counter, w)?;
        a.marks.insert(id, Versioned::new(Entry { value, note }, s));
    }
    for (id, value, note, ms, counter, w) in b.values {
        let value = value.map(|v| v.0);
        let s = stamp(ms, counter, w)?;
        a.values
            .insert(id, Versioned::new(Entry { value, note }, s));
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::Period;
    use crate::domain::criteria::SetId;
    use crate::domain::units::UnitRef;

    fn stamp(ms: u64, author: &str) -> Stamp {
        Stamp {
            hlc: Hlc {
                wall_ms: ms,
                counter: 0,
            },
            device: "d1".into(),
            author: author.into(),
        }
    }

    #[test]
    fn the_layout_is_as_documented() {
        let key = AssessmentKey {
            unit: UnitRef::Commune("00070".into()),
            set: SetId {
                id: "x".into(),
                version: "y".into(),
            },
            period: Period::year(2025),
        };
        let mut a = Assessment::new(key);
        a.set_mark("1", Entry::of(CriterionMark::Met), stamp(5, "Lan"));
        a.set_value(
            "2.1",
            Entry::of(IndicatorValue::Number(85.0)),
            stamp(5, "Lan"),
        );
        a.set_value("2.2", Entry::cleared(), stamp(6, "Hoa"));
        let text = encode(&a).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["base_ms"], 5);
        assert_eq!(v["who"], serde_json::json!([["d1", "Lan"], ["d1", "Hoa"]]));
        assert_eq!(v["marks"], serde_json::json!([["1", "met", "", 0, 0, 0]]));
        assert_eq!(
            v["values"],
            serde_json::json!([["2.1", 85.0, "", 0, 0, 0], ["2.2", null, "", 1, 0, 1]])
        );
        assert_eq!(decode(&text).unwrap(), a);
    }

    #[test]
    fn a_number_json_cannot_hold_is_refused_not_cleared() {
        let key = AssessmentKey {
            unit: UnitRef::Village("v1".into()),
            set: SetId {
                id: "x".into(),
                version: "y".into(),
            },
            period: Period::year(2025),
        };
        let mut a = Assessment::new(key);
        a.set_value(
            "2.1",
            Entry::of(IndicatorValue::Number(f64::NAN)),
            stamp(5, "Lan"),
        );
        assert!(encode(&a).unwrap_err().contains("NaN"));
    }

    #[test]
    fn a_missing_author_is_an_error_not_a_panic() {
        let text = r#"{"key":{"unit":{"level":"village","id":"v1"},"set":{"id":"x","version":"y"},"period":{"year":2025,"part":"full_year"}},"base_ms":0,"who":[],"marks":[["1","met","",0,0,0]],"values":[]}"#;
        let e = decode(text).unwrap_err();
        assert!(e.contains("author #0"), "{e}");
    }
}
