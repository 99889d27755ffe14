//! What a pull receives, checked before anything of it is merged (issue 30): each revision
//! as a file's record is checked (`exchange::access::check_document`: its id, every text,
//! its types and fields, every field naming a unit against its id), then against what the
//! phone knows of where its villages and OCOP products belong. A revision that fails is
//! refused on its own and listed with its unit and reason; the sync goes on past it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::couch_docs::{DocBody, ValueDoc};
use crate::domain::merge::Dataset;
use crate::domain::replication::{incoming, Incoming, Rev, Revisions};
use crate::domain::units::{Unit, UnitRef};
use crate::exchange::access::{check_document, DocKey, Owner};

/// A revision the phone did not take in, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PulledRefusal {
    /// The document's id as the server gave it (cut short when long).
    pub id: String,
    /// The unit it claims to belong to (`commune:15772`, `village:…`), when its id or
    /// scope names one; `None` for province-level data or an unreadable document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What is wrong, in Vietnamese.
    pub reason: String,
}

/// One revision of a pull, read and checked.
pub enum Pulled {
    Doc {
        doc: Box<ValueDoc>,
        rev: Rev,
        revisions: Option<Revisions>,
        owner: Owner,
    },
    /// A deleted revision (a losing branch closed after a conflict was merged).
    Deleted,
    Refused(PulledRefusal),
}

/// The province of a database named as `scripts/couch-setup.mjs` names them
/// (`…/db/ntm-38`); `None` for another name (then no province is checked).
pub fn province_of_database(db: &str) -> Option<String> {
    let name = db.trim_end_matches('/').rsplit('/').next()?;
    let code = name.strip_prefix("ntm-")?;
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit())).then(|| code.to_string())
}

fn cut(s: &str) -> String {
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(120).collect::<String>())
    } else {
        s.to_string()
    }
}

/// The unit a document claims, read as far as it can be from a document that may be
/// anything: its id's unit, else its scope's commune.
fn claimed_unit(id: Option<&str>, scope_commune: Option<&str>) -> Option<String> {
    let from_id = id.and_then(DocKey::parse).and_then(|k| match k {
        DocKey::Unit(u) | DocKey::Assessment { unit: u, .. } => Some(u.key()),
        _ => None,
    });
    from_id.or_else(|| {
        scope_commune
            .filter(|c| c.len() == 5 && c.bytes().all(|b| b.is_ascii_digit()))
            .map(|c| UnitRef::Commune(c.to_string()).key())
    })
}

impl PulledRefusal {
    /// A checked document refused for what the phone knows.
    pub fn of(doc: &ValueDoc, reason: String) -> Self {
        PulledRefusal {
            id: cut(&doc.id),
            unit: claimed_unit(Some(&doc.id), doc.scope.commune.as_deref()),
            reason,
        }
    }
}

/// Reads and checks one revision as `_bulk_get` gave it.
pub fn read(mut raw: Value, province: Option<&str>) -> Pulled {
    let refuse = |raw: &Value, reason: String| {
        Pulled::Refused(PulledRefusal {
            id: cut(raw["_id"].as_str().unwrap_or("?")),
            unit: claimed_unit(raw["_id"].as_str(), raw["scope"]["commune"].as_str()),
            reason,
        })
    };
    if raw.get("_deleted") == Some(&Value::Bool(true)) {
        return match incoming(raw.clone()) {
            Ok(_) => Pulled::Deleted,
            Err(e) => refuse(&raw, format!("Bản xoá không đọc được: {e}")),
        };
    }
    if let Some(o) = raw.as_object_mut() {
        // Which other leaves there are is read from `_changes`, not from here.
        o.remove("_conflicts");
    }
    let checked = match check_document(&raw, province) {
        Ok(c) => c,
        Err(r) => return refuse(&raw, r.message()),
    };
    match incoming(raw.clone()) {
        Ok(Incoming::Doc { rev, revisions, .. }) => Pulled::Doc {
            doc: Box::new(checked.doc),
            rev,
            revisions,
            owner: checked.owner,
        },
        Ok(Incoming::Deleted { .. }) => Pulled::Deleted,
        Err(e) => refuse(&raw, format!("Phiên bản không đọc được: {e}")),
    }
}

/// Where the phone's villages and OCOP products belong, from its own records and those
/// a pull brings: a value of a village filed under another commune than the village's
/// (which the server cannot tell: a village's id names no commune) is refused.
#[derive(Default)]
pub struct Places {
    villages: HashMap<String, String>,
    products: HashMap<String, String>,
}

impl Places {
    pub fn of(data: &Dataset) -> Self {
        let mut p = Places::default();
        for u in &data.units {
            if let Unit::Village(v) = &u.data {
                p.villages.insert(v.id.clone(), v.commune_code.clone());
            }
        }
        for r in &data.ocop_products {
            p.products
                .insert(r.data.id.clone(), r.data.commune_code.clone());
        }
        p
    }

    /// Learns from a record that passed the checks (a move of a village or product is
    /// the province's to make, and the server checked it against the stored revision).
    pub fn learn(&mut self, doc: &ValueDoc) {
        match &doc.body {
            DocBody::Unit(r) => {
                if let Unit::Village(v) = &r.data {
                    self.villages.insert(v.id.clone(), v.commune_code.clone());
                }
            }
            DocBody::OcopProduct(r) => {
                self.products
                    .insert(r.data.id.clone(), r.data.commune_code.clone());
            }
            _ => {}
        }
    }

    /// Whether a document's commune agrees with where the phone knows its village or
    /// product to be (unknown ones pass: nothing here says otherwise).
    pub fn check(&self, doc: &ValueDoc, owner: &Owner) -> Result<(), String> {
        let (claimed, known, what) = match (&doc.body, owner) {
            (DocBody::Unit(_), _) => return Ok(()),
            (_, Owner::Village { commune, village }) => (
                commune,
                self.villages.get(village),
                format!("Thôn {village}"),
            ),
            (DocBody::OcopRating(r), Owner::Commune(commune)) => (
                commune,
                self.products.get(&r.data.product_id),
                format!("Sản phẩm OCOP {}", r.data.product_id),
            ),
            _ => return Ok(()),
        };
        match known {
            Some(k) if k != claimed => Err(format!(
                "{what} thuộc xã {k}, không thuộc xã {claimed} như tài liệu ghi."
            )),
            _ => Ok(()),
        }
    }
}
