//! The unit tree's changes (`app::units`) and what each node shows (`present::units`), on
//! the demo province with villages added twice under slightly different names.

mod common;

use ntm::app::units;
use ntm::domain::catalog::CatalogCommune;
use ntm::domain::sync::Record;
use ntm::domain::units::{CommuneKind, Unit, UnitError, UnitRef, VillageKind};
use ntm::domain::workspace::Workspace;
use ntm::present::units::{node, opening, Opening};

fn record(u: Unit) -> Record<Unit> {
    Record {
        id: u.unit_ref().key(),
        data: u,
        stamp: common::stamp(),
        archived: false,
    }
}

/// The demo province, plus in its first commune "Thôn Đông" and "thôn  đông" (the same
/// village added by two people) and "Thôn Tây".
fn workspace() -> (Workspace, String) {
    let demo = common::demo_workspace();
    let commune = demo
        .units
        .iter()
        .find_map(|u| match &u.data {
            Unit::Commune(c) => Some(c.code.clone()),
            _ => None,
        })
        .unwrap();
    let mut list = demo.units.clone();
    for (id, name) in [
        ("v-a", "Thôn Đông"),
        ("v-b", "thôn  đông"),
        ("v-c", "Thôn Tây"),
    ] {
        let v = units::village_added(&commune, name, VillageKind::Thon, id.into());
        list.push(record(v.unwrap()));
    }
    (
        Workspace::new(list, demo.assessments.clone(), vec![]),
        commune,
    )
}

#[test]
fn nodes_show_results_duplicates_and_merge_targets() {
    let (ws, commune) = workspace();
    let open = opening(&ws);
    assert_eq!(
        open,
        Opening {
            provinces: true,
            villages: ws
                .units
                .iter()
                .filter(|u| matches!(u.data, Unit::Village(_)))
                .count()
                <= 500
        }
    );

    let province = node(&ws, ws.provinces()[0], open);
    assert_eq!(
        (province.href, province.not_assessed, province.open),
        (None, false, true)
    );

    let c = ws.unit(&UnitRef::Commune(commune.clone())).unwrap();
    let n = node(&ws, c, open);
    let (_, _, result) = ws
        .latest_result(&UnitRef::Commune(commune.clone()))
        .expect("demo communes are assessed");
    let badge = n.badge.expect("badge");
    assert_eq!(badge.count, format!("{}/{}", result.met, result.applicable));
    assert_eq!(badge.meets, result.meets_set());
    assert!(!n.not_assessed);
    assert_eq!(
        n.href.as_deref(),
        Some(format!("/don-vi/commune:{commune}").as_str())
    );

    let a = ws.unit(&UnitRef::Village("v-a".into())).unwrap();
    let na = node(&ws, a, open);
    assert_eq!(na.duplicates, vec!["thôn đông".to_string()]);
    assert!(na.not_assessed);
    // The likely duplicate first, then the other villages of the commune, never itself.
    assert_eq!(na.merge_targets.first().map(|t| t.0.as_str()), Some("v-b"));
    assert!(na.merge_targets.iter().any(|t| t.0 == "v-c"));
    assert!(na.merge_targets.iter().all(|t| t.0 != "v-a"));
    let nc = node(&ws, ws.unit(&UnitRef::Village("v-c".into())).unwrap(), open);
    assert!(nc.duplicates.is_empty());
}

#[test]
fn changes_refuse_bad_names_and_communes_already_there() {
    let (ws, commune) = workspace();
    let province = match &ws.provinces()[0].data {
        Unit::Province(p) => p.code.clone(),
        _ => unreachable!(),
    };
    let catalog_commune =
        |code: &str| CatalogCommune::new(code.into(), "Xã Mới".into(), CommuneKind::Xa);
    assert_eq!(
        units::commune_added(&ws, &province, catalog_commune(&commune)),
        None
    );
    let added = units::commune_added(&ws, &province, catalog_commune("99998")).expect("new");
    assert!(matches!(&added, Unit::Commune(c) if c.province_code == province && c.code == "99998"));

    assert!(matches!(
        units::village_added(&commune, "Thôn\u{202E}Đông", VillageKind::Thon, "x".into()),
        Err(UnitError::HiddenCharacter(_))
    ));
    assert!(units::village_added(&commune, "<b>Thôn</b>", VillageKind::Thon, "x".into()).is_err());
    assert_eq!(
        units::village_added(&commune, "   ", VillageKind::Thon, "x".into()),
        Err(UnitError::EmptyName)
    );
    let v = ws.unit(&UnitRef::Village("v-b".into())).unwrap();
    let renamed = units::renamed(&v.data, "  Thôn   Đông ").unwrap();
    assert_eq!(renamed.name(), "Thôn Đông");
    assert_eq!(
        renamed.unit_ref(),
        v.data.unit_ref(),
        "a rename keeps the identity"
    );
}
