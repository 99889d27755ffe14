//! The dashboard's downloads: the summary table ("biểu tổng hợp") and the raw values, as
//! CSV or XLSX, named after the scope and period.

use crate::domain::assessment::Period;
use crate::domain::criteria::SetId;
use crate::domain::dashboard::Dashboard;
use crate::domain::profile::Lang;
use crate::domain::report::{raw_values_table, summary_table, to_csv, to_xlsx, Table};
use crate::domain::stats::Scope;
use crate::domain::workspace::Workspace;

/// CSV (opens in any spreadsheet, BOM for Excel) or XLSX (numbers stay numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

/// A file ready to download.
#[derive(Clone, Debug, PartialEq)]
pub struct Download {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// "ntm-province-38-2024": the stem of every download of a dashboard.
pub fn file_stem(scope: &Scope, period: Period) -> String {
    format!("ntm-{}-{}", scope.key().replace(':', "-"), period)
}

fn write(table: &Table, sheet: &str, name: String, format: SheetFormat) -> Download {
    let bytes = match format {
        // Writing to memory fails only on a broken table: the download is then empty
        // rather than the page crashing.
        SheetFormat::Xlsx => to_xlsx(table, sheet).unwrap_or_default(),
        SheetFormat::Csv => to_csv(table).into_bytes(),
    };
    Download { name, bytes }
}

fn extension(format: SheetFormat) -> &'static str {
    match format {
        SheetFormat::Csv => "csv",
        SheetFormat::Xlsx => "xlsx",
    }
}

/// The summary table of a dashboard.
pub fn summary(
    d: &Dashboard,
    scope: &Scope,
    period: Period,
    format: SheetFormat,
    lang: Lang,
) -> Download {
    let name = format!(
        "{}-tong-hop.{}",
        file_stem(scope, period),
        extension(format)
    );
    write(&summary_table(d, lang), "Tổng hợp", name, format)
}

/// Every recorded value of the scope, set and period, one row per value.
pub fn raw_values(
    ws: &Workspace,
    scope: &Scope,
    set: &SetId,
    period: Period,
    format: SheetFormat,
    lang: Lang,
) -> Download {
    let name = format!(
        "{}-so-lieu-goc.{}",
        file_stem(scope, period),
        extension(format)
    );
    let table = raw_values_table(ws, scope, set, period, lang);
    write(&table, "Số liệu gốc", name, format)
}

/// The report an official hands in ("Báo cáo kết quả"): every table of
/// `present::report::sheets`, as a workbook of one sheet each or one CSV.
pub fn review_report(
    review: &crate::present::report::Review,
    format: SheetFormat,
    lang: Lang,
) -> Download {
    use crate::domain::report::{sheets_to_csv, sheets_to_xlsx};
    let sheets = crate::present::report::sheets(review, lang);
    let name = format!(
        "{}-bao-cao.{}",
        file_stem(&review.scope, review.period),
        extension(format)
    );
    let bytes = match format {
        SheetFormat::Xlsx => sheets_to_xlsx(&sheets).unwrap_or_default(),
        SheetFormat::Csv => sheets_to_csv(&sheets).into_bytes(),
    };
    Download { name, bytes }
}
