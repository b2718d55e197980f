//! Dated rule regimes and the legal basis every answer names.
//!
//! Two regimes govern credit repair and publicity: the 2021 rules (SAMR Orders 44 and 45 and
//! the 2021 credit-repair measures) and SAMR Order 107, in force from 2025-12-25 (a policy
//! setting, `rules.order107_effective`). [`Regime::on`] picks the regime for a date.
//!
//! Every rule the engine applies has a [`Basis`]: the instrument and, where known, the
//! article. `mark` follows DOMAIN.md: `L` read in the legal text, `S` from a secondary source
//! quoting the rule, `P` practice. An article number that has not been checked against the
//! published text is left out and the basis says 条款待核对 (article to be checked): a wrong
//! article in a decision letter would do more harm than a missing one.

use crate::date::Date;
use serde::Serialize;

/// A rule regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Regime {
    /// The 2021 rules: Orders 44 and 45 (2021), 国市监信规〔2021〕3号.
    Rules2021,
    /// SAMR Order 107 (市场监督管理信用修复管理办法), from 2025-12-25.
    Order107,
}

impl Regime {
    /// The regime in force on `date`, given the day Order 107 took effect.
    pub fn on(date: Date, order107_effective: Date) -> Regime {
        if date >= order107_effective {
            Regime::Order107
        } else {
            Regime::Rules2021
        }
    }

    /// Its stable code.
    pub fn code(self) -> &'static str {
        match self {
            Regime::Rules2021 => "rules2021",
            Regime::Order107 => "order107",
        }
    }

    /// Its name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Regime::Rules2021 => "2021年规则（总局令第44号、第45号，国市监信规〔2021〕3号）",
            Regime::Order107 => "市场监管总局令第107号（2025年12月25日起施行）",
        }
    }
}

/// A rule the engine applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Which penalties are published (普通程序; not a warning alone).
    PublicityScope,
    /// Published within 20 working days of the decision.
    PublicityDeadline,
    /// Withdrawn within 3 working days of a revocation.
    PublicityWithdraw,
    /// 3 months / 3 years / a longer legal restriction.
    PublicityPeriod,
    /// Early end of penalty publicity (2021).
    PenaltyRepair2021,
    /// What the 2021 repair measures cover (lists and penalty publicity only).
    Repair2021Scope,
    /// Serious list: early removal (2021).
    SeriousRepair2021,
    /// Decision on a repair application within 15 working days (2021).
    RepairDecision2021,
    /// Order 107: grading 轻微/一般/严重 and their publicity periods.
    Order107Grading,
    /// Order 107: repair after the minimum period, conditions.
    Order107Repair,
    /// Order 107: decision within 7 working days.
    Order107Decision,
    /// 经营异常名录: listing reasons and the 10-working-day listing.
    AbnormalListing,
    /// 经营异常名录: removal by cure.
    AbnormalRemoval,
    /// 经营异常名录: objections.
    AbnormalObjection,
    /// 经营异常名录 for 3 years → serious list.
    AbnormalTransfer,
    /// Individual businesses are marked, not listed.
    IndividualMarked,
    /// Serious list: listing conditions.
    SeriousListing,
    /// Serious list: 3-year period.
    SeriousPeriod,
    /// Serious list: consequences (key supervision, no 告知承诺, tenders, honours).
    SeriousConsequences,
    /// 告知承诺 not available with serious failings or a false commitment, until repaired.
    CommitmentExcluded,
    /// Incentives for trustworthy entities.
    Incentives,
    /// Manual class adjustment with a written reason (谁分类、谁调整).
    ClassAdjustment,
    /// Objections to a record: flagged, corrected or confirmed, nothing deleted silently.
    Objection,
}

/// The legal basis of one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Basis {
    /// The regime (`rules2021` or `order107`).
    pub regime: Regime,
    /// Instrument and article, e.g. `市场监督管理行政处罚信息公示规定（市场监管总局令第45号）第二条`.
    pub basis: String,
    /// `L`, `S` or `P` (see the module documentation).
    pub basis_mark: &'static str,
}

const O45: &str = "市场监督管理行政处罚信息公示规定（市场监管总局令第45号）";
const O44: &str = "市场监督管理严重违法失信名单管理办法（市场监管总局令第44号）";
const R2021: &str = "市场监督管理信用修复管理办法（国市监信规〔2021〕3号）";
const O107: &str = "市场监督管理信用修复管理办法（市场监管总局令第107号）";
const REGS: &str = "企业信息公示暂行条例";
const ABN: &str = "企业经营异常名录管理暂行办法（原工商总局令第68号）";
const IND: &str = "个体工商户年度报告办法";
const COMMIT: &str =
    "国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见（国办发〔2020〕42号）";
const CLASSIFY: &str =
    "关于推进企业信用风险分类管理进一步提升监管效能的意见（国市监信发〔2022〕6号）";
const UNCHECKED: &str = "（条款待核对）";

impl Rule {
    /// The basis of this rule under `regime`.
    pub fn basis(self, regime: Regime) -> Basis {
        let (instrument, article, mark): (&str, Option<&str>, &'static str) = match (self, regime) {
            (Rule::PublicityScope, _) => (O45, Some("第二条"), "L"),
            (Rule::PublicityDeadline, _) => (O45, None, "S"),
            (Rule::PublicityWithdraw, _) => (O45, None, "S"),
            // 第十三条第一款 (3 months / 3 years from publication) and 第二款 (the provincial
            // 较低数额罚款), as quoted by the Guizhou (2023) and Fujian (闽市监规〔2024〕3号) notices,
            // and verbatim by the 赤壁 notice above.
            (Rule::PublicityPeriod, _) => (O45, Some("第十三条"), "S"),
            // 第六条 (6 months, food/drugs/special equipment 1 year; fulfilled, harm eliminated,
            // no repeat, not listed), quoted by 十堰市市场监督管理局「关于信用修复有关事项的公告」
            // (scjg.shiyan.gov.cn/zwdt/gs/202306/t20230620_4253748.shtml, 2023) and 赤壁市市场监督
            // 管理局「行政处罚信息信用修复告知书」(www.chibi.gov.cn/bmlb/syjj/gzdt_6021/202507/
            // t20250701_4017254.shtml, 2025).
            (Rule::PenaltyRepair2021, _) => (R2021, Some("第六条"), "S"),
            (Rule::Repair2021Scope, _) => (R2021, None, "S"),
            // 第七条 (listed ≥ 1 year; fulfilled, harm eliminated, no further 较重行政处罚; not
            // while a restriction runs), quoted by the 十堰 notice above.
            (Rule::SeriousRepair2021, _) => (R2021, Some("第七条"), "S"),
            (Rule::RepairDecision2021, _) => (R2021, None, "S"),
            (Rule::Order107Grading, _) => (O107, None, "S"),
            (Rule::Order107Repair, _) => (O107, None, "S"),
            (Rule::Order107Decision, _) => (O107, None, "S"),
            (Rule::AbnormalListing, _) => (REGS, Some("第十七条"), "S"),
            // 第五条 (repair by cure: report filed, information published or corrected, address
            // changed or reachable), quoted by the 十堰 notice above.
            (Rule::AbnormalRemoval, Regime::Rules2021) => (R2021, Some("第五条"), "S"),
            (Rule::AbnormalRemoval, Regime::Order107) => (O107, None, "S"),
            (Rule::AbnormalObjection, _) => (ABN, None, "S"),
            (Rule::AbnormalTransfer, _) => (REGS, Some("第十七条第二款"), "S"),
            (Rule::IndividualMarked, _) => (IND, None, "S"),
            // 第二条 (较重行政处罚 for conduct 性质恶劣、情节严重、社会危害较大) and 第十二条 (the
            // factors weighed), as cited by 天津市市场监督管理委员会「市场监督管理严重违法失信名单
            // 管理实施办法」第四条 (2022-08-24; read in a copy at bjmssf.com/scjg/
            // tjsscjdglwyh_52651/zwgk/zfgznew/bdwwjnew/sjwwj_1/202208/t20220826_5968710) and, for
            // 第十二条, 中国市场监管报 2025-10-24 (www.cmrnn.com.cn/content/2025-10/24/
            // content_279511.html).
            (Rule::SeriousListing, _) => (O44, Some("第二条、第十二条"), "S"),
            (Rule::SeriousPeriod, _) => (O44, None, "S"),
            (Rule::SeriousConsequences, _) => (O44, None, "S"),
            (Rule::CommitmentExcluded, _) => (COMMIT, None, "S"),
            (Rule::Incentives, _) => (CLASSIFY, None, "P"),
            (Rule::ClassAdjustment, _) => (CLASSIFY, None, "S"),
            (Rule::Objection, _) => (CLASSIFY, None, "P"),
        };
        Basis {
            regime,
            basis: match article {
                Some(a) => format!("{instrument}{a}"),
                None => format!("{instrument}{UNCHECKED}"),
            },
            basis_mark: mark,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The articles checked against a published quotation (see the comments in
    /// [`Rule::basis`]); every other basis still says 条款待核对.
    #[test]
    fn checked_articles() {
        let r = Regime::Rules2021;
        for (rule, want) in [
            (Rule::PublicityScope, "第45号）第二条"),
            (Rule::PublicityPeriod, "第45号）第十三条"),
            (Rule::PenaltyRepair2021, "3号）第六条"),
            (Rule::SeriousRepair2021, "3号）第七条"),
            (Rule::AbnormalRemoval, "3号）第五条"),
            (Rule::SeriousListing, "第44号）第二条、第十二条"),
        ] {
            let b = rule.basis(r).basis;
            assert!(b.ends_with(want), "{rule:?}: {b}");
        }
        for rule in [
            Rule::PublicityDeadline,
            Rule::PublicityWithdraw,
            Rule::RepairDecision2021,
            Rule::Repair2021Scope,
            Rule::SeriousPeriod,
        ] {
            assert!(rule.basis(r).basis.ends_with(UNCHECKED), "{rule:?}");
        }
        for rule in [
            Rule::Order107Grading,
            Rule::Order107Repair,
            Rule::Order107Decision,
            Rule::AbnormalRemoval,
        ] {
            let b = rule.basis(Regime::Order107).basis;
            assert!(b.contains("第107号") && b.ends_with(UNCHECKED), "{rule:?}");
        }
    }

    fn d(s: &str) -> Date {
        crate::date::parse_date(s).unwrap()
    }

    #[test]
    fn regime_changes_on_the_effective_day() {
        let eff = d("2025-12-25");
        assert_eq!(Regime::on(d("2025-12-24"), eff), Regime::Rules2021);
        assert_eq!(Regime::on(d("2025-12-25"), eff), Regime::Order107);
        assert_eq!(Regime::on(d("2025-12-26"), eff), Regime::Order107);
    }

    #[test]
    fn every_basis_names_an_instrument() {
        let b = Rule::PublicityScope.basis(Regime::Rules2021);
        assert!(b.basis.contains("第45号") && b.basis.ends_with("第二条"));
        let b = Rule::Order107Decision.basis(Regime::Order107);
        assert!(b.basis.contains("第107号") && b.basis.contains("待核对"));
        let j = serde_json::to_value(&b).unwrap();
        assert_eq!(j["regime"], "order107");
        assert_eq!(j["basisMark"], "S");
    }
}
