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

pub fn compare(expected: &str, actual: &str) -> Comparison {
    let (e, a) = (statements(expected), statements(actual));
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
