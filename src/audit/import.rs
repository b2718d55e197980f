//! Loading an exported audit trail back: the JSON export (an array of entries) or the CSV
//! export (UTF-8, with or without BOM, the export's Chinese header).
//!
//! Every entry is checked field by field before anything is applied; the first problem is
//! returned with the entry's position (1-based, as in the file), the field and why. An entry
//! that names an enterprise or a record the store does not hold is refused, not dropped: the
//! trail must be loaded into a workspace holding the same records it was made on.

use super::trail::{Action, AuditEntry, AuditTrail};
use crate::date::parse_date;
use crate::policy::Class;
use crate::records::RecordKind;
use crate::store::Store;
use crate::uscc::Uscc;
use serde_json::Value;

/// Why an imported trail was refused: which entry, which field, why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct ImportError {
    /// The entry's position in the file, 1-based (0: the file as a whole).
    pub entry: usize,
    /// The field at fault: the JSON key (`recordKind`) or the CSV header (`记录类型`).
    pub field: Option<String>,
    /// The line of the CSV file where the entry starts (1-based; the header is line 1).
    pub line: Option<u64>,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    fn file(message: impl Into<String>) -> Self {
        ImportError {
            entry: 0,
            field: None,
            line: None,
            message: message.into(),
        }
    }

    fn describe(&self) -> String {
        let mut s = String::from("audit trail");
        if self.entry > 0 {
            s.push_str(&format!(" entry {}", self.entry));
        }
        if let Some(l) = self.line {
            s.push_str(&format!(" (line {l})"));
        }
        if let Some(f) = &self.field {
            s.push_str(&format!(", field {f}"));
        }
        format!("{s}: {}", self.message)
    }

    /// The JSON path of the fault: `[2].recordKind` for the third entry's record kind (0-based
    /// index as in JSON), `[2]` for the entry, empty for the whole file.
    pub fn path(&self) -> String {
        match (self.entry, &self.field) {
            (0, _) => String::new(),
            (n, Some(f)) => format!("[{}].{f}", n - 1),
            (n, None) => format!("[{}]", n - 1),
        }
    }
}

/// The fields of an entry: JSON key, CSV header (the order of [`super::to_csv`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Seq,
    At,
    Timestamp,
    Who,
    Action,
    Uscc,
    RecordKind,
    Record,
    Correction,
    ClassFrom,
    ClassTo,
    Reason,
}

impl Field {
    const ALL: [Field; 12] = [
        Field::Seq,
        Field::At,
        Field::Timestamp,
        Field::Who,
        Field::Action,
        Field::Uscc,
        Field::RecordKind,
        Field::Record,
        Field::Correction,
        Field::ClassFrom,
        Field::ClassTo,
        Field::Reason,
    ];

    fn key(self) -> &'static str {
        match self {
            Field::Seq => "seq",
            Field::At => "at",
            Field::Timestamp => "timestamp",
            Field::Who => "who",
            Field::Action => "action",
            Field::Uscc => "uscc",
            Field::RecordKind => "recordKind",
            Field::Record => "record",
            Field::Correction => "correction",
            Field::ClassFrom => "classFrom",
            Field::ClassTo => "classTo",
            Field::Reason => "reason",
        }
    }

    fn header(self) -> &'static str {
        super::export::CSV_HEADER[self as usize]
    }
}

/// One entry as read, before its values are checked.
struct Raw {
    /// Position in the file, 1-based.
    entry: usize,
    /// CSV line, when read from CSV.
    line: Option<u64>,
    csv: bool,
    /// The value of each field (`None`: absent, null or an empty CSV cell).
    values: [Option<String>; 12],
}

impl Raw {
    fn err(&self, field: Field, message: impl Into<String>) -> ImportError {
        ImportError {
            entry: self.entry,
            field: Some(
                if self.csv {
                    field.header()
                } else {
                    field.key()
                }
                .to_string(),
            ),
            line: self.line,
            message: message.into(),
        }
    }

    fn get(&self, f: Field) -> Option<&str> {
        self.values[f as usize].as_deref()
    }

    fn required(&self, f: Field) -> Result<&str, ImportError> {
        match self.get(f) {
            Some(v) if !v.trim().is_empty() => Ok(v),
            _ => Err(self.err(f, "is required")),
        }
    }

    fn absent(&self, f: Field, why: &str) -> Result<(), ImportError> {
        match self.get(f) {
            Some(v) if !v.is_empty() => Err(self.err(f, format!("must be empty: {why}"))),
            _ => Ok(()),
        }
    }

    fn class(&self, f: Field) -> Result<Option<Class>, ImportError> {
        Ok(match self.get(f).map(str::trim) {
            None | Some("") | Some("-") => None,
            Some(other) => match Class::from_letter(other) {
                Some(c) => Some(c),
                None => {
                    return Err(self.err(f, format!("{other:?} is not a class (A, B, C, D or -)")))
                }
            },
        })
    }
}

/// Reads the entries of an exported trail (JSON or CSV, detected from the first character),
/// checking the form of every value but not yet the store.
fn read(bytes: &[u8]) -> Result<Vec<Raw>, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ImportError::file(format!("not UTF-8 text ({e})")))?;
    match text.trim_start().chars().next() {
        None => Err(ImportError::file("the file is empty")),
        Some('[') => read_json(text),
        Some(_) => read_csv(text),
    }
}

fn read_json(text: &str) -> Result<Vec<Raw>, ImportError> {
    let list: Vec<Value> = serde_json::from_str(text).map_err(|e| {
        ImportError::file(format!(
            "not a JSON array of audit entries (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })?;
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let entry = i + 1;
            let Value::Object(map) = v else {
                return Err(ImportError {
                    entry,
                    field: None,
                    line: None,
                    message: "an entry must be a JSON object".into(),
                });
            };
            if let Some(k) = map
                .keys()
                .find(|k| !Field::ALL.iter().any(|f| f.key() == k.as_str()))
            {
                let known: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                return Err(ImportError {
                    entry,
                    field: Some(k.clone()),
                    line: None,
                    message: format!("unknown field; known: {}", known.join(", ")),
                });
            }
            let mut raw = Raw {
                entry,
                line: None,
                csv: false,
                values: Default::default(),
            };
            for f in Field::ALL {
                raw.values[f as usize] = match map.get(f.key()) {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Number(n)) if f == Field::Seq => Some(n.to_string()),
                    Some(other) => {
                        return Err(raw.err(f, format!("expected text or null, found {other}")))
                    }
                };
            }
            Ok(raw)
        })
        .collect()
}

fn read_csv(text: &str) -> Result<Vec<Raw>, ImportError> {
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = rd
        .headers()
        .map_err(|e| ImportError::file(format!("not a CSV file: {e}")))?
        .clone();
    let want = super::export::CSV_HEADER;
    if header.iter().map(str::trim).ne(want.iter().copied()) {
        return Err(ImportError::file(format!(
            "neither a JSON array nor the audit CSV export: the header must be {}",
            want.join(",")
        )));
    }
    // The line where a record starts (1-based), counted from its byte offset, which may point
    // at the line end before it.
    let line_at = |byte: u64| {
        let b = text.as_bytes();
        let mut end = (byte as usize).min(b.len());
        while end < b.len() && matches!(b[end], b'\r' | b'\n') {
            end += 1;
        }
        1 + b[..end].iter().filter(|&&c| c == b'\n').count() as u64
    };
    let mut out = Vec::new();
    for (i, rec) in rd.records().enumerate() {
        let entry = i + 1;
        let rec = rec.map_err(|e| ImportError {
            entry,
            field: None,
            line: e.position().map(|p| line_at(p.byte())),
            message: format!("unreadable CSV row: {e}"),
        })?;
        let line = rec.position().map(|p| line_at(p.byte()));
        if rec.len() != want.len() {
            return Err(ImportError {
                entry,
                field: None,
                line,
                message: format!("{} fields, expected {}", rec.len(), want.len()),
            });
        }
        let mut raw = Raw {
            entry,
            line,
            csv: true,
            values: Default::default(),
        };
        for f in Field::ALL {
            let v = &rec[f as usize];
            // The export wrote text cells formula-safe: take off exactly the `'` it added.
            let v = crate::text::formula_restore(v);
            raw.values[f as usize] =
                (!v.is_empty() || f == Field::Timestamp).then(|| v.into_owned());
        }
        out.push(raw);
    }
    Ok(out)
}

/// Checks one read entry against the store and makes it an [`AuditEntry`].
fn entry(raw: &Raw, store: &Store) -> Result<AuditEntry, ImportError> {
    let seq_text = raw.required(Field::Seq)?;
    let seq: u32 = seq_text
        .trim()
        .parse()
        .map_err(|_| raw.err(Field::Seq, format!("{seq_text:?} is not a whole number")))?;
    if seq as usize != raw.entry {
        return Err(raw.err(
            Field::Seq,
            format!(
                "is {seq}, expected {}: entries are numbered 1, 2, 3 … in file order",
                raw.entry
            ),
        ));
    }
    let at_text = raw.required(Field::At)?;
    let at = parse_date(at_text)
        .ok_or_else(|| raw.err(Field::At, format!("{at_text:?} is not a date (YYYY-MM-DD)")))?;
    let who = raw.required(Field::Who)?.trim().to_string();
    let reason = raw.required(Field::Reason)?.trim().to_string();
    let action_text = raw.required(Field::Action)?;
    let action = Action::parse(action_text).ok_or_else(|| {
        raw.err(
            Field::Action,
            format!(
                "{action_text:?} is not an action (dispute, correct, confirm, repair, adjust_class or 异议, 更正, 确认, 信用修复, 人工调整分类)"
            ),
        )
    })?;
    let uscc_text = raw.required(Field::Uscc)?;
    let uscc = Uscc::parse(uscc_text).map_err(|e| raw.err(Field::Uscc, e.to_string()))?;
    let ent = store.find(&uscc).ok_or_else(|| {
        raw.err(
            Field::Uscc,
            format!(
                "enterprise {uscc} is not in the loaded records: load the records the trail was made on first"
            ),
        )
    })?;
    let (record_kind, record, correction, class_from, class_to) = if action == Action::AdjustClass {
        let why = "a class adjustment names no record";
        raw.absent(Field::RecordKind, why)?;
        raw.absent(Field::Record, why)?;
        raw.absent(Field::Correction, why)?;
        (
            None,
            None,
            None,
            raw.class(Field::ClassFrom)?,
            raw.class(Field::ClassTo)?,
        )
    } else {
        let why = "only a class adjustment carries classes";
        raw.absent(Field::ClassFrom, why)?;
        raw.absent(Field::ClassTo, why)?;
        let kind_text = raw.required(Field::RecordKind)?;
        let kind = RecordKind::parse(kind_text).ok_or_else(|| {
            raw.err(
                Field::RecordKind,
                format!("{kind_text:?} is not a record kind (e.g. penalty or 行政处罚)"),
            )
        })?;
        let record = raw.required(Field::Record)?.to_string();
        let correction = if action == Action::Correct {
            Some(raw.required(Field::Correction)?.to_string())
        } else {
            raw.absent(
                Field::Correction,
                "only a correction carries a corrected value",
            )?;
            None
        };
        let probe = AuditEntry {
            seq,
            at,
            timestamp: String::new(),
            who: String::new(),
            reason: String::new(),
            action,
            uscc: uscc.to_string(),
            record_kind: Some(kind),
            record: Some(record.clone()),
            correction: None,
            class_from: None,
            class_to: None,
        };
        if AuditTrail::resolve(store, ent, &probe).is_none() {
            return Err(raw.err(
                Field::Record,
                format!(
                    "no {} record of {uscc} reads {record:?}: load the records the trail was made on",
                    kind.code()
                ),
            ));
        }
        (Some(kind), Some(record), correction, None, None)
    };
    Ok(AuditEntry {
        seq,
        at,
        timestamp: raw.get(Field::Timestamp).unwrap_or("").to_string(),
        who,
        reason,
        action,
        uscc: uscc.to_string(),
        record_kind,
        record,
        correction,
        class_from,
        class_to,
    })
}

/// Reads an exported trail and checks every entry against `store` (which must be indexed).
/// Nothing is applied: see [`AuditTrail::import`].
pub fn parse_trail(bytes: &[u8], store: &Store) -> Result<Vec<AuditEntry>, ImportError> {
    read(bytes)?.iter().map(|raw| entry(raw, store)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::*;
    use crate::strpool::StrId;

    fn store() -> Store {
        let mut s = Store::new();
        let e = s.ent_id(Uscc::parse("914403001922038216").unwrap());
        s.add_list_entry(ListEntry {
            reason_text: crate::strpool::StrId(0),
            ent: e,
            list: ListKind::Abnormal,
            reason: ListReason::Unreachable,
            listed: parse_date("2024-03-01").unwrap(),
            removed: None,
            authority: StrId(0),
        });
        s.index();
        s
    }

    fn one(fields: &str) -> String {
        format!(
            r#"[{{"seq":1,"at":"2024-04-01","timestamp":"","who":"张三","reason":"复核","uscc":"914403001922038216",{fields}}}]"#
        )
    }

    #[test]
    fn errors_name_the_entry_and_field() {
        let s = store();
        let e = parse_trail(
            one(r#""action":"adjust_class","classTo":"E""#).as_bytes(),
            &s,
        )
        .unwrap_err();
        assert_eq!((e.entry, e.path().as_str()), (1, "[0].classTo"));
        assert!(
            e.to_string()
                .starts_with("audit trail entry 1, field classTo:"),
            "{e}"
        );
        let e = parse_trail(
            one(r#""action":"dispute","recordKind":"list_entry""#).as_bytes(),
            &s,
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("record"));
        assert!(e.message.contains("required"));
        let e = parse_trail(one(r#""action":"undo""#).as_bytes(), &s).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("action"));
        let e =
            parse_trail(one(r#""action":"adjust_class","bogus":1"#).as_bytes(), &s).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("bogus"));
        let e = parse_trail(b"{}", &s).unwrap_err();
        assert_eq!((e.entry, e.path()), (0, String::new()));
        let e = parse_trail(b"a,b\n1,2\n", &s).unwrap_err();
        assert!(e.message.contains("header"), "{e}");
    }

    #[test]
    fn a_record_not_in_the_store_is_refused() {
        let s = store();
        let e = parse_trail(
            one(r#""action":"dispute","recordKind":"list_entry","record":"别的记录""#).as_bytes(),
            &s,
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("record"));
        assert!(e.message.contains("no list_entry record"), "{e}");
        let text = one(r#""action":"adjust_class","classTo":"B""#)
            .replace("914403001922038216", "91330100716105852F");
        let e = parse_trail(text.as_bytes(), &s).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("uscc"));
        assert!(e.message.contains("not in the loaded records"), "{e}");
    }
}
