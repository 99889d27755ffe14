//! Field-by-field checks of a file's content once it has the right shape: lengths, counts,
//! ids, codes, numeric ranges, dates, text that must stay text. Every problem is collected
//! with its JSON path; nothing stops at the first.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::Value;

use crate::domain::assessment::{CriterionMark, Entry, IndicatorValue};
use crate::domain::criteria::CriteriaSet;
use crate::domain::history::{EditTarget, RecordBody};
use crate::domain::merge::{edit_id, Dataset};
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::recognition::Recognition;
use crate::domain::resources::{Quantity, ResourceEntry};
use crate::domain::stats::Scope;
use crate::domain::sync::{is_valid_id, Record, Stamp, MAX_COUNTER};
use crate::domain::units::{Unit, UnitError};

/// One problem in a file, where it is.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FileError {
    /// A JSON path from the file's root: `content.units[3].data.unit.name`.
    pub path: String,
    pub problem: Problem,
}

/// What is wrong with a field. Messages in both languages: `exchange::messages`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    /// The value has the wrong shape or type (serde's own words, translated).
    Shape(String),
    /// A list the format does not have.
    UnknownList(String),
    TooMany {
        max: usize,
    },
    TooLong {
        max: usize,
    },
    EmptyText,
    /// `<` or `>` in a name: names are text, never markup.
    Markup,
    /// A control character or an invisible formatting mark (`text::is_refused`), and where.
    HiddenCharacter(crate::domain::text::RefusedChar),
    BadId(String),
    BadCode {
        code: String,
        digits: usize,
    },
    /// A record's id does not match what it describes.
    IdMismatch {
        expected: String,
    },
    Negative,
    TooLarge {
        max: f64,
    },
    YearOutOfRange {
        year: u16,
    },
    /// A date before the earliest year that field can have, or after the file was made.
    DateOutOfRange {
        #[serde(with = "crate::domain::iso_date")]
        date: NaiveDate,
        earliest_year: i32,
    },
    /// An edit stamped after the file was made.
    FutureStamp,
    BadTimestamp(String),
    Duplicate(String),
    /// A built-in set, or a version of a built-in set's lineage: reserved.
    BuiltinSet,
    /// A custom set with defects (the set's own check).
    BadSet(crate::domain::criteria::SetProblem),
    /// A village merged into itself.
    SelfMerge,
    /// Text of a criteria set not in NFC, or with white space to trim.
    NotNormalized,
    /// A custom set whose version id is not the one its content gives.
    VersionMismatch {
        expected: String,
    },
    /// A history entry whose key does not match its target.
    WrongRecordKey,
    /// A history value that is not what its target holds.
    BadHistoryValue(String),
    /// The OCOP points are out of range.
    Points {
        part: char,
        max: u8,
    },
    /// An assessment's set is not listed in `sets_used`.
    SetNotListed(String),
    /// A recognition level for another kind of unit (a village level for a commune).
    LevelDoesNotFit,
    /// A field that only a registration has (its target year) on another step.
    NotForStep,
    /// A built-in quantity's id on a record: reserved.
    BuiltinQuantity,
}

pub const MAX_NAME: usize = 120;
pub const MAX_NOTE: usize = 2000;
pub const MAX_SHORT: usize = 200;
/// Greatest number accepted for an indicator (no NTM indicator comes near it).
pub const MAX_NUMBER: f64 = 1e12;
/// Limits per list: far above a whole country, far below what would exhaust a phone.
pub const MAX_UNITS: usize = 200_000;
pub const MAX_RECORDS: usize = 100_000;
pub const MAX_SETS: usize = 1_000;
pub const MAX_ASSESSMENTS: usize = 200_000;
pub const MAX_HISTORY: usize = 2_000_000;
/// Earliest date an OCOP certificate or an edit can carry (the programme's OCOP began 2018).
const EARLIEST_MS: u64 = 1_420_070_400_000; // 2015-01-01
const DAY_MS: u64 = 86_400_000;

pub(crate) struct Checker {
    pub errors: Vec<FileError>,
    /// Edits may not be later than this (the file's creation time plus a day of clock skew).
    pub(super) latest_ms: u64,
}

impl Checker {
    pub fn new(created_ms: u64) -> Self {
        Self {
            errors: Vec::new(),
            latest_ms: created_ms.saturating_add(DAY_MS),
        }
    }

    pub fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.errors.push(FileError {
            path: path.into(),
            problem,
        });
    }

    /// A name shown in lists and charts: 1..=max characters on one line, no markup,
    /// nothing hidden.
    pub fn name(&mut self, path: &str, s: &str, max: usize) {
        if s.trim().is_empty() {
            self.push(path, Problem::EmptyText);
        } else {
            self.checked(path, s, max, false);
            if s.contains(['<', '>']) {
                self.push(path, Problem::Markup);
            }
        }
    }

    /// Free text (notes, evidence): up to `max` characters, line breaks allowed.
    pub fn text(&mut self, path: &str, s: &str, max: usize) {
        self.checked(path, s, max, true);
    }

    /// Leading and trailing white space is trimmed on reading, as when typing; what is
    /// left may not hold a refused character (`text::is_refused`).
    pub(super) fn checked(&mut self, path: &str, s: &str, max: usize, multiline: bool) {
        let s = s.trim();
        if s.chars().count() > max {
            self.push(path, Problem::TooLong { max });
        } else if let Some(r) = crate::domain::text::first_refused(s, multiline) {
            self.push(path, Problem::HiddenCharacter(r));
        }
    }

    /// Text a criteria set's version id is computed over must already be in the form the
    /// app stores (NFC, trimmed, single spaces): cleaning it here would change the version
    /// the file names.
    pub(super) fn set_text(&mut self, path: &str, s: &str) {
        if s != crate::domain::text::clean(s) {
            self.push(path, Problem::NotNormalized);
        }
    }

    pub fn id(&mut self, path: &str, id: &str) {
        if !is_valid_id(id) {
            self.push(path, Problem::BadId(truncate(id)));
        }
    }

    pub(super) fn code(&mut self, path: &str, code: &str, digits: usize) {
        if code.len() != digits || !code.bytes().all(|b| b.is_ascii_digit()) {
            self.push(
                path,
                Problem::BadCode {
                    code: truncate(code),
                    digits,
                },
            );
        }
    }

    /// Criterion and indicator codes: "17", "3.x1", "10.2".
    pub(super) fn item_code(&mut self, path: &str, code: &str) {
        let ok = !code.is_empty()
            && code.len() <= 20
            && code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_');
        if !ok {
            self.push(path, Problem::BadId(truncate(code)));
        }
    }

    pub fn count(&mut self, path: &str, len: usize, max: usize) {
        if len > max {
            self.push(path, Problem::TooMany { max });
        }
    }

    pub(super) fn year(&mut self, path: &str, year: u16) {
        if !(2000..=2100).contains(&year) {
            self.push(path, Problem::YearOutOfRange { year });
        }
    }

    pub fn stamp(&mut self, path: &str, s: &Stamp) {
        self.id(&format!("{path}.device"), &s.device);
        self.name(&format!("{path}.author"), &s.author, MAX_NAME);
        if s.hlc.counter > MAX_COUNTER {
            self.push(
                format!("{path}.hlc.counter"),
                Problem::TooLarge {
                    max: f64::from(MAX_COUNTER),
                },
            );
        }
        if s.hlc.wall_ms > self.latest_ms {
            self.push(format!("{path}.hlc.wall_ms"), Problem::FutureStamp);
        } else if s.hlc.wall_ms < EARLIEST_MS {
            self.push(
                format!("{path}.hlc.wall_ms"),
                Problem::BadTimestamp(s.hlc.wall_ms.to_string()),
            );
        }
    }

    pub(super) fn unit_error(&mut self, path: &str, e: UnitError) {
        match e {
            UnitError::BadCode { code, digits } => {
                self.push(path, Problem::BadCode { code, digits })
            }
            UnitError::EmptyName => self.push(path, Problem::EmptyText),
            UnitError::NameTooLong => self.push(path, Problem::TooLong { max: MAX_NAME }),
            UnitError::BadId(id) => self.push(path, Problem::BadId(id)),
            UnitError::Markup => self.push(path, Problem::Markup),
            UnitError::SelfMerge => self.push(path, Problem::SelfMerge),
            UnitError::HiddenCharacter(r) => self.push(path, Problem::HiddenCharacter(r)),
        }
    }

    /// A record whose data names its own id (products, ratings, plans, steps, quantities)
    /// must name the record's.
    pub(super) fn data_id(&mut self, path: &str, data_id: &str, record_id: &str) {
        if data_id != record_id {
            self.push(
                format!("{path}.data.id"),
                Problem::IdMismatch {
                    expected: record_id.to_string(),
                },
            );
        }
    }

    pub(super) fn record<T>(&mut self, path: &str, r: &Record<T>) {
        self.id(&format!("{path}.id"), &r.id);
        self.stamp(&format!("{path}.stamp"), &r.stamp);
    }

    pub fn unit(&mut self, path: &str, r: &Record<Unit>) {
        self.stamp(&format!("{path}.stamp"), &r.stamp);
        let expected = r.data.unit_ref().key();
        if r.id != expected {
            self.push(format!("{path}.id"), Problem::IdMismatch { expected });
        }
        let data = format!("{path}.data.unit");
        if let Err(e) = r.data.validate() {
            self.unit_error(&data, e);
        }
        match &r.data {
            Unit::Commune(c) => {
                if let Some(d) = &c.legacy_district {
                    self.name(&format!("{data}.legacy_district.name"), &d.name, MAX_NAME);
                }
                if let Some(s) = &c.village_set {
                    self.id(&format!("{data}.village_set.id"), &s.id);
                    self.id(&format!("{data}.village_set.version"), &s.version);
                }
            }
            Unit::Province(_) | Unit::Village(_) => {}
        }
    }

    pub fn product(&mut self, path: &str, r: &Record<Product>) {
        self.record(path, r);
        let p = &r.data;
        self.data_id(path, &p.id, &r.id);
        self.name(&format!("{path}.data.name"), &p.name, MAX_SHORT);
        self.name(&format!("{path}.data.producer"), &p.producer, MAX_SHORT);
        self.text(&format!("{path}.data.subgroup"), &p.subgroup, MAX_SHORT);
        self.code(&format!("{path}.data.commune_code"), &p.commune_code, 5);
    }

    pub fn rating(&mut self, path: &str, r: &Record<Rating>) {
        self.record(path, r);
        let x = &r.data;
        self.data_id(path, &x.id, &r.id);
        self.id(&format!("{path}.data.product_id"), &x.product_id);
        if let Err(crate::domain::ocop::PointsError::OutOfRange { part, max }) = x.points.validate()
        {
            let field = part.to_ascii_lowercase();
            self.push(
                format!("{path}.data.points.{field}"),
                Problem::Points { part, max },
            );
        }
        self.text(
            &format!("{path}.data.decision_no"),
            &x.decision_no,
            MAX_SHORT,
        );
        // OCOP certificates began in 2018.
        self.past_date(&format!("{path}.data.issue_date"), x.issue_date, 2018);
    }

    pub fn plan(&mut self, path: &str, r: &Record<Plan>) {
        self.record(path, r);
        let p = &r.data;
        self.data_id(path, &p.id, &r.id);
        self.year(&format!("{path}.data.year"), p.year);
        let scope = format!("{path}.data.scope");
        match &p.scope {
            Scope::Province(c) => self.code(&scope, c, 2),
            Scope::District(c) => self.code(&scope, c, 3),
            Scope::Commune(c) => self.code(&scope, c, 5),
        }
        self.count(&format!("{path}.data.targets"), p.targets.len(), 20);
        if let Some(a) = p.average_criteria {
            if !a.is_finite() || a > 100.0 {
                self.push(
                    format!("{path}.data.average_criteria"),
                    Problem::TooLarge { max: 100.0 },
                );
            } else if a < 0.0 {
                self.push(format!("{path}.data.average_criteria"), Problem::Negative);
            }
        }
        if p.min_criteria.is_some_and(|n| n > 100) {
            self.push(
                format!("{path}.data.min_criteria"),
                Problem::TooLarge { max: 100.0 },
            );
        }
        for (i, (_, n)) in p.targets.iter().enumerate() {
            if *n > 100_000 {
                self.push(
                    format!("{path}.data.targets[{i}][1]"),
                    Problem::TooLarge { max: 100_000.0 },
                );
            }
        }
    }

    /// Ids that must be unique within the file.
    pub fn duplicates(&mut self, content: &Dataset) {
        fn dups<'a>(checker: &mut Checker, list: &str, ids: impl Iterator<Item = String> + 'a) {
            let mut seen = BTreeSet::new();
            for (i, id) in ids.enumerate() {
                if !seen.insert(id.clone()) {
                    checker.push(
                        format!("content.{list}[{i}]"),
                        Problem::Duplicate(truncate(&id)),
                    );
                }
            }
        }
        dups(self, "units", content.units.iter().map(|r| r.id.clone()));
        dups(
            self,
            "ocop_products",
            content.ocop_products.iter().map(|r| r.id.clone()),
        );
        dups(
            self,
            "ocop_ratings",
            content.ocop_ratings.iter().map(|r| r.id.clone()),
        );
        dups(self, "plans", content.plans.iter().map(|r| r.id.clone()));
        dups(self, "sets", content.sets.iter().map(|r| r.id.clone()));
        dups(
            self,
            "recognitions",
            content.recognitions.iter().map(|r| r.id.clone()),
        );
        dups(
            self,
            "quantities",
            content.quantities.iter().map(|r| r.id.clone()),
        );
        dups(
            self,
            "resources",
            content.resources.iter().map(|r| r.id.clone()),
        );
        dups(
            self,
            "assessments",
            content.assessments.iter().map(|a| a.id()),
        );
        dups(
            self,
            "history",
            content.history.iter().map(|h| {
                let (k, hlc, d) = edit_id(h);
                format!("{k} {}.{} {d}", hlc.wall_ms, hlc.counter)
            }),
        );
    }
}

/// A history body seen as a record, to check its fields like a stored one (its stamp is
/// the entry's own, checked separately).
pub(super) fn as_record<T>(id: &str, data: T) -> Record<T> {
    Record {
        id: id.to_string(),
        data,
        stamp: Stamp {
            hlc: crate::domain::sync::Hlc {
                wall_ms: EARLIEST_MS,
                counter: 0,
            },
            device: "history".into(),
            author: "history".into(),
        },
        archived: false,
    }
}

/// Whether a history value has the shape its target holds.
pub(super) fn value_fits(target: &EditTarget, v: &Value) -> Result<(), String> {
    pub(super) fn fits<T: serde::de::DeserializeOwned>(v: &Value) -> Result<(), String> {
        serde_json::from_value::<T>(v.clone())
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
    match target {
        EditTarget::Mark { .. } => fits::<Entry<CriterionMark>>(v),
        EditTarget::Value { .. } => fits::<Entry<IndicatorValue>>(v),
        EditTarget::Unit { .. } => fits::<RecordBody<Unit>>(v),
        EditTarget::OcopProduct { .. } => fits::<RecordBody<Product>>(v),
        EditTarget::OcopRating { .. } => fits::<RecordBody<Rating>>(v),
        EditTarget::Plan { .. } => fits::<RecordBody<Plan>>(v),
        EditTarget::CriteriaSet { .. } => fits::<RecordBody<CriteriaSet>>(v),
        EditTarget::Recognition { .. } => fits::<RecordBody<Recognition>>(v),
        EditTarget::Quantity { .. } => fits::<RecordBody<Quantity>>(v),
        EditTarget::Resource { .. } => fits::<RecordBody<ResourceEntry>>(v),
    }
}

/// A history value as the app writes it once read as its target's type (the sync's rules
/// compare it with what was sent: a struct must come as an object).
pub(crate) fn written_value(target: &EditTarget, v: &Value) -> Option<Value> {
    fn typed<T: serde::Serialize + serde::de::DeserializeOwned>(v: &Value) -> Option<Value> {
        serde_json::from_value::<T>(v.clone())
            .ok()
            .and_then(|t| serde_json::to_value(t).ok())
    }
    match target {
        EditTarget::Mark { .. } => typed::<Entry<CriterionMark>>(v),
        EditTarget::Value { .. } => typed::<Entry<IndicatorValue>>(v),
        EditTarget::Unit { .. } => typed::<RecordBody<Unit>>(v),
        EditTarget::OcopProduct { .. } => typed::<RecordBody<Product>>(v),
        EditTarget::OcopRating { .. } => typed::<RecordBody<Rating>>(v),
        EditTarget::Plan { .. } => typed::<RecordBody<Plan>>(v),
        EditTarget::CriteriaSet { .. } => typed::<RecordBody<CriteriaSet>>(v),
        EditTarget::Recognition { .. } => typed::<RecordBody<Recognition>>(v),
        EditTarget::Quantity { .. } => typed::<RecordBody<Quantity>>(v),
        EditTarget::Resource { .. } => typed::<RecordBody<ResourceEntry>>(v),
    }
}

/// A JSON path segment for a map key: `"3.x1"`.
pub(super) fn quote(key: &str) -> String {
    serde_json::to_string(key).unwrap_or_default()
}

/// Keeps messages short when a file holds a huge string.
pub(crate) fn truncate(s: &str) -> String {
    if s.chars().count() > 40 {
        let head: String = s.chars().take(40).collect();
        format!("{head}…")
    } else {
        s.to_string()
    }
}
