//! A table of features for a model: named columns, numeric or categorical, one row per
//! enterprise (or per row of a user's own file), with missing values explicit.

use serde::Serialize;

/// The code of a missing categorical value.
pub const MISSING: u32 = u32::MAX;

/// One column of a feature table.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Numbers; `NaN` is a missing value.
    Numeric(Vec<f64>),
    /// Categories: one code per row into `levels` ([`MISSING`] for a missing value).
    Categorical {
        /// The level of each row.
        codes: Vec<u32>,
        /// The levels' names, by code.
        levels: Vec<String>,
    },
}

impl Column {
    /// Rows in the column.
    pub fn len(&self) -> usize {
        match self {
            Column::Numeric(v) => v.len(),
            Column::Categorical { codes, .. } => codes.len(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether row `i` is missing.
    pub fn is_missing(&self, i: usize) -> bool {
        match self {
            Column::Numeric(v) => v[i].is_nan(),
            Column::Categorical { codes, .. } => codes[i] == MISSING,
        }
    }

    /// `numeric` or `categorical`.
    pub fn kind(&self) -> FeatureKind {
        match self {
            Column::Numeric(_) => FeatureKind::Numeric,
            Column::Categorical { .. } => FeatureKind::Categorical,
        }
    }

    /// A categorical column from text values (`None` missing); levels in order of first
    /// appearance.
    pub fn categorical<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> Column {
        let mut index: rustc_hash::FxHashMap<&'a str, u32> = Default::default();
        let mut levels: Vec<String> = Vec::new();
        let codes = values
            .into_iter()
            .map(|v| match v {
                None => MISSING,
                Some(s) => *index.entry(s).or_insert_with(|| {
                    levels.push(s.to_string());
                    (levels.len() - 1) as u32
                }),
            })
            .collect();
        Column::Categorical { codes, levels }
    }
}

/// Whether a feature is numeric or categorical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    /// Ordered numbers, binned by cut points.
    Numeric,
    /// Unordered categories, binned by grouping levels.
    Categorical,
}

/// Named columns of equal length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column names, unique.
    pub names: Vec<String>,
    /// The columns, in the order of `names`.
    pub columns: Vec<Column>,
}

/// Why a table could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// Two columns with one name.
    #[error("column `{0}` appears twice")]
    DuplicateName(String),
    /// A column of another length than the first.
    #[error("column `{name}` has {rows} rows, the table {expected}")]
    Length {
        /// The column.
        name: String,
        /// Its rows.
        rows: usize,
        /// The table's rows.
        expected: usize,
    },
}

impl Table {
    /// Rows in the table (0 without columns).
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }

    /// Adds a column, checking its name and length.
    pub fn push(&mut self, name: impl Into<String>, column: Column) -> Result<(), TableError> {
        let name = name.into();
        if self.names.contains(&name) {
            return Err(TableError::DuplicateName(name));
        }
        if !self.columns.is_empty() && column.len() != self.rows() {
            return Err(TableError::Length {
                name,
                rows: column.len(),
                expected: self.rows(),
            });
        }
        self.names.push(name);
        self.columns.push(column);
        Ok(())
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| &self.columns[i])
    }

    /// The rows at `index`, in that order (a sample or a split).
    pub fn take(&self, index: &[usize]) -> Table {
        let columns = self
            .columns
            .iter()
            .map(|c| match c {
                Column::Numeric(v) => Column::Numeric(index.iter().map(|&i| v[i]).collect()),
                Column::Categorical { codes, levels } => Column::Categorical {
                    codes: index.iter().map(|&i| codes[i]).collect(),
                    levels: levels.clone(),
                },
            })
            .collect();
        Table {
            names: self.names.clone(),
            columns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_must_match_in_length_and_names_be_unique() {
        let mut t = Table::default();
        t.push("a", Column::Numeric(vec![1.0, f64::NAN])).unwrap();
        let c = Column::categorical([Some("x"), None]);
        t.push("b", c.clone()).unwrap();
        assert_eq!(t.push("b", c), Err(TableError::DuplicateName("b".into())));
        assert!(matches!(
            t.push("c", Column::Numeric(vec![1.0])),
            Err(TableError::Length {
                rows: 1,
                expected: 2,
                ..
            })
        ));
        assert_eq!(t.rows(), 2);
        assert!(t.column("a").unwrap().is_missing(1));
        assert!(t.column("b").unwrap().is_missing(1));
        let s = t.take(&[1, 0]);
        assert!(s.column("a").unwrap().is_missing(0));
        assert_eq!(
            s.column("b"),
            Some(&Column::Categorical {
                codes: vec![MISSING, 0],
                levels: vec!["x".into()]
            })
        );
    }
}
