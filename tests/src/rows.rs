//! Every row of every table of the `public` schema as a sorted list of text lines, optionally
//! with the row version (`xmin`), so that "not a single row written" can be asserted.

use std::collections::BTreeMap;
use std::fmt;

use crate::catalog::line_diff;
use crate::db::Db;

/// Which columns to read from which table, under which key. A key may read a column of another
/// name, so that a renamed column (e.g. `provider_id` -> `provider_user_id`) compares to its V1
/// value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Projection {
    /// table -> key -> column
    tables: BTreeMap<String, BTreeMap<String, String>>,
}

impl Projection {
    /// All current columns of all tables of `public` (extension-owned tables left out).
    pub fn current(db: &Db) -> Projection {
        let mut tables: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for table in table_names(db) {
            tables.entry(table).or_default();
        }
        let rows = db.query(
            "SELECT c.relname::text, a.attname::text
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               JOIN pg_attribute a ON a.attrelid = c.oid
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                AND a.attnum > 0 AND NOT a.attisdropped",
        );
        for row in rows {
            if let [Some(table), Some(column)] = row.as_slice() {
                if let Some(cols) = tables.get_mut(table) {
                    cols.insert(column.clone(), column.clone());
                }
            }
        }
        Projection { tables }
    }

    /// Leaves one column out (a value a decision converts).
    pub fn without(mut self, table: &str, key: &str) -> Projection {
        if let Some(cols) = self.tables.get_mut(table) {
            cols.remove(key);
        }
        self
    }

    /// Reads `key` from the column now named `column`.
    pub fn renamed(mut self, table: &str, key: &str, column: &str) -> Projection {
        if let Some(cols) = self.tables.get_mut(table) {
            if let Some(c) = cols.get_mut(key) {
                *c = column.to_owned();
            }
        }
        self
    }

    pub fn tables(&self) -> impl Iterator<Item = &str> {
        self.tables.keys().map(String::as_str)
    }
}

/// The rows of a database. Lines look like `users xmin=745 {"id": "...", ...}` (jsonb text:
/// keys in a fixed order, every value typed), sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowSnapshot {
    lines: Vec<String>,
}

impl RowSnapshot {
    /// Every row of every table with its `xmin`: a no-op UPDATE, or a delete and re-insert,
    /// shows as a change.
    pub fn read(db: &Db) -> RowSnapshot {
        Self::read_tables(db, true)
    }

    /// Every row of every table by value only.
    pub fn read_values(db: &Db) -> RowSnapshot {
        Self::read_tables(db, false)
    }

    fn read_tables(db: &Db, with_xmin: bool) -> RowSnapshot {
        let parts: Vec<String> = table_names(db)
            .iter()
            .map(|t| {
                let xmin = if with_xmin {
                    "' xmin=' || t.xmin::text"
                } else {
                    "''"
                };
                format!(
                    "SELECT {name} || {xmin} || ' ' || to_jsonb(t)::text FROM public.{ident} t",
                    name = quote_literal(t),
                    ident = quote_ident(t)
                )
            })
            .collect();
        Self::from_parts(db, &parts)
    }

    /// The values of `projection`'s columns only, by value (no xmin).
    pub fn read_projection(db: &Db, projection: &Projection) -> RowSnapshot {
        let parts: Vec<String> = projection
            .tables
            .iter()
            .map(|(table, cols)| {
                let pairs: Vec<String> = cols
                    .iter()
                    .map(|(key, col)| format!("{}, t.{}", quote_literal(key), quote_ident(col)))
                    .collect();
                // jsonb_build_object takes at most 100 arguments; no table here has 50 columns.
                format!(
                    "SELECT {name} || ' ' || jsonb_build_object({pairs})::text FROM public.{ident} t",
                    name = quote_literal(table),
                    pairs = pairs.join(", "),
                    ident = quote_ident(table)
                )
            })
            .collect();
        Self::from_parts(db, &parts)
    }

    fn from_parts(db: &Db, parts: &[String]) -> RowSnapshot {
        if parts.is_empty() {
            return RowSnapshot { lines: Vec::new() };
        }
        let mut lines: Vec<String> = db
            .query_column(&parts.join("\nUNION ALL\n"))
            .into_iter()
            .map(|l| l.unwrap_or_else(|| panic!("row snapshot gave a NULL line on {}", db.name())))
            .collect();
        lines.sort();
        RowSnapshot { lines }
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Rows only in `self` as `- row`, only in `other` as `+ row`; empty when equal.
    pub fn diff(&self, other: &RowSnapshot) -> Vec<String> {
        line_diff(self.lines.iter(), other.lines.iter())
    }

    /// Panics with the diff when `actual` differs from `self`.
    pub fn assert_matches(&self, actual: &RowSnapshot, context: &str) {
        let diff = self.diff(actual);
        if !diff.is_empty() {
            panic!(
                "rows differ: {context}\n(- only in expected, + only in actual)\n{}\n",
                diff.join("\n")
            );
        }
    }
}

impl fmt::Display for RowSnapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

fn table_names(db: &Db) -> Vec<String> {
    db.query_column(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                            AND d.objid = c.oid AND d.deptype = 'e')
          ORDER BY 1",
    )
    .into_iter()
    .flatten()
    .collect()
}

pub(crate) fn quote_ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

pub(crate) fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::PgVersion;

    #[test]
    fn xmin_snapshot_sees_a_no_op_update_and_value_snapshot_does_not() {
        crate::scenario::with_cluster(PgVersion::V15, |cluster| {
            let db = cluster.create_db("rows").unwrap();
            db.exec(
                "CREATE TABLE \"Odd name\" (id int, v text, renamed text);
                 INSERT INTO \"Odd name\" VALUES (1, E'a\\nb', 'x'), (2, NULL, 'y');
                 CREATE TABLE empty (id int);",
            );
            let before = RowSnapshot::read(&db);
            let values_before = RowSnapshot::read_values(&db);
            assert_eq!(before.len(), 2, "{before}");
            assert!(before.lines()[0].starts_with("Odd name xmin="), "{before}");
            assert!(values_before.lines()[0].ends_with(r#"{"v": "a\nb", "id": 1, "renamed": "x"}"#));
            db.exec("UPDATE \"Odd name\" SET v = v WHERE id = 2");
            let after = RowSnapshot::read(&db);
            let diff = before.diff(&after);
            assert_eq!(diff.len(), 2, "{diff:?}");
            assert!(diff
                .iter()
                .any(|l| l.starts_with("- ") && l.contains("\"id\": 2")));
            assert!(diff
                .iter()
                .any(|l| l.starts_with("+ ") && l.contains("\"id\": 2")));
            values_before.assert_matches(&RowSnapshot::read_values(&db), "no-op update");

            let projection = Projection::current(&db)
                .without("Odd name", "v")
                .renamed("Odd name", "renamed", "v");
            let projected = RowSnapshot::read_projection(&db, &projection);
            assert_eq!(
                projected.lines(),
                [
                    r#"Odd name {"id": 1, "renamed": "a\nb"}"#.to_owned(),
                    r#"Odd name {"id": 2, "renamed": null}"#.to_owned()
                ]
            );
        });
    }
}
