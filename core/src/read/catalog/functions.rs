//! Functions: identity arguments, return type, language, body (`prosrc`), `SECURITY
//! DEFINER` and the `SET` options (`proconfig`).

use crate::read::is_list_setting;
use indexmap::IndexMap;

use super::fields::Fields;
use super::{key_sql, user_schema, CatalogError, Refusals, Row};
use crate::model::{Function, Schema};

/// Functions an extension owns (`e`) are left out, and so are those that are an internal
/// part of another object (`i`: a range type's constructors, refused with their type).
///
/// name, prokind, identity arguments, return type, language, prosrc, prosecdef,
/// proconfig (JSON), proretset, has an SQL-standard body, full arguments (with defaults)
pub(super) const SQL: &str = concat!(
    "SELECT ",
    key_sql!("n.nspname", "p.proname"),
    ", p.prokind::text,
       pg_get_function_identity_arguments(p.oid), format_type(p.prorettype, NULL),
       l.lanname::text, p.prosrc, p.prosecdef::text, array_to_json(p.proconfig)::text,
       p.proretset::text, (p.prosqlbody IS NOT NULL)::text, pg_get_function_arguments(p.oid)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_language l ON l.oid = p.prolang
 WHERE ",
    user_schema!("n.nspname"),
    "
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                      AND d.objid = p.oid AND d.deptype = 'e')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                      AND d.objid = p.oid AND d.deptype = 'i')
 ORDER BY 1, 3"
);

pub(super) fn read(
    rows: &[Row],
    schema: &mut Schema,
    refusals: &mut Refusals,
) -> Result<(), CatalogError> {
    for row in rows {
        let f = Fields::new("functions", row, 11)?;
        let name = f.text(0)?;
        let arguments = f.text(2)?.to_string();
        let object = format!("function {name}({arguments})");
        let kind = match f.text(1)? {
            "f" => None,
            "p" => Some("a procedure"),
            "a" => Some("an aggregate"),
            "w" => Some("a window function"),
            _ => Some("a kind of routine"),
        };
        if let Some(kind) = kind {
            refusals.push(object, format!("{kind}: the model has functions only"));
            continue;
        }
        if f.bool(8)? {
            refusals.push(
                object,
                "returns a set (SETOF / TABLE): the model's return type is one type",
            );
            continue;
        }
        if f.bool(9)? {
            refusals.push(
                object,
                "has an SQL-standard body (BEGIN ATOMIC / RETURN): the model's body is source text",
            );
            continue;
        }
        let full = f.text(10)?;
        if full != arguments {
            refusals.push(
                object,
                format!(
                    "its arguments are ({full}): the model's arguments are the identity \
                     arguments, without DEFAULT values"
                ),
            );
            continue;
        }
        let language = f.text(4)?.to_string();
        if language == "c" {
            refusals.push(
                object,
                "a C function: the model's body is source text, not an object file",
            );
            continue;
        }
        if let Some(first) = schema.functions.get(name) {
            refusals.push(
                object,
                format!(
                    "overloads {name}({}): the model has one function per name",
                    first.arguments
                ),
            );
            continue;
        }
        let mut config = IndexMap::new();
        for entry in f.list(7)?.into_iter().flatten() {
            let Some((setting, value)) = entry.split_once('=') else {
                return Err(f.error(format!("{object}: SET option {entry:?} has no `=`")));
            };
            config.insert(setting.to_string(), setting_values(setting, value));
        }
        schema.functions.insert(
            name.to_string(),
            Function {
                arguments,
                returns: f.text(3)?.to_string(),
                language,
                body: f.text(5)?.to_string(),
                security_definer: f.bool(6)?,
                config,
            },
        );
    }
    Ok(())
}

/// The values of one `proconfig` entry: a list setting split into its names (double
/// quotes removed), any other setting as one value.
pub(super) fn setting_values(setting: &str, value: &str) -> Vec<String> {
    if !is_list_setting(setting) {
        return vec![value.to_string()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                current.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut current)),
            // Unquoted names hold no spaces: these separate the list's items.
            c if !quoted && c.is_whitespace() => {}
            c => current.push(c),
        }
    }
    out.push(current);
    out.retain(|v| !v.is_empty());
    out
}
