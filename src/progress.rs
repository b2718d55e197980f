//! Progress reports from long computations, with cancellation.

/// The computation was cancelled by its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

/// Receives progress from a long computation and may stop it.
pub trait Progress {
    /// Called with the fraction done (0.0–1.0) and a short stage label. Returning
    /// `Err(Cancelled)` stops the computation, which then returns `Cancelled`.
    fn report(&mut self, stage: &str, fraction: f64) -> Result<(), Cancelled>;
}

/// A progress receiver that ignores reports and never cancels.
pub struct NoProgress;

impl Progress for NoProgress {
    fn report(&mut self, _: &str, _: f64) -> Result<(), Cancelled> {
        Ok(())
    }
}

/// Calls `report` only when the whole percent changes, to keep callbacks cheap.
pub struct Throttled<'a> {
    inner: &'a mut dyn Progress,
    last: i64,
}

impl<'a> Throttled<'a> {
    /// Wraps a receiver.
    pub fn new(inner: &'a mut dyn Progress) -> Self {
        Throttled { inner, last: -1 }
    }

    /// Reports `done` of `total` under `stage` when the percent changed.
    pub fn tick(&mut self, stage: &str, done: usize, total: usize) -> Result<(), Cancelled> {
        let pct = if total == 0 {
            100
        } else {
            (done as i64 * 100) / total as i64
        };
        if pct != self.last {
            self.last = pct;
            self.inner.report(stage, pct as f64 / 100.0)?;
        }
        Ok(())
    }
}

/// Maps a sub-task's 0–1 progress into a slice of the whole.
pub struct Scaled<'a> {
    /// The whole task's progress.
    pub inner: &'a mut dyn Progress,
    /// Where the slice starts (0–1).
    pub offset: f64,
    /// How wide the slice is (0–1).
    pub span: f64,
}

impl Progress for Scaled<'_> {
    fn report(&mut self, stage: &str, fraction: f64) -> Result<(), Cancelled> {
        self.inner.report(stage, self.offset + self.span * fraction)
    }
}
