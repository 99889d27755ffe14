//! The access contract of a province's sync database (issue 30): which documents exist,
//! what each must hold, and who may write it — decided from the document's identity (its
//! `_id`, and for a change or a deletion the stored document's), never from the fields a
//! sender fills in. Every field that names a unit must agree with the identity.
//!
//! One rule in three places: the server runs it as `docs/couchdb/validate_doc_update.js`
//! (a test runs that file in Node on thousands of generated documents × roles and requires
//! this module's verdict: `tests/access_contract.rs`), the native tests' in-memory server
//! runs [`verdict`], and a phone checks what it pulls with [`check_document`] before
//! merging it, as it checks a file.
//!
//! What a document must hold is what a file's record must hold (`exchange::check`: types,
//! ids, codes, lengths, refused characters, a set's version from its content, a resource's
//! id from its unit), but the checks against a clock: a stamp from a phone whose date is
//! ahead is the receiving phone's to refuse, line by line, as from a file.

mod ids;
mod roles;
pub mod senders;

pub use ids::{
    lineage_owner, owned_lineage, plan_scope, unit_from_key, DocKey, Item, LineageOwner,
};
pub use roles::{Role, UserCtx};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::check::{Checker, MAX_NOTE};
use crate::domain::assessment::Assessment;
use crate::domain::couch_docs::{body_stamp, DocBody, ValueDoc};
use crate::domain::profile::Lang;
use crate::domain::sync::Stamp;
use crate::domain::units::{official_list_stamp, Unit, UnitRef};

/// The device name of the official list's records (`units::official_list_stamp`).
pub const OFFICIAL_DEVICE: &str = "danh-muc-chinh-thuc";
/// History entries one document may carry (a value edited this often is not real data).
pub const MAX_DOC_HISTORY: usize = 10_000;
/// The fields a document may have: ours, and CouchDB's own on a write.
const FIELDS: [&str; 7] = [
    "_id",
    "_rev",
    "_revisions",
    "_deleted",
    "scope",
    "body",
    "history",
];

/// Who may write a document: a province's official only, or also a commune's (its
/// official's account), or also a village's head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    Province,
    Commune(String),
    Village { commune: String, village: String },
}

/// Why a write is refused (the server's reason, in Vietnamese, is [`Refusal::message`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Refusal {
    /// The account is not one of this province's.
    NotMember { province: String },
    /// The account reads the province and writes nothing.
    ReadOnly,
    /// Not a document of the format: its envelope, id, types or a field (detail, with
    /// the field's path).
    Invalid(String),
    /// A field naming a unit disagrees with the document's identity.
    UnitMismatch { field: String },
    /// The document is another province's.
    OtherProvince { province: String },
    /// A stamp names the official list's device but is not the official list's record.
    OfficialStamp,
    /// A deletion of a revision the server does not hold.
    DeletionOfNothing,
    /// Province-level data: its officials only.
    ProvinceLevel,
    /// Another commune's data.
    OtherCommune { commune: String },
    /// A village head writing outside his village.
    OtherVillage,
}

/// The first words of every [`Refusal::Invalid`] message (the Node test tells field
/// refusals by them, as their detail is worded by each side).
pub const INVALID_PREFIX: &str = "Dữ liệu không hợp lệ";

impl Refusal {
    /// The reason as the server gives it (the same words in the JavaScript rules).
    pub fn message(&self) -> String {
        match self {
            Refusal::NotMember { province } => format!(
                "Tài khoản không thuộc tỉnh {province}: không được ghi vào cơ sở dữ liệu này."
            ),
            Refusal::ReadOnly => "Tài khoản chỉ được xem dữ liệu, không được ghi.".into(),
            Refusal::Invalid(detail) => format!("{INVALID_PREFIX}: {detail}"),
            Refusal::UnitMismatch { field } => {
                format!("Đơn vị ghi ở {field} không khớp với mã tài liệu.")
            }
            Refusal::OtherProvince { province } => {
                format!("Dữ liệu của tỉnh {province}, không thuộc cơ sở dữ liệu này.")
            }
            Refusal::OfficialStamp => {
                "Chỉ bản ghi của danh mục chính thức được mang tên máy “danh-muc-chinh-thuc”."
                    .into()
            }
            Refusal::DeletionOfNothing => "Không có phiên bản nào để xoá.".into(),
            Refusal::ProvinceLevel => "Chỉ cán bộ tỉnh được ghi dữ liệu cấp tỉnh.".into(),
            Refusal::OtherCommune { commune } => {
                format!("Chỉ được ghi dữ liệu của xã mình (xã {commune}).")
            }
            Refusal::OtherVillage => "Trưởng thôn chỉ được ghi dữ liệu của thôn mình.".into(),
        }
    }
}

/// A document that passed [`check_document`]: what it is, its content, who may write it.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub key: DocKey,
    pub doc: ValueDoc,
    pub owner: Owner,
}

/// What the server decides for one write (`validate_doc_update`): `new` as sent (with
/// CouchDB's `_rev`, `_revisions`, `_deleted`), `old` the revision it replaces when the
/// server holds one, `province` the database's (written into its rules at setup).
pub fn verdict(
    new: &Value,
    old: Option<&Value>,
    user: &UserCtx,
    province: &str,
) -> Result<(), Refusal> {
    if user.is_admin() {
        return Ok(());
    }
    if !user.belongs_to(province) {
        return Err(Refusal::NotMember {
            province: province.into(),
        });
    }
    if !user.writes_something() {
        return Err(Refusal::ReadOnly);
    }
    let official = user.is_official_of(province);
    let old = old.filter(|o| o.get("_deleted") != Some(&Value::Bool(true)));
    if new.get("_deleted") == Some(&Value::Bool(true)) {
        let fields = new.as_object().map(|o| {
            o.keys()
                .all(|k| ["_id", "_rev", "_revisions", "_deleted"].contains(&k.as_str()))
        });
        if fields != Some(true) {
            return Err(Refusal::Invalid(
                "một bản xoá chỉ gồm _id, _rev, _revisions và _deleted".into(),
            ));
        }
        let old = old.ok_or(Refusal::DeletionOfNothing)?;
        // What is deleted is what the server holds: its owner decides. One the rules
        // cannot read (written by an administrator) only a province official deletes.
        return match check_document(old, Some(province)) {
            Ok(c) => may_write(user, official, &c.owner),
            Err(_) if official => Ok(()),
            Err(_) => Err(Refusal::ProvinceLevel),
        };
    }
    let checked = check_document(new, Some(province))?;
    if let Some(old) = old {
        match check_document(old, Some(province)) {
            Ok(c) => may_write(user, official, &c.owner)?,
            Err(_) if official => {}
            Err(_) => return Err(Refusal::ProvinceLevel),
        }
    }
    may_write(user, official, &checked.owner)
}

/// Whether `user` may write what `owner` owns in `province` (`None`: data of no one
/// province, such as an unmarked set lineage: any province's official).
pub fn may_write_in(user: &UserCtx, province: Option<&str>, owner: &Owner) -> Result<(), Refusal> {
    let official = match province {
        Some(p) => user.is_official_of(p),
        None => user.roles().any(|r| matches!(r, Role::ProvinceOfficial(_))),
    };
    may_write(user, official, owner)
}

fn may_write(user: &UserCtx, official: bool, owner: &Owner) -> Result<(), Refusal> {
    if official {
        return Ok(());
    }
    let (commune, village) = match owner {
        Owner::Province => return Err(Refusal::ProvinceLevel),
        Owner::Commune(c) => (c, None),
        Owner::Village { commune, village } => (commune, Some(village)),
    };
    if user.writes_commune(commune) || village.is_some_and(|v| user.heads_village(commune, v)) {
        return Ok(());
    }
    if user.heads_a_village() {
        return Err(Refusal::OtherVillage);
    }
    Err(Refusal::OtherCommune {
        commune: commune.clone(),
    })
}

/// Checks one document as the server's rules and a phone's pull do: the envelope, the id,
/// every text, the types and fields (as a file's record), and that every field naming a
/// unit agrees with the id; says who may write it. `province`: the database's, when known.
pub fn check_document(raw: &Value, province: Option<&str>) -> Result<Checked, Refusal> {
    let invalid = |s: &str| Refusal::Invalid(s.to_string());
    let object = raw
        .as_object()
        .ok_or_else(|| invalid("tài liệu không phải một đối tượng JSON"))?;
    if let Some(k) = object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(Refusal::Invalid(format!(
            "trường “{}” không có trong định dạng",
            super::check::truncate(k)
        )));
    }
    let id = object
        .get("_id")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("thiếu _id"))?;
    let key = DocKey::parse(id).ok_or_else(|| invalid("mã tài liệu không đúng quy tắc"))?;
    texts("", raw)?;
    let mut bare = raw.clone();
    if let Some(o) = bare.as_object_mut() {
        for k in ["_rev", "_revisions", "_deleted"] {
            o.remove(k);
        }
    }
    let doc: ValueDoc = serde_json::from_value(bare.clone()).map_err(|e| {
        let shape = super::check::Problem::Shape(e.to_string()).message(Lang::Vi);
        Refusal::Invalid(format!("sai kiểu dữ liệu: {shape}"))
    })?;
    // serde also reads a struct from an array of its fields; the format has objects.
    let written = serde_json::to_value(&doc).unwrap_or(Value::Null);
    let mut arrays = array_for_object("", &bare, &written);
    for (i, h) in doc.history.iter().enumerate() {
        for (field, v) in [("old", &h.old), ("new", &h.new)] {
            if let Some(v) = v {
                let written = super::check::written_value(&h.target, v).unwrap_or(Value::Null);
                arrays = arrays
                    .or_else(|| array_for_object(&format!("history[{i}].{field}"), v, &written));
            }
        }
    }
    if let Some(path) = arrays {
        return Err(Refusal::Invalid(format!("{path}: cần một đối tượng JSON")));
    }
    if doc.history.len() > MAX_DOC_HISTORY {
        return Err(Refusal::Invalid(format!(
            "history: quá {MAX_DOC_HISTORY} mục"
        )));
    }
    fields(&doc)?;
    let owner = identity::owner(&doc, &key, province)?;
    official_stamps(&doc, &key)?;
    Ok(Checked { key, doc, owner })
}

/// Where `raw` has an array that the app writes as an object (`written`).
fn array_for_object(path: &str, raw: &Value, written: &Value) -> Option<String> {
    match (raw, written) {
        (Value::Array(_), Value::Object(_)) => Some(path.to_string()),
        (Value::Object(r), Value::Object(w)) => r.iter().find_map(|(k, x)| {
            w.get(k)
                .and_then(|y| array_for_object(&format!("{path}.{k}"), x, y))
        }),
        (Value::Array(r), Value::Array(w)) => r
            .iter()
            .zip(w)
            .enumerate()
            .find_map(|(i, (x, y))| array_for_object(&format!("{path}[{i}]"), x, y)),
        _ => None,
    }
}

/// Every string of the document (keys too): at most [`MAX_NOTE`] characters, no refused
/// character (line breaks and tabs allowed; names are checked for them as fields).
fn texts(path: &str, v: &Value) -> Result<(), Refusal> {
    let check = |path: &str, s: &str| {
        if s.chars().count() > MAX_NOTE {
            return Err(Refusal::Invalid(format!(
                "{path}: dài quá {MAX_NOTE} ký tự"
            )));
        }
        if let Some(r) = crate::domain::text::first_refused(s, true) {
            return Err(Refusal::Invalid(format!("{path}: {}", r.message(Lang::Vi))));
        }
        Ok(())
    };
    match v {
        Value::String(s) => check(path, s),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, x)| texts(&format!("{path}[{i}]"), x)),
        Value::Object(map) => map.iter().try_for_each(|(k, x)| {
            let here = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            check(&here, k)?;
            texts(&here, x)
        }),
        _ => Ok(()),
    }
}

/// The fields of the document's value and history, as a file's are checked (no clock).
fn fields(doc: &ValueDoc) -> Result<(), Refusal> {
    let mut c = Checker::new(u64::MAX);
    if let Some(p) = &doc.scope.province {
        c.code("scope.province", p, 2);
    }
    if let Some(x) = &doc.scope.commune {
        c.code("scope.commune", x, 5);
    }
    let p = "body.data";
    let assessment = |c: &mut Checker, a: Assessment| {
        let used = [a.key.set.to_string()].into_iter().collect();
        c.assessment(p, &a, &used);
    };
    match &doc.body {
        DocBody::Unit(r) => c.unit(p, r),
        DocBody::OcopProduct(r) => c.product(p, r),
        DocBody::OcopRating(r) => c.rating(p, r),
        DocBody::Plan(r) => c.plan(p, r),
        DocBody::Set(r) => c.set(p, r),
        DocBody::Recognition(r) => c.recognition(p, r),
        DocBody::Quantity(r) => c.quantity(p, r),
        DocBody::Resource(r) => c.resource(p, r),
        DocBody::Assessment(k) => assessment(&mut c, Assessment::new(k.clone())),
        DocBody::Mark {
            key,
            criterion,
            mark,
        } => {
            let mut a = Assessment::new(key.clone());
            a.marks.insert(criterion.clone(), mark.clone());
            assessment(&mut c, a);
        }
        DocBody::Value {
            key,
            indicator,
            value,
        } => {
            let mut a = Assessment::new(key.clone());
            a.values.insert(indicator.clone(), value.clone());
            assessment(&mut c, a);
        }
        DocBody::History => {}
    }
    for (i, h) in doc.history.iter().enumerate() {
        c.history(&format!("history[{i}]"), h);
    }
    match c.errors.into_iter().next() {
        Some(e) => Err(Refusal::Invalid(e.message(Lang::Vi))),
        None => Ok(()),
    }
}

/// The official list's device name is only on the official list's own records (a
/// province's or commune's), with exactly its stamp: older than any edit, it never wins
/// over one. On anything else it would be a forged name.
pub(super) fn official_stamps(doc: &ValueDoc, key: &DocKey) -> Result<(), Refusal> {
    let listed = matches!(
        key,
        DocKey::Unit(UnitRef::Province(_)) | DocKey::Unit(UnitRef::Commune(_))
    );
    let official = official_list_stamp();
    let ok = |s: &Stamp| s.device != OFFICIAL_DEVICE || (listed && *s == official);
    let body = body_stamp(&doc.body);
    let history = doc.history.iter().flat_map(|h| {
        std::iter::once(&h.stamp)
            .chain(h.reverts.iter())
            .chain(h.base.iter().flatten())
    });
    if body.into_iter().chain(history).all(ok) {
        Ok(())
    } else {
        Err(Refusal::OfficialStamp)
    }
}

/// Whether a document holds only what the official list gives every phone (a province or
/// commune record no one edited): phones never send these, each has its own.
pub fn is_official_reference(doc: &ValueDoc) -> bool {
    let official = |s: &Stamp| s.device == OFFICIAL_DEVICE;
    matches!(&doc.body, DocBody::Unit(r) if official(&r.stamp) && !matches!(r.data, Unit::Village(_)))
        && doc.history.iter().all(|h| official(&h.stamp))
}

mod identity;
