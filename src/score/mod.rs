//! Scoring every enterprise as of a date: a score, a class A–D, and the reasons.
//!
//! Score = clamp(base + Σ indicator points, min, max) over the records inside their impact
//! windows; class by the cut-offs; then the qualitative overrides (serious list ⇒ D, abnormal
//! list ⇒ at least C). Inactive entities (deregistered, revoked, moved out) are not classified
//! unless the policy says so. Last, the [`Overlay`] the audit trail lays over the records:
//! records it leaves out, and classes set by hand. Every answer of this module (a score, a
//! class, an explanation, a short reason line) takes the overlay, so they agree by
//! construction.

mod context;
mod explain;
mod histogram;
mod indicators;

pub use context::Context;
pub use explain::{
    describe, describe_en, explain, short_reasons, short_reasons_both, ExcludedView, Explanation,
    OverrideView, ReasonView,
};
pub use histogram::{histogram, HistogramBin, ScoreHistogram, WidthError, MAX_BINS};
pub use indicators::{evaluate, penalty_stopped, penalty_stops, Flags, Hit, Stop};

use crate::date::{format_date, Date};
use crate::policy::{class_code, Class, ValidPolicy};
use crate::progress::{Cancelled, Progress, Throttled};
use crate::records::{EntId, Exclusions};
use crate::store::Store;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// What the audit trail lays over the records as of a date: records left out of scoring
/// (corrected by an objection, or repaired), and classes set by hand (谁分类、谁调整).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overlay {
    /// Records that do not count.
    pub excluded: Exclusions,
    /// Classes set by hand, by enterprise; they replace the computed class.
    pub classes: FxHashMap<EntId, Class>,
}

impl Overlay {
    /// Whether the overlay changes nothing.
    pub fn is_empty(&self) -> bool {
        self.excluded.is_empty() && self.classes.is_empty()
    }
}

/// Rounds a score or points to two decimals, as they are shown.
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Which override decided a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Override {
    /// No override: the cut-offs decided.
    None = 0,
    /// On 严重违法失信名单.
    SeriousList = 1,
    /// On 经营异常名录.
    AbnormalList = 2,
    /// Adjusted by hand, with a written reason (see [`crate::audit`]).
    Manual = 3,
}

impl Override {
    /// Every override, by its number (`Override as u8`).
    pub const ALL: [Override; 4] = [
        Override::None,
        Override::SeriousList,
        Override::AbnormalList,
        Override::Manual,
    ];

    /// The override of a number kept in [`Scoring::overrides`].
    pub fn from_u8(v: u8) -> Option<Override> {
        Override::ALL.get(usize::from(v)).copied()
    }

    /// Its code, as serialised (`none`, `serious_list`, `abnormal_list`, `manual`).
    pub fn code(self) -> &'static str {
        match self {
            Override::None => "none",
            Override::SeriousList => "serious_list",
            Override::AbnormalList => "abnormal_list",
            Override::Manual => "manual",
        }
    }

    /// Chinese description.
    pub fn zh(self) -> &'static str {
        match self {
            Override::None => "",
            Override::SeriousList => "列入严重违法失信名单，直接认定",
            Override::AbnormalList => "列入经营异常名录，至少为该等级",
            Override::Manual => "人工调整（谁分类、谁调整），理由见审计记录",
        }
    }

    /// English description.
    pub fn en(self) -> &'static str {
        match self {
            Override::None => "",
            Override::SeriousList => "on the serious-violation list: class set directly",
            Override::AbnormalList => "on the abnormal-operation list: at least this class",
            Override::Manual => "adjusted by hand; the reason is in the audit trail",
        }
    }
}

/// The score of one enterprise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EntScore {
    /// The score after clamping.
    pub score: f64,
    /// The class, `None` when not classified (inactive).
    pub class: Option<Class>,
    /// The class the cut-offs gave, before overrides.
    pub class_before_override: Option<Class>,
    /// The override that changed the class, if any ([`Override::Manual`] for a class set by
    /// hand).
    pub override_rule: Override,
    /// The class the records and the policy give, before any class set by hand.
    pub computed: Option<Class>,
}

/// Scores one enterprise under an overlay (no reasons kept).
pub fn score_one(
    store: &Store,
    policy: &ValidPolicy,
    ctx: &Context,
    ent: EntId,
    as_of: Date,
    overlay: &Overlay,
) -> EntScore {
    score_with(store, policy, ctx, ent, as_of, overlay, |_| {})
}

fn score_with(
    store: &Store,
    policy: &ValidPolicy,
    ctx: &Context,
    ent: EntId,
    as_of: Date,
    overlay: &Overlay,
    sink: impl FnMut(Hit),
) -> EntScore {
    let computed = computed_score(store, policy, ctx, ent, as_of, &overlay.excluded, sink);
    match overlay.classes.get(&ent) {
        Some(&c) => EntScore {
            class: Some(c),
            override_rule: Override::Manual,
            ..computed
        },
        None => computed,
    }
}

/// The score and class the records and the policy give, before a class set by hand.
fn computed_score(
    store: &Store,
    policy: &ValidPolicy,
    ctx: &Context,
    ent: EntId,
    as_of: Date,
    excluded: &Exclusions,
    sink: impl FnMut(Hit),
) -> EntScore {
    let p = policy.policy();
    let (sum, flags) = evaluate(store, policy, ctx, ent, as_of, excluded, sink);
    let score = (p.base_score + sum).clamp(p.min_score, p.max_score);
    let active = store.registration(ent).is_none_or(|r| r.status.is_active());
    if !active && !p.overrides.classify_inactive {
        return EntScore {
            score,
            class: None,
            class_before_override: None,
            override_rule: Override::None,
            computed: None,
        };
    }
    let raw = policy.class_of(score);
    let mut class = raw;
    let mut rule = Override::None;
    if let (true, Some(c)) = (flags.abnormal, p.overrides.abnormal_list) {
        if c > class {
            class = c;
            rule = Override::AbnormalList;
        }
    }
    if let (true, Some(c)) = (flags.serious, p.overrides.serious_list) {
        if c != class {
            class = c;
            rule = Override::SeriousList;
        }
    }
    EntScore {
        score,
        class: Some(class),
        class_before_override: Some(raw),
        override_rule: rule,
        computed: Some(class),
    }
}

/// The scores of every enterprise in a store, as of a date, under one policy.
#[derive(Debug, Clone)]
pub struct Scoring {
    /// The as-of date.
    pub as_of: Date,
    /// Digest of the policy used.
    pub policy_digest: String,
    /// Score per enterprise id.
    pub scores: Vec<f64>,
    /// Class code per enterprise id: 0 none, 1–4 A–D.
    pub classes: Vec<u8>,
    /// Class code before overrides.
    pub raw_classes: Vec<u8>,
    /// Override per enterprise id (`Override as u8`).
    pub overrides: Vec<u8>,
    /// The store-wide facts used.
    pub context: Context,
    /// The overlay scored under.
    pub overlay: Overlay,
}

/// Counts of a scoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreSummary {
    /// The as-of date.
    pub as_of: String,
    /// Enterprises scored.
    pub enterprises: usize,
    /// Enterprises given a class.
    pub classified: usize,
    /// Enterprises not classified (inactive).
    pub unclassified: usize,
    /// Count per class.
    pub counts: ClassCounts,
    /// Mean score of the classified enterprises (0 when none).
    pub mean_score: f64,
    /// Enterprises with records but no registration row (classified as active).
    pub unregistered: usize,
    /// Classes changed by an override.
    pub overridden: usize,
    /// Digest of the policy used.
    pub policy_digest: String,
}

/// A count per class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[allow(non_snake_case, missing_docs)]
pub struct ClassCounts {
    pub A: usize,
    pub B: usize,
    pub C: usize,
    pub D: usize,
}

impl ClassCounts {
    /// The count of one class.
    pub fn get(&self, c: Class) -> usize {
        match c {
            Class::A => self.A,
            Class::B => self.B,
            Class::C => self.C,
            Class::D => self.D,
        }
    }
}

/// Whether a store of `n` enterprises is scored on two threads: natively, from 20,000.
fn two_threads(n: usize) -> bool {
    cfg!(not(target_arch = "wasm32")) && n >= 20_000
}

/// Scores every enterprise under an overlay (indexing the store first when needed).
pub fn score_all(
    store: &mut Store,
    policy: &ValidPolicy,
    as_of: Date,
    progress: &mut dyn Progress,
    overlay: &Overlay,
) -> Result<Scoring, Cancelled> {
    store.index();
    let store = &*store;
    let ctx = Context::new(store, as_of);
    let n = store.len();
    let mut out = Scoring {
        as_of,
        policy_digest: policy.digest().to_string(),
        scores: Vec::with_capacity(n),
        classes: Vec::with_capacity(n),
        raw_classes: Vec::with_capacity(n),
        overrides: Vec::with_capacity(n),
        context: Context::default(),
        overlay: overlay.clone(),
    };
    let mut ticker = Throttled::new(progress);
    let stop = std::sync::atomic::AtomicBool::new(false);
    let score_range = |range: std::ops::Range<usize>,
                       tick: &mut dyn FnMut(usize) -> Result<(), Cancelled>|
     -> Result<Vec<EntScore>, Cancelled> {
        let mut part = Vec::with_capacity(range.len());
        for ent in range {
            if ent % 8192 == 0 {
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    return Err(Cancelled);
                }
                tick(ent)?;
            }
            let e = ent as EntId;
            part.push(score_with(store, policy, &ctx, e, as_of, overlay, |_| {}));
        }
        Ok(part)
    };
    // The upper half is scored on a second thread; every enterprise is scored on its own,
    // so the result is the same as on one thread.
    let parts = if two_threads(n) {
        let mid = n / 2;
        std::thread::scope(|scope| {
            let upper = scope.spawn(|| score_range(mid..n, &mut |_| Ok(())));
            let lower = score_range(0..mid, &mut |ent| ticker.tick("score", ent * 2, n));
            if lower.is_err() {
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            let upper = upper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok::<_, Cancelled>(vec![lower?, upper?])
        })?
    } else {
        vec![score_range(0..n, &mut |ent| ticker.tick("score", ent, n))?]
    };
    for s in parts.into_iter().flatten() {
        out.scores.push(s.score);
        out.classes.push(class_code(s.class));
        out.raw_classes.push(class_code(s.class_before_override));
        out.overrides.push(s.override_rule as u8);
    }
    ticker.tick("score", n, n)?;
    out.context = ctx;
    Ok(out)
}

impl Scoring {
    /// Counts per class and other totals.
    pub fn summary(&self, store: &Store) -> ScoreSummary {
        let mut counts = ClassCounts::default();
        let mut sum = 0.0;
        for (&c, &s) in self.classes.iter().zip(&self.scores) {
            match Class::from_code(c) {
                Some(Class::A) => counts.A += 1,
                Some(Class::B) => counts.B += 1,
                Some(Class::C) => counts.C += 1,
                Some(Class::D) => counts.D += 1,
                None => continue,
            }
            sum += s;
        }
        let classified = counts.A + counts.B + counts.C + counts.D;
        ScoreSummary {
            as_of: format_date(self.as_of),
            enterprises: self.classes.len(),
            classified,
            unclassified: self.classes.len() - classified,
            counts,
            mean_score: if classified == 0 {
                0.0
            } else {
                round2(sum / classified as f64)
            },
            unregistered: store.unregistered().count(),
            overridden: self.overrides.iter().filter(|&&o| o != 0).count(),
            policy_digest: self.policy_digest.clone(),
        }
    }

    /// The class of an enterprise.
    pub fn class(&self, ent: EntId) -> Option<Class> {
        Class::from_code(self.classes[ent as usize])
    }

    /// Scores one enterprise again under a new overlay (after an audit entry) and keeps the
    /// overlay; the rest of the scoring is unchanged.
    pub fn rescore(&mut self, store: &Store, policy: &ValidPolicy, ent: EntId, overlay: Overlay) {
        let one = score_one(store, policy, &self.context, ent, self.as_of, &overlay);
        let i = ent as usize;
        self.scores[i] = one.score;
        self.raw_classes[i] = class_code(one.class_before_override);
        self.classes[i] = class_code(one.class);
        self.overrides[i] = one.override_rule as u8;
        self.overlay = overlay;
    }
}
