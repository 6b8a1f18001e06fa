//! Constants as PostgreSQL's ruleutils prints them (`get_const_expr`): integers bare
//! unless negative (`'-1'::integer`), `bigint` and most other types quoted and
//! labelled, numerics bare only when they look like a float, strings labelled with the
//! type they were coerced to, the value as the type's output function prints it.

use indexmap::IndexMap;

use super::types::Ty;
use crate::model::EnumType;
use crate::pg::{printed_literal, quote_ident, unquote_ident};

/// A printed constant, and whether that is certainly PostgreSQL's spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Const {
    pub text: String,
    pub ty: Ty,
    pub exact: bool,
}

/// Why a constant cannot be a value of the type (PostgreSQL rejects the statement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

/// A numeric literal as the parser types it: `int4` when it fits, then `int8`, else
/// `numeric`; `negative` folds a leading minus into the constant as the grammar does.
pub fn number(text: &str, negative: bool) -> Const {
    let is_integer = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if is_integer {
        let signed = if negative {
            format!("-{text}")
        } else {
            text.to_string()
        };
        if let Ok(v) = signed.parse::<i64>() {
            return if i32::try_from(v).is_ok() {
                int4(v)
            } else {
                labelled(&v.to_string(), Ty::Int8)
            };
        }
    }
    match numeric_out(text, negative) {
        Some(v) => numeric_const(&v),
        None => Const {
            text: if negative {
                format!("(- {text})")
            } else {
                text.to_string()
            },
            ty: Ty::Numeric,
            exact: false,
        },
    }
}

fn int4(v: i64) -> Const {
    if v >= 0 {
        Const {
            text: v.to_string(),
            ty: Ty::Int4,
            exact: true,
        }
    } else {
        labelled(&v.to_string(), Ty::Int4)
    }
}

fn labelled(value: &str, ty: Ty) -> Const {
    Const {
        text: format!("{}::{}", printed_literal(value), ty.name()),
        ty,
        exact: true,
    }
}

/// A `numeric` prints bare only when it starts with a digit and has a point.
fn numeric_const(v: &str) -> Const {
    if v.starts_with(|c: char| c.is_ascii_digit()) && v.contains('.') {
        Const {
            text: v.to_string(),
            ty: Ty::Numeric,
            exact: true,
        }
    } else {
        labelled(v, Ty::Numeric)
    }
}

/// `numeric_out(numeric_in(text))`: the digits with as many decimals as the input had
/// after the exponent is applied (`1.50` stays, `1e3` is `1000`, `.5` is `0.5`).
pub fn numeric_out(text: &str, negative: bool) -> Option<String> {
    let t = text.trim();
    let (t, negative) = match t.strip_prefix('-') {
        Some(rest) => (rest, !negative),
        None => (t.strip_prefix('+').unwrap_or(t), negative),
    };
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], t[i + 1..].parse::<i64>().ok()?),
        None => (t, 0),
    };
    if exp.abs() > 1000 {
        return None;
    }
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits = format!("{int}{frac}");
    // The value is digits × 10^-scale.
    let scale = i64::try_from(frac.len()).ok()? - exp;
    let (int_part, frac_part) = if scale <= 0 {
        let zeros = "0".repeat(usize::try_from(-scale).ok()?);
        (format!("{digits}{zeros}"), String::new())
    } else {
        let scale = usize::try_from(scale).ok()?;
        let padded = format!(
            "{}{digits}",
            "0".repeat((scale + 1).saturating_sub(digits.len()))
        );
        let cut = padded.len() - scale;
        (padded[..cut].to_string(), padded[cut..].to_string())
    };
    let int_part = int_part.trim_start_matches('0');
    let int_part = if int_part.is_empty() { "0" } else { int_part };
    let zero = int_part == "0" && frac_part.bytes().all(|b| b == b'0');
    let sign = if negative && !zero { "-" } else { "" };
    Some(if frac_part.is_empty() {
        format!("{sign}{int_part}")
    } else {
        format!("{sign}{int_part}.{frac_part}")
    })
}

/// An untyped string constant coerced to `ty`, as PostgreSQL folds and prints it.
pub fn typed(value: &str, ty: &Ty, enums: &IndexMap<String, EnumType>) -> Result<Const, Invalid> {
    let invalid = |what: &str| {
        Invalid(format!(
            "invalid input for type {what}: {}",
            printed_literal(value)
        ))
    };
    let exact = |text: String| Const {
        text,
        ty: ty.clone(),
        exact: true,
    };
    let approximate = || Const {
        text: format!("{}::{}", printed_literal(value), ty.name()),
        ty: ty.clone(),
        exact: false,
    };
    Ok(match ty {
        Ty::Int2 | Ty::Int4 | Ty::Int8 => {
            let v: i64 = value.trim().parse().map_err(|_| invalid(&ty.name()))?;
            let fits = match ty {
                Ty::Int2 => i16::try_from(v).is_ok(),
                Ty::Int4 => i32::try_from(v).is_ok(),
                _ => true,
            };
            if !fits {
                return Err(Invalid(format!(
                    "{value} is out of range for type {}",
                    ty.name()
                )));
            }
            match ty {
                Ty::Int4 => int4(v),
                _ => labelled(&v.to_string(), ty.clone()),
            }
        }
        Ty::Numeric => match numeric_out(value, false) {
            Some(v) => numeric_const(&v),
            None => approximate(),
        },
        Ty::Bool => exact(
            boolean(value)
                .ok_or_else(|| invalid("boolean"))?
                .to_string(),
        ),
        Ty::Float4 | Ty::Float8 => {
            if float_prints_as_written(value, matches!(ty, Ty::Float4)) {
                exact(format!("{}::{}", printed_literal(value), ty.name()))
            } else {
                approximate()
            }
        }
        Ty::Text | Ty::Varchar | Ty::Bpchar => {
            exact(format!("{}::{}", printed_literal(value), ty.name()))
        }
        Ty::Enum(name) => {
            let known = enums
                .get(name)
                .is_some_and(|e| e.labels.iter().any(|l| l == value));
            if !known {
                return Err(Invalid(format!(
                    "invalid input value for enum {}: {}",
                    quote_ident(name),
                    printed_literal(value)
                )));
            }
            exact(format!("{}::{}", printed_literal(value), ty.name()))
        }
        Ty::Other(name) => match other(value, name) {
            Some(Ok(v)) => exact(format!("{}::{name}", printed_literal(&v))),
            Some(Err(())) => return Err(invalid(name)),
            None => approximate(),
        },
    })
}

/// `boolin`: the spellings PostgreSQL accepts (any unique prefix of true/false/yes/no,
/// on/off, 1/0), case-insensitive and trimmed.
fn boolean(value: &str) -> Option<bool> {
    let v = value.trim().to_ascii_lowercase();
    if v.is_empty() {
        return None;
    }
    let prefix_of = |word: &str| word.starts_with(v.as_str());
    // A lone "o" is ambiguous between on and off.
    let on_off = |word: &str| v.len() >= 2 && prefix_of(word);
    if prefix_of("true") || prefix_of("yes") || on_off("on") || v == "1" {
        Some(true)
    } else if prefix_of("false") || prefix_of("no") || on_off("off") || v == "0" {
        Some(false)
    } else {
        None
    }
}

/// Whether `float8out`/`float4out` print `value` back unchanged (shortest round-trip
/// digits); only plain decimals in the range printed without an exponent qualify.
fn float_prints_as_written(value: &str, single: bool) -> bool {
    let plain = value
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    if !plain {
        return false;
    }
    let printed = if single {
        value
            .parse::<f32>()
            .ok()
            .map(|f| (f.abs() as f64, f.to_string()))
    } else {
        value.parse::<f64>().ok().map(|f| (f.abs(), f.to_string()))
    };
    printed.is_some_and(|(abs, s)| s == value && (abs == 0.0 || (1e-4..1e15).contains(&abs)))
}

/// Output-function spelling of `value` for the other types the reader knows:
/// `Some(Ok(v))` exact, `Some(Err)` invalid, `None` unknown (kept, approximate).
fn other(value: &str, name: &str) -> Option<Result<String, ()>> {
    match name {
        "jsonb" => Some(match serde_json::from_str::<serde_json::Value>(value) {
            Ok(v) => return jsonb_out(&v).map(Ok),
            Err(_) => Err(()),
        }),
        "json" => serde_json::from_str::<serde_json::Value>(value)
            .ok()
            .map(|_| Ok(value.to_string())),
        "uuid" => Some(uuid(value).ok_or(())),
        "date" => iso_date(value).then(|| Ok(value.to_string())),
        "interval" => interval(value).map(Ok),
        "regclass" => Some(Ok(regclass(value))),
        "inet" => ipv4(value).then(|| Ok(value.to_string())),
        "timestamp without time zone" => timestamp(value).map(Ok),
        _ if name.ends_with("[]") => simple_array(value).then(|| Ok(value.to_string())),
        _ => None,
    }
}

/// `{}` or `{a,b}` with plain elements (letters, digits without leading zeros), which
/// `array_out` prints unchanged.
fn simple_array(value: &str) -> bool {
    let Some(inner) = value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) else {
        return false;
    };
    inner.is_empty()
        || inner.split(',').all(|e| {
            let plain = e.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            let leading_zero = e.len() > 1 && e.starts_with('0');
            plain && !e.is_empty() && !leading_zero && !e.eq_ignore_ascii_case("null")
        })
}

/// `YYYY-MM-DD HH:MM[:SS]`, which `timestamp_out` (DateStyle ISO) prints with seconds.
fn timestamp(value: &str) -> Option<String> {
    let (date, time) = value.split_once(' ')?;
    if !iso_date(date) {
        return None;
    }
    let parts: Vec<&str> = time.split(':').collect();
    let two = |s: &str, max: u32| {
        s.len() == 2
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|v| v <= max)
    };
    match parts.as_slice() {
        [h, m] if two(h, 23) && two(m, 59) => Some(format!("{date} {h}:{m}:00")),
        [h, m, sec] if two(h, 23) && two(m, 59) && two(sec, 59) => Some(value.to_string()),
        _ => None,
    }
}

/// `jsonb_out`: keys sorted (shorter first, then bytewise), `": "` and `", "`
/// separators. `None` when a number is not an integer (numeric keeps its scale).
pub fn jsonb_out(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    Some(match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
        Value::Number(_) => return None,
        Value::String(s) => serde_json::to_string(s).ok()?,
        Value::Array(items) => {
            let items: Option<Vec<String>> = items.iter().map(jsonb_out).collect();
            format!("[{}]", items?.join(", "))
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| {
                a.len()
                    .cmp(&b.len())
                    .then_with(|| a.as_bytes().cmp(b.as_bytes()))
            });
            let mut parts = Vec::new();
            for k in keys {
                let value = jsonb_out(map.get(k)?)?;
                parts.push(format!("{}: {value}", serde_json::to_string(k).ok()?));
            }
            format!("{{{}}}", parts.join(", "))
        }
    })
}

/// `uuid_out`: lower-case, hyphenated; the input may have braces, upper case, or hyphens
/// after any group of four digits.
fn uuid(value: &str) -> Option<String> {
    let v = value.trim();
    let v = v
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .unwrap_or(v);
    let hex: String = v.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let h = hex.to_ascii_lowercase();
    Some(format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    ))
}

/// `YYYY-MM-DD`, which `date_out` (DateStyle ISO) prints unchanged.
fn iso_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let ok = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    matches!(parts.as_slice(), [y, m, d] if ok(y, 4) && ok(m, 2) && ok(d, 2)
        && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&d.parse::<u32>().unwrap_or(0)))
}

/// `interval_out` (IntervalStyle postgres) of a list of `N unit` with non-negative
/// integers: `1 year 2 mons 3 days 04:05:06`; weeks become days, hours do not carry.
fn interval(value: &str) -> Option<String> {
    let words: Vec<&str> = value.split_whitespace().collect();
    let (mut months, mut days, mut secs) = (0u64, 0u64, 0u64);
    if words.as_slice() == ["0"] {
        return Some("00:00:00".into());
    }
    if words.is_empty() || words.len() % 2 != 0 {
        return None;
    }
    for pair in words.chunks(2) {
        let n: u64 = pair.first()?.parse().ok()?;
        let unit = pair.get(1)?.to_ascii_lowercase();
        let unit = unit.strip_suffix('s').unwrap_or(&unit);
        match unit {
            "year" | "yr" => months = months.checked_add(n.checked_mul(12)?)?,
            "mon" | "month" => months = months.checked_add(n)?,
            "week" => days = days.checked_add(n.checked_mul(7)?)?,
            "day" => days = days.checked_add(n)?,
            "hour" | "hr" => secs = secs.checked_add(n.checked_mul(3600)?)?,
            "minute" | "min" => secs = secs.checked_add(n.checked_mul(60)?)?,
            "second" | "sec" => secs = secs.checked_add(n)?,
            _ => return None,
        }
    }
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if months / 12 > 0 {
        parts.push(plural(months / 12, "year"));
    }
    if months % 12 > 0 {
        parts.push(plural(months % 12, "mon"));
    }
    if days > 0 {
        parts.push(plural(days, "day"));
    }
    if secs > 0 || parts.is_empty() {
        parts.push(format!(
            "{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        ));
    }
    Some(parts.join(" "))
}

/// A plain IPv4 address, which `inet_out` prints unchanged.
fn ipv4(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u8>().is_ok()
        })
}

/// `regclassout`: the relation's name, quoted as needed, without `public.` (visible).
fn regclass(value: &str) -> String {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = value.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                current.push('"');
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(std::mem::take(&mut current)),
            c if !quoted => current.push(c.to_ascii_lowercase()),
            c => current.push(c),
        }
    }
    parts.push(current);
    if parts.len() == 2 && parts[0] == "public" {
        parts.remove(0);
    }
    parts
        .iter()
        .map(|p| quote_ident(&unquote_ident(p)))
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_enums() -> IndexMap<String, EnumType> {
        IndexMap::new()
    }

    #[test]
    fn numbers_print_as_ruleutils() {
        // Checked against PostgreSQL 15 (pg_get_expr of column defaults).
        assert_eq!(number("0", false).text, "0");
        assert_eq!(number("1", true).text, "'-1'::integer");
        assert_eq!(number("0", true).text, "0");
        assert_eq!(number("9999999999", false).text, "'9999999999'::bigint");
        assert_eq!(number("2147483648", true).text, "'-2147483648'::integer");
        assert_eq!(number("1.5", false).text, "1.5");
        assert_eq!(number("1.5", true).text, "'-1.5'::numeric");
        assert_eq!(number("1e3", false).text, "'1000'::numeric");
        assert_eq!(number("1.50", false).text, "1.50");
        assert_eq!(number(".5", false).text, "0.5");
    }

    #[test]
    fn numeric_output() {
        assert_eq!(numeric_out("1.5e2", false).as_deref(), Some("150"));
        assert_eq!(numeric_out("1.5e-2", false).as_deref(), Some("0.015"));
        assert_eq!(numeric_out("-0.0", false).as_deref(), Some("0.0"));
        assert_eq!(numeric_out("007", false).as_deref(), Some("7"));
        assert_eq!(numeric_out("NaN", false), None);
    }

    #[test]
    fn strings_take_the_type() {
        let e = no_enums();
        let t = |v: &str, ty: Ty| typed(v, &ty, &e).map(|c| c.text);
        assert_eq!(
            t("user", Ty::Varchar).as_deref(),
            Ok("'user'::character varying")
        );
        assert_eq!(t("it's", Ty::Text).as_deref(), Ok("'it''s'::text"));
        assert_eq!(t("5", Ty::Int4).as_deref(), Ok("5"));
        assert_eq!(t("5", Ty::Int8).as_deref(), Ok("'5'::bigint"));
        assert_eq!(t("t", Ty::Bool).as_deref(), Ok("true"));
        assert_eq!(t("off", Ty::Bool).as_deref(), Ok("false"));
        assert!(t("x", Ty::Bool).is_err());
        assert!(t("x", Ty::Int4).is_err());
        assert_eq!(
            t("{}", Ty::Other("jsonb".into())).as_deref(),
            Ok("'{}'::jsonb")
        );
        assert_eq!(
            t(r#"{"bb":1,"a":[true,null]}"#, Ty::Other("jsonb".into())).as_deref(),
            Ok(r#"'{"a": [true, null], "bb": 1}'::jsonb"#)
        );
        let iv = |v: &str| t(v, Ty::Other("interval".into()));
        // Checked against PostgreSQL 15.
        assert_eq!(iv("1 day").as_deref(), Ok("'1 day'::interval"));
        assert_eq!(iv("90 minutes").as_deref(), Ok("'01:30:00'::interval"));
        assert_eq!(iv("1 week").as_deref(), Ok("'7 days'::interval"));
        assert_eq!(iv("36 hours").as_deref(), Ok("'36:00:00'::interval"));
        assert_eq!(iv("14 months").as_deref(), Ok("'1 year 2 mons'::interval"));
        assert_eq!(
            iv("1 year 2 months 3 days 4 hours 5 minutes 6 seconds").as_deref(),
            Ok("'1 year 2 mons 3 days 04:05:06'::interval")
        );
        assert_eq!(iv("0").as_deref(), Ok("'00:00:00'::interval"));
        assert_eq!(
            t("public.T_id_seq", Ty::Other("regclass".into())).as_deref(),
            Ok("'t_id_seq'::regclass")
        );
        assert_eq!(
            t(
                "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
                Ty::Other("uuid".into())
            )
            .as_deref(),
            Ok("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid")
        );
    }
}
