//! Facts about the whole store that single enterprises are scored against, as of a date.

use crate::date::{add_months, Date};
use crate::records::{EntId, ListKind};
use crate::store::Store;
use crate::strpool::StrId;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Per-address counts and store-wide flags, computed once per scoring.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Active enterprises registered at each address, by address id (a dense table: one
    /// look-up per enterprise scored, so no hash map); the same on every date, so shared by
    /// the contexts of several dates ([`Context::for_date`]).
    address_active: Arc<Vec<u32>>,
    /// Enterprises on the serious list (in force) at each address.
    pub address_serious: FxHashMap<StrId, u32>,
    /// Whether any annual report was loaded at all: without them, missing reports cannot be
    /// told from reports not exported, and the annual-report indicators stay silent.
    pub has_annual_reports: bool,
    /// The date the context was built for, and that date minus 0, 1, 2, … months up to
    /// [`MONTHS_BACK`] (the indicators' window starts, computed once per date instead of once
    /// per record).
    months_back: Option<(Date, Vec<Date>)>,
}

/// How many months back [`Context`] keeps the dates of: 1200 (every window a policy may set).
pub const MONTHS_BACK: u32 = crate::calendar::MAX_MONTHS;

impl Context {
    /// Builds the context for `as_of` (the store must be indexed).
    pub fn new(store: &Store, as_of: Date) -> Context {
        let mut active: Vec<u32> = Vec::new();
        for ent in 0..store.len() as EntId {
            if let Some(a) = active_address(store, ent) {
                let a = a.0 as usize;
                if a >= active.len() {
                    active.resize(a + 1, 0);
                }
                active[a] += 1;
            }
        }
        Context {
            address_active: Arc::new(active),
            ..Context::default()
        }
        .for_date(store, as_of)
    }

    /// The context of `as_of` over the same store as `self`: the counts of active enterprises
    /// per address, which do not depend on the date, are shared (not copied); the rest is
    /// computed for `as_of`.
    pub fn for_date(&self, store: &Store, as_of: Date) -> Context {
        let mut address_serious: FxHashMap<StrId, u32> = FxHashMap::default();
        for ent in 0..store.len() as EntId {
            if let Some(a) = active_address(store, ent) {
                if serious_in_force(store, ent, as_of) {
                    *address_serious.entry(a).or_default() += 1;
                }
            }
        }
        Context {
            address_active: Arc::clone(&self.address_active),
            address_serious,
            has_annual_reports: !store.annual_reports.is_empty(),
            months_back: Some((
                as_of,
                (0..=MONTHS_BACK)
                    .map(|m| add_months(as_of, -(m as i32)))
                    .collect(),
            )),
        }
    }
}

/// The registered address of `ent` when it counts for the address indicators: a registration
/// with an address, active.
fn active_address(store: &Store, ent: EntId) -> Option<StrId> {
    store
        .registration(ent)
        .filter(|r| r.address.0 != 0 && r.status.is_active())
        .map(|r| r.address)
}

impl Context {
    /// Active enterprises registered at `address`.
    #[inline]
    pub fn active_at(&self, address: StrId) -> u32 {
        self.address_active
            .get(address.0 as usize)
            .copied()
            .unwrap_or(0)
    }

    /// `as_of` minus `months` months ([`add_months`]), from the table when the context was
    /// built for `as_of`.
    #[inline]
    pub fn months_before(&self, as_of: Date, months: u32) -> Date {
        match &self.months_back {
            Some((d, back)) if *d == as_of => match back.get(months as usize) {
                Some(&x) => x,
                None => add_months(as_of, -(months as i32)),
            },
            _ => add_months(as_of, -(months as i32)),
        }
    }
}

/// Whether `ent` is on the serious list as of `as_of`.
pub fn serious_in_force(store: &Store, ent: EntId, as_of: Date) -> bool {
    store
        .list_entries
        .of(ent)
        .1
        .iter()
        .any(|l| l.list == ListKind::Serious && l.in_force(as_of))
}
