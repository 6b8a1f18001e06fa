//! DBML (dbdiagram.io): `Enum` blocks, `Table` blocks (column settings `pk`, `unique`,
//! `not null`, `default`, `note`; an `indexes` block for composite keys and indexes; a
//! `checks` block), and a `Ref` per foreign key.
//!
//! Names are bare when they are plain words and not DBML keywords, otherwise in double
//! quotes with `\` and `"` escaped; strings in single quotes with `\`, `'` and line
//! breaks escaped; defaults and checks as `` `expression` `` (DBML cannot escape a
//! backtick: such a default is written as a string).

use super::{foreign_keys, is_unique, one_line, ForeignKey};
use crate::model::{Column, Constraint, FkAction, Index, KeyTarget, Schema, Table};

/// The schema as DBML.
pub fn dbml(schema: &Schema) -> String {
    let mut blocks: Vec<String> = Vec::new();
    for (name, e) in &schema.enums {
        let labels: String = e
            .labels
            .iter()
            .map(|l| format!("  {}\n", ident(l)))
            .collect();
        blocks.push(format!("Enum {} {{\n{labels}}}\n", ident(name)));
    }
    for (name, table) in &schema.tables {
        blocks.push(table_block(name, table));
    }
    let refs: String = foreign_keys(schema)
        .iter()
        .map(|fk| reference(schema, fk))
        .collect();
    if !refs.is_empty() {
        blocks.push(refs);
    }
    blocks.join("\n")
}

/// A `Ref` line; a comment when DBML would refuse it (a table or column outside the
/// schema, a key that references itself).
fn reference(schema: &Schema, fk: &ForeignKey) -> String {
    let has = |table: &str, cols: &[String]| {
        schema
            .tables
            .get(table)
            .is_some_and(|t| cols.iter().all(|c| t.columns.contains_key(c)))
    };
    let line = format!(
        "{}.{} {} {}.{}",
        ident(fk.table),
        columns(fk.columns),
        if schema
            .tables
            .get(fk.table)
            .is_some_and(|t| is_unique(t, fk.columns))
        {
            "-"
        } else {
            ">"
        },
        ident(&fk.references.table),
        columns(&fk.references.columns),
    );
    let to_itself =
        fk.table == fk.references.table && fk.columns == fk.references.columns.as_slice();
    if !has(fk.table, fk.columns) || !has(&fk.references.table, &fk.references.columns) || to_itself
    {
        return format!(
            "// Ref {}: {line} (not drawn: DBML cannot hold it)\n",
            one_line(fk.name)
        );
    }
    let actions: Vec<String> = [("delete", fk.on_delete), ("update", fk.on_update)]
        .into_iter()
        .filter(|(_, action)| *action != FkAction::NoAction)
        .map(|(what, action)| format!("{what}: {}", action_name(action)))
        .collect();
    let settings = if actions.is_empty() {
        String::new()
    } else {
        format!(" [{}]", actions.join(", "))
    };
    format!("Ref {}: {line}{settings}\n", ident(fk.name))
}

fn table_block(name: &str, table: &Table) -> String {
    if table.columns.is_empty() {
        return format!("// Table {} has no column (DBML needs one)\n", ident(name));
    }
    let mut out = format!("Table {} {{\n", ident(name));
    let single = |cols: &[String], col: &str| cols.len() == 1 && cols[0] == col;
    for (col, c) in &table.columns {
        let mut settings = Vec::new();
        for k in table.constraints.values() {
            match k {
                Constraint::PrimaryKey { columns, .. } if single(columns, col) => {
                    settings.push("pk".to_string())
                }
                Constraint::Unique { columns, .. } if single(columns, col) => {
                    settings.push("unique".to_string())
                }
                _ => {}
            }
        }
        settings.extend(column_settings(c));
        let settings = if settings.is_empty() {
            String::new()
        } else {
            format!(" [{}]", settings.join(", "))
        };
        out.push_str(&format!(
            "  {} {}{settings}\n",
            ident(col),
            type_name(&c.data_type)
        ));
    }
    let mut indexes = Vec::new();
    let mut checks = Vec::new();
    for (cname, k) in &table.constraints {
        match k {
            Constraint::PrimaryKey { columns: cols, .. }
            | Constraint::Unique { columns: cols, .. }
                if cols.len() > 1 =>
            {
                let kind = if matches!(k, Constraint::PrimaryKey { .. }) {
                    "pk"
                } else {
                    "unique"
                };
                indexes.push(format!(
                    "{} [{kind}, name: {}]",
                    index_columns(table, cols),
                    string(cname)
                ));
            }
            Constraint::Check { expression, .. } if !expression.contains('`') => {
                checks.push(format!(
                    "`{}` [name: {}]",
                    one_line(expression),
                    string(cname)
                ));
            }
            _ => {}
        }
    }
    for (iname, index) in &table.indexes {
        let mut settings = Vec::new();
        if index.unique {
            settings.push("unique".to_string());
        }
        if let Some(method) = index.method.as_deref().filter(|m| is_word(m)) {
            settings.push(format!("type: {method}"));
        }
        settings.push(format!("name: {}", string(iname)));
        if let Some(predicate) = &index.predicate {
            settings.push(format!("note: {}", string(&format!("WHERE {predicate}"))));
        }
        indexes.push(format!(
            "{} [{}]",
            index_columns(table, &index_keys(index)),
            settings.join(", ")
        ));
    }
    for (block, lines) in [("indexes", indexes), ("checks", checks)] {
        if !lines.is_empty() {
            out.push_str(&format!("\n  {block} {{\n"));
            for line in lines {
                out.push_str(&format!("    {line}\n"));
            }
            out.push_str("  }\n");
        }
    }
    out.push_str("}\n");
    out
}

fn column_settings(c: &Column) -> Vec<String> {
    let mut settings = Vec::new();
    if c.not_null {
        settings.push("not null".to_string());
    }
    if let Some(d) = &c.default {
        settings.push(format!("default: {}", default(d)));
    }
    if let Some(comment) = &c.comment {
        settings.push(format!("note: {}", string(comment)));
    }
    settings
}

/// A number or boolean as itself, `NULL` as `null`, anything else as an expression.
fn default(expr: &str) -> String {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let unsigned = expr.strip_prefix('-').unwrap_or(expr);
    let number = match unsigned.split_once('.') {
        Some((int, frac)) => digits(int) && digits(frac),
        None => digits(unsigned),
    };
    if number || expr == "true" || expr == "false" {
        expr.to_string()
    } else if expr.eq_ignore_ascii_case("null") {
        "null".to_string()
    } else if expr.contains('`') {
        string(expr)
    } else {
        format!("`{}`", one_line(expr))
    }
}

/// A type as DBML reads it; a quoted PostgreSQL name (an enum) becomes that name.
fn type_name(t: &str) -> String {
    if let Some(inner) = t.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        if !inner.replace("\"\"", "").contains('"') {
            return ident(&inner.replace("\"\"", "\""));
        }
    }
    // `varchar(20)`, `numeric(10,2)`, `int[]`: a word, arguments, array brackets.
    let (base, rest) = t.split_at(t.find(['(', '[']).unwrap_or(t.len()));
    let (args, brackets) = match rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((args, after)) => (Some(args), after),
        None => (None, rest),
    };
    let args_ok = args.is_none_or(|a| {
        a.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == ' ')
    });
    let brackets_ok = brackets.split("[]").all(str::is_empty);
    if is_word(base) && args_ok && brackets_ok {
        t.to_string()
    } else {
        quoted(t)
    }
}

/// Index columns: `a` or `(a, b)`; what is not a column of the table is an expression.
/// Each key as a column name or, for an expression, its text.
fn index_keys(index: &Index) -> Vec<String> {
    index
        .columns
        .iter()
        .map(|k| match &k.target {
            KeyTarget::Column(c) => c.clone(),
            KeyTarget::Expression(e) => e.clone(),
        })
        .collect()
}

fn index_columns(table: &Table, cols: &[String]) -> String {
    let each: Vec<String> = cols
        .iter()
        .map(|c| {
            if table.columns.contains_key(c) || c.contains('`') {
                ident(c)
            } else {
                format!("`{}`", one_line(c))
            }
        })
        .collect();
    match each.as_slice() {
        [one] => one.clone(),
        _ => format!("({})", each.join(", ")),
    }
}

fn columns(cols: &[String]) -> String {
    match cols {
        [one] => ident(one),
        _ => format!(
            "({})",
            cols.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn action_name(a: FkAction) -> &'static str {
    match a {
        FkAction::NoAction => "no action",
        FkAction::Restrict => "restrict",
        FkAction::Cascade => "cascade",
        FkAction::SetNull => "set null",
        FkAction::SetDefault => "set default",
    }
}

const KEYWORDS: &[&str] = &[
    "table",
    "tablegroup",
    "tablepartial",
    "ref",
    "enum",
    "project",
    "note",
    "indexes",
    "checks",
    "records",
    "as",
    "null",
    "true",
    "false",
];

fn is_word(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A name: bare when it is a plain word and not a keyword, otherwise quoted.
fn ident(name: &str) -> String {
    if is_word(name) && !KEYWORDS.contains(&name.to_ascii_lowercase().as_str()) {
        name.to_string()
    } else {
        quoted(name)
    }
}

/// A double-quoted name (an empty one, which DBML refuses, becomes `_`).
fn quoted(name: &str) -> String {
    let name = if name.is_empty() { "_" } else { name };
    format!(
        "\"{}\"",
        one_line(&name.replace('\\', "\\\\").replace('"', "\\\""))
    )
}

/// A single-quoted string.
fn string(s: &str) -> String {
    let escaped = s
        .replace('\\', "\\\\")
        .replace('\'', "\\'")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t");
    format!("'{}'", one_line(&escaped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::fixture::awkward;

    #[test]
    fn types() {
        assert_eq!(type_name("uuid"), "uuid");
        assert_eq!(type_name("numeric(10,2)"), "numeric(10,2)");
        assert_eq!(type_name("integer[]"), "integer[]");
        assert_eq!(
            type_name("character varying(255)"),
            "\"character varying(255)\""
        );
        assert_eq!(type_name("\"order state\""), "\"order state\"");
        assert_eq!(type_name("\"a\"\"b\""), "\"a\\\"b\"");
        assert_eq!(type_name("\"char\""), "char");
        assert_eq!(
            type_name("timestamp(3) with time zone"),
            "\"timestamp(3) with time zone\""
        );
    }

    #[test]
    fn defaults() {
        assert_eq!(default("0"), "0");
        assert_eq!(default("-1.5"), "-1.5");
        assert_eq!(default("false"), "false");
        assert_eq!(default("NULL"), "null");
        assert_eq!(default("now()"), "`now()`");
        assert_eq!(default("'user'::user_role"), "`'user'::user_role`");
        assert_eq!(default("'a`b'::text"), "'\\'a`b\\'::text'");
        assert_eq!(default("1."), "`1.`");
    }

    #[test]
    fn names() {
        assert_eq!(ident("users"), "users");
        assert_eq!(ident("Note"), "\"Note\"");
        assert_eq!(ident("order lines"), "\"order lines\"");
        assert_eq!(ident("say \"hi\" \\"), "\"say \\\"hi\\\" \\\\\"");
        assert_eq!(ident(""), "\"_\"");
        assert_eq!(string("it's\na \\"), "'it\\'s\\na \\\\'");
    }

    #[test]
    fn awkward_names() {
        let expected = r#"Enum "order state" {
  new
  "it's \"done\""
  "a\\b"
}

Table user {
  id uuid [pk, not null, default: `gen_random_uuid()`]
  "e-mail" "character varying(255)" [unique, not null]
  pk integer [default: 0]
  "Note \"x\"" char [note: 'say "hi"\nnext <b>&</b>']
}

Table "order lines" {
  order uuid [not null]
  "user id" uuid
  state "order state" [default: `'new'::"order state"`]
  price numeric(10,2) [default: 1.5]

  indexes {
    (order, "user id") [pk, name: 'order lines_pkey']
    state [name: 'by state', note: 'WHERE (state <> \'new\'::"order state")']
  }
}

Ref "fk \"user\"": "order lines"."user id" > user.id [delete: set null]
"#;
        assert_eq!(dbml(&awkward()), expected);
    }

    #[test]
    fn refs_dbml_cannot_hold_are_comments() {
        let mut schema = awkward();
        schema.tables.shift_remove("user");
        let out = dbml(&schema);
        let line = "// Ref fk \"user\": \"order lines\".\"user id\" > user.id (not drawn: DBML cannot hold it)\n";
        assert!(out.ends_with(line), "{out}");
    }

    #[test]
    fn a_table_without_columns_is_a_comment() {
        let mut schema = Schema::default();
        schema.tables.insert("empty".into(), Table::default());
        assert_eq!(
            dbml(&schema),
            "// Table empty has no column (DBML needs one)\n"
        );
    }
}
