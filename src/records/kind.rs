//! The record kinds and their documented input columns.
//!
//! Each column has an English key (used in the toolkit's own files), the Chinese header a
//! bureau's export uses, and accepted variants. Headers are matched after trimming white
//! space, removing a UTF-8 BOM and lower-casing ASCII letters.

use crate::text::halfwidth;
use serde::{Deserialize, Serialize};

/// The kinds of record the toolkit reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum RecordKind {
    /// 登记注册: one row per enterprise.
    Registration,
    /// 年报: one row per enterprise and report year.
    AnnualReport,
    /// 行政许可: one row per licence.
    Licence,
    /// 行政处罚: one row per penalty decision.
    Penalty,
    /// 抽查检查: one row per inspected enterprise and task.
    Inspection,
    /// 名单: one row per listing on 经营异常名录 or 严重违法失信名单.
    ListEntry,
    /// 告知承诺: one row per commitment.
    Commitment,
    /// 投诉举报: one row per complaint or report.
    Complaint,
    /// 执法检查人员: one row per inspector of the roster (执法检查人员名录库); a planning
    /// input, not a record of an enterprise.
    Inspector,
    /// 抽查事项: one row per item of the item list (抽查事项清单); a planning input, not a
    /// record of an enterprise.
    Item,
}

/// One documented input column.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Column {
    /// English key, as written in the toolkit's own files.
    pub key: &'static str,
    /// The Chinese header of the national systems' exports.
    pub zh: &'static str,
    /// Other accepted headers.
    pub aliases: &'static [&'static str],
    /// Whether a file of this kind must have the column.
    pub required: bool,
    /// What the column holds and how it is read.
    pub doc: &'static str,
}

const fn col(
    key: &'static str,
    zh: &'static str,
    aliases: &'static [&'static str],
    required: bool,
    doc: &'static str,
) -> Column {
    Column {
        key,
        zh,
        aliases,
        required,
        doc,
    }
}

const USCC: Column = col(
    "uscc",
    "统一社会信用代码",
    &["社会信用代码", "信用代码", "统一代码", "uniscid"],
    true,
    "18-character USCC, check digit verified (GB 32100-2015)",
);

const REGISTRATION: &[Column] = &[
    USCC,
    col(
        "name",
        "企业名称",
        &["名称", "市场主体名称", "主体名称", "entname"],
        true,
        "registered name",
    ),
    col(
        "entity_type",
        "市场主体类型",
        &["企业类型", "主体类型", "enttype", "enttype_cn", "enttypecn"],
        false,
        "公司, 个体工商户, 农民专业合作社, 合伙企业, 个人独资企业, 分支机构, 其他",
    ),
    col(
        "industry",
        "行业代码",
        &["行业", "国民经济行业代码", "industryco"],
        false,
        "GB/T 4754 industry code, e.g. F5212",
    ),
    col(
        "established",
        "成立日期",
        &["设立日期", "注册日期", "estdate"],
        true,
        "date of establishment",
    ),
    col(
        "capital",
        "注册资本",
        &["注册资本(万元)", "注册资本（万元）", "regcap"],
        false,
        "registered capital in 万元",
    ),
    col(
        "status",
        "登记状态",
        &[
            "经营状态",
            "企业状态",
            "regstate",
            "regstate_cn",
            "regstatecn",
        ],
        false,
        "存续/在业, 吊销, 注销, 迁出 (default 存续)",
    ),
    col(
        "region",
        "所属区域",
        &["所属街道", "区域", "管辖单位"],
        false,
        "district, street or office",
    ),
    col(
        "address",
        "住所",
        &["地址", "经营场所", "住所(经营场所)", "dom"],
        false,
        "registered address",
    ),
];

const ANNUAL_REPORT: &[Column] = &[
    USCC,
    col(
        "year",
        "年报年度",
        &["年度", "报告年度"],
        true,
        "the year reported on (due 1 Jan – 30 Jun of the next year)",
    ),
    col(
        "filed",
        "报送日期",
        &["年报报送日期", "提交日期"],
        false,
        "date filed; empty when not filed",
    ),
];

const LICENCE: &[Column] = &[
    USCC,
    col(
        "licence_no",
        "许可证编号",
        &["许可文件编号", "许可编号"],
        true,
        "licence number",
    ),
    col(
        "licence_kind",
        "许可类别",
        &["许可证名称", "许可事项"],
        false,
        "e.g. 食品经营, 药品经营, 特种设备, 工业产品生产",
    ),
    col(
        "issued",
        "发证日期",
        &["许可日期", "有效期自"],
        false,
        "date issued",
    ),
    col("expires", "有效期至", &["截止日期"], false, "expiry date"),
    col(
        "licence_status",
        "许可状态",
        &["状态"],
        false,
        "有效, 注销, 撤销, 吊销 (default 有效)",
    ),
];

const PENALTY: &[Column] = &[
    USCC,
    col("decision_no", "处罚决定书文号", &["行政处罚决定书文号", "决定书文号", "文号"], true, "decision number"),
    col("decision_date", "处罚决定日期", &["作出处罚决定日期", "决定日期", "处罚日期"], true, "date of the decision"),
    col("procedure", "程序类型", &["处罚程序"], false, "普通 or 简易 (default 普通)"),
    col("penalty_kinds", "处罚种类", &["处罚类别", "处罚类型"], true, "one or more of 警告, 通报批评, 罚款, 没收, 暂扣, 降低资质等级, 吊销许可证件, 吊销营业执照, 限制开展生产经营活动, 责令停产停业, 责令关闭, 限制从业 (and their long forms: 处以罚款, 罚款5000元, 吊销食品经营许可证…); separated by any of ; ； 、 , ， / or spaces; 行政拘留 (a person's) is left out"),
    col("fine", "罚款金额", &["罚款金额(元)", "罚款金额（元）", "罚款"], false, "fine in 元"),
    col("domain", "违法领域", &["违法行为类型", "领域"], false, "食品, 药品, 特种设备, 产品质量, 价格, 广告, 不正当竞争, 消费者权益, 登记注册, 计量, 其他 (default 其他)"),
    col("aggravated", "从重处罚", &["是否从重"], false, "是/否 (default 否)"),
    col("fulfilled", "履行完毕", &["是否履行", "已履行"], false, "是/否 (default 否)"),
    col("harm_eliminated", "危害后果已消除", &["已消除危害后果"], false, "是/否 (default 否)"),
    col("published_date", "公示日期", &["公示时间", "公示起始日期"], false, "date the decision was published; publicity periods run from it (Order 45 第十三条); empty: counted from the decision date"),
    col("restriction_months", "限制期限(月)", &["限制期限", "限制期限（月）", "限制期限月数"], false, "length of a 限制从业/限制开展生产经营活动/责令停产停业 in months (`24`, `24个月`, `2年`); empty when none or not recorded"),
    col("revoked_date", "撤销日期", &["撤销时间", "决定撤销日期", "处罚决定撤销日期", "撤销决定日期"], false, "date the decision was revoked (reconsideration, court or the deciding authority); from that day it no longer counts in scoring, repair or repeat checks, and its publicity is withdrawn within 3 working days (Order 45); empty when not revoked"),
];

const INSPECTION: &[Column] = &[
    USCC,
    col(
        "task_id",
        "任务编号",
        &["抽查任务编号", "检查任务编号"],
        true,
        "task id",
    ),
    col(
        "inspection_date",
        "检查日期",
        &["抽查日期", "检查时间"],
        true,
        "date of the check",
    ),
    col(
        "inspection_kind",
        "检查类型",
        &["抽查类型", "检查方式"],
        false,
        "双随机, 定向, 专项, 投诉核查, 日常检查 (default 双随机)",
    ),
    col(
        "result",
        "检查结果",
        &["抽查结果"],
        true,
        "a result category of the national publicity system, e.g. 未发现问题, 发现问题已责令改正",
    ),
    col(
        "inspectors",
        "检查人员",
        &["执法人员", "检查人员执法证号"],
        false,
        "the ids (执法证号) of the inspectors who did the check, separated by any of ; ； 、 , ， / or spaces; empty when not recorded",
    ),
    col(
        "result_published",
        "结果公示日期",
        &["公示日期", "结果公示时间", "公示时间"],
        false,
        "the day the result was published on the national publicity system (due within 20 working days of the check); empty when not yet published",
    ),
];

const LIST_ENTRY: &[Column] = &[
    USCC,
    col(
        "list",
        "名单类型",
        &["名录类型", "名单"],
        true,
        "经营异常名录 (or 标记经营异常状态) or 严重违法失信名单",
    ),
    col(
        "reason",
        "列入原因",
        &["列入事由", "原因"],
        false,
        "e.g. 未按规定报送年度报告, 通过登记的住所无法联系",
    ),
    col(
        "listed_date",
        "列入日期",
        &["列入时间", "作出决定日期"],
        true,
        "date listed",
    ),
    col(
        "removed_date",
        "移出日期",
        &["移出时间"],
        false,
        "date removed; empty while listed",
    ),
    col(
        "authority",
        "决定机关",
        &["作出决定机关"],
        false,
        "deciding authority",
    ),
];

const COMMITMENT: &[Column] = &[
    USCC,
    col(
        "item",
        "承诺事项",
        &["事项名称"],
        true,
        "what was committed to",
    ),
    col(
        "committed_date",
        "承诺日期",
        &["承诺时间"],
        true,
        "date of the commitment",
    ),
    col(
        "due_date",
        "核查期限",
        &["履约期限"],
        false,
        "date by which it is verified",
    ),
    col(
        "verified_date",
        "核查日期",
        &["核查时间"],
        false,
        "date verified",
    ),
    col(
        "outcome",
        "核查结果",
        &["履约情况"],
        false,
        "待核查, 履行承诺, 未履行承诺, 虚假承诺 (default 待核查)",
    ),
];

const COMPLAINT: &[Column] = &[
    USCC,
    col(
        "complaint_date",
        "投诉日期",
        &["登记日期", "受理日期", "举报日期"],
        true,
        "date received",
    ),
    col(
        "complaint_kind",
        "投诉类型",
        &["诉求类型"],
        false,
        "投诉 or 举报 (default 投诉)",
    ),
    col(
        "substantiated",
        "是否属实",
        &["属实"],
        false,
        "是/否 (default 否)",
    ),
    col(
        "on_time",
        "按时办结",
        &["是否按时办结"],
        false,
        "是/否 (default 是)",
    ),
];

const INSPECTOR: &[Column] = &[
    col(
        "inspector_id",
        "执法证号",
        &["执法证件号", "人员编号", "工号", "执法人员编号"],
        true,
        "the inspector's id (执法证号 or the roster's own number): unique in the roster",
    ),
    col(
        "inspector_name",
        "姓名",
        &["执法人员姓名", "人员姓名"],
        true,
        "name",
    ),
    col(
        "unit",
        "所属单位",
        &["所属部门", "单位", "部门", "科室"],
        true,
        "the department the inspector belongs to, e.g. 食品安全监管科, 吴家山市场监管所, 区卫生健康局",
    ),
    col(
        "qualifications",
        "执法资质",
        &["专业领域", "专长", "检查领域", "资质"],
        false,
        "the qualifications held, e.g. 食品安全、特种设备; separated by any of ; ； 、 , ， / or spaces (not inside brackets)",
    ),
    col(
        "inspector_region",
        "所属区域",
        &["负责区域", "辖区"],
        false,
        "the street or office the inspector works in",
    ),
    col(
        "conflicts",
        "回避对象",
        &["回避企业", "回避单位", "利害关系"],
        false,
        "enterprises the inspector must not inspect (回避): USCCs (check digit verified) or names, separated like the qualifications",
    ),
    col(
        "active",
        "在岗状态",
        &["状态", "是否在岗"],
        false,
        "在岗/是/有效/正常 or 离岗/否/调离/退休/停用 (default 在岗; another value is warned about and read as 在岗)",
    ),
];

const ITEM: &[Column] = &[
    col(
        "item_code",
        "事项编码",
        &["抽查事项编码", "编码", "事项编号"],
        true,
        "the item's code: unique in the list",
    ),
    col(
        "item_name",
        "事项名称",
        &["抽查事项名称", "检查事项"],
        true,
        "e.g. 食品经营者监督检查",
    ),
    col(
        "department",
        "实施部门",
        &["检查部门", "责任部门", "主管部门"],
        true,
        "the department that checks it, e.g. 区市场监管局, 区卫生健康局",
    ),
    col(
        "basis",
        "检查依据",
        &["法律依据", "设定依据"],
        false,
        "the legal basis, e.g. 《中华人民共和国食品安全法》第一百一十条",
    ),
    col(
        "entity_types",
        "检查对象",
        &["适用主体类型", "对象类型"],
        false,
        "the entity types it applies to (公司, 个体工商户, 农民专业合作社…, the national type codes, or 企业 for every enterprise form), separated like penalty kinds; an entry that names no type is warned about and left out; empty: every type",
    ),
    col(
        "industries",
        "行业代码",
        &["适用行业"],
        false,
        "GB/T 4754 section letters or codes it applies to (C, F52, F5212, or 5212 without its letter), separated like penalty kinds; empty: every industry",
    ),
    col(
        "licence_kinds",
        "许可类别",
        &["适用许可"],
        false,
        "the licence kinds it applies to (e.g. 食品经营许可), separated like penalty kinds; empty: no licence needed",
    ),
    col(
        "item_class",
        "事项类别",
        &["检查类别", "事项类型"],
        false,
        "重点 (重点检查事项) or 一般 (一般检查事项; the default; another value is warned about and read as 一般)",
    ),
    col(
        "qualification",
        "所需资质",
        &["检查资质", "执法资质要求"],
        false,
        "the qualification an inspector needs to check it (e.g. 食品安全); empty: any inspector",
    ),
];

impl RecordKind {
    /// The record kinds of enterprises, in the order files are best loaded: every one names
    /// its enterprise by USCC in its first column. The planning inputs are
    /// [`RecordKind::PLANNING`]; every kind a file may hold is [`RecordKind::EVERY`].
    pub const ALL: [RecordKind; 8] = [
        RecordKind::Registration,
        RecordKind::AnnualReport,
        RecordKind::Licence,
        RecordKind::Penalty,
        RecordKind::Inspection,
        RecordKind::ListEntry,
        RecordKind::Commitment,
        RecordKind::Complaint,
    ];

    /// The planning inputs that are not records of an enterprise: the inspector roster and
    /// the item list (loaded into [`crate::store::Store::roster`]).
    pub const PLANNING: [RecordKind; 2] = [RecordKind::Inspector, RecordKind::Item];

    /// Every kind a file may hold: [`RecordKind::ALL`] then [`RecordKind::PLANNING`].
    pub const EVERY: [RecordKind; 10] = [
        RecordKind::Registration,
        RecordKind::AnnualReport,
        RecordKind::Licence,
        RecordKind::Penalty,
        RecordKind::Inspection,
        RecordKind::ListEntry,
        RecordKind::Commitment,
        RecordKind::Complaint,
        RecordKind::Inspector,
        RecordKind::Item,
    ];

    /// Whether the kind is a planning input ([`RecordKind::PLANNING`]) rather than a record
    /// of an enterprise.
    pub fn is_planning(self) -> bool {
        matches!(self, RecordKind::Inspector | RecordKind::Item)
    }

    /// The snake_case code of the kind.
    pub fn code(self) -> &'static str {
        match self {
            RecordKind::Registration => "registration",
            RecordKind::AnnualReport => "annual_report",
            RecordKind::Licence => "licence",
            RecordKind::Penalty => "penalty",
            RecordKind::Inspection => "inspection",
            RecordKind::ListEntry => "list_entry",
            RecordKind::Commitment => "commitment",
            RecordKind::Complaint => "complaint",
            RecordKind::Inspector => "inspector",
            RecordKind::Item => "item",
        }
    }

    /// The Chinese name of the kind.
    pub fn zh(self) -> &'static str {
        match self {
            RecordKind::Registration => "登记注册",
            RecordKind::AnnualReport => "年报",
            RecordKind::Licence => "行政许可",
            RecordKind::Penalty => "行政处罚",
            RecordKind::Inspection => "抽查检查",
            RecordKind::ListEntry => "名单",
            RecordKind::Commitment => "告知承诺",
            RecordKind::Complaint => "投诉举报",
            RecordKind::Inspector => "执法检查人员",
            RecordKind::Item => "抽查事项",
        }
    }

    /// Parses a code (`penalty`) or Chinese name (`行政处罚`).
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::EVERY
            .into_iter()
            .find(|k| t.eq_ignore_ascii_case(k.code()) || t == k.zh())
    }

    /// The documented columns of the kind. For the kinds of [`RecordKind::ALL`] the first is
    /// always the USCC; the first of a planning kind is its id (执法证号, 事项编码).
    pub fn columns(self) -> &'static [Column] {
        match self {
            RecordKind::Registration => REGISTRATION,
            RecordKind::AnnualReport => ANNUAL_REPORT,
            RecordKind::Licence => LICENCE,
            RecordKind::Penalty => PENALTY,
            RecordKind::Inspection => INSPECTION,
            RecordKind::ListEntry => LIST_ENTRY,
            RecordKind::Commitment => COMMITMENT,
            RecordKind::Complaint => COMPLAINT,
            RecordKind::Inspector => INSPECTOR,
            RecordKind::Item => ITEM,
        }
    }

    /// The column whose presence identifies a file of this kind.
    pub fn signature(self) -> &'static str {
        match self {
            RecordKind::Registration => "established",
            RecordKind::AnnualReport => "year",
            RecordKind::Licence => "licence_no",
            RecordKind::Penalty => "decision_no",
            RecordKind::Inspection => "task_id",
            RecordKind::ListEntry => "list",
            RecordKind::Commitment => "item",
            RecordKind::Complaint => "complaint_date",
            RecordKind::Inspector => "inspector_id",
            RecordKind::Item => "item_code",
        }
    }

    /// The suggested file name for records of this kind (`penalty.csv`).
    pub fn file_name(self) -> String {
        format!("{}.csv", self.code())
    }
}

/// Normalises a header for matching: full-width characters to ASCII, white space removed
/// (also inside: `统一 社会信用代码`), a BOM and enclosing `*` markers removed, ASCII lower
/// case, `-` and ` ` in English names read as `_`.
pub fn normalise(h: &str) -> String {
    let h = halfwidth(h.trim_start_matches('\u{feff}'));
    let mut out = String::with_capacity(h.len());
    let trimmed = h.trim().trim_matches('*');
    let ascii = trimmed.is_ascii();
    for c in trimmed.chars() {
        if c.is_whitespace() || c == '-' {
            if ascii && !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    out.trim_end_matches('_').to_string()
}

/// Finds which documented column an already normalised header names. Documented names are
/// normalised the same way before comparing (once: a table per kind, name → the first column
/// it names), so a header of thousands of cells costs a lookup a cell.
pub fn match_normalised(kind: RecordKind, h: &str) -> Option<usize> {
    static NAMES: std::sync::OnceLock<Vec<rustc_hash::FxHashMap<String, usize>>> =
        std::sync::OnceLock::new();
    let tables = NAMES.get_or_init(|| {
        RecordKind::EVERY
            .iter()
            .map(|k| {
                let mut m = rustc_hash::FxHashMap::default();
                for (i, c) in k.columns().iter().enumerate() {
                    m.entry(c.key.to_string()).or_insert(i);
                    m.entry(normalise(c.zh)).or_insert(i);
                    for a in c.aliases {
                        m.entry(normalise(a)).or_insert(i);
                    }
                }
                m
            })
            .collect()
    });
    let at = RecordKind::EVERY.iter().position(|&k| k == kind)?;
    tables[at].get(h).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_signature_and_enterprise_kinds_start_with_uscc() {
        for k in RecordKind::EVERY {
            assert_eq!(k.columns()[0].key == "uscc", !k.is_planning(), "{k:?}");
            assert!(k.columns().iter().any(|c| c.key == k.signature()));
            assert_eq!(RecordKind::parse(k.code()), Some(k));
            assert_eq!(RecordKind::parse(k.zh()), Some(k));
        }
        assert_eq!(
            RecordKind::EVERY.to_vec(),
            [&RecordKind::ALL[..], &RecordKind::PLANNING[..]].concat()
        );
        // The planning kinds' first column is their signature (their id).
        for k in RecordKind::PLANNING {
            assert_eq!(k.columns()[0].key, k.signature());
        }
    }

    #[test]
    fn column_keys_are_unique_within_a_kind_and_planning_keys_clash_with_no_other_kind() {
        use std::collections::HashSet;
        for k in RecordKind::EVERY {
            let keys: HashSet<&str> = k.columns().iter().map(|c| c.key).collect();
            assert_eq!(keys.len(), k.columns().len(), "{k:?}");
        }
        for p in RecordKind::PLANNING {
            for k in RecordKind::EVERY.into_iter().filter(|&k| k != p) {
                for c in p.columns() {
                    assert!(
                        k.columns().iter().all(|d| d.key != c.key),
                        "{p:?} and {k:?} both have the key {}",
                        c.key
                    );
                }
            }
        }
    }
}
