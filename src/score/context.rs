//! Facts about the whole store that single enterprises are scored against, as of a date.

use crate::date::Date;
use crate::records::{EntId, ListKind};
use crate::store::Store;
use crate::strpool::StrId;
use rustc_hash::FxHashMap;

/// Per-address counts and store-wide flags, computed once per scoring.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Active enterprises registered at each address.
    pub address_active: FxHashMap<StrId, u32>,
    /// Enterprises on the serious list (in force) at each address.
    pub address_serious: FxHashMap<StrId, u32>,
    /// Whether any annual report was loaded at all: without them, missing reports cannot be
    /// told from reports not exported, and the annual-report indicators stay silent.
    pub has_annual_reports: bool,
}

impl Context {
    /// Builds the context for `as_of` (the store must be indexed).
    pub fn new(store: &Store, as_of: Date) -> Context {
        let mut ctx = Context {
            has_annual_reports: !store.annual_reports.is_empty(),
            ..Context::default()
        };
        for ent in 0..store.len() as EntId {
            let Some(reg) = store.registration(ent) else {
                continue;
            };
            if reg.address.0 == 0 || !reg.status.is_active() {
                continue;
            }
            *ctx.address_active.entry(reg.address).or_default() += 1;
            if serious_in_force(store, ent, as_of) {
                *ctx.address_serious.entry(reg.address).or_default() += 1;
            }
        }
        ctx
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
