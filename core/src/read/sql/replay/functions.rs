//! CREATE [OR REPLACE] FUNCTION and DROP FUNCTION. The model holds one function per
//! name, with what the catalog comparison needs: identity arguments as
//! `pg_get_function_identity_arguments` prints them, the return type, the language,
//! the body text, SECURITY DEFINER and the SET options.

use crate::read::is_list_setting;
use indexmap::IndexMap;
use sqlparser::ast::{
    AlterFunction, AlterFunctionOperation, ArgMode, CreateFunction, CreateFunctionBody, DataType,
    DropFunction, Expr, FunctionReturnType, FunctionSecurity, FunctionSetValue, OperateFunctionArg,
    Value,
};

use super::super::names;
use super::super::types::{self, base};
use super::{Done, Fail, Holder, Replay};
use crate::model::Function;
use crate::pg::quote_ident;

pub fn create(r: &mut Replay, cf: &CreateFunction, text: &str) -> Done {
    let head = super::super::fallback::head(text);
    let name = match names::local(&cf.name) {
        Ok(n) => n,
        Err(why) => {
            r.refuse(Holder::Statement, format!("`{head}`"), why);
            return Ok(());
        }
    };
    let args = cf.args.clone().unwrap_or_default();
    let arguments = identity(r, &args);
    let signature = signature(r, &args);
    let skip = |r: &mut Replay, why: &str| {
        let overload = format!("{name}({})", signature.join(", "));
        r.opaque.functions.insert(name.clone());
        r.refuse(
            Holder::Function(overload),
            format!("function {name}({arguments})"),
            why,
        );
    };
    // The model has no argument defaults: dropping them would change how calls resolve,
    // and the catalog reader refuses such a function too.
    if args.iter().any(|a| a.default_expr.is_some()) {
        skip(
            r,
            "an argument has a DEFAULT, which the model does not hold",
        );
        return Ok(());
    }
    let returns = match &cf.return_type {
        Some(FunctionReturnType::DataType(DataType::Table(_)))
        | Some(FunctionReturnType::SetOf(_)) => {
            skip(
                r,
                "returns a set (SETOF / TABLE), which the model does not hold",
            );
            return Ok(());
        }
        Some(FunctionReturnType::DataType(dt)) => base(&types::canonical(dt, &r.schema.enums).name),
        None => {
            let outs: Vec<&OperateFunctionArg> = args
                .iter()
                .filter(|a| matches!(a.mode, Some(ArgMode::Out | ArgMode::InOut)))
                .collect();
            match outs.as_slice() {
                [] => {
                    return Err(Fail::Rejected(format!(
                        "function {name} has no result type"
                    )))
                }
                [one] => base(&types::canonical(&one.data_type, &r.schema.enums).name),
                _ => "record".to_string(),
            }
        }
    };
    let language = cf
        .language
        .as_ref()
        .map_or_else(|| "sql".to_string(), names::ident);
    if matches!(language.as_str(), "c" | "internal") {
        skip(r, "the body of a C or internal function is not source text");
        return Ok(());
    }
    let body = match &cf.function_body {
        Some(CreateFunctionBody::AsBeforeOptions {
            body,
            link_symbol: None,
        })
        | Some(CreateFunctionBody::AsAfterOptions(body)) => string(body),
        _ => None,
    };
    let Some(body) = body else {
        skip(
            r,
            "an SQL-standard body (BEGIN ATOMIC / RETURN) is not modelled",
        );
        return Ok(());
    };
    let config = config(r, cf, &name);
    let function = Function {
        arguments: arguments.clone(),
        returns,
        language,
        body,
        security_definer: cf.security == Some(FunctionSecurity::Definer),
        config,
    };
    let existing = r
        .schema
        .functions
        .get(&name)
        .map(|f| (f.arguments.clone(), f.returns.clone()));
    if let Some((existing_arguments, existing_returns)) = existing {
        if r.signatures.get(&name) != Some(&signature) {
            skip(
                r,
                &format!(
                    "overloads {name}({existing_arguments}); the model holds one function per name"
                ),
            );
            return Ok(());
        }
        if !cf.or_replace {
            return Err(Fail::Exists {
                kind: "function",
                name: format!("{name}({arguments})"),
            });
        }
        if existing_returns != function.returns {
            return Err(Fail::Rejected(format!(
                "cannot change return type of existing function {name}({arguments})"
            )));
        }
    }
    if r.opaque
        .functions
        .contains(&format!("{name}({})", signature.join(", ")))
    {
        skip(r, "replaces a function that is not modelled");
        return Ok(());
    }
    r.signatures.insert(name.clone(), signature);
    r.schema.functions.insert(name, function);
    Ok(())
}

/// `pg_get_function_identity_arguments`: `[mode ]name type`, types without modifiers,
/// defaults left out.
fn identity(r: &Replay, args: &[OperateFunctionArg]) -> String {
    args.iter()
        .map(|a| {
            let mode = match a.mode {
                Some(ArgMode::Out) => "OUT ",
                Some(ArgMode::InOut) => "INOUT ",
                Some(ArgMode::Variadic) => "VARIADIC ",
                Some(ArgMode::In) | None => "",
            };
            let ty = base(&types::canonical(&a.data_type, &r.schema.enums).name);
            match &a.name {
                Some(n) => format!("{mode}{} {ty}", quote_ident(&names::ident(n))),
                None => format!("{mode}{ty}"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The input argument types, which identify a function among its overloads.
fn signature(r: &Replay, args: &[OperateFunctionArg]) -> Vec<String> {
    args.iter()
        .filter(|a| !matches!(a.mode, Some(ArgMode::Out)))
        .map(|a| base(&types::canonical(&a.data_type, &r.schema.enums).name))
        .collect()
}

fn string(e: &Expr) -> Option<String> {
    match e {
        Expr::Value(v) => match &v.value {
            Value::DollarQuotedString(d) => Some(d.value.clone()),
            Value::SingleQuotedString(s) | Value::EscapedStringLiteral(s) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The SET options as PostgreSQL stores them in `proconfig`: a list setting as its
/// names, any other as one value; `SET x TO DEFAULT` removes the setting.
fn config(r: &mut Replay, cf: &CreateFunction, function: &str) -> IndexMap<String, Vec<String>> {
    let mut out: IndexMap<String, Vec<String>> = IndexMap::new();
    for p in &cf.set_params {
        let setting = names::parts(&p.name).join(".").to_ascii_lowercase();
        match &p.value {
            FunctionSetValue::Default => {
                out.shift_remove(&setting);
            }
            // The function itself is modelled: the refusal stays with the statement.
            FunctionSetValue::FromCurrent => r.refuse(
                Holder::Statement,
                format!("function {function}"),
                format!("SET {setting} FROM CURRENT depends on the session; not modelled"),
            ),
            FunctionSetValue::Values(values) => {
                let items: Vec<String> = values.iter().map(setting_value).collect();
                let items = if is_list_setting(&setting) {
                    items
                } else {
                    vec![items.join(", ")]
                };
                out.insert(setting, items);
            }
        }
    }
    out
}

fn setting_value(e: &Expr) -> String {
    match e {
        Expr::Identifier(id) => names::ident(id),
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) | Value::EscapedStringLiteral(s) => s.clone(),
            Value::Number(n, _) => n.clone(),
            Value::Boolean(b) => if *b { "on" } else { "off" }.to_string(),
            other => other.to_string(),
        },
        other => other.to_string(),
    }
}

pub fn drop(r: &mut Replay, df: &DropFunction) -> Done {
    let cascade = df.drop_behavior == Some(sqlparser::ast::DropBehavior::Cascade);
    for desc in &df.func_desc {
        let name = match names::local(&desc.name) {
            Ok(n) => n,
            Err(why) => {
                r.refuse(
                    Holder::Statement,
                    format!("`DROP FUNCTION {}`", desc.name),
                    why,
                );
                continue;
            }
        };
        let wanted = desc.args.as_ref().map(|a| signature(r, a));
        let modelled = r.schema.functions.contains_key(&name)
            && wanted
                .as_ref()
                .is_none_or(|w| r.signatures.get(&name) == Some(w));
        if !modelled {
            let key = wanted.as_ref().map(|w| format!("{name}({})", w.join(", ")));
            let skipped = match &key {
                Some(k) => r.opaque.functions.remove(k),
                // Every overload of the name goes.
                None => {
                    let prefix = format!("{name}(");
                    let before = r.opaque.functions.len();
                    r.opaque
                        .functions
                        .retain(|k| k != &name && !k.starts_with(&prefix));
                    r.opaque.functions.len() < before
                }
            };
            if skipped || df.if_exists {
                continue;
            }
            return Err(Fail::Unknown {
                kind: "function",
                name: key.unwrap_or(name),
            });
        }
        let users: Vec<(String, String)> = r
            .schema
            .tables
            .iter()
            .flat_map(|(t, table)| {
                table
                    .triggers
                    .iter()
                    .filter(|(_, tg)| tg.function == name)
                    .map(move |(n, _)| (t.clone(), n.clone()))
            })
            .collect();
        if !users.is_empty() && !cascade {
            let list: Vec<String> = users
                .iter()
                .map(|(t, n)| format!("trigger {n} on table {t}"))
                .collect();
            return Err(Fail::Rejected(format!(
                "cannot drop function {name} because other objects depend on it ({}); use CASCADE",
                list.join(", ")
            )));
        }
        for (t, n) in users {
            if let Some(table) = r.schema.tables.get_mut(&t) {
                table.triggers.shift_remove(&n);
            }
        }
        r.schema.functions.shift_remove(&name);
        r.signatures.shift_remove(&name);
    }
    Ok(())
}

/// `ALTER FUNCTION f[(types)] RENAME TO n | SET SCHEMA s | OWNER TO r`; other forms
/// (properties, `DEPENDS ON EXTENSION`) are refused (`refusals`).
pub fn alter(r: &mut Replay, af: &AlterFunction, text: &str) -> Done {
    // Ownership is not modelled, of any function (pg_dump writes one per function).
    if matches!(af.operation, AlterFunctionOperation::OwnerTo(_)) {
        return Ok(());
    }
    let head = super::super::fallback::head(text);
    let name = match names::local(&af.function.name) {
        Ok(n) => n,
        Err(why) => {
            r.refuse(Holder::Statement, format!("`{head}`"), why);
            return Ok(());
        }
    };
    let wanted = af.function.args.as_ref().map(|a| signature(r, a));
    let modelled = r.schema.functions.contains_key(&name)
        && wanted
            .as_ref()
            .is_none_or(|w| r.signatures.get(&name) == Some(w));
    if !modelled {
        // One the model could not hold is refused already; its new name stays taken.
        if r.opaque.functions.contains(&name) {
            return Ok(());
        }
        // Not made by these files: an extension's or PostgreSQL's own, perhaps.
        r.refuse(
            Holder::Statement,
            format!("`{head}`"),
            format!("{name} is not a function these files create"),
        );
        return Ok(());
    }
    let (schema, bare) = crate::pg::split_key(&name);
    let schema = schema.unwrap_or("public").to_string();
    let new = match &af.operation {
        AlterFunctionOperation::RenameTo { new_name } => {
            crate::pg::key_of(&schema, &names::ident(new_name))
        }
        AlterFunctionOperation::SetSchema { schema_name } => {
            let to = names::parts(schema_name).join(".");
            if to != "public" && !r.schema.namespaces().contains(&to) {
                return Err(Fail::Unknown {
                    kind: "schema",
                    name: to,
                });
            }
            crate::pg::key_of(&to, bare)
        }
        _ => {
            r.refuse(
                Holder::Statement,
                format!("`{head}`"),
                "function properties changed after CREATE FUNCTION are not modelled",
            );
            return Ok(());
        }
    };
    rename(r, &name, &new, &head)
}

/// Function `old` is now called `new`: triggers follow; a default, check or index that
/// calls it would be printed by PostgreSQL with the new name, which the model's text
/// does not follow, so that is refused.
fn rename(r: &mut Replay, old: &str, new: &str, head: &str) -> Done {
    if old == new {
        return Ok(());
    }
    if r.schema.functions.contains_key(new) || r.opaque.functions.contains(new) {
        return Err(Fail::Exists {
            kind: "function",
            name: new.to_string(),
        });
    }
    if r.schema.called_by_expressions().contains(old) {
        r.refuse(
            Holder::Statement,
            format!("`{head}`"),
            format!("{old} is called by a default, check or index, whose text would change"),
        );
        return Ok(());
    }
    super::rename_key(&mut r.schema.functions, old, new);
    super::rename_key(&mut r.signatures, old, new);
    for t in r.schema.tables.values_mut() {
        for tg in t.triggers.values_mut().filter(|tg| tg.function == old) {
            tg.function = new.to_string();
        }
    }
    Ok(())
}
