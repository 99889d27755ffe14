//! Helpers shared by the test files (`mod common;`): stamps, the demo province as a
//! workspace and as a dataset, a commune and its QĐ 318 assessment key, and in the browser a fresh
//! database and an author. Each test file uses some of them.
#![allow(dead_code)]

use ntm::domain::assessment::{AssessmentKey, Period};
use ntm::domain::criteria::SetId;
use ntm::domain::demo::{generate, DEMO_SEED};
use ntm::domain::merge::Dataset;
use ntm::domain::sync::{Hlc, Record, Stamp};
use ntm::domain::units::{Commune, CommuneKind, Unit, UnitRef};
use ntm::domain::workspace::Workspace;

/// A stamp at `wall_ms` of device "d" by author "a".
pub fn stamp_at(wall_ms: u64) -> Stamp {
    Stamp {
        hlc: Hlc {
            wall_ms,
            counter: 0,
        },
        device: "d".into(),
        author: "a".into(),
    }
}

/// The oldest stamp there is (1 ms after the epoch).
pub fn stamp() -> Stamp {
    stamp_at(1)
}

/// The built-in commune set QĐ 318/2022, version 1.
pub fn qd318() -> SetId {
    SetId {
        id: "QD318_2022_XA".into(),
        version: "1".into(),
    }
}

/// The demo province (units and assessments) as a workspace.
pub fn demo_workspace() -> Workspace {
    let d = generate(DEMO_SEED, &stamp());
    let units = d
        .units
        .into_iter()
        .map(|u| Record {
            id: u.unit_ref().key(),
            data: u,
            stamp: stamp(),
            archived: false,
        })
        .collect();
    Workspace::new(units, d.assessments, vec![])
}

/// A record of the oldest stamp.
pub fn record<T>(id: String, data: T) -> Record<T> {
    Record {
        id,
        data,
        stamp: stamp(),
        archived: false,
    }
}

/// Criteria set versions as a device holds them: each a record under its set id, stamped
/// `s`.
pub fn set_records(
    sets: impl IntoIterator<Item = ntm::domain::criteria::CriteriaSet>,
    s: &Stamp,
) -> Vec<Record<ntm::domain::criteria::CriteriaSet>> {
    sets.into_iter()
        .map(|set| Record {
            id: set.set_id().to_string(),
            data: set,
            stamp: s.clone(),
            archived: false,
        })
        .collect()
}

/// The demo province generated from `seed` with every kind of record (units, OCOP, plans,
/// recognitions, quantities, resource figures, all assessments) as one device holds it,
/// each record stamped `s`.
pub fn demo_dataset(seed: u64, s: &Stamp) -> Dataset {
    let d = generate(seed, s);
    fn rec<T>(id: String, data: T, stamp: &Stamp) -> Record<T> {
        Record {
            id,
            data,
            stamp: stamp.clone(),
            archived: false,
        }
    }
    let mut out = Dataset {
        units: d
            .units
            .into_iter()
            .map(|u| rec(u.unit_ref().key(), u, s))
            .collect(),
        ocop_products: d
            .products
            .into_iter()
            .map(|p| rec(p.id.clone(), p, s))
            .collect(),
        ocop_ratings: d
            .ratings
            .into_iter()
            .map(|r| rec(r.id.clone(), r, s))
            .collect(),
        plans: d
            .plans
            .into_iter()
            .map(|p| rec(p.id.clone(), p, s))
            .collect(),
        recognitions: d
            .results
            .recognitions
            .into_iter()
            .map(|r| rec(r.id.clone(), r, s))
            .collect(),
        quantities: d
            .results
            .quantities
            .into_iter()
            .map(|q| rec(q.id.clone(), q, s))
            .collect(),
        resources: d
            .results
            .resources
            .into_iter()
            .map(|r| rec(r.id.clone(), r, s))
            .collect(),
        assessments: d
            .assessments
            .into_iter()
            .chain(d.results.assessments)
            .collect(),
        ..Dataset::default()
    };
    out.sort();
    out
}

/// The demo province with everything the demo loads: the village set (adopted for thôn
/// NTM), village and nâng cao assessments, recognitions, quantities and resource figures.
pub fn demo_workspace_with_results() -> Workspace {
    use ntm::domain::criteria::SetLevel;
    use ntm::domain::demo_results::DEMO_VILLAGE_SET;
    let d = generate(DEMO_SEED, &stamp());
    let r = d.results;
    Workspace::new(
        d.units
            .into_iter()
            .map(|u| record(u.unit_ref().key(), u))
            .collect(),
        d.assessments.into_iter().chain(r.assessments).collect(),
        r.sets,
    )
    .with_adopted([(SetLevel::ThonNtm, DEMO_VILLAGE_SET.to_string())])
    .with_results(
        r.recognitions
            .into_iter()
            .map(|x| record(x.id.clone(), x))
            .collect(),
        r.quantities
            .into_iter()
            .map(|x| record(x.id.clone(), x))
            .collect(),
        r.resources
            .into_iter()
            .map(|x| record(x.id.clone(), x))
            .collect(),
    )
}

/// Xã Đông Hòa (00070) of province 01.
pub fn commune() -> Unit {
    Unit::Commune(Commune {
        code: "00070".into(),
        name: "Xã Đông Hòa".into(),
        kind: CommuneKind::Xa,
        province_code: "01".into(),
        legacy_district: None,
        region: None,
        group: None,
        village_set: None,
        archived: false,
    })
}

/// Xã Đông Hòa's assessment against QĐ 318 for 2025.
pub fn key() -> AssessmentKey {
    AssessmentKey {
        unit: UnitRef::Commune("00070".into()),
        set: qd318(),
        period: Period::year(2025),
    }
}

#[cfg(target_arch = "wasm32")]
pub mod browser {
    use ntm::store::{Author, Store};

    /// A database of its own (random name), opened at the current schema.
    pub async fn fresh() -> (Store, String) {
        let name = format!("ntm-test-{}", ntm::shell::random_id());
        (Store::open_named(&name).await.unwrap(), name)
    }

    pub fn author(name: &str, device: &str) -> Author {
        Author {
            name: name.into(),
            device: device.into(),
        }
    }
}
