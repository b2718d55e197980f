//! Checking a published plan: re-derive it from the same inputs and seed, and say whether it
//! matches — and where it differs: which input (seed, dates, policy, records, audit trail,
//! roster, referrals), or the first visit that differs.

use super::public::PlanDoc;
use serde::Serialize;

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// Whether the published plan is the one the inputs give.
    pub matches: bool,
    /// Where they differ (empty when they match), in English.
    pub differences: Vec<String>,
    /// The same in Chinese.
    pub differences_zh: Vec<String>,
}

/// Compares a published plan with the plan derived again from the inputs.
pub fn verify(published: &PlanDoc, derived: &PlanDoc) -> Verification {
    let mut en = Vec::new();
    let mut zh = Vec::new();
    let fields: [(&str, &str, &String, &String); 8] = [
        ("seed", "随机种子", &published.seed, &derived.seed),
        ("as-of date", "评价基准日", &published.as_of, &derived.as_of),
        (
            "cycle start",
            "周期起始日",
            &published.cycle_start,
            &derived.cycle_start,
        ),
        (
            "policy digest",
            "政策校验值",
            &published.policy_digest,
            &derived.policy_digest,
        ),
        (
            "records digest",
            "数据校验值",
            &published.records_digest,
            &derived.records_digest,
        ),
        (
            "audit digest",
            "审计记录校验值",
            &published.audit_digest,
            &derived.audit_digest,
        ),
        (
            "roster digest",
            "人员与事项校验值",
            &published.roster_digest,
            &derived.roster_digest,
        ),
        (
            "cycle end",
            "周期结束日",
            &published.cycle_end,
            &derived.cycle_end,
        ),
    ];
    for (name, name_zh, a, b) in fields {
        if a != b {
            en.push(format!("{name}: published {a:?}, derived {b:?}"));
            zh.push(format!("{name_zh}不同：公布的为“{a}”，重新计算为“{b}”"));
        }
    }
    if published.referrals != derived.referrals {
        en.push("referrals differ".into());
        zh.push("转办移送名单不同".into());
    }
    let (pv, dv) = (&published.visits, &derived.visits);
    if let Some(k) = (0..pv.len().min(dv.len())).find(|&k| pv[k] != dv[k]) {
        en.push(format!(
            "visit {} differs: published {} {} {} [{}] by [{}], derived {} {} {} [{}] by [{}]",
            k + 1,
            pv[k].task,
            pv[k].date,
            pv[k].uscc,
            pv[k].items.join(","),
            pv[k].team.join(","),
            dv[k].task,
            dv[k].date,
            dv[k].uscc,
            dv[k].items.join(","),
            dv[k].team.join(","),
        ));
        zh.push(format!(
            "第{}项检查不同：公布为{}（{}，{}），重新计算为{}（{}，{}）",
            k + 1,
            pv[k].task,
            pv[k].uscc,
            pv[k].team.join("、"),
            dv[k].task,
            dv[k].uscc,
            dv[k].team.join("、"),
        ));
    } else if pv.len() != dv.len() {
        en.push(format!(
            "the published plan has {} visits, the derived one {}",
            pv.len(),
            dv.len()
        ));
        zh.push(format!(
            "公布的计划有{}项检查，重新计算为{}项",
            pv.len(),
            dv.len()
        ));
    }
    if en.is_empty() && published.digest != derived.digest {
        en.push(format!(
            "digest: published {}, derived {}",
            published.digest, derived.digest
        ));
        zh.push("计划校验值不同".into());
    }
    Verification {
        matches: en.is_empty(),
        differences: en,
        differences_zh: zh,
    }
}
