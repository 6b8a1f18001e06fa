//! Consistency checks on one schema: every reference points at something that exists.

use thiserror::Error;

use super::{Constraint, Schema};

/// A schema that refers to something it does not have.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelError {
    #[error("{schema} schema: {object} of table `{table}` names column `{column}`, which the table does not have")]
    UnknownColumn {
        schema: String,
        table: String,
        object: String,
        column: String,
    },
    #[error("{schema} schema: foreign key `{constraint}` of table `{table}` references table `{target}`, which the schema does not have")]
    UnknownReferencedTable {
        schema: String,
        table: String,
        constraint: String,
        target: String,
    },
    #[error("{schema} schema: trigger `{trigger}` on table `{table}` calls function `{function}`, which the schema does not have")]
    UnknownTriggerFunction {
        schema: String,
        table: String,
        trigger: String,
        function: String,
    },
    #[error("{schema} schema: table `{table}` has more than one primary key")]
    TwoPrimaryKeys { schema: String, table: String },
    #[error("{schema} schema: extension_schemas names extension `{extension}`, which extensions does not list")]
    UnknownExtension { schema: String, extension: String },
    #[error(
        "{schema} schema: extension `{extension}` is in public, which extension_schemas leaves out"
    )]
    PublicExtensionSchema { schema: String, extension: String },
    #[error("{schema} schema: {object} `{name}` has no columns")]
    Empty {
        schema: String,
        object: String,
        name: String,
    },
}

/// Check that every constraint, index and trigger of `schema` refers to columns,
/// tables and functions it has. `label` names the schema in messages ("origin", ...).
pub fn validate_schema(label: &str, schema: &Schema) -> Result<(), ModelError> {
    let unknown = |table: &str, object: String, column: &str| ModelError::UnknownColumn {
        schema: label.to_string(),
        table: table.to_string(),
        object,
        column: column.to_string(),
    };
    for (extension, namespace) in &schema.extension_schemas {
        let (schema_label, extension) = (label.to_string(), extension.clone());
        if !schema.extensions.contains(&extension) {
            return Err(ModelError::UnknownExtension {
                schema: schema_label,
                extension,
            });
        }
        // One spelling for public (none), so that every reader's model compares equal.
        if namespace == "public" {
            return Err(ModelError::PublicExtensionSchema {
                schema: schema_label,
                extension,
            });
        }
    }
    for (tname, table) in &schema.tables {
        if table.columns.is_empty() {
            return Err(ModelError::Empty {
                schema: label.into(),
                object: "table".into(),
                name: tname.clone(),
            });
        }
        let mut primary_keys = 0;
        for (cname, constraint) in &table.constraints {
            let object = format!("{} `{cname}`", constraint.kind_name());
            if matches!(constraint, Constraint::PrimaryKey { .. }) {
                primary_keys += 1;
            }
            let keyed = !matches!(
                constraint,
                Constraint::Check { .. } | Constraint::Exclude { .. }
            );
            if keyed && constraint.columns().is_empty() {
                return Err(ModelError::Empty {
                    schema: label.into(),
                    object: format!("{} of table `{tname}`", constraint.kind_name()),
                    name: cname.clone(),
                });
            }
            for col in constraint.columns() {
                if !table.columns.contains_key(col) {
                    return Err(unknown(tname, object, col));
                }
            }
            if let Constraint::ForeignKey { references, .. } = constraint {
                let Some(target) = schema.tables.get(&references.table) else {
                    return Err(ModelError::UnknownReferencedTable {
                        schema: label.into(),
                        table: tname.clone(),
                        constraint: cname.clone(),
                        target: references.table.clone(),
                    });
                };
                for col in &references.columns {
                    if !target.columns.contains_key(col) {
                        return Err(unknown(&references.table, object.clone(), col));
                    }
                }
            }
        }
        if primary_keys > 1 {
            return Err(ModelError::TwoPrimaryKeys {
                schema: label.into(),
                table: tname.clone(),
            });
        }
        for (iname, index) in &table.indexes {
            if index.columns.is_empty() {
                return Err(ModelError::Empty {
                    schema: label.into(),
                    object: format!("index of table `{tname}`"),
                    name: iname.clone(),
                });
            }
            for col in index.key_columns().iter().chain(&index.include) {
                if !table.columns.contains_key(col) {
                    return Err(unknown(tname, format!("index `{iname}`"), col));
                }
            }
        }
        for (trname, trigger) in &table.triggers {
            if !schema.functions.contains_key(&trigger.function) {
                return Err(ModelError::UnknownTriggerFunction {
                    schema: label.into(),
                    table: tname.clone(),
                    trigger: trname.clone(),
                    function: trigger.function.clone(),
                });
            }
            for col in &trigger.update_of {
                if !table.columns.contains_key(col) {
                    return Err(unknown(tname, format!("trigger `{trname}`"), col));
                }
            }
        }
    }
    Ok(())
}
