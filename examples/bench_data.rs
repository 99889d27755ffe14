//! Deterministic synthetic exchange files for the benchmarks (issue 7):
//! - province: 200 communes with 3–6 villages each, 2 periods;
//! - national: 3,321 communes × 47 indicators × 2 periods ≈ 312,000 values;
//! - villages: 3,321 communes with 21 villages each (69,741 villages, as many as Vietnam
//!   has), units only: the unit tree and its search at that size.
//!
//! Everything is made up and says so: a custom set "THU_TAI_47" ("thử tải") with 47
//! numbered indicators, province code 99. Values carry no history entries (a file of
//! values only, which the merge accepts), so the national file stays under the 50 MB limit.
//!
//!   cargo run --release --example bench_data -- target/bench

use std::collections::BTreeMap;

use ntm::domain::assessment::{Assessment, AssessmentKey, Entry, IndicatorValue, Period};
use ntm::domain::criteria::{
    CriteriaSet, Criterion, Indicator, IndicatorKind, SetLevel, Source, ThresholdDimension,
    YearRange,
};
use ntm::domain::merge::{Dataset, ExportScope};
use ntm::domain::sync::{Hlc, Record, Stamp, Versioned};
use ntm::domain::units::{Commune, CommuneKind, Province, Unit, UnitRef, Village, VillageKind};
use ntm::exchange;

const CREATED_MS: u64 = 1_764_000_000_000; // 2025-11-24

fn stamp(n: u64) -> Stamp {
    Stamp {
        hlc: Hlc {
            wall_ms: CREATED_MS - 86_400_000 + n % 86_400_000,
            counter: 0,
        },
        device: "bench".into(),
        author: "B".into(),
    }
}

fn source() -> Source {
    Source {
        citation: "Dữ liệu thử tải, không phải số liệu thật".into(),
        ..Default::default()
    }
}

/// A commune of the made-up province 99.
fn commune(code: &str, name: String) -> Unit {
    Unit::Commune(Commune {
        code: code.into(),
        name,
        kind: CommuneKind::Xa,
        province_code: "99".into(),
        legacy_district: None,
        region: None,
        group: None,
        village_set: None,
        archived: false,
    })
}

/// A village (thôn) of commune `commune_code`.
fn village(id: String, commune_code: &str, name: String) -> Unit {
    Unit::Village(Village {
        id,
        commune_code: commune_code.into(),
        name,
        kind: VillageKind::Thon,
        merged_into: None,
        archived: false,
    })
}

fn bench_set() -> CriteriaSet {
    let criteria = (1..=19)
        .map(|c| Criterion {
            id: c.to_string(),
            code: c.to_string(),
            name: format!("Tiêu chí thử {c}"),
            group: None,
            indicators: (1..=47)
                .filter(|i| (i - 1) % 19 + 1 == c)
                .map(|i| Indicator {
                    id: format!("{c}.{i}"),
                    code: format!("{c}.{i}"),
                    text: format!("Chỉ tiêu thử {i}"),
                    kind: IndicatorKind::PercentAtLeast,
                    unit: Some("%".into()),
                    thresholds: vec![],
                    source: source(),
                    verified: false,
                })
                .collect(),
            auto: None,
            source: source(),
            verified: false,
        })
        .collect();
    let mut set = CriteriaSet {
        id: "bench-thu-tai-47".into(),
        version: String::new(),
        number: 1,
        parents: Some(vec![]),
        code: "THU_TAI_47".into(),
        title: "Bộ chỉ tiêu thử tải (không phải bộ tiêu chí thật)".into(),
        legal_basis: "Không có — dữ liệu thử".into(),
        period: YearRange {
            from: 2024,
            to: 2025,
        },
        level: SetLevel::Custom,
        dimension: ThresholdDimension::None,
        groups: vec![],
        criteria,
        source: source(),
        builtin: false,
        derived_from: None,
        notes: Some("Chỉ dùng để đo tốc độ.".into()),
    };
    set.version = ntm::domain::set_versions::version_id(&set);
    set
}

fn dataset(communes: usize, villages: bool, seed: u64) -> Dataset {
    let mut rng = fastrand::Rng::with_seed(seed);
    let set = bench_set();
    let indicators: Vec<String> = set.indicators().map(|(_, i)| i.code.clone()).collect();
    let mut d = Dataset::default();
    let rec = |id: String, data: Unit, n: u64| Record {
        id,
        data,
        stamp: stamp(n),
        archived: false,
    };
    d.units.push(rec(
        "province:99".into(),
        Unit::Province(Province {
            code: "99".into(),
            name: "Tỉnh Thử Tải".into(),
        }),
        0,
    ));
    let mut n = 1u64;
    for c in 0..communes {
        let code = format!("{:05}", 10_000 + c);
        d.units.push(rec(
            format!("commune:{code}"),
            commune(&code, format!("Xã Thử {}", c + 1)),
            n,
        ));
        n += 1;
        if villages {
            for v in 0..rng.usize(3..=6) {
                let id = format!("t{code}-{v}");
                d.units.push(rec(
                    format!("village:{id}"),
                    village(id, &code, format!("Thôn {}", v + 1)),
                    n,
                ));
                n += 1;
            }
        }
        for period in [Period::year(2024), Period::year(2025)] {
            let mut a = Assessment::new(AssessmentKey {
                unit: UnitRef::Commune(code.clone()),
                set: set.set_id(),
                period,
            });
            let values: BTreeMap<String, Versioned<Entry<IndicatorValue>>> = indicators
                .iter()
                .map(|i| {
                    n += 1;
                    let v = (rng.f64() * 1000.0).round() / 10.0;
                    (
                        i.clone(),
                        Versioned::new(Entry::of(IndicatorValue::Number(v)), stamp(n)),
                    )
                })
                .collect();
            a.values = values;
            d.assessments.push(a);
        }
    }
    d.sets.push(Record {
        id: set.set_id().to_string(),
        data: set,
        stamp: stamp(0),
        archived: false,
    });
    d
}

/// A country of villages: units only.
fn villages_dataset(communes: usize, per_commune: usize) -> Dataset {
    let mut d = Dataset::default();
    let mut n = 0u64;
    let mut rec = |id: String, data: Unit| {
        n += 1;
        Record {
            id,
            data,
            stamp: stamp(n),
            archived: false,
        }
    };
    d.units.push(rec(
        "province:99".into(),
        Unit::Province(Province {
            code: "99".into(),
            name: "Tỉnh thử tải (không có thật)".into(),
        }),
    ));
    for i in 0..communes {
        let code = format!("{:05}", 90_000 + i);
        d.units.push(rec(
            format!("commune:{code}"),
            commune(&code, format!("Xã thử {}", i + 1)),
        ));
        for v in 0..per_commune {
            let id = format!("t{code}-{v}");
            d.units.push(rec(
                format!("village:{id}"),
                village(id, &code, format!("Thôn {} xã {}", v + 1, i + 1)),
            ));
        }
    }
    d
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench".into());
    std::fs::create_dir_all(&dir).expect("output folder");
    let sender = exchange::Sender {
        device: "bench".into(),
        name: "Thử tải".into(),
        // The province's official: everything in the files is the sender's to write.
        role: Some(ntm::domain::profile::Role::CanBoTinh),
        unit: Some("province:99".into()),
    };
    for (name, communes, villages) in [("province", 200, true), ("national", 3321, false)] {
        let content = dataset(communes, villages, 7);
        let values: usize = content.assessments.iter().map(|a| a.values.len()).sum();
        let file = exchange::build(
            content,
            sender.clone(),
            ExportScope::All,
            None,
            "bench",
            CREATED_MS,
        );
        let json = exchange::to_json(&file);
        let path = format!("{dir}/bench-{name}.json");
        std::fs::write(&path, &json).expect("write");
        println!("{path}: {values} values, {} bytes", json.len());
    }
    let content = villages_dataset(3321, 21);
    let units = content.units.len();
    let file = exchange::build(content, sender, ExportScope::All, None, "bench", CREATED_MS);
    let json = exchange::to_json(&file);
    let path = format!("{dir}/bench-villages.json");
    std::fs::write(&path, &json).expect("write");
    println!("{path}: {units} units, {} bytes", json.len());
}
