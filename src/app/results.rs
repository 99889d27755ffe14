//! Recording what the reports count beside marks, as the unit page does it: a step
//! towards recognition (registration, appraisal, decision, withdrawal), a resource or
//! works figure for a period, a quantity of the province's own. Each gives the record to
//! save (one edit of the store) or why not, field by field; nothing is written on refusal.

use chrono::NaiveDate;

use crate::domain::assessment::Period;
use crate::domain::criteria::SetLevel;
use crate::domain::format::parse_decimal;
use crate::domain::recognition::{fits, Recognition, Step};
use crate::domain::resources::{groups, Quantity, ResourceEntry, OTHER_GROUP};
use crate::domain::text::{typed, typed_note, RefusedChar};
use crate::domain::units::{clean_unit_name, UnitError, UnitRef};

/// A field of the results forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Step,
    Level,
    TargetYear,
    Date,
    DecisionNo,
    Issuer,
    Note,
    Value,
    Source,
    Name,
    Unit,
}

/// Why a form was not saved.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    Missing(Field),
    /// Not a date, not a year, not a number (or a negative one).
    Invalid(Field),
    /// A date after today on this phone, or before the programme (2010).
    DateOutOfRange,
    /// A commune level for a village or the reverse.
    LevelDoesNotFit,
    Character {
        field: Field,
        character: RefusedChar,
    },
}

fn text(raw: &str, field: Field) -> Result<String, Refusal> {
    typed(raw).map_err(|character| Refusal::Character { field, character })
}

fn note(raw: &str, field: Field) -> Result<String, Refusal> {
    typed_note(raw).map_err(|character| Refusal::Character { field, character })
}

/// The recognition form as typed (`date` as a date input gives it: "2025-12-22").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepForm {
    pub step: Option<Step>,
    pub level: Option<SetLevel>,
    pub target_year: String,
    pub date: String,
    pub decision_no: String,
    pub issuer: String,
    pub note: String,
}

/// The levels a step may be recorded for on `unit`.
pub fn levels_for(unit: &UnitRef) -> Vec<SetLevel> {
    use strum::VariantArray;
    SetLevel::VARIANTS
        .iter()
        .copied()
        .filter(|l| fits(*l, unit))
        .collect()
}

/// The step recorded by `form` for `unit`, with a new random `id`. A decision or a
/// withdrawal needs its number; a registration its target year; every step its date, not
/// after `today` (the phone's date: a wrong clock is caught at the file's receiver too).
pub fn step_recorded(
    unit: &UnitRef,
    form: &StepForm,
    today: NaiveDate,
    id: String,
) -> Result<Recognition, Refusal> {
    let step = form.step.ok_or(Refusal::Missing(Field::Step))?;
    let level = form.level.ok_or(Refusal::Missing(Field::Level))?;
    if !fits(level, unit) {
        return Err(Refusal::LevelDoesNotFit);
    }
    let target_year = match (step, form.target_year.trim()) {
        (Step::Registered, "") => return Err(Refusal::Missing(Field::TargetYear)),
        (Step::Registered, y) => match y.parse::<u16>() {
            Ok(y) if (2010..=2100).contains(&y) => Some(y),
            _ => return Err(Refusal::Invalid(Field::TargetYear)),
        },
        _ => None,
    };
    let date = match form.date.trim() {
        "" => return Err(Refusal::Missing(Field::Date)),
        d => crate::domain::format::parse_date(d).ok_or(Refusal::Invalid(Field::Date))?,
    };
    let earliest = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default();
    if date > today || date < earliest {
        return Err(Refusal::DateOutOfRange);
    }
    let decision_no = text(&form.decision_no, Field::DecisionNo)?;
    if matches!(step, Step::Recognised | Step::Withdrawn) && decision_no.is_empty() {
        return Err(Refusal::Missing(Field::DecisionNo));
    }
    Ok(Recognition {
        id,
        unit: unit.clone(),
        level,
        step,
        target_year,
        date,
        decision_no,
        issuer: text(&form.issuer, Field::Issuer)?,
        note: note(&form.note, Field::Note)?,
    })
}

/// What entering a figure does.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureChange {
    Set(ResourceEntry),
    /// The value was emptied: the figure is hidden (archived, as every removal is).
    Clear(ResourceEntry),
    /// Nothing to do (empty and there was no figure).
    None,
}

/// The figure of `quantity` for `unit` and `period` as typed ("15,5"; Vietnamese or
/// English decimal mark), given the one it replaces.
pub fn figure_entered(
    unit: &UnitRef,
    period: Period,
    quantity: &Quantity,
    value: &str,
    source: &str,
    note_text: &str,
    current: Option<&ResourceEntry>,
) -> Result<FigureChange, Refusal> {
    let source = text(source, Field::Source)?;
    let note_text = note(note_text, Field::Note)?;
    if value.trim().is_empty() {
        return Ok(match current {
            Some(c) => FigureChange::Clear(c.clone()),
            None => FigureChange::None,
        });
    }
    let value = parse_decimal(value)
        .filter(|v| v.is_finite() && *v >= 0.0 && *v <= 1e12)
        .ok_or(Refusal::Invalid(Field::Value))?;
    Ok(FigureChange::Set(ResourceEntry {
        id: ResourceEntry::record_id(unit, period, &quantity.id),
        unit: unit.clone(),
        period,
        quantity: quantity.id.clone(),
        value,
        source,
        note: note_text,
    }))
}

/// A quantity of the province's own, with a new random `id`; `group` is a group id
/// (unknown ones go to "other").
pub fn quantity_added(
    name: &str,
    unit: &str,
    group: &str,
    id: String,
) -> Result<Quantity, Refusal> {
    // Named by the rule of every shown name (units': typed, 1–120 characters, no markup).
    let name = clean_unit_name(name).map_err(|e| match e {
        UnitError::HiddenCharacter(character) => Refusal::Character {
            field: Field::Name,
            character,
        },
        UnitError::EmptyName => Refusal::Missing(Field::Name),
        _ => Refusal::Invalid(Field::Name),
    })?;
    let unit = text(unit, Field::Unit)?;
    if unit.is_empty() {
        return Err(Refusal::Missing(Field::Unit));
    }
    if unit.contains(['<', '>']) || unit.chars().count() > 40 {
        return Err(Refusal::Invalid(Field::Unit));
    }
    let group = if groups().iter().any(|g| g.id == group) {
        group.to_string()
    } else {
        OTHER_GROUP.to_string()
    };
    Ok(Quantity {
        id,
        group,
        name,
        name_en: None,
        unit,
    })
}
