//! The inspection plan's settings (双随机、一公开, docs/RULES.md §17): the cycle and its rounds,
//! how often each class is visited, which enterprises must or may not be drawn, the 100 %
//! groups, the strata, and how inspectors are drawn. They live in the policy under `plan`
//! (absent in older policy files: the defaults apply). The share of each class drawn comes from
//! `inspection` (overall ratio, floor, class intensities, control sample).
//!
//! Marks as in docs/RULES.md: [L] legal text, [S] secondary source, [P] practice.

use super::{err, Class, PolicyError, MAX_ENTITIES};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far inspectors are matched to the enterprise's region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionMatching {
    /// Regions are not looked at.
    Off,
    /// Inspectors of the enterprise's region first; others when they run short.
    Prefer,
    /// Only inspectors of the enterprise's region (or with no region).
    Require,
}

/// A dimension enterprises are stratified by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StratumBy {
    /// 所属区域 as written.
    Region,
    /// The GB/T 4754 section (门类 letter) of the industry code.
    Industry,
    /// The coarse entity type.
    EntityType,
}

impl StratumBy {
    /// The key prefix of a stratum of this dimension (`region`, `industry`, `type`).
    pub fn prefix(self) -> &'static str {
        match self {
            StratumBy::Region => "region",
            StratumBy::Industry => "industry",
            StratumBy::EntityType => "type",
        }
    }
}

/// A group whose every member is inspected in each cycle (100 % coverage), e.g. drug
/// retailers or users of special equipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FullCoverageGroup {
    /// The group's name, shown in the summary (e.g. `药品零售企业`).
    pub name: String,
    /// Members hold a valid licence of one of these kinds (matched as a substring of the
    /// licence kind written, e.g. `药品经营` matches `药品经营许可证`).
    #[serde(default)]
    pub licence_kinds: Vec<String>,
    /// …or their industry code starts with one of these GB/T 4754 codes (`F5251`).
    #[serde(default)]
    pub industries: Vec<String>,
}

/// What makes an enterprise part of the plan whatever the draw: it must be checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Triggers {
    /// A substantiated complaint or report received within this many months before the
    /// cycle starts (6) [S]; `null`: complaints do not trigger.
    pub substantiated_complaint_months: Option<u32>,
    /// An inspection that found a problem within this many months before the cycle starts
    /// (a follow-up check) [P]; `null` (the default): no follow-up in the plan — problems
    /// found are followed up by their own procedure.
    pub problem_found_months: Option<u32>,
}

/// The inspection plan's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanPolicy {
    /// Length of a cycle in months (12: a year) [P].
    pub cycle_months: u32,
    /// Rounds per cycle (4: quarterly) [P].
    pub rounds: u32,
    /// Visits per cycle of an enterprise drawn, by class (A 1, B 1, C 2, D every round) [S]:
    /// at most `rounds`; each is spread over the rounds.
    pub frequency: BTreeMap<Class, u32>,
    /// An enterprise of the class inspected within this many months before the cycle starts
    /// is not drawn again (A 36: at most once in three years; B 12; C 6; D 0) unless a trigger
    /// or a 100 % group says so [S].
    pub min_gap_months: BTreeMap<Class, u32>,
    /// Key items (重点检查事项) are checked for drawn enterprises of this class or worse (C);
    /// general items for every drawn enterprise. Members of a 100 % group get every item
    /// that applies to them [S].
    pub key_items_from: Class,
    /// Groups inspected in full every cycle [S].
    pub full_coverage: Vec<FullCoverageGroup>,
    /// Must-include triggers.
    pub triggers: Triggers,
    /// Dimensions the draw is stratified by, in order (region, then industry section): each
    /// class's sample is shared over the strata in proportion to their size × weight [S].
    pub stratify_by: Vec<StratumBy>,
    /// Relative weight of a stratum (`"region:径河街道": 2.0`, `"industry:F": 1.5`,
    /// `"type:individual": 0.5`); 1 when not listed [P].
    pub stratum_weights: BTreeMap<String, f64>,
    /// Inspectors per visit, at least 2 [L]. A joint visit may need more, to cover every
    /// qualification.
    pub team_size: u32,
    /// The most visits an inspector takes in one round (60: about one a working day in a
    /// quarterly round) [P].
    pub max_visits_per_round: u32,
    /// Whether inspectors are matched to the enterprise's region.
    pub region_matching: RegionMatching,
    /// Whether the team of an enterprise's last visit (in the history or an earlier round)
    /// is never drawn again as a whole (轮换) [S].
    pub rotate: bool,
    /// Results are published within this many working days of the check (20) [S].
    pub publish_within_working_days: u32,
}

impl Default for PlanPolicy {
    fn default() -> Self {
        let by_class = |a, b, c, d| {
            [(Class::A, a), (Class::B, b), (Class::C, c), (Class::D, d)]
                .into_iter()
                .collect()
        };
        PlanPolicy {
            cycle_months: 12,
            rounds: 4,
            frequency: by_class(1, 1, 2, 4),
            min_gap_months: by_class(36, 12, 6, 0),
            key_items_from: Class::C,
            full_coverage: vec![
                FullCoverageGroup {
                    name: "药品零售企业".into(),
                    licence_kinds: vec!["药品经营".into()],
                    industries: vec!["F5251".into()],
                },
                FullCoverageGroup {
                    name: "特种设备使用单位".into(),
                    licence_kinds: vec!["特种设备".into()],
                    industries: vec![],
                },
            ],
            triggers: Triggers {
                substantiated_complaint_months: Some(6),
                problem_found_months: None,
            },
            stratify_by: vec![StratumBy::Region],
            stratum_weights: BTreeMap::new(),
            team_size: 2,
            max_visits_per_round: 60,
            region_matching: RegionMatching::Prefer,
            rotate: true,
            publish_within_working_days: 20,
        }
    }
}

/// The most rounds in a cycle: 52 (weekly).
pub const MAX_ROUNDS: u32 = 52;
/// The most inspectors per visit: 10.
pub const MAX_TEAM: u32 = 10;

impl PlanPolicy {
    /// Checks every setting (the ranges of docs/RULES.md §17).
    pub fn check(&self) -> Result<(), PolicyError> {
        let max_months = crate::calendar::MAX_MONTHS;
        if !(1..=120.min(max_months)).contains(&self.cycle_months) {
            return Err(err("plan.cycle_months", "must be 1–120 months"));
        }
        if !(1..=MAX_ROUNDS).contains(&self.rounds) {
            return Err(err("plan.rounds", format!("must be 1–{MAX_ROUNDS}")));
        }
        for class in Class::ALL {
            let l = class.letter();
            match self.frequency.get(&class) {
                Some(&f) if (1..=self.rounds).contains(&f) => {}
                Some(_) => {
                    return Err(err(
                        format!("plan.frequency.{l}"),
                        format!("must be 1–{} (the rounds of a cycle)", self.rounds),
                    ))
                }
                None => {
                    return Err(err(
                        format!("plan.frequency.{l}"),
                        "missing: every class needs a frequency",
                    ))
                }
            }
            match self.min_gap_months.get(&class) {
                Some(&m) if m <= max_months => {}
                Some(_) => {
                    return Err(err(
                        format!("plan.min_gap_months.{l}"),
                        format!("must be 0–{max_months} months"),
                    ))
                }
                None => {
                    return Err(err(
                        format!("plan.min_gap_months.{l}"),
                        "missing: every class needs a gap (0 for none)",
                    ))
                }
            }
        }
        for (i, g) in self.full_coverage.iter().enumerate() {
            let p = format!("plan.full_coverage.{i}");
            if g.name.trim().is_empty() || g.name.chars().count() > 200 {
                return Err(err(format!("{p}.name"), "must be 1–200 characters"));
            }
            if g.licence_kinds
                .iter()
                .chain(&g.industries)
                .all(|s| s.trim().is_empty())
            {
                return Err(err(
                    p,
                    "needs at least one licence kind or industry code to say who is in it",
                ));
            }
            for (j, code) in g.industries.iter().enumerate() {
                if !is_industry_prefix(code) {
                    return Err(err(
                        format!("{p}.industries.{j}"),
                        format!("{code:?} is not a GB/T 4754 code or prefix (e.g. F, F52, F5251)"),
                    ));
                }
            }
        }
        for (path, v) in [
            (
                "plan.triggers.substantiated_complaint_months",
                self.triggers.substantiated_complaint_months,
            ),
            (
                "plan.triggers.problem_found_months",
                self.triggers.problem_found_months,
            ),
        ] {
            if let Some(m) = v {
                if !(1..=max_months).contains(&m) {
                    return Err(err(path, format!("must be 1–{max_months} months, or null")));
                }
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, s) in self.stratify_by.iter().enumerate() {
            if !seen.insert(*s) {
                return Err(err(format!("plan.stratify_by.{i}"), "listed twice"));
            }
        }
        for (k, &w) in &self.stratum_weights {
            let p = format!("plan.stratum_weights.{k}");
            let known = ["region:", "industry:", "type:"];
            if !known.iter().any(|pre| k.starts_with(pre)) {
                return Err(err(
                    p,
                    "a stratum is named region:…, industry:… (a section letter) or type:… (an entity type code)",
                ));
            }
            if !(w.is_finite() && w > 0.0 && w <= 1000.0) {
                return Err(err(p, "must be a weight above 0 and at most 1000"));
            }
        }
        if !(2..=MAX_TEAM).contains(&self.team_size) {
            return Err(err(
                "plan.team_size",
                format!("must be 2–{MAX_TEAM}: at least two inspectors per check"),
            ));
        }
        if !(1..=MAX_ENTITIES).contains(&self.max_visits_per_round) {
            return Err(err(
                "plan.max_visits_per_round",
                format!("must be 1–{MAX_ENTITIES}"),
            ));
        }
        let wd = crate::calendar::MAX_WORKING_DAYS;
        if !(1..=wd).contains(&self.publish_within_working_days) {
            return Err(err(
                "plan.publish_within_working_days",
                format!("must be 1–{wd} days"),
            ));
        }
        Ok(())
    }
}

/// Whether `code` is a GB/T 4754 code or prefix as the plan settings and the item list write
/// them: a section letter A–T alone or followed by 2–4 digits, or 2–4 digits.
pub fn is_industry_prefix(code: &str) -> bool {
    let c = code.trim();
    let (letter, digits) = match c.as_bytes().first() {
        Some(b) if b.is_ascii_alphabetic() => (Some(b.to_ascii_uppercase()), &c[1..]),
        _ => (None, c),
    };
    if letter.is_some_and(|l| !(b'A'..=b'T').contains(&l)) {
        return false;
    }
    let n = digits.len();
    digits.bytes().all(|b| b.is_ascii_digit())
        && (n == 0 && letter.is_some() || (2..=4).contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass_their_checks() {
        PlanPolicy::default().check().unwrap();
    }

    #[test]
    fn fewer_than_two_inspectors_and_bad_frequencies_are_refused() {
        let p = PlanPolicy {
            team_size: 1,
            ..Default::default()
        };
        assert_eq!(p.check().unwrap_err().path, "plan.team_size");
        let mut p = PlanPolicy::default();
        p.frequency.insert(Class::D, 5);
        assert_eq!(p.check().unwrap_err().path, "plan.frequency.D");
        let mut p = PlanPolicy::default();
        p.frequency.remove(&Class::A);
        assert_eq!(p.check().unwrap_err().path, "plan.frequency.A");
    }

    #[test]
    fn groups_and_strata_are_checked() {
        let mut p = PlanPolicy::default();
        p.full_coverage[0].industries = vec!["F52x".into()];
        assert_eq!(
            p.check().unwrap_err().path,
            "plan.full_coverage.0.industries.0"
        );
        let mut p = PlanPolicy::default();
        p.stratum_weights.insert("street:x".into(), 2.0);
        assert!(p
            .check()
            .unwrap_err()
            .path
            .starts_with("plan.stratum_weights"));
        let p = PlanPolicy {
            stratify_by: vec![StratumBy::Region, StratumBy::Region],
            ..Default::default()
        };
        assert_eq!(p.check().unwrap_err().path, "plan.stratify_by.1");
    }

    #[test]
    fn industry_prefixes() {
        for ok in ["F", "f52", "F5251", "52", "5251", "C13"] {
            assert!(is_industry_prefix(ok), "{ok}");
        }
        for bad in ["", "Z", "F5", "F52511", "5", "F-52", "药品"] {
            assert!(!is_industry_prefix(bad), "{bad}");
        }
    }
}
