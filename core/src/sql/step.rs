//! Each step as PostgreSQL text (`Display`), idempotent on its own.

use std::fmt;

use super::block::{do_block, guarded, if_then};
use super::ddl;
use super::guard;
use crate::model::value_sql as expr;
use crate::pg::{quote_ident, quote_literal, quote_qualified};
use crate::step::{Commented, Step};

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(self))
    }
}

fn render(step: &Step) -> String {
    match step {
        Step::CreateSchema { name, comment } => ddl::create_schema(name, comment.as_deref(), true),
        Step::CreateExtension { name, schema } => ddl::create_extension(name, schema.as_deref()),
        Step::ExtensionSchema { name, schema } => {
            let schema = schema.as_deref().unwrap_or("public");
            guarded(
                &guard::extension_schema_differs(name, schema),
                &format!(
                    "ALTER EXTENSION {} SET SCHEMA {};",
                    quote_ident(name),
                    quote_ident(schema)
                ),
            )
        }
        Step::CreateEnum { name, labels } => {
            let labels = labels
                .iter()
                .map(|l| quote_literal(l))
                .collect::<Vec<_>>()
                .join(", ");
            guarded(
                &format!("NOT {}", guard::type_exists(name)),
                &format!("CREATE TYPE {} AS ENUM ({labels});", quote_qualified(name)),
            )
        }
        Step::AddEnumLabel {
            type_name,
            label,
            after,
            before,
        } => {
            let place = match (after, before) {
                (Some(a), _) => format!(" AFTER {}", quote_literal(a)),
                (None, Some(b)) => format!(" BEFORE {}", quote_literal(b)),
                (None, None) => String::new(),
            };
            format!(
                "ALTER TYPE {} ADD VALUE IF NOT EXISTS {}{place};",
                quote_qualified(type_name),
                quote_literal(label)
            )
        }
        Step::CreateSequence { name, sequence } => ddl::create_sequence(name, sequence, true),
        Step::SequenceOwnedBy { name, owned_by } => ddl::sequence_owned_by(name, owned_by),
        Step::CreateTable { name, table } => {
            ddl::create_table(name, table, &table.constraints, true)
        }
        Step::RenameColumn { table, from, to } => guarded(
            &format!(
                "{} AND NOT {}",
                guard::column_exists(table, from),
                guard::column_exists(table, to)
            ),
            &format!(
                "ALTER TABLE {} RENAME COLUMN {} TO {};",
                quote_qualified(table),
                quote_ident(from),
                quote_ident(to)
            ),
        ),
        Step::RenameConstraint { table, from, to } => guarded(
            &format!(
                "{} AND NOT {}",
                guard::constraint_exists(table, from),
                guard::constraint_exists(table, to)
            ),
            &format!(
                "ALTER TABLE {} RENAME CONSTRAINT {} TO {};",
                quote_qualified(table),
                quote_ident(from),
                quote_ident(to)
            ),
        ),
        Step::ConvertColumn {
            table,
            column,
            to_type,
            map,
            valid,
            default,
        } => convert(table, column, to_type, map, valid, default.as_deref()),
        Step::AddColumn {
            table,
            name,
            column,
        } => format!(
            "ALTER TABLE {} ADD COLUMN IF NOT EXISTS {};{}",
            quote_qualified(table),
            ddl::column(name, column),
            ddl::column_settings(table, name, column)
        ),
        Step::AddConstraint {
            table,
            name,
            constraint,
        } => guarded(
            &format!("NOT {}", guard::constraint_exists(table, name)),
            &ddl::add_constraint(table, name, constraint),
        ),
        Step::RenameIndex { table, from, to } => {
            // An index lives in its table's schema.
            let schema = crate::pg::split_key(table).0.unwrap_or("public");
            guarded(
                &format!(
                    "{} AND NOT {}",
                    guard::index_exists(table, from),
                    guard::relation_exists(&crate::pg::key_of(schema, to))
                ),
                &format!(
                    "ALTER INDEX {} RENAME TO {};",
                    quote_qualified(&crate::pg::key_of(schema, from)),
                    quote_ident(to)
                ),
            )
        }
        Step::CreateIndex { table, name, index } => ddl::create_index(table, name, index),
        Step::ColumnCollation {
            table,
            column,
            data_type,
            collation,
        } => guarded(
            &guard::column_collation_differs(table, column, collation.as_deref()),
            &format!(
                "ALTER TABLE {} ALTER COLUMN {} TYPE {data_type}{};",
                quote_qualified(table),
                quote_ident(column),
                // Without COLLATE the type's default: `COLLATE "default"` would be the
                // database's, which is not a `name` column's ("C").
                collation
                    .as_deref()
                    .map(|c| format!(" COLLATE {c}"))
                    .unwrap_or_default()
            ),
        ),
        Step::ColumnSettings {
            table,
            name,
            column,
        } => ddl::column_settings(table, name, column)
            .trim_start()
            .to_string(),
        Step::TableOptions {
            table,
            unlogged,
            with,
            row_security,
            force_row_security,
        } => {
            let t = quote_qualified(table);
            let mut s = Vec::new();
            if let Some(unlogged) = unlogged {
                let how = if *unlogged { "UNLOGGED" } else { "LOGGED" };
                s.push(format!("ALTER TABLE {t} SET {how};"));
            }
            if !with.is_empty() {
                s.push(format!(
                    "ALTER TABLE {t} SET {};",
                    crate::model::param_list(with)
                ));
            }
            s.extend(ddl::row_security(table, *row_security, *force_row_security));
            s.join("\n")
        }
        Step::Comment { on, comment } => {
            let on = match on {
                Commented::Table { table } => format!("TABLE {}", quote_qualified(table)),
                Commented::Constraint { table, name } => {
                    format!(
                        "CONSTRAINT {} ON {}",
                        quote_ident(name),
                        quote_qualified(table)
                    )
                }
            };
            ddl::comment_on(&on, comment.as_deref())
        }
        Step::CommentOnColumn {
            table,
            column,
            comment,
        } => format!(
            "COMMENT ON COLUMN {}.{} IS {};",
            quote_qualified(table),
            quote_ident(column),
            comment
                .as_deref()
                .map_or_else(|| "NULL".to_string(), quote_literal)
        ),
        Step::CreateFunction { name, function } => ddl::create_function(name, function),
        Step::CreateTrigger {
            table,
            name,
            trigger,
        } => ddl::create_trigger(table, name, trigger),
        Step::Backfill(b) => super::backfill::render(b),
    }
}

/// The in-place conversion: check every value first and refuse, naming each value the
/// map does not accept; then change the type (and the default, which cannot follow).
fn convert(
    table: &str,
    column: &str,
    to_type: &str,
    map: &crate::model::ValueMap,
    valid: &[crate::model::Literal],
    default: Option<&str>,
) -> String {
    let t = quote_qualified(table);
    let c = quote_ident(column);
    let mut body = Vec::new();
    if map.can_refuse() {
        let normalized = expr::normalized(&c, &map.normalize);
        let outside = if valid.is_empty() {
            String::new()
        } else {
            let list = valid
                .iter()
                .map(expr::literal)
                .collect::<Vec<_>>()
                .join(", ");
            format!(" AND {normalized} NOT IN ({list})")
        };
        body.push(format!(
            "SELECT pg_catalog.string_agg(pg_catalog.quote_literal(v), ', ' ORDER BY v) INTO offending\nFROM (SELECT DISTINCT {c}::text AS v FROM {t} WHERE {c} IS NOT NULL{outside}) AS outside_the_mapping;"
        ));
        body.push(if_then(
            "offending IS NOT NULL",
            &format!(
                "RAISE EXCEPTION 'cannot convert %.% to %: value(s) outside the mapping: %', {}, {}, {}, offending\n    USING HINT = 'Fix those rows (or extend the mapping), then run the migrations again; this file changed nothing.';",
                quote_literal(table),
                quote_literal(column),
                quote_literal(to_type)
            ),
        ));
    }
    body.push(format!("ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT;"));
    body.push(format!(
        "ALTER TABLE {t} ALTER COLUMN {c} TYPE {to_type} USING {};",
        expr::map(&c, map, Some(to_type))
    ));
    if let Some(d) = default {
        body.push(format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {d};"));
    }
    let declare: &[&str] = if map.can_refuse() {
        &["offending text;"]
    } else {
        &[]
    };
    do_block(
        declare,
        &if_then(
            &guard::column_type_differs(table, column, to_type),
            &body.join("\n"),
        ),
    )
}
