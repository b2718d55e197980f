//! The words of the work lists, in Chinese and English: the lists, what an entry is about,
//! their date columns, and the conditions of a repair in English (their Chinese comes from
//! the repair answer itself).

use serde::Serialize;

/// A work list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 可信用修复.
    Repairable,
    /// 经营异常名录待办.
    AbnormalDuties,
    /// 告知承诺.
    Commitments,
    /// 守信激励名单.
    Incentives,
    /// 失信惩戒名单.
    Restrictions,
}

impl ListKind {
    /// Every list, in the page's order.
    pub const ALL: [ListKind; 5] = [
        ListKind::Repairable,
        ListKind::AbnormalDuties,
        ListKind::Commitments,
        ListKind::Incentives,
        ListKind::Restrictions,
    ];

    /// The code the API takes.
    pub fn code(self) -> &'static str {
        match self {
            ListKind::Repairable => "repairable",
            ListKind::AbnormalDuties => "abnormal_duties",
            ListKind::Commitments => "commitments",
            ListKind::Incentives => "incentives",
            ListKind::Restrictions => "restrictions",
        }
    }

    /// Parses a code.
    pub fn parse(s: &str) -> Option<ListKind> {
        ListKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            ListKind::Repairable => "可申请信用修复",
            ListKind::AbnormalDuties => "经营异常名录待办事项",
            ListKind::Commitments => "告知承诺核查",
            ListKind::Incentives => "守信激励名单（联合激励）",
            ListKind::Restrictions => "失信惩戒名单（联合惩戒）",
        }
    }

    /// Name in English.
    pub fn en(self) -> &'static str {
        match self {
            ListKind::Repairable => "Credit repair possible",
            ListKind::AbnormalDuties => "Abnormal-list duties",
            ListKind::Commitments => "Commitments to verify",
            ListKind::Incentives => "Incentive roster (joint incentives)",
            ListKind::Restrictions => "Restricted roster (joint punishment)",
        }
    }

    /// The header of the `due` column (Chinese, English).
    pub fn due_header(self) -> (&'static str, &'static str) {
        match self {
            ListKind::Repairable => ("最早可申请日期", "earliest application"),
            ListKind::AbnormalDuties => ("办理期限", "deadline"),
            ListKind::Commitments => (
                "核查期限或最早可修复日期",
                "verification due or repair from",
            ),
            ListKind::Incentives => ("", ""),
            ListKind::Restrictions => ("措施截止日期", "measure ends"),
        }
    }

    /// The header of the `date` column (Chinese, English).
    pub fn date_header(self) -> (&'static str, &'static str) {
        match self {
            ListKind::Repairable => ("记录日期", "record date"),
            ListKind::AbnormalDuties => ("事由发生日期", "arose on"),
            ListKind::Commitments => ("承诺或核查日期", "committed or verified"),
            ListKind::Incentives => ("评价基准日", "as of"),
            ListKind::Restrictions => ("记录日期", "record date"),
        }
    }
}

/// What an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// Penalty publicity that can end early.
    PenaltyPublicity,
    /// A serious-list entry that can be removed early.
    SeriousList,
    /// An annual report missing after its deadline, no listing yet.
    ListingDue,
    /// A listing whose cause is cured: removal to decide.
    RemovalDue,
    /// A listing still open to objection.
    ObjectionOpen,
    /// A listing of 3 years to move to the serious list (2014 texts).
    TransferDue,
    /// A commitment whose verification is overdue.
    VerificationOverdue,
    /// A broken commitment.
    Broken,
    /// A false commitment.
    False,
    /// Incentives (the measures are in the entry's bit set).
    Incentive,
    /// A restriction (the measure is the entry's `aux`).
    Restriction,
}

impl Item {
    /// The items of a list (rosters: by measure instead).
    pub fn of(kind: ListKind) -> &'static [Item] {
        match kind {
            ListKind::Repairable => &[Item::PenaltyPublicity, Item::SeriousList],
            ListKind::AbnormalDuties => &[
                Item::ListingDue,
                Item::RemovalDue,
                Item::ObjectionOpen,
                Item::TransferDue,
            ],
            ListKind::Commitments => &[Item::VerificationOverdue, Item::Broken, Item::False],
            ListKind::Incentives => &[Item::Incentive],
            ListKind::Restrictions => &[Item::Restriction],
        }
    }

    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            Item::PenaltyPublicity => "penalty_publicity",
            Item::SeriousList => "serious_list",
            Item::ListingDue => "listing_due",
            Item::RemovalDue => "removal_due",
            Item::ObjectionOpen => "objection_open",
            Item::TransferDue => "transfer_due",
            Item::VerificationOverdue => "verification_overdue",
            Item::Broken => "broken",
            Item::False => "false",
            Item::Incentive => "incentive",
            Item::Restriction => "restriction",
        }
    }

    /// In Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Item::PenaltyPublicity => "行政处罚信息提前停止公示",
            Item::SeriousList => "提前移出严重违法失信名单",
            Item::ListingDue => "应列入经营异常名录（未报送年度报告）",
            Item::RemovalDue => "已消除列入事由，应作出移出决定",
            Item::ObjectionOpen => "异议期内",
            Item::TransferDue => "列入满3年，应转入严重违法失信名单",
            Item::VerificationOverdue => "承诺核查逾期",
            Item::Broken => "未履行承诺",
            Item::False => "虚假承诺",
            Item::Incentive => "守信激励措施",
            Item::Restriction => "失信惩戒措施",
        }
    }

    /// In English.
    pub fn en(self) -> &'static str {
        match self {
            Item::PenaltyPublicity => "end penalty publicity early",
            Item::SeriousList => "early removal from the serious list",
            Item::ListingDue => "to list: annual report missing",
            Item::RemovalDue => "cause cured: decide the removal",
            Item::ObjectionOpen => "open to objection",
            Item::TransferDue => "listed 3 years: move to the serious list",
            Item::VerificationOverdue => "verification overdue",
            Item::Broken => "commitment broken",
            Item::False => "false commitment",
            Item::Incentive => "incentive measures",
            Item::Restriction => "restrictive measure",
        }
    }
}

/// The pseudo-measure of the incentive roster: 告知承诺 may be used (the restriction that
/// forbids it does not apply).
pub const COMMITMENT_ELIGIBLE: (&str, &str, &str) = (
    "commitment_eligible",
    "可适用告知承诺",
    "告知承诺 (commitment) eligible",
);

/// A repair condition in English, by its id (the ids of [`super::super::repair`]).
pub fn condition_en(id: &str) -> &'static str {
    match id {
        "min_period" => "minimum period served",
        "fulfilled" => "obligations of the decision fulfilled",
        "harm_eliminated" => "harm and its social effects eliminated",
        "no_repeat" => "no later penalty in the same field",
        "not_listed" => "on neither list",
        "kind_not_excluded" => "no penalty kind that bars early ending",
        "restriction_expired" => "legal restrictions expired",
        "within_period" => "listing period not yet over",
        "no_new_heavy_penalty" => "no heavier penalty since the listing",
        "corrected" => "the failing corrected",
        "cause_cured" => "cause of the listing cured",
        _ => "another condition",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_items_belong_to_one_list() {
        for k in ListKind::ALL {
            assert_eq!(ListKind::parse(k.code()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.code());
            for i in Item::of(k) {
                assert_eq!(serde_json::to_value(i).unwrap(), i.code());
                let others = ListKind::ALL.iter().filter(|o| Item::of(**o).contains(i));
                assert_eq!(others.count(), 1, "{i:?}");
            }
        }
        assert_eq!(ListKind::parse("nope"), None);
    }
}
