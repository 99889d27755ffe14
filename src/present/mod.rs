//! View models: what each page shows, in words and numbers, built from domain values and
//! tested natively (`tests/present_*.rs`). Pages only lay these out; nothing here knows
//! Leptos or the browser.

pub mod dashboard;
pub mod exchange;
pub mod history;
pub mod import_log;
pub mod import_outside;
pub mod import_progress;
pub mod ocop;
pub mod onboarding;
pub mod plans;
pub mod report;
pub mod sets;
pub mod sync;
pub mod text;
pub mod unit;
pub mod unit_results;
pub mod units;

use crate::domain::profile::Lang;

/// The language and the device's time zone: everything a view model needs to put a value
/// in the user's words. The zone is the device's offset from UTC now (Vietnam has no
/// daylight saving time, so one offset fits every date).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locale {
    pub lang: Lang,
    /// Minutes east of UTC (Vietnam: 420).
    pub utc_offset_minutes: i32,
}

impl Locale {
    pub fn new(lang: Lang, utc_offset_minutes: i32) -> Self {
        Self {
            lang,
            utc_offset_minutes,
        }
    }

    /// "30/11/2026 08:15" in the device's time zone.
    pub fn date_time(self, ms: u64) -> String {
        i64::try_from(ms)
            .ok()
            .and_then(|ms| {
                crate::domain::iso_date::day_month_year_time(ms, self.utc_offset_minutes)
            })
            .unwrap_or_default()
    }
}
