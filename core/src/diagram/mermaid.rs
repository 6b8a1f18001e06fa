//! Mermaid `erDiagram`: an entity per table with its columns (type, name, PK/FK/UK and
//! a comment), a relationship per foreign key.
//!
//! Mermaid has no escapes. Entity names are always quoted and lose the characters a
//! quoted name cannot hold; attribute types and names must be single words, so other
//! characters become `_` and the exact name goes into the comment.

use indexmap::IndexMap;

use super::{all_not_null, foreign_keys, in_primary_key, is_unique, keys, one_line};
use crate::model::Schema;

/// The schema as a Mermaid `erDiagram`.
pub fn mermaid(schema: &Schema) -> String {
    let names = entity_names(schema);
    let entity = |table: &str| names.get(table).cloned().unwrap_or_default();
    let mut out = String::from("erDiagram\n");
    for (name, table) in &schema.tables {
        out.push_str(&format!("    {} {{\n", entity(name)));
        for (col, c) in &table.columns {
            let k = keys(table, col);
            let mut line = format!("        {} {}", word(&short_type(&c.data_type)), word(col));
            let marks: Vec<&str> = [(k.primary, "PK"), (k.foreign, "FK"), (k.unique, "UK")]
                .into_iter()
                .filter_map(|(on, mark)| on.then_some(mark))
                .collect();
            if !marks.is_empty() {
                line.push(' ');
                line.push_str(&marks.join(", "));
            }
            let mut notes: Vec<&str> = Vec::new();
            if word(col) != *col {
                notes.push(col);
            }
            notes.extend(c.comment.as_deref());
            if !notes.is_empty() {
                line.push_str(&format!(" {}", text(&notes.join(": "))));
            }
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str("    }\n");
    }
    for fk in foreign_keys(schema) {
        let Some(child) = schema.tables.get(fk.table) else {
            continue;
        };
        // Read from the parent: each child row has one parent (or none when nullable);
        // a parent has any number of children, or at most one when the key is unique.
        let parent_side = if all_not_null(child, fk.columns) {
            "||"
        } else {
            "|o"
        };
        let child_side = if is_unique(child, fk.columns) {
            "o|"
        } else {
            "o{"
        };
        let line = if in_primary_key(child, fk.columns) {
            "--"
        } else {
            ".."
        };
        out.push_str(&format!(
            "    {} {parent_side}{line}{child_side} {} : {}\n",
            entity(&fk.references.table),
            entity(fk.table),
            text(&fk.columns.join(", "))
        ));
    }
    out
}

/// Quoted entity names, one per table (and per referenced table outside the schema),
/// made unique when dropping characters makes two alike.
fn entity_names(schema: &Schema) -> IndexMap<String, String> {
    let mut tables: Vec<&str> = schema.tables.keys().map(String::as_str).collect();
    for fk in foreign_keys(schema) {
        tables.push(&fk.references.table);
    }
    let mut names: IndexMap<String, String> = IndexMap::new();
    for table in tables {
        if names.contains_key(table) {
            continue;
        }
        // A quoted name holds neither `"`, `%`, `\` nor a line break; `#x;` is an entity.
        let base: String = table
            .chars()
            .map(|c| {
                if "\"%\\#".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let base = if base.is_empty() {
            "_".to_string()
        } else {
            base
        };
        let mut name = format!("\"{base}\"");
        let mut n = 1;
        while names.values().any(|v| *v == name) {
            n += 1;
            name = format!("\"{base}_{n}\"");
        }
        names.insert(table.to_string(), name);
    }
    names
}

/// An attribute type or name: letters, digits, `_-[]()`, not starting like a key mark.
fn word(s: &str) -> String {
    let mut w: String = s
        .chars()
        .filter(|c| *c != '"')
        .map(|c| {
            if c.is_ascii_alphanumeric() || "_-[]()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let starts_with_letter = w
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    // `pk`, `FK-x`...: the lexer reads a PK/FK/UK mark before a word.
    let lower = w.to_ascii_lowercase();
    let mark = ["pk", "fk", "uk"].iter().any(|m| {
        lower.starts_with(m)
            && !lower[2..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
    });
    if !starts_with_letter || mark {
        w.insert(0, '_');
    }
    w
}

/// PostgreSQL's short spellings, so that most types stay one word.
fn short_type(t: &str) -> String {
    let mut t = t.to_string();
    for (long, short) in [
        ("character varying", "varchar"),
        ("bit varying", "varbit"),
        ("double precision", "float8"),
        ("timestamp with time zone", "timestamptz"),
        ("timestamp without time zone", "timestamp"),
        ("time with time zone", "timetz"),
        ("time without time zone", "time"),
    ] {
        t = t.replace(long, short);
    }
    if let Some(rest) = t.strip_prefix("character") {
        t = format!("char{rest}");
    }
    t
}

/// A quoted comment or label: no `"`, no line break, nothing the preprocessor reads.
fn text(s: &str) -> String {
    let s = one_line(s)
        .replace('"', "'")
        .replace('~', "-")
        .replace("%%", "% %");
    format!("\"{s}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::fixture::awkward;

    #[test]
    fn words_are_single_tokens() {
        assert_eq!(word("id"), "id");
        assert_eq!(word("e-mail"), "e-mail");
        assert_eq!(word("Note \"x\""), "Note_x");
        assert_eq!(word("pk"), "_pk");
        assert_eq!(word("FK-1"), "_FK-1");
        assert_eq!(word("pkey"), "pkey");
        assert_eq!(word("1st"), "_1st");
        assert_eq!(word("été"), "_t_");
        assert_eq!(word(&short_type("character varying(255)")), "varchar(255)");
        assert_eq!(word(&short_type("timestamp with time zone")), "timestamptz");
        assert_eq!(word(&short_type("numeric(10,2)")), "numeric(10_2)");
        assert_eq!(word(&short_type("\"char\"")), "char");
        assert_eq!(word(&short_type("character(1)[]")), "char(1)[]");
    }

    #[test]
    fn awkward_names() {
        let out = mermaid(&awkward());
        let expected = "erDiagram
    \"user\" {
        uuid id PK
        varchar(255) e-mail UK
        integer _pk \"pk\"
        char Note_x \"Note 'x': say 'hi' next <b>&</b>\"
    }
    \"order lines\" {
        uuid order PK
        uuid user_id PK, FK \"user id\"
        order_state state
        numeric(10_2) price
    }
    \"user\" ||--o{ \"order lines\" : \"user id\"
";
        assert_eq!(out, expected);
    }

    #[test]
    fn entity_names_stay_distinct() {
        let mut schema = awkward();
        let t = schema.tables["user"].clone();
        schema.tables.insert("a\"b".into(), t.clone());
        schema.tables.insert("a%b".into(), t);
        let out = mermaid(&schema);
        assert!(out.contains("    \"a_b\" {\n"), "{out}");
        assert!(out.contains("    \"a_b_2\" {\n"), "{out}");
    }
}
