//! Every figure the dashboard and the printed report show, checked two ways: exact numbers
//! on a small hand-made workspace, and consistency between figures on the demo province.

use ntm::domain::assessment::*;
use ntm::domain::criteria::builtin_sets;
use ntm::domain::demo::DEMO_PROVINCE_CODE;
use ntm::domain::evaluation::CriterionOutcome;
use ntm::domain::stats::Scope;
use ntm::domain::sync::Record;
use ntm::domain::units::*;
use ntm::domain::workspace::Workspace;

mod common;
use common::{demo_workspace as demo, qd318, stamp};

fn commune(code: &str, name: &str) -> Record<Unit> {
    Record {
        id: format!("commune:{code}"),
        data: Unit::Commune(Commune {
            code: code.into(),
            name: name.into(),
            kind: CommuneKind::Xa,
            province_code: "01".into(),
            legacy_district: None,
            region: None,
            group: None,
            village_set: None,
            archived: false,
        }),
        stamp: stamp(),
        archived: false,
    }
}

/// Marks the first `met` criteria of QĐ 318 met and the rest not met.
fn assessed(code: &str, met: usize, period: Period) -> Assessment {
    let set = builtin_sets()
        .into_iter()
        .find(|s| s.set_id() == qd318())
        .unwrap();
    let mut a = Assessment::new(AssessmentKey {
        unit: UnitRef::Commune(code.into()),
        set: qd318(),
        period,
    });
    for (i, c) in set.criteria.iter().enumerate() {
        let mark = if i < met {
            CriterionMark::Met
        } else {
            CriterionMark::NotMet
        };
        a.set_mark(&c.code, Entry::of(mark), stamp());
    }
    a
}

#[test]
fn a_small_province_gives_the_exact_figures() {
    let y = Period::year(2025);
    let h1 = Period::first_half(2025);
    let ws = Workspace::new(
        vec![
            commune("00001", "Xã An"),
            commune("00002", "Xã Bình"),
            commune("00003", "Xã Chưa Đánh Giá"),
        ],
        vec![
            assessed("00001", 19, y),
            assessed("00002", 8, y),
            assessed("00001", 17, h1),
            assessed("00002", 6, h1),
        ],
        vec![],
    );
    let d = ws
        .dashboard(
            &Scope::Province("01".into()),
            &qd318(),
            y,
            Default::default(),
        )
        .unwrap();
    assert_eq!(d.stats.communes, 3);
    assert_eq!(d.stats.assessed, 2);
    assert_eq!(d.stats.average_met, 13.5);
    let bands: Vec<(String, usize)> = d.stats.bands.iter().map(|(b, n)| (b.label(), *n)).collect();
    assert_eq!(
        bands,
        [
            ("19".to_string(), 1),
            ("15–18".into(), 0),
            ("10–14".into(), 0),
            ("dưới 10".into(), 1)
        ]
    );
    assert_eq!(d.stats.ntm.count, 1);
    // Criterion 1 met by both, criterion 9 by Xã An only, criterion 19 by Xã An only.
    assert_eq!(d.stats.criterion_rates[0].percent, 100.0);
    assert_eq!(d.stats.criterion_rates[8].percent, 50.0);
    assert_eq!(d.stats.weakest_first()[0].percent, 50.0);
    // The summary table: rows by name, cells per criterion, totals per column.
    let names: Vec<&str> = d.matrix.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Xã An", "Xã Bình", "Xã Chưa Đánh Giá"]);
    assert_eq!(d.matrix.rows[1].met, Some(8));
    assert_eq!(d.matrix.rows[1].cells[7], Some(CriterionOutcome::Met));
    assert_eq!(d.matrix.rows[1].cells[8], Some(CriterionOutcome::NotMet));
    assert_eq!(d.matrix.rows[2].met, None);
    assert!(d.matrix.rows[2].cells.iter().all(Option::is_none));
    assert_eq!(d.matrix.met_per_criterion[0], 2);
    assert_eq!(d.matrix.met_per_criterion[18], 1);
    // Trend over the two periods, and the change since the first half.
    let trend: Vec<(String, f64, usize)> = d
        .trend
        .iter()
        .map(|t| (t.period.to_string(), t.average_met, t.meeting_set))
        .collect();
    assert_eq!(
        trend,
        [("2025-H1".to_string(), 11.5, 0), ("2025".into(), 13.5, 1)]
    );
    let change = d.change.unwrap();
    assert_eq!(change.average_met, 2.0);
    assert_eq!(d.previous_period, h1);
    // A commune scope covers that commune only.
    let one = ws
        .dashboard(
            &Scope::Commune("00002".into()),
            &qd318(),
            y,
            Default::default(),
        )
        .unwrap();
    assert_eq!((one.stats.communes, one.stats.average_met), (1, 8.0));
    assert!(ws
        .dashboard(
            &Scope::Province("01".into()),
            &qd318(),
            Period::first_half(2024),
            Default::default()
        )
        .unwrap()
        .change
        .is_none());
}

#[test]
fn the_demo_province_figures_agree_with_each_other() {
    let ws = demo();
    let scope = Scope::Province(DEMO_PROVINCE_CODE.into());
    let d = ws
        .dashboard(&scope, &qd318(), Period::year(2025), Default::default())
        .unwrap();
    assert_eq!(d.stats.communes, 100);
    assert_eq!(d.matrix.rows.len(), 100);
    assert_eq!(d.trend.len(), 4, "four half-year periods");
    assert!(d.change.is_some());
    // Every chart has something to show.
    assert!(d.stats.assessed > 50);
    assert!(d.stats.bands.iter().filter(|(_, n)| *n > 0).count() >= 3);
    assert!(d.stats.ntm.count > 0 && d.stats.ntm.count < 100);
    // The average equals the summary table's "met" column averaged.
    let mets: Vec<usize> = d.matrix.rows.iter().filter_map(|r| r.met).collect();
    assert_eq!(mets.len(), d.stats.assessed);
    let avg = mets.iter().sum::<usize>() as f64 / mets.len() as f64;
    assert!((avg - d.stats.average_met).abs() < 1e-9);
    // Bands partition the assessed communes; column totals equal the per-criterion rates.
    assert_eq!(
        d.stats.bands.iter().map(|(_, n)| n).sum::<usize>(),
        d.stats.assessed
    );
    for (i, rate) in d.stats.criterion_rates.iter().enumerate() {
        assert_eq!(
            rate.met, d.matrix.met_per_criterion[i],
            "criterion {}",
            rate.code
        );
    }
    // Meeting the set in the trend equals rows meeting every criterion.
    let meeting = d.matrix.rows.iter().filter(|r| r.meets_set).count();
    assert_eq!(d.trend.last().unwrap().meeting_set, meeting);
    // Plan progress counts what the dashboard counts: self-assessed by the same rules,
    // recognised by decision (none in this workspace).
    use ntm::domain::plans::PlanItem;
    assert_eq!(
        ws.plan_self_assessed(PlanItem::CommunesNtm, &scope, Period::year(2025)),
        Some(d.stats.ntm.count as u32)
    );
    assert_eq!(
        ws.plan_self_assessed(PlanItem::VillagesNtm, &scope, Period::year(2025)),
        Some(d.stats.villages_meeting_set as u32)
    );
    assert_eq!(
        ws.plan_achieved(PlanItem::CommunesNtm, &scope, Period::year(2025), &[], &[]),
        0
    );
    // The scopes offered: the province, then its communes by name.
    let scopes = ws.scopes();
    assert_eq!(scopes[0].0, scope);
    assert_eq!(scopes.len(), 101);
}

#[test]
fn the_summary_and_raw_tables_make_csv_that_reads_back() {
    use ntm::domain::profile::Lang;
    use ntm::domain::report::{raw_values_table, summary_table, to_csv, Cell};
    let ws = demo();
    let scope = Scope::Province(DEMO_PROVINCE_CODE.into());
    let period = Period::year(2025);
    let d = ws
        .dashboard(&scope, &qd318(), period, Default::default())
        .unwrap();
    let table = summary_table(&d, Lang::Vi);
    assert_eq!(table.len(), 1 + 100 + 1, "header, communes, totals");
    let csv_text = to_csv(&table);
    assert!(
        csv_text.starts_with('\u{feff}'),
        "UTF-8 byte-order mark for Excel"
    );
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[1], "Tên xã");
    assert_eq!(&header[header.len() - 2], "Số tiêu chí đạt");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 101);
    for (record, row) in records.iter().zip(&d.matrix.rows) {
        assert_eq!(&record[1], row.name, "diacritics survive");
        let met: Option<usize> = record[header.len() - 2].parse().ok();
        assert_eq!(met, row.met);
        let ticks = record.iter().filter(|c| *c == "✓").count();
        assert_eq!(Some(ticks), row.met.or(Some(0)));
    }
    let totals = records.last().unwrap();
    assert_eq!(&totals[1], "Số xã đạt");
    assert_eq!(
        totals[2].parse::<usize>().unwrap(),
        d.matrix.met_per_criterion[0]
    );

    let raw = raw_values_table(&ws, &scope, &qd318(), period, Lang::Vi);
    assert!(raw.len() > 100);
    let numbers = raw
        .iter()
        .filter(|r| matches!(r[6], Cell::Number(_)))
        .count();
    assert!(numbers > 0, "indicator values stay numbers");
    let raw_csv = to_csv(&raw);
    let mut reader = csv::Reader::from_reader(raw_csv.trim_start_matches('\u{feff}').as_bytes());
    let first_number = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[4] == "Chỉ tiêu")
        .unwrap();
    let parsed: f64 = first_number[6].parse().unwrap();
    assert!((0.0..=100.0).contains(&parsed));
}

#[test]
fn the_summary_xlsx_opens_with_text_and_numbers() {
    use calamine::{Data, Reader, Xlsx};
    use ntm::domain::profile::Lang;
    use ntm::domain::report::{summary_table, to_xlsx};
    let ws = demo();
    let scope = Scope::Province(DEMO_PROVINCE_CODE.into());
    let d = ws
        .dashboard(&scope, &qd318(), Period::year(2025), Default::default())
        .unwrap();
    let bytes = to_xlsx(&summary_table(&d, Lang::Vi), "Tổng hợp 2025").unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Tổng hợp 2025"]);
    let range = book.worksheet_range("Tổng hợp 2025").unwrap();
    assert_eq!(range.height(), 102);
    assert_eq!(range.get((0, 1)), Some(&Data::String("Tên xã".into())));
    let met_col = 2 + d.criteria.len();
    for (i, row) in d.matrix.rows.iter().enumerate() {
        assert_eq!(range.get((i + 1, 1)), Some(&Data::String(row.name.clone())));
        match row.met {
            Some(m) => assert_eq!(range.get((i + 1, met_col)), Some(&Data::Float(m as f64))),
            None => assert!(matches!(
                range.get((i + 1, met_col)),
                None | Some(Data::Empty) | Some(Data::String(_))
            )),
        }
    }
    assert_eq!(
        range.get((101, 2)),
        Some(&Data::Float(d.matrix.met_per_criterion[0] as f64))
    );
}

#[test]
fn no_csv_cell_can_be_read_as_a_formula() {
    use ntm::domain::profile::Lang;
    use ntm::domain::report::{raw_values_table, summary_table, to_csv};
    // Names, notes and authors from people and files, each starting with a character a
    // spreadsheet reads as the start of a formula.
    for lead in ['=', '+', '-', '@', '\t', '\r'] {
        let text = format!("{lead}HYPERLINK(\"http://x\";\"bấm\")");
        let mut c = commune("00001", &text);
        c.id = "commune:00001".into();
        let mut a = assessed("00001", 12, Period::year(2025));
        let mut who = stamp();
        who.author = text.clone();
        a.set_mark(
            "1",
            Entry {
                value: Some(CriterionMark::Met),
                note: text.clone(),
            },
            who,
        );
        let ws = Workspace::new(vec![c], vec![a], vec![]);
        let scope = Scope::Province("01".into());
        let d = ws
            .dashboard(&scope, &qd318(), Period::year(2025), Default::default())
            .unwrap();
        for table in [
            summary_table(&d, Lang::Vi),
            raw_values_table(&ws, &scope, &qd318(), Period::year(2025), Lang::Vi),
        ] {
            let csv_text = to_csv(&table);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
            let cells: Vec<String> = reader
                .records()
                .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
                .collect();
            assert!(
                cells.iter().any(|c| c == &format!("'{text}")),
                "{lead:?}: the text is kept, neutralised"
            );
            for cell in &cells {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{lead:?}: {cell:?} would run as a formula"
                );
            }
        }
    }
}
