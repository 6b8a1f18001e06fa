//! Edits of canonical expression text (checks, predicates, defaults) that PostgreSQL
//! makes by reference, for the readers and for the end state alike: it stores expressions as trees of column numbers and type ids,
//! so renaming a column, a type or an enum label changes how they print. The model
//! keeps the printed text, so the reader edits the text: string literals are skipped,
//! column names are words not followed by `(` (functions) and not after `::` (types).

use super::quote::{printed_literal as quote, quote_ident, unquote_ident as unquote};

#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    /// A column reference, as printed (bare or double-quoted).
    Column(&'a str),
    /// Anything else, copied as is.
    Other(&'a str),
}

/// Where a type name may stand: right after `::`, or continuing a multi-word one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TypeName {
    No,
    First,
    Continue,
}

/// Split printed expression text into column references and the rest.
fn tokens(text: &str, written: bool) -> Vec<Token<'_>> {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut out = Vec::new();
    let mut i = 0;
    let mut type_name = TypeName::No;
    while i < b.len() {
        let start = i;
        let c = at(i);
        if c == b'\'' || c == b'"' {
            // A string or a quoted identifier; a doubled quote stays inside.
            i += 1;
            while i < b.len() {
                if at(i) == c {
                    if at(i + 1) == c {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
            let piece = slice(text, start, i);
            if c == b'\'' {
                out.push(Token::Other(piece));
                type_name = TypeName::No;
            } else {
                let is_type = type_name == TypeName::First;
                out.push(word_token(piece, is_type, at(i) == b'(', written));
                type_name = if is_type {
                    TypeName::Continue
                } else {
                    TypeName::No
                };
            }
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            while i < b.len()
                && (at(i).is_ascii_alphanumeric() || matches!(at(i), b'_' | b'$') || at(i) >= 0x80)
            {
                i += 1;
            }
            let word = slice(text, start, i);
            // Multi-word type names: `character varying`, `timestamp with time zone`.
            let is_type = type_name == TypeName::First
                || type_name == TypeName::Continue
                    && matches!(
                        word,
                        "varying" | "precision" | "with" | "without" | "time" | "zone"
                    );
            out.push(word_token(word, is_type, at(i) == b'(', written));
            type_name = if is_type {
                TypeName::Continue
            } else {
                TypeName::No
            };
        } else if c == b':' && at(i + 1) == b':' {
            i += 2;
            out.push(Token::Other(slice(text, start, i)));
            type_name = TypeName::First;
        } else {
            i += 1;
            if c != b' ' {
                type_name = TypeName::No;
            }
            out.push(Token::Other(slice(text, start, i)));
        }
    }
    out
}

/// Words of SQL syntax that may stand where a column could: never column names, as
/// a column with such a name is always quoted.
const KEYWORDS: &[&str] = &[
    "and",
    "or",
    "not",
    "is",
    "null",
    "true",
    "false",
    "in",
    "between",
    "like",
    "ilike",
    "similar",
    "to",
    "escape",
    "any",
    "all",
    "some",
    "array",
    "case",
    "when",
    "then",
    "else",
    "end",
    "distinct",
    "from",
    "collate",
    "at",
    "time",
    "zone",
    "current_date",
    "current_time",
    "current_timestamp",
    "localtime",
    "localtimestamp",
    "current_user",
    "current_role",
    "session_user",
    "user",
    "current_catalog",
    "current_schema",
    "unknown",
    "both",
    "leading",
    "trailing",
    "symmetric",
    "asymmetric",
];

/// A word: a column unless it is a type, a function name or a keyword. PostgreSQL
/// prints keywords in upper case and columns as `quote_ident` does; `written` text
/// (as sqlparser prints what the user wrote) needs the keyword list.
fn word_token(word: &str, type_or_function: bool, call: bool, written: bool) -> Token<'_> {
    let quoted = word.starts_with('"');
    let keyword = !quoted
        && if written {
            KEYWORDS.contains(&word.to_ascii_lowercase().as_str())
        } else {
            word.bytes().any(|c| c.is_ascii_uppercase()) || matches!(word, "true" | "false")
        };
    if type_or_function || call || keyword {
        Token::Other(word)
    } else {
        Token::Column(word)
    }
}

fn slice(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or("")
}

/// The columns `text` refers to, each once, in order.
pub fn columns(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokens(text, false) {
        if let Token::Column(c) = t {
            let name = unquote(c);
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// `text` (as PostgreSQL prints it) with every column reference passed through
/// `rename`: a name it maps is replaced (quoted as `quote_ident` would), others stay.
/// All columns are renamed at once, so swapping two names works.
pub fn map_columns(text: &str, rename: &dyn Fn(&str) -> Option<String>) -> String {
    tokens(text, false)
        .into_iter()
        .map(|t| match t {
            Token::Column(c) => {
                rename(&unquote(c)).map_or_else(|| c.to_string(), |n| quote_ident(&n))
            }
            Token::Other(c) => c.to_string(),
        })
        .collect()
}

/// `text` with column `from` renamed to `to`.
pub fn rename_column(text: &str, from: &str, to: &str) -> String {
    map_columns(text, &|c| (c == from).then(|| to.to_string()))
}

/// Expression text as written (unquoted names in any case) with every column reference
/// passed through `rename`, which sees the name as PostgreSQL folds it.
pub fn map_written(text: &str, rename: &dyn Fn(&str) -> Option<String>) -> String {
    tokens(text, true)
        .into_iter()
        .map(|t| match t {
            Token::Column(c) => {
                let folded = if c.starts_with('"') {
                    unquote(c)
                } else {
                    c.to_ascii_lowercase()
                };
                rename(&folded).map_or_else(|| c.to_string(), |n| quote_ident(&n))
            }
            Token::Other(c) => c.to_string(),
        })
        .collect()
}

/// `text` with the casts to type `from` (and its array) now to `to`.
pub fn rename_type(text: &str, from: &str, to: &str) -> String {
    let (from, to) = (
        format!("::{}", quote_ident(from)),
        format!("::{}", quote_ident(to)),
    );
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(&from) {
        let after = &rest[i + from.len()..];
        let whole = !after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$');
        out.push_str(&rest[..i]);
        out.push_str(if whole { &to } else { &from });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `text` with enum label `from` of type `enum_name` now `to`.
pub fn rename_label(text: &str, enum_name: &str, from: &str, to: &str) -> String {
    let cast = format!("::{}", quote_ident(enum_name));
    let (old, new) = (
        format!("{}{cast}", quote(from)),
        format!("{}{cast}", quote(to)),
    );
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(&old) {
        let after = &rest[i + old.len()..];
        let whole = !after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$');
        out.push_str(&rest[..i]);
        out.push_str(if whole { &new } else { &old });
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const THEME: &str = "((theme)::text = ANY ((ARRAY['light'::character varying, 'dark'::character varying])::text[]))";

    #[test]
    fn finds_columns_not_types_functions_or_strings() {
        assert_eq!(columns(THEME), vec!["theme"]);
        assert_eq!(
            columns("((o IS NULL) OR (length((o)::text) > 2))"),
            vec!["o"]
        );
        assert_eq!(
            columns("(\"Size\" >= 0) AND (b <> 'a b'::text)"),
            vec!["Size", "b"]
        );
        assert_eq!(columns("(u < now())"), vec!["u"]);
        assert_eq!(
            columns("(t > '2020-01-01'::timestamp with time zone)"),
            vec!["t"]
        );
        assert_eq!(columns("(r = true)"), vec!["r"]);
    }

    #[test]
    fn renames_columns_types_and_labels() {
        assert_eq!(
            rename_column(THEME, "theme", "Mode"),
            THEME.replace("(theme)", "(\"Mode\")")
        );
        assert_eq!(
            rename_column("(text_col <> ''::text)", "text", "x"),
            "(text_col <> ''::text)"
        );
        assert_eq!(
            map_written("Theme IN ('light', 'dark') AND x::TEXT <> 'theme'", &|c| (c
                == "theme")
                .then(|| "mode".to_string())),
            "mode IN ('light', 'dark') AND x::TEXT <> 'theme'"
        );
        let swap = |c: &str| match c {
            "a" => Some("b".to_string()),
            "b" => Some("a".to_string()),
            _ => None,
        };
        assert_eq!(
            map_columns("((a > b) AND (c = 1))", &swap),
            "((b > a) AND (c = 1))"
        );
        assert_eq!(
            rename_type("'a'::role, 'b'::roles, '{}'::role[]", "role", "kind"),
            "'a'::kind, 'b'::roles, '{}'::kind[]"
        );
        assert_eq!(
            rename_label("(r = ANY (ARRAY['a'::role, 'ab'::role]))", "role", "a", "z"),
            "(r = ANY (ARRAY['z'::role, 'ab'::role]))"
        );
    }
}
