//! Text at the boundary: every string a file brings is stored as typed text is — NFC, and
//! trimmed (names also with single spaces; notes keep their line breaks) — so a name
//! written NFD on another phone equals the same name typed here, and search, duplicates
//! and conflicts compare like with like. Runs after the checks (which refuse hidden
//! characters) and after the hash (which covers the file as sent). Criteria sets are not
//! changed (their version id is computed over their text): the checks refuse one whose
//! text is not already in this form.

use serde_json::Value;

use crate::domain::merge::Dataset;
use crate::domain::sync::Stamp;
use crate::domain::text::{clean, clean_note};
use crate::domain::units::Unit;

/// Whether `s` may change when cleaned (a quick test, so clean text is not copied).
fn may_change(s: &str) -> bool {
    !crate::unicode::is_nfc(s)
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
        || s.contains("  ")
        || s.chars().any(|c| c.is_whitespace() && c != ' ')
}

thread_local! {
    /// Whether the current `normalize` changed anything (so the reader rehashes).
    static CHANGED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn set(s: &mut String, cleaned: String) {
    if *s != cleaned {
        *s = cleaned;
        CHANGED.with(|c| c.set(true));
    }
}

fn name(s: &mut String) {
    if may_change(s) {
        let c = clean(s);
        set(s, c);
    }
}

fn note(s: &mut String) {
    if may_change(s) {
        let c = clean_note(s);
        set(s, c);
    }
}

fn stamp(s: &mut Stamp) {
    name(&mut s.author);
}

/// Every string of a history value, by the same rules (a "note" keeps its lines).
fn json(v: &mut Value, key: Option<&str>) {
    match v {
        Value::String(s) if key == Some("note") => note(s),
        Value::String(s) => name(s),
        Value::Array(items) => items.iter_mut().for_each(|i| json(i, None)),
        Value::Object(map) => map.iter_mut().for_each(|(k, i)| json(i, Some(k))),
        _ => {}
    }
}

/// Normalises the text of `d` in place (see the module docs); returns whether anything
/// changed.
pub fn normalize(d: &mut Dataset) -> bool {
    CHANGED.with(|c| c.set(false));
    for r in &mut d.units {
        stamp(&mut r.stamp);
        match &mut r.data {
            Unit::Province(p) => name(&mut p.name),
            Unit::Commune(c) => {
                name(&mut c.name);
                if let Some(l) = &mut c.legacy_district {
                    name(&mut l.name);
                }
            }
            Unit::Village(v) => name(&mut v.name),
        }
    }
    for r in &mut d.ocop_products {
        stamp(&mut r.stamp);
        name(&mut r.data.name);
        name(&mut r.data.producer);
        name(&mut r.data.subgroup);
    }
    for r in &mut d.ocop_ratings {
        stamp(&mut r.stamp);
        name(&mut r.data.decision_no);
    }
    for r in &mut d.plans {
        stamp(&mut r.stamp);
    }
    for r in &mut d.sets {
        stamp(&mut r.stamp);
    }
    for r in &mut d.recognitions {
        stamp(&mut r.stamp);
        name(&mut r.data.decision_no);
        name(&mut r.data.issuer);
        note(&mut r.data.note);
    }
    for r in &mut d.quantities {
        stamp(&mut r.stamp);
        name(&mut r.data.name);
        if let Some(en) = &mut r.data.name_en {
            name(en);
        }
        name(&mut r.data.unit);
    }
    for r in &mut d.resources {
        stamp(&mut r.stamp);
        name(&mut r.data.source);
        note(&mut r.data.note);
    }
    for a in &mut d.assessments {
        for v in a.marks.values_mut() {
            stamp(&mut v.stamp);
            note(&mut v.value.note);
        }
        for v in a.values.values_mut() {
            stamp(&mut v.stamp);
            note(&mut v.value.note);
            if let Some(crate::domain::assessment::IndicatorValue::Text(t)) = &mut v.value.value {
                name(t);
            }
        }
    }
    for h in &mut d.history {
        stamp(&mut h.stamp);
        if let Some(r) = &mut h.reverts {
            stamp(r);
        }
        for b in h.base.iter_mut().flatten() {
            stamp(b);
        }
        // A set's body keeps its text (its version id is computed over it).
        if !matches!(
            h.target,
            crate::domain::history::EditTarget::CriteriaSet { .. }
        ) {
            for v in [&mut h.old, &mut h.new].into_iter().flatten() {
                json(v, None);
            }
        }
    }
    CHANGED.with(|c| c.get())
}
