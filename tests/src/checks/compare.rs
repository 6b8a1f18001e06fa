//! Row-set assertions that print a readable diff.

use crate::catalog::line_diff;
use crate::db::Db;

pub type Row = Vec<Option<String>>;

/// A non-NULL expected value.
pub fn v(s: impl Into<String>) -> Option<String> {
    Some(s.into())
}

/// An expected NULL.
pub const NULL: Option<String> = None;

/// `"a" | NULL | "b\n"`: values quoted and escaped, so NULL, '' and 'NULL' stay apart.
pub fn render_row(row: &[Option<String>]) -> String {
    row.iter()
        .map(|c| match c {
            Some(s) => format!("{s:?}"),
            None => "NULL".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Asserts that `sql` returns exactly `expected`, in any order.
pub fn assert_rows(db: &Db, what: &str, sql: &str, expected: Vec<Row>) {
    let mut want: Vec<String> = expected.iter().map(|r| render_row(r)).collect();
    let mut got: Vec<String> = db.query(sql).iter().map(|r| render_row(r)).collect();
    want.sort();
    got.sort();
    let diff = line_diff(want.iter(), got.iter());
    if !diff.is_empty() {
        panic!(
            "{what}: rows differ (- expected only, + actual only)\n{}\n--- SQL ---\n{sql}\n",
            diff.join("\n")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendering_keeps_null_empty_and_text_null_apart() {
        let row = vec![NULL, v(""), v("NULL"), v("a\"b\nc ☃")];
        assert_eq!(render_row(&row), r#"NULL | "" | "NULL" | "a\"b\nc ☃""#);
    }
}
