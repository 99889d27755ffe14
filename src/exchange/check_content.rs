//! Checks of a file's criteria sets, assessments and history entries (see `check`).

use std::collections::BTreeSet;

use serde_json::Value;

use super::check::{
    as_record, quote, value_fits, Checker, Problem, MAX_NOTE, MAX_NUMBER, MAX_SHORT,
};
use crate::domain::assessment::{Assessment, CriterionMark, Entry, IndicatorValue};
use crate::domain::criteria::{is_builtin_lineage, CriteriaSet, SetProblem};
use crate::domain::history::{EditTarget, HistoryEntry, RecordBody};
use crate::domain::ocop::{Product, Rating};
use crate::domain::plans::Plan;
use crate::domain::recognition::Recognition;
use crate::domain::resources::{Quantity, ResourceEntry};
use crate::domain::set_versions::{content_matches_id, version_id};
use crate::domain::sync::Record;
use crate::domain::units::{Unit, UnitRef};

impl Checker {
    pub fn set(&mut self, path: &str, r: &Record<CriteriaSet>) {
        self.stamp(&format!("{path}.stamp"), &r.stamp);
        let s = &r.data;
        let expected = s.set_id().to_string();
        if r.id != expected {
            self.push(format!("{path}.id"), Problem::IdMismatch { expected });
        }
        self.id(&format!("{path}.data.id"), &s.id);
        self.id(&format!("{path}.data.version"), &s.version);
        self.id(&format!("{path}.data.code"), &s.code);
        if s.builtin {
            self.push(format!("{path}.data.builtin"), Problem::BuiltinSet);
        } else if is_builtin_lineage(&s.id) {
            self.push(format!("{path}.data.id"), Problem::BuiltinSet);
        } else if !content_matches_id(s) {
            self.push(
                format!("{path}.data.version"),
                Problem::VersionMismatch {
                    expected: version_id(s),
                },
            );
        }
        if let Some(parents) = &s.parents {
            self.count(&format!("{path}.data.parents"), parents.len(), 100);
            for (i, p) in parents.iter().enumerate() {
                self.id(&format!("{path}.data.parents[{i}]"), p);
            }
        }
        if let Some(d) = &s.derived_from {
            self.id(&format!("{path}.data.derived_from.id"), &d.id);
            self.id(&format!("{path}.data.derived_from.version"), &d.version);
        }
        self.name(&format!("{path}.data.title"), &s.title, MAX_SHORT);
        self.set_text(&format!("{path}.data.title"), &s.title);
        self.set_text(&format!("{path}.data.legal_basis"), &s.legal_basis);
        self.text(
            &format!("{path}.data.legal_basis"),
            &s.legal_basis,
            MAX_NOTE,
        );
        self.count(&format!("{path}.data.criteria"), s.criteria.len(), 200);
        for (i, c) in s.criteria.iter().enumerate() {
            let cp = format!("{path}.data.criteria[{i}]");
            self.item_code(&format!("{cp}.id"), &c.id);
            self.item_code(&format!("{cp}.code"), &c.code);
            self.name(&format!("{cp}.name"), &c.name, MAX_NOTE);
            self.set_text(&format!("{cp}.name"), &c.name);
            self.count(&format!("{cp}.indicators"), c.indicators.len(), 100);
            for (j, ind) in c.indicators.iter().enumerate() {
                self.item_code(&format!("{cp}.indicators[{j}].id"), &ind.id);
                self.item_code(&format!("{cp}.indicators[{j}].code"), &ind.code);
                self.name(&format!("{cp}.indicators[{j}].text"), &ind.text, MAX_NOTE);
                self.set_text(&format!("{cp}.indicators[{j}].text"), &ind.text);
            }
        }
        // Hidden characters in names are named above with their own path; those in other
        // texts of the set (codes, sources, units) by the set's own check.
        let named = self.errors.iter().any(|e| {
            e.path.starts_with(&format!("{path}."))
                && matches!(e.problem, Problem::HiddenCharacter(_))
        });
        for p in s.problems() {
            if !(named && matches!(p, SetProblem::HiddenCharacter { .. })) {
                self.push(format!("{path}.data"), Problem::BadSet(p));
            }
        }
    }

    fn indicator_value(&mut self, path: &str, v: &IndicatorValue) {
        match v {
            IndicatorValue::Number(x) if !x.is_finite() => {
                self.push(path, Problem::Shape("not a finite number".into()))
            }
            IndicatorValue::Number(x) if *x < 0.0 => self.push(path, Problem::Negative),
            IndicatorValue::Number(x) if *x > MAX_NUMBER => {
                self.push(path, Problem::TooLarge { max: MAX_NUMBER })
            }
            IndicatorValue::Text(t) => self.text(path, t, MAX_NOTE),
            _ => {}
        }
    }

    pub fn assessment(&mut self, path: &str, a: &Assessment, sets_used: &BTreeSet<String>) {
        let key = &a.key;
        let kp = format!("{path}.key");
        match &key.unit {
            UnitRef::Province(c) => self.code(&format!("{kp}.unit.id"), c, 2),
            UnitRef::District(c) => self.code(&format!("{kp}.unit.id"), c, 3),
            UnitRef::Commune(c) => self.code(&format!("{kp}.unit.id"), c, 5),
            UnitRef::Village(id) => self.id(&format!("{kp}.unit.id"), id),
        }
        self.id(&format!("{kp}.set.id"), &key.set.id);
        self.id(&format!("{kp}.set.version"), &key.set.version);
        if !sets_used.contains(&key.set.to_string()) {
            self.push(
                format!("{kp}.set"),
                Problem::SetNotListed(key.set.to_string()),
            );
        }
        self.year(&format!("{kp}.period.year"), key.period.year);
        self.count(&format!("{path}.marks"), a.marks.len(), 500);
        self.count(&format!("{path}.values"), a.values.len(), 2000);
        for (code, v) in &a.marks {
            let p = format!("{path}.marks[{}]", quote(code));
            self.item_code(&p, code);
            self.text(&format!("{p}.value.note"), &v.value.note, MAX_NOTE);
            self.stamp(&format!("{p}.stamp"), &v.stamp);
        }
        for (code, v) in &a.values {
            let p = format!("{path}.values[{}]", quote(code));
            self.item_code(&p, code);
            if let Some(x) = &v.value.value {
                self.indicator_value(&format!("{p}.value.value.value"), x);
            }
            self.text(&format!("{p}.value.note"), &v.value.note, MAX_NOTE);
            self.stamp(&format!("{p}.stamp"), &v.stamp);
        }
    }

    pub fn history(&mut self, path: &str, h: &HistoryEntry) {
        if h.record_key != h.target.record_key() {
            self.push(format!("{path}.record_key"), Problem::WrongRecordKey);
        }
        self.stamp(&format!("{path}.stamp"), &h.stamp);
        if let Some(base) = &h.base {
            self.count(&format!("{path}.base"), base.len(), 100);
            for (i, b) in base.iter().enumerate() {
                self.stamp(&format!("{path}.base[{i}]"), b);
            }
        }
        for (field, v) in [("old", &h.old), ("new", &h.new)] {
            if let Some(v) = v {
                if let Err(e) = value_fits(&h.target, v) {
                    self.push(format!("{path}.{field}"), Problem::BadHistoryValue(e));
                } else {
                    self.history_value(&format!("{path}.{field}"), &h.target, v);
                }
            }
        }
    }

    /// Checks the fields of a history value like those of the record it was.
    fn history_value(&mut self, path: &str, target: &EditTarget, v: &Value) {
        match target {
            EditTarget::Unit { id } => {
                if let Ok(b) = serde_json::from_value::<RecordBody<Unit>>(v.clone()) {
                    self.unit(path, &as_record(id, b.data));
                }
            }
            EditTarget::OcopProduct { id } => {
                if let Ok(b) = serde_json::from_value::<RecordBody<Product>>(v.clone()) {
                    self.product(path, &as_record(id, b.data));
                }
            }
            EditTarget::OcopRating { id } => {
                if let Ok(b) = serde_json::from_value::<RecordBody<Rating>>(v.clone()) {
                    self.rating(path, &as_record(id, b.data));
                }
            }
            EditTarget::Plan { id } => {
                if let Ok(b) = serde_json::from_value::<RecordBody<Plan>>(v.clone()) {
                    self.plan(path, &as_record(id, b.data));
                }
            }
            EditTarget::CriteriaSet { id } => {
                if let Ok(b) = serde_json::from_value::<RecordBody<CriteriaSet>>(v.clone()) {
                    self.set(path, &as_record(id, b.data));
                }
            }
            EditTarget::Recognition { id } => {
                if let Ok(b) = serde_json::from_value::<RecordBody<Recognition>>(v.clone()) {
                    self.recognition(path, &as_record(id, b.data));
                }
            }
            EditTarget::Quantity { id } => {
                if let Ok(b) = serde_json::from_value::<RecordBody<Quantity>>(v.clone()) {
                    self.quantity(path, &as_record(id, b.data));
                }
            }
            EditTarget::Resource { id } => {
                if let Ok(b) = serde_json::from_value::<RecordBody<ResourceEntry>>(v.clone()) {
                    self.resource(path, &as_record(id, b.data));
                }
            }
            EditTarget::Value { .. } => {
                if let Ok(e) = serde_json::from_value::<Entry<IndicatorValue>>(v.clone()) {
                    if let Some(x) = &e.value {
                        self.indicator_value(&format!("{path}.value.value"), x);
                    }
                    self.text(&format!("{path}.note"), &e.note, MAX_NOTE);
                }
            }
            EditTarget::Mark { .. } => {
                if let Ok(e) = serde_json::from_value::<Entry<CriterionMark>>(v.clone()) {
                    self.text(&format!("{path}.note"), &e.note, MAX_NOTE);
                }
            }
        }
    }
}
