//! `pg_dump --schema-only` output as a multiset of statements, for the round-trip tests:
//! comments, blank lines, psql meta-commands and the `SET` / `set_config` preamble removed, each statement
//! (dollar-quoted bodies kept whole) one item.

use std::collections::BTreeMap;

/// The statements of a dump, each with how many times it occurs.
pub fn statements(dump: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let mut current = String::new();
    let mut dollar: Option<String> = None;
    for line in dump.lines() {
        // Comments, blank lines, and psql meta-commands (`\restrict KEY`, which pg_dump
        // writes with a random key since 15.14) are not statements.
        let skipped = line.starts_with("--") || line.trim().is_empty() || line.starts_with('\\');
        if dollar.is_none() && skipped {
            continue;
        }
        current.push_str(line);
        current.push('\n');
        // Track dollar quotes: a body may hold `;` at a line's end.
        let mut rest = line;
        while let Some(at) = rest.find('$') {
            let after = &rest[at + 1..];
            let Some(end) = after.find('$') else { break };
            let tag = &rest[at..at + end + 2];
            let is_tag = tag[1..tag.len() - 1]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_');
            if is_tag {
                match &dollar {
                    Some(open) if open == tag => dollar = None,
                    None => dollar = Some(tag.to_string()),
                    Some(_) => {}
                }
            }
            rest = &rest[at + end + 2..];
        }
        if dollar.is_none() && line.trim_end().ends_with(';') {
            let statement = std::mem::take(&mut current).trim().to_string();
            let preamble = statement.starts_with("SET ")
                || statement.starts_with("SELECT pg_catalog.set_config(");
            if !preamble {
                *out.entry(statement).or_default() += 1;
            }
        }
    }
    out
}

/// How the two dumps compare: the number of statements both have (counted with
/// multiplicity), the total of each, and the statements only in one, for a message.
#[derive(Debug)]
pub struct Comparison {
    pub equal: usize,
    pub expected_total: usize,
    pub actual_total: usize,
    pub only_expected: Vec<String>,
    pub only_actual: Vec<String>,
}

impl Comparison {
    /// Prints `<kind> <label>: equal / total statements equal (n generated)`, and gives
    /// the statements found in one dump only, unless there are none.
    pub fn outcome(&self, kind: &str, label: &str) -> Option<String> {
        eprintln!(
            "{kind} {label}: {} / {} statements equal ({} generated)",
            self.equal, self.expected_total, self.actual_total
        );
        let equal = self.equal == self.expected_total && self.equal == self.actual_total;
        (!equal).then(|| {
            format!(
                "{label}: {} / {} equal\nonly in the fixture's dump:\n{}\nonly in the generated one's:\n{}",
                self.equal,
                self.expected_total,
                self.only_expected.join("\n"),
                self.only_actual.join("\n")
            )
        })
    }
}

pub fn compare(expected: &str, actual: &str) -> Comparison {
    compare_statements(statements(expected), statements(actual))
}

/// Like [`compare`], with the column lines of each `CREATE TABLE` compared as a set
/// (`ADD COLUMN` appends, so a schema reached by migrations orders them otherwise), and
/// without the statements about `skipped` tables (the migration runners' own).
pub fn compare_loosely(expected: &str, actual: &str, skipped: &[&str]) -> Comparison {
    let loose = |dump: &str| {
        let mut out = BTreeMap::new();
        for (s, n) in statements(dump) {
            if skipped.iter().any(|t| about(&s, t)) {
                continue;
            }
            *out.entry(columns_sorted(&s)).or_default() += n;
        }
        out
    };
    compare_statements(loose(expected), loose(actual))
}

/// Whether a dump statement is about table `name` of schema public (its own DDL, its
/// sequences' and constraints' statements).
fn about(statement: &str, name: &str) -> bool {
    let q = format!("public.{name}");
    statement
        .split(|c: char| c.is_whitespace() || c == '(' || c == ';')
        .any(|w| {
            w == q
                || w.strip_prefix(&q)
                    .is_some_and(|rest| rest.starts_with('_') && rest.ends_with("_seq"))
        })
}

/// A `CREATE TABLE` with its column and constraint lines in sorted order (each without
/// its trailing comma); any other statement as is.
fn columns_sorted(statement: &str) -> String {
    if !statement.starts_with("CREATE TABLE") && !statement.starts_with("CREATE UNLOGGED TABLE") {
        return statement.to_string();
    }
    let lines: Vec<&str> = statement.lines().collect();
    if lines.len() < 3 {
        return statement.to_string();
    }
    let mut body: Vec<&str> = lines[1..lines.len() - 1]
        .iter()
        .map(|l| l.trim_end_matches(','))
        .collect();
    body.sort_unstable();
    format!(
        "{}\n{}\n{}",
        lines[0],
        body.join("\n"),
        lines[lines.len() - 1]
    )
}

fn compare_statements(e: BTreeMap<String, usize>, a: BTreeMap<String, usize>) -> Comparison {
    let mut c = Comparison {
        equal: 0,
        expected_total: e.values().sum(),
        actual_total: a.values().sum(),
        only_expected: Vec::new(),
        only_actual: Vec::new(),
    };
    for (s, &n) in &e {
        let m = a.get(s).copied().unwrap_or(0);
        c.equal += n.min(m);
        for _ in m..n {
            c.only_expected.push(s.clone());
        }
    }
    for (s, &m) in &a {
        let n = e.get(s).copied().unwrap_or(0);
        for _ in n..m {
            c.only_actual.push(s.clone());
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_skip_comments_and_preamble_and_keep_bodies_whole() {
        let dump = "--\n-- dump\n--\n\nSET x = 1;\nSELECT pg_catalog.set_config('search_path', '', false);\n\nCREATE FUNCTION f() RETURNS trigger\n    AS $$\nBEGIN;\nEND;\n$$;\n\nCREATE TABLE t (\n    a integer\n);\nCREATE TABLE t (\n    a integer\n);\n";
        let s = statements(dump);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s["CREATE TABLE t (\n    a integer\n);"], 2);
        assert!(s.keys().any(|k| k.contains("BEGIN;\nEND;")));
        let c = compare(
            dump,
            "CREATE TABLE t (\n    a integer\n);\nCREATE TABLE u ();\n",
        );
        assert_eq!((c.equal, c.expected_total, c.actual_total), (1, 3, 2));
        assert_eq!(c.only_actual, ["CREATE TABLE u ();"]);
    }
}

#[cfg(test)]
mod loose_tests {
    use super::*;

    #[test]
    fn columns_compare_as_a_set_and_skipped_tables_go() {
        let a = "CREATE TABLE public.t (\n    a integer,\n    b text\n);\nCREATE TABLE public.schema_migrations (\n    version text\n);\nALTER TABLE ONLY public.schema_migrations\n    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);\n";
        let b = "CREATE TABLE public.t (\n    b text,\n    a integer\n);\n";
        let c = compare_loosely(a, b, &["schema_migrations"]);
        assert_eq!((c.equal, c.expected_total, c.actual_total), (1, 1, 1));
        let c = compare(a, b);
        assert_eq!(c.equal, 0);
    }
}
