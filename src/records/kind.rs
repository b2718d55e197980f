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
    &["社会信用代码", "信用代码", "统一代码"],
    true,
    "18-character USCC, check digit verified (GB 32100-2015)",
);

const REGISTRATION: &[Column] = &[
    USCC,
    col(
        "name",
        "企业名称",
        &["名称", "市场主体名称", "主体名称"],
        true,
        "registered name",
    ),
    col(
        "entity_type",
        "市场主体类型",
        &["企业类型", "主体类型"],
        false,
        "公司, 个体工商户, 农民专业合作社, 合伙企业, 个人独资企业, 分支机构, 其他",
    ),
    col(
        "industry",
        "行业代码",
        &["行业", "国民经济行业代码"],
        false,
        "GB/T 4754 industry code, e.g. F5212",
    ),
    col(
        "established",
        "成立日期",
        &["设立日期", "注册日期"],
        true,
        "date of establishment",
    ),
    col(
        "capital",
        "注册资本",
        &["注册资本(万元)", "注册资本（万元）"],
        false,
        "registered capital in 万元",
    ),
    col(
        "status",
        "登记状态",
        &["经营状态", "企业状态"],
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
        &["地址", "经营场所", "住所(经营场所)"],
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

impl RecordKind {
    /// Every kind, in the order files are best loaded.
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
        }
    }

    /// Parses a code (`penalty`) or Chinese name (`行政处罚`).
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|k| t.eq_ignore_ascii_case(k.code()) || t == k.zh())
    }

    /// The documented columns of the kind; the first is always the USCC.
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
        RecordKind::ALL
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
    let at = RecordKind::ALL.iter().position(|&k| k == kind)?;
    tables[at].get(h).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_starts_with_uscc_and_has_its_signature() {
        for k in RecordKind::ALL {
            assert_eq!(k.columns()[0].key, "uscc");
            assert!(k.columns().iter().any(|c| c.key == k.signature()));
            assert_eq!(RecordKind::parse(k.code()), Some(k));
            assert_eq!(RecordKind::parse(k.zh()), Some(k));
        }
    }
}
