//! Renaming a column, in one place: the column itself and everything that refers to it
//! by name (constraint and index column lists, check expressions and index predicates,
//! `UPDATE OF` lists, foreign keys of any table). The SQL reader replays `RENAME
//! COLUMN` with it; the end state keeps legacy names with it; the diff reads the
//! current schema through it.

use super::{Constraint, Index, IndexKey, KeyTarget, Schema, Table, Trigger};
use crate::pg::refs;

/// A column mapping: the new name of a column, or `None` when it stays.
pub type Renames<'a> = &'a dyn Fn(&str) -> Option<String>;

fn list(columns: &[String], rename: Renames) -> Vec<String> {
    columns
        .iter()
        .map(|c| rename(c).unwrap_or_else(|| c.clone()))
        .collect()
}

impl Constraint {
    /// The constraint with the columns of its own table renamed, inside a check's
    /// expression too (as PostgreSQL prints it and as written).
    pub fn map_columns(&self, rename: Renames) -> Constraint {
        let mut c = self.clone();
        match &mut c {
            Constraint::PrimaryKey { columns, index, .. }
            | Constraint::Unique { columns, index, .. } => {
                *columns = list(columns, rename);
                index.include = list(&index.include, rename);
            }
            Constraint::Check {
                expression, source, ..
            } => {
                *expression = refs::map_columns(expression, rename);
                *source = source.as_deref().map(|s| refs::map_written(s, rename));
            }
            Constraint::ForeignKey { columns, .. } => *columns = list(columns, rename),
            Constraint::Exclude {
                elements,
                index,
                predicate,
                ..
            } => {
                for e in elements {
                    e.key = e.key.map_columns(rename);
                }
                index.include = list(&index.include, rename);
                *predicate = predicate.as_deref().map(|p| refs::map_columns(p, rename));
            }
        }
        c
    }
}

impl IndexKey {
    /// The key with its column renamed, or the columns inside its expression.
    pub fn map_columns(&self, rename: Renames) -> IndexKey {
        let target = match &self.target {
            KeyTarget::Column(c) => KeyTarget::Column(rename(c).unwrap_or_else(|| c.clone())),
            KeyTarget::Expression(e) => KeyTarget::Expression(refs::map_columns(e, rename)),
        };
        IndexKey {
            target,
            ..self.clone()
        }
    }
}

impl Index {
    /// The index with its columns renamed, in its expressions and predicate too.
    pub fn map_columns(&self, rename: Renames) -> Index {
        Index {
            columns: self.columns.iter().map(|k| k.map_columns(rename)).collect(),
            include: list(&self.include, rename),
            predicate: self
                .predicate
                .as_deref()
                .map(|p| refs::map_columns(p, rename)),
            ..self.clone()
        }
    }
}

impl Trigger {
    /// The trigger with its `UPDATE OF` columns renamed.
    pub fn map_columns(&self, rename: Renames) -> Trigger {
        Trigger {
            update_of: list(&self.update_of, rename),
            ..self.clone()
        }
    }
}

impl Table {
    /// Rename columns of this table and every reference the table itself makes to them.
    /// Foreign keys that other tables point at it with go through [`Schema::rename_column`].
    pub fn map_columns(&mut self, rename: Renames) {
        self.columns = std::mem::take(&mut self.columns)
            .into_iter()
            .map(|(name, col)| (rename(&name).unwrap_or(name), col))
            .collect();
        for c in self.constraints.values_mut() {
            *c = c.map_columns(rename);
        }
        for i in self.indexes.values_mut() {
            *i = i.map_columns(rename);
        }
        for t in self.triggers.values_mut() {
            *t = t.map_columns(rename);
        }
    }
}

impl Schema {
    /// Rename column `from` of `table` to `to`, wherever the schema refers to it.
    /// Constraint and index *names* stay: PostgreSQL keeps them too.
    pub fn rename_column(&mut self, table: &str, from: &str, to: &str) {
        let rename = |c: &str| (c == from).then(|| to.to_string());
        if let Some(t) = self.tables.get_mut(table) {
            t.map_columns(&rename);
        }
        for s in self.sequences.values_mut() {
            if let Some(o) = s
                .owned_by
                .as_mut()
                .filter(|o| o.table == table && o.column == from)
            {
                o.column = to.to_string();
            }
        }
        for t in self.tables.values_mut() {
            for c in t.constraints.values_mut() {
                if let Constraint::ForeignKey { references, .. } = c {
                    if references.table == table {
                        references.columns = list(&references.columns, &rename);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Reference};

    #[test]
    fn a_rename_reaches_every_reference() {
        let mut t = Table::default();
        t.columns.insert("a".into(), Column::new("integer"));
        t.columns.insert("b".into(), Column::new("integer"));
        t.constraints.insert(
            "t_a_check".into(),
            Constraint::check(
                "((a > 0) AND (b > a))".into(),
                Some("A > 0 AND b > a".into()),
            ),
        );
        t.constraints.insert(
            "t_a_fkey".into(),
            Constraint::foreign_key(
                vec!["a".into()],
                Reference {
                    table: "t".into(),
                    columns: vec!["b".into()],
                },
                Default::default(),
                Default::default(),
            ),
        );
        let mut index = Index::on(&["a"]);
        index.predicate = Some("(a IS NOT NULL)".into());
        t.indexes.insert("t_a".into(), index);
        let mut schema = Schema::default();
        schema.tables.insert("t".into(), t);
        schema.rename_column("t", "a", "Order");
        schema.rename_column("t", "b", "c");
        let t = &schema.tables["t"];
        assert_eq!(t.columns.keys().collect::<Vec<_>>(), ["Order", "c"]);
        assert_eq!(
            t.constraints["t_a_check"],
            Constraint::check(
                "((\"Order\" > 0) AND (c > \"Order\"))".into(),
                Some("\"Order\" > 0 AND c > \"Order\"".into())
            )
        );
        let Constraint::ForeignKey {
            columns,
            references,
            ..
        } = &t.constraints["t_a_fkey"]
        else {
            panic!("not a foreign key")
        };
        assert_eq!(
            (columns[0].as_str(), references.columns[0].as_str()),
            ("Order", "c")
        );
        assert_eq!(t.indexes["t_a"].key_columns(), ["Order"]);
        assert_eq!(
            t.indexes["t_a"].predicate.as_deref(),
            Some("(\"Order\" IS NOT NULL)")
        );
    }
}
