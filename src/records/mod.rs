//! Typed records, as held in the [`crate::store::Store`].
//!
//! Records refer to their enterprise by a dense [`EntId`] and to text by a [`StrId`] into the
//! store's string pool, so a million enterprises with ten million records hold no per-record
//! heap strings.

pub mod kind;
pub mod roster;
pub mod tables;
pub mod vocab;

pub use kind::{Column, RecordKind};
pub use roster::{Inspector, Item, Roster};
pub use vocab::*;

use crate::date::Date;
use crate::strpool::StrId;

/// Dense index of an enterprise in the store (0-based, in order of first appearance).
pub type EntId = u32;

/// 登记注册: an enterprise's registration, one per enterprise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Registration {
    /// 企业名称.
    pub name: StrId,
    /// 市场主体类型, the coarse type.
    pub entity_type: EntityType,
    /// 市场主体类型 as written in the file (its national code: [`tables::read_entity_type`]).
    pub entity_type_text: StrId,
    /// 行业代码 (GB/T 4754).
    pub industry: StrId,
    /// 成立日期.
    pub established: Date,
    /// 注册资本 in 万元, when given.
    pub capital: Option<f64>,
    /// 登记状态, the coarse status.
    pub status: RegStatus,
    /// 登记状态 as written in the file (its national code: [`tables::read_reg_status`]).
    pub status_text: StrId,
    /// 所属区域.
    pub region: StrId,
    /// 住所 (an id in [`crate::store::Store::addresses`]).
    pub address: StrId,
}

/// 年报: one annual report (or a missing one, `filed == None`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnnualReport {
    /// The enterprise.
    pub ent: EntId,
    /// The year reported on.
    pub year: u16,
    /// When it was filed, if it was.
    pub filed: Option<Date>,
}

/// 行政许可: one licence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Licence {
    /// The enterprise.
    pub ent: EntId,
    /// 许可证编号.
    pub number: StrId,
    /// 许可类别.
    pub kind: StrId,
    /// 发证日期.
    pub issued: Option<Date>,
    /// 有效期至.
    pub expires: Option<Date>,
    /// 许可状态.
    pub status: LicenceStatus,
    /// 许可状态 as written when it was not recognised (read as 有效, the empty cell's
    /// default, and warned about in the load report); empty otherwise.
    pub status_text: StrId,
}

/// 行政处罚: one penalty decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Penalty {
    /// The enterprise.
    pub ent: EntId,
    /// 处罚决定书文号.
    pub decision_no: StrId,
    /// 处罚决定日期.
    pub date: Date,
    /// 程序类型.
    pub procedure: Procedure,
    /// 程序类型 as written when it was not recognised (read as 普通, the empty cell's default,
    /// and warned about); empty otherwise.
    pub procedure_text: StrId,
    /// 处罚种类 (one or more).
    pub kinds: PenaltyKinds,
    /// 罚款金额 in 元, when a fine was imposed.
    pub fine: Option<f64>,
    /// 违法领域.
    pub domain: Domain,
    /// 违法领域 as written when it was not recognised (read as 其他, and warned about); empty
    /// otherwise.
    pub domain_text: StrId,
    /// 从重处罚.
    pub aggravated: bool,
    /// 履行完毕.
    pub fulfilled: bool,
    /// 危害后果已消除.
    pub harm_eliminated: bool,
    /// 公示日期: when the decision was published, if recorded.
    pub published: Option<Date>,
    /// 限制期限: the length of a restriction (限制从业, 限制经营, 停产停业) in months, when
    /// recorded.
    pub restriction_months: Option<u16>,
    /// 撤销日期: the day the decision was revoked (by reconsideration, a court or the deciding
    /// authority), if it was. From that day it no longer counts and its publicity is withdrawn.
    pub revoked: Option<Date>,
}

impl Penalty {
    /// Whether the decision restricts the enterprise for a time (限制开展生产经营活动, 责令停产
    /// 停业, 限制从业).
    pub fn restricts(&self) -> bool {
        self.kinds.iter().any(|k| {
            matches!(
                k,
                PenaltyKind::RestrictOperation
                    | PenaltyKind::SuspendOperation
                    | PenaltyKind::RestrictPractice
            )
        })
    }

    /// Whether the decision has been revoked on or before `as_of`.
    pub fn revoked_by(&self, as_of: Date) -> bool {
        self.revoked.is_some_and(|r| r <= as_of)
    }

    /// The day a recorded restriction ends (decision date + its months), if one is recorded.
    pub fn restriction_ends(&self) -> Option<Date> {
        self.restriction_months
            .map(|m| crate::date::add_months(self.date, i32::from(m)))
    }
}

/// 抽查检查: one inspection of one enterprise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inspection {
    /// The enterprise.
    pub ent: EntId,
    /// 任务编号.
    pub task: StrId,
    /// 检查日期.
    pub date: Date,
    /// 检查类型.
    pub kind: InspectionKind,
    /// 检查类型 as written when it was not recognised (read as 日常检查 — its 其他 — and warned
    /// about); empty otherwise.
    pub kind_text: StrId,
    /// 检查结果.
    pub result: InspectionResult,
    /// 检查人员: the ids of the inspectors who did the check, joined with `;` in the order
    /// written (empty when not recorded). Not in [`crate::store::Store::digest`]: it is
    /// planning history, bound by [`crate::store::Store::roster_digest`].
    pub inspectors: StrId,
    /// 结果公示日期: when the result was published (一公开), if it was. Not in
    /// [`crate::store::Store::digest`]: publication is checked against its deadline
    /// (docs/RULES.md §17), it does not score.
    pub published: Option<Date>,
}

impl Inspection {
    /// The ids of the inspectors who did the check, in the order written (none when not
    /// recorded); `text` is the store's pool ([`crate::store::Store::strings`]).
    pub fn inspector_ids<'a>(
        &self,
        text: &'a crate::strpool::StrPool,
    ) -> impl Iterator<Item = &'a str> {
        text.get(self.inspectors)
            .split(';')
            .filter(|s| !s.is_empty())
    }
}

/// 名单: one listing on a list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListEntry {
    /// The enterprise.
    pub ent: EntId,
    /// Which list.
    pub list: ListKind,
    /// 列入原因.
    pub reason: ListReason,
    /// 列入原因 as written when it was not recognised (read as 其他, and warned about); empty
    /// otherwise.
    pub reason_text: StrId,
    /// 列入日期.
    pub listed: Date,
    /// 移出日期, when removed.
    pub removed: Option<Date>,
    /// 决定机关.
    pub authority: StrId,
}

impl ListEntry {
    /// Whether the entry is in force on `as_of` (listed on or before, not yet removed).
    pub fn in_force(&self, as_of: Date) -> bool {
        self.listed <= as_of && self.removed.is_none_or(|r| r > as_of)
    }
}

/// 告知承诺: one commitment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Commitment {
    /// The enterprise.
    pub ent: EntId,
    /// 承诺事项.
    pub item: StrId,
    /// 承诺日期.
    pub committed: Date,
    /// 核查期限.
    pub due: Option<Date>,
    /// 核查日期.
    pub verified: Option<Date>,
    /// 核查结果.
    pub outcome: CommitmentOutcome,
    /// 核查结果 as written when it was not recognised (read as 待核查, the empty cell's
    /// default, and warned about); empty otherwise.
    pub outcome_text: StrId,
}

/// 投诉举报: one complaint or report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Complaint {
    /// The enterprise.
    pub ent: EntId,
    /// Date received.
    pub date: Date,
    /// 投诉 or 举报.
    pub kind: ComplaintKind,
    /// 投诉类型 as written when it was not recognised (read as 投诉, the empty cell's default,
    /// and warned about); empty otherwise.
    pub kind_text: StrId,
    /// 是否属实.
    pub substantiated: bool,
    /// 按时办结.
    pub on_time: bool,
}

/// One record, by kind and row index in the store's table of that kind (for registrations,
/// the enterprise id): what an indicator counted, an objection names, a what-if leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct RecordRef {
    /// The kind of record.
    pub kind: RecordKind,
    /// Row index in the store's table of that kind.
    pub index: u32,
}

/// Records left out of scoring (corrected by an objection, or repaired), by reference.
pub type Exclusions = rustc_hash::FxHashSet<RecordRef>;
