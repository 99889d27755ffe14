//! The dashboard's view model (`present::dashboard`) on the demo province: every chart's
//! table adds up to the figures it shows, labels are in the chosen language, the summary
//! table and its totals agree, and downloads are named after scope and period.

use ntm::app::reports::{self, SheetFormat};
use ntm::domain::demo::DEMO_PROVINCE_CODE;
use ntm::domain::format::format_int;
use ntm::domain::profile::Lang;
use ntm::domain::stats::Scope;
use ntm::present::dashboard::{self as model, default_set, Counting};

mod common;
use common::demo_workspace as demo;

fn number(s: &str) -> usize {
    s.replace('.', "")
        .parse()
        .unwrap_or_else(|_| panic!("not a count: {s}"))
}

#[test]
fn every_chart_table_adds_up_to_the_figures_in_both_languages() {
    let ws = demo();
    let set = default_set(&ws).expect("the demo has assessments");
    assert!(model::set_choices(&ws, Lang::Vi)
        .iter()
        .any(|(id, _)| *id == set.to_string()));
    let scope = Scope::Province(DEMO_PROVINCE_CODE.into());
    let period = *ws.periods_of(&set).last().expect("periods");
    let d = ws
        .dashboard(&scope, &set, period, Default::default())
        .expect("a dashboard");
    let counting = Counting {
        official: false,
        wards: false,
    };
    for lang in [Lang::Vi, Lang::En] {
        let m = model::dashboard(&ws, &scope, &set, period, &d, counting, lang);
        let s = &d.stats;
        let table = |id: &str| {
            m.charts
                .iter()
                .find(|c| c.testid == id)
                .unwrap_or_else(|| panic!("{id}"))
                .tables[0]
                .clone()
        };
        // Bands: every assessed commune once.
        let bands = table("chart-bands");
        let in_bands: usize = bands.rows.iter().map(|r| number(&r[1])).sum();
        assert_eq!(in_bands, s.assessed);
        let under = match lang {
            Lang::Vi => "Dưới",
            Lang::En => "Under",
        };
        assert!(
            bands.rows.iter().any(|r| r[0].starts_with(under)),
            "{:?}",
            bands.rows
        );
        // Levels: every counted commune once, at its highest level.
        let levels = table("chart-levels");
        let in_levels: usize = levels.rows.iter().map(|r| number(&r[1])).sum();
        assert_eq!(in_levels, s.communes);
        // Rates: weakest first, one row per criterion with a rate.
        let rates = table("chart-rates");
        assert_eq!(rates.rows.len(), s.weakest_first().len());
        // The trend ends with the period shown.
        let trend = table("chart-trend");
        assert_eq!(
            trend.rows.last().map(|r| r[0].clone()),
            Some(period.label(lang))
        );
        // Key figures say their denominator.
        assert_eq!(
            m.figures.communes,
            format!(
                "{} {}",
                format_int(s.communes as i64),
                match lang {
                    Lang::Vi => "xã",
                    Lang::En => "communes",
                }
            )
        );
        assert!(m
            .figures
            .meeting
            .starts_with(&format!("{}/{}", s.meeting, s.communes)));
        // The summary table: a row per commune, totals that count the rows' marks.
        assert_eq!(m.summary.rows.len(), d.matrix.rows.len());
        for (i, total) in m.summary.totals.iter().enumerate() {
            let met = m
                .summary
                .rows
                .iter()
                .filter(|r| r.cells[i].1 == "✓")
                .count();
            assert_eq!(number(total), met, "criterion {}", m.summary.criteria[i]);
        }
        let meeting = m
            .summary
            .rows
            .iter()
            .filter(|r| r.met == m.summary.criteria.len().to_string())
            .count();
        assert_eq!(number(&m.summary.meeting_total), meeting);
        // The radar of the first commune with marks lists each criterion.
        let (code, _) = m.radar_choices.first().expect("a commune with marks");
        let (_, marks) = model::radar(&d, code, lang).expect("radar");
        assert_eq!(marks.rows.len(), d.criteria.len());
        assert!(model::radar(&d, "no-such-commune", lang).is_none());
        // Titles are in the chosen language: no Vietnamese letters in English.
        if lang == Lang::En {
            for c in &m.charts {
                let title = c.title.get(lang);
                assert!(title.is_ascii(), "{title}");
            }
        }
    }
    let csv = reports::summary(&ws, &d, &scope, &set, period, SheetFormat::Csv, Lang::Vi)
        .write_here()
        .unwrap();
    assert_eq!(
        csv.name,
        format!("ntm-province-{DEMO_PROVINCE_CODE}-{period}-tong-hop.csv")
    );
    assert!(
        csv.bytes.starts_with("\u{feff}".as_bytes()),
        "CSV with a BOM for Excel"
    );
    // What it holds, before the table: title, scope and period, set; criteria by name.
    let text = String::from_utf8(csv.bytes.clone()).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ");
    assert_eq!(
        lines[1],
        format!("{} · {}", ws.scope_name(&scope), period.label(Lang::Vi))
    );
    assert!(lines[2].starts_with("Bộ tiêu chí: "));
    assert!(
        lines[3].starts_with("Mã xã,Tên xã,1. Quy hoạch,2. Giao thông"),
        "{}",
        lines[3]
    );
    // Every commune and the totals row follow, each on its own line.
    assert_eq!(lines.len(), 3 + 1 + d.matrix.rows.len() + 1);
    assert!(text.contains("\r\n"));
    let xlsx = reports::raw_values(&ws, &scope, &set, period, SheetFormat::Xlsx, Lang::Vi)
        .write_here()
        .unwrap();
    assert!(xlsx.name.ends_with("-so-lieu-goc.xlsx"));
    assert!(xlsx.bytes.starts_with(b"PK"), "an XLSX is a zip");

    // Delivered as the page does it: written by a SheetWriter, handed to the FileOut.
    struct Here;
    impl ntm::app::ports::SheetWriter for Here {
        async fn write(&self, file: &reports::SheetsFile) -> Result<Vec<u8>, String> {
            Ok(file.write_here()?.bytes)
        }
    }
    let out = ntm::app::memory::MemoryOut::default();
    let file = reports::summary(&ws, &d, &scope, &set, period, SheetFormat::Csv, Lang::Vi);
    futures::executor::block_on(reports::deliver(&file, &Here, &out)).unwrap();
    assert_eq!(
        *out.files.borrow(),
        vec![(csv.name.clone(), csv.bytes.clone())]
    );
}

/// The summary table of the country is drawn a screenful at a time: its groups hold every
/// row once, in order, and the note says how many are shown until all are.
#[test]
fn a_long_summary_table_is_drawn_in_groups_that_hold_every_row_once() {
    use model::{SummaryRow, SummaryTable};
    let row = |i: usize| SummaryRow {
        code: format!("{i:05}"),
        name: format!("Xã {i}"),
        cells: vec![],
        met: "0".into(),
    };
    for n in [0, 1, SummaryTable::PAGE, SummaryTable::PAGE + 1, 3_321] {
        let table = SummaryTable {
            criteria: vec![],
            rows: (0..n).map(row).collect(),
            totals: vec![],
            meeting_total: "0".into(),
        };
        let pages: Vec<&[SummaryRow]> = table.pages().collect();
        assert!(pages.iter().all(|p| p.len() <= SummaryTable::PAGE));
        assert_eq!(pages.concat(), table.rows, "{n} rows");
        // One group shown: a note unless that is all of them; every group shown: none.
        assert_eq!(
            table.shown_note(1, Lang::Vi).is_some(),
            n > SummaryTable::PAGE
        );
        assert_eq!(table.shown_note(pages.len().max(1), Lang::En), None);
    }
    let national = SummaryTable {
        criteria: vec![],
        rows: (0..3_321).map(row).collect(),
        totals: vec![],
        meeting_total: "0".into(),
    };
    assert!(national
        .shown_note(2, Lang::Vi)
        .unwrap()
        .starts_with("Đang hiện 400/3.321 xã."));
    assert_eq!(
        SummaryTable::more_label(Lang::Vi),
        format!("Hiện thêm {} xã", SummaryTable::PAGE)
    );
}

/// The matrix draws the communes the summary table shows first; "Hiện tất cả" every one.
/// Its cells are the communes' own outcomes, row by row, whichever is drawn.
#[test]
fn a_long_matrix_shows_its_first_communes_and_all_on_demand() {
    let ws = demo();
    let set = default_set(&ws).expect("the demo has assessments");
    let scope = Scope::Province(DEMO_PROVINCE_CODE.into());
    let period = *ws.periods_of(&set).last().expect("periods");
    let mut d = ws
        .dashboard(&scope, &set, period, Default::default())
        .expect("a dashboard");
    let province = model::matrix(&d, "x", Lang::Vi, false);
    assert_eq!(province.note, None, "a province's communes are drawn whole");
    // A country's worth of rows: the demo's repeated.
    let rows = d.matrix.rows.clone();
    while d.matrix.rows.len() < 3_321 {
        d.matrix.rows.extend(rows.iter().cloned());
    }
    d.matrix.rows.truncate(3_321);
    let height = |rows: usize| rows as u32 * 22 + 90;
    let first = model::matrix(&d, "x", Lang::Vi, false);
    assert_eq!(first.height, height(model::MatrixModel::ROWS));
    assert_eq!(
        first.note.as_deref(),
        Some("Ma trận đang hiện 200/3.321 xã (như bảng tổng hợp).")
    );
    let all = model::matrix(&d, "x", Lang::En, true);
    assert_eq!((all.height, all.note), (height(3_321), None));
    // The heatmap's data: one cell per known outcome of the rows drawn.
    let cells = |m: &model::MatrixModel, rows: usize| {
        let json: serde_json::Value =
            serde_json::from_str(&ntm::charts::option_json(&m.chart)).unwrap();
        let data = json["series"][0]["data"].as_array().unwrap().len();
        let known = d.matrix.rows[..rows]
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.is_some_and(|c| c != ntm::domain::evaluation::CriterionOutcome::Unknown))
            .count();
        (data, known)
    };
    let (data, known) = cells(&first, model::MatrixModel::ROWS);
    assert_eq!(data, known);
    let (data, known) = cells(&model::matrix(&d, "x", Lang::Vi, true), 3_321);
    assert_eq!(data, known);
}
