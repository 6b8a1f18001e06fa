//! `x IN (...)` and `x op ANY / ALL (ARRAY[...])`.

use sqlparser::ast::{ArrayElemTypeDef, BinaryOperator, CastKind, DataType, Expr};

use super::operators::operand_types;
use super::{strip, Kind, Node, Printer, Result};
use crate::read::sql::types::{self, Ty};

impl Printer<'_> {
    /// `x IN (a, b)` is `x = ANY (ARRAY[a, b])` over the common type of x and the list;
    /// one item is a plain comparison.
    pub(super) fn in_list(
        &mut self,
        left: &Expr,
        list: &[Expr],
        negated: bool,
        expr: &Expr,
    ) -> Result<Node> {
        let l = self.eval(left)?;
        let items = list
            .iter()
            .map(|e| self.eval(e))
            .collect::<Result<Vec<_>>>()?;
        let (op, quantifier) = if negated { ("<>", "ALL") } else { ("=", "ANY") };
        if let [one] = items.as_slice() {
            return self.compare(op, &l, one);
        }
        if items.iter().any(|i| matches!(i.kind, Kind::Var)) {
            return Ok(self.approximate(expr));
        }
        let Some(lty) = l.ty.clone() else {
            return Ok(self.approximate(expr));
        };
        let common = match &lty {
            t if t.is_string() || matches!(t, Ty::Enum(_) | Ty::Bool) => {
                let all_literals = items
                    .iter()
                    .all(|i| matches!(i.kind, Kind::Unknown(_) | Kind::Null));
                if !all_literals && !items.iter().all(|i| i.ty.as_ref() == Some(t)) {
                    return Ok(self.approximate(expr));
                }
                t.clone()
            }
            t if t.numeric_rank().is_some() => {
                let mut common = t.clone();
                for i in &items {
                    match (&i.kind, &i.ty) {
                        (Kind::Unknown(_) | Kind::Null, _) => {}
                        (_, Some(ty)) if ty.numeric_rank().is_some() => {
                            if ty.numeric_rank() > common.numeric_rank() {
                                common = ty.clone();
                            }
                        }
                        _ => return Ok(self.approximate(expr)),
                    }
                }
                common
            }
            _ => return Ok(self.approximate(expr)),
        };
        let mut exact = l.exact;
        let mut elems = Vec::new();
        for i in &items {
            let (t, e) = self.shown(i, &common)?;
            exact &= e;
            elems.push(t);
        }
        let array = format!("ARRAY[{}]", elems.join(", "));
        let (lt, array) = match &common {
            // No varchar operators: both sides go to text.
            Ty::Varchar => (self.shown(&l, &Ty::Text)?.0, format!("({array})::text[]")),
            c if lty.int_rank().is_some() && c.int_rank().is_some() => (l.text.clone(), array),
            c if lty.is_float() && c.is_float() => (l.text.clone(), array),
            c => (self.shown(&l, c)?.0, array),
        };
        Ok(Node::new(
            format!("({lt} {op} {quantifier} ({array}))"),
            Some(Ty::Bool),
            exact,
        ))
    }

    /// `x op ANY (ARRAY[...])` as written (PostgreSQL's own output of `IN`): the array
    /// takes its elements' common type, or the type it is cast to, each element cast.
    pub(super) fn quantified(
        &mut self,
        left: &Expr,
        op: &BinaryOperator,
        right: &Expr,
        quantifier: &str,
        expr: &Expr,
    ) -> Result<Node> {
        use BinaryOperator as B;
        let op = match op {
            B::Eq => "=",
            B::NotEq => "<>",
            B::Lt => "<",
            B::LtEq => "<=",
            B::Gt => ">",
            B::GtEq => ">=",
            _ => return Ok(self.approximate(expr)),
        };
        let (array, cast) = match strip(right) {
            Expr::Cast {
                kind: CastKind::Cast | CastKind::DoubleColon,
                expr: inner,
                data_type: DataType::Array(elem),
                format: None,
            } => match elem {
                ArrayElemTypeDef::SquareBracket(t, None) => {
                    let c = types::canonical(t, self.scope.enums);
                    if c.note.is_some() || c.serial || types::base(&c.name) != c.name {
                        return Ok(self.approximate(expr));
                    }
                    (strip(inner), Some(Ty::of(&c.name, self.scope.enums)))
                }
                _ => return Ok(self.approximate(expr)),
            },
            other => (other, None),
        };
        let Expr::Array(array) = array else {
            return self.quantified_expr(left, op, right, quantifier);
        };
        let l = self.eval(left)?;
        let items = array
            .elem
            .iter()
            .map(|e| self.eval(e))
            .collect::<Result<Vec<_>>>()?;
        let elem_ty = match cast {
            Some(t) => t,
            None => match common_type(&items) {
                Some(t) => t,
                None => return Ok(self.approximate(expr)),
            },
        };
        let mut exact = l.exact;
        let mut elems = Vec::new();
        for i in &items {
            // Elements of an array cast are cast one by one, explicitly.
            let (t, e) = match &i.kind {
                Kind::Unknown(_) | Kind::Null => self.shown(i, &elem_ty)?,
                _ if i.ty.as_ref() == Some(&elem_ty) => (i.text.clone(), i.exact),
                _ => (format!("({})::{}", i.text, elem_ty.name()), i.exact),
            };
            exact &= e;
            elems.push(t);
        }
        let Some(lty) = l.ty.clone() else {
            return Ok(self.approximate(expr));
        };
        let Some((tl, te)) = operand_types(&lty, &elem_ty) else {
            return Ok(self.approximate(expr));
        };
        let mut array = format!("ARRAY[{}]", elems.join(", "));
        if te != elem_ty {
            // Known only for varchar arrays compared as text.
            exact &= elem_ty == Ty::Varchar && te == Ty::Text;
            array = format!("({array})::{}[]", te.name());
        }
        let (lt, le) = self.shown(&l, &tl)?;
        Ok(Node::new(
            format!("({lt} {op} {quantifier} ({array}))"),
            Some(Ty::Bool),
            exact && le,
        ))
    }
}

impl Printer<'_> {
    /// `x op ANY (arr)` over an array that is not a constructor: a column, a typed
    /// array literal.
    fn quantified_expr(
        &mut self,
        left: &Expr,
        op: &str,
        right: &Expr,
        quantifier: &str,
    ) -> Result<Node> {
        let (l, r) = (self.eval(left)?, self.eval(right)?);
        let elem = match &r.ty {
            Some(Ty::Other(t)) if t.ends_with("[]") => {
                Some(Ty::of(t.trim_end_matches("[]"), self.scope.enums))
            }
            _ => None,
        };
        let exact = match (&elem, &l.ty) {
            (Some(e), Some(lt)) => e == lt && e != &Ty::Varchar,
            (Some(_), None) => matches!(l.kind, Kind::Unknown(_)),
            _ => false,
        };
        let lt = match (&elem, &l.kind) {
            (Some(e), Kind::Unknown(_)) => self.shown(&l, e)?.0,
            _ => l.text.clone(),
        };
        Ok(Node::new(
            format!("({lt} {op} {quantifier} ({}))", r.text),
            Some(Ty::Bool),
            exact && l.exact && r.exact,
        ))
    }
}

/// The common type of array elements: literals alone are text; typed elements decide
/// (the widest of numeric ones), literals take their type.
pub(super) fn common_type(items: &[Node]) -> Option<Ty> {
    let mut common: Option<Ty> = None;
    for i in items {
        if matches!(i.kind, Kind::Unknown(_) | Kind::Null) {
            continue;
        }
        let t = i.ty.clone()?;
        common = match common {
            None => Some(t),
            Some(c) if c == t => Some(c),
            Some(c) => match (c.numeric_rank(), t.numeric_rank()) {
                (Some(a), Some(b)) => Some(if a >= b { c } else { t }),
                _ => return None,
            },
        };
    }
    Some(common.unwrap_or(Ty::Text))
}
