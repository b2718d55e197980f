//! The rows of one worksheet, whatever the workbook format (XLSX, XLS, ODS): its non-empty
//! cells go in row by row ([`SheetBuilder::cell`]); the header is looked for among the first
//! rows ([`find_layout`]: title rows, a two-row header), the rows above it are kept as
//! skipped, and the rows below are held compactly until every sheet of the workbook has been
//! read ([`load_sheets`]), so that a workbook loads whole or not at all.

use super::error::FileError;
use super::header::{find_layout, layout, not_a_header, Layout, HEADER_SEARCH};
use super::notes;
use super::row::Fields;
use super::sink::{is_blank, Sink};
use super::{FileReport, LoadOptions};
use crate::store::Store;

/// The rows of one sheet read so far: cell texts end to end, `width` fields a row.
pub(super) struct SheetRows {
    layout: Layout,
    width: usize,
    data: Vec<u8>,
    /// End of each field, relative to its row's start.
    ends: Vec<u32>,
    /// Row number (as the spreadsheet shows it) and start in `data` of each row.
    rows: Vec<(u64, usize)>,
    /// Rows above the header (titles, notes): row number and text.
    skipped: Vec<(u64, String)>,
}

impl SheetRows {
    /// Keeps row `row` (0-based) of `cells` (column, text), its first `width` columns; false
    /// (and nothing kept) when the rows kept would pass `max` fields, empty ones counted.
    #[must_use]
    fn push_row(&mut self, row: u32, cells: &mut [(u32, Vec<u8>)], max: u64) -> bool {
        if (self.ends.len() + self.width) as u64 > max {
            return false;
        }
        cells.sort_by_key(|(c, _)| *c);
        let start = self.data.len();
        let mut col = 0usize;
        for (c, t) in cells.iter() {
            let c = *c as usize;
            if c >= self.width || c < col {
                continue;
            }
            while col < c {
                self.ends.push((self.data.len() - start) as u32);
                col += 1;
            }
            self.data.extend_from_slice(t);
            self.ends.push((self.data.len() - start) as u32);
            col += 1;
        }
        while col < self.width {
            self.ends.push((self.data.len() - start) as u32);
            col += 1;
        }
        self.rows.push((u64::from(row) + 1, start));
        true
    }
}

/// Where a sheet being read stands.
enum State {
    /// The header is still looked for among the first rows.
    Searching(Vec<(u32, Vec<String>)>),
    /// The header is found; the rows below are kept.
    Reading(Box<SheetRows>),
    /// A sheet of another shape, skipped (see [`SheetBuilder::new`]).
    Skipped,
}

/// Reads one sheet from its non-empty cells, given row by row.
pub(super) struct SheetBuilder<'a> {
    file: &'a str,
    name: String,
    options: &'a LoadOptions,
    skip_unknown: bool,
    state: State,
    /// The row being gathered and its (column, text) cells.
    cur_row: Option<u32>,
    cur: Vec<(u32, Vec<u8>)>,
    /// Emptied cell buffers, reused.
    spare: Vec<Vec<u8>>,
}

impl<'a> SheetBuilder<'a> {
    /// A builder for sheet `name` of `file`. With `skip_unknown`, a sheet whose header names
    /// no record kind is skipped (a cover or notes sheet in a workbook of several) instead of
    /// failing.
    pub fn new(file: &'a str, name: &str, options: &'a LoadOptions, skip_unknown: bool) -> Self {
        SheetBuilder {
            file,
            name: name.to_string(),
            options,
            skip_unknown,
            state: State::Searching(Vec::new()),
            cur_row: None,
            cur: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// Whether the sheet turned out to be of another shape: its remaining cells need not be
    /// read.
    pub fn skipped(&self) -> bool {
        matches!(self.state, State::Skipped)
    }

    /// A non-empty cell at `row`, `col` (0-based), its text written by `text` into the buffer
    /// given. Rows come in order (a row before the current one is an error); the cells of a
    /// row in any order.
    pub fn cell(
        &mut self,
        row: u32,
        col: u32,
        text: impl FnOnce(&mut Vec<u8>),
    ) -> Result<(), FileError> {
        if self.skipped() {
            return Ok(());
        }
        match self.cur_row {
            Some(cr) if row < cr => {
                return Err(FileError::Spreadsheet {
                    file: self.file.into(),
                    message: format!(
                        "sheet {:?}: cells out of order at row {}",
                        self.name,
                        u64::from(row) + 1
                    ),
                });
            }
            Some(cr) if row > cr => self.end_row()?,
            _ => {}
        }
        let mut t = self.spare.pop().unwrap_or_default();
        t.clear();
        text(&mut t);
        if t.is_empty() {
            self.spare.push(t);
            return Ok(());
        }
        self.cur_row = Some(row);
        self.cur.push((col, t));
        Ok(())
    }

    /// The row gathered is complete.
    fn end_row(&mut self) -> Result<(), FileError> {
        let Some(row) = self.cur_row.take() else {
            return Ok(());
        };
        let max = self.max_fields();
        match &mut self.state {
            State::Reading(s) => {
                if !s.push_row(row, &mut self.cur, max) {
                    let width = s.width;
                    return Err(self.too_wide(width));
                }
            }
            State::Skipped => {}
            State::Searching(pending) => {
                let width = self
                    .cur
                    .iter()
                    .map(|(c, _)| *c as usize + 1)
                    .max()
                    .unwrap_or(0);
                let mut cells = vec![String::new(); width];
                for (c, t) in &self.cur {
                    cells[*c as usize] = String::from_utf8_lossy(t).into_owned();
                }
                pending.push((row, cells));
                let o = self.options;
                if pending.len() == 1 {
                    // The first row: the header (or data) as before, unless it is a title.
                    match layout(
                        self.file,
                        Some(&self.name),
                        &pending[0].1,
                        o.kind,
                        o.has_header,
                        &o.mapping,
                    ) {
                        Ok(_) => self.decide()?,
                        Err(e) if o.has_header != Some(false) && not_a_header(&e) => {}
                        Err(FileError::UnknownKind { .. }) if self.skip_unknown => {
                            self.state = State::Skipped
                        }
                        Err(e) => return Err(e),
                    }
                } else if pending.len() >= HEADER_SEARCH {
                    self.decide()?;
                }
            }
        }
        self.spare.extend(self.cur.drain(..).map(|(_, t)| t));
        Ok(())
    }

    /// Finds the header among the rows gathered ([`find_layout`]) and keeps the rows below
    /// it; the rows above are kept as skipped.
    fn decide(&mut self) -> Result<(), FileError> {
        let max = self.max_fields();
        let State::Searching(pending) = &mut self.state else {
            return Ok(());
        };
        let rows: Vec<Vec<String>> = pending.iter().map(|(_, r)| r.clone()).collect();
        let o = self.options;
        let found = match find_layout(
            self.file,
            Some(&self.name),
            &rows,
            o.kind,
            o.has_header,
            &o.mapping,
        ) {
            Ok(f) => f,
            Err(FileError::UnknownKind { .. }) if self.skip_unknown => {
                self.state = State::Skipped;
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        let width = rows
            .get(found.above + found.header_rows.max(1) - 1)
            .map_or(0, Vec::len)
            .max(found.layout.headers.len());
        let mut s = SheetRows {
            layout: found.layout,
            width,
            data: Vec::new(),
            ends: Vec::new(),
            rows: Vec::new(),
            skipped: pending[..found.above]
                .iter()
                .map(|(r, cells)| {
                    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                    (u64::from(*r) + 1, notes::row_text(&cells))
                })
                .collect(),
        };
        let pending = std::mem::take(pending);
        for (r, cells) in pending.into_iter().skip(found.above + found.header_rows) {
            let mut cells: Vec<(u32, Vec<u8>)> = cells
                .into_iter()
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .map(|(c, t)| (c as u32, t.into_bytes()))
                .collect();
            if !s.push_row(r, &mut cells, max) {
                let width = s.width;
                return Err(self.too_wide(width));
            }
        }
        self.state = State::Reading(Box::new(s));
        Ok(())
    }

    /// The most fields kept for a sheet: [`LoadOptions::xlsx_max_cells`], counting the empty
    /// cells of each row up to the header's width (a header with a stray cell far right
    /// would otherwise make every row that wide).
    fn max_fields(&self) -> u64 {
        self.options
            .xlsx_max_cells
            .unwrap_or(super::xlsx::XLSX_MAX_CELLS)
    }

    fn too_wide(&self, width: usize) -> FileError {
        FileError::Limit {
            file: self.file.into(),
            sheet: Some(self.name.clone()),
            what: format!(
                "its rows hold more than {} cells, counting the empty cells of its {width} \
                 columns (xlsxMaxCells)",
                self.max_fields()
            ),
        }
    }

    /// The sheet's rows: `None` when it is empty or, with `skip_unknown`, of another shape.
    pub fn finish(mut self) -> Result<Option<SheetRows>, FileError> {
        self.end_row()?;
        if matches!(&self.state, State::Searching(p) if !p.is_empty()) {
            self.decide()?;
        }
        Ok(match self.state {
            State::Reading(s) => Some(*s),
            State::Searching(_) | State::Skipped => None,
        })
    }
}

/// Loads the sheets read from one workbook into the store, one report per sheet (`format`
/// names the workbook's format in them). No sheet at all is an unknown kind.
pub(super) fn load_sheets(
    store: &mut Store,
    file: &str,
    format: &'static str,
    sheets: Vec<SheetRows>,
    options: &LoadOptions,
) -> Result<Vec<FileReport>, FileError> {
    let mut reports = Vec::new();
    let mut ends = Vec::new();
    for s in sheets {
        let mut sink = Sink::new(s.layout, format, options);
        for (line, text) in &s.skipped {
            sink.skip(*line, "above_header", &[text.as_str()]);
        }
        for (i, &(line, start)) in s.rows.iter().enumerate() {
            let end = s.rows.get(i + 1).map_or(s.data.len(), |r| r.1);
            ends.clear();
            ends.extend(
                s.ends[i * s.width..(i + 1) * s.width]
                    .iter()
                    .map(|&e| e as usize),
            );
            let fields = Fields::new(&s.data[start..end], &ends);
            if !is_blank(&fields) {
                sink.record(fields, line, &mut store.strings);
                if sink.pending() >= 4096 {
                    sink.flush(store);
                }
            }
        }
        sink.flush(store);
        reports.push(sink.into_report());
    }
    if reports.is_empty() {
        return Err(FileError::UnknownKind {
            file: file.into(),
            headers: Vec::new(),
        });
    }
    Ok(reports)
}

/// Which sheets of a workbook to read: the one named in `options.sheet` (an error naming the
/// sheets there are when there is none of that name), or all of them.
pub(super) fn chosen(
    file: &str,
    names: &[String],
    options: &LoadOptions,
) -> Result<Vec<String>, FileError> {
    match &options.sheet {
        Some(s) if !names.contains(s) => Err(FileError::Spreadsheet {
            file: file.into(),
            message: format!("no sheet {s:?}; sheets: {}", names.join(", ")),
        }),
        Some(s) => Ok(vec![s.clone()]),
        None => Ok(names.to_vec()),
    }
}

/// Whether a sheet of another shape is skipped: in a workbook read whole with no kind named.
pub(super) fn skip_unknown(options: &LoadOptions) -> bool {
    options.sheet.is_none() && options.kind.is_none()
}
