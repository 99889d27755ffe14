//! Dates as stored and exchanged ("2025-12-29") and instants as shown, without chrono's
//! general format machinery: its strftime parser and formatter (and the Unicode case tables
//! its formatter pulls in) were ~20 KB of the first download for three fixed formats.
//! `parse` accepts exactly what chrono's `NaiveDate::from_str` accepts and `write` writes
//! exactly what its `Display` writes (both checked against chrono in the tests), so data
//! stored or sent by earlier builds reads the same.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate, Timelike};

/// "2025-12-29"; years outside 0–9999 signed, as chrono writes them ("+10000-01-01").
pub fn write(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    write_year(&mut out, d.year());
    let _ = write!(out, "-{:02}-{:02}", d.month(), d.day());
    out
}

/// Four digits, or signed outside 0–9999, as chrono writes years.
fn write_year(out: &mut String, year: i32) {
    let _ = if (0..=9999).contains(&year) {
        write!(out, "{year:04}")
    } else {
        write!(out, "{year:+05}")
    };
}

/// Reads a date as chrono's `NaiveDate::from_str` does: whitespace allowed around each
/// part, a year of 1–4 digits (any number after an explicit sign), month and day of 1–2.
pub fn parse(s: &str) -> Option<NaiveDate> {
    /// Up to `max` ASCII digits (at least one) and the rest.
    fn number(s: &str, max: usize) -> Option<(i64, &str)> {
        let digits = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let mut n = 0i64;
        for b in s[..digits].bytes() {
            n = n.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        }
        Some((n, &s[digits..]))
    }
    fn dash(s: &str) -> Option<&str> {
        s.trim_start().strip_prefix('-').map(str::trim_start)
    }
    let s = s.trim_start();
    let (year, rest) = if let Some(r) = s.strip_prefix('-') {
        let (n, r) = number(r, usize::MAX)?;
        (n.checked_neg()?, r)
    } else if let Some(r) = s.strip_prefix('+') {
        number(r, usize::MAX)?
    } else {
        number(s, 4)?
    };
    let (month, rest) = number(dash(rest)?, 2)?;
    let (day, rest) = number(dash(rest)?, 2)?;
    if !rest.trim_start().is_empty() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// "30/11/2026 08:15" for an instant `ms` after the epoch moved by `offset_minutes`.
pub fn day_month_year_time(ms: i64, offset_minutes: i32) -> Option<String> {
    let t = chrono::DateTime::from_timestamp_millis(ms + i64::from(offset_minutes) * 60_000)?
        .naive_utc();
    let mut out = format!("{:02}/{:02}/", t.day(), t.month());
    write_year(&mut out, t.year());
    let _ = write!(out, " {:02}:{:02}", t.hour(), t.minute());
    Some(out)
}

/// RFC 3339 in UTC to the millisecond ("2026-11-30T08:15:00.000Z"), as chrono's
/// `%Y-%m-%dT%H:%M:%S%.3fZ` writes it.
pub fn rfc3339_utc_ms(ms: i64) -> Option<String> {
    let t = chrono::DateTime::from_timestamp_millis(ms)?.naive_utc();
    let mut out = String::with_capacity(24);
    write_year(&mut out, t.year());
    let _ = write!(
        out,
        "-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.nanosecond() / 1_000_000 % 1000
    );
    Some(out)
}

/// `#[serde(with = "crate::domain::iso_date")]` for a `NaiveDate` field.
pub fn serialize<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&write(*d))
}

/// The message starts with [`NOT_A_DATE`], which the exchange checker puts into words.
pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date YYYY-MM-DD")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NaiveDate, E> {
            parse(v).ok_or_else(|| E::custom(format_args!("{NOT_A_DATE}: {v:?}")))
        }
    }
    d.deserialize_str(Visitor)
}

/// How [`deserialize`]'s error begins.
pub const NOT_A_DATE: &str = "not a date (YYYY-MM-DD)";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// chrono's parser, the oracle.
    fn chrono_parse(s: &str) -> Option<NaiveDate> {
        s.parse::<NaiveDate>().ok()
    }

    #[test]
    fn reads_what_the_app_writes_and_refuses_the_rest() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 29).unwrap();
        assert_eq!(parse("2025-12-29"), Some(d));
        assert_eq!(parse(" 2025 - 12 - 29 "), Some(d));
        assert_eq!(parse("2025-2-3"), NaiveDate::from_ymd_opt(2025, 2, 3));
        for bad in [
            "",
            "2025-02-30",
            "29/12/2025",
            "20251-01-01",
            "2025-12-29x",
            "2025--1-1",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(write(d), "2025-12-29");
    }

    #[test]
    fn instants_are_written_as_chrono_wrote_them() {
        for ms in [0i64, 1_764_490_500_123, 253_402_300_799_999, -1, 1_000] {
            let t = chrono::DateTime::from_timestamp_millis(ms).unwrap();
            assert_eq!(
                rfc3339_utc_ms(ms).unwrap(),
                t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
            );
            let shifted = chrono::DateTime::from_timestamp_millis(ms + 420 * 60_000).unwrap();
            assert_eq!(
                day_month_year_time(ms, 420).unwrap(),
                shifted.naive_utc().format("%d/%m/%Y %H:%M").to_string()
            );
        }
    }

    #[test]
    fn serde_round_trips_and_names_the_bad_value() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Dated {
            #[serde(with = "super")]
            on: NaiveDate,
        }
        let v = Dated {
            on: NaiveDate::from_ymd_opt(2026, 2, 15).unwrap(),
        };
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"{"on":"2026-02-15"}"#);
        assert_eq!(serde_json::from_str::<Dated>(&json).unwrap(), v);
        let e = serde_json::from_str::<Dated>(r#"{"on":"15/02/2026"}"#).unwrap_err();
        assert!(e.to_string().starts_with(NOT_A_DATE), "{e}");
        assert!(e.to_string().contains("15/02/2026"), "{e}");
    }

    proptest! {
        #[test]
        fn parses_exactly_what_chrono_parses(s in "[ 0-9+\\-x\\t]{0,14}") {
            prop_assert_eq!(parse(&s), chrono_parse(&s));
        }

        #[test]
        fn parses_near_dates_as_chrono_does(
            y in "[+\\-]?[0-9]{1,6}", m in "[0-9]{1,3}", d in "[0-9]{1,3}",
            sep in "( ?- ?|-|/)", tail in "( |x|)",
        ) {
            let s = format!("{y}{sep}{m}{sep}{d}{tail}");
            prop_assert_eq!(parse(&s), chrono_parse(&s));
        }

        #[test]
        fn writes_what_chrono_writes(days in -3_000_000i32..3_000_000) {
            let d = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            prop_assert_eq!(write(d), d.to_string());
            prop_assert_eq!(parse(&write(d)), Some(d));
        }
    }
}
