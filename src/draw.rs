//! The differentiated random inspection draw (双随机、一公开): how many enterprises of each
//! class, and which, from a seed given as text.
//!
//! Allocation: the policy's class ratios are relative intensities; they are scaled by one
//! factor so that the sample reaches `overall_ratio` × the classified population, each class
//! capped at its whole population (water-filling), whole numbers by largest remainder, and
//! every non-empty class gets at least `min_per_class` (a control sample: no class is exempt).
//!
//! Selection: within each class the population is ordered by USCC (so the order files were
//! loaded in does not matter) and a partial Fisher–Yates shuffle driven by ChaCha20 keyed by
//! SHA-256(seed, class) picks the sample. Same seed, scoring and policy ⇒ the same list,
//! natively and in WebAssembly.
//!
//! The draw's digest binds the seed, the as-of date, the policy's digest, the records loaded
//! and the audit trail applied ([`Provenance`]), the ratio used and the list drawn: publish it
//! with the list, and anyone holding the same inputs can check the draw.

pub use crate::apportion::allocate;
use crate::date::{format_date, Date};
use crate::policy::{Class, ValidPolicy};
use crate::records::EntId;
use crate::score::Scoring;
use crate::seed;
use crate::store::Store;
use crate::uscc::Uscc;
use rand::Rng;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Why a draw cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DrawError {
    /// The ratio is outside (0, 1] or below the policy's floor.
    #[error("overall ratio {ratio} must be between the policy's floor {floor} and 1")]
    Ratio {
        /// Ratio asked for.
        ratio: f64,
        /// The policy's minimum.
        floor: f64,
    },
    /// The seed is empty.
    #[error("the seed must not be empty: publish a seed so the draw can be reproduced")]
    EmptySeed,
}

/// The draw of one class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassDraw {
    /// Class letter.
    pub class: Class,
    /// Classified enterprises of this class.
    pub population: usize,
    /// Effective ratio (sample / population).
    pub ratio: f64,
    /// Enterprises drawn.
    pub sample: usize,
}

/// What a draw was made from, besides the scoring and the policy: digests of the records
/// loaded (`Store::digest`) and of the audit trail applied.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provenance {
    /// SHA-256 (hex) of the records loaded.
    pub records_digest: String,
    /// SHA-256 (hex) of the audit entries applied.
    pub audit_digest: String,
}

/// A reproducible inspection draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Draw {
    /// The seed text.
    pub seed: String,
    /// As-of date of the scoring drawn from.
    pub as_of: String,
    /// Overall ratio asked for.
    pub overall_ratio: f64,
    /// Classified enterprises.
    pub population: usize,
    /// Enterprises drawn.
    pub sample_size: usize,
    /// Digest of the policy used.
    pub policy_digest: String,
    /// SHA-256 (hex) of the records loaded.
    pub records_digest: String,
    /// SHA-256 (hex) of the audit entries applied.
    pub audit_digest: String,
    /// SHA-256 over seed, as-of date, the policy, records and audit digests, the ratio used
    /// and the drawn USCCs: publish it with the list.
    pub digest: String,
    /// Per class.
    pub per_class: Vec<ClassDraw>,
    /// Drawn enterprise ids, by class then USCC.
    #[serde(skip)]
    pub selected: Vec<EntId>,
}

/// Draws enterprises for inspection from a scoring.
pub fn draw(
    store: &Store,
    scoring: &Scoring,
    policy: &ValidPolicy,
    seed_text: &str,
    overall_ratio: Option<f64>,
    provenance: Provenance,
) -> Result<Draw, DrawError> {
    let mut members: [Vec<EntId>; 4] = Default::default();
    for (ent, &c) in scoring.classes.iter().enumerate() {
        if let Some(class) = Class::from_code(c) {
            members[class.index()].push(ent as EntId);
        }
    }
    let request = Request {
        policy,
        seed_text,
        overall_ratio,
        as_of: scoring.as_of,
        policy_digest: &scoring.policy_digest,
        provenance,
    };
    let (mut d, selected) = draw_members(members, |&e| store.uscc(e), request)?;
    d.selected = selected;
    Ok(d)
}

/// What a draw is asked for and bound to, besides its population.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The policy (its inspection ratios).
    pub policy: &'a ValidPolicy,
    /// The seed text.
    pub seed_text: &'a str,
    /// The overall ratio (the policy's when absent).
    pub overall_ratio: Option<f64>,
    /// The as-of date of the scoring drawn from.
    pub as_of: Date,
    /// The digest of the policy the scoring used.
    pub policy_digest: &'a str,
    /// The records and the audit trail drawn from.
    pub provenance: Provenance,
}

/// Draws from classified enterprises given as (USCC, class) pairs in any order, as a driver
/// holding only its partitions' results does: the same list and digest as [`draw`] over a
/// store holding the same enterprises and classes. Returns the draw and the drawn USCCs, by
/// class then USCC (`Draw::selected` is left empty).
pub fn draw_classes(
    classified: impl IntoIterator<Item = (Uscc, Class)>,
    request: Request<'_>,
) -> Result<(Draw, Vec<Uscc>), DrawError> {
    let mut members: [Vec<Uscc>; 4] = Default::default();
    for (uscc, class) in classified {
        members[class.index()].push(uscc);
    }
    draw_members(members, |&u| u, request)
}

/// The draw over each class's members, whatever identifies them (`uscc` gives the USCC).
fn draw_members<T: Copy, F: Fn(&T) -> Uscc>(
    mut members: [Vec<T>; 4],
    uscc: F,
    request: Request<'_>,
) -> Result<(Draw, Vec<T>), DrawError> {
    let Request {
        policy,
        seed_text,
        overall_ratio,
        as_of,
        policy_digest,
        provenance,
    } = request;
    let ip = &policy.policy().inspection;
    let ratio = overall_ratio.unwrap_or(ip.overall_ratio);
    if !(ratio.is_finite() && ratio >= ip.min_overall_ratio && ratio <= 1.0) {
        return Err(DrawError::Ratio {
            ratio,
            floor: ip.min_overall_ratio,
        });
    }
    if seed_text.trim().is_empty() {
        return Err(DrawError::EmptySeed);
    }
    for m in &mut members {
        m.sort_by_key(&uscc);
    }
    let pop = [0, 1, 2, 3].map(|c| members[c].len());
    let total: usize = pop.iter().sum();
    let target = (ratio * total as f64).round() as usize;
    let intensities = Class::ALL.map(|c| ip.class_ratios[&c]);
    let sizes = allocate(pop, intensities, target, ip.min_per_class as usize);
    let mut selected = Vec::with_capacity(sizes.iter().sum());
    let mut per_class = Vec::new();
    for class in Class::ALL {
        let c = class.index();
        let mut pool = members[c].clone();
        let k = sizes[c];
        let mut rng = seed::rng(seed_text, &format!("draw/{}", class.letter()));
        let n = pool.len();
        for i in 0..k {
            let j = i + rng.gen_range(0..(n - i) as u32) as usize;
            pool.swap(i, j);
        }
        let mut chosen = pool[..k].to_vec();
        chosen.sort_by_key(&uscc);
        selected.extend_from_slice(&chosen);
        per_class.push(ClassDraw {
            class,
            population: n,
            ratio: if n == 0 { 0.0 } else { k as f64 / n as f64 },
            sample: k,
        });
    }
    let mut h = Sha256::new();
    h.update(seed_text.as_bytes());
    h.update([0]);
    h.update(format_date(as_of).as_bytes());
    h.update([0]);
    h.update(policy_digest.as_bytes());
    h.update([0]);
    h.update(provenance.records_digest.as_bytes());
    h.update([0]);
    h.update(provenance.audit_digest.as_bytes());
    h.update([0]);
    h.update(ratio.to_bits().to_le_bytes());
    for e in &selected {
        h.update(uscc(e).as_str().as_bytes());
    }
    let d = Draw {
        seed: seed_text.to_string(),
        as_of: format_date(as_of),
        overall_ratio: ratio,
        population: total,
        sample_size: selected.len(),
        policy_digest: policy_digest.to_string(),
        records_digest: provenance.records_digest,
        audit_digest: provenance.audit_digest,
        digest: seed::hex(&h.finalize()),
        per_class,
        selected: Vec::new(),
    };
    Ok((d, selected))
}
