//! What a file's sender may write (issue 31): the server's rule, applied to a file. The
//! sender is given the account its role and unit would have on its province's server,
//! and each record and value of the file, as the document a sync would make of it, is
//! judged as the server judges a write (`identity::owner`, then [`may_write_in`]). What the
//! sender may not write is set apart: the preview lists it and nothing of it is imported
//! unless the receiving official chooses it.
//!
//! Until files are signed, the role and unit are the file's header's claims; a village's
//! commune is the receiving phone's record of it when it has one, else the file's.
//! Exempt: the official list's own province and commune records (every phone has them),
//! and criteria sets, whose versions are their lineage's maker's (set ownership, issue
//! 31's fourth part: a version's id is its content, so a set cannot be altered under it).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{
    identity, is_official_reference, may_write_in, official_stamps, DocKey, Refusal, UserCtx,
};
use crate::domain::couch_docs::{each_value_doc, DocBody, DocScope, ValueDoc};
use crate::domain::criteria::SetId;
use crate::domain::merge::{self, Dataset, ExportScope, MergePlan};
use crate::domain::profile::Role as ProfileRole;
use crate::domain::units::{Unit, UnitRef};
use crate::exchange::Sender;

/// How an import judges what arrives.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportRule {
    /// Already judged by this rule (a sync's documents, checked as they were pulled; or
    /// what the receiving official chose to take in).
    Judged,
    /// A file whose sender is known only by what its header claims (an unsigned file):
    /// judged as the account those claims would have ([`sender_account`]). The scope is
    /// the file's: its province is the one data naming none (a province's own
    /// quantities) is taken to be of, as a server's database is one province's.
    Claims(Sender, ExportScope),
}

/// The province a file is about, from its scope (a commune's or village's by its
/// record, the receiving phone's first); `None` for a file of everything or a set.
pub fn file_province(scope: &ExportScope, incoming: &Dataset, local: &Dataset) -> Option<String> {
    let record = |key: String| {
        [local, incoming]
            .into_iter()
            .find_map(|d| d.units.iter().find(|u| u.id == key).map(|u| u.data.clone()))
    };
    let commune_province = |code: &str| match record(UnitRef::Commune(code.into()).key()) {
        Some(Unit::Commune(c)) => Some(c.province_code),
        _ => None,
    };
    match scope {
        ExportScope::Province(p) => Some(p.clone()),
        ExportScope::Commune(c) => commune_province(c),
        ExportScope::Village(v) => {
            village_commune(incoming, local)(v).and_then(|c| commune_province(&c))
        }
        ExportScope::All | ExportScope::Set(_) => None,
    }
}

/// The account a file's sender would have on its province's server, from its role and
/// unit: a province official writes its province; a commune official its commune; a
/// village head his village (its commune from `village_commune`); anyone else nothing.
pub fn sender_account(
    sender: &Sender,
    village_commune: impl Fn(&str) -> Option<String>,
) -> UserCtx {
    let unit = sender.unit.as_deref().and_then(UnitRef::from_key);
    let role = match (sender.role, unit) {
        (Some(ProfileRole::CanBoTinh), Some(UnitRef::Province(p))) => {
            Some(format!("province-official:{p}"))
        }
        (Some(ProfileRole::CanBoXa), Some(UnitRef::Commune(c))) => Some(format!("commune:{c}")),
        (Some(ProfileRole::TruongThon), Some(UnitRef::Village(v))) => {
            village_commune(&v).map(|c| format!("village:{c}/{v}"))
        }
        _ => None,
    };
    UserCtx {
        name: Some(sender.name.clone()),
        roles: role.into_iter().collect(),
    }
}

/// Where a village belongs: `local`'s record, else `incoming`'s.
pub fn village_commune<'a>(
    incoming: &'a Dataset,
    local: &'a Dataset,
) -> impl Fn(&str) -> Option<String> + 'a {
    move |id: &str| {
        let key = UnitRef::Village(id.to_string()).key();
        [local, incoming].into_iter().find_map(|d| {
            d.units.iter().find_map(|u| match &u.data {
                Unit::Village(v) if u.id == key => Some(v.commune_code.clone()),
                _ => None,
            })
        })
    }
}

/// What of `incoming` the account `user` may not write, by history key, with the reason
/// the server would give. `local`: the receiving phone's data (where its villages and
/// products belong); `province`: the file's (that of data naming none).
pub fn outside(
    incoming: &Dataset,
    local: &Dataset,
    user: &UserCtx,
    province: Option<&str>,
) -> BTreeMap<String, Refusal> {
    let communes: HashMap<&str, &str> = [incoming, local]
        .into_iter()
        .flat_map(|d| &d.units)
        .filter_map(|u| match &u.data {
            Unit::Village(v) => Some((v.id.as_str(), v.commune_code.as_str())),
            _ => None,
        })
        .collect();
    // Judged one document at a time (a national file's would take hundreds of MB held
    // together). A history is judged with its value; one whose value the file does not
    // carry, by the unit its key names.
    let history_keys: HashSet<&str> = incoming
        .history
        .iter()
        .map(|h| h.record_key.as_str())
        .collect();
    let mut with_value: HashSet<String> = HashSet::new();
    let mut out = BTreeMap::new();
    each_value_doc(incoming, Some(local), |doc| {
        if history_keys.contains(doc.id.as_str()) {
            with_value.insert(doc.id.clone());
        }
        let id = doc.id.clone();
        if let Err(r) = judge(doc, &communes, user, province) {
            out.insert(id, r);
        }
    });
    // A history entry naming the official list's device is checked as the server checks
    // a document's history (only those entries are copied).
    for h in incoming.history.iter().filter(|h| names_official_list(h)) {
        let doc = ValueDoc {
            id: h.record_key.clone(),
            scope: DocScope::default(),
            body: DocBody::History,
            history: vec![h.clone()],
        };
        let forged = DocKey::parse(&doc.id).is_some_and(|k| official_stamps(&doc, &k).is_err());
        if forged {
            out.insert(doc.id, Refusal::OfficialStamp);
        }
    }
    for key in history_keys
        .into_iter()
        .filter(|k| !with_value.contains(*k))
    {
        let doc = ValueDoc {
            id: key.to_string(),
            scope: DocScope::default(),
            body: DocBody::History,
            history: Vec::new(),
        };
        if let Err(r) = judge(doc, &communes, user, province) {
            out.insert(key.to_string(), r);
        }
    }
    out
}

fn judge(
    mut doc: ValueDoc,
    communes: &HashMap<&str, &str>,
    user: &UserCtx,
    file_province: Option<&str>,
) -> Result<(), Refusal> {
    let key = DocKey::parse(&doc.id)
        .ok_or_else(|| Refusal::Invalid("mã giá trị không đúng quy tắc".into()))?;
    // The official list's name on anything but its own records, exactly stamped, is forged
    // (the server refuses it the same way); its own records every phone has.
    official_stamps(&doc, &key)?;
    if is_official_reference(&doc) || matches!(doc.body, DocBody::Set(_)) {
        return Ok(());
    }
    if matches!(doc.body, DocBody::History) && doc.scope == DocScope::default() {
        // A history whose value the file does not carry: placed by the unit it names.
        doc.scope = history_scope(&key, communes);
    }
    let owner = identity::owner(&doc, &key, None)?;
    let province = doc.scope.province.as_deref().or(file_province);
    may_write_in(user, province, &owner)
}

fn names_official_list(h: &crate::domain::history::HistoryEntry) -> bool {
    std::iter::once(&h.stamp)
        .chain(h.reverts.iter())
        .chain(h.base.iter().flatten())
        .any(|s| s.device == super::OFFICIAL_DEVICE)
}

fn history_scope(key: &DocKey, communes: &HashMap<&str, &str>) -> DocScope {
    let unit = match key {
        DocKey::Unit(u) | DocKey::Assessment { unit: u, .. } => u,
        _ => return DocScope::default(),
    };
    let commune = match unit {
        UnitRef::Commune(c) => Some(c.clone()),
        UnitRef::Village(v) => communes.get(v.as_str()).map(|c| c.to_string()),
        _ => None,
    };
    DocScope {
        province: match unit {
            UnitRef::Province(p) => Some(p.clone()),
            _ => None,
        },
        commune,
    }
}

/// What importing a file would do: the plan of what its rule lets in, and apart from it
/// the plan of what its sender may not write (with the server's reason per history key),
/// each against the same data; nothing of the second is written unless chosen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlans {
    pub plan: MergePlan,
    pub outside: MergePlan,
    pub reasons: BTreeMap<String, Refusal>,
}

/// Plans `incoming` against `local` at `now_ms` by `rule`.
pub fn plan_import(
    local: &Dataset,
    incoming: &Dataset,
    now_ms: u64,
    rule: &ImportRule,
) -> ImportPlans {
    let known = merge::known_set(local);
    let reasons = match rule {
        ImportRule::Judged => BTreeMap::new(),
        ImportRule::Claims(sender, scope) => {
            let user = sender_account(sender, village_commune(incoming, local));
            let province = file_province(scope, incoming, local);
            outside(incoming, local, &user, province.as_deref())
        }
    };
    if reasons.is_empty() {
        return ImportPlans {
            plan: merge::plan_merge_at(local, incoming, known, now_ms),
            ..ImportPlans::default()
        };
    }
    let (inside, apart) = merge::partition(incoming, |k| reasons.contains_key(k));
    // What is set apart may use a set the file brings (sets are never set apart).
    let known_with_file = |id: &SetId| {
        known(id).or_else(|| {
            inside
                .sets
                .iter()
                .find(|r| r.data.set_id() == *id)
                .map(|r| r.data.clone())
        })
    };
    ImportPlans {
        outside: merge::plan_merge_at(local, &apart, known_with_file, now_ms),
        plan: merge::plan_merge_at(local, &inside, merge::known_set(local), now_ms),
        reasons,
    }
}
