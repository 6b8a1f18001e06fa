//! The other forms ruleutils prints with their own spelling: `AT TIME ZONE`, `COLLATE`,
//! array constructors and subscripts, `COALESCE` / `NULLIF` / `GREATEST` / `LEAST`,
//! `EXTRACT`, `POSITION`, `SIMILAR TO`, and operators the reader has no type rules for
//! (printed in parentheses, as every operator is).

use sqlparser::ast::{AccessExpr, BinaryOperator, Expr, ObjectName, Subscript};

use super::{strip, Kind, Node, Printer, Result};
use crate::pg::quote_ident;
use crate::read::sql::names;
use crate::read::sql::types::Ty;

const TIMESTAMP: &str = "timestamp without time zone";
const TIMESTAMPTZ: &str = "timestamp with time zone";

impl Printer<'_> {
    /// `x AT TIME ZONE zone` is `timezone(zone, x)`, which ruleutils prints back in
    /// parentheses: `(now() AT TIME ZONE 'UTC'::text)`.
    pub(super) fn at_time_zone(&mut self, ts: &Expr, zone: &Expr) -> Result<Node> {
        let (x, z) = (self.eval(ts)?, self.eval(zone)?);
        let result = match &x.ty {
            Some(Ty::Other(t)) if t == TIMESTAMP => Some(Ty::Other(TIMESTAMPTZ.into())),
            Some(Ty::Other(t)) if t == TIMESTAMPTZ => Some(Ty::Other(TIMESTAMP.into())),
            _ => None,
        };
        let (zt, ze) = match (&z.kind, &z.ty) {
            (Kind::Unknown(_), _) => self.shown(&z, &Ty::Text)?,
            (_, Some(t)) if t.is_string() => self.shown(&z, &Ty::Text)?,
            (_, Some(Ty::Other(t))) if t == "interval" => (z.text.clone(), z.exact),
            _ => (z.text.clone(), false),
        };
        let exact = x.exact && ze && result.is_some();
        Ok(Node::new(
            format!("({} AT TIME ZONE {zt})", x.text),
            result,
            exact,
        ))
    }

    /// `x COLLATE "C"`, in parentheses; a cast PostgreSQL adds for an operator goes
    /// inside (`((vc)::text COLLATE "C")`).
    pub(super) fn collate(&mut self, e: &Expr, collation: &ObjectName) -> Result<Node> {
        let inner = self.eval(e)?;
        let name = names::parts(collation)
            .iter()
            .map(|p| quote_ident(p))
            .collect::<Vec<_>>()
            .join(".");
        // An untyped literal would take its type from where it is used; keep it simple.
        let exact = inner.exact && inner.ty.is_some();
        Ok(Node {
            text: format!("({} COLLATE {name})", inner.text),
            ty: inner.ty.clone(),
            kind: Kind::Collate(Box::new(inner), name),
            exact,
        })
    }

    /// `ARRAY[...]`: the elements brought to their common type (or `elem`, the element
    /// type of a cast around it), each element cast on its own.
    pub(super) fn array(&mut self, items: &[Expr], elem: Option<Ty>, expr: &Expr) -> Result<Node> {
        if items.is_empty() {
            return Ok(self.approximate(expr));
        }
        let nodes = items
            .iter()
            .map(|e| self.eval(e))
            .collect::<Result<Vec<_>>>()?;
        let elem_ty = match elem {
            Some(t) => t,
            None => match super::lists::common_type(&nodes) {
                Some(t) => t,
                None => return Ok(self.approximate(expr)),
            },
        };
        let mut exact = true;
        let mut texts = Vec::new();
        for n in &nodes {
            let (t, e) = self.shown(n, &elem_ty)?;
            exact &= e && (n.ty.is_some() || !matches!(n.kind, Kind::Other | Kind::Var));
            texts.push(t);
        }
        Ok(Node::new(
            format!("ARRAY[{}]", texts.join(", ")),
            Some(Ty::Other(format!("{}[]", elem_ty.name()))),
            exact,
        ))
    }

    /// `arr[1]`, `arr[1:2]`: anything but a column is parenthesized.
    pub(super) fn subscript(
        &mut self,
        root: &Expr,
        chain: &[AccessExpr],
        expr: &Expr,
    ) -> Result<Node> {
        let r = self.eval(root)?;
        let mut text = match r.kind {
            Kind::Var => r.text.clone(),
            _ => format!("({})", r.text),
        };
        let array_ty = match &r.ty {
            Some(Ty::Other(t)) if t.ends_with("[]") => t.clone(),
            _ => return Ok(self.approximate(expr)),
        };
        let mut exact = r.exact;
        let mut sliced = false;
        for access in chain {
            let AccessExpr::Subscript(s) = access else {
                return Ok(self.approximate(expr));
            };
            match s {
                Subscript::Index { index } => {
                    let (t, e) = self.int_subscript(index)?;
                    exact &= e;
                    text.push_str(&format!("[{t}]"));
                }
                Subscript::Slice {
                    lower_bound,
                    upper_bound,
                    stride: None,
                } => {
                    let mut bound = |b: &Option<Expr>| -> Result<String> {
                        Ok(match b {
                            Some(b) => {
                                let (t, e) = self.int_subscript(b)?;
                                exact &= e;
                                t
                            }
                            None => String::new(),
                        })
                    };
                    let (lo, hi) = (bound(lower_bound)?, bound(upper_bound)?);
                    sliced = true;
                    text.push_str(&format!("[{lo}:{hi}]"));
                }
                _ => return Ok(self.approximate(expr)),
            }
        }
        let ty = if sliced {
            array_ty
        } else {
            array_ty.trim_end_matches("[]").to_string()
        };
        Ok(Node::new(text, Some(Ty::of(&ty, self.scope.enums)), exact))
    }

    fn int_subscript(&mut self, e: &Expr) -> Result<(String, bool)> {
        let n = self.eval(e)?;
        match &n.ty {
            Some(Ty::Int4) => Ok((n.text, n.exact)),
            Some(t) if t.int_rank().is_some() => Ok((format!("({})::integer", n.text), n.exact)),
            _ => self.shown(&n, &Ty::Int4).map(|(t, _)| (t, false)),
        }
    }

    /// `COALESCE`, `GREATEST`, `LEAST`, `NULLIF`: keywords, printed upper-case, their
    /// arguments brought to one type.
    pub(super) fn conditional(&mut self, name: &str, args: &[&Expr], expr: &Expr) -> Result<Node> {
        let nodes = args
            .iter()
            .map(|e| self.eval(e))
            .collect::<Result<Vec<_>>>()?;
        let common = match common_of(&nodes) {
            Some(t) => t,
            None => return Ok(self.approximate(expr)),
        };
        if name == "NULLIF" && nodes.len() != 2 {
            return Ok(self.approximate(expr));
        }
        let mut exact = true;
        let mut texts = Vec::new();
        for n in &nodes {
            let (t, e) = self.shown(n, &common)?;
            exact &= e;
            texts.push(t);
        }
        Ok(Node::new(
            format!("{name}({})", texts.join(", ")),
            Some(common),
            exact,
        ))
    }

    /// An operator the reader has no type rules for, or only a few: printed in
    /// parentheses like every operator, exact where the operand types are known.
    pub(super) fn operator(
        &mut self,
        left: &Expr,
        op: &BinaryOperator,
        right: &Expr,
    ) -> Result<Node> {
        let (l, r) = (self.eval(left)?, self.eval(right)?);
        let op = op.to_string();
        let text_ty = Ty::Text;
        let text_array = Ty::Other("text[]".into());
        let jsonb = Ty::Other("jsonb".into());
        // (type the right side takes, result type), by operator and left type.
        let rule: Option<(Option<Ty>, Ty)> = match (&l.ty, op.as_str()) {
            (Some(Ty::Other(t)), o) if t == "jsonb" => match o {
                "->" | "#>" => Some((json_key(&r, &text_ty, &text_array, o), jsonb.clone())),
                "->>" | "#>>" => Some((json_key(&r, &text_ty, &text_array, o), Ty::Text)),
                "-" => Some((json_key(&r, &text_ty, &text_array, o), jsonb.clone())),
                "@>" | "<@" | "||" => Some((
                    Some(jsonb.clone()),
                    if o == "||" { jsonb.clone() } else { Ty::Bool },
                )),
                "?" => Some((Some(Ty::Text), Ty::Bool)),
                "?|" | "?&" => Some((Some(text_array.clone()), Ty::Bool)),
                _ => None,
            },
            (Some(Ty::Other(t)), "@>" | "<@" | "&&") if t.ends_with("[]") => {
                Some((Some(Ty::Other(t.clone())), Ty::Bool))
            }
            (Some(Ty::Other(t)), "||") if t.ends_with("[]") => {
                let elem = Ty::of(t.trim_end_matches("[]"), self.scope.enums);
                match &r.ty {
                    Some(rt) if *rt == elem => Some((Some(elem), Ty::Other(t.clone()))),
                    Some(rt) if rt == l.ty.as_ref().unwrap_or(&Ty::Bool) => {
                        Some((Some(rt.clone()), Ty::Other(t.clone())))
                    }
                    _ => None,
                }
            }
            (Some(a), "&" | "|" | "#") if a.int_rank().is_some() => match &r.ty {
                Some(b) if b == a => Some((Some(a.clone()), a.clone())),
                None if matches!(r.kind, Kind::Unknown(_)) => Some((Some(a.clone()), a.clone())),
                _ => None,
            },
            (Some(a), "<<" | ">>") if a.int_rank().is_some() => Some((Some(Ty::Int4), a.clone())),
            _ => None,
        };
        let Some((rt, result)) = rule else {
            return Ok(Node::new(
                format!("({} {op} {})", l.text, r.text),
                None,
                false,
            ));
        };
        let (right_text, re) = match rt {
            Some(t) => self.shown(&r, &t)?,
            None => (r.text.clone(), r.exact),
        };
        Ok(Node::new(
            format!("({} {op} {right_text})", l.text),
            Some(result),
            l.exact && re,
        ))
    }

    /// `~ x`, `@ x`, `|/ x`, `||/ x`: numeric prefix operators.
    pub(super) fn prefix_operator(&mut self, op: &str, inner: &Expr) -> Result<Node> {
        let n = self.eval(inner)?;
        let ty = match (op, &n.ty) {
            ("~", Some(t)) if t.int_rank().is_some() => Some(t.clone()),
            ("@", Some(t)) if t.numeric_rank().is_some() => Some(t.clone()),
            ("|/" | "||/", Some(Ty::Float8)) => Some(Ty::Float8),
            _ => None,
        };
        let exact = n.exact && ty.is_some();
        Ok(Node::new(format!("({op} {})", n.text), ty, exact))
    }

    /// `x SIMILAR TO p [ESCAPE e]` is a regular expression match on
    /// `similar_to_escape(p[, e])`.
    pub(super) fn similar(
        &mut self,
        negated: bool,
        e: &Expr,
        pattern: &Expr,
        escape: Option<&Expr>,
    ) -> Result<Node> {
        let (x, p) = (self.eval(e)?, self.eval(pattern)?);
        let (xt, xe) = self.as_text(&x, false)?;
        let (pt, pe) = self.as_text(&p, false)?;
        let mut args = vec![pt];
        let mut exact = xe && pe;
        if let Some(esc) = escape {
            let n = self.eval(esc)?;
            let (t, e) = self.as_text(&n, false)?;
            exact &= e;
            args.push(t);
        }
        let op = if negated { "!~" } else { "~" };
        Ok(Node::new(
            format!("({xt} {op} similar_to_escape({}))", args.join(", ")),
            Some(Ty::Bool),
            exact,
        ))
    }

    /// `x LIKE p ESCAPE e` matches `like_escape(p, e)`.
    pub(super) fn like_escape(
        &mut self,
        op: &str,
        e: &Expr,
        pattern: &Expr,
        escape: &Expr,
    ) -> Result<Node> {
        let (x, p, esc) = (self.eval(e)?, self.eval(pattern)?, self.eval(escape)?);
        let (xt, xe) = self.as_text(&x, op.contains('*'))?;
        let (pt, pe) = self.as_text(&p, false)?;
        let (et, ee) = self.as_text(&esc, false)?;
        Ok(Node::new(
            format!("({xt} {op} like_escape({pt}, {et}))"),
            Some(Ty::Bool),
            xe && pe && ee && x.ty != Some(Ty::Bpchar),
        ))
    }

    /// `EXTRACT(field FROM x)`: the field in lower case, a numeric result.
    pub(super) fn extract(&mut self, field: &str, e: &Expr) -> Result<Node> {
        let x = self.eval(e)?;
        let known = field.chars().all(|c| c.is_ascii_alphabetic());
        let datetime = x.ty.as_ref().is_some_and(|t| t.is_datetime())
            || matches!(&x.ty, Some(Ty::Other(t)) if t == "interval");
        Ok(Node::new(
            format!("EXTRACT({} FROM {})", field.to_ascii_lowercase(), x.text),
            Some(Ty::Numeric),
            known && datetime && x.exact,
        ))
    }

    /// `POSITION(a IN b)`, printed as ruleutils prints `position(b, a)`.
    pub(super) fn position(&mut self, needle: &Expr, haystack: &Expr) -> Result<Node> {
        let (a, b) = (self.eval(needle)?, self.eval(haystack)?);
        let (at, ae) = self.as_text(&a, false)?;
        let (bt, be) = self.as_text(&b, false)?;
        Ok(Node::new(
            format!("POSITION(({at}) IN ({bt}))"),
            Some(Ty::Int4),
            ae && be,
        ))
    }
}

/// The type a jsonb operator's right side takes: a literal key is text (a path is
/// text[]), an integer stays.
fn json_key(r: &Node, text: &Ty, text_array: &Ty, op: &str) -> Option<Ty> {
    match (&r.kind, &r.ty) {
        (Kind::Unknown(_), _) if op.starts_with('#') => Some(text_array.clone()),
        (Kind::Unknown(_), _) => Some(text.clone()),
        (_, Some(Ty::Int4)) if !op.starts_with('#') => Some(Ty::Int4),
        (_, Some(t)) if t.is_string() => Some(Ty::Text),
        _ => None,
    }
}

/// The common type of `COALESCE`-like arguments: literals alone are text; strings of
/// different kinds are text; numbers widen.
fn common_of(nodes: &[Node]) -> Option<Ty> {
    let typed: Vec<&Ty> = nodes.iter().filter_map(|n| n.ty.as_ref()).collect();
    if typed.len()
        + nodes
            .iter()
            .filter(|n| matches!(n.kind, Kind::Unknown(_) | Kind::Null))
            .count()
        != nodes.len()
    {
        return None;
    }
    let Some(first) = typed.first() else {
        return Some(Ty::Text);
    };
    if typed.iter().all(|t| t == first) {
        // A varchar result stays varchar.
        return Some((*first).clone());
    }
    if typed.iter().all(|t| t.is_string() && **t != Ty::Bpchar) {
        return Some(Ty::Text);
    }
    if typed.iter().all(|t| t.numeric_rank().is_some()) {
        return typed
            .iter()
            .max_by_key(|t| t.numeric_rank())
            .map(|t| (*t).clone());
    }
    None
}

/// Whether `e` (after parentheses) is an array constructor.
pub(super) fn array_items(e: &Expr) -> Option<&[Expr]> {
    match strip(e) {
        Expr::Array(a) => Some(&a.elem),
        _ => None,
    }
}
