//! Expressions as PostgreSQL prints them back (`pg_get_constraintdef`, `pg_get_expr`):
//! every operator in parentheses, constants labelled with their type, and the implicit
//! casts the parser added shown where ruleutils shows them (`(theme)::text`,
//! `(0)::numeric`). To know the casts this keeps a small model of PostgreSQL's operator
//! resolution for the common types; anything outside it is printed as written and
//! flagged approximate, so the caller can warn.

mod calls;
mod forms;
mod lists;
mod operators;

#[cfg(test)]
mod tests;

use indexmap::IndexMap;
use sqlparser::ast::{
    BinaryOperator, CastKind, Expr, Ident, InTarget, TrimWhereField, UnaryOperator, Value,
};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use super::literal::{self, Invalid};
use super::names;
use super::types::{self, Ty};
use crate::model::{Column, EnumType};
use crate::pg::quote_ident;
use calls::sql_value_function;

/// What an expression may refer to.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// The table's columns; `None` where columns may not appear (defaults).
    pub columns: Option<&'a IndexMap<String, Column>>,
    pub enums: &'a IndexMap<String, EnumType>,
}

/// A canonical expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub text: String,
    /// Whether `text` is certainly what PostgreSQL prints.
    pub exact: bool,
    /// The columns it refers to, each once, in order of appearance.
    pub columns: Vec<String>,
}

/// Why an expression is not valid where it stands (PostgreSQL rejects it too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprError {
    UnknownColumn(String),
    Invalid(String),
}

impl From<Invalid> for ExprError {
    fn from(i: Invalid) -> Self {
        ExprError::Invalid(i.0)
    }
}

type Result<T> = std::result::Result<T, ExprError>;

/// A check constraint's or partial index's expression.
pub fn condition(expr: &Expr, scope: Scope<'_>) -> Result<Printed> {
    let mut p = Printer::new(scope);
    let node = p.eval(expr)?;
    let typed = node.ty == Some(Ty::Bool);
    Ok(Printed {
        text: node.text,
        exact: node.exact && typed,
        columns: p.columns,
    })
}

/// An index key's expression as `pg_get_indexdef` prints it: a function call bare,
/// anything else in parentheses (`lower((email)::text)`, `((a + b))`).
pub fn index_key(expr: &Expr, scope: Scope<'_>) -> Result<Printed> {
    let mut p = Printer::new(scope);
    let node = p.eval(expr)?;
    let text = if looks_like_function(&node.text) {
        node.text
    } else {
        format!("({})", node.text)
    };
    Ok(Printed {
        text,
        exact: node.exact,
        columns: p.columns,
    })
}

/// Whether printed text is one call `name(...)`: the parenthesis after the name closes
/// at the end.
pub fn looks_like_function(text: &str) -> bool {
    let Some(open) = text.find('(') else {
        return false;
    };
    let name = &text[..open];
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '"');
    if !plain || !text.ends_with(')') {
        return false;
    }
    // The parenthesis opened after the name must be the one that closes last.
    let mut depth = 0usize;
    let mut in_string = false;
    for (i, c) in text.char_indices().skip(open) {
        match c {
            '\'' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return i == text.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether `text`, a printed condition, reads back as itself: parsed and printed
/// again it is the same (`(size_bytes >= 0)` does; `x IN (...)` on a varchar prints as
/// `... = ANY ((ARRAY[...])::text[])`, which PostgreSQL reads back differently).
pub fn reads_back(text: &str, scope: Scope<'_>) -> bool {
    let parsed = Parser::new(&PostgreSqlDialect {})
        .try_with_sql(text)
        .and_then(|mut p| p.parse_expr());
    match parsed {
        Ok(e) => condition(&e, scope).is_ok_and(|p| p.exact && p.text == text),
        Err(_) => false,
    }
}

/// A generated column's expression, for a column of canonical type `column_type`: an
/// untyped literal takes the column's type, as in a default.
pub fn generated(expr: &Expr, column_type: &str, scope: Scope<'_>) -> Result<Printed> {
    let mut p = Printer::new(scope);
    let node = p.eval(expr)?;
    let (text, exact) = match &node.kind {
        Kind::Unknown(v) => {
            let c = literal::typed(v, &Ty::of(column_type, scope.enums), scope.enums)?;
            (c.text, c.exact)
        }
        _ => (node.text, node.exact && node.ty.is_some()),
    };
    Ok(Printed {
        text,
        exact,
        columns: p.columns,
    })
}

/// A column default for a column of canonical type `column_type`; `None` for NULL
/// (PostgreSQL stores no default then).
pub fn default(expr: &Expr, column_type: &str, scope: Scope<'_>) -> Result<Option<Printed>> {
    let mut p = Printer::new(Scope {
        columns: None,
        ..scope
    });
    let node = p.eval(expr)?;
    // The column's type is applied to an untyped literal (folded into the constant);
    // any other coercion to the column type is implicit and not printed.
    let (text, exact) = match &node.kind {
        // A NULL of the column's type is no default; one of another type (or
        // modifier) is kept, coerced: `NULL::timestamp without time zone`.
        Kind::Null => match &node.ty {
            Some(_) if node.text != format!("NULL::{column_type}") => (node.text, node.exact),
            _ => return Ok(None),
        },
        Kind::Unknown(v) => {
            let c = literal::typed(v, &Ty::of(column_type, scope.enums), scope.enums)?;
            (c.text, c.exact)
        }
        _ => (node.text, node.exact),
    };
    Ok(Some(Printed {
        text,
        exact,
        columns: Vec::new(),
    }))
}

#[derive(Debug, Clone)]
struct Node {
    text: String,
    ty: Option<Ty>,
    kind: Kind,
    exact: bool,
}

#[derive(Debug, Clone)]
enum Kind {
    Var,
    Null,
    /// A string literal whose type comes from where it is used.
    Unknown(String),
    /// An AND or OR, with its arguments (PostgreSQL flattens left-nested ones).
    Bool(&'static str, Vec<String>),
    /// `x COLLATE c`: a cast PostgreSQL adds goes inside.
    Collate(Box<Node>, String),
    Other,
}

impl Node {
    fn new(text: String, ty: Option<Ty>, exact: bool) -> Node {
        Node {
            text,
            ty,
            kind: Kind::Other,
            exact,
        }
    }
}

struct Printer<'a> {
    scope: Scope<'a>,
    columns: Vec<String>,
}

impl<'a> Printer<'a> {
    fn new(scope: Scope<'a>) -> Self {
        Printer {
            scope,
            columns: Vec::new(),
        }
    }

    /// `expr` as sqlparser prints it, in parentheses so that it keeps its meaning
    /// wherever it is put (a DEFAULT, an operand).
    pub(super) fn approximate(&self, expr: &Expr) -> Node {
        let text = expr.to_string();
        let atomic = text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '"');
        Node::new(if atomic { text } else { format!("({text})") }, None, false)
    }

    pub(super) fn eval(&mut self, expr: &Expr) -> Result<Node> {
        match expr {
            Expr::Nested(e) => self.eval(e),
            Expr::Identifier(id) => self.ident(std::slice::from_ref(id)),
            Expr::CompoundIdentifier(ids) => self.ident(ids),
            Expr::Value(v) => Ok(self.value(&v.value, expr)),
            Expr::UnaryOp { op, expr: inner } => self.unary(*op, inner, expr),
            Expr::BinaryOp { left, op, right } => self.binary(left, op, right, expr),
            Expr::IsNull(e) => self.postfix(e, "IS NULL"),
            Expr::IsNotNull(e) => self.postfix(e, "IS NOT NULL"),
            Expr::IsTrue(e) => self.postfix(e, "IS TRUE"),
            Expr::IsNotTrue(e) => self.postfix(e, "IS NOT TRUE"),
            Expr::IsFalse(e) => self.postfix(e, "IS FALSE"),
            Expr::IsNotFalse(e) => self.postfix(e, "IS NOT FALSE"),
            Expr::IsUnknown(e) => self.postfix(e, "IS UNKNOWN"),
            Expr::IsNotUnknown(e) => self.postfix(e, "IS NOT UNKNOWN"),
            Expr::IsDistinctFrom(a, b) => {
                let (l, r) = (self.eval(a)?, self.eval(b)?);
                self.compare("IS DISTINCT FROM", &l, &r)
            }
            // PostgreSQL keeps IS NOT DISTINCT FROM as NOT over IS DISTINCT FROM.
            Expr::IsNotDistinctFrom(a, b) => {
                let (l, r) = (self.eval(a)?, self.eval(b)?);
                let n = self.compare("IS DISTINCT FROM", &l, &r)?;
                Ok(Node::new(
                    format!("(NOT {})", n.text),
                    Some(Ty::Bool),
                    n.exact,
                ))
            }
            Expr::In {
                expr: left,
                target: InTarget::List(list),
                negated,
                ..
            } => self.in_list(left, list, *negated, expr),
            Expr::AnyOp {
                left,
                compare_op,
                right,
                ..
            } => self.quantified(left, compare_op, right, "ANY", expr),
            Expr::AllOp {
                left,
                compare_op,
                right,
            } => self.quantified(left, compare_op, right, "ALL", expr),
            Expr::Between {
                expr: e,
                negated,
                low,
                high,
            } => {
                let (x, lo, hi) = (self.eval(e)?, self.eval(low)?, self.eval(high)?);
                let (op_lo, op_hi, join) = if *negated {
                    ("<", ">", "OR")
                } else {
                    (">=", "<=", "AND")
                };
                let a = self.compare(op_lo, &x, &lo)?;
                let b = self.compare(op_hi, &x, &hi)?;
                Ok(self.boolean(join, a, b))
            }
            Expr::Like {
                negated,
                any: false,
                expr: e,
                pattern,
                escape_char: None,
            } => self.pattern(if *negated { "!~~" } else { "~~" }, e, pattern),
            Expr::ILike {
                negated,
                any: false,
                expr: e,
                pattern,
                escape_char: None,
            } => self.pattern(if *negated { "!~~*" } else { "~~*" }, e, pattern),
            Expr::Cast {
                kind: CastKind::Cast | CastKind::DoubleColon,
                expr: e,
                data_type,
                format: None,
            } => self.cast(e, data_type, expr),
            Expr::TypedString(ts) => match ts.value.value.clone().into_string() {
                Some(v) if !ts.uses_odbc_syntax => {
                    let c = types::canonical(&ts.data_type, self.scope.enums);
                    if c.note.is_some() || types::base(&c.name) != c.name {
                        return Ok(self.approximate(expr));
                    }
                    let ty = Ty::of(&c.name, self.scope.enums);
                    let k = literal::typed(&v, &ty, self.scope.enums)?;
                    Ok(Node::new(k.text, Some(ty), k.exact))
                }
                _ => Ok(self.approximate(expr)),
            },
            Expr::Function(f) => self.function(f, expr),
            Expr::Trim {
                expr: e,
                trim_where,
                trim_what,
                trim_characters: None,
            } => {
                let arg = self.eval(e)?;
                let (text, mut exact) = self.as_text(&arg, false)?;
                let side = match trim_where {
                    Some(TrimWhereField::Leading) => "LEADING",
                    Some(TrimWhereField::Trailing) => "TRAILING",
                    _ => "BOTH",
                };
                let what = match trim_what {
                    Some(w) => {
                        let w = self.eval(w)?;
                        let (t, e) = self.as_text(&w, false)?;
                        exact &= e;
                        format!(" {t}")
                    }
                    None => String::new(),
                };
                Ok(Node::new(
                    format!("TRIM({side}{what} FROM {text})"),
                    Some(Ty::Text),
                    exact,
                ))
            }
            Expr::AtTimeZone {
                timestamp,
                time_zone,
            } => self.at_time_zone(timestamp, time_zone),
            Expr::Collate { expr: e, collation } => self.collate(e, collation),
            Expr::Array(a) => self.array(&a.elem, None, expr),
            Expr::CompoundFieldAccess { root, access_chain } => {
                self.subscript(root, access_chain, expr)
            }
            Expr::Interval(iv)
                if iv.leading_field.is_none()
                    && iv.last_field.is_none()
                    && iv.leading_precision.is_none()
                    && iv.fractional_seconds_precision.is_none() =>
            {
                match &*iv.value {
                    Expr::Value(v) => match v.value.clone().into_string() {
                        Some(s) => {
                            let ty = Ty::Other("interval".into());
                            let k = literal::typed(&s, &ty, self.scope.enums)?;
                            Ok(Node::new(k.text, Some(ty), k.exact))
                        }
                        None => Ok(self.approximate(expr)),
                    },
                    _ => Ok(self.approximate(expr)),
                }
            }
            Expr::Extract { field, expr: e, .. } => self.extract(&field.to_string(), e),
            Expr::Position { expr: a, r#in } => self.position(a, r#in),
            Expr::Substring {
                expr: e,
                substring_from: Some(from),
                substring_for,
                special,
                shorthand: false,
            } => {
                let x = self.eval(e)?;
                let (xt, mut exact) = self.as_text(&x, false)?;
                let mut args = Vec::new();
                for a in std::iter::once(from).chain(substring_for.iter()) {
                    let n = self.eval(a)?;
                    exact &= n.exact && n.ty == Some(Ty::Int4);
                    args.push(n.text);
                }
                // The comma form is a call of the function, a keyword, quoted.
                let text = if *special {
                    format!("\"substring\"({xt}, {})", args.join(", "))
                } else {
                    let mut t = format!("SUBSTRING({xt} FROM {}", args[0]);
                    if let Some(f) = args.get(1) {
                        t.push_str(&format!(" FOR {f}"));
                    }
                    t + ")"
                };
                Ok(Node::new(text, Some(Ty::Text), exact))
            }
            Expr::SimilarTo {
                negated,
                expr: e,
                pattern,
                escape_char,
            } => self.similar(*negated, e, pattern, escape_char.as_deref()),
            Expr::Like {
                negated,
                any: false,
                expr: e,
                pattern,
                escape_char: Some(esc),
            } => self.like_escape(if *negated { "!~~" } else { "~~" }, e, pattern, esc),
            Expr::ILike {
                negated,
                any: false,
                expr: e,
                pattern,
                escape_char: Some(esc),
            } => self.like_escape(if *negated { "!~~*" } else { "~~*" }, e, pattern, esc),
            _ => Ok(self.approximate(expr)),
        }
    }

    fn ident(&mut self, ids: &[Ident]) -> Result<Node> {
        if let [one] = ids {
            if one.quote_style.is_none() {
                if let Some(node) = sql_value_function(&one.value, None) {
                    return Ok(node);
                }
            }
        }
        let Some(last) = ids.last() else {
            return Err(ExprError::Invalid("an empty name".into()));
        };
        let name = names::ident(last);
        let Some(columns) = self.scope.columns else {
            return Err(ExprError::Invalid(format!(
                "cannot use column reference {name} in a DEFAULT expression"
            )));
        };
        let Some(column) = columns.get(&name) else {
            return Err(ExprError::UnknownColumn(name));
        };
        if !self.columns.contains(&name) {
            self.columns.push(name.clone());
        }
        Ok(Node {
            text: quote_ident(&name),
            ty: Some(Ty::of(&column.data_type, self.scope.enums)),
            kind: Kind::Var,
            exact: true,
        })
    }

    fn value(&self, v: &Value, expr: &Expr) -> Node {
        match v {
            Value::Number(n, _) => {
                let c = literal::number(n, false);
                Node::new(c.text, Some(c.ty), c.exact)
            }
            Value::Boolean(b) => Node::new(b.to_string(), Some(Ty::Bool), true),
            Value::Null => Node {
                text: "NULL".into(),
                ty: None,
                kind: Kind::Null,
                exact: true,
            },
            Value::SingleQuotedString(s)
            | Value::EscapedStringLiteral(s)
            | Value::UnicodeStringLiteral(s)
            | Value::NationalStringLiteral(s) => unknown(s),
            Value::DollarQuotedString(d) => unknown(&d.value),
            _ => self.approximate(expr),
        }
    }

    fn unary(&mut self, op: UnaryOperator, inner: &Expr, expr: &Expr) -> Result<Node> {
        match op {
            // The grammar folds a minus into a numeric constant, parentheses or not.
            // `- -1` too: each minus negates the constant.
            UnaryOperator::Minus => {
                let (mut e, mut negative) = (strip(inner), true);
                while let Expr::UnaryOp {
                    op: UnaryOperator::Minus,
                    expr: next,
                } = e
                {
                    e = strip(next);
                    negative = !negative;
                }
                if let Expr::Value(v) = e {
                    if let Value::Number(n, _) = &v.value {
                        let c = literal::number(n, negative);
                        return Ok(Node::new(c.text, Some(c.ty), c.exact));
                    }
                }
                let n = self.eval(inner)?;
                Ok(self.prefix("-", n))
            }
            UnaryOperator::Plus => {
                let n = self.eval(inner)?;
                Ok(self.prefix("+", n))
            }
            UnaryOperator::Not => {
                let n = self.eval(inner)?;
                let exact = n.exact && n.ty == Some(Ty::Bool);
                Ok(Node::new(
                    format!("(NOT {})", n.text),
                    Some(Ty::Bool),
                    exact,
                ))
            }
            UnaryOperator::BitwiseNot => self.prefix_operator("~", inner),
            UnaryOperator::PGAbs => self.prefix_operator("@", inner),
            UnaryOperator::PGSquareRoot => self.prefix_operator("|/", inner),
            UnaryOperator::PGCubeRoot => self.prefix_operator("||/", inner),
            _ => Ok(self.approximate(expr)),
        }
    }

    fn prefix(&self, op: &str, n: Node) -> Node {
        let numeric = n.ty.as_ref().is_some_and(|t| t.numeric_rank().is_some());
        Node::new(format!("({op} {})", n.text), n.ty, n.exact && numeric)
    }

    fn binary(
        &mut self,
        left: &Expr,
        op: &BinaryOperator,
        right: &Expr,
        expr: &Expr,
    ) -> Result<Node> {
        use BinaryOperator as B;
        let cmp = match op {
            B::Eq => Some("="),
            B::NotEq => Some("<>"),
            B::Lt => Some("<"),
            B::LtEq => Some("<="),
            B::Gt => Some(">"),
            B::GtEq => Some(">="),
            _ => None,
        };
        if let Some(cmp) = cmp {
            let (l, r) = (self.eval(left)?, self.eval(right)?);
            return self.compare(cmp, &l, &r);
        }
        let pattern = match op {
            B::PGRegexMatch => Some("~"),
            B::PGRegexIMatch => Some("~*"),
            B::PGRegexNotMatch => Some("!~"),
            B::PGRegexNotIMatch => Some("!~*"),
            B::PGLikeMatch => Some("~~"),
            B::PGILikeMatch => Some("~~*"),
            B::PGNotLikeMatch => Some("!~~"),
            B::PGNotILikeMatch => Some("!~~*"),
            _ => None,
        };
        if let Some(pattern) = pattern {
            return self.pattern(pattern, left, right);
        }
        let arith = match op {
            B::Plus => Some("+"),
            B::Minus => Some("-"),
            B::Multiply => Some("*"),
            B::Divide => Some("/"),
            B::Modulo => Some("%"),
            _ => None,
        };
        if let Some(arith) = arith {
            let (l, r) = (self.eval(left)?, self.eval(right)?);
            if matches!(&l.ty, Some(Ty::Other(t)) if t == "jsonb") {
                return self.operator(left, op, right);
            }
            return self.arithmetic(arith, &l, &r);
        }
        if *op == B::PGExp {
            let (l, r) = (self.eval(left)?, self.eval(right)?);
            return self.arithmetic("^", &l, &r);
        }
        match op {
            B::And | B::Or => {
                let word = if *op == B::And { "AND" } else { "OR" };
                let (l, r) = (self.eval(left)?, self.eval(right)?);
                Ok(self.boolean(word, l, r))
            }
            B::StringConcat => {
                let (l, r) = (self.eval(left)?, self.eval(right)?);
                let stringy = |n: &Node| match &n.ty {
                    Some(t) => t.is_string(),
                    None => matches!(n.kind, Kind::Unknown(_)),
                };
                // Arrays and jsonb have their own ||.
                let other = |n: &Node| matches!(&n.ty, Some(Ty::Other(t)) if t.ends_with("[]") || t == "jsonb");
                if other(&l) || (!stringy(&l) && other(&r)) {
                    return self.operator(left, op, right);
                }
                // text || anynonarray: the other side is not cast.
                let side = |p: &Self, n: &Node, s: bool| -> Result<(String, bool)> {
                    if s {
                        p.as_text(n, false)
                    } else {
                        Ok((n.text.clone(), n.exact && n.ty.is_some()))
                    }
                };
                let (ls, rs) = (stringy(&l), stringy(&r));
                let (lt, le) = side(self, &l, ls || !rs)?;
                let (rt, re) = side(self, &r, rs || !ls)?;
                Ok(Node::new(
                    format!("({lt} || {rt})"),
                    Some(Ty::Text),
                    le && re,
                ))
            }
            _ => {
                let _ = expr;
                self.operator(left, op, right)
            }
        }
    }

    fn postfix(&mut self, e: &Expr, what: &str) -> Result<Node> {
        let n = self.eval(e)?;
        Ok(Node::new(
            format!("({} {what})", n.text),
            Some(Ty::Bool),
            n.exact,
        ))
    }

    /// `a AND b`: a left operand that is itself an AND joins this one (PostgreSQL's
    /// grammar flattens left-nested chains only).
    fn boolean(&self, word: &'static str, l: Node, r: Node) -> Node {
        let exact = l.exact && r.exact && l.ty == Some(Ty::Bool) && r.ty == Some(Ty::Bool);
        let mut args = match l.kind {
            Kind::Bool(w, args) if w == word => args,
            _ => vec![l.text],
        };
        args.push(r.text);
        Node {
            text: format!("({})", args.join(&format!(" {word} "))),
            ty: Some(Ty::Bool),
            kind: Kind::Bool(word, args),
            exact,
        }
    }
}

fn unknown(s: &str) -> Node {
    Node {
        text: crate::pg::printed_literal(s),
        ty: None,
        kind: Kind::Unknown(s.to_string()),
        exact: true,
    }
}

fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Nested(inner) => strip(inner),
        other => other,
    }
}
