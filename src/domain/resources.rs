//! Resources and works ("kết quả huy động nguồn lực, xây dựng hạ tầng"): quantities the
//! review reports give besides criteria — km of road built or widened, drains, land
//! donated, working days, money mobilised by source. Which quantities there are is data:
//! the built-in list (`data/quantities.json`, grouped as the reports group them) and the
//! quantities a province adds, which travel in files as records. One value per unit,
//! period and quantity, so two phones entering the same figure edit the same record.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::assessment::Period;
use super::profile::Lang;
use super::units::UnitRef;

/// A group of quantities, as the reports group them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantityGroup {
    pub id: String,
    pub name: String,
    pub name_en: String,
    /// Its figures add up to a total the reports give ("tổng vốn huy động"); km of road
    /// and km of drains do not.
    #[serde(default)]
    pub total: bool,
}

/// A quantity recorded per unit and period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    pub id: String,
    /// The id of its group ([`OTHER_GROUP`] for one of its own).
    pub group: String,
    pub name: String,
    /// The English name of a built-in quantity; a province's own have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// "km", "m²", "triệu đồng", "ngày công", "vườn".
    pub unit: String,
}

impl Quantity {
    pub fn label(&self, lang: Lang) -> &str {
        match &self.name_en {
            Some(en) => lang.pick(&self.name, en),
            None => &self.name,
        }
    }
}

/// The group of quantities a province adds that fit no built-in group.
pub const OTHER_GROUP: &str = "other";

#[derive(Deserialize)]
struct BuiltIn {
    groups: Vec<QuantityGroup>,
    quantities: Vec<Quantity>,
}

fn builtin() -> &'static BuiltIn {
    static DATA: OnceLock<BuiltIn> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(include_str!("data/quantities.json")).expect("built-in quantities")
    })
}

/// The groups, in report order, then "other".
pub fn groups() -> Vec<QuantityGroup> {
    let mut out = builtin().groups.clone();
    out.push(QuantityGroup {
        id: OTHER_GROUP.into(),
        name: "Khác".into(),
        name_en: "Other".into(),
        total: false,
    });
    out
}

/// The built-in quantities, in report order.
pub fn builtin_quantities() -> &'static [Quantity] {
    &builtin().quantities
}

/// Whether `id` names a built-in quantity (a file may not redefine one).
pub fn is_builtin_quantity(id: &str) -> bool {
    builtin_quantities().iter().any(|q| q.id == id)
}

/// The value of one quantity for one unit and period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceEntry {
    /// [`ResourceEntry::record_id`] of unit, period and quantity.
    pub id: String,
    pub unit: UnitRef,
    pub period: Period,
    pub quantity: String,
    pub value: f64,
    /// Where the figure comes from ("Báo cáo số 45/BC-UBND").
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
}

impl ResourceEntry {
    /// One record per unit, period and quantity on every device: "r-" and 24 hex digits
    /// of the SHA-256 of "unit key|period|quantity" (a village's key is too long for an id).
    pub fn record_id(unit: &UnitRef, period: Period, quantity: &str) -> String {
        let digest = Sha256::digest(format!("{}|{period}|{quantity}", unit.key()).as_bytes());
        let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        format!("r-{hex}")
    }

    /// Whether the id is the one its content gives (a file must not carry two records for
    /// one figure).
    pub fn id_matches(&self) -> bool {
        self.id == Self::record_id(&self.unit, self.period, &self.quantity)
    }
}

/// A quantity's total over a scope.
#[derive(Clone, Debug, PartialEq)]
pub struct Total {
    pub value: f64,
    /// Communes contributing a value.
    pub communes: usize,
    /// Of those, communes whose value is the sum of their villages' (no commune figure).
    pub from_villages: usize,
}

/// The totals of each quantity for the communes `in_scope`, for one period. A commune's
/// own figure is used when it has one (it already includes its villages); otherwise its
/// villages' figures are added, so nothing is counted twice. `commune_of` names the
/// commune of a village (`None` for a village not counted: hidden, unknown).
pub fn totals<'a>(
    entries: impl IntoIterator<Item = &'a ResourceEntry>,
    period: Period,
    in_scope: impl Fn(&str) -> bool,
    commune_of: impl Fn(&str) -> Option<String>,
) -> BTreeMap<String, Total> {
    // (quantity, commune) → (commune's own value, sum of its villages' values)
    let mut by_commune: HashMap<(String, String), (Option<f64>, Option<f64>)> = HashMap::new();
    for e in entries
        .into_iter()
        .filter(|e| e.period == period && e.value.is_finite())
    {
        let (commune, own) = match &e.unit {
            UnitRef::Commune(c) => (c.clone(), true),
            UnitRef::Village(v) => match commune_of(v) {
                Some(c) => (c, false),
                None => continue,
            },
            _ => continue,
        };
        if !in_scope(&commune) {
            continue;
        }
        let slot = by_commune.entry((e.quantity.clone(), commune)).or_default();
        if own {
            slot.0 = Some(e.value);
        } else {
            slot.1 = Some(slot.1.unwrap_or(0.0) + e.value);
        }
    }
    let mut out: BTreeMap<String, Total> = BTreeMap::new();
    for ((quantity, _), (own, villages)) in by_commune {
        let t = out.entry(quantity).or_insert(Total {
            value: 0.0,
            communes: 0,
            from_villages: 0,
        });
        t.communes += 1;
        match (own, villages) {
            (Some(v), _) => t.value += v,
            (None, Some(v)) => {
                t.value += v;
                t.from_villages += 1;
            }
            (None, None) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(unit: UnitRef, quantity: &str, value: f64) -> ResourceEntry {
        let period = Period::first_half(2020);
        ResourceEntry {
            id: ResourceEntry::record_id(&unit, period, quantity),
            unit,
            period,
            quantity: quantity.into(),
            value,
            source: String::new(),
            note: String::new(),
        }
    }

    #[test]
    fn builtin_list_is_grouped_and_unique() {
        let groups = groups();
        let mut ids = std::collections::HashSet::new();
        for q in builtin_quantities() {
            assert!(ids.insert(q.id.clone()), "{}", q.id);
            assert!(groups.iter().any(|g| g.id == q.group), "{}", q.group);
            assert!(crate::domain::sync::is_valid_id(&q.id));
        }
        assert!(is_builtin_quantity("road_upgraded") && !is_builtin_quantity("x"));
    }

    #[test]
    fn ids_follow_unit_period_and_quantity() {
        let a = entry(UnitRef::Commune("00001".into()), "drain", 1.0);
        assert!(a.id_matches());
        assert!(crate::domain::sync::is_valid_id(&a.id));
        let b = entry(
            UnitRef::Village("7c0e1f9a-3b7d-4c5e-9f00-0123456789ab".into()),
            "drain",
            1.0,
        );
        assert_ne!(a.id, b.id);
        assert!(crate::domain::sync::is_valid_id(&b.id));
    }

    #[test]
    fn a_commune_figure_is_not_added_to_its_villages() {
        let c1 = UnitRef::Commune("00001".into());
        let c2 = UnitRef::Commune("00002".into());
        let v = |id: &str| UnitRef::Village(id.into());
        let entries = vec![
            // Commune 1 entered its own total (which includes its villages).
            entry(c1.clone(), "road_upgraded", 10.5),
            entry(v("a"), "road_upgraded", 4.0),
            entry(v("b"), "road_upgraded", 6.5),
            // Commune 2 only has village figures.
            entry(v("c"), "road_upgraded", 3.25),
            entry(v("d"), "road_upgraded", 1.75),
            // Out of scope and out of period.
            entry(UnitRef::Commune("00009".into()), "road_upgraded", 100.0),
            ResourceEntry {
                period: Period::year(2020),
                ..entry(c2.clone(), "road_upgraded", 50.0)
            },
        ];
        let commune_of = |v: &str| {
            Some(
                match v {
                    "a" | "b" => "00001",
                    _ => "00002",
                }
                .to_string(),
            )
        };
        let t = totals(
            &entries,
            Period::first_half(2020),
            |c| c != "00009",
            commune_of,
        );
        assert_eq!(
            t["road_upgraded"],
            Total {
                value: 15.5,
                communes: 2,
                from_villages: 1
            }
        );
    }
}
