//! The plan written out: the internal plan (every visit with its class, reason and team), the
//! public list of 一公开 (enterprise, items, department, period — no class, score or reason,
//! ever), and the plan as JSON (summary, digests and visits) that `verify` reads back.
//!
//! Every CSV is UTF-8 with a BOM and CRLF, its text cells formula-safe
//! ([`crate::text::formula_safe`]).

use super::{Plan, Visit, Why};
use crate::date::format_date;
use crate::records::Inspector;
use crate::store::Store;
use crate::text::formula_safe;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// The columns of the public list. A test keeps class, score and reasons out of them and out
/// of their values.
pub const PUBLIC_HEADERS: [&str; 9] = [
    "任务编号",
    "抽查轮次",
    "检查期间",
    "统一社会信用代码",
    "企业名称",
    "抽查事项",
    "实施部门",
    "联合检查",
    "结果公示期限",
];

/// The columns of the internal plan.
pub const INTERNAL_HEADERS: [&str; 14] = [
    "任务编号",
    "抽查轮次",
    "计划检查日期",
    "统一社会信用代码",
    "企业名称",
    "所属区域",
    "风险分类",
    "列入原因",
    "抽查事项",
    "实施部门",
    "检查人员",
    "缺少资质",
    "结果公示期限",
    "轮换",
];

/// One visit as the digest and `verify` see it: round, date, USCC, item codes, team ids.
pub fn visit_line(plan: &Plan, inspectors: &[Inspector], v: &Visit) -> String {
    let items: Vec<&str> = v
        .items
        .iter()
        .map(|&k| plan.items[k as usize].code.as_str())
        .collect();
    format!(
        "{}|{}|{}|{}|{}",
        v.round,
        format_date(v.date),
        v.uscc.as_str(),
        items.join(","),
        team_ids(inspectors, v).join(",")
    )
}

fn team_ids<'a>(inspectors: &'a [Inspector], v: &Visit) -> Vec<&'a str> {
    v.team
        .iter()
        .map(|&i| inspectors[i as usize].id.as_str())
        .collect()
}

/// Why a visit is in the plan, in English.
pub fn why_en(policy: &crate::policy::Policy, why: Why) -> String {
    match why {
        Why::Drawn => "drawn at random".into(),
        Why::FullCoverage(g) => format!(
            "100 % group: {}",
            policy
                .plan
                .full_coverage
                .get(g as usize)
                .map_or("", |g| g.name.as_str())
        ),
        Why::Trigger(t) => format!("must be checked: {}", t.en()),
    }
}

/// Why a visit is in the plan, in Chinese.
pub fn why_zh(policy: &crate::policy::Policy, why: Why) -> String {
    match why {
        Why::Drawn => "随机抽取".into(),
        Why::FullCoverage(g) => format!(
            "全覆盖：{}",
            policy
                .plan
                .full_coverage
                .get(g as usize)
                .map_or("", |g| g.name.as_str())
        ),
        Why::Trigger(t) => format!("必查：{}", t.zh()),
    }
}

fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

fn csv_err(e: csv::Error) -> io::Error {
    io::Error::other(e.to_string())
}

fn item_names(plan: &Plan, v: &Visit) -> String {
    v.items
        .iter()
        .map(|&k| plan.items[k as usize].name.as_str())
        .collect::<Vec<_>>()
        .join("；")
}

/// Writes the public list (一公开) of round `round` (every round when `None`): no class, score
/// or reason; the period of the round, not the day (a check is not announced to the day).
pub fn write_public_csv<W: Write>(
    mut out: W,
    plan: &Plan,
    store: &Store,
    round: Option<u32>,
) -> io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv_writer(out);
    w.write_record(PUBLIC_HEADERS).map_err(csv_err)?;
    for v in plan
        .visits
        .iter()
        .filter(|v| round.is_none_or(|r| v.round == r))
    {
        let r = &plan.rounds[v.round as usize - 1];
        w.write_record([
            &*formula_safe(&v.task),
            &v.round.to_string(),
            &format!("{}至{}", r.start, r.end),
            store.uscc(v.ent).as_str(),
            &formula_safe(store.name(v.ent)),
            &formula_safe(&item_names(plan, v)),
            &formula_safe(&v.departments.join("；")),
            if v.departments.len() > 1 {
                "是"
            } else {
                "否"
            },
            &format_date(v.publish_by),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

/// Writes the internal plan: every visit with its day, class, reason, team and what it lacks.
pub fn write_internal_csv<W: Write>(
    mut out: W,
    plan: &Plan,
    store: &Store,
    policy: &crate::policy::Policy,
) -> io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv_writer(out);
    w.write_record(INTERNAL_HEADERS).map_err(csv_err)?;
    for v in &plan.visits {
        let region = store
            .registration(v.ent)
            .map_or("", |r| store.text(r.region));
        let team: Vec<String> = v
            .team
            .iter()
            .map(|&i| {
                let ins = &store.roster.inspectors[i as usize];
                format!("{}({})", ins.name, ins.id)
            })
            .collect();
        let missing: Vec<&str> = v
            .missing
            .iter()
            .map(|m| {
                if m.is_empty() {
                    "检查人员不足"
                } else {
                    m.as_str()
                }
            })
            .collect();
        w.write_record([
            &*formula_safe(&v.task),
            &v.round.to_string(),
            &format_date(v.date),
            store.uscc(v.ent).as_str(),
            &formula_safe(store.name(v.ent)),
            &formula_safe(region),
            v.class.letter(),
            &formula_safe(&why_zh(policy, v.why)),
            &formula_safe(&item_names(plan, v)),
            &formula_safe(&v.departments.join("；")),
            &formula_safe(&team.join("；")),
            &formula_safe(&missing.join("；")),
            &format_date(v.publish_by),
            if v.repeated_team { "未能轮换" } else { "" },
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

/// One visit in the plan's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitDoc {
    /// Task number.
    pub task: String,
    /// Round, 1-based.
    pub round: u32,
    /// Day planned.
    pub date: String,
    /// USCC.
    pub uscc: String,
    /// Item codes.
    pub items: Vec<String>,
    /// Inspector ids.
    pub team: Vec<String>,
}

/// The plan as published (JSON): what `verify` needs to re-derive and compare it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanDoc {
    /// The seed text.
    pub seed: String,
    /// As-of date of the scoring.
    pub as_of: String,
    /// First day of the cycle.
    pub cycle_start: String,
    /// Last day of the cycle.
    pub cycle_end: String,
    /// Digest of the policy.
    pub policy_digest: String,
    /// Digest of the records.
    pub records_digest: String,
    /// Digest of the audit trail.
    pub audit_digest: String,
    /// Digest of the roster and item list.
    pub roster_digest: String,
    /// Referrals (USCCs).
    pub referrals: Vec<String>,
    /// The plan's digest.
    pub digest: String,
    /// The summary (not read back by `verify`).
    #[serde(default, skip_deserializing)]
    pub summary: Option<super::PlanSummary>,
    /// Every visit.
    pub visits: Vec<VisitDoc>,
}

impl PlanDoc {
    /// The document of a plan.
    pub fn of(plan: &Plan, store: &Store) -> PlanDoc {
        PlanDoc::with_roster(plan, &store.roster.inspectors)
    }

    /// The document of a plan made with this roster (a driver's plan: no store).
    pub fn with_roster(plan: &Plan, inspectors: &[Inspector]) -> PlanDoc {
        PlanDoc {
            seed: plan.seed.clone(),
            as_of: format_date(plan.as_of),
            cycle_start: format_date(plan.cycle_start),
            cycle_end: format_date(plan.cycle_end),
            policy_digest: plan.policy_digest.clone(),
            records_digest: plan.records_digest.clone(),
            audit_digest: plan.audit_digest.clone(),
            roster_digest: plan.roster_digest.clone(),
            referrals: plan.referrals.clone(),
            digest: plan.digest.clone(),
            summary: Some(plan.summary.clone()),
            visits: plan
                .visits
                .iter()
                .map(|v| VisitDoc {
                    task: v.task.clone(),
                    round: v.round,
                    date: format_date(v.date),
                    uscc: v.uscc.as_str().to_string(),
                    items: v
                        .items
                        .iter()
                        .map(|&k| plan.items[k as usize].code.clone())
                        .collect(),
                    team: team_ids(inspectors, v)
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                })
                .collect(),
        }
    }
}

/// An item as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemView {
    /// 事项编码.
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// 实施部门.
    pub department: String,
    /// 检查依据.
    pub basis: String,
    /// 重点检查事项.
    pub key: bool,
    /// 所需资质 (empty: any inspector).
    pub qualification: String,
}

/// The plan without its visits: dates, digests, items and summary (the visits come by page,
/// [`VisitRow`], or whole as CSV or JSON bytes).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    /// The seed text.
    pub seed: String,
    /// As-of date of the scoring.
    pub as_of: String,
    /// First day of the cycle.
    pub cycle_start: String,
    /// Last day of the cycle.
    pub cycle_end: String,
    /// The plan's digest.
    pub digest: String,
    /// Digest of the policy.
    pub policy_digest: String,
    /// Digest of the records.
    pub records_digest: String,
    /// Digest of the audit trail.
    pub audit_digest: String,
    /// Digest of the roster and item list.
    pub roster_digest: String,
    /// Referrals (USCCs).
    pub referrals: Vec<String>,
    /// The items used.
    pub items: Vec<ItemView>,
    /// What the plan reached.
    pub summary: super::PlanSummary,
}

impl PlanView {
    /// The view of a plan.
    pub fn of(plan: &Plan) -> PlanView {
        PlanView {
            seed: plan.seed.clone(),
            as_of: format_date(plan.as_of),
            cycle_start: format_date(plan.cycle_start),
            cycle_end: format_date(plan.cycle_end),
            digest: plan.digest.clone(),
            policy_digest: plan.policy_digest.clone(),
            records_digest: plan.records_digest.clone(),
            audit_digest: plan.audit_digest.clone(),
            roster_digest: plan.roster_digest.clone(),
            referrals: plan.referrals.clone(),
            items: plan
                .items
                .iter()
                .map(|i| ItemView {
                    code: i.code.clone(),
                    name: i.name.clone(),
                    department: i.department.clone(),
                    basis: i.basis.clone(),
                    key: i.key,
                    qualification: i.qualification.clone(),
                })
                .collect(),
            summary: plan.summary.clone(),
        }
    }
}

/// One visit of the internal plan, as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitRow {
    /// Task number.
    pub task: String,
    /// Round, 1-based.
    pub round: u32,
    /// Day planned.
    pub date: String,
    /// Last day to publish the result.
    pub publish_by: String,
    /// USCC.
    pub uscc: String,
    /// Registered name.
    pub name: String,
    /// 所属区域.
    pub region: String,
    /// Class letter.
    pub class: &'static str,
    /// Why it is in the plan (`drawn`, `full_coverage`, `trigger`).
    pub why: &'static str,
    /// The same in Chinese, with the group or trigger.
    pub why_zh: String,
    /// The same in English.
    pub why_en: String,
    /// Item names.
    pub items: Vec<String>,
    /// Departments.
    pub departments: Vec<String>,
    /// The team, `name(id)`.
    pub team: Vec<String>,
    /// Qualifications lacking ("" for a member lacking).
    pub missing: Vec<String>,
    /// The last team could not be avoided.
    pub repeated_team: bool,
}

/// The visits of round `round` (every round when `None`) from `offset`, at most `limit`.
pub fn visit_rows(
    plan: &Plan,
    store: &Store,
    policy: &crate::policy::Policy,
    round: Option<u32>,
    offset: usize,
    limit: usize,
) -> Vec<VisitRow> {
    plan.visits
        .iter()
        .filter(|v| round.is_none_or(|r| v.round == r))
        .skip(offset)
        .take(limit)
        .map(|v| VisitRow {
            task: v.task.clone(),
            round: v.round,
            date: format_date(v.date),
            publish_by: format_date(v.publish_by),
            uscc: store.uscc(v.ent).as_str().to_string(),
            name: store.name(v.ent).to_string(),
            region: store
                .registration(v.ent)
                .map_or(String::new(), |r| store.text(r.region).to_string()),
            class: v.class.letter(),
            why: match v.why {
                Why::Drawn => "drawn",
                Why::FullCoverage(_) => "full_coverage",
                Why::Trigger(_) => "trigger",
            },
            why_zh: why_zh(policy, v.why),
            why_en: why_en(policy, v.why),
            items: v
                .items
                .iter()
                .map(|&k| plan.items[k as usize].name.clone())
                .collect(),
            departments: v.departments.clone(),
            team: v
                .team
                .iter()
                .map(|&i| {
                    let ins = &store.roster.inspectors[i as usize];
                    format!("{}({})", ins.name, ins.id)
                })
                .collect(),
            missing: v.missing.clone(),
            repeated_team: v.repeated_team,
        })
        .collect()
}
