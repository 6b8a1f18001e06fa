//! Types as PostgreSQL's `format_type` prints them, and the little the expression
//! printer needs to know about each (which operators and casts apply).

use indexmap::IndexMap;
use sqlparser::ast::{
    ArrayElemTypeDef, CharacterLength, DataType, ExactNumberInfo, TimezoneInfo, TypeModifier,
};

use super::names;
use crate::model::EnumType;

/// A column's type, canonical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    pub name: String,
    /// `serial`, `bigserial`, `smallserial`: the type is an integer with a sequence.
    pub serial: bool,
    /// Set when the spelling is not certainly PostgreSQL's.
    pub note: Option<String>,
}

impl Canonical {
    fn plain(name: impl Into<String>) -> Self {
        Canonical {
            name: name.into(),
            serial: false,
            note: None,
        }
    }
}

/// `dt` as `format_type` prints it; user types are looked up among `enums`.
pub fn canonical(dt: &DataType, enums: &IndexMap<String, EnumType>) -> Canonical {
    match dt {
        DataType::Character(len) | DataType::Char(len) => plain(format!(
            "character({})",
            char_len(len.as_ref()).unwrap_or(1)
        )),
        DataType::CharacterVarying(len) | DataType::CharVarying(len) | DataType::Varchar(len) => {
            plain(match char_len(len.as_ref()) {
                Some(n) => format!("character varying({n})"),
                None => "character varying".to_string(),
            })
        }
        DataType::Uuid => plain("uuid"),
        DataType::Numeric(info) | DataType::Decimal(info) | DataType::Dec(info) => {
            plain(numeric(info))
        }
        DataType::Float(ExactNumberInfo::Precision(p)) if *p <= 24 => plain("real"),
        DataType::Float(_) | DataType::Float8 | DataType::DoublePrecision => {
            plain("double precision")
        }
        DataType::Double(ExactNumberInfo::None) => plain("double precision"),
        DataType::Float4 | DataType::Real => plain("real"),
        DataType::Int2(w) | DataType::SmallInt(w) => width(plain("smallint"), *w),
        DataType::Int(w) | DataType::Int4(w) | DataType::Integer(w) => width(plain("integer"), *w),
        DataType::Int8(w) | DataType::BigInt(w) => width(plain("bigint"), *w),
        DataType::Bool | DataType::Boolean => plain("boolean"),
        DataType::Date => plain("date"),
        DataType::Time(p, tz) => plain(datetime("time", *p, *tz)),
        DataType::Timestamp(p, tz) => plain(datetime("timestamp", *p, *tz)),
        DataType::Interval { fields, precision } => {
            let mut s = "interval".to_string();
            if let Some(f) = fields {
                s.push(' ');
                s.push_str(&f.to_string().to_ascii_lowercase());
            }
            if let Some(p) = precision {
                s.push_str(&format!("({p})"));
            }
            plain(s)
        }
        DataType::JSON => plain("json"),
        DataType::JSONB => plain("jsonb"),
        DataType::Regclass => plain("regclass"),
        DataType::Text => plain("text"),
        DataType::Bytea => plain("bytea"),
        DataType::Bit(n) => plain(format!("bit({})", n.unwrap_or(1))),
        DataType::BitVarying(n) | DataType::VarBit(n) => plain(match n {
            Some(n) => format!("bit varying({n})"),
            None => "bit varying".to_string(),
        }),
        DataType::TsVector => plain("tsvector"),
        DataType::TsQuery => plain("tsquery"),
        DataType::Trigger => plain("trigger"),
        DataType::GeometricType(kind) => plain(kind.to_string().to_ascii_lowercase()),
        DataType::Array(elem) => match elem {
            ArrayElemTypeDef::SquareBracket(inner, _)
            | ArrayElemTypeDef::Qualified(inner, _)
            | ArrayElemTypeDef::AngleBracket(inner)
            | ArrayElemTypeDef::Parenthesis(inner)
            | ArrayElemTypeDef::ParenthesisNotNull(inner) => {
                let mut c = canonical(inner, enums);
                // PostgreSQL keeps no array dimensions: int[][] is integer[].
                if !c.name.ends_with("[]") {
                    c.name.push_str("[]");
                }
                if c.serial {
                    c.serial = false;
                    c.note = Some("an array of serial is not a type".into());
                }
                c
            }
            ArrayElemTypeDef::None => Canonical {
                name: "anyarray".into(),
                serial: false,
                note: Some("ARRAY without an element type".into()),
            },
        },
        DataType::Custom(name, mods) => custom(name, mods, enums),
        DataType::Collate(inner, collation) => {
            let mut c = canonical(inner, enums);
            c.note = Some(format!("COLLATE {collation} is not modelled"));
            c
        }
        other => Canonical {
            name: other.to_string().to_ascii_lowercase(),
            serial: false,
            note: Some(format!(
                "type {other} is not one the reader knows; kept as written"
            )),
        },
    }
}

fn plain(name: impl Into<String>) -> Canonical {
    Canonical::plain(name)
}

fn char_len(len: Option<&CharacterLength>) -> Option<u64> {
    match len {
        Some(CharacterLength::IntegerLength { length, .. }) => Some(*length),
        _ => None,
    }
}

fn numeric(info: &ExactNumberInfo) -> String {
    match info {
        ExactNumberInfo::None => "numeric".to_string(),
        ExactNumberInfo::Precision(p) => format!("numeric({p},0)"),
        ExactNumberInfo::PrecisionAndScale(p, s) => format!("numeric({p},{s})"),
    }
}

/// MySQL's display width (`INT(11)`) is no PostgreSQL syntax.
fn width(c: Canonical, w: Option<u64>) -> Canonical {
    match w {
        Some(w) => Canonical {
            note: Some(format!("display width ({w}) of {} ignored", c.name)),
            ..c
        },
        None => c,
    }
}

fn datetime(base: &str, precision: Option<u64>, tz: TimezoneInfo) -> String {
    let p = precision.map(|p| format!("({p})")).unwrap_or_default();
    let zone = match tz {
        TimezoneInfo::WithTimeZone | TimezoneInfo::Tz => "with time zone",
        TimezoneInfo::None | TimezoneInfo::WithoutTimeZone => "without time zone",
    };
    format!("{base}{p} {zone}")
}

/// Built-in names written as identifiers (`int4`, `timestamptz`, `"text"`), extension
/// and user types.
fn custom(
    name: &sqlparser::ast::ObjectName,
    mods: &[TypeModifier],
    enums: &IndexMap<String, EnumType>,
) -> Canonical {
    let parts = names::parts(name);
    let (schema, last) = match parts.as_slice() {
        [one] => (None, one.clone()),
        [schema, one] => (Some(schema.as_str()), one.clone()),
        _ => {
            return Canonical {
                name: name.to_string(),
                serial: false,
                note: Some(format!("type {name}: too many name parts")),
            }
        }
    };
    let nums: Vec<String> = mods.iter().map(|m| m.to_string()).collect();
    let typmod = if nums.is_empty() {
        String::new()
    } else {
        format!("({})", nums.join(","))
    };
    if schema.is_none() || schema == Some("pg_catalog") {
        if let Some(c) = builtin(&last, &nums, &typmod) {
            return c;
        }
    }
    let key = crate::pg::key_of(schema.unwrap_or("public"), &last);
    let note = match schema {
        _ if !enums.contains_key(&key) && !nums.is_empty() => {
            Some(format!("type modifiers of {last} kept as written"))
        }
        _ => None,
    };
    Canonical {
        // format_type qualifies a type outside the search path (public).
        name: format!("{}{typmod}", crate::pg::quote_qualified(&key)),
        serial: false,
        note,
    }
}

fn builtin(name: &str, nums: &[String], typmod: &str) -> Option<Canonical> {
    let some = |s: &str| Some(Canonical::plain(s));
    let serial = |s: &str| {
        Some(Canonical {
            name: s.to_string(),
            serial: true,
            note: None,
        })
    };
    let first = nums.first().map(String::as_str);
    match name {
        "serial" | "serial4" => serial("integer"),
        "bigserial" | "serial8" => serial("bigint"),
        "smallserial" | "serial2" => serial("smallint"),
        "int2" | "smallint" => some("smallint"),
        "int4" | "int" | "integer" => some("integer"),
        "int8" | "bigint" => some("bigint"),
        "float4" | "real" => some("real"),
        "float8" => some("double precision"),
        "bool" | "boolean" => some("boolean"),
        "varchar" => Some(Canonical::plain(format!("character varying{typmod}"))),
        "bpchar" => Some(Canonical::plain(match first {
            Some(n) => format!("character({n})"),
            None => "bpchar".to_string(),
        })),
        "char" => some("\"char\""),
        "numeric" | "decimal" => Some(Canonical::plain(match nums {
            [p] => format!("numeric({p},0)"),
            [p, s] => format!("numeric({p},{s})"),
            _ => "numeric".to_string(),
        })),
        "timestamptz" => Some(Canonical::plain(format!(
            "timestamp{typmod} with time zone"
        ))),
        "timestamp" => Some(Canonical::plain(format!(
            "timestamp{typmod} without time zone"
        ))),
        "timetz" => Some(Canonical::plain(format!("time{typmod} with time zone"))),
        "time" => Some(Canonical::plain(format!("time{typmod} without time zone"))),
        "varbit" => Some(Canonical::plain(format!("bit varying{typmod}"))),
        "text" | "uuid" | "json" | "jsonb" | "date" | "bytea" | "inet" | "cidr" | "macaddr"
        | "macaddr8" | "money" | "xml" | "tsvector" | "tsquery" | "oid" | "regclass"
        | "regtype" | "regproc" | "regprocedure" | "name" | "point" | "line" | "lseg" | "box"
        | "path" | "polygon" | "circle" | "int4range" | "int8range" | "numrange" | "tsrange"
        | "tstzrange" | "daterange" | "int4multirange" | "int8multirange" | "nummultirange"
        | "tsmultirange" | "tstzmultirange" | "datemultirange" | "record" | "void" | "trigger"
        | "event_trigger" | "anyelement" | "anyarray" | "anyenum" | "anynonarray" | "internal"
        | "pg_lsn" | "txid_snapshot" | "pg_snapshot" | "xid" | "xid8" | "cid" | "tid"
        | "jsonpath" | "refcursor" | "interval" | "bit"
            if nums.is_empty() =>
        {
            some(match name {
                "bit" => "bit(1)",
                other => other,
            })
        }
        "interval" | "bit" => Some(Canonical::plain(format!("{name}{typmod}"))),
        _ => None,
    }
}

/// The type without its modifiers, as a constant of the column's type is labelled
/// (`'x'::character varying` on a `character varying(20)`, `'x'::bpchar` on a
/// `character(64)`, `'{}'::character varying[]`).
pub fn base(canonical: &str) -> String {
    let (elem, array) = match canonical.strip_suffix("[]") {
        Some(e) => (e, "[]"),
        None => (canonical, ""),
    };
    let mut out = String::new();
    let mut depth = 0usize;
    let mut quoted = false;
    for c in elem.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                out.push(c);
            }
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = match out.as_str() {
        "character" => "bpchar".to_string(),
        s if s.starts_with("interval") => "interval".to_string(),
        _ => out,
    };
    format!("{out}{array}")
}

/// What the expression printer knows of a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Int2,
    Int4,
    Int8,
    Numeric,
    Float4,
    Float8,
    Bool,
    Text,
    Varchar,
    Bpchar,
    Enum(String),
    /// Any other type, by its base name.
    Other(String),
}

impl Ty {
    /// The type of a column of canonical type `canonical`.
    pub fn of(canonical: &str, enums: &IndexMap<String, EnumType>) -> Ty {
        let base = base(canonical);
        match base.as_str() {
            "smallint" => Ty::Int2,
            "integer" => Ty::Int4,
            "bigint" => Ty::Int8,
            "numeric" => Ty::Numeric,
            "real" => Ty::Float4,
            "double precision" => Ty::Float8,
            "boolean" => Ty::Bool,
            "text" => Ty::Text,
            "character varying" => Ty::Varchar,
            "bpchar" => Ty::Bpchar,
            _ => {
                let name = crate::pg::unquote_qualified(&base);
                if enums.contains_key(&name) {
                    Ty::Enum(name)
                } else {
                    Ty::Other(base)
                }
            }
        }
    }

    /// The name a cast to this type prints (`::character varying`).
    pub fn name(&self) -> String {
        match self {
            Ty::Int2 => "smallint".into(),
            Ty::Int4 => "integer".into(),
            Ty::Int8 => "bigint".into(),
            Ty::Numeric => "numeric".into(),
            Ty::Float4 => "real".into(),
            Ty::Float8 => "double precision".into(),
            Ty::Bool => "boolean".into(),
            Ty::Text => "text".into(),
            Ty::Varchar => "character varying".into(),
            Ty::Bpchar => "bpchar".into(),
            Ty::Enum(n) => crate::pg::quote_qualified(n),
            Ty::Other(n) => n.clone(),
        }
    }

    /// Rank among the integer types (`int2 < int4 < int8`).
    pub fn int_rank(&self) -> Option<u8> {
        match self {
            Ty::Int2 => Some(0),
            Ty::Int4 => Some(1),
            Ty::Int8 => Some(2),
            _ => None,
        }
    }

    /// Rank in PostgreSQL's numeric category, in the order of its implicit casts.
    pub fn numeric_rank(&self) -> Option<u8> {
        match self {
            Ty::Int2 | Ty::Int4 | Ty::Int8 => self.int_rank(),
            Ty::Numeric => Some(3),
            Ty::Float4 => Some(4),
            Ty::Float8 => Some(5),
            _ => None,
        }
    }

    pub fn is_float(&self) -> bool {
        matches!(self, Ty::Float4 | Ty::Float8)
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Ty::Text | Ty::Varchar | Ty::Bpchar)
    }

    /// Date and time types compare with each other without casts.
    pub fn is_datetime(&self) -> bool {
        matches!(self, Ty::Other(n) if n == "date"
            || n.starts_with("timestamp"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_drops_modifiers() {
        assert_eq!(base("character varying(20)"), "character varying");
        assert_eq!(base("character(64)"), "bpchar");
        assert_eq!(
            base("timestamp(3) with time zone"),
            "timestamp with time zone"
        );
        assert_eq!(base("character varying(20)[]"), "character varying[]");
        assert_eq!(base("numeric(5,2)"), "numeric");
        assert_eq!(base("interval day to second(3)"), "interval");
        assert_eq!(base("\"My(Type)\""), "\"My(Type)\"");
    }
}
