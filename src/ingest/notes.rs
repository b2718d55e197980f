//! What a load report says besides accepted, duplicate and rejected rows: warnings per column
//! (a value of an optional column read as "other", a USCC whose region GB/T 2260 does not
//! know, an industry GB/T 4754-2017 does not know — the row is accepted), rows skipped with their text (a title above the header, a
//! 合计/备注 line), and registrations repeated with different contents (conflicts).

use serde::Serialize;

/// Examples kept per warning.
pub const WARNING_EXAMPLES: usize = 5;

/// Skipped rows kept with their text (all are counted).
pub const SKIPPED_KEPT: usize = 100;

/// One example of a warning: where and what.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarningExample {
    /// The line (or Excel row) the row starts on.
    pub line: u64,
    /// The value as written.
    pub value: String,
}

/// The warnings of one column of a file: accepted rows whose value there was not recognised
/// (or, for the USCC, whose region GB/T 2260 does not know).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnWarning {
    /// The column's header as written.
    pub column: String,
    /// The column's key (`status`, `uscc`…).
    pub key: &'static str,
    /// `other_term` (not a recognised term: kept as written, read as other),
    /// `unknown_region` (the USCC's positions 3–8 are no GB/T 2260 code, current or abolished)
    /// or `unknown_industry` (行业代码 names no GB/T 4754-2017 entry: kept as written).
    pub reason: &'static str,
    /// What was done, in English.
    pub message: String,
    /// What was done, in Chinese.
    pub message_zh: String,
    /// Rows with this warning.
    pub count: u64,
    /// The first few ([`WARNING_EXAMPLES`]).
    pub examples: Vec<WarningExample>,
}

/// The warning codes with their words, for the page (see `vocabulary()`).
pub const WARNING_REASONS: [(&str, &str, &str); 3] = [
    (
        "other_term",
        "未识别的取值（按原文保留，归为“其他”）",
        "unrecognised value (kept as written, read as other)",
    ),
    (
        "unknown_region",
        "行政区划码未收录（GB/T 2260）",
        "region code not in GB/T 2260",
    ),
    (
        "unknown_industry",
        "行业代码未收录（GB/T 4754-2017，按原文保留）",
        "industry not in GB/T 4754-2017 (kept as written)",
    ),
];

/// A row skipped, not read as a record: a title or note above the header, or a summary line
/// (合计, 总计, 备注…).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkippedRow {
    /// The line (or Excel row).
    pub line: u64,
    /// `above_header` or `summary`.
    pub reason: &'static str,
    /// Its non-empty cells, joined with ` | `.
    pub text: String,
}

/// The skip reasons with their words, for the page.
pub const SKIP_REASONS: [(&str, &str, &str); 3] = [
    (
        "above_header",
        "表头上方的标题或说明行",
        "title or note above the header",
    ),
    ("summary", "合计、总计或备注行", "total or note line"),
    (
        "empty_row",
        "各列均为空的行（Parquet）",
        "row with every column empty (Parquet)",
    ),
];

/// The words that begin a summary or note line of an office's table.
const SUMMARY_WORDS: [&str; 12] = [
    "合计", "总计", "小计", "共计", "备注", "注：", "注:", "说明", "制表", "填表", "审核", "统计",
];

/// Whether a row is a summary or note line: its first non-empty cell begins with one of
/// [`SUMMARY_WORDS`] (white space inside ignored: `合 计`).
pub fn is_summary(cells: &[&str]) -> bool {
    let Some(first) = cells.iter().map(|c| c.trim()).find(|c| !c.is_empty()) else {
        return false;
    };
    let t: String = crate::text::halfwidth(first)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    SUMMARY_WORDS.iter().any(|w| t.starts_with(w))
}

/// The text of a skipped row: its non-empty cells joined with ` | `.
pub fn row_text(cells: &[&str]) -> String {
    cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// One line of a conflicting registration.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConflictLine {
    /// The file it was read from.
    pub file: String,
    /// Its sheet, for a workbook.
    pub sheet: Option<String>,
    /// Its line (or Excel row).
    pub line: u64,
    /// 企业名称 as written.
    pub name: String,
    /// 市场主体类型 as written.
    pub entity_type: String,
    /// 登记状态 as written.
    pub status: String,
}

/// The same USCC registered twice with a different name, type or status: the line held and
/// the repeat, which was not loaded (see [`CONFLICT_RULE`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The USCC.
    pub uscc: String,
    /// What differs: `name`, `entity_type`, `status`.
    pub differs: Vec<&'static str>,
    /// The line held (the first one read).
    pub kept: ConflictLine,
    /// The line repeating it, not loaded.
    pub repeat: ConflictLine,
}

/// Which registration is kept when a USCC repeats.
pub const CONFLICT_RULE: &str = "the first line read for a USCC is kept (files in the order \
loaded, rows in file order); a later line with a different name, type or status is not loaded \
and listed as a conflict — correct the source and load again. A later line that differs only in \
spelling of the same type or status, or not at all, is a duplicate.";

/// [`CONFLICT_RULE`] in Chinese.
pub const CONFLICT_RULE_ZH: &str =
    "同一统一社会信用代码以最先读入的一行为准（按载入文件的顺序、文件内的行序）；\
其后名称、市场主体类型或登记状态不同的行不载入，列为冲突——请核对源数据后重新载入。仅写法不同\
（同一类型或状态）或完全相同的行计为重复。";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lines() {
        assert!(is_summary(&["合计", "", "1200"]));
        assert!(is_summary(&["", " 合 计 ", ""]));
        assert!(is_summary(&["备注：数据来源于国家企业信用信息公示系统"]));
        assert!(is_summary(&["制表单位：东西湖区市场监督管理局"]));
        assert!(!is_summary(&["914403001922038216", "合计公司"]));
        assert!(!is_summary(&["", ""]));
        assert_eq!(row_text(&["合计", "", " 12 "]), "合计 | 12");
    }
}
