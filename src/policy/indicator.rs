//! The catalogue of scoring indicators, grouped in the five dimensions of the SAMR opinion
//! on enterprise credit-risk classification (docs/RULES.md §7).

use serde::{Deserialize, Serialize};

/// The five dimensions of the national indicator system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// 基础属性: who the enterprise is.
    Basic,
    /// 动态信息: what it reports and how it keeps its registration up to date.
    Dynamic,
    /// 监管信息: penalties, inspections, lists, commitments.
    Supervision,
    /// 关联关系: links to other entities.
    Relations,
    /// 社会评价: complaints and reports.
    Social,
}

impl Dimension {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Dimension::Basic => "基础属性",
            Dimension::Dynamic => "动态信息",
            Dimension::Supervision => "监管信息",
            Dimension::Relations => "关联关系",
            Dimension::Social => "社会评价",
        }
    }
}

macro_rules! indicators {
    ($( $(#[$doc:meta])* $var:ident = ($id:literal, $dim:ident, $zh:literal, $en:literal) ),+ $(,)?) => {
        /// A scoring indicator. Its points, window and cap are policy settings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Indicator {
            $( $(#[$doc])* $var ),+
        }

        impl Indicator {
            /// Every indicator, in catalogue order.
            pub const ALL: &'static [Indicator] = &[$(Indicator::$var),+];

            /// The stable id, as used in the policy JSON.
            pub fn id(self) -> &'static str {
                match self { $(Indicator::$var => $id),+ }
            }

            /// The dimension it belongs to.
            pub fn dimension(self) -> Dimension {
                match self { $(Indicator::$var => Dimension::$dim),+ }
            }

            /// What it means, in Chinese.
            pub fn zh(self) -> &'static str {
                match self { $(Indicator::$var => $zh),+ }
            }

            /// What it means, in English.
            pub fn en(self) -> &'static str {
                match self { $(Indicator::$var => $en),+ }
            }

            /// Looks an indicator up by id.
            pub fn from_id(id: &str) -> Option<Indicator> {
                Self::ALL.iter().copied().find(|i| i.id() == id)
            }
        }
    };
}

indicators! {
    /// Established within the window (a new entity, little track record).
    NewlyEstablished = ("newly_established", Basic, "新设立市场主体（窗口期内成立）", "newly established (within the window)"),
    /// Established at least `params.long_established_years` ago.
    LongEstablished = ("long_established", Basic, "持续经营年限较长", "long established"),
    /// An annual report due within the window that was never filed.
    AnnualReportMissing = ("annual_report_missing", Dynamic, "未按规定报送年度报告", "annual report not filed"),
    /// An annual report filed after its 30 June deadline, filed within the window.
    AnnualReportLate = ("annual_report_late", Dynamic, "逾期报送年度报告", "annual report filed late"),
    /// Every annual report due within the window filed on time.
    AnnualReportOnTime = ("annual_report_on_time", Dynamic, "年度报告均按时报送", "annual reports all on time"),
    /// A general-procedure penalty (not a warning alone) decided within the window.
    Penalty = ("penalty", Supervision, "受到行政处罚（普通程序）", "administrative penalty (general procedure)"),
    /// A simple-procedure penalty or a warning alone, within the window.
    PenaltyMinor = ("penalty_minor", Supervision, "受到简易程序处罚或警告", "minor penalty (simple procedure or warning)"),
    /// A heavy penalty (吊销, 停产停业, 限制经营…) or an aggravated one, within the window.
    PenaltyHeavy = ("penalty_heavy", Supervision, "受到较重行政处罚或从重处罚", "heavy or aggravated penalty"),
    /// A general-procedure penalty whose obligations are not fulfilled.
    PenaltyUnfulfilled = ("penalty_unfulfilled", Supervision, "行政处罚未履行完毕", "penalty not fulfilled"),
    /// An inspection that found a problem, within the window.
    InspectionProblem = ("inspection_problem", Supervision, "抽查检查发现问题", "inspection found a problem"),
    /// An inspection that could not reach the enterprise at its registered address.
    InspectionUnreachable = ("inspection_unreachable", Supervision, "通过登记的住所无法联系", "unreachable at the registered address"),
    /// An inspection that found no problem, within the window.
    InspectionClean = ("inspection_clean", Supervision, "抽查检查未发现问题", "inspection found no problem"),
    /// On 经营异常名录 (or marked abnormal) as of the date.
    AbnormalList = ("abnormal_list", Supervision, "列入经营异常名录（标记经营异常状态）", "on the abnormal-operation list"),
    /// Removed from 经营异常名录 within the window.
    AbnormalListRemoved = ("abnormal_list_removed", Supervision, "曾列入经营异常名录（窗口期内移出）", "recently removed from the abnormal-operation list"),
    /// On 严重违法失信名单 as of the date.
    SeriousList = ("serious_list", Supervision, "列入严重违法失信名单", "on the serious-violation list"),
    /// A licence revoked or withdrawn whose term reaches into the window.
    LicenceRevoked = ("licence_revoked", Supervision, "行政许可被吊销或撤销", "licence revoked or withdrawn"),
    /// A commitment (告知承诺) found not kept, within the window.
    CommitmentBroken = ("commitment_broken", Supervision, "未履行告知承诺", "commitment not kept"),
    /// A commitment found false, within the window.
    CommitmentFalse = ("commitment_false", Supervision, "虚假承诺", "false commitment"),
    /// A commitment verified as kept, within the window.
    CommitmentKept = ("commitment_kept", Supervision, "履行告知承诺", "commitment kept"),
    /// Registered at an address shared with at least `params.address_cluster_size` active entities.
    SharedAddress = ("shared_address", Relations, "住所与大量市场主体重叠（集中登记）", "address shared by many entities"),
    /// Registered at the same address as another entity on the serious list.
    AddressWithSerious = ("address_with_serious", Relations, "同一住所存在严重违法失信主体", "shares an address with a seriously listed entity"),
    /// A substantiated complaint or report, within the window.
    ComplaintSubstantiated = ("complaint_substantiated", Social, "投诉举报经核查属实", "substantiated complaint or report"),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        for (i, a) in Indicator::ALL.iter().enumerate() {
            assert_eq!(Indicator::from_id(a.id()), Some(*a));
            for b in &Indicator::ALL[i + 1..] {
                assert_ne!(a.id(), b.id());
            }
        }
    }

    #[test]
    fn all_five_dimensions_are_covered() {
        for d in [
            Dimension::Basic,
            Dimension::Dynamic,
            Dimension::Supervision,
            Dimension::Relations,
            Dimension::Social,
        ] {
            assert!(Indicator::ALL.iter().any(|i| i.dimension() == d), "{d:?}");
        }
    }
}
