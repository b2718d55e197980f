//! Work lists over a whole district, from one scoring (docs/RULES.md §20): what a section chief
//! hands out each week. One pass over the enterprises fills every list:
//!
//! - **repairable** (信用修复): penalty publicity and serious-list entries that can be
//!   repaired, with the earliest date and the unmet conditions — the answers of
//!   [`super::repair`], without their what-if scores;
//! - **abnormal-list duties**: annual reports missing after their deadline with no listing yet
//!   (listing due, with its working-day deadline), listings whose cause is cured (removal due),
//!   objections still open, and (2014 texts) transfers to the serious list — the clocks of
//!   [`crate::law::lists`];
//! - **commitments**: verification overdue, broken and false ones;
//! - **incentive roster** (守信激励) and **restricted roster** (失信惩戒): the measures of the
//!   catalogue that apply ([`super::measures`]), the restrictions with their basis and end;
//! - **class shares** by region and by industry section ([`shares`]).
//!
//! Lists hold compact entries; rows with their texts in Chinese and English are made for the
//! page a page at a time ([`rows`]), and whole lists as CSV or XLSX ([`export`]).

mod build;
mod duties;
pub mod export;
pub mod labels;
pub mod rows;
pub mod shares;

pub use build::work_lists;
pub use labels::{Item, ListKind as WorkListKind};
pub use rows::{WorkCounts, WorkPage, WorkRow};
pub use shares::{ClassShares, ShareRow};

use crate::date::Date;
use crate::policy::MeasureKind;
use crate::records::{EntId, RecordRef};

/// One entry of a list: an enterprise, what the entry is about and its dates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// The enterprise.
    pub ent: EntId,
    /// What it is.
    pub item: Item,
    /// The record behind it (`None` for a listing due: there is no record yet).
    pub record: Option<RecordRef>,
    /// The record's date, or the day the duty arose.
    pub date: Date,
    /// The earliest repair date, the deadline, or the end of a measure (`None`: no fixed end).
    pub due: Option<Date>,
    /// Repairable now (every condition met); for other lists, false.
    pub now: bool,
    /// Restrictions: the measure's index in [`WorkLists::measures`]; incentives: the bit set
    /// of the measures that apply; listing due: the report year; otherwise 0.
    pub aux: u32,
}

/// A measure of the catalogue as the rosters show it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureInfo {
    /// Its id.
    pub id: String,
    /// Incentive or restriction.
    pub kind: MeasureKind,
    /// Name in Chinese.
    pub zh: String,
    /// Name in English.
    pub en: String,
    /// Its legal basis.
    pub basis: String,
    /// The same in English.
    pub basis_en: String,
    /// When it stops (Chinese).
    pub exit: String,
}

/// Every work list of one scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkLists {
    /// The scoring's as-of date.
    pub as_of: Date,
    /// Penalty publicity and serious-list entries that can be repaired.
    pub repairable: Vec<Entry>,
    /// Abnormal-list duties.
    pub duties: Vec<Entry>,
    /// Commitments: verification overdue, broken, false.
    pub commitments: Vec<Entry>,
    /// The incentive roster: one entry per enterprise, `aux` a bit set over
    /// [`WorkLists::measures`] (bit `i`: measure `i` applies).
    pub incentives: Vec<Entry>,
    /// The restricted roster: one entry per enterprise and restriction, `aux` the measure.
    pub restrictions: Vec<Entry>,
    /// The measure catalogue, by index.
    pub measures: Vec<MeasureInfo>,
    /// Class counts by region and industry section.
    pub shares: ClassShares,
}

impl WorkLists {
    /// The entries of a list.
    pub fn entries(&self, kind: WorkListKind) -> &[Entry] {
        match kind {
            WorkListKind::Repairable => &self.repairable,
            WorkListKind::AbnormalDuties => &self.duties,
            WorkListKind::Commitments => &self.commitments,
            WorkListKind::Incentives => &self.incentives,
            WorkListKind::Restrictions => &self.restrictions,
        }
    }
}
