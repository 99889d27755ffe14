//! Storage safety rules: when to remind the user to export a backup, and how to tell an
//! emptied database (browser eviction, "clear site data") from a first visit.

/// Remind after this many days without an export.
pub const BACKUP_REMINDER_DAYS: i64 = 7;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Days since the last export (or since the first save, if never exported) once that
/// exceeds the reminder threshold; `None` when no reminder is due or nothing was saved.
pub fn backup_reminder(
    first_save_ms: Option<f64>,
    last_export_ms: Option<f64>,
    now_ms: f64,
) -> Option<i64> {
    let since = last_export_ms.or(first_save_ms)?;
    let days = ((now_ms - since) / DAY_MS as f64).floor() as i64;
    (days >= BACKUP_REMINDER_DAYS).then_some(days)
}

/// What the start-up check concluded about the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartupState {
    FirstVisit,
    HasData,
    /// The device had saved data (the marker outside IndexedDB says so), but the database
    /// is empty now: say so plainly and offer to import a backup.
    Emptied,
}

/// `marker`: the device had saved before (kept outside IndexedDB); `database_has_data`:
/// the database records a first save.
pub fn startup_state(marker: bool, database_has_data: bool) -> StartupState {
    match (marker, database_has_data) {
        (_, true) => StartupState::HasData,
        (true, false) => StartupState::Emptied,
        (false, false) => StartupState::FirstVisit,
    }
}

/// The day this version of the app was released (2026-11-30, UTC): a phone whose clock
/// reads earlier has a wrong date. Moved forward with each release.
pub const RELEASED_MS: u64 = 1_795_996_800_000;

/// Why the device's own clock looks wrong, said before the user edits anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockWarning {
    /// The clock reads earlier than the app's release.
    BeforeRelease,
    /// The data holds stamps later than the clock allows (`data_ms`): this phone's date
    /// was wrong when they were made, or is wrong now. Repairable.
    BehindData { data_ms: u64 },
}

/// The warning due for a device whose clock reads `now_ms` and whose last clock reading
/// (the latest stamp it gave or took in) is `last_ms`.
pub fn clock_warning(now_ms: u64, last_ms: u64) -> Option<ClockWarning> {
    if now_ms < RELEASED_MS {
        Some(ClockWarning::BeforeRelease)
    } else if last_ms > now_ms.saturating_add(super::sync::CLOCK_TOLERANCE_MS) {
        Some(ClockWarning::BehindData { data_ms: last_ms })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminds_after_seven_days_without_export() {
        let now = 100.0 * DAY_MS as f64;
        assert_eq!(backup_reminder(None, None, now), None);
        assert_eq!(
            backup_reminder(Some(now - 6.9 * DAY_MS as f64), None, now),
            None
        );
        assert_eq!(
            backup_reminder(Some(now - 7.0 * DAY_MS as f64), None, now),
            Some(7)
        );
        assert_eq!(
            backup_reminder(
                Some(now - 30.0 * DAY_MS as f64),
                Some(now - 2.0 * DAY_MS as f64),
                now
            ),
            None
        );
        assert_eq!(
            backup_reminder(
                Some(now - 30.0 * DAY_MS as f64),
                Some(now - 12.5 * DAY_MS as f64),
                now
            ),
            Some(12)
        );
    }

    #[test]
    fn an_emptied_database_is_told_apart_from_a_first_visit() {
        assert_eq!(startup_state(false, false), StartupState::FirstVisit);
        assert_eq!(startup_state(true, false), StartupState::Emptied);
        assert_eq!(startup_state(true, true), StartupState::HasData);
        assert_eq!(startup_state(false, true), StartupState::HasData);
    }

    #[test]
    fn a_wrong_clock_is_told_apart_from_a_right_one() {
        let now = RELEASED_MS + 10 * DAY_MS as u64;
        assert_eq!(clock_warning(now, now - 5), None);
        assert_eq!(
            clock_warning(now, now + 1_000),
            None,
            "within the tolerance"
        );
        let year = 365 * DAY_MS as u64;
        assert_eq!(
            clock_warning(now, now + year),
            Some(ClockWarning::BehindData {
                data_ms: now + year
            })
        );
        assert_eq!(
            clock_warning(RELEASED_MS - 1, 0),
            Some(ClockWarning::BeforeRelease)
        );
    }
}
