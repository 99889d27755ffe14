//! Yearly plans: how many communes a scope registered to reach each level, villages, OCOP
//! products; progress = achieved ÷ registered ("đạt 94 % kế hoạch").

use serde::{Deserialize, Serialize};

use super::stats::Scope;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum PlanItem {
    CommunesNtm,
    CommunesNangCao,
    CommunesKieuMau,
    VillagesNtm,
    OcopProducts,
}

impl PlanItem {
    pub fn name_vi(self) -> &'static str {
        match self {
            PlanItem::CommunesNtm => "Xã đạt chuẩn nông thôn mới",
            PlanItem::CommunesNangCao => "Xã đạt chuẩn nông thôn mới nâng cao",
            PlanItem::CommunesKieuMau => "Xã đạt chuẩn nông thôn mới kiểu mẫu",
            PlanItem::VillagesNtm => "Thôn đạt chuẩn nông thôn mới",
            PlanItem::OcopProducts => "Sản phẩm OCOP (3 sao trở lên)",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    pub scope: Scope,
    pub year: u16,
    /// Registered (planned) count per item; items not planned are absent.
    pub targets: Vec<(PlanItem, u32)>,
    /// "Phấn đấu bình quân 14,9 tiêu chí/xã" (file schema 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_criteria: Option<f64>,
    /// "Không còn xã dưới 10 tiêu chí": no commune under this many criteria (schema 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_criteria: Option<u32>,
}

impl Plan {
    /// The record id of a scope's plan for a year ("province-38-2026"): one plan per
    /// scope and year on every device, so two devices planning the same year edit the same
    /// record. (Record ids cannot hold ':', so it is not the scope's key.)
    pub fn record_id(scope: &Scope, year: u16) -> String {
        format!("{}-{year}", scope.key().replace(':', "-"))
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    pub item: PlanItem,
    pub achieved: u32,
    pub registered: u32,
    /// achieved ÷ registered in percent; `None` when nothing was registered.
    pub percent: Option<f64>,
}

/// "Đạt 94 % kế hoạch" / "94 % of plan".
pub fn progress_text(percent: f64, lang: super::profile::Lang) -> String {
    let p = super::format::format_percent(percent);
    lang.pick(format!("Đạt {p} kế hoạch"), format!("{p} of plan"))
}

/// Progress on each planned item, given what was achieved.
pub fn progress(plan: &Plan, achieved: impl Fn(PlanItem) -> u32) -> Vec<Progress> {
    plan.targets
        .iter()
        .map(|&(item, registered)| {
            let got = achieved(item);
            Progress {
                item,
                achieved: got,
                registered,
                percent: (registered > 0).then(|| f64::from(got) * 100.0 / f64::from(registered)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::format::format_percent;

    #[test]
    fn progress_is_achieved_over_registered() {
        let plan = Plan {
            id: "p1".into(),
            scope: Scope::Province("19".into()),
            year: 2020,
            targets: vec![(PlanItem::CommunesNtm, 50), (PlanItem::OcopProducts, 0)],
            average_criteria: None,
            min_criteria: None,
        };
        let p = progress(&plan, |item| match item {
            PlanItem::CommunesNtm => 47,
            _ => 3,
        });
        assert_eq!(
            p[0].percent.map(format_percent).as_deref(),
            Some("94\u{a0}%")
        );
        assert_eq!(
            p[1].percent, None,
            "nothing registered: no ratio, not a division by zero"
        );
    }
}
