//! Arrow columns as the texts the row parser reads (Parquet files and Arrow long tables):
//! strings in place, every other type written once into one buffer per column.

use super::error::FileError;
use super::parquet::parquet_error;
use arrow_array::array::StringArrayType;
use arrow_array::cast::AsArray;
use arrow_array::Array;
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use arrow_schema::DataType;

/// Cell `i` of a string column, empty for a null.
fn text_or_empty<'a>(a: impl StringArrayType<'a> + Array, i: usize) -> &'a str {
    if a.is_null(i) {
        ""
    } else {
        a.value(i)
    }
}

/// The texts of one column of a batch, ready to be read cell by cell: strings borrowed from
/// the batch; every other type written once into one buffer (no allocation per cell).
pub(super) enum Texts<'a> {
    /// A string column, read in place.
    Utf8(&'a arrow_array::StringArray),
    /// A string column with 64-bit offsets, read in place.
    LargeUtf8(&'a arrow_array::LargeStringArray),
    /// A string view column, read in place.
    Utf8View(&'a arrow_array::StringViewArray),
    /// Cell texts end to end, with the end of each.
    Written { data: String, ends: Vec<usize> },
}

impl Texts<'_> {
    /// The text of row `i` (empty for a null).
    pub(super) fn get(&self, i: usize) -> &str {
        match self {
            Texts::Utf8(a) => text_or_empty(*a, i),
            Texts::LargeUtf8(a) => text_or_empty(*a, i),
            Texts::Utf8View(a) => text_or_empty(*a, i),
            Texts::Written { data, ends } => {
                let start = if i == 0 { 0 } else { ends[i - 1] };
                &data[start..ends[i]]
            }
        }
    }
}

/// The texts of every cell of `column`.
pub(super) fn column_texts<'a>(file: &str, column: &'a dyn Array) -> Result<Texts<'a>, FileError> {
    use std::fmt::Write;
    match column.data_type() {
        DataType::Utf8 => return Ok(Texts::Utf8(column.as_string::<i32>())),
        DataType::LargeUtf8 => return Ok(Texts::LargeUtf8(column.as_string::<i64>())),
        DataType::Utf8View => return Ok(Texts::Utf8View(column.as_string_view())),
        _ => {}
    }
    let n = column.len();
    let mut data = String::with_capacity(n * 10);
    let mut ends = Vec::with_capacity(n);
    match column.data_type() {
        DataType::Boolean => {
            let a = column.as_boolean();
            for i in 0..n {
                if !a.is_null(i) {
                    data.push_str(if a.value(i) { "是" } else { "否" });
                }
                ends.push(data.len());
            }
        }
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => {
            let value = |i: usize| -> &[u8] {
                match column.data_type() {
                    DataType::Binary => column.as_binary::<i32>().value(i),
                    DataType::LargeBinary => column.as_binary::<i64>().value(i),
                    _ => column.as_binary_view().value(i),
                }
            };
            for i in 0..n {
                if !column.is_null(i) {
                    // Text written as bytes is read as text; other bytes as hex, which no
                    // column parses, so the row is rejected with the value shown.
                    match std::str::from_utf8(value(i)) {
                        Ok(s) => data.push_str(s),
                        Err(_) => value(i).iter().for_each(|b| {
                            let _ = write!(data, "{b:02x}");
                        }),
                    }
                }
                ends.push(data.len());
            }
        }
        _ => {
            let options = FormatOptions::default().with_display_error(false);
            let f =
                ArrayFormatter::try_new(column, &options).map_err(|e| parquet_error(file, e))?;
            for i in 0..n {
                if !column.is_null(i) {
                    write!(data, "{}", f.value(i)).map_err(|e| parquet_error(file, e))?;
                }
                ends.push(data.len());
            }
        }
    }
    Ok(Texts::Written { data, ends })
}
