//! The latent profile of every enterprise, and the event skeletons that several kinds share.
//!
//! [`base`] is what every kind needs (entity type, industry, dates, status, latent risk,
//! dormancy, address trouble). [`licences_held`], [`reports`], [`penalties`] and
//! [`complaints`] are drawn from their own streams, recomputed by each kind that must agree
//! with them (the list generator reads missing reports and heavy penalties, the inspection
//! generator the checks that preceded penalties or followed complaints and the licences that
//! bring routine food and drug checks…). Dates are day numbers (days from the common era);
//! nothing is ever dated after `as_of`.

use super::out::DateTable;
use super::pools::{Lic, INDUSTRIES, REGIONS};
use super::rng::{cumulative, key, Stream};
use crate::date::{add_months, Date};
use crate::records::{
    ComplaintKind, Domain, EntityType, InspectionKind, InspectionResult, PenaltyKind, PenaltyKinds,
    RecordKind, RegStatus,
};
use chrono::Datelike;

/// Days in 20 years: the span of establishment dates.
pub(crate) const SPAN: i32 = 7305;

/// Stream keys.
pub(crate) struct Keys {
    pub profile: u64,
    pub reports: u64,
    pub penalties: u64,
    pub complaints: u64,
    pub licences: u64,
    pub clusters: u64,
    pub serial: u64,
    pub kinds: [u64; 8],
    /// The inspector roster.
    pub roster: u64,
    /// Who did each inspection.
    pub history: u64,
    /// When each inspection's result was published.
    pub published: u64,
    /// The key-supervision checks of an enterprise on the serious list.
    pub key_supervision: u64,
}

/// Everything the generators share for one set of parameters.
pub(crate) struct Ctx {
    pub n: u32,
    pub as_of: i32,
    pub keys: Keys,
    pub dates: DateTable,
    year0: i32,
    jan1: Vec<i32>,
    jun30: Vec<i32>,
    /// The latest report year whose deadline (30 June of the next year) is before `as_of`.
    pub last_due: i32,
    pub clusters: u32,
    pub cum_ind: [Vec<u32>; 3],
    pub cum_region: Vec<u32>,
    pub cum_cluster_region: Vec<u32>,
    /// 2017-01-01: cluster registration starts.
    pub cluster_from: i32,
    /// 2019-01-01: 告知承诺 in wide use.
    pub promise_from: i32,
    /// 2015-10-01: USCCs with `MA` serials, 食品经营许可证 replaces the older licences.
    pub reform: i32,
    /// The rules' default `abnormal.transfer_abolished` (2024-05-01): from this day a listing
    /// of 3 years is no longer moved to the serious list.
    pub transfer_abolished: i32,
    /// The rules' default `abnormal.order101_effective` (2025-03-18): from this day false
    /// information is no longer an abnormal-list reason for enterprises.
    pub order101: i32,
}

/// Day number of a calendar date.
pub(crate) fn day_of(d: Date) -> i32 {
    d.num_days_from_ce()
}

fn ymd(y: i32, m: u32, d: u32) -> i32 {
    Date::from_ymd_opt(y, m, d).map(day_of).unwrap_or(0)
}

impl Ctx {
    pub fn new(enterprises: usize, seed: &str, as_of: Date) -> Ctx {
        let a = day_of(as_of);
        let y = as_of.year();
        let year0 = y - 40;
        let jan1: Vec<i32> = (year0..y + 12).map(|yy| ymd(yy, 1, 1)).collect();
        let jun30: Vec<i32> = (year0..y + 12).map(|yy| ymd(yy, 6, 30)).collect();
        let last_due = if a > ymd(y, 6, 30) { y - 1 } else { y - 2 };
        let kinds = RecordKind::ALL.map(|k| key(seed, k.code()));
        let n = enterprises.min(u32::MAX as usize) as u32;
        let cum_ind = [0, 1, 2].map(|g| cumulative(INDUSTRIES.iter().map(|i| i.w[g])));
        let abnormal_rules = crate::policy::RulesPolicy::default().abnormal;
        Ctx {
            n,
            as_of: a,
            keys: Keys {
                profile: key(seed, "profile"),
                reports: key(seed, "profile/reports"),
                penalties: key(seed, "profile/penalties"),
                complaints: key(seed, "profile/complaints"),
                licences: key(seed, "profile/licences"),
                clusters: key(seed, "profile/clusters"),
                serial: key(seed, "profile/serial"),
                kinds,
                roster: key(seed, "roster"),
                history: key(seed, "inspection/inspectors"),
                published: key(seed, "inspection/published"),
                key_supervision: key(seed, "inspection/key-supervision"),
            },
            dates: DateTable::new(a - SPAN - 400, a + 2400),
            year0,
            jan1,
            jun30,
            last_due,
            clusters: (n / 300).clamp(20, 4000),
            cum_ind,
            cum_region: cumulative(REGIONS.iter().map(|r| r.weight)),
            cum_cluster_region: cumulative(REGIONS.iter().map(|r| r.cluster_weight)),
            cluster_from: ymd(2017, 1, 1),
            promise_from: ymd(2019, 1, 1),
            reform: ymd(2015, 10, 1),
            transfer_abolished: day_of(abnormal_rules.transfer_abolished),
            order101: day_of(abnormal_rules.order101_effective),
        }
    }

    /// The key of a kind's own stream.
    pub fn kind_key(&self, kind: RecordKind) -> u64 {
        self.keys.kinds[kind as usize]
    }

    /// 1 January of `y`.
    pub fn jan1(&self, y: i32) -> i32 {
        let k = y - self.year0;
        if k >= 0 && (k as usize) < self.jan1.len() {
            self.jan1[k as usize]
        } else {
            ymd(y, 1, 1)
        }
    }

    /// 30 June of `y`: the annual-report deadline for the year `y - 1`.
    pub fn jun30(&self, y: i32) -> i32 {
        let k = y - self.year0;
        if k >= 0 && (k as usize) < self.jun30.len() {
            self.jun30[k as usize]
        } else {
            ymd(y, 6, 30)
        }
    }

    /// The day `years` years after `day`.
    pub fn add_years(&self, day: i32, years: i32) -> i32 {
        match Date::from_num_days_from_ce_opt(day) {
            Some(d) => day_of(add_months(d, 12 * years)),
            None => day + 365 * years,
        }
    }

    /// The year of a day.
    #[inline]
    pub fn year(&self, day: i32) -> i32 {
        self.dates.year(day)
    }

    /// The month (1–12) of a day.
    #[inline]
    pub fn month(&self, day: i32) -> u32 {
        self.dates.month(day)
    }
}

/// The latent profile of one enterprise.
pub(crate) struct Base {
    pub i: u32,
    pub etype: EntityType,
    pub ind: usize,
    pub est: i32,
    pub status: RegStatus,
    /// The last day it exists: the closure date, or `as_of` while active.
    pub end: i32,
    /// Latent risk, 0–1000.
    pub risk: i32,
    /// Index of the shared (cluster-registration) address.
    pub cluster: Option<u32>,
    /// Stopped operating on this day (still registered).
    pub dormant: Option<i32>,
    /// Found unreachable at its address (by an inspection) and, perhaps, reachable again.
    pub unreach: Option<(i32, Option<i32>)>,
    /// Found to have published false information, and perhaps corrected it.
    pub false_info: Option<(i32, Option<i32>)>,
    /// Ordered to publish information it had not (an inspection's 未按规定公示) and, perhaps,
    /// published it after the deadline.
    pub instant_info: Option<(i32, Option<i32>)>,
}

impl Base {
    /// Its industry.
    pub fn industry(&self) -> &'static super::pools::Industry {
        &INDUSTRIES[self.ind]
    }

    /// How far the latent risk is into its top tail (0–200): the few entities that collect
    /// several negative records of every kind.
    pub fn tail(&self) -> i32 {
        (self.risk - 800).max(0)
    }

    /// Whether it is an individual business (marked, not listed; own name forms).
    pub fn individual(&self) -> bool {
        self.etype == EntityType::Individual
    }

    /// Whether it holds (or may hold) licences of this family.
    pub fn has_family(&self, fam: Lic) -> bool {
        self.industry().lic.iter().any(|(f, _)| *f == fam)
    }
}

/// Which licence families of its industry it holds, as a bit set over `industry().lic`
/// (drawn from their own stream: the licence and inspection generators agree on it). A
/// licence that a penalty revoked is held even when not drawn here.
pub(crate) fn licences_held(ctx: &Ctx, b: &Base) -> u8 {
    let lic = b.industry().lic;
    if lic.is_empty() {
        return 0;
    }
    let mut s = Stream::new(ctx.keys.licences, b.i as u64);
    let mut held = 0;
    for (j, &(_, pct)) in lic.iter().enumerate() {
        if s.chance(pct as i32 * 10) {
            held |= 1 << j;
        }
    }
    held
}

/// A found-and-maybe-cured pair: found in `lo..=hi`, cured `gap..` days later with the given
/// chance, the cure no later than `limit`.
fn episode(
    s: &mut Stream,
    lo: i32,
    hi: i32,
    cure: i32,
    gap: i32,
    spread: i32,
    limit: i32,
) -> Option<(i32, Option<i32>)> {
    if hi < lo {
        return None;
    }
    let found = s.between(lo, hi);
    let cured = if s.chance(cure) {
        let c = found + gap + s.below_i(spread);
        (c <= limit).then_some(c)
    } else {
        None
    };
    Some((found, cured))
}

/// The latent profile of enterprise `i`.
pub(crate) fn base(ctx: &Ctx, i: u32) -> Base {
    use EntityType::*;
    let mut s = Stream::new(ctx.keys.profile, i as u64);
    let etype = match s.below(1000) {
        0..=599 => Individual,
        600..=929 => Company,
        930..=949 => Cooperative,
        950..=964 => Partnership,
        965..=979 => SoleProprietorship,
        _ => Branch,
    };
    let group = match etype {
        Individual => 0,
        Cooperative => 2,
        _ => 1,
    };
    let ind = s.weighted(&ctx.cum_ind[group]);
    // Ages over 20 years, recent ones more frequent (the number of entities keeps growing).
    let age = if s.chance(400) {
        s.below(SPAN as u32)
    } else {
        s.below(SPAN as u32).min(s.below(SPAN as u32))
    } as i32;
    let est = ctx.as_of - age;
    let cluster = if matches!(etype, Company | Partnership | SoleProprietorship)
        && est >= ctx.cluster_from
        && s.chance(180)
    {
        let c = ctx.clusters as u64;
        Some((s.below(ctx.clusters) as u64 * s.below(ctx.clusters) as u64 / c) as u32)
    } else {
        None
    };

    // Latent risk: heavy-tailed, raised by cluster registration, youth and some industries.
    let u = s.below(1001) as i64;
    let mut risk = (u * u * u / 1_000_000) as i32;
    if cluster.is_some() {
        risk += 180;
    }
    risk += if age < 365 {
        60
    } else if age < 730 {
        30
    } else {
        0
    };
    risk += match etype {
        Individual => -30,
        Cooperative => 60,
        Branch => -50,
        _ => 0,
    };
    risk += INDUSTRIES[ind].risk;
    let risk = risk.clamp(0, 1000);

    // Dormancy: stopped operating, still registered (zombie and shell entities).
    // Most stop within three years of registering (shells that never really operated).
    let p_dormant = 20
        + risk * risk / 3000
        + if cluster.is_some() { 80 } else { 0 }
        + if etype == Cooperative { 150 } else { 0 };
    let dormant = (age > 240 && s.chance(p_dormant)).then(|| {
        let span = if s.chance(700) {
            (age - 120).min(1100)
        } else {
            age - 120
        };
        est + 120 + s.below_i(span)
    });
    // A zombie is a risk in itself: it draws targeted checks.
    let risk = if dormant.is_some() {
        (risk.max(350) + 150).min(1000)
    } else {
        risk
    };

    // Registration status and the day it ended.
    let (status, end) = if let Some(d) = dormant {
        let idle = ctx.as_of - d;
        if idle > 540 && s.chance(if etype == Individual { 150 } else { 300 }) {
            (
                RegStatus::Revoked,
                d + 365 + s.below_i((idle - 365).min(900)),
            )
        } else if idle > 200 && s.chance(200) {
            (RegStatus::Deregistered, d + 90 + s.below_i(idle - 90))
        } else {
            (RegStatus::Active, ctx.as_of)
        }
    } else if age > 365 && s.chance(25 + 70 * age / SPAN) {
        let close = est + 180 + s.below_i(age - 180);
        if etype != Individual && s.chance(250) {
            (RegStatus::MovedOut, close)
        } else {
            (RegStatus::Deregistered, close)
        }
    } else {
        (RegStatus::Active, ctx.as_of)
    };

    // Unreachable at the registered address: many dormant entities (most of those at cluster
    // addresses), a few others that moved without registering the new address.
    let unreach = match dormant {
        Some(d) if s.chance(if cluster.is_some() { 750 } else { 350 }) => {
            episode(&mut s, d + 60, (d + 660).min(end), 100, 30, 365, end)
        }
        Some(_) => None,
        None if age > 200 && s.chance(4 + risk / 100) => {
            episode(&mut s, est + 180, end, 600, 20, 300, end)
        }
        None => None,
    };
    let false_info = if age > 365 && s.chance(3 + risk / 80) {
        episode(&mut s, est + 200, end, 500, 30, 400, end)
    } else {
        None
    };
    let instant_info = if age > 365 && s.chance(2 + risk / 200) {
        episode(&mut s, est + 200, end - 50, 600, 50, 400, end)
    } else {
        None
    };
    Base {
        i,
        etype,
        ind,
        est,
        status,
        end,
        risk,
        cluster,
        dormant,
        unreach,
        false_info,
        instant_info,
    }
}

/// One annual report row (or a report year not filed, `filed == None`).
#[derive(Clone, Copy)]
pub(crate) struct Report {
    pub year: i32,
    pub filed: Option<i32>,
}

/// The day an enterprise that has not filed the report of `year` is listed (11 July of the
/// next year: 10 days after the deadline, in one batch).
pub(crate) fn listing_day(ctx: &Ctx, year: i32) -> i32 {
    ctx.jun30(year + 1) + 11
}

/// The annual reports of an enterprise, oldest first: every year it existed in over the last
/// seven report years whose filing window has opened (a row with no filing date for a
/// report not filed).
pub(crate) fn reports(ctx: &Ctx, b: &Base, out: &mut Vec<Report>) {
    out.clear();
    let mut s = Stream::new(ctx.keys.reports, b.i as u64);
    let first = ctx.year(b.est).max(ctx.last_due - 6);
    let r = b.risk;
    // A sloppy filer is late past the listing day or misses reports; the others, when late,
    // file in the first days of July, before the listing.
    let sloppy = s.chance(6 + r * r / 14000);
    // 补报: a dormant but reachable active entity files every missing report at once.
    let revive = match b.dormant {
        Some(d) if b.status == RegStatus::Active && b.unreach.is_none() && s.chance(300) => {
            let lo = ctx.jun30(ctx.year(d) + 1) + 30;
            (lo < ctx.as_of).then(|| s.between(lo, ctx.as_of))
        }
        _ => None,
    };
    for y in first..=ctx.last_due + 1 {
        let open = ctx.jan1(y + 1);
        if open > ctx.as_of {
            break;
        }
        let due = ctx.jun30(y + 1);
        let on_time = |s: &mut Stream| due - s.below_i(181).min(s.below_i(181));
        let dormant = b.dormant.is_some_and(|d| d < open + 90);
        let filed = match (dormant, revive) {
            (true, Some(rv)) if rv <= open => Some(on_time(&mut s)),
            (true, Some(rv)) => Some(rv),
            (true, None) => None,
            (false, _) if sloppy => match s.below(100) {
                // Filed long after (补报) or never.
                0..=19 => s.chance(700).then(|| due + 60 + s.below_i(900)),
                20..=49 => Some(due + 11 + s.below_i(300)),
                50..=59 => Some(due + 1 + s.below_i(10)),
                _ => Some(on_time(&mut s)),
            },
            (false, _) => {
                if s.chance(45 + r / 10) {
                    Some(due + 1 + s.below_i(10))
                } else {
                    Some(on_time(&mut s))
                }
            }
        };
        let filed = filed.filter(|&f| f <= b.end && f <= ctx.as_of);
        if due < b.end || filed.is_some() {
            out.push(Report { year: y, filed });
        }
    }
}

/// One penalty decision with everything the kinds derive from it.
#[derive(Clone, Copy)]
pub(crate) struct Pen {
    /// Index within the enterprise (for the decision number).
    pub k: u32,
    pub date: i32,
    pub simple: bool,
    pub kinds: PenaltyKinds,
    /// Fine in 元 (0 when none).
    pub fine: u64,
    pub domain: Domain,
    pub aggravated: bool,
    pub fulfilled: bool,
    pub harm_eliminated: bool,
    /// Listed on the serious list: (listed, removed, decided by the city bureau).
    pub serious: Option<(i32, Option<i32>, bool)>,
    /// The inspection that found the violation: (date, kind, result).
    pub inspection: Option<(i32, InspectionKind, InspectionResult)>,
    /// The licence family revoked by this decision.
    pub revoked_lic: Option<Lic>,
}

fn fine_amount(s: &mut Stream, individual: bool, simple: bool, big: bool) -> u64 {
    if simple {
        return if individual {
            s.pick(&[50, 100, 200])
        } else {
            s.pick(&[200, 500, 1000, 2000, 3000])
        };
    }
    let (lo, hi, step): (u64, u64, u64) =
        match (individual, s.below(100) + if big { 60 } else { 0 }) {
            (true, 0..=59) => (500, 5_000, 100),
            (true, 60..=89) => (5_000, 20_000, 500),
            (true, _) => (20_000, 100_000, 1_000),
            (false, 0..=34) => (1_000, 10_000, 500),
            (false, 35..=69) => (10_000, 50_000, 1_000),
            (false, 70..=89) => (50_000, 200_000, 5_000),
            (false, 90..=97) => (200_000, 1_000_000, 10_000),
            (false, _) => (1_000_000, 5_000_000, 100_000),
        };
    let steps = ((hi - lo) / step) as u32;
    lo + s.below(steps + 1) as u64 * step
}

/// The heavy penalty kind for a violation in `domain`, and the licence it revokes.
fn heavy_kind(s: &mut Stream, b: &Base, domain: Domain) -> (PenaltyKind, Option<Lic>) {
    let fams: &[Lic] = match domain {
        Domain::Food => &[Lic::FoodSale, Lic::FoodProd],
        Domain::Drugs => &[Lic::Drug, Lic::Device],
        Domain::ProductQuality => &[Lic::IndProd, Lic::FoodProd],
        _ => &[],
    };
    if let Some(&fam) = fams.iter().find(|f| b.has_family(**f)) {
        if s.chance(550) {
            return (PenaltyKind::LicenceRevoked, Some(fam));
        }
    }
    let k = match (domain, s.below(10)) {
        (Domain::Food | Domain::Drugs, 0..=2) => PenaltyKind::RestrictPractice,
        (Domain::SpecialEquipment, 0..=4) => PenaltyKind::RestrictOperation,
        (_, 0..=1) => PenaltyKind::RestrictOperation,
        _ => PenaltyKind::SuspendOperation,
    };
    (k, None)
}

/// Whether a heavy penalty in this domain can lead to the serious list (Order 44).
fn serious_domain(d: Domain) -> bool {
    matches!(
        d,
        Domain::Food
            | Domain::Drugs
            | Domain::SpecialEquipment
            | Domain::ProductQuality
            | Domain::UnfairCompetition
            | Domain::Consumer
    )
}

/// The penalty decisions of an enterprise, oldest first.
pub(crate) fn penalties(ctx: &Ctx, b: &Base, out: &mut Vec<Pen>) {
    out.clear();
    let mut s = Stream::new(ctx.keys.penalties, b.i as u64);
    let r = b.risk;
    let start = (b.est + 30).max(ctx.as_of - 2191);
    let stop = b.end.min(b.dormant.map_or(i32::MAX, |d| d + 90));
    let individual = b.individual();
    if stop > start && s.chance(10 + r * r / 9000 + 2 * b.tail()) {
        let n = 1
            + (1..6)
                .take_while(|_| s.chance(200 + r / 5 + b.tail()))
                .count() as u32;
        for k in 0..n {
            let date = s.between(start, stop);
            let ind = b.industry();
            let domain = match s.below(20) {
                0..=8 => ind.domains[0],
                9..=13 => ind.domains[1],
                14..=16 => ind.domains[2],
                17 => Domain::Registration,
                18 => Domain::Price,
                _ => Domain::Advertising,
            };
            let heavy_draw = s.chance(35 + r / 25);
            let aggravated_fine = heavy_draw && s.chance(450);
            let (heavy_k, revoked_lic) = if heavy_draw && !aggravated_fine {
                let (k, l) = heavy_kind(&mut s, b, domain);
                (Some(k), l)
            } else {
                (None, None)
            };
            // A 较重行政处罚: a heavy kind or an aggravated fine.
            let heavy = heavy_draw;
            let simple = !heavy && s.chance(220);
            let mut kinds = PenaltyKinds::EMPTY;
            let mut fine = 0;
            if simple {
                if s.chance(600) {
                    kinds.insert(PenaltyKind::Warning);
                } else {
                    kinds.insert(PenaltyKind::Fine);
                    fine = fine_amount(&mut s, individual, true, false);
                }
            } else {
                let x = s.below(100);
                if x < 10 && !heavy {
                    kinds.insert(PenaltyKind::Warning);
                } else {
                    if x < 18 {
                        kinds.insert(PenaltyKind::Warning);
                    }
                    kinds.insert(PenaltyKind::Fine);
                    fine = fine_amount(&mut s, individual, false, aggravated_fine);
                    if s.chance(250) {
                        kinds.insert(PenaltyKind::Confiscation);
                    }
                    if s.chance(20) {
                        kinds.insert(PenaltyKind::Criticism);
                    }
                }
                if let Some(hk) = heavy_k {
                    kinds.insert(hk);
                }
            }
            let aggravated = aggravated_fine || (!simple && s.chance(if heavy { 400 } else { 80 }));
            let recent = ctx.as_of - date < 90;
            let fulfilled = s.chance(if recent { 450 } else { 920 - b.tail() / 2 });
            let harm_eliminated = s.chance(if fulfilled { 900 } else { 400 });
            let serious = if heavy && serious_domain(domain) && s.chance(550) {
                let listed = date + 3 + s.below_i(18);
                let city = s.chance(100);
                (listed <= ctx.as_of).then(|| {
                    let full = ctx.add_years(listed, 3);
                    let removed = if full <= ctx.as_of {
                        Some(full)
                    } else if listed + 365 < ctx.as_of && s.chance(250) {
                        Some(s.between(listed + 366, ctx.as_of))
                    } else {
                        None
                    };
                    (listed, removed, city)
                })
            } else {
                None
            };
            let inspection = if simple {
                s.chance(400).then_some((
                    date,
                    InspectionKind::Routine,
                    InspectionResult::ProblemCorrected,
                ))
            } else if s.chance(450) {
                let d = (date - 20 - s.below_i(100)).max(b.est);
                let kind = match s.below(20) {
                    0..=7 => InspectionKind::Campaign,
                    8..=14 => InspectionKind::Random,
                    _ => InspectionKind::Targeted,
                };
                let res = if s.chance(700) {
                    InspectionResult::ProblemPending
                } else {
                    InspectionResult::ProblemCorrected
                };
                Some((d, kind, res))
            } else {
                None
            };
            out.push(Pen {
                k,
                date,
                simple,
                kinds,
                fine,
                domain,
                aggravated,
                fulfilled,
                harm_eliminated,
                serious,
                inspection,
                revoked_lic,
            });
        }
    }
    // 吊销营业执照 of a dormant entity (not operating for over six months).
    if b.status == RegStatus::Revoked {
        let mut kinds = PenaltyKinds::EMPTY;
        kinds.insert(PenaltyKind::BusinessLicenceRevoked);
        out.push(Pen {
            k: 7,
            date: b.end,
            simple: false,
            kinds,
            fine: 0,
            domain: Domain::Registration,
            aggravated: false,
            fulfilled: true,
            harm_eliminated: true,
            serious: None,
            inspection: None,
            revoked_lic: None,
        });
    }
    out.sort_by_key(|p| (p.date, p.k));
}

/// One complaint or report, with the check that followed a report.
#[derive(Clone, Copy)]
pub(crate) struct Comp {
    pub date: i32,
    pub kind: ComplaintKind,
    pub substantiated: bool,
    pub on_time: bool,
    /// 投诉核查: (date, result).
    pub followup: Option<(i32, InspectionResult)>,
}

/// The complaints and reports about an enterprise over the last three years, oldest first.
pub(crate) fn complaints(ctx: &Ctx, b: &Base, out: &mut Vec<Comp>) {
    out.clear();
    let mut s = Stream::new(ctx.keys.complaints, b.i as u64);
    let start = (b.est + 7).max(ctx.as_of - 1096);
    let stop = b.end.min(b.dormant.map_or(i32::MAX, |d| d + 30));
    if stop <= start {
        return;
    }
    let r = b.risk;
    let exposure = b.industry().consumer * 45 + 15;
    let big = if b.individual() { 2200 } else { 3900 };
    let p_any = (exposure * (400 + r) / 1000 * big / 1000).min(950);
    let span = (stop - start) * 1000 / 1096;
    if !s.chance(p_any * span / 1000) {
        return;
    }
    let more = (550 + r / 3).min(880);
    let n = 1 + (1..40).take_while(|_| s.chance(more)).count();
    for _ in 0..n {
        let date = s.between(start, stop);
        let kind = if s.chance(250) {
            ComplaintKind::Report
        } else {
            ComplaintKind::Complaint
        };
        let substantiated = s.chance(120 + r * 2 / 5 + b.tail() / 2);
        let on_time = s.chance(960);
        let followup = if kind == ComplaintKind::Report && s.chance(800) {
            let d = date + 3 + s.below_i(23);
            let res = if substantiated {
                if s.chance(750) {
                    InspectionResult::ProblemCorrected
                } else {
                    InspectionResult::ProblemPending
                }
            } else if s.chance(850) {
                InspectionResult::NoProblem
            } else {
                InspectionResult::NoActivity
            };
            (d <= ctx.as_of && d <= b.end).then_some((d, res))
        } else {
            None
        };
        out.push(Comp {
            date,
            kind,
            substantiated,
            on_time,
            followup,
        });
    }
    out.sort_by_key(|c| c.date);
}
