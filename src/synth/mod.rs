//! The synthetic district: a reproducible set of record files for demos, tests and benchmarks.
//!
//! The district is modelled on 武汉市东西湖区 (about 130,000 market entities): its real 街道,
//! USCCs valid under GB 32100 with the district code `420112`, Chinese names, GB/T 4754
//! industries, a few hundred cluster-registration addresses shared by many entities, and a
//! record mix close to a real bureau's (about ten records per entity over the eight kinds,
//! registration included: seven years of annual reports, inspections with their follow-ups
//! and the routine checks of licensed food and drug businesses, complaints, licences…).
//!
//! # How it is built
//! Enterprise `i` has a latent profile (type, industry, establishment, status, latent risk,
//! dormancy, address trouble) drawn from its own random stream. Every kind is generated
//! independently, one enterprise at a time, by recomputing the profile and, where two kinds
//! must agree, the shared event skeleton (annual reports, penalties, complaints, licences
//! held) from their streams; anything else comes from the kind's own stream. So the files
//! agree with one another: an abnormal-list entry for a missing annual report coincides with
//! that report missing (or filed after the listing) and is removed when it is filed; a
//! serious-list entry follows a heavy penalty (or three years on the abnormal list); an
//! inspection that found the enterprise unreachable is followed by a listing for it; a revoked
//! licence has its penalty; a 复查 follows a check that ordered a correction.
//!
//! The latent risk drives the rates of every negative event, so most enterprises are clean
//! and a minority collect several negative records, and the results of inspections can be
//! learned from the other records.
//!
//! # Outcomes depend on earlier records
//! The latent risk does not change over time: an enterprise's penalties, inspections and their
//! results, complaints, late reports and listings are all drawn, year after year, from the same
//! risk (and its dormancy). So what happens after a date T follows what the records showed by
//! T, and a backtest of the classes as of T against the events after T (docs/RULES.md §18)
//! finds them ordered. One feedback is modelled on top: an enterprise on the serious list —
//! after a heavy penalty or moved there from the abnormal list — is under 重点监管 (Order 44
//! 第十五条: higher inspection frequency), about three extra targeted checks every two years
//! while listed, whose results its risk decides. The more a class is inspected, the more of its
//! problems are found: a backtest measures that too.
//!
//! # Reproducibility
//! Streams are keyed from the seed text through [`crate::seed::rng`]; the draws use integer
//! arithmetic only (no floating point, no hash-map order, no clock). The same parameters give
//! byte-identical files on every platform, WebAssembly included.
//!
//! # Planning inputs
//! The district also has an inspector roster and an item list ([`RecordKind::PLANNING`]), and
//! its inspections name the two inspectors who did each (column 检查人员). They come from
//! streams of their own: every other field of every file is the same as without them.
//!
//! # Output
//! UTF-8 without BOM, a header row of the Chinese headers of all the kind's columns (in
//! [`RecordKind::columns`] order), `\n` line ends, RFC 4180 quoting where a field needs it,
//! dates `YYYY-MM-DD`, booleans `是`/`否`, penalty kinds joined with `;`, empty cells for
//! missing values. No event is dated after `as_of` (expiry and due dates may be later).

mod events;
mod out;
mod pools;
mod profile;
mod registration;
mod rng;
mod roster;

use crate::date::Date;
use crate::progress::{Cancelled, Progress, Throttled};
use crate::records::RecordKind;
use events::Scratch;
use profile::Ctx;

/// Parameters of a synthetic district.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthParams {
    /// Number of market entities (at most 31⁶ ≈ 887 million keep their USCCs unique).
    pub enterprises: usize,
    /// Seed text: the same seed gives the same district.
    pub seed: String,
    /// The date the data runs up to: nothing is dated after it.
    pub as_of: Date,
}

/// The fields each kind's writer fills, in writing order, and bytes per enterprise to reserve.
fn layout(kind: RecordKind) -> (&'static [&'static str], usize) {
    match kind {
        RecordKind::Registration => (registration::FIELDS, 185),
        RecordKind::AnnualReport => (events::ANNUAL_FIELDS, 185),
        RecordKind::Licence => (events::LICENCE_FIELDS, 60),
        RecordKind::Penalty => (events::PENALTY_FIELDS, 14),
        RecordKind::Inspection => (events::INSPECTION_FIELDS, 185),
        RecordKind::ListEntry => (events::LIST_FIELDS, 20),
        RecordKind::Commitment => (events::COMMITMENT_FIELDS, 50),
        RecordKind::Complaint => (events::COMPLAINT_FIELDS, 52),
        // Written whole, not per enterprise (see `generate_with`).
        RecordKind::Inspector => (roster::INSPECTOR_FIELDS, 0),
        RecordKind::Item => (roster::ITEM_FIELDS, 0),
    }
}

/// The number of inspectors of the roster generated for `enterprises` enterprises: one per
/// 600, at least 4.
pub fn roster_size(enterprises: usize) -> usize {
    roster::inspector_count(enterprises.min(u32::MAX as usize) as u32) as usize
}

/// Generates one kind into `buf` (cleared first; its allocation is reused).
fn generate_with(
    ctx: &Ctx,
    kind: RecordKind,
    progress: &mut dyn Progress,
    buf: Vec<u8>,
) -> Result<Vec<u8>, Cancelled> {
    let n = ctx.n as usize;
    let (fields, per) = layout(kind);
    // Reserve the expected size (capped: the buffer grows past it if needed).
    let reserve = n.saturating_mul(per).min(1 << 30) + 512;
    let mut w = out::Writer::reusing(kind, fields, reserve, buf);
    let stage = format!("generate:{}", kind.file_name());
    let mut ticker = Throttled::new(progress);
    ticker.tick(&stage, 0, n)?;
    let mut sc = Scratch::default();
    match kind {
        RecordKind::Inspector => {
            w.reserve(roster::inspector_count(ctx.n) as usize * 120);
            roster::write_roster(ctx, &mut w, &roster::roster(ctx));
            ticker.tick(&stage, n, n)?;
            return Ok(w.finish());
        }
        RecordKind::Item => {
            w.reserve(roster::item_count() * 300);
            roster::write_items(&mut w);
            ticker.tick(&stage, n, n)?;
            return Ok(w.finish());
        }
        RecordKind::Inspection => sc.roster = Some(roster::roster(ctx)),
        _ => {}
    }
    let mut names = registration::NameSet::default();
    if kind == RecordKind::Registration {
        names.reserve(n);
    }
    for i in 0..ctx.n {
        if i % 2048 == 0 && i > 0 {
            ticker.tick(&stage, i as usize, n)?;
        }
        let b = profile::base(ctx, i);
        let write = match kind {
            RecordKind::Registration => {
                registration::write(ctx, &mut w, &b, &mut names);
                continue;
            }
            RecordKind::AnnualReport => events::annual_reports,
            RecordKind::Licence => events::licences,
            RecordKind::Penalty => events::penalties,
            RecordKind::Inspection => events::inspections,
            RecordKind::ListEntry => events::list_entries,
            RecordKind::Commitment => events::commitments,
            RecordKind::Complaint => events::complaints,
            // Written whole above.
            RecordKind::Inspector | RecordKind::Item => break,
        };
        write(ctx, &mut w, &b, &registration::uscc(ctx, &b), &mut sc);
    }
    ticker.tick(&stage, n, n)?;
    Ok(w.finish())
}

/// Generates the CSV file of one record kind: UTF-8, no BOM, header row of the Chinese headers
/// (`Column::zh`) of ALL the kind's columns in `kind.columns()` order, `\n` line ends, RFC 4180
/// quoting where needed.
///
/// Each kind is generated on its own and agrees with the others generated from the same
/// parameters. Progress is reported under the stage `generate:<file name>`; a progress
/// receiver that returns `Err(Cancelled)` stops the generation, which returns `Err(Cancelled)`.
pub fn generate_csv(
    params: &SynthParams,
    kind: RecordKind,
    progress: &mut dyn Progress,
) -> Result<Vec<u8>, Cancelled> {
    let ctx = Ctx::new(params.enterprises, &params.seed, params.as_of);
    generate_with(&ctx, kind, progress, Vec::new())
}

/// Maps a kind's progress into its share of the whole.
#[cfg(not(target_arch = "wasm32"))]
struct Share<'a> {
    inner: &'a mut dyn Progress,
    k: usize,
}

#[cfg(not(target_arch = "wasm32"))]
impl Progress for Share<'_> {
    fn report(&mut self, stage: &str, fraction: f64) -> Result<(), Cancelled> {
        let n = RecordKind::EVERY.len() as f64;
        self.inner.report(stage, (self.k as f64 + fraction) / n)
    }
}

/// Writes every kind — the eight record kinds, the roster and the item list
/// ([`RecordKind::EVERY`]) — as `<dir>/<kind.file_name()>` (creating `dir` when needed) and
/// returns the number of bytes written. Cancelling through `progress` stops with an error of
/// kind [`std::io::ErrorKind::Interrupted`].
#[cfg(not(target_arch = "wasm32"))]
pub fn write_dir(
    params: &SynthParams,
    dir: &std::path::Path,
    progress: &mut dyn Progress,
) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let ctx = Ctx::new(params.enterprises, &params.seed, params.as_of);
    let mut total = 0u64;
    let mut buf = Vec::new();
    for (k, kind) in RecordKind::EVERY.into_iter().enumerate() {
        let mut share = Share { inner: progress, k };
        buf = generate_with(&ctx, kind, &mut share, buf)
            .map_err(|c| std::io::Error::new(std::io::ErrorKind::Interrupted, c))?;
        std::fs::write(dir.join(kind.file_name()), &buf)?;
        total += buf.len() as u64;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_date;
    use crate::progress::NoProgress;
    use crate::records::{InspectionResult, ListReason, PenaltyKind, PenaltyKinds};
    use crate::uscc::Uscc;
    use chrono::Datelike;
    use rustc_hash::{FxHashMap, FxHashSet};

    fn params(n: usize, seed: &str) -> SynthParams {
        SynthParams {
            enterprises: n,
            seed: seed.into(),
            as_of: Date::from_ymd_opt(2026, 11, 28).unwrap(),
        }
    }

    /// One parsed file: rows of text fields, with column lookup by key.
    struct File {
        kind: RecordKind,
        rows: Vec<Vec<String>>,
    }

    impl File {
        fn col(&self, key: &str) -> usize {
            self.kind
                .columns()
                .iter()
                .position(|c| c.key == key)
                .unwrap_or_else(|| panic!("{key}"))
        }
        fn by_uscc(&self) -> FxHashMap<&str, Vec<&Vec<String>>> {
            let mut m: FxHashMap<&str, Vec<&Vec<String>>> = FxHashMap::default();
            for r in &self.rows {
                m.entry(r[0].as_str()).or_default().push(r);
            }
            m
        }
    }

    fn parse(kind: RecordKind, bytes: &[u8]) -> File {
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
        assert!(!bytes.contains(&b'\r'));
        assert!(std::str::from_utf8(bytes).is_ok());
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(bytes);
        let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
        let want: Vec<&str> = kind.columns().iter().map(|c| c.zh).collect();
        assert_eq!(header, want, "{kind:?} header");
        let rows: Vec<Vec<String>> = rd
            .records()
            .map(|r| {
                let r = r.unwrap();
                assert_eq!(r.len(), want.len(), "{kind:?} row {r:?}");
                r.iter().map(String::from).collect()
            })
            .collect();
        File { kind, rows }
    }

    fn district(p: &SynthParams) -> Vec<File> {
        RecordKind::ALL
            .into_iter()
            .map(|k| parse(k, &generate_csv(p, k, &mut NoProgress).unwrap()))
            .collect()
    }

    fn date(s: &str) -> Date {
        parse_date(s).unwrap_or_else(|| panic!("bad date {s:?}"))
    }

    #[test]
    fn same_params_same_bytes_other_seed_other_bytes() {
        let p = params(3000, "demo");
        let q = params(3000, "other");
        for kind in RecordKind::ALL {
            let a = generate_csv(&p, kind, &mut NoProgress).unwrap();
            let b = generate_csv(&p, kind, &mut NoProgress).unwrap();
            let c = generate_csv(&q, kind, &mut NoProgress).unwrap();
            assert_eq!(a, b, "{kind:?}");
            assert_ne!(a, c, "{kind:?}");
        }
    }

    #[test]
    fn roster_and_items_are_reproducible_and_the_roster_follows_the_seed() {
        let p = params(6000, "demo");
        let q = params(6000, "other");
        for kind in RecordKind::PLANNING {
            let a = generate_csv(&p, kind, &mut NoProgress).unwrap();
            assert_eq!(a, generate_csv(&p, kind, &mut NoProgress).unwrap());
            let f = parse(kind, &a);
            let ids: FxHashSet<&str> = f.rows.iter().map(|r| r[0].as_str()).collect();
            assert_eq!(ids.len(), f.rows.len(), "{kind:?} ids are unique");
        }
        let roster = |p| generate_csv(p, RecordKind::Inspector, &mut NoProgress).unwrap();
        assert_ne!(roster(&p), roster(&q));
        assert_eq!(parse(RecordKind::Inspector, &roster(&p)).rows.len(), 10);
        // An empty district still has its roster and list, and no one to avoid.
        let e = parse(
            RecordKind::Inspector,
            &generate_csv(&params(0, "x"), RecordKind::Inspector, &mut NoProgress).unwrap(),
        );
        assert_eq!(e.rows.len(), 4);
        assert!(e.rows.iter().all(|r| r[e.col("conflicts")].is_empty()));
    }

    #[test]
    fn empty_district_has_headers_only() {
        for kind in RecordKind::ALL {
            let f = parse(
                kind,
                &generate_csv(&params(0, "x"), kind, &mut NoProgress).unwrap(),
            );
            assert!(f.rows.is_empty());
        }
    }

    #[test]
    fn usccs_valid_unique_and_shared_by_all_kinds() {
        let p = params(20_000, "uscc");
        let files = district(&p);
        let reg = &files[0];
        let mut seen = FxHashSet::default();
        for r in &reg.rows {
            let u = Uscc::parse(&r[0]).unwrap_or_else(|e| panic!("{}: {e}", r[0]));
            assert_eq!(&r[0][2..8], "420112");
            assert!(seen.insert(u), "duplicate {}", r[0]);
        }
        assert_eq!(seen.len(), 20_000);
        for f in &files[1..] {
            for r in &f.rows {
                assert!(
                    seen.contains(&Uscc::parse(&r[0]).unwrap()),
                    "{:?} {}",
                    f.kind,
                    r[0]
                );
            }
        }
        // Names are unique; categories match the entity type.
        let names: FxHashSet<&str> = reg
            .rows
            .iter()
            .map(|r| r[reg.col("name")].as_str())
            .collect();
        assert_eq!(names.len(), reg.rows.len());
        for r in &reg.rows {
            let t = crate::records::EntityType::parse(&r[reg.col("entity_type")]).unwrap();
            let cat = r[0].as_bytes()[1];
            match t {
                crate::records::EntityType::Individual => assert_eq!(cat, b'2'),
                crate::records::EntityType::Cooperative => assert_eq!(cat, b'3'),
                _ => assert_eq!(cat, b'1'),
            }
        }
    }

    #[test]
    fn every_field_parses_and_nothing_is_dated_after_as_of() {
        check_fields_and_dates(&params(10_000, "dates"));
    }

    #[test]
    fn odd_as_of_dates_work_too() {
        for as_of in ["2026-03-15", "2016-01-01", "2001-06-30", "2000-02-29"] {
            let p = SynthParams {
                as_of: date(as_of),
                ..params(3000, as_of)
            };
            check_fields_and_dates(&p);
        }
    }

    fn check_fields_and_dates(p: &SynthParams) {
        let files = district(p);
        let reg = &files[0];
        let est: FxHashMap<&str, Date> = reg
            .rows
            .iter()
            .map(|r| (r[0].as_str(), date(&r[reg.col("established")])))
            .collect();
        let event_cols = [
            "established",
            "filed",
            "issued",
            "decision_date",
            "inspection_date",
            "listed_date",
            "removed_date",
            "committed_date",
            "verified_date",
            "complaint_date",
        ];
        for f in &files {
            for key in event_cols {
                let Some(c) = f.kind.columns().iter().position(|x| x.key == key) else {
                    continue;
                };
                for r in &f.rows {
                    if r[c].is_empty() {
                        continue;
                    }
                    let d = date(&r[c]);
                    assert!(d <= p.as_of, "{:?} {key} {d} after as_of", f.kind);
                    assert!(
                        d >= est[r[0].as_str()],
                        "{:?} {key} {d} before establishment",
                        f.kind
                    );
                }
            }
            for key in ["expires", "due_date"] {
                if let Some(c) = f.kind.columns().iter().position(|x| x.key == key) {
                    for r in f.rows.iter().filter(|r| !r[c].is_empty()) {
                        date(&r[c]);
                    }
                }
            }
        }
        // Vocabularies parse with the crate's own parsers.
        use crate::records::*;
        for r in &reg.rows {
            assert!(RegStatus::parse(&r[reg.col("status")]).is_some());
            assert!(!r[reg.col("region")].is_empty() && !r[reg.col("address")].is_empty());
            let cap = &r[reg.col("capital")];
            assert!(cap.is_empty() || cap.parse::<f64>().is_ok(), "{cap}");
        }
        let pen = &files[3];
        for r in &pen.rows {
            assert!(Procedure::parse(&r[pen.col("procedure")]).is_some());
            let k = PenaltyKinds::parse(&r[pen.col("penalty_kinds")]).unwrap();
            assert!(!k.is_empty());
            assert_eq!(
                k.contains(PenaltyKind::Fine),
                !r[pen.col("fine")].is_empty()
            );
            assert!(Domain::parse(&r[pen.col("domain")]).is_some());
            for c in ["aggravated", "fulfilled", "harm_eliminated"] {
                assert!(parse_bool(&r[pen.col(c)]).is_some());
            }
        }
        let lic = &files[2];
        for r in &lic.rows {
            assert!(LicenceStatus::parse(&r[lic.col("licence_status")]).is_some());
        }
        let ins = &files[4];
        for r in &ins.rows {
            assert!(InspectionKind::parse(&r[ins.col("inspection_kind")]).is_some());
            assert!(InspectionResult::parse(&r[ins.col("result")]).is_some());
        }
        let lst = &files[5];
        for r in &lst.rows {
            assert!(ListKind::parse(&r[lst.col("list")]).is_some());
            assert!(ListReason::parse(&r[lst.col("reason")]).is_some());
            let rm = &r[lst.col("removed_date")];
            assert!(rm.is_empty() || date(rm) > date(&r[lst.col("listed_date")]));
        }
        let com = &files[6];
        for r in &com.rows {
            let o = CommitmentOutcome::parse(&r[com.col("outcome")]).unwrap();
            assert_eq!(
                o == CommitmentOutcome::Pending,
                r[com.col("verified_date")].is_empty()
            );
        }
        let cpl = &files[7];
        for r in &cpl.rows {
            assert!(ComplaintKind::parse(&r[cpl.col("complaint_kind")]).is_some());
        }
    }

    #[test]
    fn kinds_agree_with_one_another() {
        check_consistency(&params(30_000, "consistency"));
        // Inside a filing window (1 January – 30 June).
        check_consistency(&SynthParams {
            as_of: date("2026-03-15"),
            ..params(10_000, "spring")
        });
    }

    fn check_consistency(p: &SynthParams) {
        let files = district(p);
        let (reg, ann, lic, pen, ins, lst, _, cpl) = (
            &files[0], &files[1], &files[2], &files[3], &files[4], &files[5], &files[6], &files[7],
        );
        let pens = pen.by_uscc();
        let lists = lst.by_uscc();
        let rules = crate::policy::RulesPolicy::default().abnormal;
        let entity: FxHashMap<&str, crate::records::EntityType> = reg
            .rows
            .iter()
            .map(|r| {
                let t = crate::records::EntityType::parse(&r[reg.col("entity_type")]).unwrap();
                (r[0].as_str(), t)
            })
            .collect();
        let reports = ann.by_uscc();
        let insps = ins.by_uscc();
        let cpls = cpl.by_uscc();
        let heavy = |r: &Vec<String>| {
            let k = PenaltyKinds::parse(&r[pen.col("penalty_kinds")]).unwrap();
            k.any_heavy() || r[pen.col("aggravated")] == "是"
        };
        let reason = |r: &Vec<String>| ListReason::parse(&r[lst.col("reason")]).unwrap();
        let listed = |r: &Vec<String>| date(&r[lst.col("listed_date")]);
        let removed = |r: &Vec<String>| {
            let t = &r[lst.col("removed_date")];
            (!t.is_empty()).then(|| date(t))
        };
        let mut serious = 0;
        let mut checked_missing = 0;
        for r in &lst.rows {
            let u = r[0].as_str();
            match reason(r) {
                ListReason::HeavyPenalty => {
                    serious += 1;
                    let l = listed(r);
                    let ok = pens.get(u).is_some_and(|ps| {
                        ps.iter().any(|p| {
                            let d = date(&p[pen.col("decision_date")]);
                            heavy(p) && d <= l && l - d <= chrono::Duration::days(30)
                        })
                    });
                    assert!(ok, "serious list without heavy penalty: {u}");
                }
                ListReason::AbnormalThreeYears => {
                    serious += 1;
                    let l = listed(r);
                    let ok = lists[u].iter().any(|a| {
                        let due = crate::date::add_months(listed(a), 36);
                        removed(a) == Some(l) && due < l && due < rules.transfer_abolished
                    });
                    assert!(ok, "moved to the serious list without three years: {u}");
                }
                ListReason::FalseInformation => {
                    let individual = entity[u] == crate::records::EntityType::Individual;
                    assert!(
                        individual || listed(r) < rules.order101_effective,
                        "{u}: listed for false information after Order 101"
                    );
                }
                ListReason::NoAnnualReport => {
                    // Listed on 11 July for the previous year's report.
                    let l = listed(r);
                    assert_eq!((l.month(), l.day()), (7, 11), "{u}");
                    let year = l.year() - 1;
                    if let Some(rep) = reports
                        .get(u)
                        .and_then(|v| v.iter().find(|x| x[ann.col("year")] == year.to_string()))
                    {
                        let f = &rep[ann.col("filed")];
                        assert!(
                            f.is_empty() || date(f) > l,
                            "{u} listed for {year} filed {f}"
                        );
                        checked_missing += 1;
                    }
                }
                _ => {}
            }
        }
        assert!(serious > 0 && checked_missing > 0);
        // Every report missing past its listing day leaves the enterprise listed that day (or
        // moved on to the serious list).
        let status: FxHashMap<&str, &str> = reg
            .rows
            .iter()
            .map(|r| (r[0].as_str(), r[reg.col("status")].as_str()))
            .collect();
        let mut missing = 0;
        for r in &ann.rows {
            let u = r[0].as_str();
            let year: i32 = r[ann.col("year")].parse().unwrap();
            let l = Date::from_ymd_opt(year + 1, 7, 11).unwrap();
            if !r[ann.col("filed")].is_empty()
                || l > p.as_of
                || status[u] != "存续" && status[u] != "在业"
            {
                continue;
            }
            missing += 1;
            let ok = lists.get(u).is_some_and(|v| {
                v.iter().any(|x| {
                    reason(x) == ListReason::NoAnnualReport
                        && listed(x) <= l
                        && removed(x).is_none_or(|d| d > l)
                })
            });
            let moved = lists.get(u).is_some_and(|v| {
                v.iter()
                    .any(|x| reason(x) == ListReason::AbnormalThreeYears && listed(x) <= l)
            });
            assert!(ok || moved, "{u}: report {year} missing but not listed");
        }
        assert!(missing > 0);
        // An inspection that found the enterprise unreachable is followed by a listing.
        for (u, v) in &insps {
            let first = v
                .iter()
                .filter(|x| {
                    InspectionResult::parse(&x[ins.col("result")])
                        == Some(InspectionResult::Unreachable)
                })
                .map(|x| date(&x[ins.col("inspection_date")]))
                .min();
            if let Some(f) = first {
                if f + chrono::Duration::days(15) > p.as_of
                    || status[u] != "存续" && status[u] != "在业"
                {
                    continue;
                }
                let ok = lists.get(u).is_some_and(|ls| {
                    ls.iter()
                        .any(|x| reason(x) == ListReason::Unreachable && listed(x) >= f)
                });
                assert!(ok, "{u} unreachable on {f} but not listed");
            }
        }
        // 投诉核查 follows a 举报.
        for r in &ins.rows {
            if r[ins.col("inspection_kind")] == "投诉核查" {
                let d = date(&r[ins.col("inspection_date")]);
                let ok = cpls.get(r[0].as_str()).is_some_and(|cs| {
                    cs.iter().any(|c| {
                        let cd = date(&c[cpl.col("complaint_date")]);
                        c[cpl.col("complaint_kind")] == "举报"
                            && cd < d
                            && d - cd <= chrono::Duration::days(30)
                    })
                });
                assert!(ok, "{}: complaint check without a report", r[0]);
            }
        }
        // A task met again on a later day is mostly the 复查 of a check that ordered a
        // correction (the rest: two checks of the same batch and topic).
        let mut repeats = 0;
        let mut rechecks = 0;
        for v in insps.values() {
            for r in v {
                let (task, d) = (&r[ins.col("task_id")], date(&r[ins.col("inspection_date")]));
                let earlier = v
                    .iter()
                    .filter(|x| &x[ins.col("task_id")] == task)
                    .filter(|x| date(&x[ins.col("inspection_date")]) < d)
                    .collect::<Vec<_>>();
                if earlier.is_empty() {
                    continue;
                }
                repeats += 1;
                if earlier.iter().any(|x| {
                    x[ins.col("result")] == "发现问题已责令改正"
                        && d - date(&x[ins.col("inspection_date")]) <= chrono::Duration::days(80)
                }) {
                    rechecks += 1;
                }
            }
        }
        assert!(
            repeats > 0 && rechecks * 100 >= repeats * 80,
            "{rechecks} of {repeats}"
        );
        // A revoked licence has its penalty; a revoked entity has its 吊销营业执照.
        for r in &lic.rows {
            if r[lic.col("licence_status")] == "吊销" {
                let issued = date(&r[lic.col("issued")]);
                let ok = pens[r[0].as_str()].iter().any(|p| {
                    PenaltyKinds::parse(&p[pen.col("penalty_kinds")])
                        .unwrap()
                        .contains(PenaltyKind::LicenceRevoked)
                        && date(&p[pen.col("decision_date")]) >= issued
                });
                assert!(ok, "{}", r[0]);
            }
        }
        for r in &reg.rows {
            let revoked_status = r[reg.col("status")] == "吊销";
            let revoked_penalty = pens.get(r[0].as_str()).is_some_and(|ps| {
                ps.iter().any(|p| {
                    PenaltyKinds::parse(&p[pen.col("penalty_kinds")])
                        .unwrap()
                        .contains(PenaltyKind::BusinessLicenceRevoked)
                })
            });
            assert_eq!(revoked_status, revoked_penalty, "{}", r[0]);
        }
    }

    /// Records every report; cancels at the report numbered `cancel_at`, if any.
    struct Recorder {
        reports: Vec<(String, f64)>,
        cancel_at: Option<usize>,
    }

    impl Progress for Recorder {
        fn report(&mut self, stage: &str, fraction: f64) -> Result<(), Cancelled> {
            self.reports.push((stage.to_string(), fraction));
            match self.cancel_at {
                Some(k) if self.reports.len() > k => Err(Cancelled),
                _ => Ok(()),
            }
        }
    }

    #[test]
    fn progress_is_reported_and_cancelling_stops() {
        let p = params(20_000, "progress");
        let mut rec = Recorder {
            reports: Vec::new(),
            cancel_at: None,
        };
        generate_csv(&p, RecordKind::Penalty, &mut rec).unwrap();
        assert!(rec.reports.len() > 5);
        assert!(rec.reports.iter().all(|(s, _)| s == "generate:penalty.csv"));
        assert_eq!(rec.reports.first().unwrap().1, 0.0);
        assert_eq!(rec.reports.last().unwrap().1, 1.0);
        assert!(rec.reports.windows(2).all(|w| w[0].1 < w[1].1));
        for cancel_at in [0, 3] {
            let mut rec = Recorder {
                reports: Vec::new(),
                cancel_at: Some(cancel_at),
            };
            assert_eq!(
                generate_csv(&p, RecordKind::Registration, &mut rec),
                Err(Cancelled)
            );
            assert_eq!(rec.reports.len(), cancel_at + 1);
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn write_dir_writes_every_kind_and_can_be_cancelled() {
        let p = params(2_000, "dir");
        let dir = std::env::temp_dir().join(format!("synth-test-{}", std::process::id()));
        let mut rec = Recorder {
            reports: Vec::new(),
            cancel_at: None,
        };
        let total = write_dir(&p, &dir, &mut rec).unwrap();
        let mut sum = 0u64;
        for kind in RecordKind::EVERY {
            let on_disk = std::fs::read(dir.join(kind.file_name())).unwrap();
            assert_eq!(
                on_disk,
                generate_csv(&p, kind, &mut NoProgress).unwrap(),
                "{kind:?}"
            );
            sum += on_disk.len() as u64;
        }
        assert_eq!(total, sum);
        assert!(rec.reports.windows(2).all(|w| w[0].1 <= w[1].1));
        assert_eq!(rec.reports.last().unwrap().1, 1.0);
        let mut cancel = Recorder {
            reports: Vec::new(),
            cancel_at: Some(4),
        };
        let err = write_dir(&p, &dir, &mut cancel).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::Interrupted);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn share(a: usize, b: usize) -> f64 {
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }

    /// Shares of the things the brief asks for, over a parsed district.
    fn stats(p: &SynthParams, files: &[File]) -> Vec<(&'static str, f64)> {
        let n = p.enterprises;
        let (reg, ann, lic, pen, ins, lst, com, cpl) = (
            &files[0], &files[1], &files[2], &files[3], &files[4], &files[5], &files[6], &files[7],
        );
        let mut out = Vec::new();
        let count =
            |f: &File, col: &str, val: &str| f.rows.iter().filter(|r| r[f.col(col)] == val).count();
        let et = |v| share(count(reg, "entity_type", v), n);
        out.push(("individual", et("个体工商户")));
        out.push(("company", et("有限责任公司") + et("股份有限公司")));
        out.push(("cooperative", et("农民专业合作社")));
        out.push((
            "active",
            share(
                count(reg, "status", "存续") + count(reg, "status", "在业"),
                n,
            ),
        ));
        out.push(("deregistered", share(count(reg, "status", "注销"), n)));
        out.push(("revoked", share(count(reg, "status", "吊销"), n)));
        out.push(("moved_out", share(count(reg, "status", "迁出"), n)));
        let mut addr: FxHashMap<&str, usize> = FxHashMap::default();
        for r in &reg.rows {
            *addr.entry(r[reg.col("address")].as_str()).or_default() += 1;
        }
        out.push((
            "addresses_with_20+",
            addr.values().filter(|&&c| c >= 20).count() as f64,
        ));
        out.push((
            "addresses_with_5+",
            addr.values().filter(|&&c| c >= 5).count() as f64,
        ));
        let mut on_time = 0;
        let mut late = 0;
        let mut missing = 0;
        for r in &ann.rows {
            let y: i32 = r[ann.col("year")].parse().unwrap();
            let due = Date::from_ymd_opt(y + 1, 6, 30).unwrap();
            match r[ann.col("filed")].as_str() {
                "" => missing += 1,
                f if date(f) <= due => on_time += 1,
                _ => late += 1,
            }
        }
        out.push(("reports_on_time", share(on_time, ann.rows.len())));
        out.push(("reports_late", share(late, ann.rows.len())));
        out.push(("reports_missing", share(missing, ann.rows.len())));
        let lic_ents = lic.by_uscc().len();
        out.push(("licences_per_licensed", share(lic.rows.len(), lic_ents)));
        out.push(("inspections_per_ent", share(ins.rows.len(), n)));
        for res in InspectionResult::ALL {
            let c = ins
                .rows
                .iter()
                .filter(|r| InspectionResult::parse(&r[ins.col("result")]) == Some(*res))
                .count();
            out.push((res.code(), share(c, ins.rows.len())));
        }
        out.push(("penalised_ents", share(pen.by_uscc().len(), n)));
        out.push((
            "penalties_simple",
            share(count(pen, "procedure", "简易"), pen.rows.len()),
        ));
        out.push((
            "penalties_aggravated",
            share(count(pen, "aggravated", "是"), pen.rows.len()),
        ));
        out.push((
            "penalties_fulfilled",
            share(count(pen, "fulfilled", "是"), pen.rows.len()),
        ));
        let heavy = pen
            .rows
            .iter()
            .filter(|r| {
                PenaltyKinds::parse(&r[pen.col("penalty_kinds")])
                    .unwrap()
                    .any_heavy()
            })
            .count();
        out.push(("penalties_heavy_kind", share(heavy, pen.rows.len())));
        let revocations = pen
            .rows
            .iter()
            .filter(|r| r[pen.col("penalty_kinds")] == "吊销营业执照")
            .count();
        out.push((
            "penalties_heavy_kind_excl_revocation",
            share(heavy - revocations, pen.rows.len() - revocations),
        ));
        let ent_with = |list: &str| {
            lst.rows
                .iter()
                .filter(|r| {
                    crate::records::ListKind::parse(&r[lst.col("list")]).map(|k| k.code())
                        == Some(list)
                })
                .map(|r| r[0].as_str())
                .collect::<FxHashSet<_>>()
                .len()
        };
        out.push(("abnormal_ents", share(ent_with("abnormal"), n)));
        for reason in ListReason::ALL {
            let c = lst
                .rows
                .iter()
                .filter(|r| ListReason::parse(&r[lst.col("reason")]) == Some(*reason))
                .count();
            out.push((reason.code(), share(c, lst.rows.len())));
        }
        out.push(("serious_ents", share(ent_with("serious"), n)));
        out.push((
            "list_removed",
            share(
                lst.rows
                    .iter()
                    .filter(|r| !r[lst.col("removed_date")].is_empty())
                    .count(),
                lst.rows.len(),
            ),
        ));
        out.push(("commitments_per_ent", share(com.rows.len(), n)));
        out.push((
            "commitments_kept",
            share(count(com, "outcome", "履行承诺"), com.rows.len()),
        ));
        out.push((
            "commitments_pending",
            share(count(com, "outcome", "待核查"), com.rows.len()),
        ));
        let overdue = com
            .rows
            .iter()
            .filter(|r| {
                r[com.col("outcome")] == "待核查" && date(&r[com.col("due_date")]) <= p.as_of
            })
            .count();
        out.push((
            "commitments_pending_overdue",
            share(overdue, com.rows.len()),
        ));
        for item in [pools::ITEM_ADDRESS, pools::ITEM_REPAIR, pools::ITEM_PROOF] {
            out.push((item, share(count(com, "item", item), com.rows.len())));
        }
        out.push(("complaints_per_ent", share(cpl.rows.len(), n)));
        out.push(("complained_ents", share(cpl.by_uscc().len(), n)));
        out.push((
            "complaints_substantiated",
            share(count(cpl, "substantiated", "是"), cpl.rows.len()),
        ));
        let records: usize = files.iter().map(|f| f.rows.len()).sum();
        out.push(("records_per_ent", share(records, n)));
        out
    }

    #[test]
    fn shares_are_roughly_those_of_a_real_district() {
        let p = params(20_000, "shares");
        let st: FxHashMap<&str, f64> = stats(&p, &district(&p)).into_iter().collect();
        let within = |k: &str, lo: f64, hi: f64| {
            let v = st[k];
            assert!((lo..=hi).contains(&v), "{k} = {v:.4} not in {lo}..{hi}");
        };
        within("individual", 0.55, 0.65);
        within("company", 0.28, 0.38);
        within("active", 0.88, 0.96);
        within("reports_on_time", 0.78, 0.92);
        within("reports_late", 0.04, 0.13);
        within("reports_missing", 0.03, 0.12);
        within("inspections_per_ent", 1.7, 2.4);
        within("no_problem", 0.60, 0.80);
        within("penalised_ents", 0.03, 0.08);
        within("abnormal_ents", 0.03, 0.10);
        within("serious_ents", 0.0005, 0.008);
        within("commitments_per_ent", 0.3, 0.7);
        within("commitments_kept", 0.8, 0.95);
        within("complaints_per_ent", 0.6, 1.5);
        within("complained_ents", 0.08, 0.4);
        within("complaints_substantiated", 0.2, 0.4);
        within("records_per_ent", 9.7, 10.3);
        within("addresses_with_20+", 3.0, 400.0);
    }

    /// The demo district's statistics (the classes the default policy gives it are printed by
    /// `tests/synth_classes.rs`):
    /// `cargo test --release --lib synth::tests::demo_district_statistics -- --ignored --nocapture`
    #[test]
    #[ignore = "diagnostic: prints the demo district's statistics"]
    fn demo_district_statistics() {
        let p = params(130_000, "demo");
        let files = district(&p);
        for f in &files {
            println!("{:<14} {:>9} rows", f.kind.code(), f.rows.len());
        }
        for (k, v) in stats(&p, &files) {
            println!("{k:<32} {v:.4}");
        }
    }

    /// `cargo test --release --lib synth::tests::million_enterprises_speed -- --ignored --nocapture`
    #[test]
    #[ignore = "benchmark: prints the time to generate a million enterprises"]
    fn million_enterprises_speed() {
        let p = params(1_000_000, "bench");
        let ctx = Ctx::new(p.enterprises, &p.seed, p.as_of);
        let t = std::time::Instant::now();
        let mut bytes = 0;
        let mut rows = 0;
        let mut b = Vec::new();
        for kind in RecordKind::ALL {
            let k = std::time::Instant::now();
            b = generate_with(&ctx, kind, &mut NoProgress, b).unwrap();
            let r = b.iter().filter(|&&c| c == b'\n').count() - 1;
            println!(
                "{:<14} {:>10} rows {:>6.1} MB {:>6.3} s",
                kind.code(),
                r,
                b.len() as f64 / 1e6,
                k.elapsed().as_secs_f64()
            );
            bytes += b.len();
            rows += r;
        }
        println!(
            "total {rows} rows, {:.1} MB in {:.2} s",
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
    }
}
