//! Names as PostgreSQL sees them: unquoted identifiers fold to lower case and every
//! identifier is cut to 63 bytes; objects live in `public`; unnamed objects get the
//! names PostgreSQL would choose.

use sqlparser::ast::{Ident, ObjectName, ObjectNamePart};

use crate::pg::names::{default_constraint_name, MAX_IDENTIFIER_BYTES};

/// An identifier as PostgreSQL stores it: unquoted ones fold to lower case (ASCII only,
/// as in a UTF-8 database), then everything past 63 bytes is dropped.
pub fn ident(id: &Ident) -> String {
    let name = if id.quote_style.is_some() {
        id.value.clone()
    } else {
        id.value.to_ascii_lowercase()
    };
    truncate(name)
}

/// `name` cut to 63 bytes on a character boundary, as PostgreSQL truncates identifiers.
pub fn truncate(mut name: String) -> String {
    if name.len() > MAX_IDENTIFIER_BYTES {
        let mut end = MAX_IDENTIFIER_BYTES;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name.truncate(end);
    }
    name
}

/// An operator class as `pg_get_indexdef` names it: quoted when it must be, and
/// schema-qualified outside `pg_catalog` and `public` (where it is not visible).
pub fn opclass(parts: &[String]) -> Option<String> {
    use crate::pg::quote_ident;
    match parts {
        [.., schema, name] if schema != "pg_catalog" && schema != "public" => {
            Some(format!("{}.{}", quote_ident(schema), quote_ident(name)))
        }
        [.., name] => Some(quote_ident(name)),
        [] => None,
    }
}

/// The parts of an object name, folded.
pub fn parts(name: &ObjectName) -> Vec<String> {
    name.0
        .iter()
        .map(|part| match part {
            ObjectNamePart::Identifier(id) => ident(id),
            other => other.to_string(),
        })
        .collect()
}

/// The model key of an object: its name in `public` (or unqualified), `schema.name`
/// in any other schema; a database-qualified name is refused.
pub fn local(name: &ObjectName) -> Result<String, String> {
    let parts = parts(name);
    match parts.as_slice() {
        [one] => Ok(one.clone()),
        [schema, one] => Ok(crate::pg::key_of(schema, one)),
        _ => Err(format!(
            "{name}: a name qualified with a database is not modelled"
        )),
    }
}

/// The first free name of PostgreSQL's `ChooseRelationName` / `ChooseConstraintName`:
/// `<table>_<columns>_<label>`, then `<label>1`, `<label>2`, ... while `taken`.
pub fn choose(
    table: &str,
    columns: &[String],
    label: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    // Named after the table's own name: the object lives in the table's schema.
    let table = crate::pg::split_key(table).1;
    let mut pass = 0usize;
    loop {
        let label = if pass == 0 {
            label.to_string()
        } else {
            format!("{label}{pass}")
        };
        let name = default_constraint_name(table, columns, &label);
        // The bound only keeps a corrupt `taken` from looping forever.
        if !taken(&name) || pass > 100_000 {
            return name;
        }
        pass += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_classes_are_named_as_pg_get_indexdef_names_them() {
        let parts = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let class = |p: &[&str]| opclass(&parts(p));
        assert_eq!(
            class(&["text_pattern_ops"]).as_deref(),
            Some("text_pattern_ops")
        );
        assert_eq!(
            class(&["public", "gist_trgm_ops"]).as_deref(),
            Some("gist_trgm_ops")
        );
        assert_eq!(
            class(&["pg_catalog", "int4_ops"]).as_deref(),
            Some("int4_ops")
        );
        assert_eq!(
            class(&["ext", "gist_trgm_ops"]).as_deref(),
            Some("ext.gist_trgm_ops")
        );
        assert_eq!(
            class(&["Ext", "My_ops"]).as_deref(),
            Some("\"Ext\".\"My_ops\"")
        );
        assert_eq!(class(&[]), None);
    }

    #[test]
    fn folds_unquoted_and_keeps_quoted() {
        assert_eq!(ident(&Ident::new("Users")), "users");
        assert_eq!(ident(&Ident::with_quote('"', "Users")), "Users");
        let long = "x".repeat(70);
        assert_eq!(ident(&Ident::new(long)).len(), 63);
    }

    #[test]
    fn choose_numbers_taken_names() {
        let taken = |n: &str| n == "t_a_idx" || n == "t_a_idx1";
        assert_eq!(choose("t", &["a".to_string()], "idx", taken), "t_a_idx2");
        assert_eq!(choose("t", &[], "check", |_| false), "t_check");
    }
}
