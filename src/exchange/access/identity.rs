//! Who owns a document, from its id — and every field naming a unit must agree with it.
//!
//! The id names the unit of a province's or commune's record, assessment or plan. Where it
//! cannot (a village's commune, an OCOP product's, a recognition's or resource figure's
//! unit), the unit comes from the document's `scope` and must equal the body's; a change
//! or a deletion must also be allowed on the stored revision (`verdict`), so a unit cannot
//! be moved by writing it elsewhere.

use super::{lineage_owner, plan_scope, DocKey, Item, LineageOwner, Owner, Refusal};
use crate::domain::couch_docs::{DocBody, ValueDoc};
use crate::domain::plans::Plan;
use crate::domain::stats::Scope;
use crate::domain::units::{Unit, UnitRef};

fn mismatch(field: &str) -> Refusal {
    Refusal::UnitMismatch {
        field: field.into(),
    }
}

/// The document's owner; refused when a field disagrees with the id, or names another
/// province than the database's (`province`, when known).
pub(super) fn owner(
    doc: &ValueDoc,
    key: &DocKey,
    province: Option<&str>,
) -> Result<Owner, Refusal> {
    let this_province = |p: &str| match province {
        Some(mine) if mine != p => Err(Refusal::OtherProvince { province: p.into() }),
        _ => Ok(()),
    };
    if let Some(p) = &doc.scope.province {
        this_province(p)?;
    }
    body_matches(doc, key)?;
    let scope = doc.scope.commune.as_deref();
    // Province-level data names no commune in its scope.
    let province_level = || match scope {
        None => Ok(Owner::Province),
        Some(_) => Err(mismatch("scope.commune")),
    };
    // A commune's data names it in its scope.
    let commune = |c: &str| match scope {
        Some(s) if s == c => Ok(Owner::Commune(c.into())),
        _ => Err(mismatch("scope.commune")),
    };
    // A village's commune is its scope's (its record, when the body is one, agrees).
    let village = |v: &str| match scope {
        Some(c) => Ok(Owner::Village {
            commune: c.into(),
            village: v.into(),
        }),
        None => Err(mismatch("scope.commune")),
    };
    let of_unit = |u: &UnitRef| match u {
        UnitRef::Province(p) => this_province(p).and_then(|()| province_level()),
        UnitRef::District(_) => province_level(),
        UnitRef::Commune(c) => commune(c),
        UnitRef::Village(v) => village(v),
    };
    match key {
        DocKey::Unit(u) => {
            let owner = of_unit(u)?;
            if let DocBody::Unit(r) = &doc.body {
                match &r.data {
                    Unit::Commune(c) => this_province(&c.province_code)?,
                    Unit::Village(v) if Some(v.commune_code.as_str()) != scope => {
                        return Err(mismatch("body.data.unit.commune_code"))
                    }
                    _ => {}
                }
            }
            Ok(owner)
        }
        DocKey::Assessment { unit, .. } => of_unit(unit),
        DocKey::Product(_) => {
            let code = scope.ok_or_else(|| mismatch("scope.commune"))?;
            if let DocBody::OcopProduct(r) = &doc.body {
                if r.data.commune_code != code {
                    return Err(mismatch("body.data.commune_code"));
                }
            }
            commune(code)
        }
        DocKey::Rating(_) => commune(scope.ok_or_else(|| mismatch("scope.commune"))?),
        DocKey::Plan(id) => {
            let (unit, _) = plan_scope(id).ok_or_else(|| mismatch("_id"))?;
            of_unit(&unit)
        }
        DocKey::Set(s) => match lineage_owner(&s.id) {
            LineageOwner::Province(p) => this_province(&p).and_then(|()| province_level()),
            LineageOwner::Commune(c) => commune(&c),
            LineageOwner::Unmarked => province_level(),
        },
        DocKey::Recognition(_) | DocKey::Resource(_) => {
            let unit = match &doc.body {
                DocBody::Recognition(r) => Some(&r.data.unit),
                DocBody::Resource(r) => Some(&r.data.unit),
                _ => None,
            };
            match unit {
                Some(u) => of_unit(u),
                // Only a history: its unit is the scope's, never a village's (a village
                // head writes his village's assessments and record only).
                None => match scope {
                    Some(c) => commune(c),
                    None => province_level(),
                },
            }
        }
        DocKey::Quantity(_) => province_level(),
    }
}

/// The body is the kind of value the id names, under the same id and key; every history
/// entry is an edit of it.
fn body_matches(doc: &ValueDoc, key: &DocKey) -> Result<(), Refusal> {
    let record = |id: &str, want: &str| {
        if id == want {
            Ok(())
        } else {
            Err(mismatch("body.data.id"))
        }
    };
    match (key, &doc.body) {
        (_, DocBody::History) => Ok(()),
        (DocKey::Unit(u), DocBody::Unit(r)) => record(&r.id, &u.key()),
        (DocKey::Assessment { item: None, .. }, DocBody::Assessment(k)) => {
            record(&k.id(), &doc.id).map_err(|_| mismatch("body.data"))
        }
        (
            DocKey::Assessment {
                item: Some(Item::Mark(c)),
                ..
            },
            DocBody::Mark { key, criterion, .. },
        ) if criterion == c => record(&format!("{}#mark:{c}", key.id()), &doc.id)
            .map_err(|_| mismatch("body.data.key")),
        (
            DocKey::Assessment {
                item: Some(Item::Value(c)),
                ..
            },
            DocBody::Value { key, indicator, .. },
        ) if indicator == c => record(&format!("{}#value:{c}", key.id()), &doc.id)
            .map_err(|_| mismatch("body.data.key")),
        (DocKey::Product(id), DocBody::OcopProduct(r)) => record(&r.id, id),
        (DocKey::Rating(id), DocBody::OcopRating(r)) => record(&r.id, id),
        (DocKey::Plan(id), DocBody::Plan(r)) => {
            record(&r.id, id)?;
            let scope = match &r.data.scope {
                Scope::Province(c) | Scope::District(c) | Scope::Commune(c) => c,
            };
            if Plan::record_id(&r.data.scope, r.data.year) == *id && !scope.is_empty() {
                Ok(())
            } else {
                Err(mismatch("body.data.data.scope"))
            }
        }
        (DocKey::Set(s), DocBody::Set(r)) => record(&r.id, &s.to_string()),
        (DocKey::Recognition(id), DocBody::Recognition(r)) => record(&r.id, id),
        (DocKey::Quantity(id), DocBody::Quantity(r)) => record(&r.id, id),
        (DocKey::Resource(id), DocBody::Resource(r)) => record(&r.id, id),
        _ => Err(mismatch("body.kind")),
    }?;
    match doc.history.iter().position(|h| h.record_key != doc.id) {
        Some(i) => Err(mismatch(&format!("history[{i}].record_key"))),
        None => Ok(()),
    }
}
