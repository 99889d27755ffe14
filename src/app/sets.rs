//! Criteria set versions as the sets pages use them: make a copy of a set to edit, save an
//! edit as a new version, settle parallel versions, count a set for a level on this device,
//! and give a set to a commune's villages. Typed fields are checked here (the same refused
//! characters as every typed name), so what a page saves is what a receiver accepts.

use crate::domain::criteria::{
    apply_edit, derive_custom, CriteriaSet, Criterion, EditError, Indicator, IndicatorKind,
    SetEdit, SetId, SetLevel, Source, Threshold, ThresholdScope,
};
use crate::domain::format::parse_decimal;
use crate::domain::keys::from_key;
use crate::domain::set_versions::settle;
use crate::domain::text::{typed, RefusedChar};
use crate::domain::units::{Unit, UnitRef};
use crate::domain::workspace::Workspace;
use crate::store::{Author, StoreError};

#[allow(async_fn_in_trait)]
/// What saving set versions needs from the device.
pub trait SetStore {
    /// Saves one version of a custom set (a record of its own, id `lineage@version`).
    async fn save_set(&self, set: CriteriaSet, author: &Author) -> Result<(), StoreError>;
    async fn save_unit(&self, unit: Unit, author: &Author) -> Result<(), StoreError>;
    /// Counts a lineage for a level on this device (a device setting, never in files).
    async fn set_adopted(&self, level: SetLevel, lineage: &str, on: bool)
        -> Result<(), StoreError>;
}

/// A typed field of the sets forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Code,
    Text,
    Name,
    Unit,
    Citation,
}

/// Why a form was not saved; nothing is written.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// A set code must be 1–40 letters, digits or underscores and not used by another set.
    Code,
    /// A required field is empty.
    Missing(Field),
    /// A threshold that is not a number (or a year that is not one).
    Number,
    Character {
        field: Field,
        character: RefusedChar,
    },
    Edit(EditError),
}

fn field(raw: &str, which: Field) -> Result<String, Refusal> {
    typed(raw).map_err(|character| Refusal::Character {
        field: which,
        character,
    })
}

fn required(raw: &str, which: Field) -> Result<String, Refusal> {
    let text = field(raw, which)?;
    if text.is_empty() {
        return Err(Refusal::Missing(which));
    }
    Ok(text)
}

/// Where a page goes after saving a version: that version's page.
pub fn set_path(set: &CriteriaSet) -> String {
    format!("/bo-tieu-chi/{}", set.set_id())
}

/// A new lineage id for a set made on a device whose user works in `home` (a village
/// head's sets are his commune's, `commune_of` says which): the maker's province or
/// commune first, so a sync server lets only its officials publish versions of it.
pub fn new_lineage(
    home: Option<&UnitRef>,
    commune_of: impl Fn(&UnitRef) -> Option<UnitRef>,
    uuid: &str,
) -> String {
    let owner = match home {
        Some(v @ UnitRef::Village(_)) => commune_of(v),
        other => other.cloned(),
    };
    match owner {
        Some(o) => crate::domain::set_versions::owned_lineage(&o, uuid),
        None => uuid.to_string(),
    }
}

/// A copy of `base` to edit, under a new random `lineage` (two devices that type the same
/// code still make two sets). `code` is upper-cased; `taken` are the codes in use.
pub fn copy_of(
    base: &CriteriaSet,
    taken: &[String],
    code: &str,
    title: &str,
    lineage: &str,
) -> Result<CriteriaSet, Refusal> {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty()
        || code.len() > 40
        || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        || taken.contains(&code)
    {
        return Err(Refusal::Code);
    }
    let title = required(title, Field::Title)?;
    Ok(derive_custom(base, lineage, &code, &title))
}

/// The next version of `set` with `edit` applied.
pub fn edited(set: &CriteriaSet, edit: SetEdit) -> Result<CriteriaSet, Refusal> {
    apply_edit(set, edit).map_err(Refusal::Edit)
}

/// One version made from all current versions of `set`'s lineage, with `set`'s content.
pub fn settled(ws: &Workspace, set: &CriteriaSet) -> CriteriaSet {
    let heads = ws.heads(&set.id);
    settle(set, &heads)
}

/// The indicator form as typed.
#[derive(Clone, Debug, Default)]
pub struct IndicatorForm {
    pub code: String,
    pub text: String,
    pub kind: Option<IndicatorKind>,
    pub unit: String,
    pub threshold: String,
    /// "all", "r:<region>" or "g:<group>" (the keys of the scope picker).
    pub scope: String,
    pub year: String,
    pub citation: String,
    pub verified: bool,
}

/// The scope picker's key of a threshold scope.
pub fn scope_key(scope: ThresholdScope) -> String {
    use crate::domain::keys::key;
    match scope {
        ThresholdScope::All => "all".into(),
        ThresholdScope::Region(r) => format!("r:{}", key(&r)),
        ThresholdScope::Group(g) => format!("g:{}", key(&g)),
    }
}

fn scope_of(key: &str) -> Option<ThresholdScope> {
    if let Some(r) = key.strip_prefix("r:") {
        from_key(r).map(ThresholdScope::Region)
    } else if let Some(g) = key.strip_prefix("g:") {
        from_key(g).map(ThresholdScope::Group)
    } else {
        (key == "all" || key.is_empty()).then_some(ThresholdScope::All)
    }
}

/// The edit adding the typed indicator to `criterion`, with the new indicator's `id`.
pub fn indicator_added(
    criterion: &str,
    form: &IndicatorForm,
    id: String,
) -> Result<SetEdit, Refusal> {
    let code = required(&form.code, Field::Code)?;
    let text = required(&form.text, Field::Text)?;
    let citation = required(&form.citation, Field::Citation)?;
    let unit = field(&form.unit, Field::Unit)?;
    let kind = form.kind.unwrap_or(IndicatorKind::PercentAtLeast);
    let source = Source {
        citation,
        url: None,
        note: None,
    };
    let mut thresholds = vec![];
    if kind.is_numeric() {
        let value = parse_decimal(&form.threshold).ok_or(Refusal::Number)?;
        let year = match form.year.trim() {
            "" => None,
            y => Some(y.parse::<u16>().map_err(|_| Refusal::Number)?),
        };
        thresholds.push(Threshold {
            scope: scope_of(&form.scope).ok_or(Refusal::Number)?,
            year,
            value,
            source: source.clone(),
            verified: form.verified,
        });
    }
    Ok(SetEdit::AddIndicator {
        criterion: criterion.to_string(),
        indicator: Indicator {
            id,
            code,
            text,
            kind,
            unit: (!unit.is_empty()).then_some(unit),
            thresholds,
            source,
            verified: form.verified,
        },
    })
}

/// The edit adding a criterion typed as code, name and source, with the new `id`.
pub fn criterion_added(
    code: &str,
    name: &str,
    citation: &str,
    id: String,
) -> Result<SetEdit, Refusal> {
    Ok(SetEdit::AddCriterion(Criterion {
        id,
        code: required(code, Field::Code)?,
        name: required(name, Field::Name)?,
        group: None,
        indicators: vec![],
        auto: None,
        source: Source {
            citation: required(citation, Field::Citation)?,
            url: None,
            note: None,
        },
        verified: false,
    }))
}

/// The edit renumbering and renaming `criterion` (its id, and so its marks, stay).
pub fn criterion_renamed(
    criterion: &Criterion,
    code: &str,
    name: &str,
) -> Result<SetEdit, Refusal> {
    Ok(SetEdit::EditCriterion {
        criterion: criterion.id.clone(),
        code: required(code, Field::Code)?,
        name: required(name, Field::Name)?,
        verified: criterion.verified,
        source: criterion.source.clone(),
    })
}

/// Saves a new version; returns the page to show it on.
pub async fn save_version(
    store: &impl SetStore,
    set: CriteriaSet,
    author: &Author,
) -> Result<String, StoreError> {
    let path = set_path(&set);
    store.save_set(set, author).await?;
    Ok(path)
}

/// The communes of the workspace a village set can be given to: (code, name, has it).
pub fn village_set_choices(ws: &Workspace, set: &SetId) -> Vec<(String, String, bool)> {
    ws.units
        .iter()
        .filter(|u| ws.is_live(u))
        .filter_map(|u| match &u.data {
            Unit::Commune(c) => Some((
                c.code.clone(),
                c.name.clone(),
                c.village_set.as_ref() == Some(set),
            )),
            _ => None,
        })
        .collect()
}

/// Gives `set` to the villages of commune `code`: the commune records it, and this device
/// counts the lineage for "thôn NTM" (a commune counts its villages by the set it gave).
pub async fn use_for_villages(
    store: &impl SetStore,
    ws: &Workspace,
    code: &str,
    set: &CriteriaSet,
    author: &Author,
) -> Result<(), StoreError> {
    let Some(Unit::Commune(mut commune)) = ws
        .unit(&UnitRef::Commune(code.to_string()))
        .map(|u| u.data.clone())
    else {
        return Err(StoreError::Other(format!("no commune {code}")));
    };
    commune.village_set = Some(set.set_id());
    store.save_unit(Unit::Commune(commune), author).await?;
    store.set_adopted(SetLevel::ThonNtm, &set.id, true).await
}
