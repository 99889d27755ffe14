//! The one string form of the domain's enum values: their serde name, as exchange files
//! write it ("thuc_pham", "TDMNPB", "xa_ntm"). Forms, links and test ids use the same
//! form, so no page keeps a table of its own; `strum::VariantArray` lists the values.

use serde::{de::DeserializeOwned, Serialize};

/// The value's name in files ("" for a value that is not a plain name).
pub fn key<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Reads a name made by [`key`].
pub fn from_key<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(key.to_string())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::criteria::{IndicatorKind, SetLevel};
    use crate::domain::ocop::{OcopGroup, ProducerKind};
    use crate::domain::plans::PlanItem;
    use crate::domain::units::{CommuneGroup, Region, VillageKind};
    use strum::VariantArray;

    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug + Copy>(all: &[T]) {
        let mut seen = std::collections::BTreeSet::new();
        for v in all {
            let k = key(v);
            assert!(!k.is_empty(), "{v:?}");
            assert!(seen.insert(k.clone()), "{k} twice");
            assert_eq!(from_key::<T>(&k), Some(*v));
        }
        assert_eq!(from_key::<T>("no-such-value"), None);
    }

    #[test]
    fn every_enum_value_has_one_name_that_reads_back() {
        round_trip(OcopGroup::VARIANTS);
        round_trip(ProducerKind::VARIANTS);
        round_trip(PlanItem::VARIANTS);
        round_trip(Region::VARIANTS);
        round_trip(CommuneGroup::VARIANTS);
        round_trip(VillageKind::VARIANTS);
        round_trip(IndicatorKind::VARIANTS);
        round_trip(SetLevel::VARIANTS);
        assert_eq!(key(&OcopGroup::ThucPham), "thuc_pham");
        assert_eq!(key(&Region::Tdmnpb), "TDMNPB");
    }
}
