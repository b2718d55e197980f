//! What a cycle achieved, from the inspection records loaded (docs/RULES.md §17): the
//! random-check ratio reached against the plan's target and floor, the coverage of each 100 %
//! group, the results published on time (一公开: within the policy's working days of the
//! check), the overdue ones, and the results by class. Random checks are the 双随机 and 定向
//! kinds; results by class count every kind.
//!
//! The classes are those of the scoring given: score as of the cycle's first day to judge the
//! classes the plan was made with.

use super::population::{industry_matches_code, licence_held};
use crate::date::{format_date, Date};
use crate::policy::{Class, ValidPolicy};
use crate::records::{EntId, InspectionKind, RecordKind, RecordRef};
use crate::score::Scoring;
use crate::store::Store;
use crate::text::formula_safe;
use serde::Serialize;
use std::io::{self, Write};

/// Whether a check's result was published in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Publication {
    /// Published by its deadline.
    OnTime,
    /// Published after its deadline.
    Late,
    /// Not published, and the deadline has passed.
    Overdue,
    /// Not published yet, the deadline still ahead.
    Pending,
}

impl Publication {
    /// Every status, in the order of [`PublicationCounts`].
    pub const ALL: [Publication; 4] = [
        Publication::OnTime,
        Publication::Late,
        Publication::Overdue,
        Publication::Pending,
    ];

    /// The code (the serde name).
    pub fn code(self) -> &'static str {
        match self {
            Publication::OnTime => "on_time",
            Publication::Late => "late",
            Publication::Overdue => "overdue",
            Publication::Pending => "pending",
        }
    }

    /// The English term.
    pub fn en(self) -> &'static str {
        match self {
            Publication::OnTime => "published on time",
            Publication::Late => "published late",
            Publication::Overdue => "overdue, not published",
            Publication::Pending => "not yet due",
        }
    }

    /// The Chinese term.
    pub fn zh(self) -> &'static str {
        match self {
            Publication::OnTime => "按时公示",
            Publication::Late => "逾期公示",
            Publication::Overdue => "逾期未公示",
            Publication::Pending => "待公示",
        }
    }
}

/// One 100 % group's coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupCoverage {
    /// The group's name.
    pub name: String,
    /// Members (classified, registered).
    pub members: usize,
    /// Members checked in the cycle (any kind).
    pub checked: usize,
    /// Checked / members.
    pub coverage: f64,
    /// Whether every member was checked.
    pub met: bool,
}

/// One class's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassResults {
    /// The class.
    pub class: Class,
    /// Classified, registered enterprises of the class.
    pub enterprises: usize,
    /// Enterprises checked in the cycle.
    pub checked: usize,
    /// Checks in the cycle.
    pub checks: usize,
    /// Checks that found a problem.
    pub problems: usize,
    /// Problems / checks.
    pub problem_rate: f64,
}

/// The publication of the random checks' results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicationCounts {
    /// Random checks in the cycle.
    pub checks: usize,
    /// Published by the deadline.
    pub on_time: usize,
    /// Published after it.
    pub late: usize,
    /// Not published, deadline passed.
    pub overdue: usize,
    /// Not published, deadline ahead.
    pub pending: usize,
    /// On time / (checks − pending).
    pub on_time_ratio: f64,
}

/// What a cycle achieved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// First day of the cycle.
    pub cycle_start: String,
    /// Last day of the cycle.
    pub cycle_end: String,
    /// The day publication is judged on (the scoring's as-of date or later).
    pub as_of: String,
    /// Classified, registered enterprises.
    pub population: usize,
    /// Enterprises with a random check in the cycle.
    pub randomly_checked: usize,
    /// Randomly checked / population.
    pub random_ratio: f64,
    /// The plan's target ratio (`inspection.overall_ratio`).
    pub target_ratio: f64,
    /// The floor (`inspection.min_overall_ratio`).
    pub floor_ratio: f64,
    /// Whether the target was reached.
    pub target_met: bool,
    /// Whether the floor was reached.
    pub floor_met: bool,
    /// Per 100 % group.
    pub groups: Vec<GroupCoverage>,
    /// Publication of the random checks' results.
    pub publication: PublicationCounts,
    /// Per class.
    pub by_class: Vec<ClassResults>,
}

/// One random check of the cycle, with its publication deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckLine {
    /// The enterprise.
    pub ent: EntId,
    /// Row index in the store's inspections.
    pub index: usize,
    /// The deadline.
    pub due: Date,
    /// Whether it was met.
    pub status: Publication,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The publication status of a check due on `due`, published on `published`, judged on
/// `as_of`.
pub fn status(due: Date, published: Option<Date>, as_of: Date) -> Publication {
    match published {
        Some(p) if p <= due => Publication::OnTime,
        Some(_) => Publication::Late,
        None if as_of > due => Publication::Overdue,
        None => Publication::Pending,
    }
}

/// What the cycle `[start, end]` achieved, judged on `as_of`; also every random check with
/// its deadline (for the public results and the overdue list).
pub fn outcome(
    store: &Store,
    scoring: &Scoring,
    policy: &ValidPolicy,
    start: Date,
    end: Date,
    as_of: Date,
) -> (Outcome, Vec<CheckLine>) {
    let p = policy.policy();
    let days = p.plan.publish_within_working_days;
    let cal = policy.calendar();
    let excluded = &scoring.overlay.excluded;
    let groups = &p.plan.full_coverage[..p.plan.full_coverage.len().min(32)];
    let mut population = 0usize;
    let mut randomly = 0usize;
    let mut members = vec![0usize; groups.len()];
    let mut checked_members = vec![0usize; groups.len()];
    let mut by_class: [ClassResults; 4] = Class::ALL.map(|class| ClassResults {
        class,
        enterprises: 0,
        checked: 0,
        checks: 0,
        problems: 0,
        problem_rate: 0.0,
    });
    let mut lines = Vec::new();
    let mut due_of: rustc_hash::FxHashMap<Date, Date> = Default::default();
    let mut industry_groups: rustc_hash::FxHashMap<crate::strpool::StrId, u32> = Default::default();
    for (e, &code) in scoring.classes.iter().enumerate() {
        let ent = e as EntId;
        let Some(class) = Class::from_code(code) else {
            continue;
        };
        let Some(reg) = store.registration(ent) else {
            continue;
        };
        if !reg.status.is_active() {
            continue;
        }
        population += 1;
        let c = &mut by_class[class.index()];
        c.enterprises += 1;
        let (first, rows) = store.inspections.of(ent);
        let mut any = false;
        let mut random = false;
        for (i, r) in rows.iter().enumerate() {
            let index = first + i;
            let counted = !excluded.contains(&RecordRef {
                kind: RecordKind::Inspection,
                index: index as u32,
            });
            if r.date < start || r.date > end || !counted {
                continue;
            }
            any = true;
            c.checks += 1;
            if r.result.found_problem() {
                c.problems += 1;
            }
            if matches!(r.kind, InspectionKind::Random | InspectionKind::Targeted) {
                random = true;
                let due = *due_of
                    .entry(r.date)
                    .or_insert_with(|| cal.add_working_days(r.date, days).due_date());
                lines.push(CheckLine {
                    ent,
                    index,
                    due,
                    status: status(due, r.published, as_of),
                });
            }
        }
        if any {
            c.checked += 1;
        }
        if random {
            randomly += 1;
        }
        if !groups.is_empty() {
            let by_industry = *industry_groups.entry(reg.industry).or_insert_with(|| {
                let industry = store.text(reg.industry);
                groups.iter().enumerate().fold(0u32, |m, (g, group)| {
                    if group
                        .industries
                        .iter()
                        .any(|x| industry_matches_code(x, industry))
                    {
                        m | 1 << g
                    } else {
                        m
                    }
                })
            });
            for (g, group) in groups.iter().enumerate() {
                let member = by_industry & (1 << g) != 0
                    || group
                        .licence_kinds
                        .iter()
                        .any(|k| licence_held(store, scoring, ent, k, start));
                if member {
                    members[g] += 1;
                    if any {
                        checked_members[g] += 1;
                    }
                }
            }
        }
    }
    for c in &mut by_class {
        c.problem_rate = ratio(c.problems, c.checks);
    }
    let count = |s: Publication| lines.iter().filter(|l| l.status == s).count();
    let (on_time, late, overdue, pending) = (
        count(Publication::OnTime),
        count(Publication::Late),
        count(Publication::Overdue),
        count(Publication::Pending),
    );
    let random_ratio = ratio(randomly, population);
    let out = Outcome {
        cycle_start: format_date(start),
        cycle_end: format_date(end),
        as_of: format_date(as_of),
        population,
        randomly_checked: randomly,
        random_ratio,
        target_ratio: p.inspection.overall_ratio,
        floor_ratio: p.inspection.min_overall_ratio,
        target_met: random_ratio + 1e-12 >= p.inspection.overall_ratio,
        floor_met: random_ratio + 1e-12 >= p.inspection.min_overall_ratio,
        groups: groups
            .iter()
            .enumerate()
            .map(|(g, group)| GroupCoverage {
                name: group.name.clone(),
                members: members[g],
                checked: checked_members[g],
                coverage: ratio(checked_members[g], members[g]),
                met: checked_members[g] == members[g],
            })
            .collect(),
        publication: PublicationCounts {
            checks: lines.len(),
            on_time,
            late,
            overdue,
            pending,
            on_time_ratio: ratio(on_time, lines.len() - pending),
        },
        by_class: by_class.to_vec(),
    };
    (out, lines)
}

/// The columns of the public results list (一公开). No class, score or reason.
pub const RESULTS_HEADERS: [&str; 9] = [
    "任务编号",
    "统一社会信用代码",
    "企业名称",
    "检查日期",
    "检查类型",
    "检查结果",
    "公示期限",
    "公示日期",
    "公示情况",
];

/// Writes the random checks' results (every one, or only the overdue with `overdue_only`) as
/// CSV: UTF-8 with a BOM, CRLF, text cells formula-safe.
pub fn write_results_csv<W: Write>(
    mut out: W,
    store: &Store,
    lines: &[CheckLine],
    overdue_only: bool,
) -> io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let err = |e: csv::Error| io::Error::other(e.to_string());
    w.write_record(RESULTS_HEADERS).map_err(err)?;
    for l in lines
        .iter()
        .filter(|l| !overdue_only || l.status == Publication::Overdue)
    {
        let r = &store.inspections.rows()[l.index];
        w.write_record([
            &*formula_safe(store.text(r.task)),
            store.uscc(l.ent).as_str(),
            &formula_safe(store.name(l.ent)),
            &format_date(r.date),
            r.kind.zh(),
            r.result.zh(),
            &format_date(l.due),
            &r.published.map(format_date).unwrap_or_default(),
            l.status.zh(),
        ])
        .map_err(err)?;
    }
    w.flush()
}
