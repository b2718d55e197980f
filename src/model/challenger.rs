//! Champion and challenger (docs/RULES.md §19.6): the expert points (the champion) and a fitted
//! scorecard held in the policy as a learned indicator set (`model.challenger`, the
//! challenger), scored on the same date, turned into classes the same way, and backtested
//! against the same outcomes — so a bureau sees which ordering foretells trouble better before
//! it changes anything.
//!
//! The challenger's classes: each enterprise classified on T is scored by the card on its
//! features as of T ([`super::features`]). The legal overrides apply as for the expert points:
//! a class set by hand, or an enterprise on 严重违法失信名单 (when `overrides.serious_list` is
//! set), keeps its expert class; the others are **free**. Free rows get a class from the card
//! score — by the expert classes' counts among the same free rows, filled from D up with the
//! rows 经营异常名录 holds at each class first, then the lowest scores (`shares`, the default),
//! or by cut-offs on the card's scale, then raised to the abnormal-list floor (`cut_offs`).

use super::backtest::{classes_and_outcomes, summarise, Backtest};
use super::features::{catalogue, features_and_flags};
use super::outcome::Window;
use super::scorecard::fit::Unseen;
use super::scorecard::{Card, CardError};
use super::ModelError;
use crate::policy::{Challenger, ChallengerClasses, PolicyError, ValidPolicy};
use crate::progress::Progress;
use crate::records::Exclusions;
use crate::score::{Overlay, Override};
use crate::store::Store;
use serde::Serialize;

/// The champion and the challenger backtested side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Challenge {
    /// The challenger's name (the policy's `model.challenger.name`).
    pub name: String,
    /// The card's digest ([`Card::digest`]).
    pub card_digest: String,
    /// `shares` or `cut_offs`.
    pub classes_by: &'static str,
    /// The expert classes' backtest.
    pub champion: Backtest,
    /// The challenger's: its classes and its card score (risk = −score) against the same
    /// outcomes.
    pub challenger: Backtest,
    /// `agreement[i][j]`: enterprises in expert class i and challenger class j (A–D).
    pub agreement: [[usize; 4]; 4],
    /// Enterprises in the same class under both.
    pub same_class: usize,
    /// Enterprises whose challenger class the overrides set (by hand, or the serious list).
    pub fixed: usize,
    /// Enterprises the abnormal-list floor raised above the card's class.
    pub floored: usize,
    /// Per card feature with unseen categories: how many rows.
    pub unseen: Vec<Unseen>,
}

/// The challenger's card, parsed and checked against the features catalogue: every feature it
/// reads must be one of [`catalogue`]'s, of the same kind. Errors name the policy path
/// (`model.challenger.card…`).
pub fn challenger_card(c: &Challenger) -> Result<Card, PolicyError> {
    let path = |p: &str| {
        if p.is_empty() {
            "model.challenger.card".to_string()
        } else {
            format!("model.challenger.card.{p}")
        }
    };
    let card = Card::from_json(&c.card.to_string()).map_err(|e: CardError| PolicyError {
        path: path(&e.path),
        message: e.message,
    })?;
    let known = catalogue();
    for (i, f) in card.features.iter().enumerate() {
        match known.iter().find(|k| k.name == f.name) {
            Some(k) if k.kind == f.kind => {}
            Some(_) => {
                return Err(PolicyError {
                    path: path(&format!("features[{i}].kind")),
                    message: format!("`{}` is a feature of the other kind", f.name),
                })
            }
            None => {
                return Err(PolicyError {
                    path: path(&format!("features[{i}].name")),
                    message: format!(
                        "`{}` is not a feature the records give (docs/RULES.md §18)",
                        f.name
                    ),
                })
            }
        }
    }
    Ok(card)
}

/// Class codes 1–4 for the free rows' card scores, with `floors` (per row, the class code it
/// must be at least, 0 none), and how many rows a floor put above the class their score gave.
///
/// By shares: classes are filled from D up, each with its count `counts` (A–D): first every
/// row not yet classed whose floor is this class or worse, then the lowest scores left (ties:
/// the later row first), so the counts are the expert classes' unless the floors alone exceed
/// them. By cut-offs: the class of the score, raised to the floor.
fn card_classes(
    scores: &[f64],
    floors: &[u8],
    how: ChallengerClasses,
    counts: [usize; 4],
) -> (Vec<u8>, usize) {
    let n = scores.len();
    match how {
        ChallengerClasses::CutOffs { a, b, c } => {
            let mut floored = 0;
            let classes = scores
                .iter()
                .zip(floors)
                .map(|(&s, &floor)| {
                    let class = match s {
                        s if s >= a => 1,
                        s if s >= b => 2,
                        s if s >= c => 3,
                        _ => 4,
                    };
                    if floor > class {
                        floored += 1;
                        floor
                    } else {
                        class
                    }
                })
                .collect();
            (classes, floored)
        }
        ChallengerClasses::Shares => {
            let mut worst_first: Vec<usize> = (0..n).collect();
            worst_first.sort_by(|&i, &j| scores[i].total_cmp(&scores[j]).then(j.cmp(&i)));
            let mut position = vec![0usize; n];
            for (p, &r) in worst_first.iter().enumerate() {
                position[r] = p;
            }
            let mut out = vec![0u8; n];
            let mut cursor = 0;
            let mut floored = 0;
            for class in (1..=4u8).rev() {
                let mut want = counts[usize::from(class) - 1];
                let mut forced = Vec::new();
                if class > 1 {
                    for r in 0..n {
                        if out[r] == 0 && floors[r] >= class {
                            out[r] = class;
                            forced.push(r);
                            want = want.saturating_sub(1);
                        }
                    }
                }
                while want > 0 && cursor < n {
                    let r = worst_first[cursor];
                    cursor += 1;
                    if out[r] == 0 {
                        out[r] = class;
                        want -= 1;
                    }
                }
                // A forced row the fill would not have reached: the floor raised it.
                floored += forced.iter().filter(|&&r| position[r] >= cursor).count();
            }
            for c in &mut out {
                if *c == 0 {
                    *c = 1;
                }
            }
            (out, floored)
        }
    }
}

/// The champion and a challenger (`spec`, or else the policy's) backtested over the window
/// (see the module's documentation). Errors: [`ModelError::NoChallenger`] without either,
/// [`ModelError::Challenger`] when the card does not fit the features.
pub fn challenge(
    store: &mut Store,
    policy: &ValidPolicy,
    spec: Option<&Challenger>,
    window: Window,
    overlay: &Overlay,
    excluded_events: &Exclusions,
    progress: &mut dyn Progress,
) -> Result<Challenge, ModelError> {
    let spec = spec
        .or(policy.policy().model.challenger.as_ref())
        .ok_or(ModelError::NoChallenger)?;
    spec.check().map_err(ModelError::Challenger)?;
    let card = challenger_card(spec).map_err(ModelError::Challenger)?;
    let (scoring, o) =
        classes_and_outcomes(store, policy, window, overlay, excluded_events, progress)?;
    let (table, flags) = features_and_flags(store, policy, &scoring, &o.ents);
    let scored = card.apply(&table).map_err(|e| {
        ModelError::Challenger(PolicyError {
            path: "model.challenger.card".into(),
            message: e.to_string(),
        })
    })?;
    let p = policy.policy();
    let fixed_class = |row: usize| -> Option<u8> {
        let ent = o.ents[row] as usize;
        if scoring.overrides[ent] == Override::Manual as u8 {
            return Some(o.classes[row]);
        }
        match (flags[row].serious, p.overrides.serious_list) {
            (true, Some(c)) => Some(c as u8),
            _ => None,
        }
    };
    let fixed: Vec<Option<u8>> = (0..o.ents.len()).map(fixed_class).collect();
    let free: Vec<usize> = (0..o.ents.len()).filter(|&r| fixed[r].is_none()).collect();
    let mut counts = [0usize; 4];
    for &r in &free {
        counts[usize::from(o.classes[r]) - 1] += 1;
    }
    let free_scores: Vec<f64> = free.iter().map(|&r| scored.scores[r]).collect();
    let floors: Vec<u8> = free
        .iter()
        .map(|&r| match (flags[r].abnormal, p.overrides.abnormal_list) {
            (true, Some(c)) => c as u8,
            _ => 0,
        })
        .collect();
    let (free_classes, floored) = card_classes(&free_scores, &floors, spec.classes, counts);
    let mut classes: Vec<u8> = fixed.iter().map(|c| c.unwrap_or(0)).collect();
    for (&r, &c) in free.iter().zip(&free_classes) {
        classes[r] = c;
    }
    let mut agreement = [[0usize; 4]; 4];
    for (&e, &c) in o.classes.iter().zip(&classes) {
        agreement[usize::from(e) - 1][usize::from(c) - 1] += 1;
    }
    let champion = summarise(policy, &o);
    let mut learned = o;
    learned.classes = classes;
    learned.scores = scored.scores.clone();
    let challenger = summarise(policy, &learned);
    Ok(Challenge {
        name: spec.name.clone(),
        card_digest: card.digest(),
        classes_by: match spec.classes {
            ChallengerClasses::Shares => "shares",
            ChallengerClasses::CutOffs { .. } => "cut_offs",
        },
        champion,
        challenger,
        same_class: (0..4).map(|i| agreement[i][i]).sum(),
        agreement,
        fixed: fixed.iter().filter(|c| c.is_some()).count(),
        floored,
        unseen: card
            .features
            .iter()
            .zip(&scored.unseen)
            .filter(|(_, &n)| n > 0)
            .map(|(f, &n)| Unseen {
                feature: f.name.clone(),
                rows: n,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_hand_out_the_expert_counts_from_the_top_score_down() {
        let scores = [500.0, 700.0, 600.0, 600.0, 400.0, 650.0];
        let none = [0u8; 6];
        let (c, floored) = card_classes(&scores, &none, ChallengerClasses::Shares, [1, 2, 2, 1]);
        // 700 → A; 650, 600 (row 2, the earlier tie) → B; 600 (row 3), 500 → C; 400 → D.
        assert_eq!((c, floored), (vec![3, 1, 2, 3, 4, 2], 0));
        let (empty_b, _) = card_classes(&scores, &none, ChallengerClasses::Shares, [2, 0, 0, 4]);
        assert_eq!(empty_b, vec![4, 1, 4, 4, 4, 1]);
    }

    #[test]
    fn a_floor_takes_a_place_of_its_class_and_the_counts_stay() {
        let scores = [500.0, 700.0, 600.0, 600.0, 400.0, 650.0];
        // Row 1 (the best score) must be C at least: it takes one of C's two places (the other
        // goes to the lowest score left, 500), and 650 moves up to A in its place.
        let floors = [0, 3, 0, 0, 0, 0];
        let (c, floored) = card_classes(&scores, &floors, ChallengerClasses::Shares, [1, 2, 2, 1]);
        assert_eq!(c, vec![3, 3, 2, 2, 4, 1]);
        assert_eq!(floored, 1);
        let mut n = [0usize; 4];
        for &x in &c {
            n[usize::from(x) - 1] += 1;
        }
        assert_eq!(n, [1, 2, 2, 1]);
        // A floor on a row whose score already put it there raises nothing.
        let (_, floored) = card_classes(
            &scores,
            &[3, 0, 0, 0, 0, 0],
            ChallengerClasses::Shares,
            [1, 2, 2, 1],
        );
        assert_eq!(floored, 0);
        // More floors than places: the class overflows, the better classes shrink.
        let (c, _) = card_classes(
            &scores,
            &[0, 3, 3, 3, 0, 0],
            ChallengerClasses::Shares,
            [1, 2, 2, 1],
        );
        assert_eq!(c, vec![2, 3, 3, 3, 4, 2]);
    }

    #[test]
    fn cut_offs_are_lower_bounds() {
        let how = ChallengerClasses::CutOffs {
            a: 640.0,
            b: 600.0,
            c: 560.0,
        };
        let (c, floored) = card_classes(
            &[640.0, 639.9, 600.0, 560.0, 559.0],
            &[0, 0, 3, 0, 3],
            how,
            [0; 4],
        );
        assert_eq!((c, floored), (vec![1, 2, 3, 3, 4], 1));
    }
}
