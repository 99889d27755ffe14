//! Changes to the unit tree as the units page makes them: a commune added from the official
//! list, a village added, a unit renamed. Each gives the record to save (one edit of the
//! store) or why not; hiding and merging are saved as they are (`Store::save_record`,
//! `Store::merge_villages`).

use crate::domain::catalog::CatalogCommune;
use crate::domain::units::{
    clean_unit_name, Commune, Unit, UnitError, UnitRef, Village, VillageKind,
};
use crate::domain::workspace::Workspace;

/// A commune of the official list added under `province_code`; `None` if the province
/// already has it (hidden or not).
pub fn commune_added(ws: &Workspace, province_code: &str, picked: CatalogCommune) -> Option<Unit> {
    let key = UnitRef::Commune(picked.code.clone()).key();
    let province = UnitRef::Province(province_code.to_string());
    if ws.children(&province, true).iter().any(|c| c.id == key) || ws.unit_name(&key).is_some() {
        return None;
    }
    Some(Unit::Commune(Commune {
        code: picked.code,
        name: picked.name,
        kind: picked.kind,
        province_code: province_code.to_string(),
        legacy_district: None,
        region: None,
        group: None,
        village_set: None,
        archived: false,
    }))
}

/// A new village of commune `commune_code` named as typed, with a new random `id`.
pub fn village_added(
    commune_code: &str,
    typed_name: &str,
    kind: VillageKind,
    id: String,
) -> Result<Unit, UnitError> {
    Ok(Unit::Village(Village {
        id,
        commune_code: commune_code.to_string(),
        name: clean_unit_name(typed_name)?,
        kind,
        merged_into: None,
        archived: false,
    }))
}

/// `unit` under the typed name.
pub fn renamed(unit: &Unit, typed_name: &str) -> Result<Unit, UnitError> {
    let name = clean_unit_name(typed_name)?;
    let mut data = unit.clone();
    match &mut data {
        Unit::Province(p) => p.name = name,
        Unit::Commune(c) => c.name = name,
        Unit::Village(v) => v.name = name,
    }
    Ok(data)
}
