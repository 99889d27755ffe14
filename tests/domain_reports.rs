//! Figures from published review reports, rebuilt from unit-level data through the same
//! code paths the dashboard uses. The reports give only counts per band, so the
//! distribution inside each band below is a choice consistent with them (marked as such).

use ntm::domain::assessment::*;
use ntm::domain::criteria::{builtin_sets, CriteriaSet};
use ntm::domain::evaluation::*;
use ntm::domain::format::{format_decimal, format_percent};
use ntm::domain::stats::*;
use ntm::domain::sync::{Hlc, Stamp, Versioned};
use ntm::domain::units::{ThresholdContext, UnitRef};

fn set(code: &str) -> CriteriaSet {
    builtin_sets().into_iter().find(|s| s.code == code).unwrap()
}

/// A commune of `province` meeting its first `met` criteria and not the rest.
fn commune(
    set: &CriteriaSet,
    province: &str,
    district: &str,
    n: usize,
    met: usize,
    period: Period,
) -> CommuneRow {
    let code = format!("{n:05}");
    let mut a = Assessment::new(AssessmentKey {
        unit: UnitRef::Commune(code.clone()),
        set: set.set_id(),
        period,
    });
    let stamp = Stamp {
        hlc: Hlc {
            wall_ms: 1,
            counter: 0,
        },
        device: "d".into(),
        author: "x".into(),
    };
    for (i, c) in set.criteria.iter().enumerate() {
        let mark = if i < met {
            CriterionMark::Met
        } else {
            CriterionMark::NotMet
        };
        a.marks
            .insert(c.id.clone(), Versioned::new(Entry::of(mark), stamp.clone()));
    }
    let result = evaluate_assessment(set, &a, ThresholdContext::default(), LevelFacts::default());
    let levels = commune_levels(Some(&result), None, None);
    CommuneRow {
        code,
        name: format!("Xã {n}"),
        kind: ntm::domain::units::CommuneKind::Xa,
        province_code: province.into(),
        district_code: Some(district.into()),
        result: Some(result.summary()),
        levels,
    }
}

fn codes(set: &CriteriaSet) -> Vec<String> {
    set.criteria.iter().map(|c| c.code.clone()).collect()
}

#[test]
fn thua_thien_hue_december_2018() {
    // 104 communes: 44 at 19/19, 29 at 15–18, 28 at 10–14, 3 at 8–9; average 16,13.
    // Inside the bands (not given by the report): 29 × 17; 14 × 11 and 14 × 12; 8, 9, 9.
    let s = set("QD1980_2016_XA");
    let mut met = vec![19; 44];
    met.extend([17; 29]);
    met.extend([11; 14]);
    met.extend([12; 14]);
    met.extend([8, 9, 9]);
    let rows: Vec<CommuneRow> = met
        .iter()
        .enumerate()
        .map(|(i, m)| commune(&s, "46", "474", i + 1, *m, Period::year(2018)))
        .collect();
    let stats = scope_stats(
        &Scope::Province("46".into()),
        &rows,
        &[],
        &codes(&s),
        &default_bands(19),
    );
    assert_eq!(stats.communes, 104);
    assert_eq!(format_decimal(stats.average_met, 2), "16,13");
    let bands: Vec<(String, usize)> = stats.bands.iter().map(|(b, n)| (b.label(), *n)).collect();
    assert_eq!(
        bands,
        vec![
            ("19".into(), 44),
            ("15–18".into(), 29),
            ("10–14".into(), 28),
            ("dưới 10".into(), 3)
        ]
    );
    assert_eq!(stats.ntm.count, 44);
    assert_eq!(format_percent(stats.ntm.percent), "42,3\u{a0}%");
    // Assessed and not meeting the set: the communes with gaps to close.
    assert_eq!(stats.assessed - stats.meeting, 60);
}

#[test]
fn thai_nguyen_june_2020() {
    // 143 communes, 103 đạt chuẩn → 72 %.
    let s = set("QD1980_2016_XA");
    let rows: Vec<CommuneRow> = (0..143)
        .map(|i| {
            commune(
                &s,
                "19",
                "164",
                i + 1,
                if i < 103 { 19 } else { 16 },
                Period::first_half(2020),
            )
        })
        .collect();
    let stats = scope_stats(
        &Scope::Province("19".into()),
        &rows,
        &[],
        &codes(&s),
        &default_bands(19),
    );
    assert_eq!(stats.ntm.count, 103);
    assert_eq!(format_percent(stats.ntm.percent), "72\u{a0}%");
}

#[test]
fn scopes_rates_villages_and_change() {
    let s = set("QD51_2025_XA");
    let mut rows = vec![
        commune(&s, "01", "001", 1, 10, Period::year(2026)),
        commune(&s, "01", "001", 2, 7, Period::year(2026)),
        commune(&s, "01", "002", 3, 4, Period::year(2026)),
        commune(&s, "02", "003", 4, 10, Period::year(2026)),
    ];
    rows.push(CommuneRow {
        result: None,
        ..commune(&s, "01", "002", 5, 0, Period::year(2026))
    });
    let villages = vec![
        VillageRow {
            id: "v1".into(),
            name: "Thôn 1".into(),
            commune_code: "00001".into(),
            result: Some(true),
            recognised: true,
        },
        VillageRow {
            id: "v2".into(),
            name: "Thôn 2".into(),
            commune_code: "00001".into(),
            result: Some(true),
            recognised: false,
        },
        VillageRow {
            id: "v3".into(),
            name: "Thôn 3".into(),
            commune_code: "00004".into(),
            result: Some(true),
            recognised: true,
        },
    ];
    let province = scope_stats(
        &Scope::Province("01".into()),
        &rows,
        &villages,
        &codes(&s),
        &default_bands(10),
    );
    // Province 01: communes 1, 2, 3 (met 10, 7, 4) and 5 (not assessed); commune 4 is in 02.
    assert_eq!(
        (province.communes, province.assessed, province.meeting),
        (4, 3, 1)
    );
    assert_eq!(format_decimal(province.average_met, 1), "7,0");
    let bands: Vec<(String, usize)> = province
        .bands
        .iter()
        .map(|(b, n)| (b.label(), *n))
        .collect();
    assert_eq!(
        bands,
        vec![
            ("10".into(), 1),
            ("8–9".into(), 0),
            ("5–7".into(), 1),
            ("dưới 5".into(), 1)
        ]
    );
    assert_eq!(province.ntm.count, 1);
    assert_eq!(format_percent(province.ntm.percent), "25\u{a0}%");
    assert_eq!(
        (
            province.villages,
            province.villages_with_data,
            province.villages_meeting_set,
            province.villages_recognised
        ),
        (2, 2, 2, 1)
    );
    // Criterion 1 is met by all three assessed communes; criteria 8–10 only by commune 1.
    assert_eq!(province.criterion_rates[0].met, 3);
    assert_eq!(province.criterion_rates[0].applicable, 3);
    let weakest: Vec<&str> = province
        .weakest_first()
        .iter()
        .take(3)
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(weakest, vec!["8", "9", "10"]);

    let district = scope_stats(
        &Scope::District("002".into()),
        &rows,
        &villages,
        &codes(&s),
        &default_bands(10),
    );
    assert_eq!((district.communes, district.assessed), (2, 1));

    // Custom bands, as some reports cut them.
    let custom = vec![Band { min: 9, max: 10 }, Band { min: 0, max: 8 }];
    let c = scope_stats(
        &Scope::Province("01".into()),
        &rows,
        &[],
        &codes(&s),
        &custom,
    );
    assert_eq!(
        c.bands.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
        vec![1, 2]
    );

    // Change since the previous period.
    let before: Vec<CommuneRow> = (1..=4)
        .map(|i| commune(&s, "01", "001", i, 3, Period::first_half(2026)))
        .collect();
    let prev = scope_stats(
        &Scope::Province("01".into()),
        &before,
        &[],
        &codes(&s),
        &default_bands(10),
    );
    let ch = change(&prev, &province);
    assert_eq!(ch.ntm, 1);
    assert_eq!(format_decimal(ch.average_met, 2), "4,00");
    assert_eq!(ch.bands[3].1, -3);
}

#[test]
fn default_bands_cover_every_count_once() {
    for n in 1..=25 {
        let bands = default_bands(n);
        for met in 0..=n {
            assert_eq!(
                bands
                    .iter()
                    .filter(|b| b.min <= met && met <= b.max)
                    .count(),
                1,
                "{met} of {n}"
            );
        }
    }
}
