//! The dashboard's charts, each with the table of its numbers.

use std::collections::BTreeSet;

use super::{band_label, t, ChartModel, FigureTable, MatrixModel};
use crate::charts;
use crate::domain::assessment::Period;
use crate::domain::dashboard::{ocop_in_scope, Dashboard};
use crate::domain::evaluation::CriterionOutcome;
use crate::domain::format::{format_decimal, format_int, format_percent};
use crate::domain::ocop::{Product, Rating};
use crate::domain::profile::Lang;
use crate::domain::report::outcome_mark;
use crate::domain::sync::Record;
use crate::present::text::Text;

pub(super) fn head(texts: &[Text], l: Lang) -> Vec<String> {
    texts.iter().map(|t| t.get(l).to_string()).collect()
}

pub(super) fn bands_chart(d: &Dashboard, stem: &str, l: Lang) -> ChartModel {
    let bands = &d.stats.bands;
    let labels: Vec<String> = bands.iter().map(|(b, _)| band_label(b, l)).collect();
    let rows = labels
        .iter()
        .zip(bands)
        .map(|(label, (_, n))| vec![label.clone(), format_int(*n as i64)])
        .collect();
    ChartModel {
        title: t::BANDS,
        testid: "chart-bands",
        chart: charts::labelled_bars(
            labels,
            bands.iter().map(|(_, n)| *n as f64).collect(),
            false,
        ),
        file: format!("{stem}-nhom-tieu-chi.png"),
        height: None,
        tables: vec![FigureTable {
            head: head(&[t::BANDS, t::COMMUNES], l),
            rows,
        }],
    }
}

/// Each commune once, at its highest level.
pub(super) fn levels_chart(d: &Dashboard, stem: &str, l: Lang) -> ChartModel {
    let s = &d.stats;
    let items = [
        (t::KIEU_MAU, s.kieu_mau.count),
        (t::NANG_CAO, s.nang_cao.count - s.kieu_mau.count),
        (t::NTM, s.ntm.count - s.nang_cao.count),
        (t::NOT_YET, s.communes.saturating_sub(s.ntm.count)),
    ];
    ChartModel {
        title: t::LEVELS,
        testid: "chart-levels",
        chart: charts::labelled_bars(
            items.iter().map(|(t, _)| t.get(l).to_string()).collect(),
            items.iter().map(|(_, n)| *n as f64).collect(),
            false,
        ),
        file: format!("{stem}-muc-dat-chuan.png"),
        height: Some(150),
        tables: vec![FigureTable {
            head: head(&[t::LEVEL, t::COMMUNES], l),
            rows: items
                .iter()
                .map(|(t, n)| vec![t.get(l).to_string(), format_int(*n as i64)])
                .collect(),
        }],
    }
}

/// Criteria rates, weakest first.
pub(super) fn rates_chart(d: &Dashboard, stem: &str, l: Lang) -> ChartModel {
    let weakest = d.stats.weakest_first();
    let rows = weakest
        .iter()
        .map(|r| {
            let name = d
                .criteria
                .iter()
                .position(|c| *c == r.code)
                .and_then(|i| d.criteria_names.get(i).cloned())
                .unwrap_or_default();
            vec![
                format!("{} · {name}", r.code),
                format_percent(r.percent),
                format!("{}/{}", r.met, r.applicable),
            ]
        })
        .collect();
    ChartModel {
        title: t::RATES,
        testid: "chart-rates",
        chart: charts::labelled_bars(
            weakest
                .iter()
                .map(|r| format!("{} {}", t::CRITERION.get(l), r.code))
                .collect(),
            weakest.iter().map(|r| r.percent).collect(),
            true,
        ),
        file: format!("{stem}-ty-le-tieu-chi.png"),
        height: Some((weakest.len() as u32) * 26 + 30),
        tables: vec![FigureTable {
            head: head(&[t::CRITERION, t::RATE, t::MET_OF], l),
            rows,
        }],
    }
}

pub(super) fn trend_chart(d: &Dashboard, stem: &str, l: Lang) -> ChartModel {
    ChartModel {
        title: t::TREND,
        testid: "chart-trend",
        chart: charts::trend_lines(
            d.trend.iter().map(|p| p.period.label(l)).collect(),
            d.trend.iter().map(|p| p.average_met).collect(),
            d.trend.iter().map(|p| p.meeting_set as f64).collect(),
            [t::TREND_AVG.get(l).into(), t::TREND_MEET.get(l).into()],
        ),
        file: format!("{stem}-dien-bien.png"),
        height: None,
        tables: vec![FigureTable {
            head: head(&[t::PERIOD, t::TREND_AVG, t::TREND_MEET], l),
            rows: d
                .trend
                .iter()
                .map(|p| {
                    vec![
                        p.period.label(l),
                        format_decimal(p.average_met, 2),
                        format_int(p.meeting_set as i64),
                    ]
                })
                .collect(),
        }],
    }
}

/// The matrix of the first [`MatrixModel::ROWS`] communes, or of every one (`all`).
pub fn matrix(d: &Dashboard, stem: &str, l: Lang, all: bool) -> MatrixModel {
    let total = d.matrix.rows.len();
    let shown = if all {
        total
    } else {
        total.min(MatrixModel::ROWS)
    };
    let rows = &d.matrix.rows[..shown];
    let mut cells = Vec::new();
    for (y, row) in rows.iter().enumerate() {
        for (x, c) in row.cells.iter().enumerate() {
            let v = match c {
                Some(CriterionOutcome::Met) => charts::CELL_MET,
                Some(CriterionOutcome::NotMet) => charts::CELL_NOT_MET,
                Some(CriterionOutcome::NotApplicable) => charts::CELL_NOT_APPLICABLE,
                _ => continue,
            };
            cells.push((x, y, v));
        }
    }
    let note = (shown < total).then(|| {
        let (shown, total) = (format_int(shown as i64), format_int(total as i64));
        l.pick(
            format!("Ma trận đang hiện {shown}/{total} xã (như bảng tổng hợp)."),
            format!("The matrix shows {shown} of {total} communes (as the summary table does)."),
        )
    });
    MatrixModel {
        chart: charts::matrix_heatmap(
            rows.iter().map(|r| r.name.clone()).collect(),
            d.criteria.clone(),
            cells,
            [
                t::MET.get(l).into(),
                t::NOT_MET.get(l).into(),
                t::NA.get(l).into(),
            ],
        ),
        file: format!("{stem}-ma-tran.png"),
        height: (rows.len() as u32) * 22 + 90,
        min_width: (d.criteria.len() as u32) * 30 + 160,
        note,
    }
}

/// One commune's criteria as a radar, with the table of its marks.
pub fn radar(d: &Dashboard, code: &str, l: Lang) -> Option<(charming::Chart, FigureTable)> {
    let row = d.matrix.rows.iter().find(|r| r.code == code)?;
    let values = row
        .cells
        .iter()
        .map(|c| f64::from(u8::from(*c == Some(CriterionOutcome::Met))))
        .collect();
    let marks = d
        .criteria
        .iter()
        .zip(&row.cells)
        .map(|(c, o)| vec![c.clone(), outcome_mark(*o).to_string()])
        .collect();
    Some((
        charts::commune_radar(row.name.clone(), d.criteria.clone(), values),
        FigureTable {
            head: vec![t::CRITERION.get(l).to_string(), row.name.clone()],
            rows: marks,
        },
    ))
}

/// OCOP certificates of the period for the live products of the communes counted.
pub fn ocop_chart(
    d: &Dashboard,
    products: &[Record<Product>],
    ratings: &[Record<Rating>],
    period: Period,
    l: Lang,
) -> ChartModel {
    let codes: BTreeSet<&str> = d.communes.iter().map(String::as_str).collect();
    let c = ocop_in_scope(products, ratings, &codes, period);
    let labels = vec!["3 ★".to_string(), "4 ★".into(), "5 ★".into()];
    let star_rows = labels
        .iter()
        .zip(&c.by_stars)
        .map(|(a, n)| vec![a.clone(), format_int(*n as i64)])
        .collect();
    let group_rows = c
        .by_group
        .iter()
        .map(|(g, n)| vec![g.name(l).to_string(), format_int(*n as i64)])
        .collect();
    ChartModel {
        title: t::OCOP,
        testid: "chart-ocop",
        chart: charts::labelled_bars(
            labels,
            c.by_stars.iter().map(|n| *n as f64).collect(),
            false,
        ),
        file: "ocop-so-sao.png".to_string(),
        height: None,
        tables: vec![
            FigureTable {
                head: head(&[t::STARS, t::PRODUCTS], l),
                rows: star_rows,
            },
            FigureTable {
                head: head(&[t::GROUP, t::PRODUCTS], l),
                rows: group_rows,
            },
        ],
    }
}
