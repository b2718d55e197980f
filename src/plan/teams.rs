//! The second random (双随机 of inspectors): a team for each visit, drawn from the roster by
//! the plan's seed — at least the policy's team size, covering every qualification the
//! visit's items need, never an inspector with a listed conflict, never an inactive one,
//! never the enterprise's last team as a whole (rotation), each inspector within the cap of
//! visits per round, regions matched as the policy asks.
//!
//! Picking: from the pool of inspectors holding the qualification (in the enterprise's region
//! first when regions are matched), three random probes and the least loaded eligible one of
//! them ("power of choices", which keeps loads even); when no probe is eligible, the least
//! loaded eligible inspector of the whole pool, scanned from a random start.

use crate::policy::RegionMatching;
use crate::records::{EntId, Inspector};
use rand::Rng;
use rand_chacha::ChaCha20Rng;
use rustc_hash::{FxHashMap, FxHashSet};

/// The roster, indexed for picking.
pub(crate) struct Staffing<'a> {
    inspectors: &'a [Inspector],
    /// Qualification ("" for any) → active inspectors holding it, by id.
    by_qual: FxHashMap<&'a str, Vec<u32>>,
    /// (qualification, region) → active inspectors of that region holding it, by id.
    by_qual_region: FxHashMap<(&'a str, &'a str), Vec<u32>>,
    conflicts: &'a FxHashSet<(u32, EntId)>,
    /// Visits taken by each inspector in the round being staffed.
    pub load: Vec<u32>,
    cap: u32,
    matching: RegionMatching,
    ids: FxHashMap<&'a str, u32>,
}

/// The team of one visit.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Team {
    /// Inspector indices, in the order drawn.
    pub members: Vec<u32>,
    /// Qualifications no eligible inspector could cover, and one "" per member lacking to
    /// reach the team size.
    pub missing: Vec<String>,
    /// The last team could not be avoided (no other eligible inspector).
    pub repeated: bool,
}

impl<'a> Staffing<'a> {
    /// Indexes the active inspectors of `inspectors`, with the conflicts of interest found
    /// for the enterprises to be visited.
    pub fn new(
        inspectors: &'a [Inspector],
        conflicts: &'a FxHashSet<(u32, EntId)>,
        cap: u32,
        matching: RegionMatching,
    ) -> Self {
        let mut order: Vec<u32> = (0..inspectors.len() as u32)
            .filter(|&i| inspectors[i as usize].active)
            .collect();
        order.sort_by(|&a, &b| inspectors[a as usize].id.cmp(&inspectors[b as usize].id));
        let mut by_qual: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
        let mut by_qual_region: FxHashMap<(&str, &str), Vec<u32>> = FxHashMap::default();
        for &i in &order {
            let ins = &inspectors[i as usize];
            let region = ins.region.trim();
            for q in std::iter::once("").chain(ins.qualifications.iter().map(|q| q.trim())) {
                by_qual.entry(q).or_default().push(i);
                by_qual_region.entry((q, region)).or_default().push(i);
            }
        }
        let ids = inspectors
            .iter()
            .enumerate()
            .map(|(i, ins)| (ins.id.as_str(), i as u32))
            .collect();
        Staffing {
            inspectors,
            by_qual,
            by_qual_region,
            conflicts,
            load: vec![0; inspectors.len()],
            cap,
            matching,
            ids,
        }
    }

    /// Whether any active inspector holds `qualification`.
    pub fn anyone_holds(&self, qualification: &str) -> bool {
        self.by_qual.contains_key(qualification.trim())
    }

    /// Starts a new round: every load back to zero.
    pub fn new_round(&mut self) {
        self.load.iter_mut().for_each(|l| *l = 0);
    }

    /// Whether inspector `i` has a listed conflict with `ent`.
    pub fn conflicted(&self, i: u32, ent: EntId) -> bool {
        self.conflicts.contains(&(i, ent))
    }

    /// The inspector indices of a team written as ids joined by `;` (unknown ids left out),
    /// sorted.
    pub fn team_of(&self, ids: &str) -> Vec<u32> {
        let mut t: Vec<u32> = ids
            .split([';', '；', ',', '，', '、', ' '])
            .filter_map(|id| self.ids.get(id.trim()).copied())
            .collect();
        t.sort_unstable();
        t.dedup();
        t
    }

    fn eligible(&self, i: u32, ent: EntId, team: &[u32], avoid: Option<u32>) -> bool {
        self.load[i as usize] < self.cap
            && !team.contains(&i)
            && avoid != Some(i)
            && !self.conflicted(i, ent)
    }

    /// How many of `want` inspector `i` holds: a member covering more of a joint visit's
    /// qualifications keeps the team small.
    fn covers(&self, i: u32, want: &[&str]) -> usize {
        want.iter().filter(|q| self.holds(i, q)).count()
    }

    #[allow(clippy::too_many_arguments)]
    fn pick_in(
        &self,
        rng: &mut ChaCha20Rng,
        pool: &[u32],
        ent: EntId,
        team: &[u32],
        avoid: Option<u32>,
        want: &[&str],
    ) -> Option<u32> {
        if pool.is_empty() {
            return None;
        }
        // Better: covers more of what the team still needs, then less loaded.
        let better = |i: u32, b: u32| {
            let (ci, cb) = (self.covers(i, want), self.covers(b, want));
            ci > cb || (ci == cb && self.load[i as usize] < self.load[b as usize])
        };
        let n = pool.len() as u32;
        let mut best: Option<u32> = None;
        for _ in 0..3 {
            let i = pool[rng.gen_range(0..n) as usize];
            if self.eligible(i, ent, team, avoid) && best.is_none_or(|b| better(i, b)) {
                best = Some(i);
            }
        }
        if best.is_some() {
            return best;
        }
        let start = rng.gen_range(0..n) as usize;
        for k in 0..pool.len() {
            let i = pool[(start + k) % pool.len()];
            if self.eligible(i, ent, team, avoid) && best.is_none_or(|b| better(i, b)) {
                best = Some(i);
            }
        }
        best
    }

    /// One inspector holding `qual` ("" for any) for `ent` in `region`, preferring those who
    /// also hold more of `want`.
    #[allow(clippy::too_many_arguments)]
    fn pick(
        &self,
        rng: &mut ChaCha20Rng,
        qual: &str,
        ent: EntId,
        region: &str,
        team: &[u32],
        avoid: Option<u32>,
        want: &[&str],
    ) -> Option<u32> {
        let all = self.by_qual.get(qual).map(Vec::as_slice).unwrap_or(&[]);
        match self.matching {
            RegionMatching::Off => self.pick_in(rng, all, ent, team, avoid, want),
            RegionMatching::Prefer => self
                .pick_in(rng, self.local(qual, region), ent, team, avoid, want)
                .or_else(|| self.pick_in(rng, all, ent, team, avoid, want)),
            RegionMatching::Require => self
                .pick_in(rng, self.local(qual, region), ent, team, avoid, want)
                .or_else(|| self.pick_in(rng, self.local(qual, ""), ent, team, avoid, want)),
        }
    }

    fn local<'s>(&'s self, qual: &'s str, region: &'s str) -> &'s [u32] {
        let m: &'s FxHashMap<(&'s str, &'s str), Vec<u32>> = &self.by_qual_region;
        m.get(&(qual, region)).map(Vec::as_slice).unwrap_or(&[])
    }

    fn holds(&self, i: u32, qual: &str) -> bool {
        qual.is_empty()
            || self.inspectors[i as usize]
                .qualifications
                .iter()
                .any(|q| q.trim() == qual)
    }

    /// Draws the team of one visit and counts it in the loads.
    #[allow(clippy::too_many_arguments)]
    pub fn staff(
        &mut self,
        rng: &mut ChaCha20Rng,
        ent: EntId,
        region: &str,
        quals: &[&str],
        size: usize,
        last_team: &[u32],
        rotate: bool,
    ) -> Team {
        let mut team = Team::default();
        // (member, the qualification it was drawn for)
        let mut drawn: Vec<(u32, &str)> = Vec::new();
        let draw_team = |this: &Self, rng: &mut ChaCha20Rng, avoid: Option<u32>| {
            let mut members: Vec<u32> = Vec::new();
            let mut why: Vec<(u32, &str)> = Vec::new();
            let mut missing = Vec::new();
            for (k, &q) in quals.iter().enumerate() {
                if members.iter().any(|&m| this.holds(m, q)) {
                    continue;
                }
                let want: Vec<&str> = quals[k..]
                    .iter()
                    .copied()
                    .filter(|w| !members.iter().any(|&m| this.holds(m, w)))
                    .collect();
                match this.pick(rng, q, ent, region, &members, avoid, &want) {
                    Some(i) => {
                        members.push(i);
                        why.push((i, q));
                    }
                    None => missing.push(q.to_string()),
                }
            }
            while members.len() < size {
                match this.pick(rng, "", ent, region, &members, avoid, &[]) {
                    Some(i) => {
                        members.push(i);
                        why.push((i, ""));
                    }
                    None => {
                        // One entry per member lacking.
                        missing.extend((members.len()..size).map(|_| String::new()));
                        break;
                    }
                }
            }
            (members, why, missing)
        };
        let (members, why, missing) = draw_team(self, rng, None);
        team.members = members;
        team.missing = missing;
        drawn.extend(why);
        if rotate && !last_team.is_empty() {
            let mut sorted = team.members.clone();
            sorted.sort_unstable();
            if sorted == last_team {
                // Draw again without one of the last team's members, the last drawn first.
                let mut replaced = false;
                for &(m, _) in drawn.iter().rev() {
                    let (members, _, missing) = draw_team(self, rng, Some(m));
                    if missing.len() <= team.missing.len() {
                        let mut s = members.clone();
                        s.sort_unstable();
                        if s != last_team {
                            team.members = members;
                            team.missing = missing;
                            replaced = true;
                            break;
                        }
                    }
                }
                team.repeated = !replaced;
            }
        }
        for &m in &team.members {
            self.load[m as usize] += 1;
        }
        team
    }
}
