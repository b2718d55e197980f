//! Writes the generated CSV files again as GBK CSV or as XLSX, for the benchmark.

use super::Fail;
use credit_supervision::records::RecordKind;
use std::path::{Path, PathBuf};

/// The file variants the benchmark measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Variant {
    /// UTF-8 CSV, as generated.
    Csv,
    /// The same CSV encoded as GBK (Excel on a Chinese Windows PC).
    Gbk,
    /// The same rows in XLSX workbooks (one sheet per 1,000,000 rows).
    Xlsx,
}

impl Variant {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Variant::Csv => "csv",
            Variant::Gbk => "gbk",
            Variant::Xlsx => "xlsx",
        }
    }

    /// The file of `kind` in a variant folder.
    pub(crate) fn file(self, dir: &Path, kind: RecordKind) -> PathBuf {
        let ext = if self == Variant::Xlsx { "xlsx" } else { "csv" };
        dir.join(format!("{}.{ext}", kind.code()))
    }
}

/// Rows per sheet when writing XLSX (Excel's limit is 1,048,576).
const SHEET_ROWS: usize = 1_000_000;

/// Writes the variant of the CSV folder `src` into `dst` (skipped when complete).
pub(crate) fn convert(src: &Path, dst: &Path, variant: Variant) -> Result<(), Fail> {
    if variant == Variant::Csv || dst.join(".complete").exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dst)?;
    for kind in RecordKind::ALL {
        let text = std::fs::read_to_string(src.join(kind.file_name()))?;
        let out = variant.file(dst, kind);
        match variant {
            Variant::Csv => {}
            Variant::Gbk => {
                let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
                if unmappable {
                    return Err(Fail(format!(
                        "{}: a character GBK cannot hold",
                        out.display()
                    )));
                }
                std::fs::write(&out, bytes)?;
            }
            Variant::Xlsx => write_xlsx(&text, &out)?,
        }
    }
    std::fs::write(dst.join(".complete"), b"")?;
    Ok(())
}

fn write_xlsx(text: &str, out: &Path) -> Result<(), Fail> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = rows.next().transpose()?.unwrap_or_default();
    let mut sheet_no = 0;
    let mut row = SHEET_ROWS;
    let mut ws: Option<&mut rust_xlsxwriter::Worksheet> = None;
    for rec in rows {
        let rec = rec?;
        if row >= SHEET_ROWS {
            sheet_no += 1;
            let sheet = wb.add_worksheet().set_name(format!("Sheet{sheet_no}"))?;
            for (c, h) in header.iter().enumerate() {
                sheet.write_string(0, c as u16, h)?;
            }
            ws = Some(sheet);
            row = 0;
        }
        let sheet = ws.as_mut().expect("a sheet was added");
        row += 1;
        for (c, v) in rec.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(row as u32, c as u16, v)?;
            }
        }
    }
    if sheet_no == 0 {
        let sheet = wb.add_worksheet();
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, h)?;
        }
    }
    wb.save(out)?;
    Ok(())
}
