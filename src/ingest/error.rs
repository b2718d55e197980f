//! Errors of loading: one bad row ([`RowError`]) or a file that cannot be read ([`FileError`]).

use crate::uscc::UsccError;
use serde::Serialize;
use std::fmt;

/// Why a row was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RowProblem {
    /// The USCC is not valid.
    #[error("invalid USCC: {0}")]
    Uscc(#[from] UsccError),
    /// A required value is empty.
    #[error("required value is empty")]
    Missing,
    /// Not a date in a known form.
    #[error("not a date (expected e.g. 2023-01-05, 2023/1/5, 20230105 or 2023年1月5日)")]
    Date,
    /// A date in a known form, outside the range dates are read in.
    #[error(
        "date outside {} – {}",
        crate::date::MIN_DATE_TEXT,
        crate::date::MAX_DATE_TEXT
    )]
    DateRange,
    /// Not a number.
    #[error("not a number")]
    Number,
    /// A number larger than amounts are read up to.
    #[error("amount larger than {} yuan", crate::ingest::value::MAX_AMOUNT_TEXT)]
    AmountRange,
    /// Not a yes/no value.
    #[error("not a yes/no value (expected 是/否, Y/N, true/false or 1/0)")]
    Bool,
    /// Not one of the accepted terms.
    #[error("not an accepted term; accepted: {0}")]
    Term(String),
    /// The bytes are not valid text in the file's encoding.
    #[error("not valid text in the file's encoding (invalid byte sequence)")]
    Encoding,
    /// The row has a different number of fields than the header.
    #[error("row has {found} fields but the header has {expected}")]
    FieldCount {
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A value outside the range the field allows.
    #[error("out of range: {0}")]
    Range(&'static str),
    /// One entry of a list written in a cell (a 回避对象, a 行业代码) has a problem.
    #[error("entry {entry:?}: {problem}")]
    Entry {
        /// The entry as written.
        entry: String,
        /// Its problem.
        problem: Box<RowProblem>,
    },
    /// Not a GB/T 4754-2017 section letter or industry code.
    #[error(
        "not a GB/T 4754-2017 section letter (A–T) or industry code (e.g. F52, F5212 or 5212)"
    )]
    Industry,
    /// The id of a roster or item-list entry (执法证号, 事项编码) is held already with other
    /// content: the first entry read is kept.
    #[error("{}", duplicate_id_en(file, *line))]
    DuplicateId {
        /// The file the entry held was read from, when known.
        file: Option<String>,
        /// Its line (0 when not read from a file).
        line: u64,
    },
}

fn duplicate_id_en(file: &Option<String>, line: u64) -> String {
    let at = match file {
        Some(f) => format!(" ({f}, line {line})"),
        None if line > 0 => format!(" (line {line})"),
        None => String::new(),
    };
    format!("the id is already held{at} with different content: the entry read first is kept")
}

impl RowProblem {
    /// A stable short code for the problem.
    pub fn code(&self) -> &'static str {
        match self {
            RowProblem::Uscc(_) => "uscc",
            RowProblem::Missing => "missing",
            RowProblem::Date => "date",
            RowProblem::DateRange => "date_range",
            RowProblem::Number => "number",
            RowProblem::AmountRange => "amount_range",
            RowProblem::Bool => "bool",
            RowProblem::Term(_) => "term",
            RowProblem::Encoding => "encoding",
            RowProblem::FieldCount { .. } => "field_count",
            RowProblem::Range(_) => "range",
            RowProblem::Entry { problem, .. } => problem.code(),
            RowProblem::Industry => "industry",
            RowProblem::DuplicateId { .. } => "duplicate_id",
        }
    }

    /// The reason in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            RowProblem::Uscc(UsccError::Length(n)) => {
                format!("统一社会信用代码应为18位，实为{n}位")
            }
            RowProblem::Uscc(UsccError::Charset { position, ch }) => {
                format!("统一社会信用代码第{position}位字符“{ch}”不合法")
            }
            RowProblem::Uscc(UsccError::CheckDigit { found, expected }) => {
                format!("统一社会信用代码校验位为“{found}”，应为“{expected}”")
            }
            RowProblem::Uscc(UsccError::Authority(c)) => {
                format!("统一社会信用代码第1位“{c}”不是登记管理部门代码（1–9、A、N、Y）")
            }
            RowProblem::Uscc(UsccError::Category {
                authority,
                category,
                allowed,
            }) => format!(
                "统一社会信用代码第2位“{category}”不是登记管理部门“{authority}”的机构类别（可为 {allowed}）"
            ),
            RowProblem::Uscc(UsccError::Region(r)) => {
                format!("统一社会信用代码第3–8位“{r}”不是六位数字的行政区划码")
            }
            RowProblem::Missing => "必填项为空".into(),
            RowProblem::Date => {
                "不是有效日期（应如 2023-01-05、2023/1/5、20230105、2023年1月5日）".into()
            }
            RowProblem::DateRange => format!(
                "日期超出可读范围（{} 至 {}）",
                crate::date::MIN_DATE_TEXT,
                crate::date::MAX_DATE_TEXT
            ),
            RowProblem::Number => "不是有效数字".into(),
            RowProblem::AmountRange => format!(
                "金额超出可读范围（不超过 {} 元）",
                crate::ingest::value::MAX_AMOUNT_TEXT
            ),
            RowProblem::Bool => "不是有效的是/否值（应为 是/否、Y/N、true/false、1/0）".into(),
            RowProblem::Term(accepted) => format!("不是可识别的取值；可用：{accepted}"),
            RowProblem::Encoding => "不是该文件编码的有效文本（含无效字节序列）".into(),
            RowProblem::FieldCount { found, expected } => {
                format!("本行有{found}列，表头有{expected}列")
            }
            RowProblem::Range(what) => format!("超出范围：{what}"),
            RowProblem::Entry { entry, problem } => {
                format!("“{entry}”：{}", problem.message_zh())
            }
            RowProblem::Industry => {
                "不是 GB/T 4754-2017 的门类字母（A–T）或行业代码（如 F52、F5212、5212）".into()
            }
            RowProblem::DuplicateId { file, line } => {
                let at = match file {
                    Some(f) => format!("（{f} 第{line}行）"),
                    None if *line > 0 => format!("（第{line}行）"),
                    None => String::new(),
                };
                format!("编号已存在{at}且内容不同：以先读入者为准")
            }
        }
    }
}

/// A rejected row: where it is, what was there, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowError {
    /// File name as given by the caller.
    pub file: String,
    /// Sheet name, for spreadsheets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// 1-based line where the row starts, as an editor shows it (for spreadsheets, the row
    /// number Excel shows).
    pub line: u64,
    /// 1-based data row (the header is not counted).
    pub record: u64,
    /// The header of the offending column as written in the file; empty for whole-row problems.
    pub column: String,
    /// The raw value.
    pub value: String,
    /// Stable problem code.
    pub reason: &'static str,
    /// The reason in English.
    pub message: String,
    /// The reason in Chinese.
    #[serde(rename = "messageZh")]
    pub message_zh: String,
    /// Every field of the row as read, to export the row for fixing.
    #[serde(skip)]
    pub raw: Vec<String>,
    /// The typed problem.
    #[serde(skip)]
    pub problem: RowProblem,
}

impl RowError {
    /// The same row and column with another problem.
    pub(crate) fn with_problem(mut self, problem: RowProblem) -> Self {
        self.reason = problem.code();
        self.message = problem.to_string();
        self.message_zh = problem.message_zh();
        self.problem = problem;
        self
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(s) = &self.sheet {
            write!(f, " [{s}]")?;
        }
        write!(f, ": line {}", self.line)?;
        if !self.column.is_empty() {
            write!(f, ", column {}", self.column)?;
        }
        if !self.value.is_empty() {
            write!(f, ", value {:?}", self.value)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A file that cannot be loaded at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// The file has no header row.
    #[error("{file}: the file is empty or has no header row")]
    Empty {
        /// File name.
        file: String,
    },
    /// No record kind could be recognised from the headers.
    #[error("{file}: cannot tell the kind of records from the headers ({}); name the kind or map the headers", headers.join(", "))]
    UnknownKind {
        /// File name.
        file: String,
        /// The headers found (empty when the file has no header row).
        headers: Vec<String>,
    },
    /// Required columns are missing.
    #[error("{file}: missing required column(s) for {kind}: {missing}")]
    MissingColumns {
        /// File name.
        file: String,
        /// Record kind code.
        kind: &'static str,
        /// Missing columns as `key/中文`.
        missing: String,
        /// The headers found.
        headers: Vec<String>,
    },
    /// The header row is not UTF-8 text (e.g. a binary file or another encoding).
    #[error("{file}: the header row is not UTF-8 text (binary file or another encoding?)")]
    Encoding {
        /// File name.
        file: String,
    },
    /// The CSV reader failed.
    #[error("{file}: line {line}: {message}")]
    Csv {
        /// File name.
        file: String,
        /// 1-based line.
        line: u64,
        /// What the reader said.
        message: String,
    },
    /// The file is binary or not the format it claims.
    #[error("{file}: not a text table ({what})")]
    NotText {
        /// File name.
        file: String,
        /// What it looks like.
        what: String,
    },
    /// A spreadsheet that cannot be read.
    #[error("{file}: cannot read the spreadsheet: {message}")]
    Spreadsheet {
        /// File name.
        file: String,
        /// What the reader said.
        message: String,
    },
    /// JSON that cannot be read.
    #[error("{file}: line {line}: not valid JSON: {message}")]
    Json {
        /// File name.
        file: String,
        /// 1-based line.
        line: u64,
        /// What the parser said.
        message: String,
    },
    /// The file is larger than a limit set for it (a workbook's parts or cells, see
    /// [`super::LoadOptions`]).
    #[error("{file}{}: too large to read: {what}", sheet.as_ref().map(|s| format!(" [{s}]")).unwrap_or_default())]
    Limit {
        /// File name.
        file: String,
        /// The sheet, when the limit was reached in one.
        sheet: Option<String>,
        /// Which limit, and what the file holds.
        what: String,
    },
    /// The file is larger than the browser can hold ([`super::LoadOptions::max_file_bytes`]).
    #[error("{file}: too large for the browser: use the command-line tool ({size} bytes; the browser loads at most {limit})")]
    TooLarge {
        /// File name.
        file: String,
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The caller cancelled the load.
    #[error("{file}: cancelled")]
    Cancelled {
        /// File name.
        file: String,
    },
    /// The file could not be read from disk (native loading by path).
    #[error("{file}: cannot read the file: {message}")]
    Read {
        /// File name.
        file: String,
        /// What the system said.
        message: String,
    },
    /// A Parquet file that cannot be read (or, in the browser, a Parquet file at all).
    #[error("{file}: cannot read the Parquet file: {message}")]
    Parquet {
        /// File name.
        file: String,
        /// What the reader said.
        message: String,
    },
}

impl FileError {
    /// Every [`FileError::reason`] code with a short description: code, Chinese, English.
    pub const REASONS: [(&'static str, &'static str, &'static str); 13] = [
        (
            "empty",
            "文件为空或没有表头行",
            "empty file or no header row",
        ),
        (
            "unknown_kind",
            "无法从表头判断记录类型",
            "record kind not recognised from the headers",
        ),
        ("missing_columns", "缺少必填列", "required columns missing"),
        (
            "encoding",
            "表头不是可识别的文本（编码不符）",
            "header row not readable text (wrong encoding)",
        ),
        ("csv", "无法读取此文本文件", "the text file cannot be read"),
        ("not_text", "不是文本表格", "not a text table"),
        ("spreadsheet", "无法读取电子表格", "spreadsheet unreadable"),
        ("json", "不是有效的 JSON", "invalid JSON"),
        (
            "limit",
            "文件超出读取限制（解压后大小或单元格数）",
            "over a reading limit (decompressed size or cells)",
        ),
        (
            "too_large",
            "文件太大，浏览器无法载入：请使用命令行工具",
            "too large for the browser: use the command-line tool",
        ),
        ("cancelled", "已取消", "cancelled"),
        ("read", "无法读取文件", "the file cannot be read"),
        (
            "parquet",
            "无法读取 Parquet 文件",
            "the Parquet file cannot be read",
        ),
    ];

    /// A stable code for the kind of problem.
    pub fn reason(&self) -> &'static str {
        match self {
            FileError::Empty { .. } => "empty",
            FileError::UnknownKind { .. } => "unknown_kind",
            FileError::MissingColumns { .. } => "missing_columns",
            FileError::Encoding { .. } => "encoding",
            FileError::Csv { .. } => "csv",
            FileError::NotText { .. } => "not_text",
            FileError::Spreadsheet { .. } => "spreadsheet",
            FileError::Json { .. } => "json",
            FileError::Limit { .. } => "limit",
            FileError::TooLarge { .. } => "too_large",
            FileError::Cancelled { .. } => "cancelled",
            FileError::Read { .. } => "read",
            FileError::Parquet { .. } => "parquet",
        }
    }

    /// The headers of the file, when the error is about them.
    pub fn headers(&self) -> &[String] {
        match self {
            FileError::UnknownKind { headers, .. } | FileError::MissingColumns { headers, .. } => {
                headers
            }
            _ => &[],
        }
    }

    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        let f = self.file();
        match self {
            FileError::Empty { .. } => format!("{f}：文件为空或没有表头行"),
            FileError::UnknownKind { headers, .. } if headers.is_empty() => {
                format!("{f}：文件没有表头行，请指定记录类型")
            }
            FileError::UnknownKind { headers, .. } => format!(
                "{f}：无法根据表头（{}）判断记录类型，请指定类型或设置表头映射",
                headers.join("，")
            ),
            FileError::MissingColumns { kind, missing, .. } => {
                let zh = crate::records::RecordKind::parse(kind).map_or(*kind, |k| k.zh());
                format!("{f}：缺少{zh}的必填列：{missing}")
            }
            FileError::Encoding { .. } => {
                format!("{f}：表头不是可识别的文本（二进制文件或其他编码？）")
            }
            FileError::Csv { line, message, .. } => format!("{f}：第{line}行：{message}"),
            FileError::NotText { what, .. } => format!("{f}：不是文本表格（{what}）"),
            FileError::Spreadsheet { message, .. } => format!("{f}：无法读取电子表格：{message}"),
            FileError::Json { line, message, .. } => {
                format!("{f}：第{line}行：不是有效的 JSON：{message}")
            }
            FileError::Limit { sheet, what, .. } => {
                let s = sheet.as_ref().map(|s| format!("［{s}］")).unwrap_or_default();
                format!("{f}{s}：文件超出读取限制：{what}")
            }
            FileError::TooLarge { size, limit, .. } => format!(
                "{f}：文件太大，浏览器无法载入：请使用命令行工具（{size}字节；浏览器最多载入{limit}字节）"
            ),
            FileError::Cancelled { .. } => format!("{f}：已取消"),
            FileError::Read { message, .. } => format!("{f}：无法读取文件：{message}"),
            FileError::Parquet { message, .. } => {
                format!("{f}：无法读取 Parquet 文件：{message}")
            }
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            FileError::Empty { file }
            | FileError::UnknownKind { file, .. }
            | FileError::MissingColumns { file, .. }
            | FileError::Encoding { file }
            | FileError::Csv { file, .. }
            | FileError::NotText { file, .. }
            | FileError::Spreadsheet { file, .. }
            | FileError::Json { file, .. }
            | FileError::Limit { file, .. }
            | FileError::TooLarge { file, .. }
            | FileError::Cancelled { file }
            | FileError::Read { file, .. }
            | FileError::Parquet { file, .. } => file,
        }
    }

    /// The 1-based line, when the error is about one.
    pub fn line(&self) -> Option<u64> {
        match self {
            FileError::Csv { line, .. } | FileError::Json { line, .. } => Some(*line),
            FileError::Empty { .. }
            | FileError::UnknownKind { .. }
            | FileError::MissingColumns { .. }
            | FileError::Encoding { .. } => Some(1),
            FileError::Cancelled { .. }
            | FileError::Limit { .. }
            | FileError::TooLarge { .. }
            | FileError::Read { .. }
            | FileError::Parquet { .. }
            | FileError::NotText { .. }
            | FileError::Spreadsheet { .. } => None,
        }
    }
}
