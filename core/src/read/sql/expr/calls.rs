//! Casts and function calls: SQL-standard value functions (`CURRENT_TIMESTAMP`),
//! calls without arguments (`now()`), `nextval`, and one-argument string functions.

use sqlparser::ast::{Expr, Function, FunctionArg, FunctionArgExpr, FunctionArguments, Value};

use super::{forms, Kind, Node, Printer, Result};
use crate::pg::quote_ident;
use crate::read::sql::literal;
use crate::read::sql::names;
use crate::read::sql::types::{self, Ty};

impl Printer<'_> {
    pub(super) fn cast(
        &mut self,
        e: &Expr,
        data_type: &sqlparser::ast::DataType,
        expr: &Expr,
    ) -> Result<Node> {
        let c = types::canonical(data_type, self.scope.enums);
        if c.note.is_some() || c.serial {
            return Ok(self.approximate(expr));
        }
        let ty = Ty::of(&c.name, self.scope.enums);
        // ARRAY[1, 2]::bigint[] casts each element.
        if let (Some(items), Some(elem)) = (forms::array_items(e), c.name.strip_suffix("[]")) {
            if types::base(elem) == elem {
                let elem = Ty::of(elem, self.scope.enums);
                let mut n = self.array(items, Some(elem), expr)?;
                n.ty = Some(ty);
                return Ok(n);
            }
        }
        let n = self.eval(e)?;
        // A type modifier: printed in full, a length coercion of the value.
        if types::base(&c.name) != c.name {
            let full = &c.name;
            return Ok(match &n.kind {
                Kind::Unknown(v) => Node::new(
                    format!("{}::{full}", crate::pg::printed_literal(v)),
                    Some(ty.clone()),
                    ty.is_string(),
                ),
                Kind::Null => Node {
                    text: format!("NULL::{full}"),
                    ty: Some(ty),
                    kind: Kind::Null,
                    exact: n.exact,
                },
                _ => Node::new(format!("({})::{full}", n.text), Some(ty), n.exact),
            });
        }
        Ok(match &n.kind {
            Kind::Unknown(v) => {
                let k = literal::typed(v, &ty, self.scope.enums)?;
                Node::new(k.text, Some(ty), k.exact)
            }
            Kind::Null => Node {
                text: format!("NULL::{}", ty.name()),
                ty: Some(ty),
                kind: Kind::Null,
                exact: n.exact,
            },
            _ if n.ty.as_ref() == Some(&ty) => n,
            _ => Node::new(format!("({})::{}", n.text, ty.name()), Some(ty), n.exact),
        })
    }

    pub(super) fn function(&mut self, f: &Function, expr: &Expr) -> Result<Node> {
        let plain = f.filter.is_none()
            && f.over.is_none()
            && f.within_group.is_empty()
            && f.null_treatment.is_none()
            && matches!(f.parameters, FunctionArguments::None);
        let parts = names::parts(&f.name);
        let name = match parts.as_slice() {
            [n] => n.clone(),
            [schema, n] if schema == "pg_catalog" => n.clone(),
            _ => return Ok(self.approximate(expr)),
        };
        if !plain {
            return Ok(self.approximate(expr));
        }
        let keyword = match name.as_str() {
            "coalesce" => Some("COALESCE"),
            "nullif" => Some("NULLIF"),
            "greatest" => Some("GREATEST"),
            "least" => Some("LEAST"),
            _ => None,
        };
        let args: Vec<&Expr> = match &f.args {
            FunctionArguments::None => {
                return Ok(sql_value_function(&name, None).unwrap_or_else(|| self.approximate(expr)))
            }
            FunctionArguments::List(list)
                if list.duplicate_treatment.is_none() && list.clauses.is_empty() =>
            {
                let mut args = Vec::new();
                for a in &list.args {
                    match a {
                        FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => args.push(e),
                        _ => return Ok(self.approximate(expr)),
                    }
                }
                args
            }
            _ => return Ok(self.approximate(expr)),
        };
        if let Some(keyword) = keyword {
            return self.conditional(keyword, &args, expr);
        }
        if let Some(node) = self.known_function(&name, &args)? {
            return Ok(node);
        }
        match args.as_slice() {
            [] if quote_ident(&name) != name => Ok(self.approximate(expr)),
            [] => Ok(Node::new(
                format!("{}()", quote_ident(&name)),
                zero_argument_type(&name),
                true,
            )),
            [Expr::Value(v)] if sql_value_function(&name, None).is_some() => match &v.value {
                Value::Number(p, _) => Ok(
                    sql_value_function(&name, Some(p)).unwrap_or_else(|| self.approximate(expr))
                ),
                _ => Ok(self.approximate(expr)),
            },
            // nextval('seq'): the argument is a regclass, printed without `public.`.
            [arg] if name == "nextval" || name == "currval" => {
                let a = self.eval(arg)?;
                let (text, exact) = self.shown(&a, &Ty::Other("regclass".into()))?;
                Ok(Node::new(format!("{name}({text})"), Some(Ty::Int8), exact))
            }
            [arg] if text_function_result(&name).is_some() => {
                let a = self.eval(arg)?;
                self.text_function(&name, &a)
            }
            // A keyword (ROW, ...) would be quoted: kept as written.
            _ if quote_ident(&name) != name => Ok(self.approximate(expr)),
            _ => {
                // Unknown functions: arguments printed, the whole flagged approximate.
                let mut texts = Vec::new();
                for a in &args {
                    texts.push(self.eval(a)?.text);
                }
                Ok(Node::new(
                    format!("{}({})", quote_ident(&name), texts.join(", ")),
                    None,
                    false,
                ))
            }
        }
    }

    /// Functions whose signature the reader knows: literal arguments take the
    /// parameter's type, the result type is known.
    fn known_function(&mut self, name: &str, args: &[&Expr]) -> Result<Option<Node>> {
        let nodes = args
            .iter()
            .map(|e| self.eval(e))
            .collect::<Result<Vec<_>>>()?;
        let is = |n: &Node, t: &Ty| n.ty.as_ref() == Some(t);
        let array = |n: &Node| matches!(&n.ty, Some(Ty::Other(t)) if t.ends_with("[]"));
        // (parameter types, result)
        let sig: Option<(Vec<Option<Ty>>, Option<Ty>)> = match (name, nodes.as_slice()) {
            ("date_trunc", [_, x])
                if x.ty
                    .as_ref()
                    .is_some_and(|t| t.is_datetime() && *t != Ty::Other("date".into())) =>
            {
                Some((vec![Some(Ty::Text), None], x.ty.clone()))
            }
            ("date_part", [_, x])
                if x.ty
                    .as_ref()
                    .is_some_and(|t| t.is_datetime() && *t != Ty::Other("date".into())) =>
            {
                Some((vec![Some(Ty::Text), None], Some(Ty::Float8)))
            }
            ("abs", [x]) if x.ty.as_ref().is_some_and(|t| t.numeric_rank().is_some()) => {
                Some((vec![None], x.ty.clone()))
            }
            ("round", [x, p]) if is(x, &Ty::Numeric) && is(p, &Ty::Int4) => {
                Some((vec![None, None], Some(Ty::Numeric)))
            }
            ("array_length", [a, d]) if array(a) && is(d, &Ty::Int4) => {
                Some((vec![None, None], Some(Ty::Int4)))
            }
            ("cardinality", [a]) if array(a) => Some((vec![None], Some(Ty::Int4))),
            // Variadic "any": arguments as written, literals untyped.
            ("concat", _)
                if nodes
                    .iter()
                    .all(|n| n.ty.is_some() || matches!(n.kind, Kind::Unknown(_))) =>
            {
                Some((vec![None; nodes.len()], Some(Ty::Text)))
            }
            _ => None,
        };
        let Some((params, result)) = sig else {
            return Ok(None);
        };
        let mut exact = true;
        let mut texts = Vec::new();
        for (n, p) in nodes.iter().zip(params) {
            let (t, e) = match p {
                Some(p) => self.shown(n, &p)?,
                None => (n.text.clone(), n.exact),
            };
            exact &= e;
            texts.push(t);
        }
        Ok(Some(Node::new(
            format!("{}({})", quote_ident(name), texts.join(", ")),
            result,
            exact,
        )))
    }

    /// One-argument string functions: the argument as text (bpchar has its own length
    /// functions).
    pub(super) fn text_function(&self, name: &str, arg: &Node) -> Result<Node> {
        let bpchar_ok = matches!(
            name,
            "length" | "char_length" | "character_length" | "octet_length"
        );
        let (text, exact) = self.as_text(arg, bpchar_ok)?;
        Ok(Node::new(
            format!("{}({text})", quote_ident(name)),
            text_function_result(name),
            exact,
        ))
    }
}

/// SQL-standard value functions, printed upper-case as ruleutils does.
pub(super) fn sql_value_function(name: &str, precision: Option<&str>) -> Option<Node> {
    let upper = name.to_ascii_uppercase();
    let (ty, takes_precision) = match upper.as_str() {
        "CURRENT_DATE" => ("date", false),
        "CURRENT_TIME" => ("time with time zone", true),
        "CURRENT_TIMESTAMP" => ("timestamp with time zone", true),
        "LOCALTIME" => ("time without time zone", true),
        "LOCALTIMESTAMP" => ("timestamp without time zone", true),
        "CURRENT_ROLE" | "CURRENT_USER" | "USER" | "SESSION_USER" | "CURRENT_CATALOG"
        | "CURRENT_SCHEMA" => ("name", false),
        _ => return None,
    };
    let text = match precision {
        Some(p) if takes_precision => format!("{upper}({p})"),
        Some(_) => return None,
        None => upper,
    };
    Some(Node::new(text, Some(Ty::Other(ty.into())), true))
}

fn zero_argument_type(name: &str) -> Option<Ty> {
    match name {
        "now" | "transaction_timestamp" | "statement_timestamp" | "clock_timestamp" => {
            Some(Ty::Other("timestamp with time zone".into()))
        }
        "gen_random_uuid" | "uuid_generate_v4" | "uuid_generate_v1" => {
            Some(Ty::Other("uuid".into()))
        }
        "random" | "pi" => Some(Ty::Float8),
        "timeofday" => Some(Ty::Text),
        _ => None,
    }
}

fn text_function_result(name: &str) -> Option<Ty> {
    match name {
        "length" | "char_length" | "character_length" | "octet_length" | "bit_length" => {
            Some(Ty::Int4)
        }
        "lower" | "upper" | "btrim" | "ltrim" | "rtrim" | "md5" | "initcap" | "reverse" => {
            Some(Ty::Text)
        }
        _ => None,
    }
}
