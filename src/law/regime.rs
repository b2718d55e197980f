//! Dated rule regimes and the legal basis every answer names.
//!
//! Two regimes govern credit repair and publicity: the 2021 rules (SAMR Orders 44 and 45 and
//! the 2021 credit-repair measures) and SAMR Order 107, in force from 2025-12-25 (a policy
//! setting, `rules.order107_effective`). [`Regime::on`] picks the regime for a date.
//!
//! Every rule the engine applies has a [`Basis`]: the instrument and, where known, the
//! article. `mark` follows docs/RULES.md: `L` read in the legal text, `S` from a secondary source
//! quoting the rule, `P` practice. An article number that has not been checked against the
//! published text is left out and the basis says 条款待核对 (article to be checked): a wrong
//! article in a decision letter would do more harm than a missing one.
//!
//! The `L` articles were read in the texts of SAMR's regulation database
//! (sjfg.samr.gov.cn) and the national database of laws and regulations (flk.npc.gov.cn), as
//! carried by the public law-text collections `LawRefBook/Laws` and `Theonefkguy/Chinese-Laws`
//! (Order 45: gkml.samr.gov.cn/nsjg/fgs/202108/t20210801_333256.html). The 经营异常名录 rules
//! changed twice since 2014; their bases are dated in [`AbnormalText`].

use crate::date::Date;
use crate::policy::{RulesPolicy, Transition};
use crate::records::ListReason;
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
    /// The regime that answers a question asked on `as_of` about a record dated `record`,
    /// as the policy's [`Transition`] setting decides: the same for the record's publicity
    /// (or listing) and its repair, so one answer never mixes the two.
    pub fn for_question(rules: &RulesPolicy, record: Date, as_of: Date) -> Regime {
        match rules.transition {
            Transition::QuestionDate => Regime::on(record.max(as_of), rules.order107_effective),
            Transition::RecordDate => Regime::on(record, rules.order107_effective),
        }
    }

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

    /// Its name in English.
    pub fn en(self) -> &'static str {
        match self {
            Regime::Rules2021 => {
                "the 2021 rules (SAMR Orders No. 44 and No. 45, Guo Shi Jian Xin Gui [2021] No. 3)"
            }
            Regime::Order107 => "SAMR Order No. 107 (in force from 2025-12-25)",
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
    /// Penalty kinds whose publicity never ends early (Order 45).
    PenaltyNeverEarly,
    /// What the 2021 repair measures cover (lists and penalty publicity only).
    Repair2021Scope,
    /// Serious list: early removal (Order 44; 2021 repair measures).
    SeriousRepair2021,
    /// Order 107: grading 轻微/一般/严重 and their publicity periods.
    Order107Grading,
    /// Order 107: a 轻微 penalty stops after 3 months by itself.
    Order107Minor,
    /// Order 107: a 一般 penalty, repair after 3 months on the conditions.
    Order107General,
    /// Order 107: a 严重 penalty, repair after 1 year on the conditions (restrictions expired;
    /// never for demotion, revocation or closure).
    Order107Serious,
    /// Order 107: repair conditions of a penalty.
    Order107Repair,
    /// Order 107: negative inspection results.
    Order107Inspection,
    /// Order 107: removal from the serious list.
    Order107SeriousList,
    /// 经营异常名录: removal by cure.
    AbnormalRemoval,
    /// Listed entities cannot use simplified deregistration (简易注销).
    SimplifiedDeregistration,
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
    /// The same in English, e.g. `SAMR Order No. 45 (Provisions on the Publicity of
    /// Administrative Penalty Information in Market Regulation), art. 2`.
    pub basis_en: String,
    /// `L`, `S` or `P` (see the module documentation).
    pub basis_mark: &'static str,
}

/// An instrument's name in Chinese and in English.
type Instrument = (&'static str, &'static str);

const O45: Instrument = (
    "市场监督管理行政处罚信息公示规定（市场监管总局令第45号）",
    "SAMR Order No. 45 (Provisions on the Publicity of Administrative Penalty Information in Market Regulation)",
);
const O44: Instrument = (
    "市场监督管理严重违法失信名单管理办法（市场监管总局令第44号）",
    "SAMR Order No. 44 (Measures for the List of Serious Violations of Law and Trust in Market Regulation)",
);
const R2021: Instrument = (
    "市场监督管理信用修复管理办法（国市监信规〔2021〕3号）",
    "Measures for Credit Repair in Market Regulation (Guo Shi Jian Xin Gui [2021] No. 3)",
);
const O107: Instrument = (
    "市场监督管理信用修复管理办法（市场监管总局令第107号）",
    "SAMR Order No. 107 (Measures for Credit Repair in Market Regulation)",
);
const COMMIT: Instrument = (
    "国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见（国办发〔2020〕42号）",
    "General Office of the State Council, Guiding Opinions on the Notification-and-Commitment System for Certificates and Business Licences (Guo Ban Fa [2020] No. 42)",
);
const CLASSIFY: Instrument = (
    "关于推进企业信用风险分类管理进一步提升监管效能的意见（国市监信发〔2022〕6号）",
    "Opinions on Enterprise Credit Risk Classification Management (Guo Shi Jian Xin Fa [2022] No. 6)",
);
const MARKET_REG: Instrument = (
    "中华人民共和国市场主体登记管理条例",
    "Regulations of the PRC on the Registration of Market Entities",
);
const UNCHECKED: &str = "（条款待核对）";
const UNCHECKED_EN: &str = " (article to be checked)";
const REGS2014: Instrument = (
    "企业信息公示暂行条例（2014年国务院令第654号）",
    "Interim Regulations on Enterprise Information Publicity (State Council Decree No. 654, 2014)",
);
const REGS2024: Instrument = (
    "企业信息公示暂行条例（2024年修订）",
    "Interim Regulations on Enterprise Information Publicity (revised 2024)",
);
const DECISION2024: Instrument = (
    "国务院关于修改和废止部分行政法规的决定（2024年3月10日公布，2024年5月1日起施行）",
    "State Council Decision on Amending and Repealing Certain Administrative Regulations (published 2024-03-10, in force 2024-05-01)",
);
const ABN2014: Instrument = (
    "企业经营异常名录管理暂行办法（原国家工商行政管理总局令第68号）",
    "Interim Measures for the List of Enterprises with Abnormal Operations (former SAIC Order No. 68)",
);
const ABN2025: Instrument = (
    "企业经营异常名录管理办法（2025年市场监管总局令第101号修订）",
    "Measures for the List of Enterprises with Abnormal Operations (as revised by SAMR Order No. 101, 2025)",
);
const IND2014: Instrument = (
    "个体工商户年度报告暂行办法（原国家工商行政管理总局令第69号）",
    "Interim Measures on the Annual Reports of Individual Businesses (former SAIC Order No. 69)",
);
const IND2025: Instrument = (
    "个体工商户年度报告办法（2025年市场监管总局令第101号修订）",
    "Measures on the Annual Reports of Individual Businesses (as revised by SAMR Order No. 101, 2025)",
);

/// A Chinese numeral of an article (一 … 九十九) or Arabic digits, as a number.
fn numeral(s: &str) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        ['十'] => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// An article reference in English: `第四条第（一）项、第六条` → `art. 4(1), art. 6`,
/// `第十三条至第十五条` → `arts. 13–15`, `第十四条第三款` → `art. 14, para. 3`. Anything it
/// does not know is given back unchanged (a test holds every article the code cites to
/// English).
pub fn article_en(zh: &str) -> String {
    let mut out = String::new();
    let mut rest = zh;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('第') {
            // 第N条 / 第N款 / 第N项 / 第（N）项
            let (inner, r2, paren) = if let Some(r) = r.strip_prefix('（') {
                match r.find('）') {
                    Some(i) => (&r[..i], &r[i + '）'.len_utf8()..], true),
                    None => return zh.to_string(),
                }
            } else {
                match r.find(['条', '款', '项']) {
                    Some(i) => (&r[..i], &r[i..], false),
                    None => return zh.to_string(),
                }
            };
            let Some(n) = numeral(inner) else {
                return zh.to_string();
            };
            let mut chars = r2.chars();
            let unit = chars.next();
            rest = chars.as_str();
            match unit {
                Some('条') => {
                    if rest.starts_with('至') {
                        out.push_str(&format!("arts. {n}"));
                    } else if out.ends_with('–') {
                        out.push_str(&n.to_string());
                    } else {
                        out.push_str(&format!("art. {n}"));
                    }
                }
                Some('款') => out.push_str(&format!(", para. {n}")),
                Some('项') if paren => out.push_str(&format!("({n})")),
                Some('项') => out.push_str(&format!(", item {n}")),
                _ => return zh.to_string(),
            }
        } else if let Some(r) = rest.strip_prefix('至') {
            out.push('–');
            rest = r;
        } else if let Some(r) = rest.strip_prefix('、') {
            out.push_str(", ");
            rest = r;
        } else if let Some(r) = rest.strip_prefix('；') {
            out.push_str("; ");
            rest = r;
        } else {
            return zh.to_string();
        }
    }
    out
}

fn basis(
    regime: Regime,
    instrument: Instrument,
    article: Option<&str>,
    mark: &'static str,
) -> Basis {
    let (zh, en) = instrument;
    match article {
        Some(a) => basis_pair(regime, instrument, (a, &article_en(a)), mark),
        None => Basis {
            regime,
            basis: format!("{zh}{UNCHECKED}"),
            basis_en: format!("{en}{UNCHECKED_EN}"),
            basis_mark: mark,
        },
    }
}

/// A basis whose article is given in both languages.
fn basis_pair(
    regime: Regime,
    (zh, en): Instrument,
    (article_zh, article_en): (&str, &str),
    mark: &'static str,
) -> Basis {
    Basis {
        regime,
        basis: format!("{zh}{article_zh}"),
        basis_en: format!("{en}, {article_en}"),
        basis_mark: mark,
    }
}

/// The 经营异常名录 texts in force on a date, read in the gazetted texts [L]:
///
/// - until 2024-04-30, 企业信息公示暂行条例 (2014) 第十七条 with 企业经营异常名录管理暂行办法
///   and 个体工商户年度报告暂行办法 (2014): a listing still in force after 3 years moves to the
///   serious list (条例第十七条第二款, 暂行办法第十五条, reminder in the last 60 days);
///   individual businesses are marked (标记为经营异常状态), not listed;
/// - from the 条例's 2024 revision (国务院关于修改和废止部分行政法规的决定, in force 2024-05-01,
///   `rules.abnormal.transfer_abolished`): the transfer is gone (第十八条 instead revokes the
///   licence after 2 years without reports when the enterprise is unreachable, a penalty
///   decision this toolkit does not take); false information is fined and, when serious,
///   leads to the serious list (第十八条第二款);
/// - from SAMR Order 101 (2025-03-18, `rules.abnormal.order101_effective`): the revised
///   企业经营异常名录管理办法 (reasons: no annual report, instant information, a name not
///   changed as ordered, unreachable; objection 第十五条) and 个体工商户年度报告办法, under which
///   individual businesses are listed (第十三条至第十五条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AbnormalText {
    /// The 2014 texts.
    Rules2014,
    /// The 2014 rules of the administration under the 2024 条例 (no transfer).
    Regs2024,
    /// The texts as revised by Order 101.
    Order101,
}

impl AbnormalText {
    /// The texts in force on `date`.
    pub fn on(date: Date, transfer_abolished: Date, order101_effective: Date) -> AbnormalText {
        if date >= order101_effective {
            AbnormalText::Order101
        } else if date >= transfer_abolished {
            AbnormalText::Regs2024
        } else {
            AbnormalText::Rules2014
        }
    }

    /// Whether individual businesses are marked (标记为经营异常状态) rather than listed.
    pub fn marks_individuals(self) -> bool {
        self != AbnormalText::Order101
    }

    fn enterprise_rules(self) -> Instrument {
        match self {
            AbnormalText::Order101 => ABN2025,
            _ => ABN2014,
        }
    }

    fn individual_rules(self) -> Instrument {
        match self {
            AbnormalText::Order101 => IND2025,
            _ => IND2014,
        }
    }

    /// Whether `reason` is a listing reason of these texts for an enterprise (false
    /// information is not one from Order 101, a name not changed is not one before it).
    pub fn lists_for(self, reason: ListReason) -> bool {
        match reason {
            ListReason::FalseInformation => self != AbnormalText::Order101,
            ListReason::NameChange => self == AbnormalText::Order101,
            _ => true,
        }
    }

    /// The basis of a listing (or mark) for `reason`.
    pub fn listing(self, reason: ListReason, individual: bool, regime: Regime) -> Basis {
        if individual {
            let a = match reason {
                ListReason::NoAnnualReport => "第十三条",
                ListReason::FalseInformation => "第十四条",
                ListReason::Unreachable => "第十五条",
                _ => "第十三条至第十五条",
            };
            return basis(regime, self.individual_rules(), Some(a), "L");
        }
        if reason == ListReason::FalseInformation && self == AbnormalText::Order101 {
            return basis(regime, REGS2024, Some("第十八条第二款"), "L");
        }
        let a = match (reason, self) {
            (ListReason::NoAnnualReport, _) => "第四条第（一）项、第六条",
            (ListReason::InstantInfo, _) => "第四条第（二）项、第七条",
            (ListReason::FalseInformation, _) => "第四条第（三）项、第八条",
            (ListReason::NameChange, AbnormalText::Order101) => "第四条第（三）项、第八条",
            (ListReason::Unreachable, _) => "第四条第（四）项、第九条",
            _ => "第四条",
        };
        basis(regime, self.enterprise_rules(), Some(a), "L")
    }

    /// The basis of removal once the cause is cured (decided within 5 working days).
    pub fn removal(self, reason: ListReason, individual: bool, regime: Regime) -> Basis {
        if individual {
            let a = match reason {
                ListReason::NoAnnualReport => "第十六条",
                ListReason::FalseInformation => "第十七条",
                ListReason::Unreachable => "第十八条",
                _ => "第十六条至第十八条",
            };
            return basis(regime, self.individual_rules(), Some(a), "L");
        }
        let a = match (reason, self) {
            (ListReason::NoAnnualReport, _) => "第十一条",
            (ListReason::InstantInfo, _) => "第十二条",
            (ListReason::FalseInformation, t) if t != AbnormalText::Order101 => "第十三条",
            (ListReason::NameChange, AbnormalText::Order101) => "第十三条",
            (ListReason::Unreachable, _) => "第十四条",
            _ => "第十条",
        };
        basis(regime, self.enterprise_rules(), Some(a), "L")
    }

    /// The basis of objections (30 days → 5 → 20 working days).
    pub fn objection(self, individual: bool, regime: Regime) -> Basis {
        match (individual, self) {
            (true, t) => basis(regime, t.individual_rules(), Some("第十九条"), "L"),
            (false, AbnormalText::Order101) => basis(regime, ABN2025, Some("第十五条"), "L"),
            (false, _) => basis(regime, ABN2014, Some("第十六条"), "L"),
        }
    }

    /// The basis of the 3-year transfer (the 2014 texts).
    pub fn transfer(regime: Regime) -> Basis {
        basis_pair(
            regime,
            REGS2014,
            (
                "第十七条第二款；企业经营异常名录管理暂行办法第十五条",
                "art. 17, para. 2; Interim Measures for the List of Enterprises with Abnormal Operations, art. 15",
            ),
            "L",
        )
    }

    /// The basis of the transfer's end (the 2024 revision of the 条例).
    pub fn transfer_abolished(regime: Regime) -> Basis {
        basis_pair(
            regime,
            DECISION2024,
            (
                "附件1第七项（《企业信息公示暂行条例》原第十七条改为第十八条）",
                "annex 1, item 7 (art. 17 of the Interim Regulations on Enterprise Information Publicity becomes art. 18)",
            ),
            "L",
        )
    }
}

impl Rule {
    /// Every rule, in declaration order.
    pub const ALL: [Rule; 24] = [
        Rule::PublicityScope,
        Rule::PublicityDeadline,
        Rule::PublicityWithdraw,
        Rule::PublicityPeriod,
        Rule::PenaltyRepair2021,
        Rule::PenaltyNeverEarly,
        Rule::Repair2021Scope,
        Rule::SeriousRepair2021,
        Rule::Order107Grading,
        Rule::Order107Minor,
        Rule::Order107General,
        Rule::Order107Serious,
        Rule::Order107Repair,
        Rule::Order107Inspection,
        Rule::Order107SeriousList,
        Rule::AbnormalRemoval,
        Rule::SimplifiedDeregistration,
        Rule::SeriousListing,
        Rule::SeriousPeriod,
        Rule::SeriousConsequences,
        Rule::CommitmentExcluded,
        Rule::Incentives,
        Rule::ClassAdjustment,
        Rule::Objection,
    ];

    /// The basis of this rule under `regime`.
    pub fn basis(self, regime: Regime) -> Basis {
        let (instrument, article, mark): (Instrument, Option<&str>, &'static str) =
            match (self, regime) {
                (Rule::PublicityScope, _) => (O45, Some("第二条"), "L"),
                // 第九条: 20 working days when the authority and the registration are in one
                // province; 第十条: otherwise 10 working days to push it to the home authority,
                // which publishes within 10 working days of receiving it.
                (Rule::PublicityDeadline, _) => (O45, Some("第九条、第十条"), "L"),
                (Rule::PublicityWithdraw, _) => (O45, Some("第十一条"), "L"),
                // 第一款 3 months / 3 years from publication, 第二款 the provincial 较低数额罚款,
                // 第三款 a restriction of more than 3 years.
                (Rule::PublicityPeriod, _) => (O45, Some("第十三条"), "L"),
                // 第六条 (6 months, food/drugs/special equipment 1 year; fulfilled, harm eliminated,
                // no repeat, not listed), quoted by 十堰市市场监督管理局「关于信用修复有关事项的公告」
                // (scjg.shiyan.gov.cn/zwdt/gs/202306/t20230620_4253748.shtml, 2023) and 赤壁市市场监督
                // 管理局「行政处罚信息信用修复告知书」(www.chibi.gov.cn/bmlb/syjj/gzdt_6021/202507/
                // t20250701_4017254.shtml, 2025). Order 45 第十四条第一款 states the same four conditions.
                (Rule::PenaltyRepair2021, _) => (R2021, Some("第六条"), "S"),
                // 责令停产停业、限制开展生产经营活动、限制从业、降低资质等级、吊销许可证件、吊销营业执照.
                (Rule::PenaltyNeverEarly, _) => (O45, Some("第十四条第三款"), "L"),
                // 第二条 (what repair covers: the two lists, the individual businesses' mark and
                // penalty publicity), quoted with its text by copies of the measures
                // (m.personalh.cn/article/mobile-do-detail-id-42884.html) and by 沅江市市场监督管理局
                // (www.yuanjiang.gov.cn/21773/21775/content_1999679.html).
                (Rule::Repair2021Scope, _) => (R2021, Some("第二条"), "S"),
                // 第十六条 (listed ≥ 1 year; fulfilled, harm eliminated, no further 较重行政处罚; not
                // while a legal restriction runs) and 第十七条 (accepted within 2 working days,
                // decided within 15 working days of acceptance); the 2021 repair measures 第七条 say
                // the same (quoted by the 十堰 notice above).
                (Rule::SeriousRepair2021, _) => (O44, Some("第十六条、第十七条"), "L"),
                (Rule::Order107Grading, _) => (O107, Some("第六条至第九条"), "L"),
                (Rule::Order107Minor, _) => (O107, Some("第七条"), "L"),
                (Rule::Order107General, _) => (O107, Some("第九条、第十一条"), "L"),
                (Rule::Order107Serious, _) => (O107, Some("第八条、第十一条"), "L"),
                (Rule::Order107Repair, _) => (O107, Some("第十一条"), "L"),
                (Rule::Order107Inspection, _) => (O107, Some("第十条"), "L"),
                (Rule::Order107SeriousList, _) => (O107, Some("第十三条"), "L"),
                // 第五条 (repair by cure: report filed, information published or corrected, address
                // changed or reachable), quoted by the 十堰 notice above.
                (Rule::AbnormalRemoval, Regime::Rules2021) => (R2021, Some("第五条"), "S"),
                (Rule::AbnormalRemoval, Regime::Order107) => (O107, Some("第十二条"), "L"),
                (Rule::SimplifiedDeregistration, _) => (MARKET_REG, Some("第三十三条第四款"), "L"),
                // 第二条 (较重行政处罚 for conduct 性质恶劣、情节严重、社会危害较大), 第五条至第十一条
                // (the fields and conduct) and 第十二条 (the factors weighed).
                (Rule::SeriousListing, _) => (O44, Some("第二条、第五条至第十二条"), "L"),
                // 3 years from listing; a restriction of more than 3 years runs its length.
                (Rule::SeriousPeriod, _) => (O44, Some("第二十一条"), "L"),
                (Rule::SeriousConsequences, _) => (O44, Some("第十五条"), "L"),
                // For the serious list, Order 44 第十五条第（三）项 (see the measures catalogue); for a
                // false commitment, the State Council opinion.
                (Rule::CommitmentExcluded, _) => (COMMIT, None, "S"),
                (Rule::Incentives, _) => (CLASSIFY, None, "P"),
                (Rule::ClassAdjustment, _) => (CLASSIFY, None, "S"),
                (Rule::Objection, _) => (CLASSIFY, None, "P"),
            };
        basis(regime, instrument, article, mark)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The articles read in the published texts or in a quoting notice (see the comments in
    /// [`Rule::basis`]); the rest still say 条款待核对.
    #[test]
    fn checked_articles() {
        let r = Regime::Rules2021;
        for (rule, want, mark) in [
            (Rule::PublicityScope, "第45号）第二条", "L"),
            (Rule::PublicityDeadline, "第45号）第九条、第十条", "L"),
            (Rule::PublicityWithdraw, "第45号）第十一条", "L"),
            (Rule::PublicityPeriod, "第45号）第十三条", "L"),
            (Rule::PenaltyNeverEarly, "第45号）第十四条第三款", "L"),
            (Rule::PenaltyRepair2021, "3号）第六条", "S"),
            (Rule::Repair2021Scope, "3号）第二条", "S"),
            (Rule::SeriousRepair2021, "第44号）第十六条、第十七条", "L"),
            (Rule::AbnormalRemoval, "3号）第五条", "S"),
            (
                Rule::SeriousListing,
                "第44号）第二条、第五条至第十二条",
                "L",
            ),
            (Rule::SeriousPeriod, "第44号）第二十一条", "L"),
            (Rule::SeriousConsequences, "第44号）第十五条", "L"),
            (
                Rule::SimplifiedDeregistration,
                "登记管理条例第三十三条第四款",
                "L",
            ),
        ] {
            let b = rule.basis(r);
            assert!(b.basis.ends_with(want), "{rule:?}: {}", b.basis);
            assert_eq!(b.basis_mark, mark, "{rule:?}");
        }
        let o = Regime::Order107;
        for (rule, want) in [
            (Rule::Order107Grading, "第六条至第九条"),
            (Rule::Order107Minor, "第七条"),
            (Rule::Order107General, "第九条、第十一条"),
            (Rule::Order107Serious, "第八条、第十一条"),
            (Rule::Order107Repair, "第十一条"),
            (Rule::Order107Inspection, "第十条"),
            (Rule::Order107SeriousList, "第十三条"),
            (Rule::AbnormalRemoval, "第十二条"),
        ] {
            let b = rule.basis(o);
            assert!(
                b.basis.starts_with(O107.0) && b.basis.ends_with(want),
                "{rule:?}: {}",
                b.basis
            );
            assert_eq!(b.basis_mark, "L");
        }
        for rule in [
            Rule::CommitmentExcluded,
            Rule::Incentives,
            Rule::ClassAdjustment,
            Rule::Objection,
        ] {
            assert!(rule.basis(r).basis.ends_with(UNCHECKED), "{rule:?}");
        }
    }

    /// The 经营异常名录 texts change on 2024-05-01 (no transfer) and on Order 101's day
    /// (revised 办法; individual businesses listed).
    #[test]
    fn abnormal_texts_by_date() {
        let (abolished, o101) = (d("2024-05-01"), d("2025-03-18"));
        let on = |s: &str| AbnormalText::on(d(s), abolished, o101);
        assert_eq!(on("2024-04-30"), AbnormalText::Rules2014);
        assert_eq!(on("2024-05-01"), AbnormalText::Regs2024);
        assert_eq!(on("2025-03-17"), AbnormalText::Regs2024);
        assert_eq!(on("2025-03-18"), AbnormalText::Order101);
        assert!(on("2025-03-17").marks_individuals() && !on("2025-03-18").marks_individuals());
        let g = Regime::Rules2021;
        let old = on("2025-03-17");
        let new = on("2025-03-18");
        assert!(old
            .listing(ListReason::FalseInformation, false, g)
            .basis
            .ends_with("暂行办法（原国家工商行政管理总局令第68号）第四条第（三）项、第八条"));
        assert!(new
            .listing(ListReason::NameChange, false, g)
            .basis
            .ends_with("第101号修订）第四条第（三）项、第八条"));
        assert!(new
            .listing(ListReason::FalseInformation, false, g)
            .basis
            .ends_with("（2024年修订）第十八条第二款"));
        assert!(old.lists_for(ListReason::FalseInformation));
        assert!(!new.lists_for(ListReason::FalseInformation));
        assert!(!old.lists_for(ListReason::NameChange) && new.lists_for(ListReason::NameChange));
        assert!(old.objection(false, g).basis.ends_with("第68号）第十六条"));
        assert!(new
            .objection(false, g)
            .basis
            .ends_with("第101号修订）第十五条"));
        assert!(old.objection(true, g).basis.starts_with(IND2014.0));
        assert!(new.objection(true, g).basis.starts_with(IND2025.0));
        assert!(new.objection(true, g).basis.ends_with("第十九条"));
        assert!(old
            .removal(ListReason::Unreachable, false, g)
            .basis
            .ends_with("第十四条"));
        assert!(new
            .removal(ListReason::NoAnnualReport, true, g)
            .basis
            .ends_with("第十六条"));
        assert!(AbnormalText::transfer(g).basis.contains("第十七条第二款"));
        assert!(AbnormalText::transfer_abolished(g)
            .basis
            .starts_with(DECISION2024.0));
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
        let b = Rule::Order107Repair.basis(Regime::Order107);
        assert!(b.basis.contains("第107号") && !b.basis.contains("待核对"));
        let j = serde_json::to_value(&b).unwrap();
        assert_eq!(j["regime"], "order107");
        assert_eq!(j["basisMark"], "L");
        let b = Rule::Incentives.basis(Regime::Order107);
        assert!(b.basis.contains("国市监信发〔2022〕6号") && b.basis.contains("待核对"));
        assert_eq!(b.basis_mark, "P");
    }
}
