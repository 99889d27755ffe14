//! Administrative units: provinces (2-digit code), communes (5-digit code; xã / phường /
//! đặc khu), villages (our own ids) and, for data from before 7/2025, legacy districts
//! (3-digit code). Since 1/7/2025 there is no district tier; communes may keep their old
//! district for historical reports.
//!
//! The 2021–2025 thresholds depend on a commune's region (7 regions) and the 2026–2030
//! ones on its commune group (1/2/3). Neither can be derived from the new provinces, so
//! both are stored on the commune and set by the user.

use serde::{Deserialize, Serialize};

use super::text;

/// The 7 socio-economic regions used by the 2016–2020 and 2021–2025 thresholds.
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
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Region {
    /// Trung du và miền núi phía Bắc
    Tdmnpb,
    /// Đồng bằng sông Hồng
    Dbsh,
    /// Bắc Trung Bộ
    Btb,
    /// Duyên hải Nam Trung Bộ
    Dhntb,
    /// Tây Nguyên
    Tn,
    /// Đông Nam Bộ
    Dnb,
    /// Đồng bằng sông Cửu Long
    Dbscl,
}

impl Region {
    pub fn name_vi(self) -> &'static str {
        match self {
            Region::Tdmnpb => "Trung du và miền núi phía Bắc",
            Region::Dbsh => "Đồng bằng sông Hồng",
            Region::Btb => "Bắc Trung Bộ",
            Region::Dhntb => "Duyên hải Nam Trung Bộ",
            Region::Tn => "Tây Nguyên",
            Region::Dnb => "Đông Nam Bộ",
            Region::Dbscl => "Đồng bằng sông Cửu Long",
        }
    }

    pub fn name(self, lang: super::profile::Lang) -> &'static str {
        lang.pick(self.name_vi(), self.name_en())
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Region::Tdmnpb => "Northern midlands and mountains",
            Region::Dbsh => "Red River Delta",
            Region::Btb => "North Central Coast",
            Region::Dhntb => "South Central Coast",
            Region::Tn => "Central Highlands",
            Region::Dnb => "Southeast",
            Region::Dbscl => "Mekong River Delta",
        }
    }
}

/// The commune groups of QĐ 51/2025/QĐ-TTg (2026–2030). Nhóm 1: near-urban or agriculture
/// under 10 %; nhóm 3: khu vực II/III in ethnic-minority and mountain areas; nhóm 2: others.
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
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CommuneGroup {
    Nhom1,
    Nhom2,
    Nhom3,
}

impl CommuneGroup {
    pub fn name_vi(self) -> &'static str {
        match self {
            CommuneGroup::Nhom1 => "Nhóm 1",
            CommuneGroup::Nhom2 => "Nhóm 2",
            CommuneGroup::Nhom3 => "Nhóm 3",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            CommuneGroup::Nhom1 => "Group 1",
            CommuneGroup::Nhom2 => "Group 2",
            CommuneGroup::Nhom3 => "Group 3",
        }
    }

    pub fn name(self, lang: super::profile::Lang) -> &'static str {
        lang.pick(self.name_vi(), self.name_en())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommuneKind {
    Xa,
    Phuong,
    DacKhu,
}

impl CommuneKind {
    pub fn name_vi(self) -> &'static str {
        match self {
            CommuneKind::Xa => "Xã",
            CommuneKind::Phuong => "Phường",
            CommuneKind::DacKhu => "Đặc khu",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum VillageKind {
    Thon,
    Ban,
    Ap,
    KhuDanCu,
    ToDanPho,
}

impl VillageKind {
    pub fn name_vi(self) -> &'static str {
        match self {
            VillageKind::Thon => "Thôn",
            VillageKind::Ban => "Bản",
            VillageKind::Ap => "Ấp",
            VillageKind::KhuDanCu => "Khu dân cư",
            VillageKind::ToDanPho => "Tổ dân phố",
        }
    }
}

/// Why a code or name was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitError {
    /// The code does not have the required number of digits (2, 3 or 5).
    BadCode {
        code: String,
        digits: usize,
    },
    EmptyName,
    NameTooLong,
    BadId(String),
    /// `<` or `>`: names are shown as text everywhere; no unit name needs them, so they
    /// are refused rather than ever reaching a place that might read them as markup.
    Markup,
    /// A village merged into itself.
    SelfMerge,
    /// A control character or an invisible formatting mark (see `text::is_refused`).
    HiddenCharacter(text::RefusedChar),
}

/// Longest unit name accepted (the longest official name is well under this).
pub const MAX_UNIT_NAME: usize = 120;

fn check_code(code: &str, digits: usize) -> Result<(), UnitError> {
    if code.len() == digits && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(UnitError::BadCode {
            code: code.to_string(),
            digits,
        })
    }
}

pub fn check_province_code(code: &str) -> Result<(), UnitError> {
    check_code(code, 2)
}

pub fn check_district_code(code: &str) -> Result<(), UnitError> {
    check_code(code, 3)
}

pub fn check_commune_code(code: &str) -> Result<(), UnitError> {
    check_code(code, 5)
}

/// The words a village name may start with that say what kind of place it is, folded
/// (longest first): "Thôn Nậm Củm", "Bản Nậm Củm" and "nam cum" are the same village.
const PLACE_PREFIXES: [&str; 8] = [
    "khu dan cu ",
    "to dan pho ",
    "thon ",
    "ban ",
    "ap ",
    "xom ",
    "khu ",
    "to ",
];

/// The form in which two unit names are compared to find a unit added twice: without
/// case, diacritics, extra spaces or a leading "Thôn / Bản / Ấp / Xóm / Khu / Tổ".
pub fn name_key(name: &str) -> String {
    let folded = text::fold(name);
    for p in PLACE_PREFIXES {
        if let Some(rest) = folded.strip_prefix(p) {
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
    }
    folded
}

/// Normalises a unit name (NFC, trimmed, single spaces) and checks its length.
pub fn clean_unit_name(raw: &str) -> Result<String, UnitError> {
    let name = text::typed(raw).map_err(UnitError::HiddenCharacter)?;
    if name.is_empty() {
        return Err(UnitError::EmptyName);
    }
    if name.chars().count() > MAX_UNIT_NAME {
        return Err(UnitError::NameTooLong);
    }
    if name.contains(['<', '>']) {
        return Err(UnitError::Markup);
    }
    Ok(name)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    pub code: String,
    pub name: String,
}

/// A district as it was before 1/7/2025, kept for historical reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegacyDistrict {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commune {
    pub code: String,
    pub name: String,
    pub kind: CommuneKind,
    pub province_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy_district: Option<LegacyDistrict>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<CommuneGroup>,
    /// The criteria set the commune's villages are assessed with by default (chosen by
    /// the commune; travels in files so village heads start with it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub village_set: Option<super::criteria::SetId>,
    #[serde(default)]
    pub archived: bool,
}

impl Commune {
    pub fn validate(&self) -> Result<(), UnitError> {
        check_commune_code(&self.code)?;
        check_province_code(&self.province_code)?;
        if let Some(d) = &self.legacy_district {
            check_district_code(&d.code)?;
            clean_unit_name(&d.name)?;
        }
        clean_unit_name(&self.name).map(|_| ())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Village {
    /// Our own id: villages have no national code.
    pub id: String,
    pub commune_code: String,
    pub name: String,
    pub kind: VillageKind,
    /// Set when this village was found to be the same as another of its commune (two
    /// people added it separately): the id of the one kept. A merge is an edit of this
    /// record, so it travels; figures count the kept village only, with the values of
    /// both (see `Workspace`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    #[serde(default)]
    pub archived: bool,
}

impl Village {
    pub fn validate(&self) -> Result<(), UnitError> {
        if !super::sync::is_valid_id(&self.id) {
            return Err(UnitError::BadId(self.id.clone()));
        }
        if let Some(into) = &self.merged_into {
            if into == &self.id {
                return Err(UnitError::SelfMerge);
            }
            if !super::sync::is_valid_id(into) {
                return Err(UnitError::BadId(into.clone()));
            }
        }
        check_commune_code(&self.commune_code)?;
        clean_unit_name(&self.name).map(|_| ())
    }
}

/// Which village each merged village is kept as, by unit key ("village:<id>" →
/// "village:<kept id>"; villages not merged are absent). Follows `merged_into` to a
/// village that was not merged; a pointer to a village that is not here, or of another
/// commune, is not followed; in a cycle (two devices merged two villages each into the
/// other) the smallest id is kept. A function of the records alone, so every device that
/// holds the same records agrees, whatever order they arrived in.
pub fn kept_villages(
    units: &[super::sync::Record<Unit>],
) -> std::collections::HashMap<String, String> {
    use std::collections::HashMap;
    let villages: HashMap<&str, &Village> = units
        .iter()
        .filter_map(|u| match &u.data {
            Unit::Village(v) => Some((v.id.as_str(), v)),
            _ => None,
        })
        .collect();
    fn next<'a>(villages: &HashMap<&'a str, &'a Village>, v: &Village) -> Option<&'a str> {
        let (id, target) = villages.get_key_value(v.merged_into.as_deref()?)?;
        (target.commune_code == v.commune_code).then_some(*id)
    }
    let mut out = HashMap::new();
    for v in villages.values() {
        if next(&villages, v).is_none() {
            continue;
        }
        let mut path: Vec<&str> = vec![v.id.as_str()];
        let mut at = *v;
        let kept = loop {
            match next(&villages, at) {
                None => break at.id.as_str(),
                Some(n) => {
                    if let Some(start) = path.iter().position(|p| *p == n) {
                        break path[start..].iter().copied().min().unwrap_or(n);
                    }
                    path.push(n);
                    at = villages[n];
                }
            }
        };
        if kept != v.id {
            out.insert(
                UnitRef::Village(v.id.clone()).key(),
                UnitRef::Village(kept.to_string()).key(),
            );
        }
    }
    out
}

/// The stamp of a province or commune record taken from the official list (at first run,
/// or "Thêm xã"): the same on every device and older than any edit, so two devices that
/// add the same commune hold the same record, and any real edit of it (a region, the set
/// its villages use, a new name) wins over it instead of being overwritten by a later
/// first run elsewhere.
pub fn official_list_stamp() -> super::sync::Stamp {
    super::sync::Stamp {
        hlc: super::sync::Hlc {
            wall_ms: 1_420_070_400_000, // 2015-01-01, the earliest stamp a file may carry
            counter: 0,
        },
        device: "danh-muc-chinh-thuc".into(),
        author: "Danh mục chính thức".into(),
    }
}

/// A reference to any unit, as assessments, plans and statistics name them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(
    tag = "level",
    content = "id",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum UnitRef {
    Province(String),
    /// A district as it was before 1/7/2025.
    District(String),
    Commune(String),
    Village(String),
}

/// What evaluating a unit needs to know about it: which thresholds apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThresholdContext {
    pub region: Option<Region>,
    pub group: Option<CommuneGroup>,
}

impl From<&Commune> for ThresholdContext {
    fn from(c: &Commune) -> Self {
        Self {
            region: c.region,
            group: c.group,
        }
    }
}

#[cfg(test)]
#[path = "units_tests.rs"]
mod tests;

/// Any unit the user keeps, as stored: one kind of record for the whole tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "unit",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum Unit {
    Province(Province),
    Commune(Commune),
    Village(Village),
}

impl Unit {
    /// The reference other records use for this unit.
    pub fn unit_ref(&self) -> UnitRef {
        match self {
            Unit::Province(p) => UnitRef::Province(p.code.clone()),
            Unit::Commune(c) => UnitRef::Commune(c.code.clone()),
            Unit::Village(v) => UnitRef::Village(v.id.clone()),
        }
    }

    /// The unit above this one in the tree (none for a province).
    pub fn parent(&self) -> Option<UnitRef> {
        match self {
            Unit::Province(_) => None,
            Unit::Commune(c) => Some(UnitRef::Province(c.province_code.clone())),
            Unit::Village(v) => Some(UnitRef::Commune(v.commune_code.clone())),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Unit::Province(p) => &p.name,
            Unit::Commune(c) => &c.name,
            Unit::Village(v) => &v.name,
        }
    }

    pub fn archived(&self) -> bool {
        match self {
            Unit::Province(_) => false,
            Unit::Commune(c) => c.archived,
            Unit::Village(v) => v.archived,
        }
    }

    pub fn validate(&self) -> Result<(), UnitError> {
        match self {
            Unit::Province(p) => {
                check_province_code(&p.code)?;
                clean_unit_name(&p.name).map(|_| ())
            }
            Unit::Commune(c) => c.validate(),
            Unit::Village(v) => v.validate(),
        }
    }
}

impl UnitRef {
    /// A string key for storage and URLs: "province:38", "commune:15889", "village:<id>".
    pub fn key(&self) -> String {
        match self {
            UnitRef::Province(c) => format!("province:{c}"),
            UnitRef::District(c) => format!("district:{c}"),
            UnitRef::Commune(c) => format!("commune:{c}"),
            UnitRef::Village(id) => format!("village:{id}"),
        }
    }

    /// Reads a key made by [`UnitRef::key`]; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Self> {
        let (level, id) = key.split_once(':')?;
        if !super::sync::is_valid_id(id) {
            return None;
        }
        Some(match level {
            "province" => UnitRef::Province(id.to_string()),
            "district" => UnitRef::District(id.to_string()),
            "commune" => UnitRef::Commune(id.to_string()),
            "village" => UnitRef::Village(id.to_string()),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn unit_keys_round_trip_and_refuse_junk() {
        for r in [
            UnitRef::Province("38".into()),
            UnitRef::Commune("15889".into()),
            UnitRef::Village("a-b_1".into()),
        ] {
            assert_eq!(UnitRef::from_key(&r.key()), Some(r));
        }
        assert_eq!(UnitRef::from_key("commune"), None);
        assert_eq!(UnitRef::from_key("town:1"), None);
        assert_eq!(UnitRef::from_key("village:<x>"), None);
    }

    #[test]
    fn the_tree_runs_village_to_commune_to_province() {
        let v = Unit::Village(Village {
            id: "v1".into(),
            commune_code: "15889".into(),
            name: "Thôn Đông".into(),
            kind: VillageKind::Thon,
            merged_into: None,
            archived: false,
        });
        assert_eq!(v.parent(), Some(UnitRef::Commune("15889".into())));
        assert_eq!(v.unit_ref().key(), "village:v1");
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["kind"], "village");
        assert_eq!(serde_json::from_value::<Unit>(json).unwrap(), v);
    }
}
