//! Vietnamese number style: decimal comma, dot thousands ("16,13", "2.240.627").
//!
//! Reports are read aloud at meetings; figures must look exactly like the ones officials
//! write by hand, so rounding is half away from zero on the shown digits (16,125 → "16,13").

use chrono::{Datelike, NaiveDate};

/// A non-breaking space: keeps "72 %" and "12,3 MB" on one line.
pub const NBSP: char = '\u{a0}';

/// Groups the digits of a non-negative integer with dots: 2240627 → "2.240.627".
fn group_thousands(mut n: u128) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let mut groups = Vec::new();
    while n > 0 {
        groups.push(n % 1000);
        n /= 1000;
    }
    let mut out = groups.pop().map(|g| g.to_string()).unwrap_or_default();
    while let Some(g) = groups.pop() {
        out.push('.');
        out.push_str(&format!("{g:03}"));
    }
    out
}

/// An integer with dot thousands: -2240627 → "-2.240.627".
pub fn format_int(n: i64) -> String {
    let body = group_thousands(u128::from(n.unsigned_abs()));
    if n < 0 {
        format!("-{body}")
    } else {
        body
    }
}

/// A number with `decimals` digits after a decimal comma, rounded half away from zero.
/// Non-finite values render as "–" rather than "NaN", which means nothing to a reader.
pub fn format_decimal(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let scale = 10u128.pow(decimals);
    // Round on the decimal digits we show; the tiny nudge absorbs binary representation
    // error so 1,005 shown with 2 decimals gives "1,01" like a person would write.
    let scaled = (value.abs() * scale as f64 * (1.0 + 1e-12)).round() as u128;
    let (int_part, frac_part) = (scaled / scale, scaled % scale);
    let mut out = String::new();
    if value < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&group_thousands(int_part));
    if decimals > 0 {
        out.push(',');
        out.push_str(&format!("{:0width$}", frac_part, width = decimals as usize));
    }
    out
}

/// A number as short as it can be shown exactly (up to `max_decimals`): 90 → "90",
/// 72.5 → "72,5", 0.125 → "0,125". For editing fields, where "72,50" would look odd.
pub fn format_number_short(value: f64, max_decimals: u32) -> String {
    let full = format_decimal(value, max_decimals);
    if full.contains(',') {
        full.trim_end_matches('0').trim_end_matches(',').to_string()
    } else {
        full
    }
}

/// A percentage with a non-breaking space before the sign: 72.0 → "72 %".
/// Whole numbers drop the decimals, as in "tỷ lệ 72 %"; others keep one ("79,3 %").
pub fn format_percent(percent: f64) -> String {
    let rounded_one = (percent * 10.0).round() / 10.0;
    let decimals = if rounded_one.fract() == 0.0 { 0 } else { 1 };
    format!("{}{NBSP}%", format_decimal(percent, decimals))
}

/// A byte count in decimal units with one decimal where useful: "850 KB", "12,3 MB".
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let decimals = if unit == 0 || value >= 100.0 { 0 } else { 1 };
    format!("{}{NBSP}{}", format_decimal(value, decimals), UNITS[unit])
}

/// Reads a number typed the Vietnamese way ("72,5", "1.234,5") or with a decimal point
/// ("72.5"). A lone dot followed by exactly three digits is read as thousands ("1.234").
pub fn parse_decimal(s: &str) -> Option<f64> {
    let s: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if s.is_empty() {
        return None;
    }
    let normalised = if s.contains(',') {
        s.replace('.', "").replace(',', ".")
    } else if s.matches('.').count() > 1
        || s.split('.').nth(1).is_some_and(|frac| {
            frac.len() == 3
                && s.split('.')
                    .next()
                    .is_some_and(|i| !i.is_empty() && i != "0" && i != "-0")
        })
    {
        s.replace('.', "")
    } else {
        s
    };
    let v: f64 = normalised.parse().ok()?;
    v.is_finite().then_some(v)
}

/// The UTC calendar date of an instant (ms since the epoch).
pub fn date_of_ms(ms: u64) -> NaiveDate {
    i64::try_from(ms)
        .ok()
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map(|t| t.date_naive())
        .unwrap_or(NaiveDate::MAX)
}

/// A date as Vietnamese documents write it: "29/12/2025".
pub fn format_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// Reads "29/12/2025" (also "29-12-2025", "29.12.2025", and ISO "2025-12-29").
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (day, month, year) = if a.len() == 4 {
        (num(c)?, num(b)?, num(a)?)
    } else if c.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_numbers_drop_only_fractional_zeros() {
        assert_eq!(format_number_short(90.0, 3), "90");
        assert_eq!(format_number_short(100.0, 0), "100");
        assert_eq!(format_number_short(72.5, 3), "72,5");
        assert_eq!(format_number_short(0.125, 3), "0,125");
        assert_eq!(format_number_short(1200.0, 2), "1.200");
    }

    #[test]
    fn decimals_are_read_with_comma_or_point() {
        assert_eq!(parse_decimal("72,5"), Some(72.5));
        assert_eq!(parse_decimal(" 1.234,5 "), Some(1234.5));
        assert_eq!(parse_decimal("72.5"), Some(72.5));
        assert_eq!(parse_decimal("2.240.627"), Some(2_240_627.0));
        assert_eq!(parse_decimal("1.234"), Some(1234.0));
        assert_eq!(parse_decimal("0.125"), Some(0.125));
        assert_eq!(parse_decimal("-3"), Some(-3.0));
        assert_eq!(parse_decimal(""), None);
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal("NaN"), None);
        assert_eq!(parse_decimal("inf"), None);
    }

    #[test]
    fn dates_read_and_write_day_first() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 29).unwrap();
        assert_eq!(format_date(d), "29/12/2025");
        assert_eq!(
            format_date(NaiveDate::from_ymd_opt(2026, 2, 5).unwrap()),
            "05/02/2026"
        );
        assert_eq!(parse_date("29/12/2025"), Some(d));
        assert_eq!(parse_date(" 29-12-2025 "), Some(d));
        assert_eq!(parse_date("2025-12-29"), Some(d));
        assert_eq!(parse_date("5/2/2026"), NaiveDate::from_ymd_opt(2026, 2, 5));
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("12/2025"), None);
        assert_eq!(parse_date("aa/bb/cccc"), None);
    }

    #[test]
    fn integers_use_dot_thousands() {
        assert_eq!(format_int(0), "0");
        assert_eq!(format_int(999), "999");
        assert_eq!(format_int(1000), "1.000");
        assert_eq!(format_int(2_240_627), "2.240.627");
        assert_eq!(format_int(-7669), "-7.669");
        assert_eq!(format_int(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn decimals_use_comma_and_round_half_away_from_zero() {
        assert_eq!(format_decimal(16.125, 2), "16,13");
        assert_eq!(format_decimal(1677.0 / 104.0, 2), "16,13");
        assert_eq!(format_decimal(13.3, 1), "13,3");
        assert_eq!(format_decimal(1.005, 2), "1,01");
        assert_eq!(format_decimal(2_240_627.5, 1), "2.240.627,5");
        assert_eq!(format_decimal(-0.04, 1), "0,0");
        assert_eq!(format_decimal(-15.55, 1), "-15,6");
        assert_eq!(format_decimal(7.0, 0), "7");
        assert_eq!(format_decimal(f64::NAN, 2), "–");
    }

    #[test]
    fn percent_and_bytes_read_like_reports() {
        assert_eq!(format_percent(72.0), "72\u{a0}%");
        assert_eq!(format_percent(6084.0 / 7669.0 * 100.0), "79,3\u{a0}%");
        assert_eq!(format_bytes(512), "512\u{a0}B");
        assert_eq!(format_bytes(850_000), "850\u{a0}KB");
        assert_eq!(format_bytes(12_345_678), "12,3\u{a0}MB");
        assert_eq!(format_bytes(2_000_000_000), "2,0\u{a0}GB");
    }

    proptest::proptest! {
        #[test]
        fn grouping_round_trips(n in proptest::num::i64::ANY) {
            let shown = format_int(n);
            let digits: String = shown.chars().filter(|c| *c != '.').collect();
            proptest::prop_assert_eq!(digits.parse::<i64>().unwrap(), n);
            // every group after the first has exactly three digits
            for group in shown.trim_start_matches('-').split('.').skip(1) {
                proptest::prop_assert_eq!(group.len(), 3);
            }
        }

        #[test]
        fn decimal_parses_back_within_half_a_step(v in -1.0e9f64..1.0e9, d in 0u32..4) {
            let shown = format_decimal(v, d);
            let back = parse_decimal(&shown).unwrap();
            let step = 10f64.powi(-(d as i32));
            proptest::prop_assert!((back - v).abs() <= step / 2.0 + 1e-6 * v.abs().max(1.0));
        }
    }
}
