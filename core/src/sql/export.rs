//! A schema as plain `CREATE` statements (no guards, no transaction): what a database
//! built from scratch to that schema runs. `export --format sql` prints it.

use indexmap::IndexSet;

use super::ddl;
use crate::model::{Constraint, Schema};
use crate::pg::{quote_ident, quote_literal, quote_qualified};
use crate::plan::creation_order;

pub fn schema_sql(schema: &Schema) -> String {
    let mut out = Vec::new();
    for name in schema.namespaces() {
        let comment = schema.schemas.get(&name).and_then(|n| n.comment.as_deref());
        // public is there already.
        out.push(ddl::create_schema(&name, comment, name == "public"));
    }
    for ext in &schema.extensions {
        out.push(ddl::create_extension(ext, schema.extension_schema(ext)));
    }
    for (name, e) in &schema.enums {
        let labels = e
            .labels
            .iter()
            .map(|l| quote_literal(l))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(format!(
            "CREATE TYPE {} AS ENUM ({labels});",
            quote_qualified(name)
        ));
    }
    for (name, seq) in &schema.sequences {
        out.push(ddl::create_sequence(name, seq, false));
    }
    // A function a table calls comes before the tables; the others after them (a SQL
    // function's body is checked against the tables it reads when it is made).
    let early = schema.called_by_tables();
    let function = |name: &String| {
        schema.functions.get(name).map(|f| {
            ddl::create_function(name, f).replacen(
                "CREATE OR REPLACE FUNCTION",
                "CREATE FUNCTION",
                1,
            )
        })
    };
    out.extend(
        schema
            .functions
            .keys()
            .filter(|f| early.contains(*f))
            .filter_map(function),
    );
    let order = creation_order(
        schema,
        schema.tables.keys().cloned().collect(),
        &IndexSet::new(),
    );
    let mut created: IndexSet<&str> = IndexSet::new();
    let mut late = Vec::new();
    for name in &order {
        let Some(table) = schema.tables.get(name) else {
            continue;
        };
        let mut inline = Vec::new();
        for (cname, c) in &table.constraints {
            let waits = matches!(c, Constraint::ForeignKey { references, .. }
                if references.table != *name && !created.contains(references.table.as_str()));
            // Only ALTER TABLE ... ADD can leave a constraint NOT VALID.
            if waits || c.not_valid() {
                late.push(ddl::add_constraint(name, cname, c));
            } else {
                inline.push((cname, c));
            }
        }
        out.push(ddl::create_table(name, table, inline, false));
        out.extend(ddl::row_security(
            name,
            table.row_security.then_some(true),
            table.force_row_security.then_some(true),
        ));
        if let Some(comment) = &table.comment {
            let on = format!("TABLE {}", quote_qualified(name));
            out.push(ddl::comment_on(&on, Some(comment)));
        }
        for (iname, index) in &table.indexes {
            out.push(ddl::create_index(name, iname, index).replacen(" IF NOT EXISTS", "", 1));
        }
        for (cname, col) in &table.columns {
            if let Some(comment) = &col.comment {
                out.push(format!(
                    "COMMENT ON COLUMN {}.{} IS {};",
                    quote_qualified(name),
                    quote_ident(cname),
                    quote_literal(comment)
                ));
            }
        }
        created.insert(name.as_str());
    }
    out.extend(late);
    out.extend(
        schema
            .functions
            .keys()
            .filter(|f| !early.contains(*f))
            .filter_map(function),
    );
    for (tname, table) in &schema.tables {
        for (cname, c) in &table.constraints {
            if let Some(comment) = c.comment() {
                let on = format!(
                    "CONSTRAINT {} ON {}",
                    quote_ident(cname),
                    quote_qualified(tname)
                );
                out.push(ddl::comment_on(&on, Some(comment)));
            }
        }
    }
    for (name, seq) in &schema.sequences {
        if let Some(owned_by) = &seq.owned_by {
            out.push(ddl::sequence_owned_by(name, owned_by));
        }
    }
    for (tname, table) in &schema.tables {
        for (name, trigger) in &table.triggers {
            out.push(ddl::create_trigger(tname, name, trigger).replacen(
                "CREATE OR REPLACE TRIGGER",
                "CREATE TRIGGER",
                1,
            ));
        }
    }
    let mut text = out.join("\n\n");
    text.push('\n');
    text
}
