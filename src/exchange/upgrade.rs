//! Upgrading data written under schema version 1 — exchange files, and the rows of a
//! database made by an older app (the store runs the same steps) — to version 2.
//!
//! Version 1 named a criteria set version "CODE@N": a label anyone could type, so two
//! devices could make different sets under one name. Version 2 gives every set a lineage
//! id and every version an id made from its content (`domain::set_versions`), and keys
//! marks and values by stable criterion and indicator ids. The steps, all deterministic
//! so that two devices upgrading the same data get the same ids:
//! - a built-in set "CODE@1" keeps its id (lineage CODE, version "1");
//! - a custom set "CODE@N" becomes lineage "legacy-CODE", number N, version id from its
//!   content, ancestry unknown (`parents` absent); its criteria and indicators get their
//!   codes as ids, which is exactly how version 1 keyed marks and values, so every mark
//!   stays on its criterion;
//! - assessment keys and ids, history record keys, targets and set bodies, and the
//!   header's `sets_used` are rewritten with the new set ids.
//!
//! Two devices that each made a different "THON_X@1" before upgrading get two versions of
//! the lineage "legacy-THON_X" with different ids: no longer one colliding id.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::domain::criteria::{is_builtin_lineage, CriteriaSet, SetId};
use crate::domain::set_versions::version_id;

/// The lineage a version-1 custom set code becomes.
pub fn legacy_lineage(code: &str) -> String {
    let code: String = code.chars().take(57).collect();
    format!("legacy-{code}")
}

/// The set ids of version-1 data, learned from its custom sets' bodies.
#[derive(Clone, Debug, Default)]
pub struct LegacyIds {
    known: BTreeMap<String, SetId>,
}

impl LegacyIds {
    /// Learns the ids of the version-1 set bodies given (custom sets of a file or store).
    pub fn from_sets<'a>(sets: impl IntoIterator<Item = &'a Value>) -> Self {
        let mut known = BTreeMap::new();
        for v in sets {
            if let (Some(code), Some(n), Some(set)) = (
                v.get("code").and_then(Value::as_str),
                v.get("version").and_then(Value::as_u64),
                upgrade_set(v),
            ) {
                known.insert(format!("{code}@{n}"), set.set_id());
            }
        }
        Self { known }
    }

    /// The version-2 id of the version-1 set "code@n": fixed for built-ins; from the
    /// content for custom sets whose body is known; else a placeholder that names the
    /// lineage and number (an assessment of it is then "set not on this device").
    pub fn id(&self, code: &str, n: u64) -> SetId {
        if is_builtin_lineage(code) && n == 1 {
            return SetId {
                id: code.to_string(),
                version: "1".into(),
            };
        }
        self.known
            .get(&format!("{code}@{n}"))
            .cloned()
            .unwrap_or_else(|| SetId {
                id: legacy_lineage(code),
                version: n.to_string(),
            })
    }

    /// A version-1 set id as text ("CODE@N") in version 2.
    pub fn text(&self, old: &str) -> String {
        match old
            .rsplit_once('@')
            .and_then(|(c, n)| Some((c, n.parse().ok()?)))
        {
            Some((code, n)) => self.id(code, n).to_string(),
            None => old.to_string(),
        }
    }

    /// A version-1 `SetId` object `{code, version}` in version 2.
    fn object(&self, v: &Value) -> Value {
        match (
            v.get("code").and_then(Value::as_str),
            v.get("version").and_then(Value::as_u64),
        ) {
            (Some(code), Some(n)) => serde_json::to_value(self.id(code, n)).unwrap_or(Value::Null),
            _ => v.clone(),
        }
    }

    /// An assessment id "unit|CODE@N|period" in version 2.
    pub fn assessment_id(&self, id: &str) -> String {
        let mut parts: Vec<String> = id.split('|').map(str::to_string).collect();
        if parts.len() == 3 {
            parts[1] = self.text(&parts[1]);
        }
        parts.join("|")
    }

    /// A history record key ("<assessment id>#mark:3", "set#CODE@N", …) in version 2.
    pub fn record_key(&self, key: &str) -> String {
        if let Some(set) = key.strip_prefix("set#") {
            return format!("set#{}", self.text(set));
        }
        match key.split_once('#') {
            Some((assessment, rest)) if assessment.contains('|') => {
                format!("{}#{rest}", self.assessment_id(assessment))
            }
            _ => key.to_string(),
        }
    }
}

/// A version-1 criteria set body as version 2 (see the module docs); `None` when it is
/// not a set body.
pub fn upgrade_set(v: &Value) -> Option<CriteriaSet> {
    let code = v.get("code")?.as_str()?.to_string();
    let n = v.get("version")?.as_u64()?;
    let mut obj: Map<String, Value> = v.as_object()?.clone();
    let builtin = obj.get("builtin").and_then(Value::as_bool).unwrap_or(false);
    let lineage = if builtin {
        code.clone()
    } else {
        legacy_lineage(&code)
    };
    obj.insert("id".into(), json!(lineage));
    obj.insert("version".into(), json!(""));
    obj.insert("number".into(), json!(n));
    obj.remove("parents");
    if let Some(d) = obj.get("derived_from").cloned() {
        // Named without looking anything up, so it is the same on every device.
        let (dc, dn) = (
            d.get("code").and_then(Value::as_str).unwrap_or_default(),
            d.get("version").and_then(Value::as_u64).unwrap_or(1),
        );
        let id = if is_builtin_lineage(dc) {
            SetId {
                id: dc.to_string(),
                version: "1".into(),
            }
        } else {
            SetId {
                id: legacy_lineage(dc),
                version: dn.to_string(),
            }
        };
        obj.insert("derived_from".into(), serde_json::to_value(id).ok()?);
    }
    if let Some(Value::Array(criteria)) = obj.get_mut("criteria") {
        for c in criteria.iter_mut() {
            with_code_as_id(c);
            if let Some(Value::Array(inds)) = c.get_mut("indicators") {
                inds.iter_mut().for_each(with_code_as_id);
            }
        }
    }
    let mut set: CriteriaSet = serde_json::from_value(Value::Object(obj)).ok()?;
    if builtin {
        set.version = n.to_string();
    } else {
        set.version = version_id(&set);
    }
    Some(set)
}

/// Puts `"id": <code>` first in a criterion or indicator object.
fn with_code_as_id(v: &mut Value) {
    if let Some(obj) = v.as_object() {
        if obj.contains_key("id") {
            return;
        }
        let mut out = Map::new();
        out.insert("id".into(), obj.get("code").cloned().unwrap_or(Value::Null));
        out.extend(obj.clone());
        *v = Value::Object(out);
    }
}

/// A version-1 assessment (`{key, marks, values}`) in version 2.
pub fn upgrade_assessment(a: &mut Value, ids: &LegacyIds) {
    if let Some(set) = a.pointer("/key/set").cloned() {
        if let Some(key) = a.get_mut("key").and_then(Value::as_object_mut) {
            key.insert("set".into(), ids.object(&set));
        }
    }
}

/// A version-1 history entry in version 2.
pub fn upgrade_history(h: &mut Value, ids: &LegacyIds) {
    let Some(obj) = h.as_object_mut() else {
        return;
    };
    if let Some(k) = obj.get("record_key").and_then(Value::as_str) {
        let k = ids.record_key(k);
        obj.insert("record_key".into(), json!(k));
    }
    let kind = obj
        .get("target")
        .and_then(|t| t.get("kind"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if let Some(t) = obj.get_mut("target").and_then(Value::as_object_mut) {
        if let Some(a) = t.get("assessment").and_then(Value::as_str) {
            let a = ids.assessment_id(a);
            t.insert("assessment".into(), json!(a));
        }
        if kind == "criteria_set" {
            if let Some(id) = t.get("id").and_then(Value::as_str) {
                let id = ids.text(id);
                t.insert("id".into(), json!(id));
            }
        }
    }
    if kind == "criteria_set" {
        for field in ["old", "new"] {
            if let Some(body) = obj.get_mut(field) {
                if let Some(data) = body.get("data") {
                    if let Some(set) = upgrade_set(data).and_then(|s| serde_json::to_value(s).ok())
                    {
                        if let Some(b) = body.as_object_mut() {
                            b.insert("data".into(), set);
                        }
                    }
                }
            }
        }
    }
}

/// A version-1 set record (`{id, data, stamp, archived}`) in version 2.
pub fn upgrade_set_record(r: &mut Value) {
    let Some(set) = r.get("data").and_then(upgrade_set) else {
        return;
    };
    if let Some(obj) = r.as_object_mut() {
        obj.insert("id".into(), json!(set.set_id().to_string()));
        obj.insert(
            "data".into(),
            serde_json::to_value(&set).unwrap_or(Value::Null),
        );
    }
}

/// The ids of a version-1 content's custom sets.
pub fn content_ids(content: &Value) -> LegacyIds {
    let bodies: Vec<&Value> = content
        .get("sets")
        .and_then(Value::as_array)
        .map(|s| s.iter().filter_map(|r| r.get("data")).collect())
        .unwrap_or_default();
    LegacyIds::from_sets(bodies)
}

/// A whole version-1 `content` in version 2 (lists it does not know are left as they
/// are, for the reader to report).
pub fn upgrade_content(content: &mut Value, ids: &LegacyIds) {
    let Some(obj) = content.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(sets)) = obj.get_mut("sets") {
        sets.iter_mut().for_each(upgrade_set_record);
    }
    if let Some(Value::Array(list)) = obj.get_mut("assessments") {
        list.iter_mut().for_each(|a| upgrade_assessment(a, ids));
    }
    if let Some(Value::Array(list)) = obj.get_mut("history") {
        list.iter_mut().for_each(|h| upgrade_history(h, ids));
    }
}
