//! Criteria sets (bộ tiêu chí) as versioned data. Built-in sets ship as JSON files beside
//! this module, transcribed from `shared/domain/criteria-tables.md`; every criterion,
//! indicator and threshold carries its source and a verified flag. Where the official text
//! was not available the set says so (no indicator, or `verified: false`) instead of
//! guessing. Users derive custom sets to add or correct indicators; every saved edit of a
//! custom set makes a new version, so assessments keep pointing at the version they used.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::profile::Lang;
use super::units::{CommuneGroup, Region};

/// Which kind of unit a set scores and at what level.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
pub enum SetLevel {
    XaNtm,
    XaNangCao,
    XaKieuMau,
    XaNtmHienDai,
    ThonNtm,
    ThonKieuMau,
    Custom,
}

impl SetLevel {
    pub fn name_vi(self) -> &'static str {
        match self {
            SetLevel::XaNtm => "Xã nông thôn mới",
            SetLevel::XaNangCao => "Xã nông thôn mới nâng cao",
            SetLevel::XaKieuMau => "Xã nông thôn mới kiểu mẫu",
            SetLevel::XaNtmHienDai => "Xã nông thôn mới hiện đại",
            SetLevel::ThonNtm => "Thôn nông thôn mới",
            SetLevel::ThonKieuMau => "Thôn nông thôn mới kiểu mẫu",
            SetLevel::Custom => "Bộ tiêu chí riêng",
        }
    }

    /// True for sets that score villages rather than communes.
    pub fn is_village_level(self) -> bool {
        matches!(self, SetLevel::ThonNtm | SetLevel::ThonKieuMau)
    }
}

/// What thresholds vary by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdDimension {
    /// The 7 regions (2016–2020, 2021–2025), plus "chỉ tiêu chung".
    Regions,
    /// The 3 commune groups (2026–2030).
    CommuneGroups,
    None,
}

/// Where a fact comes from: a citation people can look up, and optionally the page read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Source {
    pub fn is_given(&self) -> bool {
        !self.citation.trim().is_empty()
    }
}

/// How an indicator's value is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// Đạt / không đạt, entered as yes/no.
    PassFail,
    PercentAtLeast,
    PercentAtMost,
    NumberAtLeast,
    NumberAtMost,
    CountAtLeast,
    /// Free text (e.g. a plan's decision number); never judged automatically.
    Text,
}

impl IndicatorKind {
    /// True for kinds compared with a numeric threshold.
    pub fn is_numeric(self) -> bool {
        !matches!(self, IndicatorKind::PassFail | IndicatorKind::Text)
    }

    pub fn is_percent(self) -> bool {
        matches!(
            self,
            IndicatorKind::PercentAtLeast | IndicatorKind::PercentAtMost
        )
    }

    /// True when larger values are better (the threshold is a minimum).
    pub fn at_least(self) -> bool {
        matches!(
            self,
            IndicatorKind::PercentAtLeast
                | IndicatorKind::NumberAtLeast
                | IndicatorKind::CountAtLeast
        )
    }
}

/// Which units a threshold applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdScope {
    /// Every unit ("chỉ tiêu chung"), unless a more specific threshold exists.
    All,
    Region(Region),
    Group(CommuneGroup),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub scope: ThresholdScope,
    /// The year it applies to, for thresholds that change yearly (income); none = every year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    pub value: f64,
    pub source: Source,
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable inside the set's lineage: values are keyed by it, so renumbering the
    /// indicator never moves a value. Built-in sets use the code.
    pub id: String,
    /// The chỉ tiêu code within its set as people write it, e.g. "10.1".
    pub code: String,
    pub text: String,
    pub kind: IndicatorKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default)]
    pub thresholds: Vec<Threshold>,
    pub source: Source,
    /// Whether the wording and kind were checked against the legal text.
    pub verified: bool,
}

/// A criterion whose outcome is not entered but follows from another result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AutoCondition {
    /// Met when the commune has reached NTM nâng cao in the same period (QĐ 319).
    NangCaoAchieved,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Stable inside the set's lineage: marks are keyed by it, so renumbering or renaming
    /// the criterion never moves a mark to another criterion. Built-in sets use the code.
    pub id: String,
    /// The tiêu chí number within its set as people write it, e.g. "17".
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto: Option<AutoCondition>,
    pub source: Source,
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaGroup {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearRange {
    pub from: u16,
    pub to: u16,
}

/// Identifies one version of a set: assessments store this, never a code (a code is a
/// label people type, and two devices may type the same one).
/// `id` names the set's lineage: fixed for built-in sets (their code), made at random
/// when a device creates a set ("legacy-CODE" for sets made before schema version 2).
/// `version` names one version in it: "1" for built-ins, "<number>-<hash of the
/// content>" for custom sets ([`super::set_versions::version_id`]), so two different
/// versions can never share an id, whoever made them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetId {
    pub id: String,
    pub version: String,
}

impl fmt::Display for SetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.id, self.version)
    }
}

impl std::str::FromStr for SetId {
    type Err = ();

    /// Reads "id@version" as [`SetId`]'s `Display` writes it.
    fn from_str(s: &str) -> Result<Self, ()> {
        let (id, version) = s.split_once('@').ok_or(())?;
        if id.is_empty() || version.is_empty() || version.contains('@') {
            return Err(());
        }
        Ok(SetId {
            id: id.into(),
            version: version.into(),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaSet {
    /// The lineage (see [`SetId`]).
    pub id: String,
    /// This version's id within the lineage (see [`SetId`]).
    pub version: String,
    /// The version's number as people count them: one more than the version it was made
    /// from. Two devices editing the same version both make a number 2; their ids differ.
    pub number: u32,
    /// The versions this one was made from (empty for a first version). Absent for
    /// versions made before schema version 2, whose ancestry is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parents: Option<Vec<String>>,
    /// A short label people type ("QD318_2022_XA", "THON_TINH_X"); not an identity.
    pub code: String,
    pub title: String,
    pub legal_basis: String,
    pub period: YearRange,
    pub level: SetLevel,
    pub dimension: ThresholdDimension,
    #[serde(default)]
    pub groups: Vec<CriteriaGroup>,
    pub criteria: Vec<Criterion>,
    pub source: Source,
    pub builtin: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<SetId>,
    /// What is known to be missing or unverified, shown with the set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A defect in a set's data, found by [`CriteriaSet::problems`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SetProblem {
    EmptyCode,
    /// A criterion or indicator without an id, or with characters an id cannot have.
    BadItemId(String),
    DuplicateCriterion(String),
    DuplicateIndicator(String),
    UnknownGroup {
        criterion: String,
        group: String,
    },
    /// A threshold on an indicator that is not compared with a number.
    ThresholdOnNonNumeric(String),
    ThresholdWithoutSource(String),
    /// A threshold scoped to a region in a set that varies by group, or vice versa.
    ScopeNotInDimension(String),
    PercentOutOfRange {
        indicator: String,
        value: f64,
    },
    NotFinite(String),
    MissingSource(String),
    /// A text of the set, criterion or indicator with this code holds a refused character
    /// (`text::is_refused`).
    HiddenCharacter {
        item: String,
        character: super::text::RefusedChar,
    },
}

/// Whether `id` is acceptable as a criterion or indicator id (or code): 1–20 ASCII
/// letters, digits, '.', '-' or '_' ("17", "3.x1", "k9f2c01ab3e").
pub fn is_valid_item_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 20
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_')
}

impl CriteriaSet {
    /// This version's identity, as assessments name it.
    pub fn set_id(&self) -> SetId {
        SetId {
            id: self.id.clone(),
            version: self.version.clone(),
        }
    }

    /// "Bộ tiêu chí thôn (THON_X) · phiên bản 2": how people tell versions apart.
    pub fn label(&self, lang: Lang) -> String {
        let version = lang.pick("phiên bản", "version");
        format!("{} ({}) · {version} {}", self.title, self.code, self.number)
    }

    /// The criterion with the stable id `id`.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The criterion people number `code` in this version.
    pub fn criterion_by_code(&self, code: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.code == code)
    }

    /// The indicator with the stable id `id`, with its criterion.
    pub fn indicator(&self, id: &str) -> Option<(&Criterion, &Indicator)> {
        self.indicators().find(|(_, i)| i.id == id)
    }

    pub fn indicators(&self) -> impl Iterator<Item = (&Criterion, &Indicator)> {
        self.criteria
            .iter()
            .flat_map(|c| c.indicators.iter().map(move |i| (c, i)))
    }

    /// Every defect in the set's data; empty for a well-formed set.
    pub fn problems(&self) -> Vec<SetProblem> {
        let mut out = Vec::new();
        self.hidden_characters(&mut out);
        if self.code.trim().is_empty() {
            out.push(SetProblem::EmptyCode);
        }
        if !self.source.is_given() {
            out.push(SetProblem::MissingSource(self.code.clone()));
        }
        let mut criteria = std::collections::HashSet::new();
        let mut criterion_ids = std::collections::HashSet::new();
        let mut indicators = std::collections::HashSet::new();
        let mut indicator_ids = std::collections::HashSet::new();
        for c in &self.criteria {
            if !is_valid_item_id(&c.id) {
                out.push(SetProblem::BadItemId(c.code.clone()));
            }
            if !criteria.insert(c.code.as_str()) || !criterion_ids.insert(c.id.as_str()) {
                out.push(SetProblem::DuplicateCriterion(c.code.clone()));
            }
            if let Some(g) = &c.group {
                if !self.groups.iter().any(|x| &x.id == g) {
                    out.push(SetProblem::UnknownGroup {
                        criterion: c.code.clone(),
                        group: g.clone(),
                    });
                }
            }
            if !c.source.is_given() {
                out.push(SetProblem::MissingSource(c.code.clone()));
            }
            for i in &c.indicators {
                if !is_valid_item_id(&i.id) {
                    out.push(SetProblem::BadItemId(i.code.clone()));
                }
                if !indicators.insert(i.code.as_str()) || !indicator_ids.insert(i.id.as_str()) {
                    out.push(SetProblem::DuplicateIndicator(i.code.clone()));
                }
                if !i.source.is_given() {
                    out.push(SetProblem::MissingSource(i.code.clone()));
                }
                for t in &i.thresholds {
                    if !i.kind.is_numeric() {
                        out.push(SetProblem::ThresholdOnNonNumeric(i.code.clone()));
                    }
                    if !t.source.is_given() {
                        out.push(SetProblem::ThresholdWithoutSource(i.code.clone()));
                    }
                    if !t.value.is_finite() {
                        out.push(SetProblem::NotFinite(i.code.clone()));
                    } else if i.kind.is_percent() && !(0.0..=100.0).contains(&t.value) {
                        out.push(SetProblem::PercentOutOfRange {
                            indicator: i.code.clone(),
                            value: t.value,
                        });
                    }
                    let fits = matches!(
                        (t.scope, self.dimension),
                        (ThresholdScope::All, _)
                            | (ThresholdScope::Region(_), ThresholdDimension::Regions)
                            | (ThresholdScope::Group(_), ThresholdDimension::CommuneGroups)
                    );
                    if !fits {
                        out.push(SetProblem::ScopeNotInDimension(i.code.clone()));
                    }
                }
            }
        }
        out
    }
}

impl CriteriaSet {
    /// Every text of the set checked against the one list of refused characters, so a set
    /// typed here is never refused by the device it is sent to.
    fn hidden_characters(&self, out: &mut Vec<SetProblem>) {
        let mut check = |item: &str, text: &str, multiline: bool| {
            if let Some(r) = super::text::first_refused(text.trim(), multiline) {
                out.push(SetProblem::HiddenCharacter {
                    item: item.to_string(),
                    character: r,
                });
            }
        };
        let source = |check: &mut dyn FnMut(&str, &str, bool), item: &str, s: &Source| {
            check(item, &s.citation, false);
            if let Some(n) = &s.note {
                check(item, n, true);
            }
            if let Some(u) = &s.url {
                check(item, u, false);
            }
        };
        let set = self.code.as_str();
        check(set, &self.code, false);
        check(set, &self.title, false);
        check(set, &self.legal_basis, true);
        if let Some(n) = &self.notes {
            check(set, n, true);
        }
        source(&mut check, set, &self.source);
        for g in &self.groups {
            check(set, &g.name, false);
        }
        for c in &self.criteria {
            check(&c.code, &c.code, false);
            check(&c.code, &c.name, false);
            source(&mut check, &c.code, &c.source);
            for i in &c.indicators {
                check(&i.code, &i.code, false);
                check(&i.code, &i.text, false);
                if let Some(u) = &i.unit {
                    check(&i.code, u, false);
                }
                source(&mut check, &i.code, &i.source);
                for t in &i.thresholds {
                    source(&mut check, &i.code, &t.source);
                }
            }
        }
    }
}

impl ThresholdScope {
    /// Which units a threshold applies to, in words: "Mức chung", "Bắc Trung Bộ", "Nhóm 2".
    pub fn label(self, lang: Lang) -> String {
        match self {
            ThresholdScope::All => lang.pick("Mức chung", "All units").into(),
            ThresholdScope::Region(r) => r.name(lang).into(),
            ThresholdScope::Group(g) => g.name(lang).into(),
        }
    }
}

impl SetProblem {
    /// The defect in words, for the set editor.
    pub fn message(&self, lang: Lang) -> String {
        let (a, b) = match self {
            SetProblem::EmptyCode => (
                "mã bộ tiêu chí trống".into(),
                "the set code is empty".into(),
            ),
            SetProblem::BadItemId(c) => (
                format!("{c}: mã định danh không hợp lệ"),
                format!("{c}: invalid id"),
            ),
            SetProblem::DuplicateCriterion(c) => (
                format!("tiêu chí {c} bị trùng"),
                format!("criterion {c} appears twice"),
            ),
            SetProblem::DuplicateIndicator(c) => (
                format!("chỉ tiêu {c} bị trùng"),
                format!("indicator {c} appears twice"),
            ),
            SetProblem::UnknownGroup { criterion, group } => (
                format!("tiêu chí {criterion} thuộc nhóm “{group}” không có"),
                format!("criterion {criterion} is in an unknown group “{group}”"),
            ),
            SetProblem::ThresholdOnNonNumeric(c) => (
                format!("chỉ tiêu {c} không phải số nên không có ngưỡng"),
                format!("indicator {c} is not a number, so it cannot have a threshold"),
            ),
            SetProblem::ThresholdWithoutSource(c) => (
                format!("ngưỡng của chỉ tiêu {c} chưa ghi nguồn"),
                format!("a threshold of indicator {c} has no source"),
            ),
            SetProblem::ScopeNotInDimension(c) => (
                format!("ngưỡng của chỉ tiêu {c} không khớp cách phân vùng của bộ (vùng/nhóm xã)"),
                format!("a threshold of indicator {c} does not match the set's regions or groups"),
            ),
            SetProblem::PercentOutOfRange { indicator, value } => (
                format!("ngưỡng {value} của chỉ tiêu {indicator} ngoài 0–100 %"),
                format!("threshold {value} of indicator {indicator} is outside 0–100 %"),
            ),
            SetProblem::NotFinite(c) => (
                format!("ngưỡng của chỉ tiêu {c} không phải là số"),
                format!("a threshold of indicator {c} is not a number"),
            ),
            SetProblem::HiddenCharacter { item, character } => (
                format!("{item}: {}", character.message(Lang::Vi)),
                format!("{item}: {}", character.message(Lang::En)),
            ),
            SetProblem::MissingSource(c) => (
                format!("{c}: chưa ghi nguồn"),
                format!("{c}: no source given"),
            ),
        };
        lang.pick(a, b)
    }
}

pub use super::set_versions::{apply_edit, derive_custom, EditError, SetEdit};

/// The built-in sets, parsed from the JSON files shipped with the app. Parsed once: the
/// workspace is rebuilt after every edit and asks for them each time.
pub fn builtin_sets() -> Vec<CriteriaSet> {
    static PARSED: std::sync::OnceLock<Vec<CriteriaSet>> = std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| {
            BUILTIN_JSON
                .iter()
                .map(|(name, json)| {
                    serde_json::from_str(json)
                        .unwrap_or_else(|e| panic!("built-in criteria set {name}: {e}"))
                })
                .collect()
        })
        .clone()
}

const BUILTIN_JSON: [(&str, &str); 6] = [
    (
        "QD51_2025_XA",
        include_str!("criteria_data/QD51_2025_XA.json"),
    ),
    (
        "QD318_2022_XA",
        include_str!("criteria_data/QD318_2022_XA.json"),
    ),
    (
        "QD318_2022_XA_NANG_CAO",
        include_str!("criteria_data/QD318_2022_XA_NANG_CAO.json"),
    ),
    (
        "QD319_2022_XA_KIEU_MAU",
        include_str!("criteria_data/QD319_2022_XA_KIEU_MAU.json"),
    ),
    (
        "QD1980_2016_XA",
        include_str!("criteria_data/QD1980_2016_XA.json"),
    ),
    (
        "MAU_THON_NTM",
        include_str!("criteria_data/MAU_THON_NTM.json"),
    ),
];

/// Whether `id` is the lineage of a built-in set. Reserved: no file can add a version to
/// it, and no custom set can take it.
pub fn is_builtin_lineage(id: &str) -> bool {
    BUILTIN_JSON.iter().any(|(name, _)| *name == id)
}
