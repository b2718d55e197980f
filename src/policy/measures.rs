//! The measures catalogue (`rules.measures`): incentives for trustworthy entities and lawful
//! restrictions, each with its eligibility rule, legal basis and exit condition, as data a
//! bureau may edit (docs/RULES.md §9). Which measures apply to an enterprise is
//! [`crate::advice::measures`].

use super::Class;
use serde::{Deserialize, Serialize};

/// Basis of the incentives: the 2022 classification opinion [P].
pub const INCENTIVES: &str =
    "关于推进企业信用风险分类管理进一步提升监管效能的意见（国市监信发〔2022〕6号）（条款待核对）";
/// Basis of the serious list's management measures (Order 44 第十五条) [L].
pub const SERIOUS_CONSEQUENCES: &str =
    "市场监督管理严重违法失信名单管理办法（市场监管总局令第44号）第十五条";
/// Basis of 告知承诺 being withheld after a false commitment [S].
pub const COMMITMENT_EXCLUDED: &str = "国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见（国办发〔2020〕42号）（条款待核对）";
/// Basis of simplified deregistration being withheld from listed entities [L].
pub const SIMPLIFIED_DEREGISTRATION: &str = "中华人民共和国市场主体登记管理条例第三十三条第四款";

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
    /// Its legal basis in English. Optional: when left out, the English the toolkit keeps for
    /// the default catalogue's texts ([`builtin_en`]) when `basis` is one of them, else `basis`
    /// itself (Chinese). Left out of the policy JSON when not given, so the default policy and
    /// its digest are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_en: Option<String>,
    /// When it applies.
    pub eligibility: Eligibility,
    /// When it stops applying.
    pub exit: String,
    /// When it stops applying, in English; optional, with the same fallback as `basis_en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_en: Option<String>,
}

impl Measure {
    /// The basis in English: `basis_en`, else the built-in English of a default text, else
    /// the Chinese.
    pub fn basis_english(&self) -> String {
        english(self.basis_en.as_deref(), &self.basis)
    }

    /// The exit condition in English, with the same fallback.
    pub fn exit_english(&self) -> String {
        english(self.exit_en.as_deref(), &self.exit)
    }
}

fn english(given: Option<&str>, zh: &str) -> String {
    match given {
        Some(en) if !en.trim().is_empty() => en.to_string(),
        _ => builtin_en(zh).unwrap_or_else(|| zh.to_string()),
    }
}

/// [`INCENTIVES`] in English.
pub const INCENTIVES_EN: &str = "Opinions on Enterprise Credit Risk Classification Management (Guo Shi Jian Xin Fa [2022] No. 6) (article to be checked)";
/// [`SERIOUS_CONSEQUENCES`] in English.
pub const SERIOUS_CONSEQUENCES_EN: &str = "SAMR Order No. 44 (Measures for the List of Serious Violations of Law and Trust in Market Regulation), art. 15";
/// [`COMMITMENT_EXCLUDED`] in English.
pub const COMMITMENT_EXCLUDED_EN: &str = "General Office of the State Council, Guiding Opinions on the Notification-and-Commitment System for Certificates and Business Licences (Guo Ban Fa [2020] No. 42) (article to be checked)";
/// [`SIMPLIFIED_DEREGISTRATION`] in English.
pub const SIMPLIFIED_DEREGISTRATION_EN: &str =
    "Regulations of the PRC on the Registration of Market Entities, art. 33, para. 4";

/// The exit conditions of the default catalogue, in Chinese and English.
const EXITS: [(&str, &str); 5] = [
    (
        "出现新的失信记录（处罚、列入名单、违背承诺）",
        "a new negative record (penalty, listing, broken commitment)",
    ),
    (
        "不再为A类或出现新的失信记录",
        "no longer class A, or a new negative record",
    ),
    (
        "移出严重违法失信名单",
        "removed from the serious violations list",
    ),
    (
        "移出严重违法失信名单，且虚假承诺记录已完成信用修复",
        "removed from the serious violations list, and the false commitment repaired",
    ),
    (
        "移出经营异常名录",
        "removed from the abnormal-operations list",
    ),
];

/// The English of a text of the default catalogue (a basis or an exit condition), or `None`
/// for any other text. This is where the default catalogue keeps its English: outside the
/// policy JSON, whose digest the results carry.
pub fn builtin_en(zh: &str) -> Option<String> {
    if zh == INCENTIVES {
        return Some(INCENTIVES_EN.into());
    }
    if zh == SIMPLIFIED_DEREGISTRATION {
        return Some(SIMPLIFIED_DEREGISTRATION_EN.into());
    }
    if let Some(item) = zh.strip_prefix(SERIOUS_CONSEQUENCES) {
        let item_en = |n: &str| format!("{SERIOUS_CONSEQUENCES_EN}, item ({n})");
        return match item {
            "第（一）项" => Some(item_en("1")),
            "第（二）项" => Some(item_en("2")),
            "第（四）项" => Some(item_en("4")),
            _ if item == format!("第（三）项；虚假承诺：{COMMITMENT_EXCLUDED}") => {
                Some(format!(
                    "{}; a false commitment: {COMMITMENT_EXCLUDED_EN}",
                    item_en("3")
                ))
            }
            _ => None,
        };
    }
    EXITS
        .iter()
        .find(|(z, _)| *z == zh)
        .map(|(_, en)| en.to_string())
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
        basis_en: None,
        eligibility: e,
        exit: exit.into(),
        exit_en: None,
    }
}

/// The default catalogue (docs/RULES.md §5, §9). Each basis is the text the law layer
/// gives for the rule (`crate::law::Rule`), kept here as data; a test in `law` holds them
/// equal.
pub fn default_catalogue() -> Vec<Measure> {
    use MeasureKind::*;
    vec![
        m(
            "green_channel",
            Incentive,
            "绿色通道",
            "green channel for applications",
            INCENTIVES.into(),
            Eligibility::NoNegativeWithin { months: 36 },
            "出现新的失信记录（处罚、列入名单、违背承诺）",
        ),
        m(
            "tolerance_acceptance",
            Incentive,
            "容缺受理",
            "acceptance with documents to follow",
            INCENTIVES.into(),
            Eligibility::NoNegativeWithin { months: 36 },
            "出现新的失信记录（处罚、列入名单、违背承诺）",
        ),
        m(
            "fewer_routine_checks",
            Incentive,
            "降低抽查比例和频次",
            "fewer routine checks",
            INCENTIVES.into(),
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
            format!("{SERIOUS_CONSEQUENCES}第（二）项"),
            Eligibility::OnSeriousList,
            "移出严重违法失信名单",
        ),
        m(
            "no_commitment",
            Restriction,
            "不适用告知承诺制",
            "no 告知承诺 (notification-and-commitment)",
            format!("{SERIOUS_CONSEQUENCES}第（三）项；虚假承诺：{COMMITMENT_EXCLUDED}"),
            Eligibility::SeriousListOrFalseCommitment,
            "移出严重违法失信名单，且虚假承诺记录已完成信用修复",
        ),
        m(
            "licensing_procurement",
            Restriction,
            "在行政许可、政府采购、招标投标中依法予以限制",
            "weighed in licensing, procurement and tenders",
            format!("{SERIOUS_CONSEQUENCES}第（一）项"),
            Eligibility::OnSeriousList,
            "移出严重违法失信名单",
        ),
        m(
            "no_honours",
            Restriction,
            "不得授予荣誉称号",
            "no honours",
            format!("{SERIOUS_CONSEQUENCES}第（四）项"),
            Eligibility::OnSeriousList,
            "移出严重违法失信名单",
        ),
        m(
            "no_simple_deregistration",
            Restriction,
            "不适用简易注销",
            "no simplified deregistration",
            SIMPLIFIED_DEREGISTRATION.into(),
            Eligibility::OnAbnormalList,
            "移出经营异常名录",
        ),
    ]
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
        // The default catalogue's English is kept outside the policy JSON.
        assert!(!j.contains("basis_en") && !j.contains("exit_en"), "{j}");
        for m in &c {
            for en in [m.basis_english(), m.exit_english()] {
                assert!(!crate::text::has_cjk(&en), "{}: {en}", m.id);
            }
        }
        // A bureau's measure in Chinese only keeps its Chinese in English; one with English
        // gives it.
        let mut own = c[0].clone();
        own.basis = "某市守信激励办法".into();
        own.exit = "另行规定".into();
        assert_eq!(
            (own.basis_english(), own.exit_english()),
            ("某市守信激励办法".to_string(), "另行规定".to_string())
        );
        own.basis_en = Some("City incentive rules".into());
        own.exit_en = Some("as set out".into());
        assert_eq!(own.basis_english(), "City incentive rules");
        assert_eq!(own.exit_english(), "as set out");
        let j = serde_json::to_string(&own).unwrap();
        assert_eq!(serde_json::from_str::<Measure>(&j).unwrap(), own);
        assert!(serde_json::from_str::<Eligibility>(
            r#"{"rule":"no_negative_within","months":3,"x":1}"#
        )
        .is_err());
    }
}
