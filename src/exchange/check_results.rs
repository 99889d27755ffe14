//! Checks of a file's recognition steps, added quantities and resource figures (schema 3;
//! see `check`).

use chrono::NaiveDate;

use super::check::{Checker, Problem, MAX_NAME, MAX_NOTE, MAX_SHORT};
use crate::domain::recognition::{fits, Recognition, Step};
use crate::domain::resources::{is_builtin_quantity, Quantity, ResourceEntry};
use crate::domain::sync::Record;
use crate::domain::units::UnitRef;

/// Greatest figure accepted for a quantity (a country's budget in million VND is far below).
pub const MAX_QUANTITY: f64 = 1e12;

impl Checker {
    pub(super) fn unit_ref(&mut self, path: &str, unit: &UnitRef) {
        match unit {
            UnitRef::Province(c) => self.code(path, c, 2),
            UnitRef::District(c) => self.code(path, c, 3),
            UnitRef::Commune(c) => self.code(path, c, 5),
            UnitRef::Village(id) => self.id(path, id),
        }
    }

    /// A date from 1 January of `earliest_year` up to the day the file was made.
    pub(super) fn past_date(&mut self, path: &str, date: NaiveDate, earliest_year: i32) {
        let earliest = NaiveDate::from_ymd_opt(earliest_year, 1, 1).unwrap_or_default();
        let latest = i64::try_from(self.latest_ms)
            .ok()
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map(|t| t.date_naive())
            .unwrap_or(NaiveDate::MAX);
        if date < earliest || date > latest {
            self.push(
                path,
                Problem::DateOutOfRange {
                    date,
                    earliest_year,
                },
            );
        }
    }

    pub fn recognition(&mut self, path: &str, r: &Record<Recognition>) {
        self.record(path, r);
        let x = &r.data;
        self.data_id(path, &x.id, &r.id);
        self.unit_ref(&format!("{path}.data.unit"), &x.unit);
        if !fits(x.level, &x.unit) {
            self.push(format!("{path}.data.level"), Problem::LevelDoesNotFit);
        }
        match (x.step, x.target_year) {
            (Step::Registered, Some(y)) => self.year(&format!("{path}.data.target_year"), y),
            (Step::Registered, None) => {
                self.push(format!("{path}.data.target_year"), Problem::EmptyText)
            }
            (_, Some(_)) => self.push(format!("{path}.data.target_year"), Problem::NotForStep),
            (_, None) => {}
        }
        // The national programme began in 2010: no recognition is older.
        self.past_date(&format!("{path}.data.date"), x.date, 2010);
        self.text(
            &format!("{path}.data.decision_no"),
            &x.decision_no,
            MAX_SHORT,
        );
        self.text(&format!("{path}.data.issuer"), &x.issuer, MAX_SHORT);
        self.text(&format!("{path}.data.note"), &x.note, MAX_NOTE);
    }

    pub fn quantity(&mut self, path: &str, r: &Record<Quantity>) {
        self.record(path, r);
        let q = &r.data;
        self.data_id(path, &q.id, &r.id);
        if is_builtin_quantity(&q.id) {
            self.push(format!("{path}.data.id"), Problem::BuiltinQuantity);
        }
        self.id(&format!("{path}.data.group"), &q.group);
        self.name(&format!("{path}.data.name"), &q.name, MAX_NAME);
        if let Some(en) = &q.name_en {
            self.name(&format!("{path}.data.name_en"), en, MAX_NAME);
        }
        self.name(&format!("{path}.data.unit"), &q.unit, 40);
    }

    pub fn resource(&mut self, path: &str, r: &Record<ResourceEntry>) {
        self.record(path, r);
        let e = &r.data;
        if e.id != r.id || !e.id_matches() {
            self.push(
                format!("{path}.id"),
                Problem::IdMismatch {
                    expected: ResourceEntry::record_id(&e.unit, e.period, &e.quantity),
                },
            );
        }
        self.unit_ref(&format!("{path}.data.unit"), &e.unit);
        self.year(&format!("{path}.data.period.year"), e.period.year);
        self.id(&format!("{path}.data.quantity"), &e.quantity);
        if !e.value.is_finite() || e.value > MAX_QUANTITY {
            self.push(
                format!("{path}.data.value"),
                Problem::TooLarge { max: MAX_QUANTITY },
            );
        } else if e.value < 0.0 {
            self.push(format!("{path}.data.value"), Problem::Negative);
        }
        self.text(&format!("{path}.data.source"), &e.source, MAX_SHORT);
        self.text(&format!("{path}.data.note"), &e.note, MAX_NOTE);
    }
}
