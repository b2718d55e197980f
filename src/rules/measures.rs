//! Measures: incentives for trustworthy entities and lawful restrictions, as policy data
//! (`rules.measures`), each with its eligibility rule and exit condition; per enterprise,
//! which apply as of a date and why (DOMAIN.md §9).
//!
//! A *negative record* here is [P]: a published penalty (普通程序, not a warning alone), a
//! listing, a broken or false commitment, or an inspection that found a problem or could not
//! reach the entity. Records corrected by an objection or repaired, and decisions revoked, do
//! not count.

use super::regime::{Regime, Rule};
use crate::date::{add_months, format_date, Date};
use crate::policy::Class;
use crate::records::*;
use crate::score::{describe, Exclusions, RecordRef};
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// Incentive or restriction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// 守信激励.
    Incentive,
    /// 失信约束 (only with a legal basis).
    Restriction,
}

/// When a measure applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum Eligibility {
    /// No negative record in the last `months` months (36 [P]; some cities 24).
    NoNegativeWithin {
        /// Months looked back.
        months: u32,
    },
    /// The enterprise's class is one of these (after the last scoring), and no negative record
    /// in the last `months` months.
    ClassIn {
        /// Classes.
        classes: Vec<Class>,
        /// Months looked back for negative records (0: not checked).
        months: u32,
    },
    /// On 严重违法失信名单.
    OnSeriousList,
    /// On 经营异常名录 (or marked).
    OnAbnormalList,
    /// On the serious list, or a false commitment not repaired (告知承诺 excluded).
    SeriousListOrFalseCommitment,
}

impl Eligibility {
    /// Checks the rule's numbers.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Eligibility::NoNegativeWithin { months } if !(1..=1200).contains(months) => {
                Err("months must be 1–1200".into())
            }
            Eligibility::ClassIn { classes, months } => {
                if classes.is_empty() {
                    Err("classes must not be empty".into())
                } else if *months > 1200 {
                    Err("months must be 0–1200".into())
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }
}

/// One measure of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Stable id.
    pub id: String,
    /// Incentive or restriction.
    pub kind: MeasureKind,
    /// Name in Chinese.
    pub zh: String,
    /// Name in English.
    pub en: String,
    /// Its legal basis or source.
    pub basis: String,
    /// When it applies.
    pub eligibility: Eligibility,
    /// When it stops applying.
    pub exit: String,
}

/// One measure for one enterprise.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeasureAnswer {
    /// Measure id.
    pub id: String,
    /// Incentive or restriction.
    pub kind: MeasureKind,
    /// Name.
    pub zh: String,
    /// Name in English.
    pub en: String,
    /// Basis of the measure (from the catalogue).
    pub basis: String,
    /// The regime on the as-of date.
    pub regime: Regime,
    /// Whether it applies on the as-of date.
    pub applies: bool,
    /// Why (Chinese), one line per fact.
    pub why: Vec<String>,
    /// The records that decided it.
    pub records: Vec<RecordRef>,
    /// Exit condition.
    pub exit: String,
}

fn m(
    id: &str,
    kind: MeasureKind,
    zh: &str,
    en: &str,
    basis: String,
    e: Eligibility,
    exit: &str,
) -> Measure {
    Measure {
        id: id.into(),
        kind,
        zh: zh.into(),
        en: en.into(),
        basis,
        eligibility: e,
        exit: exit.into(),
    }
}

/// The default catalogue (DOMAIN.md §5, §9).
pub fn default_catalogue() -> Vec<Measure> {
    use MeasureKind::*;
    let b = |r: Rule| r.basis(Regime::Rules2021).basis;
    vec![
        m(
            "green_channel",
            Incentive,
            "绿色通道",
            "green channel for applications",
            b(Rule::Incentives),
            Eligibility::NoNegativeWithin { months: 36 },
            "出现新的失信记录（处罚、列入名单、违背承诺）",
        ),
        m(
            "tolerance_acceptance",
            Incentive,
            "容缺受理",
            "acceptance with documents to follow",
            b(Rule::Incentives),
            Eligibility::NoNegativeWithin { months: 36 },
            "出现新的失信记录（处罚、列入名单、违背承诺）",
        ),
        m(
            "fewer_routine_checks",
            Incentive,
            "降低抽查比例和频次",
            "fewer routine checks",
            b(Rule::Incentives),
            Eligibility::ClassIn {
                classes: vec![Class::A],
                months: 36,
            },
            "不再为A类或出现新的失信记录",
        ),
        m(
            "key_supervision",
            Restriction,
            "列为重点监管对象，提高抽查比例和频次",
            "key supervision, more frequent checks",
            format!("{}第（二）项", b(Rule::SeriousConsequences)),
            Eligibility::OnSeriousList,
            "移出严重违法失信名单",
        ),
        m(
            "no_commitment",
            Restriction,
            "不适用告知承诺制",
            "no 告知承诺 (notification-and-commitment)",
            format!(
                "{}第（三）项；虚假承诺：{}",
                b(Rule::SeriousConsequences),
                b(Rule::CommitmentExcluded)
            ),
            Eligibility::SeriousListOrFalseCommitment,
            "移出严重违法失信名单，且虚假承诺记录已完成信用修复",
        ),
        m(
            "licensing_procurement",
            Restriction,
            "在行政许可、政府采购、招标投标中依法予以限制",
            "weighed in licensing, procurement and tenders",
            format!("{}第（一）项", b(Rule::SeriousConsequences)),
            Eligibility::OnSeriousList,
            "移出严重违法失信名单",
        ),
        m(
            "no_honours",
            Restriction,
            "不得授予荣誉称号",
            "no honours",
            format!("{}第（四）项", b(Rule::SeriousConsequences)),
            Eligibility::OnSeriousList,
            "移出严重违法失信名单",
        ),
        m(
            "no_simple_deregistration",
            Restriction,
            "不适用简易注销",
            "no simplified deregistration",
            b(Rule::SimplifiedDeregistration),
            Eligibility::OnAbnormalList,
            "移出经营异常名录",
        ),
    ]
}

/// The negative records of `ent` dated after `since` (or in force on `as_of`), not excluded.
fn negatives(
    store: &Store,
    ent: EntId,
    since: Date,
    as_of: Date,
    excluded: &Exclusions,
) -> Vec<(RecordRef, Date)> {
    let mut out = Vec::new();
    let mut push = |kind, first: usize, i: usize, date: Date| {
        let r = RecordRef {
            kind,
            index: (first + i) as u32,
        };
        if !excluded.contains(&r) {
            out.push((r, date));
        }
    };
    let inside = |d: Date| d > since && d <= as_of;
    let (f, rows) = store.penalties.of(ent);
    for (i, p) in rows.iter().enumerate() {
        if p.procedure == Procedure::General
            && !p.kinds.warning_only()
            && inside(p.date)
            && !p.revoked_by(as_of)
        {
            push(RecordKind::Penalty, f, i, p.date);
        }
    }
    let (f, rows) = store.list_entries.of(ent);
    for (i, l) in rows.iter().enumerate() {
        if inside(l.listed) || l.in_force(as_of) {
            push(RecordKind::ListEntry, f, i, l.listed);
        }
    }
    let (f, rows) = store.commitments.of(ent);
    for (i, c) in rows.iter().enumerate() {
        let d = c.verified.or(c.due).unwrap_or(c.committed);
        if matches!(
            c.outcome,
            CommitmentOutcome::Broken | CommitmentOutcome::False
        ) && inside(d)
        {
            push(RecordKind::Commitment, f, i, d);
        }
    }
    let (f, rows) = store.inspections.of(ent);
    for (i, x) in rows.iter().enumerate() {
        if (x.result.found_problem() || x.result == InspectionResult::Unreachable) && inside(x.date)
        {
            push(RecordKind::Inspection, f, i, x.date);
        }
    }
    out
}

fn listed(
    store: &Store,
    ent: EntId,
    kind: ListKind,
    as_of: Date,
    excluded: &Exclusions,
) -> Vec<RecordRef> {
    let (f, rows) = store.list_entries.of(ent);
    rows.iter()
        .enumerate()
        .map(|(i, l)| {
            (
                RecordRef {
                    kind: RecordKind::ListEntry,
                    index: (f + i) as u32,
                },
                l,
            )
        })
        .filter(|(r, l)| l.list == kind && l.in_force(as_of) && !excluded.contains(r))
        .map(|(r, _)| r)
        .collect()
}

/// Which measures of `catalogue` apply to `ent` as of `as_of`, and why.
pub fn measures_for(
    store: &Store,
    catalogue: &[Measure],
    order107_effective: Date,
    ent: EntId,
    class: Option<Class>,
    as_of: Date,
    excluded: &Exclusions,
) -> Vec<MeasureAnswer> {
    let regime = Regime::on(as_of, order107_effective);
    let describe_all = |refs: &[RecordRef]| -> Vec<String> {
        refs.iter()
            .map(|r| describe(store, r.kind, r.index))
            .collect()
    };
    catalogue
        .iter()
        .map(|ms| {
            let (applies, why, records) = match &ms.eligibility {
                Eligibility::NoNegativeWithin { months } | Eligibility::ClassIn { months, .. } => {
                    let since = add_months(as_of, -(*months as i32));
                    let neg: Vec<RecordRef> = if *months == 0 {
                        Vec::new()
                    } else {
                        negatives(store, ent, since, as_of, excluded)
                            .into_iter()
                            .map(|(r, _)| r)
                            .collect()
                    };
                    let mut why = Vec::new();
                    let mut ok = neg.is_empty();
                    if *months > 0 {
                        why.push(if neg.is_empty() {
                            format!("{} 之后无失信记录（{}个月）", format_date(since), months)
                        } else {
                            format!("{}个月内有{}条失信记录", months, neg.len())
                        });
                        why.extend(describe_all(&neg));
                    }
                    if let Eligibility::ClassIn { classes, .. } = &ms.eligibility {
                        let in_class = class.is_some_and(|c| classes.contains(&c));
                        ok &= in_class;
                        why.push(format!(
                            "风险分类为{}，要求{}",
                            class.map_or("未分类", Class::letter),
                            classes
                                .iter()
                                .map(|c| c.letter())
                                .collect::<Vec<_>>()
                                .join("/")
                        ));
                    }
                    (ok, why, neg)
                }
                Eligibility::OnSeriousList => {
                    let r = listed(store, ent, ListKind::Serious, as_of, excluded);
                    let why = if r.is_empty() {
                        vec!["未列入严重违法失信名单".into()]
                    } else {
                        describe_all(&r)
                    };
                    (!r.is_empty(), why, r)
                }
                Eligibility::OnAbnormalList => {
                    let r = listed(store, ent, ListKind::Abnormal, as_of, excluded);
                    let why = if r.is_empty() {
                        vec!["未列入经营异常名录".into()]
                    } else {
                        describe_all(&r)
                    };
                    (!r.is_empty(), why, r)
                }
                Eligibility::SeriousListOrFalseCommitment => {
                    let mut r = listed(store, ent, ListKind::Serious, as_of, excluded);
                    let (f, rows) = store.commitments.of(ent);
                    for (i, c) in rows.iter().enumerate() {
                        let rr = RecordRef {
                            kind: RecordKind::Commitment,
                            index: (f + i) as u32,
                        };
                        let d = c.verified.or(c.due).unwrap_or(c.committed);
                        if c.outcome == CommitmentOutcome::False
                            && d <= as_of
                            && !excluded.contains(&rr)
                        {
                            r.push(rr);
                        }
                    }
                    let why = if r.is_empty() {
                        vec!["未列入严重违法失信名单，无未修复的虚假承诺".into()]
                    } else {
                        describe_all(&r)
                    };
                    (!r.is_empty(), why, r)
                }
            };
            MeasureAnswer {
                id: ms.id.clone(),
                kind: ms.kind,
                zh: ms.zh.clone(),
                en: ms.en.clone(),
                basis: ms.basis.clone(),
                regime,
                applies,
                why,
                records,
                exit: ms.exit.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_checks_and_round_trips() {
        let c = default_catalogue();
        for m in &c {
            m.eligibility.check().unwrap();
        }
        let j = serde_json::to_string(&c).unwrap();
        assert!(
            j.contains(r#""rule":"no_negative_within","months":36"#),
            "{j}"
        );
        let back: Vec<Measure> = serde_json::from_str(&j).unwrap();
        assert_eq!(back, c);
        assert!(serde_json::from_str::<Eligibility>(
            r#"{"rule":"no_negative_within","months":3,"x":1}"#
        )
        .is_err());
    }
}
