//! Typed access to one text row: every failure names the query and the column.

use super::{CatalogError, Row};

/// One row of `query`, checked to have `width` columns.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fields<'a> {
    query: &'static str,
    row: &'a Row,
}

impl<'a> Fields<'a> {
    pub(super) fn new(
        query: &'static str,
        row: &'a Row,
        width: usize,
    ) -> Result<Fields<'a>, CatalogError> {
        let fields = Fields { query, row };
        if row.len() == width {
            Ok(fields)
        } else {
            Err(fields.error(format!(
                "a row has {} column(s), the query gives {width}",
                row.len()
            )))
        }
    }

    pub(super) fn error(&self, message: String) -> CatalogError {
        CatalogError::Row {
            query: self.query,
            message,
        }
    }

    /// Column `i`, NULL as None.
    pub(super) fn opt(&self, i: usize) -> Option<&'a str> {
        self.row.get(i).and_then(|v| v.as_deref())
    }

    /// Column `i`, which must not be NULL.
    pub(super) fn text(&self, i: usize) -> Result<&'a str, CatalogError> {
        self.opt(i)
            .ok_or_else(|| self.error(format!("column {} is NULL", i + 1)))
    }

    /// A boolean as `bool::text` (`true`/`false`) or psql (`t`/`f`) prints it.
    pub(super) fn bool(&self, i: usize) -> Result<bool, CatalogError> {
        match self.text(i)? {
            "true" | "t" => Ok(true),
            "false" | "f" => Ok(false),
            other => Err(self.error(format!("column {} is {other:?}, not a boolean", i + 1))),
        }
    }

    /// An integer column.
    pub(super) fn int(&self, i: usize) -> Result<i64, CatalogError> {
        let text = self.text(i)?;
        text.parse()
            .map_err(|_| self.error(format!("column {} is {text:?}, not an integer", i + 1)))
    }

    /// A JSON array of strings and nulls (`json_agg`); NULL (no element) is empty.
    pub(super) fn list(&self, i: usize) -> Result<Vec<Option<String>>, CatalogError> {
        match self.opt(i) {
            None => Ok(Vec::new()),
            Some(json) => serde_json::from_str(json).map_err(|e| {
                self.error(format!(
                    "column {} is not a JSON array of strings: {e}",
                    i + 1
                ))
            }),
        }
    }

    /// A JSON value of any shape `T` reads; NULL is `T::default()`.
    pub(super) fn json<T>(&self, i: usize) -> Result<T, CatalogError>
    where
        T: serde::de::DeserializeOwned + Default,
    {
        match self.opt(i) {
            None => Ok(T::default()),
            Some(json) => serde_json::from_str(json)
                .map_err(|e| self.error(format!("column {} is not the JSON expected: {e}", i + 1))),
        }
    }
}
