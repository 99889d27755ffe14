//! The tables a review meeting takes away: the summary table ("biểu tổng hợp kết quả thực
//! hiện bộ tiêu chí": communes × criteria, ✓ / ✗, totals) and the raw values, as rows of
//! text for the printed report, CSV and XLSX. Pure: tested natively.

use super::assessment::{CriterionMark, IndicatorValue, Period};
use super::criteria::SetId;
use super::dashboard::Dashboard;
use super::evaluation::CriterionOutcome;
use super::profile::Lang;
use super::stats::Scope;
use super::workspace::Workspace;
use serde::{Deserialize, Serialize};

/// A cell of a table: text, or a number that spreadsheets should keep as a number.
/// Serialisable: tables travel to the report worker to be written (`app::reports`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    /// JSON has no NaN: serde_json writes it as null, read back here as NaN.
    Number(#[serde(deserialize_with = "number_or_nan")] f64),
}

fn number_or_nan<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    /// As CSV writes it: numbers with a decimal point, no grouping; text that a
    /// spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
    /// return: `=HYPERLINK(…)` in a unit's name) prefixed with ' so it stays text (the
    /// OWASP rule for CSV injection).
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    format!("{n}")
                }
            }
        }
    }
}

pub type Table = Vec<Vec<Cell>>;

/// A table with its title lines, for a workbook of several sheets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet's name (at most 31 characters are kept).
    pub name: String,
    /// Lines above the table: the report's title, scope and period, set, and what the
    /// table is.
    pub title: Vec<String>,
    /// A header row, then rows.
    pub table: Table,
}

/// ✓ met, ✗ not met, "–" not applicable, "" not assessed.
pub fn outcome_mark(o: Option<CriterionOutcome>) -> &'static str {
    match o {
        Some(CriterionOutcome::Met) => "✓",
        Some(CriterionOutcome::NotMet) => "✗",
        Some(CriterionOutcome::NotApplicable) => "–",
        _ => "",
    }
}

fn pick(lang: Lang, vi: &str, en: &str) -> String {
    lang.pick(vi, en).into()
}

/// The summary table: a header row, one row per commune, and a totals row.
pub fn summary_table(d: &Dashboard, lang: Lang) -> Table {
    let mut header = vec![
        Cell::Text(pick(lang, "Mã xã", "Code")),
        Cell::Text(pick(lang, "Tên xã", "Commune")),
    ];
    // Criteria by number and name ("1. Quy hoạch"): a sheet read away from the app.
    header.extend(
        d.criteria
            .iter()
            .zip(&d.criteria_names)
            .map(|(c, name)| Cell::Text(format!("{c}. {name}"))),
    );
    header.push(Cell::Text(pick(lang, "Số tiêu chí đạt", "Criteria met")));
    header.push(Cell::Text(pick(lang, "Đạt chuẩn", "Meets the set")));
    let mut rows = vec![header];
    for r in &d.matrix.rows {
        let mut row = vec![Cell::Text(r.code.clone()), Cell::Text(r.name.clone())];
        row.extend(r.cells.iter().map(|c| Cell::text(outcome_mark(*c))));
        row.push(match r.met {
            Some(m) => Cell::Number(m as f64),
            None => Cell::text(""),
        });
        row.push(Cell::Text(match (r.met, r.meets_set) {
            (None, _) => pick(lang, "chưa đánh giá", "not assessed"),
            (Some(_), true) => pick(lang, "Đạt", "Yes"),
            (Some(_), false) => pick(lang, "Chưa đạt", "No"),
        }));
        rows.push(row);
    }
    let mut total = vec![
        Cell::text(""),
        Cell::Text(pick(lang, "Số xã đạt", "Communes meeting it")),
    ];
    total.extend(
        d.matrix
            .met_per_criterion
            .iter()
            .map(|n| Cell::Number(*n as f64)),
    );
    total.push(Cell::text(""));
    total.push(Cell::Number(
        d.matrix.rows.iter().filter(|r| r.meets_set).count() as f64,
    ));
    rows.push(total);
    rows
}

/// Every recorded mark and indicator value of the scope's communes and villages in the
/// period for the set: one row each, numbers as numbers.
pub fn raw_values_table(
    ws: &Workspace,
    scope: &Scope,
    set: &SetId,
    period: Period,
    lang: Lang,
) -> Table {
    let mut rows = vec![[
        pick(lang, "Đơn vị (mã)", "Unit (key)"),
        pick(lang, "Tên đơn vị", "Unit name"),
        pick(lang, "Kỳ", "Period"),
        pick(lang, "Bộ tiêu chí", "Criteria set"),
        pick(lang, "Loại", "Kind"),
        pick(lang, "Mã", "Code"),
        pick(lang, "Giá trị", "Value"),
        pick(lang, "Ghi chú", "Note"),
        pick(lang, "Người nhập", "Entered by"),
    ]
    .into_iter()
    .map(Cell::Text)
    .collect::<Vec<_>>()];
    let communes: Vec<String> = ws
        .communes_in(scope)
        .iter()
        .map(|c| c.code.clone())
        .collect();
    let mut assessments: Vec<_> = ws
        .assessments
        .iter()
        .filter(|a| &a.key.set == set && a.key.period == period)
        .filter(|a| match &a.key.unit {
            super::units::UnitRef::Commune(c) => communes.contains(c),
            super::units::UnitRef::Village(_) => ws
                .unit(&a.key.unit)
                .and_then(|u| u.data.parent())
                .is_some_and(
                    |p| matches!(p, super::units::UnitRef::Commune(c) if communes.contains(&c)),
                ),
            _ => false,
        })
        .collect();
    assessments.sort_by_key(|a| a.id());
    for a in assessments {
        let name = ws
            .unit(&a.key.unit)
            .map(|u| u.data.name().to_string())
            .unwrap_or_default();
        // Marks and values are keyed by stable ids; people know the codes.
        let the_set = ws.set(&a.key.set);
        let criterion_code = |id: &str| {
            the_set
                .and_then(|s| s.criterion(id))
                .map_or_else(|| id.to_string(), |c| c.code.clone())
        };
        let indicator_code = |id: &str| {
            the_set
                .and_then(|s| s.indicator(id))
                .map_or_else(|| id.to_string(), |(_, i)| i.code.clone())
        };
        let base = |kind: String, code: &str, value: Cell, note: &str, author: &str| {
            vec![
                Cell::Text(a.key.unit.key()),
                Cell::Text(name.clone()),
                Cell::Text(period.to_string()),
                Cell::Text(a.key.set.to_string()),
                Cell::Text(kind),
                Cell::Text(code.to_string()),
                value,
                Cell::Text(note.to_string()),
                Cell::Text(author.to_string()),
            ]
        };
        for (code, v) in &a.marks {
            let value = match v.value.value {
                Some(CriterionMark::Met) => pick(lang, "Đạt", "Met"),
                Some(CriterionMark::NotMet) => pick(lang, "Chưa đạt", "Not met"),
                Some(CriterionMark::NotApplicable) => pick(lang, "Không áp dụng", "Not applicable"),
                None => continue,
            };
            rows.push(base(
                pick(lang, "Tiêu chí", "Criterion"),
                &criterion_code(code),
                Cell::Text(value),
                &v.value.note,
                &v.stamp.author,
            ));
        }
        for (code, v) in &a.values {
            let value = match &v.value.value {
                Some(IndicatorValue::Number(n)) => Cell::Number(*n),
                Some(IndicatorValue::YesNo(b)) => Cell::Text(if *b {
                    pick(lang, "Có", "Yes")
                } else {
                    pick(lang, "Không", "No")
                }),
                Some(IndicatorValue::Text(t)) => Cell::Text(t.clone()),
                None => continue,
            };
            rows.push(base(
                pick(lang, "Chỉ tiêu", "Indicator"),
                &indicator_code(code),
                value,
                &v.value.note,
                &v.stamp.author,
            ));
        }
    }
    rows
}

/// A table as CSV: UTF-8 with a byte-order mark (so Excel keeps the diacritics), comma
/// separated, quoted where needed, CRLF line ends.
pub fn to_csv(table: &Table) -> String {
    // Flexible: title lines have one field, tables more (a strict writer would drop the
    // line ends of every row that differs from the first).
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    for row in table {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(row.iter().map(Cell::plain));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// Sheets as one CSV: each sheet's title lines, its table, and an empty line between.
pub fn sheets_to_csv(sheets: &[Sheet]) -> String {
    let mut table: Table = Vec::new();
    for (i, s) in sheets.iter().enumerate() {
        if i > 0 {
            table.push(vec![]);
        }
        table.extend(s.title.iter().map(|t| vec![Cell::text(t.clone())]));
        table.extend(s.table.iter().cloned());
    }
    to_csv(&table)
}

/// Sheets as one XLSX workbook: a sheet each, its title lines (the first bold) and an
/// empty line, then the table with a bold header row frozen under them; codes stay text,
/// numbers numbers.
pub fn sheets_to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let big = Format::new().set_bold().set_font_size(13);
    for s in sheets {
        let ws = book.add_worksheet();
        let name: String = s
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        ws.set_name(&name).map_err(|e| e.to_string())?;
        for (r, line) in s.title.iter().enumerate() {
            let format = if r == 0 { &big } else { &bold };
            ws.write_string_with_format(r as u32, 0, line, format)
                .map_err(|e| e.to_string())?;
        }
        let top = match s.title.len() {
            0 => 0,
            n => n as u32 + 1,
        };
        for (r, row) in s.table.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (top + r as u32, c as u16);
                let done = match cell {
                    Cell::Text(t) if r == top => {
                        ws.write_string_with_format(r, c, t, &bold).map(|_| ())
                    }
                    Cell::Text(t) => ws.write_string(r, c, t).map(|_| ()),
                    Cell::Number(n) => ws.write_number(r, c, *n).map(|_| ()),
                };
                done.map_err(|e| e.to_string())?;
            }
        }
        ws.set_freeze_panes(top + 1, 0).map_err(|e| e.to_string())?;
        ws.set_column_width(0, 14).map_err(|e| e.to_string())?;
        ws.set_column_width(1, 28).map_err(|e| e.to_string())?;
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}

/// A table as an XLSX workbook with one sheet: bold header row, numbers as numbers.
pub fn to_xlsx(table: &Table, sheet: &str) -> Result<Vec<u8>, String> {
    sheets_to_xlsx(&[Sheet {
        name: sheet.to_string(),
        title: Vec::new(),
        table: table.clone(),
    }])
}
