//! Versions of a criteria set: making them (a copy, an edit, settling parallel ones),
//! their ids, which are current, and what differs between two.
//!
//! A custom set's versions form a lineage under one id ([`CriteriaSet::id`]). A version's
//! id is its number and a hash of its content, so:
//! - two devices that edit the same version differently make two versions with different
//!   ids (never one id with two contents: that was how one village's marks came to be read
//!   against another village's criteria), shown side by side with their differences;
//! - two devices that make the same edit make the same version;
//! - a version's content cannot change under its id: a file that claims an id with other
//!   content is refused (`exchange` checks [`content_matches_id`]).

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use super::criteria::{CriteriaSet, Criterion, Indicator, SetProblem, Source};
use super::profile::Lang;

/// The id a custom set version must have: "<number>-<12 hex digits>", the hex being the
/// start of the SHA-256 of the RFC 8785 canonical JSON of the set with `version` empty and
/// `parents` left out (ancestry is not content: the same content reached two ways is the
/// same version). Anyone with a JCS library can compute it.
pub fn version_id(set: &CriteriaSet) -> String {
    let mut content = set.clone();
    content.version = String::new();
    content.parents = None;
    let text = serde_json_canonicalizer::to_string(&content).unwrap_or_default();
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{}-{hex}", set.number)
}

/// Who may publish versions of a criteria set lineage, read from the lineage id: sets made
/// from this version on carry their maker's unit (`p38-<uuid>` a province's, `c15772-<uuid>`
/// a commune's); a lineage without one (made earlier) is the province's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineageOwner {
    Province(String),
    Commune(String),
    /// Made before lineages named their maker: a province official publishes it.
    Unmarked,
}

pub fn lineage_owner(lineage: &str) -> LineageOwner {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((head, _)) = lineage.split_once('-') {
        if let Some(p) = head.strip_prefix('p').filter(|p| digits(p, 2)) {
            return LineageOwner::Province(p.to_string());
        }
        if let Some(c) = head.strip_prefix('c').filter(|c| digits(c, 5)) {
            return LineageOwner::Commune(c.to_string());
        }
    }
    LineageOwner::Unmarked
}

/// A new lineage id for a set made by `owner` (a province or commune unit), from a random
/// UUID: the maker's unit first, so the server knows who may publish its versions.
pub fn owned_lineage(owner: &super::units::UnitRef, uuid: &str) -> String {
    match owner {
        super::units::UnitRef::Province(p) => format!("p{p}-{uuid}"),
        super::units::UnitRef::Commune(c) => format!("c{c}-{uuid}"),
        super::units::UnitRef::District(_) | super::units::UnitRef::Village(_) => uuid.to_string(),
    }
}

/// Why an edit of a set was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// Built-in sets are read-only: make a copy to edit.
    BuiltinReadOnly,
    UnknownCriterion(String),
    UnknownIndicator(String),
    /// The edit would leave the set with these defects.
    Invalid(Vec<SetProblem>),
}

/// A new custom set copied from `base`, ready to edit: a new lineage `id` (made at
/// random by the caller: a domain function draws no random numbers), version 1, not built
/// in, remembering what it came from. Criteria and indicators keep their ids, so values
/// can be copied across by id.
pub fn derive_custom(base: &CriteriaSet, id: &str, code: &str, title: &str) -> CriteriaSet {
    let mut set = base.clone();
    set.id = id.to_string();
    set.code = code.to_string();
    set.title = title.to_string();
    set.number = 1;
    set.parents = Some(Vec::new());
    set.builtin = false;
    set.derived_from = Some(base.set_id());
    set.version = version_id(&set);
    set
}

/// One change to a custom set. Criteria and indicators are named by their stable ids.
#[derive(Clone, Debug, PartialEq)]
pub enum SetEdit {
    AddIndicator {
        criterion: String,
        indicator: Indicator,
    },
    /// Replaces the indicator with the same id (its code may change: renumbering).
    ReplaceIndicator {
        criterion: String,
        indicator: Indicator,
    },
    RemoveIndicator {
        criterion: String,
        indicator: String,
    },
    /// Renumbers and renames a criterion; its id, and so its marks, stay.
    EditCriterion {
        criterion: String,
        code: String,
        name: String,
        verified: bool,
        source: Source,
    },
    AddCriterion(Criterion),
}

/// Applies `edit` to a custom set and returns the next version (number + 1, made from
/// this one, with its own id); the original is untouched (assessments made with it keep
/// their version). Refuses built-in sets and any edit that would leave the set malformed.
pub fn apply_edit(set: &CriteriaSet, edit: SetEdit) -> Result<CriteriaSet, EditError> {
    if set.builtin {
        return Err(EditError::BuiltinReadOnly);
    }
    let mut next = set.clone();
    next.number = set.number + 1;
    next.parents = Some(vec![set.version.clone()]);
    let criterion_at = |next: &CriteriaSet, id: &str| -> Result<usize, EditError> {
        next.criteria
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| EditError::UnknownCriterion(id.to_string()))
    };
    match edit {
        SetEdit::AddIndicator {
            criterion,
            indicator,
        } => {
            let i = criterion_at(&next, &criterion)?;
            next.criteria[i].indicators.push(indicator);
        }
        SetEdit::ReplaceIndicator {
            criterion,
            indicator,
        } => {
            let i = criterion_at(&next, &criterion)?;
            let slot = next.criteria[i]
                .indicators
                .iter_mut()
                .find(|x| x.id == indicator.id)
                .ok_or_else(|| EditError::UnknownIndicator(indicator.id.clone()))?;
            *slot = indicator;
        }
        SetEdit::RemoveIndicator {
            criterion,
            indicator,
        } => {
            let i = criterion_at(&next, &criterion)?;
            let before = next.criteria[i].indicators.len();
            next.criteria[i].indicators.retain(|x| x.id != indicator);
            if next.criteria[i].indicators.len() == before {
                return Err(EditError::UnknownIndicator(indicator));
            }
        }
        SetEdit::EditCriterion {
            criterion,
            code,
            name,
            verified,
            source,
        } => {
            let i = criterion_at(&next, &criterion)?;
            let c = &mut next.criteria[i];
            c.code = super::text::clean(&code);
            c.name = super::text::clean(&name);
            c.verified = verified;
            c.source = source;
        }
        SetEdit::AddCriterion(c) => next.criteria.push(c),
    }
    let problems = next.problems();
    if !problems.is_empty() {
        return Err(EditError::Invalid(problems));
    }
    next.version = version_id(&next);
    Ok(next)
}

/// Whether a custom set's version id is the one its content gives (built-in sets have
/// fixed ids and are not checked here).
pub fn content_matches_id(set: &CriteriaSet) -> bool {
    set.builtin || set.version == version_id(set)
}

/// Every version of each lineage, by lineage id.
pub fn lineages<'a>(
    sets: impl IntoIterator<Item = &'a CriteriaSet>,
) -> BTreeMap<&'a str, Vec<&'a CriteriaSet>> {
    let mut out: BTreeMap<&str, Vec<&CriteriaSet>> = BTreeMap::new();
    for s in sets {
        out.entry(s.id.as_str()).or_default().push(s);
    }
    out
}

/// The version ids `v` was made from, directly or not, among `versions`.
fn ancestors(v: &CriteriaSet, versions: &[&CriteriaSet]) -> BTreeSet<String> {
    let by_id: BTreeMap<&str, &CriteriaSet> =
        versions.iter().map(|s| (s.version.as_str(), *s)).collect();
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = v.parents.clone().unwrap_or_default();
    while let Some(p) = todo.pop() {
        if seen.insert(p.clone()) {
            if let Some(parent) = by_id.get(p.as_str()) {
                todo.extend(parent.parents.clone().unwrap_or_default());
            }
        }
    }
    seen
}

/// The current versions of one lineage: those no other version was made from (directly or
/// not). Versions of unknown ancestry (made before schema version 2) are superseded by any
/// version with a greater number. Usually one; several when devices edited the same
/// version without seeing each other's edit. Sorted newest first (number, then id): the
/// first is the one offered by default.
pub fn heads<'a>(versions: &[&'a CriteriaSet]) -> Vec<&'a CriteriaSet> {
    let made_from: Vec<BTreeSet<String>> =
        versions.iter().map(|v| ancestors(v, versions)).collect();
    let mut out: Vec<&CriteriaSet> = versions
        .iter()
        .copied()
        .filter(|v| {
            !versions.iter().zip(&made_from).any(|(w, anc)| {
                w.version != v.version
                    && (anc.contains(&v.version) || (v.parents.is_none() && w.number > v.number))
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.number
            .cmp(&a.number)
            .then_with(|| b.version.cmp(&a.version))
    });
    out.dedup_by(|a, b| a.version == b.version);
    out
}

/// A version that ends parallel versions: `chosen`'s content, numbered after all of
/// them and made from all of them, so every device sees one current version again.
pub fn settle(chosen: &CriteriaSet, parallel: &[&CriteriaSet]) -> CriteriaSet {
    let mut next = chosen.clone();
    next.number = parallel
        .iter()
        .map(|s| s.number)
        .chain([chosen.number])
        .max()
        .unwrap_or(0)
        + 1;
    let mut parents: Vec<String> = parallel.iter().map(|s| s.version.clone()).collect();
    if !parents.contains(&chosen.version) {
        parents.push(chosen.version.clone());
    }
    parents.sort();
    next.parents = Some(parents);
    next.version = version_id(&next);
    next
}

/// One difference between two versions of a set, in the words of the second.
#[derive(Clone, Debug, PartialEq)]
pub enum SetChange {
    Title {
        before: String,
        after: String,
    },
    Code {
        before: String,
        after: String,
    },
    CriterionAdded {
        code: String,
        name: String,
    },
    CriterionRemoved {
        code: String,
        name: String,
    },
    /// Same criterion (same id), another number.
    CriterionRenumbered {
        name: String,
        before: String,
        after: String,
    },
    CriterionRenamed {
        code: String,
        before: String,
        after: String,
    },
    IndicatorAdded {
        criterion: String,
        code: String,
        text: String,
    },
    IndicatorRemoved {
        criterion: String,
        code: String,
        text: String,
    },
    /// Same indicator (same id): what changed in it (wording, number, kind, unit,
    /// thresholds), in words of both languages.
    IndicatorChanged {
        criterion: String,
        code: String,
        what: Vec<(String, String)>,
    },
}

fn indicator_changes(a: &Indicator, b: &Indicator) -> Vec<(String, String)> {
    let mut what = Vec::new();
    if a.code != b.code {
        what.push((
            format!("số {} → {}", a.code, b.code),
            format!("number {} → {}", a.code, b.code),
        ));
    }
    if a.text != b.text {
        what.push((
            format!("nội dung “{}”", b.text),
            format!("wording “{}”", b.text),
        ));
    }
    if a.kind != b.kind {
        what.push(("cách đánh giá".into(), "how it is judged".into()));
    }
    if a.unit != b.unit {
        what.push(("đơn vị tính".into(), "unit".into()));
    }
    if a.thresholds != b.thresholds {
        let values = |i: &Indicator| {
            i.thresholds
                .iter()
                .map(|t| super::format::format_number_short(t.value, 3))
                .collect::<Vec<_>>()
                .join("; ")
        };
        what.push((
            format!("ngưỡng {} → {}", values(a), values(b)),
            format!("thresholds {} → {}", values(a), values(b)),
        ));
    }
    if a.verified != b.verified || a.source != b.source {
        what.push(("nguồn, xác minh".into(), "source, verification".into()));
    }
    what
}

fn criterion_changes(a: &Criterion, b: &Criterion, out: &mut Vec<SetChange>) {
    if a.code != b.code {
        out.push(SetChange::CriterionRenumbered {
            name: b.name.clone(),
            before: a.code.clone(),
            after: b.code.clone(),
        });
    }
    if a.name != b.name {
        out.push(SetChange::CriterionRenamed {
            code: b.code.clone(),
            before: a.name.clone(),
            after: b.name.clone(),
        });
    }
    for i in &b.indicators {
        match a.indicators.iter().find(|x| x.id == i.id) {
            None => out.push(SetChange::IndicatorAdded {
                criterion: b.code.clone(),
                code: i.code.clone(),
                text: i.text.clone(),
            }),
            Some(old) => {
                let what = indicator_changes(old, i);
                if !what.is_empty() {
                    out.push(SetChange::IndicatorChanged {
                        criterion: b.code.clone(),
                        code: i.code.clone(),
                        what,
                    });
                }
            }
        }
    }
    for i in &a.indicators {
        if !b.indicators.iter().any(|x| x.id == i.id) {
            out.push(SetChange::IndicatorRemoved {
                criterion: b.code.clone(),
                code: i.code.clone(),
                text: i.text.clone(),
            });
        }
    }
}

/// What `b` changes compared with `a`, criterion by criterion (criteria and indicators
/// matched by their stable ids), in `b`'s order.
pub fn diff(a: &CriteriaSet, b: &CriteriaSet) -> Vec<SetChange> {
    let mut out = Vec::new();
    if a.title != b.title {
        out.push(SetChange::Title {
            before: a.title.clone(),
            after: b.title.clone(),
        });
    }
    if a.code != b.code {
        out.push(SetChange::Code {
            before: a.code.clone(),
            after: b.code.clone(),
        });
    }
    for c in &b.criteria {
        match a.criterion(&c.id) {
            None => out.push(SetChange::CriterionAdded {
                code: c.code.clone(),
                name: c.name.clone(),
            }),
            Some(old) => criterion_changes(old, c, &mut out),
        }
    }
    for c in &a.criteria {
        if b.criterion(&c.id).is_none() {
            out.push(SetChange::CriterionRemoved {
                code: c.code.clone(),
                name: c.name.clone(),
            });
        }
    }
    out
}

impl SetChange {
    /// The change in words: "Tiêu chí 3 (Điện): thêm chỉ tiêu 3.2 “…”".
    pub fn describe(&self, lang: Lang) -> String {
        let pick = |a: String, b: String| lang.pick(a, b);
        match self {
            SetChange::Title { before, after } => pick(
                format!("Tên bộ: “{before}” → “{after}”"),
                format!("Title: “{before}” → “{after}”"),
            ),
            SetChange::Code { before, after } => pick(
                format!("Mã bộ: {before} → {after}"),
                format!("Code: {before} → {after}"),
            ),
            SetChange::CriterionAdded { code, name } => pick(
                format!("Thêm tiêu chí {code} “{name}”"),
                format!("Criterion {code} “{name}” added"),
            ),
            SetChange::CriterionRemoved { code, name } => pick(
                format!("Bỏ tiêu chí {code} “{name}”"),
                format!("Criterion {code} “{name}” removed"),
            ),
            SetChange::CriterionRenumbered {
                name,
                before,
                after,
            } => pick(
                format!("Tiêu chí “{name}”: đổi số {before} → {after}"),
                format!("Criterion “{name}”: renumbered {before} → {after}"),
            ),
            SetChange::CriterionRenamed {
                code,
                before,
                after,
            } => pick(
                format!("Tiêu chí {code}: đổi tên “{before}” → “{after}”"),
                format!("Criterion {code}: renamed “{before}” → “{after}”"),
            ),
            SetChange::IndicatorAdded {
                criterion,
                code,
                text,
            } => pick(
                format!("Tiêu chí {criterion}: thêm chỉ tiêu {code} “{text}”"),
                format!("Criterion {criterion}: indicator {code} “{text}” added"),
            ),
            SetChange::IndicatorRemoved {
                criterion,
                code,
                text,
            } => pick(
                format!("Tiêu chí {criterion}: bỏ chỉ tiêu {code} “{text}”"),
                format!("Criterion {criterion}: indicator {code} “{text}” removed"),
            ),
            SetChange::IndicatorChanged {
                criterion,
                code,
                what,
            } => {
                let parts: Vec<&str> = what
                    .iter()
                    .map(|(v, e)| lang.pick(v.as_str(), e.as_str()))
                    .collect();
                pick(
                    format!(
                        "Tiêu chí {criterion}, chỉ tiêu {code}: sửa {}",
                        parts.join(", ")
                    ),
                    format!(
                        "Criterion {criterion}, indicator {code}: changed {}",
                        parts.join(", ")
                    ),
                )
            }
        }
    }
}
