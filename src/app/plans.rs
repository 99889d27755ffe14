//! A year's plan as the plans page types it: counts per item, the average criteria per
//! commune to reach, and the least criteria any commune may have. Gives the plan to save
//! (one record per scope and year: `Plan::record_id`) or why not.

use crate::domain::format::parse_decimal;
use crate::domain::plans::{Plan, PlanItem};
use crate::domain::stats::Scope;

/// What the plans form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanForm {
    pub counts: Vec<(PlanItem, String)>,
    /// "14,9".
    pub average: String,
    /// "10".
    pub minimum: String,
}

/// A field that does not read as its kind of number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadField {
    Count(PlanItem),
    Average,
    Minimum,
}

/// The plan of `scope` for `year` as typed; empty fields are not planned.
pub fn plan_from_form(scope: Scope, year: u16, form: &PlanForm) -> Result<Plan, BadField> {
    let mut targets = Vec::new();
    for (item, text) in &form.counts {
        if text.trim().is_empty() {
            continue;
        }
        let n = text
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= 100_000)
            .ok_or(BadField::Count(*item))?;
        targets.push((*item, n));
    }
    let average = match form.average.trim() {
        "" => None,
        a => Some(
            parse_decimal(a)
                .filter(|v| (0.0..=100.0).contains(v))
                .ok_or(BadField::Average)?,
        ),
    };
    let minimum = match form.minimum.trim() {
        "" => None,
        m => Some(
            m.parse::<u32>()
                .ok()
                .filter(|n| *n <= 100)
                .ok_or(BadField::Minimum)?,
        ),
    };
    Ok(Plan {
        id: Plan::record_id(&scope, year),
        scope,
        year,
        targets,
        average_criteria: average,
        min_criteria: minimum,
    })
}

/// The form filled from a saved plan (numbers written back the Vietnamese way).
pub fn form_of(plan: Option<&Plan>, items: &[PlanItem]) -> PlanForm {
    PlanForm {
        counts: items
            .iter()
            .map(|item| {
                let v = plan
                    .and_then(|p| p.targets.iter().find(|(i, _)| i == item))
                    .map(|(_, n)| n.to_string())
                    .unwrap_or_default();
                (*item, v)
            })
            .collect(),
        average: plan
            .and_then(|p| p.average_criteria)
            .map(|a| crate::domain::format::format_number_short(a, 2))
            .unwrap_or_default(),
        minimum: plan
            .and_then(|p| p.min_criteria)
            .map(|m| m.to_string())
            .unwrap_or_default(),
    }
}
