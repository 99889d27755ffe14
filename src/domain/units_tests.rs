//! Unit tests of `domain::units`: codes, names, village merges.

use super::*;

fn commune() -> Commune {
    Commune {
        code: "15889".into(),
        name: "Xã Thiệu Vũ".into(),
        kind: CommuneKind::Xa,
        province_code: "38".into(),
        legacy_district: Some(LegacyDistrict {
            code: "399".into(),
            name: "Huyện Thiệu Hóa".into(),
        }),
        region: Some(Region::Btb),
        group: Some(CommuneGroup::Nhom2),
        village_set: None,
        archived: false,
    }
}

#[test]
fn codes_have_fixed_digit_counts() {
    assert!(check_province_code("38").is_ok());
    assert!(check_province_code("8").is_err());
    assert!(check_commune_code("15889").is_ok());
    assert_eq!(
        check_commune_code("1588a"),
        Err(UnitError::BadCode {
            code: "1588a".into(),
            digits: 5
        })
    );
    assert!(check_district_code("399").is_ok());
    assert!(commune().validate().is_ok());
    let mut bad = commune();
    bad.legacy_district = Some(LegacyDistrict {
        code: "39".into(),
        name: "x".into(),
    });
    assert!(bad.validate().is_err());
}

#[test]
fn names_are_cleaned_and_bounded() {
    assert_eq!(
        clean_unit_name("  Thôn   Đông "),
        Ok("Thôn Đông".to_string())
    );
    assert_eq!(clean_unit_name(" "), Err(UnitError::EmptyName));
    // A NUL is not "too long": it is a hidden character, named with its place.
    assert_eq!(
        clean_unit_name("Thôn\u{0}"),
        Err(UnitError::HiddenCharacter(text::RefusedChar {
            position: 5,
            character: '\u{0}'
        }))
    );
    assert!(matches!(
        clean_unit_name("Thôn \u{061C}Đông"),
        Err(UnitError::HiddenCharacter(_))
    ));
    assert_eq!(
        clean_unit_name(&"a".repeat(121)),
        Err(UnitError::NameTooLong)
    );
}

#[test]
fn communes_serialise_with_stable_field_names() {
    let json = serde_json::to_value(commune()).unwrap();
    assert_eq!(json["region"], "BTB");
    assert_eq!(json["group"], "NHOM2");
    assert_eq!(json["kind"], "xa");
    let back: Commune = serde_json::from_value(json).unwrap();
    assert_eq!(back, commune());
    let r = serde_json::to_value(UnitRef::Village("v1".into())).unwrap();
    assert_eq!(r, serde_json::json!({"level": "village", "id": "v1"}));
}

#[test]
fn villages_need_a_valid_id() {
    let v = Village {
        id: "<b>".into(),
        commune_code: "15889".into(),
        name: "Thôn 1".into(),
        kind: VillageKind::Thon,
        merged_into: None,
        archived: false,
    };
    assert_eq!(v.validate(), Err(UnitError::BadId("<b>".into())));
}
