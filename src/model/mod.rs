//! Learning and proving the score (docs/RULES.md §18, §19): outcomes after a date, backtests of the
//! classes against them, migration between dates, and WoE scorecards fitted on any binary
//! target.
//!
//! Everything here is as of explicit dates: the classes at T come from scoring the loaded
//! records as of T (with the audit overlay of T, [`score_at`]), the outcome from the records
//! dated in (T, T + horizon], which must end on or before the data's own as-of date. An
//! enterprise established after a date did not exist on it: it has no class there (code 0);
//! one whose business licence was revoked by a decision dated after it was still active then,
//! and is classified.

pub mod backtest;
pub mod challenger;
pub mod features;
pub mod metrics;
pub mod migration;
pub mod outcome;
pub mod read;
pub mod scorecard;
pub mod table;

use crate::date::{add_months, format_date, Date};
use crate::policy::{class_code, ValidPolicy};
use crate::progress::{Cancelled, Progress, Throttled};
use crate::records::{EntId, PenaltyKind, RegStatus};
use crate::score::{score_all, score_one, Context, Overlay, Override, Scoring};
use crate::store::Store;

/// Why a model computation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The outcome window runs past the data: its outcome is not known yet.
    #[error(
        "the outcome window after {} ({} months) ends on {}, after the data's as-of date {}: \
         its outcome is not known yet (choose a date on or before {})",
        format_date(*at), horizon_months, format_date(*end), format_date(*data_as_of),
        format_date(add_months(*data_as_of, -(*horizon_months as i32)))
    )]
    WindowIncomplete {
        /// T.
        at: Date,
        /// The horizon in months.
        horizon_months: u32,
        /// T + horizon.
        end: Date,
        /// The data's as-of date.
        data_as_of: Date,
    },
    /// A horizon outside 1–[`crate::policy::model::MAX_HORIZON_MONTHS`] months.
    #[error("the horizon must be 1–{max} months, not {0}", max = crate::policy::model::MAX_HORIZON_MONTHS)]
    Horizon(u32),
    /// Two dates in the wrong order (a migration from a date to an earlier one).
    #[error("{} must be after {}", format_date(*later), format_date(*earlier))]
    Order {
        /// The date that should come first.
        earlier: Date,
        /// The date that should come after it.
        later: Date,
    },
    /// The call was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A challenger backtest with no `model.challenger` in the policy.
    #[error("the policy has no challenger (model.challenger)")]
    NoChallenger,
    /// The policy's challenger card does not fit the features the records give.
    #[error(transparent)]
    Challenger(crate::policy::PolicyError),
}

impl From<crate::progress::Cancelled> for ModelError {
    fn from(_: crate::progress::Cancelled) -> Self {
        ModelError::Cancelled
    }
}

/// Whether `ent` existed on `date`: registered on or before it (an enterprise with records but
/// no registration row is taken to exist).
pub fn existed(store: &Store, ent: EntId, date: Date) -> bool {
    store
        .registration(ent)
        .is_none_or(|r| r.established <= date)
}

/// Whether `ent`, inactive now, was revoked (吊销营业执照) only after `date` — by a decision
/// dated after it, not itself revoked — so it was still an active enterprise on `date`. The
/// records date no other closure (a deregistration or a move carries no date): those count as
/// closed on every date.
pub fn revoked_after(store: &Store, ent: EntId, date: Date) -> bool {
    let Some(r) = store.registration(ent) else {
        return false;
    };
    r.status == RegStatus::Revoked
        && store.penalties.of(ent).1.iter().any(|p| {
            p.kinds.contains(PenaltyKind::BusinessLicenceRevoked)
                && p.revoked.is_none()
                && p.date > date
        })
}

/// Scores every enterprise as of `date` as the records stood on that date
/// ([`crate::score::score_all`] under `overlay`, docs/RULES.md §18), then: an enterprise
/// established after `date` has no class (code 0, it did not exist yet); one revoked only after
/// `date` ([`revoked_after`]) is classified as the active enterprise it was then (scored with
/// `overrides.classify_inactive` on, for it alone). Every other class is score_all's.
pub fn score_at(
    store: &mut Store,
    policy: &ValidPolicy,
    date: Date,
    overlay: &Overlay,
    progress: &mut dyn Progress,
) -> Result<Scoring, Cancelled> {
    let mut s = score_all(store, policy, date, progress, overlay)?;
    let store = &*store;
    let mut as_active: Option<ValidPolicy> = None;
    for ent in 0..store.len() as EntId {
        let i = ent as usize;
        if !existed(store, ent, date) {
            s.classes[i] = 0;
            s.raw_classes[i] = 0;
            s.overrides[i] = Override::None as u8;
        } else if s.classes[i] == 0 && revoked_after(store, ent, date) {
            let p = as_active.get_or_insert_with(|| classifying_inactive(policy));
            let one = score_one(store, p, &s.context, ent, date, overlay);
            s.classes[i] = class_code(one.class);
            s.raw_classes[i] = class_code(one.class_before_override);
            s.overrides[i] = one.override_rule as u8;
        }
    }
    Ok(s)
}

/// `policy` with `overrides.classify_inactive` on: how an enterprise revoked only later is
/// scored on a date it was still active.
fn classifying_inactive(policy: &ValidPolicy) -> ValidPolicy {
    let mut p = policy.policy().clone();
    p.overrides.classify_inactive = true;
    p.check().expect("only a flag of a checked policy changed")
}

/// The class code of one enterprise on `date` as [`score_at`] gives it (`as_active` is
/// [`classifying_inactive`] of `policy`; `ctx` the context of `date`).
fn class_at(
    store: &Store,
    policy: &ValidPolicy,
    as_active: &ValidPolicy,
    ctx: &Context,
    ent: EntId,
    date: Date,
    overlay: &Overlay,
) -> u8 {
    if !existed(store, ent, date) {
        return 0;
    }
    let c = class_code(score_one(store, policy, ctx, ent, date, overlay).class);
    if c == 0 && revoked_after(store, ent, date) {
        class_code(score_one(store, as_active, ctx, ent, date, overlay).class)
    } else {
        c
    }
}

/// The class codes of every enterprise at each of `dates` (under `overlays[i]` on
/// `dates[i]`), date by date: `out[d * n + e]` for enterprise `e` of `n` on date `d` — what
/// [`score_at`] gives at each date, computed enterprise by enterprise over all the dates (its
/// records read once for every date), on two threads natively from 20,000 enterprises.
pub fn classes_by_date(
    store: &mut Store,
    policy: &ValidPolicy,
    dates: &[Date],
    overlays: &[Overlay],
    progress: &mut dyn Progress,
) -> Result<Vec<u8>, Cancelled> {
    use std::sync::atomic::{AtomicBool, Ordering};
    assert_eq!(dates.len(), overlays.len(), "one overlay per date");
    store.index();
    let store = &*store;
    let n = store.len();
    let mut contexts: Vec<Context> = Vec::with_capacity(dates.len());
    for &d in dates {
        let ctx = match contexts.first() {
            Some(first) => first.for_date(store, d),
            None => Context::new(store, d),
        };
        contexts.push(ctx);
    }
    let as_active = classifying_inactive(policy);
    let mut out = vec![0u8; n * dates.len()];
    let stop = AtomicBool::new(false);
    // Each part: a range of enterprises and, for each date, its slice of that date's classes.
    let fill = |start: usize,
                mut parts: Vec<&mut [u8]>,
                tick: &mut dyn FnMut(usize) -> Result<(), Cancelled>|
     -> Result<(), Cancelled> {
        let len = parts.first().map_or(0, |p| p.len());
        for i in 0..len {
            if i % 8192 == 0 {
                if stop.load(Ordering::Relaxed) {
                    return Err(Cancelled);
                }
                tick(i)?;
            }
            let ent = (start + i) as EntId;
            for (d, part) in parts.iter_mut().enumerate() {
                part[i] = class_at(
                    store,
                    policy,
                    &as_active,
                    &contexts[d],
                    ent,
                    dates[d],
                    &overlays[d],
                );
            }
        }
        Ok(())
    };
    let mut ticker = Throttled::new(progress);
    let chunks: Vec<&mut [u8]> = if n == 0 {
        Vec::new()
    } else {
        out.chunks_mut(n).collect()
    };
    if cfg!(not(target_arch = "wasm32")) && n >= 20_000 {
        let mid = n / 2;
        let (lower, upper): (Vec<&mut [u8]>, Vec<&mut [u8]>) =
            chunks.into_iter().map(|c| c.split_at_mut(mid)).unzip();
        std::thread::scope(|scope| {
            let fill = &fill;
            let high = scope.spawn(move || fill(mid, upper, &mut |_| Ok(())));
            let low = fill(0, lower, &mut |i| ticker.tick("classes", i * 2, n));
            if low.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            let high = high
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            low.and(high)
        })?;
    } else {
        fill(0, chunks, &mut |i| ticker.tick("classes", i, n))?;
    }
    ticker.tick("classes", n, n)?;
    Ok(out)
}

/// The enterprises of a store in USCC order: the row order of every model output, so that
/// it does not depend on the order files were loaded in.
pub fn by_uscc(store: &Store) -> Vec<EntId> {
    let mut ids: Vec<EntId> = (0..store.len() as EntId).collect();
    ids.sort_unstable_by_key(|&e| store.uscc(e));
    ids
}
