//! The dashboard's downloads: the summary table ("biểu tổng hợp") and the raw values, as
//! CSV or XLSX, named after the scope and period.

use crate::domain::assessment::Period;
use crate::domain::criteria::SetId;
use crate::domain::dashboard::Dashboard;
use crate::domain::profile::Lang;
use crate::domain::report::{
    raw_values_table, sheets_to_csv, sheets_to_xlsx, summary_table, Sheet, Table,
};
use crate::domain::stats::Scope;
use crate::domain::workspace::Workspace;
use serde::{Deserialize, Serialize};

use super::ports::{FileOut, SheetWriter};

/// CSV (opens in any spreadsheet, BOM for Excel) or XLSX (numbers stay numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// A download whose tables are ready and whose bytes are still to be written. The
/// browser has them written by the report worker (`app::browser::WorkerSheets`), so
/// the XLSX writer (a zip and its compressor) is not part of the app's first download;
/// native tests write them here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetsFile {
    pub name: String,
    pub format: SheetFormat,
    pub sheets: Vec<Sheet>,
}

impl SheetsFile {
    /// The bytes, written on this thread (what the worker runs).
    pub fn write_here(&self) -> Result<Download, String> {
        let bytes = match self.format {
            SheetFormat::Xlsx => sheets_to_xlsx(&self.sheets)?,
            SheetFormat::Csv => sheets_to_csv(&self.sheets).into_bytes(),
        };
        Ok(Download {
            name: self.name.clone(),
            bytes,
        })
    }

    /// The bytes, written by `writer`.
    pub async fn write(&self, writer: &impl SheetWriter) -> Result<Download, String> {
        Ok(Download {
            name: self.name.clone(),
            bytes: writer.write(self).await?,
        })
    }
}

/// "ntm-province-38-2024": the stem of every download of a dashboard.
pub fn file_stem(scope: &Scope, period: Period) -> String {
    format!("ntm-{}-{}", scope.key().replace(':', "-"), period)
}

/// A table with its title lines (what it is; scope and period; set), as a one-sheet
/// workbook or a CSV, so a file read away from the app says what it holds.
fn one_sheet(
    table: Table,
    sheet: &str,
    title: Vec<String>,
    name: String,
    format: SheetFormat,
) -> SheetsFile {
    SheetsFile {
        name,
        format,
        sheets: vec![Sheet {
            name: sheet.to_string(),
            title,
            table,
        }],
    }
}

/// Writes a download's tables with `writer` and hands the file to `out`.
pub async fn deliver(
    file: &SheetsFile,
    writer: &impl SheetWriter,
    out: &impl FileOut,
) -> Result<(), String> {
    let done = file.write(writer).await?;
    out.download(&done.bytes, &done.name);
    Ok(())
}

/// The title lines of a dashboard download.
fn title(
    ws: &Workspace,
    what: &str,
    scope: &Scope,
    set: &SetId,
    period: Period,
    lang: Lang,
) -> Vec<String> {
    vec![
        what.to_string(),
        format!("{} · {}", ws.scope_name(scope), period.label(lang)),
        format!(
            "{}: {}",
            lang.pick("Bộ tiêu chí", "Criteria set"),
            ws.set(set)
                .map(|s| s.label(lang))
                .unwrap_or_else(|| set.to_string())
        ),
    ]
}

fn extension(format: SheetFormat) -> &'static str {
    match format {
        SheetFormat::Csv => "csv",
        SheetFormat::Xlsx => "xlsx",
    }
}

/// The summary table of a dashboard.
pub fn summary(
    ws: &Workspace,
    d: &Dashboard,
    scope: &Scope,
    set: &SetId,
    period: Period,
    format: SheetFormat,
    lang: Lang,
) -> SheetsFile {
    let name = format!(
        "{}-tong-hop.{}",
        file_stem(scope, period),
        extension(format)
    );
    let what = lang.pick(
        "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ",
        "SUMMARY TABLE OF THE CRITERIA",
    );
    let title = title(ws, what, scope, set, period, lang);
    one_sheet(
        summary_table(d, lang),
        lang.pick("Tổng hợp", "Summary"),
        title,
        name,
        format,
    )
}

/// Every recorded value of the scope, set and period, one row per value.
pub fn raw_values(
    ws: &Workspace,
    scope: &Scope,
    set: &SetId,
    period: Period,
    format: SheetFormat,
    lang: Lang,
) -> SheetsFile {
    let name = format!(
        "{}-so-lieu-goc.{}",
        file_stem(scope, period),
        extension(format)
    );
    let what = lang.pick("SỐ LIỆU GỐC", "RAW VALUES");
    let title = title(ws, what, scope, set, period, lang);
    one_sheet(
        raw_values_table(ws, scope, set, period, lang),
        lang.pick("Số liệu gốc", "Raw values"),
        title,
        name,
        format,
    )
}

/// The report an official hands in ("Báo cáo kết quả"): every table of
/// `present::report::sheets`, as a workbook of one sheet each or one CSV.
pub fn review_report(
    review: &crate::present::report::Review,
    format: SheetFormat,
    lang: Lang,
) -> SheetsFile {
    let sheets = crate::present::report::sheets(review, lang);
    let name = format!(
        "{}-bao-cao.{}",
        file_stem(&review.scope, review.period),
        extension(format)
    );
    SheetsFile {
        name,
        format,
        sheets,
    }
}
