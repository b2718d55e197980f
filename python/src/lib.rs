//! The Python extension module `credit_supervision._native` (issue 15): the core's partition
//! scoring, header mapping and driver draw for Python and Spark, with Arrow batches in and
//! out through pyarrow (the Arrow C interfaces: no copy at the boundary). No rule here: every
//! function turns Python values into a core call and the core's result or error back.

use arrow_array::RecordBatch;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use arrow_schema::ArrowError;
use credit_supervision::date::{parse_date_checked, Date, DateError};
use credit_supervision::ingest::header::layout;
use credit_supervision::ingest::Mapping;
use credit_supervision::partition::{self, DriverDraw, DriverPlan, ForPlan};
use credit_supervision::policy::{Policy, ValidPolicy};
use credit_supervision::records::RecordKind;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// The policy given as JSON (the default policy when `None`), checked.
fn policy(json: Option<&str>) -> PyResult<ValidPolicy> {
    match json {
        None => Ok(ValidPolicy::default_checked()),
        Some(j) => Policy::from_json(j)
            .and_then(Policy::check)
            .map_err(value_error),
    }
}

fn date(text: &str) -> PyResult<Date> {
    date_named("as_of", text)
}

fn date_named(name: &str, text: &str) -> PyResult<Date> {
    parse_date_checked(text).map_err(|e| {
        value_error(match e {
            DateError::Form => format!("{name} {text:?} is not a date (YYYY-MM-DD)"),
            DateError::Range => format!("{name} {text:?} is outside the dates the core reads"),
        })
    })
}

/// Record batches from a pyarrow object: anything with `__arrow_c_stream__` (a Table, a
/// RecordBatchReader, a RecordBatch), or an iterable of RecordBatches (what `mapInArrow`
/// hands over).
fn batches(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Result<RecordBatch, ArrowError>>> {
    if obj.hasattr("__arrow_c_stream__")? {
        let reader = arrow_array::ffi_stream::RecordBatchStreamReader::from_pyarrow_bound(obj)?;
        return Ok(reader.collect());
    }
    obj.try_iter()?
        .map(|b| RecordBatch::from_pyarrow_bound(&b?).map(Ok))
        .collect()
}

fn all_batches(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    batches(obj)?
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(value_error)
}

/// Scores one partition: `batches` hold all the records of its enterprises (and of every
/// enterprise at their registered addresses) in one long table with a `kind` column (see
/// `credit_supervision.score_partition`). With `roster` (the roster and item list as a long
/// table, kinds `inspector` and `item`), the results also carry the plan's facts of each
/// enterprise for the cycle starting on `cycle_start` (default: `as_of`). Returns (results,
/// report) as pyarrow RecordBatches.
#[pyfunction]
#[pyo3(signature = (batches, policy_json, as_of, roster=None, cycle_start=None))]
fn score_partition<'py>(
    py: Python<'py>,
    batches: &Bound<'py, PyAny>,
    policy_json: Option<&str>,
    as_of: &str,
    roster: Option<&Bound<'py, PyAny>>,
    cycle_start: Option<&str>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let input = self::batches(batches)?;
    let policy = policy(policy_json)?;
    let as_of = date(as_of)?;
    let roster = roster.map(all_batches).transpose()?;
    let start = cycle_start
        .map(|t| date_named("cycle_start", t))
        .transpose()?
        .unwrap_or(as_of);
    let p = py
        .detach(move || {
            let plan = roster.as_deref().map(|r| ForPlan {
                cycle_start: start,
                roster: r,
            });
            partition::score_partition_for(input, &policy, as_of, plan)
        })
        .map_err(value_error)?;
    Ok((p.results.to_pyarrow(py)?, p.report.to_pyarrow(py)?))
}

/// The row accounting of one long table read without scoring (see `score_partition`'s
/// report): which rows the core accepts, rejects or skips.
#[pyfunction]
fn read_partition<'py>(
    py: Python<'py>,
    batches: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let input = self::batches(batches)?;
    let report = py
        .detach(move || partition::read_partition(input))
        .map_err(value_error)?;
    report.to_pyarrow(py)
}

/// The record kind of a table with these headers (`kind` when given: a code such as
/// `penalty`, or the Chinese name) and, for each header, the key of the column it is read as
/// (`None` for a header no column of the kind has), by the same header mapping as files:
/// the national exports' names, the keys, and the user's `mapping` (JSON object: header →
/// key). A kind without one of its required columns is a ValueError naming them.
#[pyfunction]
#[pyo3(signature = (headers, kind=None, mapping_json=None))]
fn key_columns(
    headers: Vec<String>,
    kind: Option<&str>,
    mapping_json: Option<&str>,
) -> PyResult<(String, Vec<Option<String>>)> {
    let kind = match kind {
        None => None,
        Some(k) => Some(
            RecordKind::parse(k).ok_or_else(|| value_error(format!("{k:?} is no record kind")))?,
        ),
    };
    let mapping: Mapping = match mapping_json {
        None => Mapping::new(),
        Some(j) => serde_json::from_str(j).map_err(value_error)?,
    };
    let l = layout("table", None, &headers, kind, Some(true), &mapping).map_err(value_error)?;
    let mut keys = vec![None; headers.len()];
    for (c, f) in l.kind.columns().iter().zip(&l.fields) {
        if let Some(i) = f {
            keys[*i] = Some(c.key.to_string());
        }
    }
    Ok((l.kind.code().to_string(), keys))
}

/// The record kinds of enterprises, by code, in the core's order.
#[pyfunction]
fn record_kinds() -> Vec<&'static str> {
    RecordKind::ALL.map(RecordKind::code).to_vec()
}

/// The digest of a policy (the default policy when `None`), as results and draws carry it.
#[pyfunction]
#[pyo3(signature = (policy_json=None))]
fn policy_digest(policy_json: Option<&str>) -> PyResult<String> {
    Ok(policy(policy_json)?.digest().to_string())
}

/// A draw made from the results of every partition.
#[pyclass(frozen, module = "credit_supervision._native")]
struct Draw {
    inner: DriverDraw,
}

#[pymethods]
impl Draw {
    /// SHA-256 over the seed, the as-of date, the policy, records and audit digests, the ratio
    /// and the drawn USCCs.
    #[getter]
    fn digest(&self) -> &str {
        &self.inner.draw.digest
    }

    /// SHA-256 of the records the results were scored from.
    #[getter]
    fn records_digest(&self) -> &str {
        &self.inner.draw.records_digest
    }

    /// The drawn USCCs, by class then USCC.
    #[getter]
    fn usccs(&self) -> Vec<String> {
        self.inner
            .usccs
            .iter()
            .map(|u| u.as_str().to_string())
            .collect()
    }

    /// The draw as JSON (seed, as-of date, ratio, population, sample size, digests, classes).
    fn json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner.draw).map_err(value_error)
    }

    /// The draw as the command-line tool writes it as CSV (the same bytes); `results` hold at
    /// least the drawn enterprises' results (uscc, name, region, class, score).
    fn csv<'py>(
        &self,
        py: Python<'py>,
        results: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let b: Vec<RecordBatch> = batches(results)?
            .into_iter()
            .collect::<Result<_, _>>()
            .map_err(value_error)?;
        let bytes = self.inner.csv(&b).map_err(value_error)?;
        Ok(PyBytes::new(py, &bytes))
    }
}

/// Draws from the results of every partition (uscc, class, digest: every enterprise once)
/// as the command-line tool draws from the whole district.
#[pyfunction]
#[pyo3(signature = (results, policy_json, as_of, seed, ratio=None))]
fn draw(
    py: Python<'_>,
    results: &Bound<'_, PyAny>,
    policy_json: Option<&str>,
    as_of: &str,
    seed: &str,
    ratio: Option<f64>,
) -> PyResult<Draw> {
    let b = all_batches(results)?;
    let policy = policy(policy_json)?;
    let as_of = date(as_of)?;
    let seed = seed.to_string();
    let inner = py
        .detach(move || partition::draw_results(&b, &policy, as_of, &seed, ratio))
        .map_err(value_error)?;
    Ok(Draw { inner })
}

/// A plan made from the results and facts of every partition.
#[pyclass(frozen, module = "credit_supervision._native")]
struct Plan {
    inner: DriverPlan,
}

#[pymethods]
impl Plan {
    /// SHA-256 over the seed, dates, the policy, records, audit and roster digests, the
    /// referrals and every visit: publish it with the plan.
    #[getter]
    fn digest(&self) -> &str {
        &self.inner.plan.digest
    }

    /// SHA-256 of the records the results were scored from.
    #[getter]
    fn records_digest(&self) -> &str {
        &self.inner.plan.records_digest
    }

    /// SHA-256 of the roster, the item list and the rotation history.
    #[getter]
    fn roster_digest(&self) -> &str {
        &self.inner.plan.roster_digest
    }

    /// Visits planned.
    #[getter]
    fn visits(&self) -> usize {
        self.inner.plan.visits.len()
    }

    /// The plan as the command-line tool writes `plan.json` (the same text): digests, every
    /// visit (task, round, date, USCC, items, team) and the summary.
    fn json(&self) -> String {
        self.inner.json()
    }
}

/// Makes the inspection plan of one cycle from the results of every partition with their
/// facts (scored with the same `roster` and `cycle_start`), as the command-line tool plans
/// the whole district: the same seed gives the same visits, teams and digest.
#[pyfunction]
#[pyo3(signature = (results, roster, policy_json, as_of, seed, cycle_start=None, referrals=None))]
#[allow(clippy::too_many_arguments)]
fn plan(
    py: Python<'_>,
    results: &Bound<'_, PyAny>,
    roster: &Bound<'_, PyAny>,
    policy_json: Option<&str>,
    as_of: &str,
    seed: &str,
    cycle_start: Option<&str>,
    referrals: Option<Vec<String>>,
) -> PyResult<Plan> {
    let results = all_batches(results)?;
    let roster = all_batches(roster)?;
    let policy = policy(policy_json)?;
    let as_of = date(as_of)?;
    let start = cycle_start
        .map(|t| date_named("cycle_start", t))
        .transpose()?;
    let seed = seed.to_string();
    let referrals = referrals.unwrap_or_default();
    let inner = py
        .detach(move || {
            partition::plan_results(&results, &roster, &policy, as_of, &seed, start, &referrals)
        })
        .map_err(value_error)?;
    Ok(Plan { inner })
}

/// The extension module.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(score_partition, m)?)?;
    m.add_function(wrap_pyfunction!(read_partition, m)?)?;
    m.add_function(wrap_pyfunction!(key_columns, m)?)?;
    m.add_function(wrap_pyfunction!(record_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(policy_digest, m)?)?;
    m.add_function(wrap_pyfunction!(draw, m)?)?;
    m.add_class::<Draw>()?;
    m.add_function(wrap_pyfunction!(plan, m)?)?;
    m.add_class::<Plan>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
