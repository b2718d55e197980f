//! The inspection plan of a province or the nation (issue 15; native only): each partition
//! works out, beside its results, what the plan needs to know of each of its enterprises
//! ([`crate::plan`]'s facts: stratum, 100 % groups, triggers, items that apply, last team,
//! recency, conflicts of interest, and the digest of its rotation history), from its own
//! records, the roster and item list, the policy and the cycle's start; the driver puts the
//! facts of every partition together and makes the plan with the same seeded algorithm as the
//! command-line tool and the page ([`plan_results`]): the same seed gives the same visits,
//! teams and plan digest.

use super::{parse_digest, text_column, PartitionError};
use crate::audit::AuditTrail;
use crate::date::{format_date, Date};
use crate::ingest::{FileError, FileReport};
use crate::plan::population::{store_facts, Builder, Conflicts, Facts};
use crate::plan::public::PlanDoc;
use crate::plan::{plan_items, plan_population, prepare, Inputs, Plan, PlanRequest, Trigger};
use crate::policy::{Class, ValidPolicy};
use crate::records::{EntId, Inspector, Item};
use crate::score::Scoring;
use crate::seed::hex;
use crate::store::{combine_digests, roster_digest_of, Store};
use crate::uscc::Uscc;
use arrow_array::builder::{BooleanBuilder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, GenericStringArray, ListArray, OffsetSizeTrait, RecordBatch,
    StringArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use rustc_hash::FxHashSet;
use std::sync::Arc;

/// The columns [`facts_batch`] adds to the results (every one nullable; the plan's columns
/// are null for an enterprise that cannot be planned: not classified, or not registered).
pub fn facts_fields() -> Vec<Field> {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let list = |name: &str| {
        Field::new(
            name,
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            true,
        )
    };
    vec![
        text("history"),
        text("plan_start"),
        Field::new("plan_active", DataType::Boolean, true),
        text("plan_region"),
        text("plan_stratum"),
        Field::new("plan_groups", DataType::Int64, true),
        list("plan_triggers"),
        list("plan_items"),
        text("plan_last_team"),
        Field::new("plan_recent", DataType::Boolean, true),
        list("plan_conflicts"),
    ]
}

/// The plan's facts of every enterprise of `store`, one row per enterprise in the store's
/// order (the rows of [`crate::columnar::results_batch`]), as of the cycle's first day
/// `start`, with the items and roster of the store.
pub fn facts_batch(
    store: &Store,
    scoring: &Scoring,
    policy: &ValidPolicy,
    start: Date,
) -> Result<RecordBatch, ArrowError> {
    let n = store.len();
    let items = plan_items(&store.roster.items);
    let inspectors = &store.roster.inspectors;
    let conflicts = Conflicts::new(inspectors);
    let mut history: Vec<Option<String>> = vec![None; n];
    for (e, h) in store.history_digests() {
        history[e as usize] = Some(hex(&h));
    }
    let mut b = FactsBuilder::new(n);
    let mut next: EntId = 0;
    let start_text = format_date(start);
    store_facts(
        store,
        scoring,
        &policy.policy().plan,
        &items,
        start,
        &conflicts,
        |ent, _, f| {
            while next < ent {
                b.none(history[next as usize].as_deref());
                next += 1;
            }
            b.facts(
                history[ent as usize].as_deref(),
                &start_text,
                f,
                &items,
                inspectors,
            );
            next = ent + 1;
        },
    );
    while (next as usize) < n {
        b.none(history[next as usize].as_deref());
        next += 1;
    }
    b.finish()
}

/// The columns of [`facts_batch`] being built.
struct FactsBuilder {
    history: StringBuilder,
    start: StringBuilder,
    active: BooleanBuilder,
    region: StringBuilder,
    stratum: StringBuilder,
    groups: Int64Builder,
    triggers: ListBuilder<StringBuilder>,
    items: ListBuilder<StringBuilder>,
    last_team: StringBuilder,
    recent: BooleanBuilder,
    conflicts: ListBuilder<StringBuilder>,
}

impl FactsBuilder {
    fn new(n: usize) -> Self {
        let text = || StringBuilder::with_capacity(n, n * 8);
        let list = || ListBuilder::with_capacity(StringBuilder::new(), n);
        FactsBuilder {
            history: text(),
            start: text(),
            active: BooleanBuilder::with_capacity(n),
            region: text(),
            stratum: text(),
            groups: Int64Builder::with_capacity(n),
            triggers: list(),
            items: list(),
            last_team: text(),
            recent: BooleanBuilder::with_capacity(n),
            conflicts: list(),
        }
    }

    /// An enterprise that cannot be planned.
    fn none(&mut self, history: Option<&str>) {
        self.history.append_option(history);
        self.start.append_null();
        self.active.append_null();
        self.region.append_null();
        self.stratum.append_null();
        self.groups.append_null();
        self.triggers.append_null();
        self.items.append_null();
        self.last_team.append_null();
        self.recent.append_null();
        self.conflicts.append_null();
    }

    fn facts(
        &mut self,
        history: Option<&str>,
        start: &str,
        f: &Facts,
        items: &[Item],
        inspectors: &[Inspector],
    ) {
        self.history.append_option(history);
        self.start.append_value(start);
        self.active.append_value(f.active);
        self.region.append_value(f.region);
        self.stratum.append_value(f.stratum);
        self.groups.append_value(i64::from(f.groups));
        for t in f.triggers {
            self.triggers.values().append_value(t.code());
        }
        self.triggers.append(true);
        for &k in f.items {
            self.items.values().append_value(&items[k as usize].code);
        }
        self.items.append(true);
        self.last_team.append_value(f.last_team);
        self.recent.append_value(f.recent);
        for &i in f.conflicts {
            self.conflicts
                .values()
                .append_value(&inspectors[i as usize].id);
        }
        self.conflicts.append(true);
    }

    fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.history.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.active.finish()),
            Arc::new(self.region.finish()),
            Arc::new(self.stratum.finish()),
            Arc::new(self.groups.finish()),
            Arc::new(self.triggers.finish()),
            Arc::new(self.items.finish()),
            Arc::new(self.last_team.finish()),
            Arc::new(self.recent.finish()),
            Arc::new(self.conflicts.finish()),
        ];
        RecordBatch::try_new(Arc::new(Schema::new(facts_fields())), columns)
    }
}

/// Loads the roster and item list given as a long table (kinds `inspector` and `item`) into
/// `store`; a record kind of enterprises among them is an error.
pub fn load_roster(
    store: &mut Store,
    roster: &[RecordBatch],
) -> Result<Vec<FileReport>, FileError> {
    let reports = super::read_all(store, roster.iter().cloned().map(Ok))?;
    if let Some(r) = reports.iter().find(|r| !r.kind.is_planning()) {
        return Err(FileError::Parquet {
            file: "roster".into(),
            message: format!(
                "the roster holds {} rows: only the kinds inspector and item belong there",
                r.kind.code()
            ),
        });
    }
    Ok(reports)
}

/// A plan made by a driver from the results and facts of its partitions.
#[derive(Debug, Clone)]
pub struct DriverPlan {
    /// The plan (its visits' `ent` is the enterprise's row among the batches given).
    pub plan: Plan,
    /// The plan as the command-line tool publishes it (`plan.json`).
    pub doc: PlanDoc,
    /// How the roster and the item list were read.
    pub roster_reports: Vec<FileReport>,
}

impl DriverPlan {
    /// The plan's JSON as the command-line tool writes `plan.json` (the same bytes).
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(&self.doc).unwrap_or_default()
    }
}

fn bad(row: usize, column: &str, value: &str, why: &str) -> ArrowError {
    ArrowError::InvalidArgumentError(format!(
        "results row {row}, column `{column}`: `{value}` {why}"
    ))
}

fn column<'a, T: 'static>(
    batch: &'a RecordBatch,
    name: &str,
    what: &str,
    cast: impl Fn(&'a dyn Array) -> Option<&'a T>,
) -> Result<&'a T, ArrowError> {
    batch
        .column_by_name(name)
        .and_then(|c| cast(c.as_ref()))
        .ok_or_else(|| {
            ArrowError::InvalidArgumentError(format!("the results need {what} column `{name}`"))
        })
}

/// The texts of row `i` of the list column `name` (none when null).
fn list_texts(list: &ListArray, i: usize, name: &str) -> Result<Vec<String>, ArrowError> {
    if list.is_null(i) {
        return Ok(Vec::new());
    }
    let v = list.value(i);
    fn all<O: OffsetSizeTrait>(s: &GenericStringArray<O>) -> Vec<String> {
        (0..s.len())
            .filter(|&j| s.is_valid(j))
            .map(|j| s.value(j).to_string())
            .collect()
    }
    let texts = match v.data_type() {
        DataType::Utf8 => all(v.as_string::<i32>()),
        DataType::LargeUtf8 => all(v.as_string::<i64>()),
        other => {
            return Err(ArrowError::InvalidArgumentError(format!(
                "the results' column `{name}` must be a list of texts, not of {other}"
            )))
        }
    };
    Ok(texts)
}

/// Makes the plan of one cycle from the results of every partition with their facts
/// ([`crate::columnar::results_schema`]'s `uscc`, `class` and `digest`, and the columns of
/// [`facts_fields`]: every enterprise once, in any order), the roster and item list given
/// as a long table, as the command-line tool plans the whole district: the records and
/// roster digests are put together from the enterprises' digests, the audit trail is empty,
/// and the same seed, cycle and referrals give the same visits, teams and digest. The facts
/// must have been worked out for the cycle asked for, with the same item list.
pub fn plan_results(
    results: &[RecordBatch],
    roster: &[RecordBatch],
    policy: &ValidPolicy,
    as_of: Date,
    seed: &str,
    cycle_start: Option<Date>,
    referrals: &[String],
) -> Result<DriverPlan, PartitionError> {
    let mut store = Store::new();
    let roster_reports = load_roster(&mut store, roster)?;
    let request = PlanRequest {
        seed: seed.to_string(),
        cycle_start,
        referrals: referrals.to_vec(),
        records_digest: String::new(),
        audit_digest: AuditTrail::default().digest(as_of),
    };
    let (start, referred_list) = prepare(&request, as_of).map_err(PartitionError::Plan)?;
    let start_text = format_date(start);
    let referred: FxHashSet<Uscc> = referred_list.iter().copied().collect();
    let items = plan_items(&store.roster.items);
    let item_ix: rustc_hash::FxHashMap<&str, u16> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.code.as_str(), i as u16))
        .collect();
    let inspectors = &store.roster.inspectors;
    let inspector_ix: rustc_hash::FxHashMap<&str, u32> = inspectors
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i as u32))
        .collect();
    let pp = &policy.policy().plan;
    let mut builder = Builder::new(pp, &referred);
    let n: usize = results.iter().map(RecordBatch::num_rows).sum();
    let mut pairs = Vec::with_capacity(n);
    let mut history = Vec::new();
    let mut known: FxHashSet<Uscc> = FxHashSet::default();
    known.reserve(n);
    let mut row = 0usize;
    let (mut triggers, mut item_list, mut conflicts) = (Vec::new(), Vec::new(), Vec::new());
    for b in results {
        let uscc = text_column(b, "uscc")?;
        let class = text_column(b, "class")?;
        let digest = text_column(b, "digest")?;
        let text = |name| column(b, name, "a text", |a| a.as_string_opt::<i32>());
        let flag = |name| column::<BooleanArray>(b, name, "a boolean", |a| a.as_boolean_opt());
        let list = |name| column::<ListArray>(b, name, "a list", |a| a.as_list_opt::<i32>());
        let hist: &StringArray = text("history")?;
        let start_col = text("plan_start")?;
        let active = flag("plan_active")?;
        let region = text("plan_region")?;
        let stratum = text("plan_stratum")?;
        let groups = column(b, "plan_groups", "an integer", |a| {
            a.as_primitive_opt::<Int64Type>()
        })?;
        let trig = list("plan_triggers")?;
        let item_col = list("plan_items")?;
        let last_team = text("plan_last_team")?;
        let recent = flag("plan_recent")?;
        let confl = list("plan_conflicts")?;
        for i in 0..b.num_rows() {
            row += 1;
            let u = Uscc::parse(uscc.value(i))
                .map_err(|e| bad(row, "uscc", uscc.value(i), &e.to_string()))?;
            if !known.insert(u) {
                return Err(bad(
                    row,
                    "uscc",
                    u.as_str(),
                    "is given twice (in two partitions?)",
                )
                .into());
            }
            let d = digest.value(i);
            let h = parse_digest(d).ok_or_else(|| bad(row, "digest", d, "is not 32 hex digits"))?;
            pairs.push((u.packed(), h));
            if hist.is_valid(i) {
                let d = hist.value(i);
                let h = parse_digest(d)
                    .ok_or_else(|| bad(row, "history", d, "is not 32 hex digits"))?;
                history.push((u.packed(), h));
            }
            let c = class.value(i);
            if c == "-" || active.is_null(i) {
                continue;
            }
            let c = Class::from_letter(c).ok_or_else(|| bad(row, "class", c, "is no class"))?;
            if start_col.is_null(i) || start_col.value(i) != start_text {
                let got = if start_col.is_null(i) {
                    ""
                } else {
                    start_col.value(i)
                };
                return Err(bad(
                    row,
                    "plan_start",
                    got,
                    &format!("is not the cycle planned ({start_text}): work the facts out again"),
                )
                .into());
            }
            triggers.clear();
            for t in list_texts(trig, i, "plan_triggers")? {
                let t = Trigger::ALL
                    .into_iter()
                    .find(|x| x.code() == t)
                    .ok_or_else(|| bad(row, "plan_triggers", &t, "is no trigger"))?;
                triggers.push(t);
            }
            item_list.clear();
            for code in list_texts(item_col, i, "plan_items")? {
                let k = item_ix.get(code.as_str()).ok_or_else(|| {
                    bad(row, "plan_items", &code, "is not in the item list given")
                })?;
                item_list.push(*k);
            }
            conflicts.clear();
            for id in list_texts(confl, i, "plan_conflicts")? {
                let k = inspector_ix
                    .get(id.as_str())
                    .ok_or_else(|| bad(row, "plan_conflicts", &id, "is not in the roster given"))?;
                conflicts.push(*k);
            }
            fn opt(a: &StringArray, i: usize) -> &str {
                if a.is_null(i) {
                    ""
                } else {
                    a.value(i)
                }
            }
            let facts = Facts {
                class: Some(c),
                active: active.value(i),
                region: opt(region, i),
                stratum: opt(stratum, i),
                groups: if groups.is_null(i) {
                    0
                } else {
                    groups.value(i) as u32
                },
                triggers: &triggers,
                items: &item_list,
                last_team: opt(last_team, i),
                recent: recent.is_valid(i) && recent.value(i),
                conflicts: &conflicts,
            };
            builder.push((row - 1) as EntId, u, &facts);
        }
    }
    let pop = builder.finish();
    let roster_digest = roster_digest_of(inspectors, &store.roster.items, history);
    let request = PlanRequest {
        records_digest: combine_digests(pairs),
        ..request
    };
    let is_known = |u: &Uscc| known.contains(u);
    let policy_digest = policy.digest();
    let plan = plan_population(
        Inputs {
            pop,
            items,
            inspectors,
            roster_digest,
            default_items: store.roster.items.is_empty(),
            referrals: &referred_list,
            known: &is_known,
            start,
            as_of,
            policy_digest,
        },
        policy,
        &request,
    );
    let doc = PlanDoc::with_roster(&plan, inspectors);
    Ok(DriverPlan {
        plan,
        doc,
        roster_reports,
    })
}
