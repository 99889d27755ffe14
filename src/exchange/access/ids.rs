//! The grammar of sync document ids (`_id`), and what an id says a document is about.
//!
//! A document's id is the history key of the value it holds (`couch_docs`): it names the
//! kind of record and its id, or the assessment (unit | set | period) and the criterion or
//! indicator. An id is accepted only in the exact form the app writes (parsed, written
//! back, compared), so two spellings never name one document.

use crate::domain::assessment::Period;
use crate::domain::criteria::{is_valid_item_id, SetId};
use crate::domain::sync::is_valid_id;
use crate::domain::units::UnitRef;

pub use crate::domain::set_versions::{lineage_owner, owned_lineage, LineageOwner};

/// What a document id names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocKey {
    /// `unit#province:38`, `unit#commune:15772`, `unit#village:<id>`.
    Unit(UnitRef),
    /// `<unit key>|<set>|<period>`: an assessment, or (`#mark:<id>` / `#value:<id>`) one of
    /// its marks or values.
    Assessment {
        unit: UnitRef,
        set: SetId,
        period: Period,
        item: Option<Item>,
    },
    /// `ocop-product#<id>`.
    Product(String),
    /// `ocop-rating#<id>`.
    Rating(String),
    /// `plan#<scope>-<code>-<year>`.
    Plan(String),
    /// `set#<lineage>@<version>`.
    Set(SetId),
    /// `recognition#<id>`.
    Recognition(String),
    /// `quantity#<id>`.
    Quantity(String),
    /// `resource#<id>`.
    Resource(String),
}

/// A mark or value of an assessment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Mark(String),
    Value(String),
}

/// A unit key as ids name units, with the code lengths of the official list: a province
/// has 2 digits, a district (before 1/7/2025) 3, a commune 5; a village our own id.
pub fn unit_from_key(key: &str) -> Option<UnitRef> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let unit = UnitRef::from_key(key)?;
    let ok = match &unit {
        UnitRef::Province(c) => digits(c, 2),
        UnitRef::District(c) => digits(c, 3),
        UnitRef::Commune(c) => digits(c, 5),
        UnitRef::Village(id) => is_valid_id(id),
    };
    ok.then_some(unit)
}

fn set_id(s: &str) -> Option<SetId> {
    let set: SetId = s.parse().ok()?;
    (is_valid_id(&set.id) && is_valid_id(&set.version)).then_some(set)
}

impl DocKey {
    /// Reads an id; `None` unless it is exactly what [`DocKey::id`] writes.
    pub fn parse(id: &str) -> Option<DocKey> {
        if id.len() > 300 {
            return None;
        }
        let key = Self::read(id)?;
        (key.id() == id).then_some(key)
    }

    fn read(id: &str) -> Option<DocKey> {
        if let Some((kind, rest)) = id.split_once('#') {
            let plain = || is_valid_id(rest).then(|| rest.to_string());
            match kind {
                "unit" => {
                    let unit = unit_from_key(rest)?;
                    return (!matches!(unit, UnitRef::District(_))).then_some(DocKey::Unit(unit));
                }
                "ocop-product" => return plain().map(DocKey::Product),
                "ocop-rating" => return plain().map(DocKey::Rating),
                "plan" => return plain().map(DocKey::Plan),
                "set" => return set_id(rest).map(DocKey::Set),
                "recognition" => return plain().map(DocKey::Recognition),
                "quantity" => return plain().map(DocKey::Quantity),
                "resource" => return plain().map(DocKey::Resource),
                _ => {}
            }
        }
        let (assessment, item) = match id.split_once('#') {
            Some((a, rest)) => {
                let item = match rest.split_once(':')? {
                    ("mark", c) => Item::Mark(c.to_string()),
                    ("value", c) => Item::Value(c.to_string()),
                    _ => return None,
                };
                let (Item::Mark(c) | Item::Value(c)) = &item;
                if !is_valid_item_id(c) {
                    return None;
                }
                (a, Some(item))
            }
            None => (id, None),
        };
        let mut parts = assessment.split('|');
        let (unit, set, period) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let period: Period = period.parse().ok()?;
        if !(2000..=2100).contains(&period.year) {
            return None;
        }
        Some(DocKey::Assessment {
            unit: unit_from_key(unit)?,
            set: set_id(set)?,
            period,
            item,
        })
    }

    /// The id, as the app writes it.
    pub fn id(&self) -> String {
        match self {
            DocKey::Unit(u) => format!("unit#{}", u.key()),
            DocKey::Assessment {
                unit,
                set,
                period,
                item,
            } => {
                let a = format!("{}|{set}|{period}", unit.key());
                match item {
                    None => a,
                    Some(Item::Mark(c)) => format!("{a}#mark:{c}"),
                    Some(Item::Value(c)) => format!("{a}#value:{c}"),
                }
            }
            DocKey::Product(id) => format!("ocop-product#{id}"),
            DocKey::Rating(id) => format!("ocop-rating#{id}"),
            DocKey::Plan(id) => format!("plan#{id}"),
            DocKey::Set(s) => format!("set#{s}"),
            DocKey::Recognition(id) => format!("recognition#{id}"),
            DocKey::Quantity(id) => format!("quantity#{id}"),
            DocKey::Resource(id) => format!("resource#{id}"),
        }
    }
}

/// The scope a plan id names (`province-38-2025`, `commune-15772-2025`).
pub fn plan_scope(plan_id: &str) -> Option<(UnitRef, u16)> {
    let (scope, year) = plan_id.rsplit_once('-')?;
    let year: u16 = year.parse().ok()?;
    let (level, code) = scope.split_once('-')?;
    let unit = unit_from_key(&format!("{level}:{code}"))?;
    if matches!(unit, UnitRef::Village(_)) || year.to_string() != plan_id.rsplit_once('-')?.1 {
        return None;
    }
    Some((unit, year))
}
