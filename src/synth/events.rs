//! The rows of the seven record kinds other than registration.
//!
//! Each writer takes an enterprise's profile and writes its rows, oldest first. What two
//! kinds must agree on comes from the shared skeletons of [`super::profile`]; the rest is
//! drawn from the kind's own stream.

use super::out::Writer;
use super::pools::{self, Lic, BUREAU, CITY_BUREAU, DISTRICT};
use super::profile::{listing_day, Base, Comp, Ctx, Pen, Report};
use super::rng::Stream;
use crate::records::{
    CommitmentOutcome, InspectionKind, InspectionResult, LicenceStatus, ListKind, ListReason,
    Procedure, RecordKind, RegStatus,
};

/// Reusable buffers for one generator run.
#[derive(Default)]
pub(crate) struct Scratch {
    pub reports: Vec<Report>,
    pub pens: Vec<Pen>,
    pub comps: Vec<Comp>,
    insp: Vec<Insp>,
    lists: Vec<ListRow>,
    commits: Vec<CommitRow>,
    /// The district's roster, for who did each inspection.
    pub roster: Option<super::roster::Roster>,
}

fn uscc_field(w: &mut Writer, code: &[u8; 18]) {
    w.begin();
    w.push(code);
    w.end();
}

// ---------------------------------------------------------------------------------------
// 年报

pub(crate) const ANNUAL_FIELDS: &[&str] = &["uscc", "year", "filed"];

pub(crate) fn annual_reports(
    ctx: &Ctx,
    w: &mut Writer,
    b: &Base,
    code: &[u8; 18],
    sc: &mut Scratch,
) {
    super::profile::reports(ctx, b, &mut sc.reports);
    for r in &sc.reports {
        uscc_field(w, code);
        w.num(r.year as u64);
        w.opt_date(&ctx.dates, r.filed);
        w.end_row();
    }
}

// ---------------------------------------------------------------------------------------
// 行政许可

pub(crate) const LICENCE_FIELDS: &[&str] = &[
    "uscc",
    "licence_no",
    "licence_kind",
    "issued",
    "expires",
    "licence_status",
];

fn catering(b: &Base) -> bool {
    b.industry().code.starts_with("H6")
}

fn digit_sum(n: u64) -> u64 {
    let (mut n, mut s) = (n, 0);
    while n > 0 {
        s += n % 10;
        n /= 10;
    }
    s % 10
}

/// The fields of a licence row after its number.
struct Term<'a> {
    kind: &'a str,
    issued: i32,
    expires: Option<i32>,
    status: LicenceStatus,
}

fn licence_row(
    ctx: &Ctx,
    w: &mut Writer,
    code: &[u8; 18],
    number: impl FnOnce(&mut Writer),
    t: Term,
) {
    uscc_field(w, code);
    w.begin();
    number(w);
    w.end();
    w.text(t.kind);
    w.date(&ctx.dates, t.issued);
    w.opt_date(&ctx.dates, t.expires);
    w.text(t.status.zh());
    w.end_row();
}

pub(crate) fn licences(ctx: &Ctx, w: &mut Writer, b: &Base, code: &[u8; 18], sc: &mut Scratch) {
    let ind = b.industry();
    if ind.lic.is_empty() {
        return;
    }
    super::profile::penalties(ctx, b, &mut sc.pens);
    let mut s = Stream::new(ctx.kind_key(RecordKind::Licence), b.i as u64);
    let i = b.i as u64;
    let stop = b.end.min(ctx.as_of);
    let closed = b.end < ctx.as_of;
    let held = super::profile::licences_held(ctx, b);
    for (j, &(fam, _)) in ind.lic.iter().enumerate() {
        let revoked_at = sc
            .pens
            .iter()
            .find(|p| p.revoked_lic == Some(fam))
            .map(|p| p.date);
        if held & (1 << j) == 0 && revoked_at.is_none() {
            continue;
        }
        let j = j as u64;
        if fam == Lic::SpecEq {
            // One 使用登记 per device; no expiry.
            let many = ind.code.starts_with("K70");
            let n = 1 + s.below(if many { 6 } else { 2 });
            let dev = match ind.code.as_bytes()[0] {
                b'K' => "梯",
                b'F' | b'D' => "容",
                b'G' => "车",
                b'H' => s.pick(&["梯", "锅"]),
                _ => s.pick(&["起", "锅", "容", "车"]),
            };
            for k in 0..n as u64 {
                let issued = s.between(b.est + 30, stop);
                if issued > stop {
                    continue;
                }
                let status = if closed || s.chance(60) {
                    LicenceStatus::Cancelled
                } else {
                    LicenceStatus::Valid
                };
                let yy = ctx.year(issued) as u64 % 100;
                licence_row(
                    ctx,
                    w,
                    code,
                    |w| {
                        w.push_str(dev);
                        w.push_str("11鄂A");
                        w.push_padded((i * 8 + k) % 100_000, 5);
                        w.push(b"(");
                        w.push_padded(yy, 2);
                        w.push(b")");
                    },
                    Term {
                        kind: fam.zh(),
                        issued,
                        expires: None,
                        status,
                    },
                );
            }
            continue;
        }
        let mut first = b.est + 10 + s.below_i(80);
        if let Some(p) = revoked_at {
            first = first.min(p - 1).max(b.est);
        }
        if first > stop {
            continue;
        }
        if fam == Lic::FoodSale && first < ctx.reform {
            // The older 食品流通许可证 / 餐饮服务许可证, replaced by 食品经营许可证 in 2016–17.
            // Renewed every three years: the last certificate before the reform.
            let mut issued = if first > ctx.reform - 1095 || ctx.reform - 30 > stop {
                first
            } else {
                s.between(ctx.reform - 1095, ctx.reform - 30)
            };
            if let Some(p) = revoked_at {
                issued = issued.min(p - 1).max(first);
            }
            let conv = s.between(ctx.reform, ctx.reform + 800);
            let revoked_before = revoked_at.is_some_and(|p| p < conv);
            let converts = conv <= stop && b.dormant.is_none_or(|d| d > conv) && !revoked_before;
            let expires = if converts {
                conv
            } else {
                ctx.add_years(issued, 3) - 1
            };
            let status = if revoked_before {
                LicenceStatus::Revoked
            } else if converts || closed || expires < ctx.as_of {
                LicenceStatus::Cancelled
            } else {
                LicenceStatus::Valid
            };
            let cat = catering(b);
            let y = ctx.year(issued) as u64;
            licence_row(
                ctx,
                w,
                code,
                |w| {
                    if cat {
                        w.push_str("鄂餐证字");
                        w.push_u64(y);
                        w.push_str(DISTRICT);
                        w.push_padded(i % 1_000_000, 6);
                    } else {
                        w.push_str("SP");
                        w.push_str(DISTRICT);
                        w.push_padded(y % 100, 2);
                        w.push_str("10");
                        w.push_padded(i % 1_000_000, 6);
                    }
                },
                Term {
                    kind: if cat {
                        "餐饮服务许可"
                    } else {
                        "食品流通许可"
                    },
                    issued,
                    expires: Some(expires),
                    status,
                },
            );
            if !converts {
                continue;
            }
            first = conv;
        }
        // Five-year terms, renewed (延续, same number) while operating.
        let mut term = first;
        loop {
            let next = ctx.add_years(term, 5);
            if next > stop
                || b.dormant.is_some_and(|d| d < next)
                || revoked_at.is_some_and(|p| p < next)
            {
                break;
            }
            term = next;
        }
        let expires = ctx.add_years(term, 5) - 1;
        let status = if revoked_at.is_some() {
            LicenceStatus::Revoked
        } else if closed || expires < ctx.as_of {
            LicenceStatus::Cancelled
        } else if s.chance(4) {
            LicenceStatus::Withdrawn
        } else {
            LicenceStatus::Valid
        };
        let seq = i * 4 + j;
        let cat = catering(b);
        let sc_cat = match ind.code {
            "C1411" => "124",
            "C1431" => "101",
            "C1432" => "111",
            "C1524" => "106",
            _ => "131",
        };
        let year = ctx.year(term) as u64;
        let number = |w: &mut Writer| match fam {
            Lic::FoodSale => {
                w.push_str(if cat { "JY2" } else { "JY1" });
                w.push_str(DISTRICT);
                w.push_padded(seq % 1_000_000, 6);
                w.push_u64(digit_sum(seq % 1_000_000));
            }
            Lic::FoodProd => {
                w.push_str("SC");
                w.push_str(sc_cat);
                w.push_str(DISTRICT);
                w.push_padded(seq % 10_000, 4);
                w.push_u64(digit_sum(seq % 10_000));
            }
            Lic::Drug => {
                w.push_str("鄂AA027");
                w.push_padded(seq % 100_000, 5);
            }
            Lic::Device => {
                w.push_str("鄂汉市监械经营许");
                w.push_u64(year);
                w.push_padded(seq % 10_000, 4);
                w.push_str("号");
            }
            Lic::IndProd | Lic::SpecEq => {
                w.push_str("(鄂)XK16-204-");
                w.push_padded(seq % 100_000, 5);
            }
        };
        licence_row(
            ctx,
            w,
            code,
            number,
            Term {
                kind: fam.zh(),
                issued: term,
                expires: Some(expires),
                status,
            },
        );
    }
}

// ---------------------------------------------------------------------------------------
// 行政处罚

pub(crate) const PENALTY_FIELDS: &[&str] = &[
    "uscc",
    "decision_no",
    "decision_date",
    "procedure",
    "penalty_kinds",
    "fine",
    "domain",
    "aggravated",
    "fulfilled",
    "harm_eliminated",
];

pub(crate) fn penalties(ctx: &Ctx, w: &mut Writer, b: &Base, code: &[u8; 18], sc: &mut Scratch) {
    super::profile::penalties(ctx, b, &mut sc.pens);
    for p in &sc.pens {
        uscc_field(w, code);
        w.begin();
        w.push_str(if p.simple {
            "武东市监当罚〔"
        } else {
            "武东市监处罚〔"
        });
        w.push_u64(ctx.year(p.date) as u64);
        w.push_str("〕");
        w.push_u64(b.i as u64 * 8 + p.k as u64 + 1);
        w.push_str("号");
        w.end();
        w.date(&ctx.dates, p.date);
        w.text(if p.simple {
            Procedure::Simple.zh()
        } else {
            Procedure::General.zh()
        });
        w.begin();
        for (n, k) in p.kinds.iter().enumerate() {
            if n > 0 {
                w.push(b";");
            }
            w.push_str(k.zh());
        }
        w.end();
        w.begin();
        if p.fine > 0 {
            w.push_u64(p.fine);
        }
        w.end();
        w.text(p.domain.zh());
        w.yes_no(p.aggravated);
        w.yes_no(p.fulfilled);
        w.yes_no(p.harm_eliminated);
        w.end_row();
    }
}

// ---------------------------------------------------------------------------------------
// 抽查检查

pub(crate) const INSPECTION_FIELDS: &[&str] = &[
    "uscc",
    "task_id",
    "inspection_date",
    "inspection_kind",
    "result",
    "inspectors",
    "result_published",
];

#[derive(Clone, Copy)]
struct Insp {
    date: i32,
    kind: InspectionKind,
    result: InspectionResult,
    topic: u32,
    /// The day that names the task: the check's own date, the first check's for a 复查, the
    /// complaint's for a 投诉核查.
    task: i32,
}

/// The result of an inspection that no skeleton decided.
fn result_at(s: &mut Stream, b: &Base, day: i32) -> InspectionResult {
    use InspectionResult::*;
    if let Some(r) = absent_at(s, b, day) {
        return r;
    }
    let r = b.risk;
    let x = s.below(1000) as i32;
    let mut acc = 0;
    for (res, p) in [
        (NoActivity, 45 + if b.individual() { 30 } else { 0 }),
        (ProblemCorrected, 20 + r / 12 + r * r / 10000 + b.tail()),
        (ProblemPending, 5 + r / 30),
        (NotPublished, 18 + r / 25),
        (Obstruction, if r > 700 { 10 } else { 1 }),
    ] {
        acc += p;
        if x < acc {
            return res;
        }
    }
    NoProblem
}

/// The result of a check on a day the enterprise could not be met as an operating business:
/// unreachable at its address, or not operating any more.
fn absent_at(s: &mut Stream, b: &Base, day: i32) -> Option<InspectionResult> {
    use InspectionResult::*;
    if let Some((f, cured)) = b.unreach {
        if day >= f && cured.is_none_or(|c| day < c) {
            return Some(Unreachable);
        }
    }
    if b.dormant.is_some_and(|d| day >= d) {
        // Not operating; the public-information check finds its reports missing.
        return Some(match s.below(20) {
            0..=11 => NoActivity,
            12..=16 => NotPublished,
            _ => NoProblem,
        });
    }
    None
}

fn write_task(ctx: &Ctx, w: &mut Writer, b: &Base, x: &Insp) {
    w.push_str("DXH-");
    w.push_str(match x.kind {
        InspectionKind::Random => "SJ-",
        InspectionKind::Targeted => "DX-",
        InspectionKind::Campaign => "ZX-",
        InspectionKind::Complaint => "TS-",
        InspectionKind::Routine => "RC-",
    });
    if x.kind == InspectionKind::Complaint {
        let m = w.mark();
        w.push_date(&ctx.dates, x.task);
        // YYYY-MM-DD → YYYYMMDD
        let t: [u8; 10] = w.since(m).try_into().unwrap_or(*b"0000-00-00");
        w.truncate(m);
        w.push(&t[0..4]);
        w.push(&t[5..7]);
        w.push(&t[8..10]);
        w.push(b"-");
        w.push_padded(b.i as u64 % 10_000, 4);
        return;
    }
    w.push_u64(ctx.year(x.task) as u64);
    w.push(b"-");
    let m = ctx.month(x.task);
    let batch = match x.kind {
        InspectionKind::Random => (m - 1) / 2 + 1,
        InspectionKind::Routine => m,
        _ => (m - 1) / 3 + 1,
    };
    w.push_padded(batch as u64, 2);
    w.push_padded(x.topic as u64, 2);
}

pub(crate) fn inspections(ctx: &Ctx, w: &mut Writer, b: &Base, code: &[u8; 18], sc: &mut Scratch) {
    use InspectionKind::*;
    use InspectionResult::*;
    list_rows(ctx, b, sc);
    let serious: Vec<(i32, Option<i32>)> = sc
        .lists
        .iter()
        .filter(|x| x.serious)
        .map(|x| (x.listed, x.removed))
        .collect();
    super::profile::penalties(ctx, b, &mut sc.pens);
    super::profile::complaints(ctx, b, &mut sc.comps);
    let mut s = Stream::new(ctx.kind_key(RecordKind::Inspection), b.i as u64);
    let ind = b.industry();
    let v = &mut sc.insp;
    v.clear();
    let mut push = |date, kind, result, topic, task| {
        v.push(Insp {
            date,
            kind,
            result,
            topic,
            task,
        })
    };
    // Checks that the shared skeletons imply.
    if let Some((f, _)) = b.unreach {
        let k = if s.chance(600) { Random } else { Targeted };
        push(f, k, Unreachable, 5, f);
    }
    if let Some((f, _)) = b.false_info {
        push(f, Random, FalseInformation, 5, f);
    }
    if let Some((f, _)) = b.instant_info {
        push(f, Random, NotPublished, 5, f);
    }
    for p in &sc.pens {
        if let Some((d, k, res)) = p.inspection {
            push(d, k, res, pools::topic(p.domain), d);
        }
    }
    for c in &sc.comps {
        if let Some((d, res)) = c.followup {
            push(d, Complaint, res, 9, c.date);
        }
    }
    // Random, targeted, campaign and routine checks over the last five years.
    let start = (b.est + 14).max(ctx.as_of - 1826);
    let stop = b.end;
    if stop > start {
        let frac = (stop - start) as i64 * 1000 / 1826;
        // Riskier entities are drawn more often (targeted and campaign checks).
        let r = b.risk as i64;
        let mean = 1450 * (450 + r / 2 + r * r / 2500) / 600 * frac / 1000;
        let n = s.binomial(6, (mean / 6) as i32);
        for _ in 0..n {
            let d = s.between(start, stop);
            let kind = match s.below(100) {
                0..=61 => Random,
                62..=73 => Targeted,
                74..=89 => Campaign,
                _ => Routine,
            };
            let topic = if kind == Random && s.chance(600) {
                5
            } else {
                pools::topic(s.pick(&ind.domains))
            };
            let result = result_at(&mut s, b, d);
            push(d, kind, result, topic, d);
        }
    }
    // 日常监督检查 of licensed food and drug businesses over the last five years: producers
    // about once a year, shops and restaurants about once in three, riskier ones more often.
    // They stop when the licence is revoked, or a while after the business stopped operating.
    let held = super::profile::licences_held(ctx, b);
    let family = ind
        .lic
        .iter()
        .enumerate()
        .find(|(j, (f, _))| held & (1 << j) != 0 && *f != Lic::SpecEq && *f != Lic::IndProd)
        .map(|(_, (f, _))| *f);
    if let Some(fam) = family {
        let start = (b.est + 100).max(ctx.as_of - 1826);
        let revoked = sc
            .pens
            .iter()
            .find(|p| p.revoked_lic == Some(fam))
            .map_or(i32::MAX, |p| p.date);
        let stop = b
            .end
            .min(b.dormant.map_or(i32::MAX, |d| d + 180))
            .min(revoked);
        if stop > start {
            let frac = (stop - start) as i64 * 1000 / 1826;
            let per_year = match fam {
                Lic::FoodProd => 700,
                Lic::Drug | Lic::Device => 450,
                _ => 210 + b.risk / 4,
            } as i64;
            let topic = pools::topic(match fam {
                Lic::Drug | Lic::Device => crate::records::Domain::Drugs,
                _ => crate::records::Domain::Food,
            });
            for _ in 0..s.binomial(5, (per_year * frac / 1000) as i32) {
                let d = s.between(start, stop);
                let result = result_at(&mut s, b, d);
                push(d, Routine, result, topic, d);
            }
        }
    }
    // 重点监管 of an enterprise on the serious list (Order 44 第十五条: higher inspection
    // frequency), whether listed after a heavy penalty or moved there from the abnormal list:
    // about three targeted checks every two years while it is listed, from a month after the
    // listing, with the results its latent risk (or its dormancy) gives. From a stream of its
    // own, so an enterprise never on the serious list has the checks it had without them.
    let mut key = Stream::new(ctx.keys.key_supervision, b.i as u64);
    for &(listed, removed) in &serious {
        let from = listed + 30;
        let until = removed.unwrap_or(i32::MAX).min(b.end).min(ctx.as_of);
        if until <= from {
            continue;
        }
        let days = (until - from) as i64;
        // 1.5 checks a year: six trials of 250‰ per 365 days (at most 1000‰).
        let per_mille = (days * 250 / 365).min(1000) as i32;
        for _ in 0..key.binomial(6, per_mille) {
            let d = key.between(from, until);
            let result = result_at(&mut key, b, d);
            push(d, Targeted, result, 5, d);
        }
    }
    // A random draw that met a closed entity.
    if b.end < ctx.as_of && s.chance(60) {
        let d = s.between(b.end + 1, ctx.as_of);
        push(d, Random, Closed, 5, d);
    }
    // 复查: most checks that ordered a correction are followed by a re-check of the same task
    // after the deadline; most find the problem corrected. (A 投诉核查 closes the complaint.)
    for k in 0..v.len() {
        let x = v[k];
        if x.result != ProblemCorrected || x.kind == Complaint || !s.chance(700) {
            continue;
        }
        let d = x.date + 20 + s.below_i(60);
        if d > b.end || d > ctx.as_of {
            continue;
        }
        let result = match absent_at(&mut s, b, d) {
            Some(r) => r,
            None if s.chance(880 - b.risk / 5 - b.tail()) => NoProblem,
            None => ProblemPending,
        };
        v.push(Insp {
            date: d,
            result,
            ..x
        });
    }
    v.sort_by_key(|x| x.date);
    // Who did each check, and when its result was published: from streams of their own, so
    // the other fields are as without.
    let mut who = Stream::new(ctx.keys.history, b.i as u64);
    let mut public = Stream::new(ctx.keys.published, b.i as u64);
    for x in v.iter() {
        uscc_field(w, code);
        w.begin();
        write_task(ctx, w, b, x);
        w.end();
        w.date(&ctx.dates, x.date);
        w.text(x.kind.zh());
        w.text(x.result.zh());
        match &sc.roster {
            Some(r) => r.write_pair(&mut who, w, b.i, x.topic),
            None => w.text(""),
        }
        // Most results are published within a month (20 working days), some late, a few
        // not at all; none after the as-of date.
        let delay = match public.below(1000) {
            0..=929 => 2 + public.below_i(24),
            930..=969 => 30 + public.below_i(45),
            _ => i32::MAX,
        };
        match x.date.checked_add(delay) {
            Some(p) if p <= ctx.as_of => w.date(&ctx.dates, p),
            _ => w.text(""),
        }
        w.end_row();
    }
}

// ---------------------------------------------------------------------------------------
// 名单

pub(crate) const LIST_FIELDS: &[&str] = &[
    "uscc",
    "list",
    "reason",
    "listed_date",
    "removed_date",
    "authority",
];

#[derive(Clone, Copy)]
struct ListRow {
    serious: bool,
    reason: ListReason,
    listed: i32,
    removed: Option<i32>,
    city: bool,
}

/// The list entries of an enterprise, into `sc.lists`, by listing date (serious after abnormal
/// on one day). The inspection generator reads them too (the checks of 重点监管).
fn list_rows(ctx: &Ctx, b: &Base, sc: &mut Scratch) {
    super::profile::reports(ctx, b, &mut sc.reports);
    super::profile::penalties(ctx, b, &mut sc.pens);
    let mut s = Stream::new(ctx.kind_key(RecordKind::ListEntry), b.i as u64);
    let v = &mut sc.lists;
    v.clear();
    let abnormal = |reason, listed, removed| ListRow {
        serious: false,
        reason,
        listed,
        removed,
        city: false,
    };
    let removal = |s: &mut Stream, cure: i32| {
        let d = cure + 1 + s.below_i(5);
        (d <= ctx.as_of).then_some(d)
    };
    // No annual report: listed on 11 July after a missed deadline unless already listed for
    // it; removed once every outstanding report is filed.
    let mut open: Option<(i32, i32)> = None;
    for r in sc.reports.iter() {
        let listed = listing_day(ctx, r.year);
        if listed > ctx.as_of || listed > b.end {
            continue;
        }
        if let Some((ld, cure)) = open {
            if cure < listed - 6 {
                let rm = removal(&mut s, cure);
                v.push(abnormal(ListReason::NoAnnualReport, ld, rm));
                open = None;
            }
        }
        let f = r.filed.unwrap_or(i32::MAX);
        if f > listed {
            open = Some(match open {
                Some((ld, cure)) => (ld, cure.max(f)),
                None => (listed, f),
            });
        }
    }
    if let Some((ld, cure)) = open {
        let rm = if cure == i32::MAX {
            None
        } else {
            removal(&mut s, cure)
        };
        v.push(abnormal(ListReason::NoAnnualReport, ld, rm));
    }
    // Unreachable, false information, information not published after an order.
    for (ep, reason, lag, spread) in [
        (b.unreach, ListReason::Unreachable, 5, 10),
        (b.false_info, ListReason::FalseInformation, 10, 10),
        (b.instant_info, ListReason::InstantInfo, 30, 15),
    ] {
        if let Some((f, cured)) = ep {
            let listed = f + lag + s.below_i(spread);
            // From Order 101 false information no longer lists an enterprise (individual
            // businesses still are, for a false annual report).
            let lapsed =
                reason == ListReason::FalseInformation && !b.individual() && listed >= ctx.order101;
            if listed <= ctx.as_of && listed <= b.end && !lapsed {
                let rm = cured.and_then(|c| removal(&mut s, c));
                v.push(abnormal(reason, listed, rm));
            }
        }
    }
    // Listed for three years without cure: moved to the serious list while the 2014 条例
    // moved them (3 years complete before `transfer_abolished`); not individual businesses.
    if !b.individual() && b.status == RegStatus::Active {
        let oldest = v
            .iter_mut()
            .filter(|x| x.removed.is_none())
            .min_by_key(|x| x.listed);
        if let Some(x) = oldest {
            let due = ctx.add_years(x.listed, 3);
            let moved = due + 1 + s.below_i(20);
            if moved <= ctx.as_of && due < ctx.transfer_abolished && s.chance(250) {
                x.removed = Some(moved);
                v.push(ListRow {
                    serious: true,
                    reason: ListReason::AbnormalThreeYears,
                    listed: moved,
                    removed: None,
                    city: false,
                });
            }
        }
    }
    for p in &sc.pens {
        if let Some((listed, removed, city)) = p.serious {
            v.push(ListRow {
                serious: true,
                reason: ListReason::HeavyPenalty,
                listed,
                removed,
                city,
            });
        }
    }
    v.sort_by_key(|x| (x.listed, x.serious));
}

pub(crate) fn list_entries(ctx: &Ctx, w: &mut Writer, b: &Base, code: &[u8; 18], sc: &mut Scratch) {
    list_rows(ctx, b, sc);
    for x in sc.lists.iter() {
        uscc_field(w, code);
        w.text(if x.serious {
            ListKind::Serious.zh()
        } else if b.individual() {
            "标记经营异常状态"
        } else {
            ListKind::Abnormal.zh()
        });
        w.text(x.reason.zh());
        w.date(&ctx.dates, x.listed);
        w.opt_date(&ctx.dates, x.removed);
        w.text(if x.city { CITY_BUREAU } else { BUREAU });
        w.end_row();
    }
}

// ---------------------------------------------------------------------------------------
// 告知承诺

pub(crate) const COMMITMENT_FIELDS: &[&str] = &[
    "uscc",
    "item",
    "committed_date",
    "due_date",
    "verified_date",
    "outcome",
];

#[derive(Clone, Copy)]
struct CommitRow {
    item: &'static str,
    committed: i32,
    due: i32,
    verified: Option<i32>,
    outcome: CommitmentOutcome,
}

fn verdict(s: &mut Stream, b: &Base) -> CommitmentOutcome {
    if s.chance(15 + b.risk * b.risk / 8000 + b.tail()) {
        if s.chance(700) {
            CommitmentOutcome::Broken
        } else {
            CommitmentOutcome::False
        }
    } else {
        CommitmentOutcome::Kept
    }
}

/// Verification of a commitment made on `c` and due on `due`: most are verified by the due
/// date; a few are verified early; the rest are pending.
fn verify(
    s: &mut Stream,
    ctx: &Ctx,
    b: &Base,
    c: i32,
    due: i32,
) -> (Option<i32>, CommitmentOutcome) {
    if due <= ctx.as_of {
        if s.chance(960) {
            let v = s.between(c + 15, due);
            return (Some(v), verdict(s, b));
        }
    } else if c + 15 <= ctx.as_of && s.chance(250) {
        let v = s.between(c + 15, ctx.as_of);
        return (Some(v), verdict(s, b));
    }
    (None, CommitmentOutcome::Pending)
}

pub(crate) fn commitments(ctx: &Ctx, w: &mut Writer, b: &Base, code: &[u8; 18], sc: &mut Scratch) {
    use crate::records::EntityType::*;
    super::profile::penalties(ctx, b, &mut sc.pens);
    let mut s = Stream::new(ctx.kind_key(RecordKind::Commitment), b.i as u64);
    let v = &mut sc.commits;
    v.clear();
    let start = b.est.max(ctx.promise_from);
    let stop = b.end.min(b.dormant.unwrap_or(i32::MAX)).min(ctx.as_of);
    let on_serious = |d: i32| {
        sc.pens.iter().any(|p| {
            p.serious
                .is_some_and(|(l, r, _)| d >= l && r.is_none_or(|r| d < r))
        })
    };
    // 住所(经营场所)申报承诺 at registration; false when the address proves unreachable.
    if b.etype != Individual
        && b.est >= ctx.promise_from
        && b.est <= stop
        && s.chance(if b.cluster.is_some() { 900 } else { 350 })
    {
        let c = b.est;
        let due = c + 180;
        let (verified, outcome) = match b.unreach {
            Some((f, _)) if f <= due + 365 => (Some(f), CommitmentOutcome::False),
            _ => verify(&mut s, ctx, b, c, due),
        };
        v.push(CommitRow {
            item: pools::ITEM_ADDRESS,
            committed: c,
            due,
            verified,
            outcome,
        });
    }
    // 告知承诺 for licences and certificates.
    // Rates per 8 years of the 告知承诺 era, scaled to the entity's time in it.
    let p = match b.etype {
        Individual => 90,
        Cooperative => 70,
        _ => 220,
    };
    let era = (ctx.as_of - ctx.promise_from).max(1) as i64;
    let p = (p as i64 * ((stop - start).max(0) as i64).min(era) / era) as i32;
    for _ in 0..s.binomial(4, p) {
        if stop <= start {
            break;
        }
        let c = s.between(start, stop);
        if on_serious(c) {
            continue;
        }
        let item = if b.has_family(Lic::FoodSale) && s.chance(700) {
            pools::ITEM_FOOD_SALE
        } else if b.has_family(Lic::FoodProd) && s.chance(700) {
            pools::ITEM_FOOD_PROD
        } else if b.has_family(Lic::IndProd) && s.chance(700) {
            pools::ITEM_IND_PROD
        } else {
            pools::ITEM_PROOF
        };
        let due = c + s.pick(&[60, 90, 180]);
        let (verified, outcome) = verify(&mut s, ctx, b, c, due);
        v.push(CommitRow {
            item,
            committed: c,
            due,
            verified,
            outcome,
        });
    }
    // 信用修复承诺 after a fulfilled penalty.
    for p in &sc.pens {
        if p.simple || !p.fulfilled || p.kinds.warning_only() || p.date + 180 > ctx.as_of {
            continue;
        }
        if p.date + 90 > stop || !s.chance(300) {
            continue;
        }
        let c = s.between(p.date + 90, (p.date + 720).min(stop));
        let due = c + 180;
        let (verified, outcome) = verify(&mut s, ctx, b, c, due);
        v.push(CommitRow {
            item: pools::ITEM_REPAIR,
            committed: c,
            due,
            verified,
            outcome,
        });
    }
    v.sort_by_key(|x| x.committed);
    for x in v.iter() {
        uscc_field(w, code);
        w.text(x.item);
        w.date(&ctx.dates, x.committed);
        w.date(&ctx.dates, x.due);
        w.opt_date(&ctx.dates, x.verified);
        w.text(x.outcome.zh());
        w.end_row();
    }
}

// ---------------------------------------------------------------------------------------
// 投诉举报

pub(crate) const COMPLAINT_FIELDS: &[&str] = &[
    "uscc",
    "complaint_date",
    "complaint_kind",
    "substantiated",
    "on_time",
];

pub(crate) fn complaints(ctx: &Ctx, w: &mut Writer, b: &Base, code: &[u8; 18], sc: &mut Scratch) {
    super::profile::complaints(ctx, b, &mut sc.comps);
    for c in &sc.comps {
        uscc_field(w, code);
        w.date(&ctx.dates, c.date);
        w.text(c.kind.zh());
        w.yes_no(c.substantiated);
        w.yes_no(c.on_time);
        w.end_row();
    }
}
