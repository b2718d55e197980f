//! Every label the page shows that the core owns, in Chinese and English, gathered from the
//! types that own them: classes, audit actions, encodings, file-failure reasons, overrides,
//! sort keys, formats, delimiters, record kinds and the record vocabularies. A front end reads
//! [`vocabulary`] once and keeps no copy.
//!
//! The record vocabularies have a stable English code and a Chinese term (their `en` is the
//! code).

use crate::audit::Action;
use crate::ingest::{notes, FileError, Format, TextEncoding};
use crate::policy::Class;
use crate::records::*;
use crate::results::SortKey;
use crate::score::Override;
use serde::Serialize;

/// A term: its code as the API takes and gives it, and its words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term<C> {
    /// The code (an enum's serde name, a letter, a reason code…).
    pub code: C,
    /// In Chinese.
    pub zh: String,
    /// In English.
    pub en: String,
}

fn term<C>(code: C, zh: &str, en: &str) -> Term<C> {
    Term {
        code,
        zh: zh.to_string(),
        en: en.to_string(),
    }
}

/// A risk class (or none) with its number as `classes()` gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassTerm {
    /// 0 for none, 1–4 for A–D (the values of `Workspace.classes()`).
    pub code: u8,
    /// `A`–`D`, or `-` for none.
    pub letter: &'static str,
    /// The class's Chinese label (`A类（低风险）`).
    pub zh: String,
    /// The class's English label.
    pub en: String,
    /// The risk level alone (`低风险`).
    pub risk_zh: &'static str,
    /// The risk level alone (`low risk`).
    pub risk_en: &'static str,
}

/// An audit action.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionTerm {
    /// The action's code.
    pub code: Action,
    /// In Chinese.
    pub zh: &'static str,
    /// In English.
    pub en: &'static str,
    /// Whether it is an objection on a record (`Workspace.object`), not a class adjustment.
    pub objection: bool,
}

/// The closed vocabularies of the records: code and Chinese term of every value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordVocabularies {
    /// 市场主体类型.
    pub entity_type: Vec<Term<&'static str>>,
    /// 登记状态.
    pub reg_status: Vec<Term<&'static str>>,
    /// 许可证状态.
    pub licence_status: Vec<Term<&'static str>>,
    /// 程序类型.
    pub procedure: Vec<Term<&'static str>>,
    /// 处罚种类.
    pub penalty_kind: Vec<Term<&'static str>>,
    /// 违法领域.
    pub domain: Vec<Term<&'static str>>,
    /// 检查类型.
    pub inspection_kind: Vec<Term<&'static str>>,
    /// 检查结果.
    pub inspection_result: Vec<Term<&'static str>>,
    /// 名单类型.
    pub list_kind: Vec<Term<&'static str>>,
    /// 列入原因.
    pub list_reason: Vec<Term<&'static str>>,
    /// 核查结果 of commitments.
    pub commitment_outcome: Vec<Term<&'static str>>,
    /// 投诉 / 举报.
    pub complaint_kind: Vec<Term<&'static str>>,
}

/// Every label of the core a front end shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    /// The classes A–D, lowest risk first.
    pub classes: Vec<ClassTerm>,
    /// No class (code 0, letter `-`).
    pub unclassified: ClassTerm,
    /// The audit actions, the objections first.
    pub audit_actions: Vec<ActionTerm>,
    /// The text encodings a file may be read in (`LoadOptions.encoding`).
    pub encodings: Vec<Term<TextEncoding>>,
    /// The file formats (`LoadOptions.format`).
    pub formats: Vec<Term<Format>>,
    /// The delimiters detected in delimited text (`LoadOptions.delimiter`).
    pub delimiters: Vec<Term<String>>,
    /// The `reason` codes of a file that cannot be loaded.
    pub file_failures: Vec<Term<&'static str>>,
    /// The overrides that set a class (`Explanation.override.rule`).
    pub overrides: Vec<Term<Override>>,
    /// The sort keys of `Workspace.order`.
    pub sort_keys: Vec<Term<&'static str>>,
    /// The record kinds with their Chinese names (`en` is the code).
    pub record_kinds: Vec<Term<RecordKind>>,
    /// The record vocabularies.
    pub records: RecordVocabularies,
    /// The load report's notes: warning and skip reasons, and the headings of its warnings,
    /// skipped rows and conflicts.
    pub load_notes: Vec<Term<&'static str>>,
    /// Why an enterprise is in an inspection plan (`PlanVisit.why`).
    pub plan_why: Vec<Term<&'static str>>,
    /// The triggers that make a check mandatory (`PlanSummary.triggers`).
    pub plan_triggers: Vec<Term<&'static str>>,
    /// Whether a check's result was published in time (`PlanOutcome.publication`, the status
    /// column of `planResultsCsv`): `on_time`, `late`, `overdue`, `pending`.
    pub plan_publication: Vec<Term<&'static str>>,
    /// The features a scorecard is fitted on, in column order, with their kind
    /// (docs/RULES.md §18.3).
    pub model_features: Vec<crate::model::features::FeatureInfo>,
    /// The events that make an enterprise bad after T (`Backtest.outcomeKinds`).
    pub outcome_kinds: Vec<Term<&'static str>>,
    /// How an indicator changed between two dates (`IndicatorChange.change`).
    pub indicator_changes: Vec<Term<&'static str>>,
    /// Why a feature left a scorecard (`ScorecardDropped.reason`).
    pub scorecard_dropped: Vec<Term<&'static str>>,
}

/// The headings of a load report's notes (besides the reasons of [`notes::WARNING_REASONS`] and
/// [`notes::SKIP_REASONS`]).
const LOAD_HEADINGS: [(&str, &str, &str); 5] = [
    ("warnings", "警告（已接受）", "warnings (accepted)"),
    ("skipped", "跳过的行", "skipped rows"),
    ("conflicts", "冲突的重复登记", "conflicting repeats"),
    ("kept", "保留的行", "line kept"),
    ("repeat", "未载入的重复行", "repeat, not loaded"),
];

fn class_term(c: Class) -> ClassTerm {
    ClassTerm {
        code: c as u8,
        letter: c.letter(),
        zh: c.zh().to_string(),
        en: format!("class {} ({})", c.letter(), c.risk_en()),
        risk_zh: c.risk_zh(),
        risk_en: c.risk_en(),
    }
}

/// Every override, each named once here and checked complete by [`override_index`].
const OVERRIDES: [Override; 4] = [
    Override::None,
    Override::SeriousList,
    Override::AbnormalList,
    Override::Manual,
];

/// The place of an override in [`OVERRIDES`]; a new variant does not compile until listed.
#[cfg(test)]
fn override_index(o: Override) -> usize {
    match o {
        Override::None => 0,
        Override::SeriousList => 1,
        Override::AbnormalList => 2,
        Override::Manual => 3,
    }
}

/// The sort keys as `Workspace.order` takes them, with their words; a new variant does not
/// compile until named here.
fn sort_key_words(k: SortKey) -> (&'static str, &'static str, &'static str) {
    match k {
        SortKey::Score => ("score", "分数", "Score"),
        SortKey::Class => ("class", "等级", "Class"),
        SortKey::Uscc => ("uscc", "统一社会信用代码", "USCC"),
        SortKey::Name => ("name", "名称", "Name"),
        SortKey::Region => ("region", "区域", "Region"),
    }
}

const SORT_KEYS: [SortKey; 5] = [
    SortKey::Score,
    SortKey::Class,
    SortKey::Uscc,
    SortKey::Name,
    SortKey::Region,
];

fn format_words(f: Format) -> (&'static str, &'static str) {
    match f {
        Format::Csv => ("分隔文本（CSV、TSV 等）", "delimited text (CSV, TSV…)"),
        Format::Xlsx => ("XLSX 工作簿", "XLSX workbook"),
        Format::Xls => (
            "XLS 工作簿（Excel 97–2003）",
            "XLS workbook (Excel 97–2003)",
        ),
        Format::Ods => (
            "ODS 电子表格（OpenDocument）",
            "ODS spreadsheet (OpenDocument)",
        ),
        Format::Json => ("JSON 或 JSON Lines", "JSON or JSON Lines"),
        Format::Parquet => (
            "Parquet（仅命令行工具）",
            "Parquet (command-line tool only)",
        ),
    }
}

/// The delimiters [`crate::ingest::csv_stream::detect_delimiter`] chooses from, with their names.
const DELIMITERS: [(u8, &str, &str); 4] = [
    (b',', "逗号", "comma"),
    (b'\t', "制表符", "tab"),
    (b';', "分号", "semicolon"),
    (b'|', "竖线", "bar"),
];

fn terms<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    zh: fn(T) -> &'static str,
) -> Vec<Term<&'static str>> {
    all.iter().map(|&v| term(code(v), zh(v), code(v))).collect()
}

macro_rules! vocab_terms {
    ($t:ty) => {
        terms(<$t>::ALL, <$t>::code, <$t>::zh)
    };
}

/// Every label of the core a front end shows, in Chinese and English.
pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        classes: Class::ALL.into_iter().map(class_term).collect(),
        unclassified: ClassTerm {
            code: 0,
            letter: crate::policy::class_letter(None),
            zh: Class::UNCLASSIFIED_ZH.to_string(),
            en: Class::UNCLASSIFIED_EN.to_string(),
            risk_zh: Class::UNCLASSIFIED_ZH,
            risk_en: Class::UNCLASSIFIED_EN,
        },
        audit_actions: Action::ALL
            .into_iter()
            .map(|a| ActionTerm {
                code: a,
                zh: a.zh(),
                en: a.en(),
                objection: a.is_objection(),
            })
            .collect(),
        encodings: TextEncoding::ALL
            .into_iter()
            .map(|e| term(e, e.name(), e.name()))
            .collect(),
        formats: Format::ALL
            .into_iter()
            .map(|f| {
                let (zh, en) = format_words(f);
                term(f, zh, en)
            })
            .collect(),
        delimiters: DELIMITERS
            .iter()
            .map(|&(d, zh, en)| term((d as char).to_string(), zh, en))
            .collect(),
        file_failures: FileError::REASONS
            .iter()
            .map(|&(code, zh, en)| term(code, zh, en))
            .collect(),
        overrides: OVERRIDES
            .into_iter()
            .map(|o| term(o, o.zh(), o.en()))
            .collect(),
        sort_keys: SORT_KEYS
            .into_iter()
            .map(|k| {
                let (code, zh, en) = sort_key_words(k);
                term(code, zh, en)
            })
            .collect(),
        record_kinds: RecordKind::EVERY
            .into_iter()
            .map(|k| term(k, k.zh(), k.code()))
            .collect(),
        records: RecordVocabularies {
            entity_type: vocab_terms!(EntityType),
            reg_status: vocab_terms!(RegStatus),
            licence_status: vocab_terms!(LicenceStatus),
            procedure: vocab_terms!(Procedure),
            penalty_kind: vocab_terms!(PenaltyKind),
            domain: vocab_terms!(Domain),
            inspection_kind: vocab_terms!(InspectionKind),
            inspection_result: vocab_terms!(InspectionResult),
            list_kind: vocab_terms!(ListKind),
            list_reason: vocab_terms!(ListReason),
            commitment_outcome: vocab_terms!(CommitmentOutcome),
            complaint_kind: vocab_terms!(ComplaintKind),
        },
        load_notes: notes::WARNING_REASONS
            .iter()
            .chain(&notes::SKIP_REASONS)
            .chain(&LOAD_HEADINGS)
            .map(|&(code, zh, en)| term(code, zh, en))
            .collect(),
        plan_why: vec![
            term("drawn", "随机抽取", "drawn at random"),
            term("full_coverage", "全覆盖群体", "100 % group"),
            term("trigger", "必查", "must be checked"),
        ],
        plan_triggers: crate::plan::Trigger::ALL
            .iter()
            .map(|t| term(t.code(), t.zh(), t.en()))
            .collect(),
        plan_publication: crate::plan::Publication::ALL
            .iter()
            .map(|p| term(p.code(), p.zh(), p.en()))
            .collect(),
        model_features: crate::model::features::catalogue(),
        outcome_kinds: crate::model::outcome::OutcomeKind::ALL
            .iter()
            .map(|k| term(k.code(), k.zh(), k.en()))
            .collect(),
        indicator_changes: vec![
            term("appeared", "新增", "appeared"),
            term("disappeared", "消失", "disappeared"),
            term("changed", "变化", "changed"),
        ],
        scorecard_dropped: crate::model::scorecard::select::DROPPED_TERMS
            .iter()
            .map(|&(c, zh, en)| term(c, zh, en))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::csv_stream::detect_delimiter;
    use serde_json::Value;

    fn json() -> Value {
        serde_json::to_value(vocabulary()).unwrap()
    }

    #[test]
    fn classes_carry_codes_letters_and_both_languages() {
        let v = vocabulary();
        let letters: Vec<_> = v.classes.iter().map(|c| c.letter).collect();
        assert_eq!(letters, ["A", "B", "C", "D"]);
        for c in &v.classes {
            let class = Class::from_code(c.code).unwrap();
            assert_eq!((c.letter, c.zh.as_str()), (class.letter(), class.zh()));
            assert!(c.zh.contains(c.risk_zh) && c.en.contains(c.risk_en));
        }
        assert_eq!((v.unclassified.code, v.unclassified.letter), (0, "-"));
        assert_eq!(Class::from_code(v.unclassified.code), None);
        assert_eq!(json()["classes"][0]["riskZh"], "低风险");
    }

    #[test]
    fn every_code_is_one_the_api_takes() {
        let v = vocabulary();
        for a in &v.audit_actions {
            let code = serde_json::to_value(a.code).unwrap();
            assert_eq!(Action::parse(code.as_str().unwrap()), Some(a.code));
            assert_eq!(a.objection, a.code != Action::AdjustClass);
        }
        for e in &v.encodings {
            assert_eq!(TextEncoding::parse(e.code.label()), Some(e.code));
        }
        for k in &v.sort_keys {
            assert!(SortKey::parse(k.code).is_some(), "{}", k.code);
        }
        for (i, o) in OVERRIDES.into_iter().enumerate() {
            assert_eq!(override_index(o), i);
        }
        for k in &v.record_kinds {
            assert_eq!(RecordKind::parse(k.en.as_str()), Some(k.code));
        }
        let j = json();
        assert_eq!(j["auditActions"][0]["code"], "dispute");
        assert_eq!(j["encodings"][1]["code"], "gb18030");
        assert_eq!(j["formats"][0]["code"], "csv");
        assert_eq!(j["overrides"][1]["code"], "serious_list");
        assert_eq!(j["recordKinds"][0]["code"], "registration");
        assert_eq!(j["records"]["inspectionResult"][0]["zh"], "未发现问题");
        assert_eq!(j["fileFailures"][0]["code"], "empty");
        for (t, p) in v.plan_publication.iter().zip(crate::plan::Publication::ALL) {
            assert_eq!(serde_json::to_value(p).unwrap(), t.code);
        }
        assert_eq!(j["planPublication"][2]["zh"], "逾期未公示");
    }

    #[test]
    fn the_delimiters_are_those_detection_chooses() {
        for d in &vocabulary().delimiters {
            let line = format!("a{0}b{0}c", d.code);
            assert_eq!((detect_delimiter(&line) as char).to_string(), d.code);
        }
    }

    #[test]
    fn every_file_error_reason_is_named_once() {
        let f = || "f".to_string();
        let all = [
            FileError::Empty { file: f() },
            FileError::UnknownKind {
                file: f(),
                headers: vec![],
            },
            FileError::MissingColumns {
                file: f(),
                kind: "penalty",
                missing: f(),
                headers: vec![],
            },
            FileError::Encoding { file: f() },
            FileError::Csv {
                file: f(),
                line: 1,
                message: f(),
            },
            FileError::NotText {
                file: f(),
                what: f(),
            },
            FileError::Spreadsheet {
                file: f(),
                message: f(),
            },
            FileError::Json {
                file: f(),
                line: 1,
                message: f(),
            },
            FileError::Limit {
                file: f(),
                sheet: None,
                what: f(),
            },
            FileError::TooLarge {
                file: f(),
                size: 2,
                limit: 1,
            },
            FileError::Cancelled { file: f() },
            FileError::Read {
                file: f(),
                message: f(),
            },
        ];
        let listed: Vec<&str> = FileError::REASONS.iter().map(|r| r.0).collect();
        let reasons: Vec<&str> = all.iter().map(FileError::reason).collect();
        assert_eq!(listed, reasons);
    }
}
