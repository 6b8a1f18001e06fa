//! Operators: comparisons, LIKE and regular expressions, arithmetic; each side shown
//! with the cast PostgreSQL's operator resolution gives it.

use super::{Kind, Node, Printer, Result};
use crate::read::sql::literal;
use crate::read::sql::types::Ty;
use sqlparser::ast::Expr;

impl Printer<'_> {
    /// `n` shown as type `ty`: a literal takes the type, a value of another type gets
    /// the cast ruleutils prints for an implicit coercion inside an operator.
    pub(super) fn shown(&self, n: &Node, ty: &Ty) -> Result<(String, bool)> {
        Ok(match &n.kind {
            Kind::Unknown(v) => {
                let c = literal::typed(v, ty, self.scope.enums)?;
                (c.text, c.exact)
            }
            Kind::Null => (format!("NULL::{}", ty.name()), n.exact),
            Kind::Collate(inner, c) if n.ty.as_ref() != Some(ty) => {
                let (t, e) = self.shown(inner, ty)?;
                (format!("({t} COLLATE {c})"), e)
            }
            _ if n.ty.as_ref() == Some(ty) => (n.text.clone(), n.exact),
            _ => (format!("({})::{}", n.text, ty.name()), n.exact),
        })
    }

    /// A comparison; both sides are brought to the types of the operator PostgreSQL
    /// picks: cross-type integer and float operators exist, varchar compares as text.
    pub(super) fn compare(&self, op: &str, l: &Node, r: &Node) -> Result<Node> {
        let sides = match (&l.kind, &r.kind, &l.ty, &r.ty) {
            (Kind::Unknown(_), Kind::Unknown(_), _, _) => Some((Ty::Text, Ty::Text)),
            // A literal or NULL takes the other side's type.
            (Kind::Unknown(_) | Kind::Null, _, _, Some(t)) => Some((comparable(t), comparable(t))),
            (_, Kind::Unknown(_) | Kind::Null, Some(t), _) => Some((comparable(t), comparable(t))),
            (_, _, Some(a), Some(b)) => operand_types(a, b),
            _ => None,
        };
        let (lt, rt, exact) = match sides {
            Some((ta, tb)) => {
                let (lt, le) = self.shown(l, &ta)?;
                let (rt, re) = self.shown(r, &tb)?;
                (lt, rt, le && re)
            }
            None => (l.text.clone(), r.text.clone(), false),
        };
        Ok(Node::new(
            format!("({lt} {op} {rt})"),
            Some(Ty::Bool),
            exact,
        ))
    }

    /// LIKE and regular expressions: text patterns; bpchar has its own operators.
    pub(super) fn pattern(&mut self, op: &str, e: &Expr, pattern: &Expr) -> Result<Node> {
        let (l, r) = (self.eval(e)?, self.eval(pattern)?);
        let (lt, le) = self.as_text(&l, true)?;
        let (rt, re) = self.as_text(&r, false)?;
        Ok(Node::new(
            format!("({lt} {op} {rt})"),
            Some(Ty::Bool),
            le && re,
        ))
    }

    /// `n` as a text argument; `bpchar_ok` when a bpchar variant of the operator or
    /// function exists.
    pub(super) fn as_text(&self, n: &Node, bpchar_ok: bool) -> Result<(String, bool)> {
        match &n.ty {
            Some(Ty::Bpchar) if bpchar_ok => Ok((n.text.clone(), n.exact)),
            Some(t) if t.is_string() => self.shown(n, &Ty::Text),
            None if matches!(n.kind, Kind::Unknown(_)) => self.shown(n, &Ty::Text),
            _ => Ok((n.text.clone(), false)),
        }
    }

    pub(super) fn arithmetic(&self, op: &str, l: &Node, r: &Node) -> Result<Node> {
        let (a, b) = match (&l.kind, &r.kind, &l.ty, &r.ty) {
            (Kind::Unknown(_), _, _, Some(t)) => (t.clone(), t.clone()),
            (_, Kind::Unknown(_), Some(t), _) => (t.clone(), t.clone()),
            (_, _, Some(a), Some(b)) => (a.clone(), b.clone()),
            _ => {
                let text = format!("({} {op} {})", l.text, r.text);
                return Ok(Node::new(text, None, false));
            }
        };
        let interval = Ty::Other("interval".into());
        if matches!(op, "*" | "/") && a == interval && b.numeric_rank().is_some() {
            let (rt, re) = self.shown(r, &Ty::Float8)?;
            let text = format!("({} {op} {rt})", l.text);
            return Ok(Node::new(text, Some(interval), l.exact && re));
        }
        let (ra, rb) = match (a.numeric_rank(), b.numeric_rank()) {
            (Some(ra), Some(rb)) => (ra, rb),
            _ => {
                let text = format!("({} {op} {})", l.text, r.text);
                return Ok(Node::new(text, None, false));
            }
        };
        // Integer and float operators exist across widths; numeric takes integers by
        // a cast; a float with anything else goes through double precision.
        let (ta, tb, result) = if op == "^" {
            // Only double precision and numeric have a power operator.
            let t = if a == Ty::Numeric || b == Ty::Numeric {
                Ty::Numeric
            } else {
                Ty::Float8
            };
            (t.clone(), t.clone(), t)
        } else if a.int_rank().is_some() && b.int_rank().is_some() {
            let wide = if ra >= rb { a.clone() } else { b.clone() };
            (a, b, wide)
        } else if a.is_float() && b.is_float() {
            let result = if a == Ty::Float4 && b == Ty::Float4 {
                Ty::Float4
            } else {
                Ty::Float8
            };
            (a, b, result)
        } else if a.is_float() || b.is_float() {
            let f8 = |t: Ty| if t.is_float() { t } else { Ty::Float8 };
            (f8(a), f8(b), Ty::Float8)
        } else {
            (Ty::Numeric, Ty::Numeric, Ty::Numeric)
        };
        let (lt, le) = self.shown(l, &ta)?;
        let (rt, re) = self.shown(r, &tb)?;
        Ok(Node::new(
            format!("({lt} {op} {rt})"),
            Some(result),
            le && re,
        ))
    }
}

/// The type both sides of a comparison with a literal take: varchar compares as text.
fn comparable(t: &Ty) -> Ty {
    match t {
        Ty::Varchar => Ty::Text,
        other => other.clone(),
    }
}

/// The types two typed operands of a comparison are shown as, when the reader knows
/// PostgreSQL's choice.
pub(super) fn operand_types(a: &Ty, b: &Ty) -> Option<(Ty, Ty)> {
    if a == b {
        return Some((comparable(a), comparable(b)));
    }
    if a.int_rank().is_some() && b.int_rank().is_some() || a.is_float() && b.is_float() {
        return Some((a.clone(), b.clone()));
    }
    if a.numeric_rank().is_some() && b.numeric_rank().is_some() {
        if a.is_float() || b.is_float() {
            let f8 = |t: &Ty| if t.is_float() { t.clone() } else { Ty::Float8 };
            return Some((f8(a), f8(b)));
        }
        return Some((Ty::Numeric, Ty::Numeric));
    }
    if a.is_string() && b.is_string() {
        return Some((Ty::Text, Ty::Text));
    }
    if a.is_datetime() && b.is_datetime() {
        return Some((a.clone(), b.clone()));
    }
    None
}
