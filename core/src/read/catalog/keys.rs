//! The keys of an index (its own, or the one backing a key or exclusion constraint) and
//! storage parameters, from the JSON the queries build ([`super::index_keys_json`],
//! [`super::options_json`]).

use serde::Deserialize;

use super::fields::Fields;
use super::CatalogError;
use crate::model::{IndexKey, KeyTarget, StorageParams};

/// `indoption` bits.
const DESC: i32 = 1;
const NULLS_FIRST: i32 = 2;

/// One element of [`super::index_keys_json`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyRow {
    column: Option<String>,
    text: String,
    key: bool,
    collation: Option<String>,
    opclass: Option<String>,
    /// The operator class's parameters, `[[name, value], ...]` (null for none).
    #[serde(default)]
    params: Option<Vec<(String, String)>>,
    option: i32,
}

/// An index's keys and its `INCLUDE` columns.
#[derive(Debug, Default)]
pub(super) struct Keys {
    pub(super) keys: Vec<IndexKey>,
    pub(super) include: Vec<String>,
}

/// The keys in column `i` (NULL: no index, no keys).
pub(super) fn read(f: &Fields<'_>, i: usize) -> Result<Keys, CatalogError> {
    let rows: Vec<KeyRow> = f.json(i)?;
    let mut keys = Keys::default();
    for r in rows {
        if !r.key {
            let name = r
                .column
                .ok_or_else(|| f.error(format!("column {}: an INCLUDE expression", i + 1)))?;
            keys.include.push(name);
            continue;
        }
        let key = match r.column {
            Some(c) => IndexKey::column(c),
            None => IndexKey::expression(r.text),
        };
        keys.keys.push(
            IndexKey {
                collation: r.collation,
                opclass: r.opclass,
                opclass_params: r.params.unwrap_or_default().into_iter().collect(),
                ..key
            }
            .ordered(r.option & DESC != 0, Some(r.option & NULLS_FIRST != 0)),
        );
    }
    Ok(keys)
}

/// The same keys without the collation of expression keys, if any had one. The query
/// compares an expression key's collation with its type's, where PostgreSQL compares it
/// with the expression's (`lower(c)` on a `COLLATE "C"` column is "C" already): when the
/// definition does not match, the caller tries this.
pub(super) fn without_expression_collations(keys: &[IndexKey]) -> Option<Vec<IndexKey>> {
    let is_expression_with_collation =
        |k: &IndexKey| matches!(k.target, KeyTarget::Expression(_)) && k.collation.is_some();
    if !keys.iter().any(is_expression_with_collation) {
        return None;
    }
    Some(
        keys.iter()
            .map(|k| match k.target {
                KeyTarget::Expression(_) => IndexKey {
                    collation: None,
                    ..k.clone()
                },
                KeyTarget::Column(_) => k.clone(),
            })
            .collect(),
    )
}

/// Storage parameters in column `i` (`[[name, value], ...]`, NULL for none).
pub(super) fn options(f: &Fields<'_>, i: usize) -> Result<StorageParams, CatalogError> {
    let pairs: Vec<(String, String)> = f.json(i)?;
    Ok(pairs.into_iter().collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn operator_class_parameters_are_read_in_order() {
        let row = vec![Some(
            r#"[{"column": "title", "text": "title", "key": true, "collation": null,
                 "opclass": "gist_trgm_ops", "params": [["siglen", "32"], ["x", "a b"]],
                 "option": 0},
                {"column": "id", "text": "id", "key": true, "collation": null,
                 "opclass": null, "params": null, "option": 0}]"#
                .to_string(),
        )];
        let keys = read(&Fields::new("indexes", &row, 1).unwrap(), 0).unwrap();
        let params: Vec<(&str, &str)> = keys.keys[0]
            .opclass_params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(params, [("siglen", "32"), ("x", "a b")]);
        assert_eq!(
            keys.keys[0].to_string(),
            "title gist_trgm_ops (siglen='32', x='a b')"
        );
        assert_eq!(keys.keys[1], IndexKey::column("id"));
    }
}
