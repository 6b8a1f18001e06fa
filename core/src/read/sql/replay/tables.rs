//! CREATE TABLE.

use sqlparser::ast::{CreateTable, CreateTableOptions, TableConstraint};

use super::super::names;
use super::columns::{self, Inline};
use super::{constraints, options, Done, Fail, Holder, Replay};
use crate::model::Table;

pub fn create(r: &mut Replay, ct: &CreateTable) -> Done {
    let name = match names::local(&ct.name) {
        Ok(n) => n,
        Err(why) => {
            r.refuse(Holder::Statement, format!("table {}", ct.name), why);
            return Ok(());
        }
    };
    if ct.temporary {
        r.warn(format!(
            "CREATE TEMPORARY TABLE {name}: temporary tables are not part of the schema; skipped"
        ));
        // Its name is taken for the session: a later DROP TABLE of it is quiet.
        r.opaque.relations.insert(name);
        return Ok(());
    }
    if crate::read::is_runner_table(&name) {
        // The migration runner makes its own table; statements about it are quiet.
        r.opaque.runner.insert(name.clone());
        r.opaque.relations.insert(name);
        return Ok(());
    }
    if r.relation_taken(&name) {
        if ct.if_not_exists {
            return Ok(());
        }
        return Err(Fail::Exists {
            kind: "relation",
            name,
        });
    }
    let unmodelled = if ct.query.is_some() {
        Some("CREATE TABLE ... AS")
    } else if ct.like.is_some() || ct.clone.is_some() {
        Some("CREATE TABLE ... LIKE")
    } else if ct.partition_of.is_some() {
        Some("CREATE TABLE ... PARTITION OF")
    } else {
        None
    };
    if let Some(what) = unmodelled {
        r.refuse(
            Holder::Relation(name.clone()),
            format!("table {name}"),
            format!("{what}: its columns come from elsewhere and are not modelled"),
        );
        return Ok(());
    }
    if ct.inherits.is_some() || ct.partition_by.is_some() {
        r.refuse(
            Holder::Table(name.clone()),
            format!("table {name}"),
            "INHERITS / PARTITION BY are not modelled",
        );
    }
    let with = match &ct.table_options {
        CreateTableOptions::None => Default::default(),
        CreateTableOptions::With(o) => options::table(o, &name)?,
        other => {
            r.refuse(
                Holder::Table(name.clone()),
                format!("table {name}"),
                format!("options `{other}` are not modelled"),
            );
            Default::default()
        }
    };
    r.schema.tables.insert(
        name.clone(),
        Table {
            unlogged: ct.unlogged,
            with,
            ..Table::default()
        },
    );
    let mut inline: Vec<Inline> = Vec::new();
    for def in &ct.columns {
        inline.extend(columns::add(r, &name, def)?);
    }
    let all: Vec<(Option<&str>, &TableConstraint)> = inline
        .iter()
        .map(|i| (Some(i.column.as_str()), &i.constraint))
        .chain(ct.constraints.iter().map(|c| (None, c)))
        .collect();
    // PostgreSQL names checks as it creates the table, then the indexes of keys, then
    // adds the foreign keys (which may refer to this table's own key).
    let pass = |c: &TableConstraint| match c {
        TableConstraint::Check(_) => 0,
        TableConstraint::PrimaryKey(_) | TableConstraint::Unique(_) => 1,
        TableConstraint::ForeignKey(_) => 2,
        _ => 3,
    };
    for round in 0..4 {
        for (column, c) in all.iter().filter(|(_, c)| pass(c) == round) {
            constraints::add(r, &name, c, *column, false)?;
        }
    }
    Ok(())
}
