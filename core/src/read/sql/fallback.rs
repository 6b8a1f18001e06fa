//! Statements sqlparser cannot parse: skipped quietly when they do not touch the
//! schema, read by hand for the few PostgreSQL forms sqlparser lacks
//! (`ALTER INDEX IF EXISTS ... RENAME TO`), otherwise refused (`replay::refusals`), or
//! warned about when it is about roles, settings, privileges or ownership. The name of
//! what such a statement creates is remembered, so that later statements about it go
//! with it.

use sqlparser::ast::{AlterIndexOperation, Ident, ObjectName, ObjectNamePart};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::tokenizer::{Token, Tokenizer};

use super::names;
use super::replay::{Done, Holder, Replay};

/// First words of statements that never change the schema.
pub(super) const QUIET: &[&str] = &[
    "select",
    "insert",
    "update",
    "delete",
    "with",
    "values",
    "table",
    "set",
    "reset",
    "begin",
    "start",
    "commit",
    "end",
    "rollback",
    "abort",
    "savepoint",
    "release",
    "grant",
    "revoke",
    "analyze",
    "analyse",
    "vacuum",
    "copy",
    "lock",
    "notify",
    "listen",
    "unlisten",
    "discard",
    "show",
    "explain",
    "prepare",
    "execute",
    "deallocate",
    "fetch",
    "move",
    "close",
    "declare",
    "truncate",
    "checkpoint",
    "refresh",
    "cluster",
    "reindex",
    "call",
    "load",
    "merge",
];

/// A statement sqlparser could not parse (and not quiet), tokenized.
pub fn unparsed(r: &mut Replay, lexed: &Lexed, text: &str, error: &str, line: usize) -> Done {
    let words = &lexed.words;
    // Ownership is not modelled (pg_dump's ALTER TYPE ... OWNER TO).
    let n = words.len();
    if is(words.first(), "ALTER")
        && n >= 3
        && is(words.get(n - 3), "OWNER")
        && is(words.get(n - 2), "TO")
    {
        return Ok(());
    }
    if let Some((if_exists, name, to)) = alter_index_rename(words) {
        let operation = AlterIndexOperation::RenameIndex {
            index_name: object(&to),
        };
        return super::replay::alter_index(r, &object(&name), &operation, if_exists);
    }
    // `ALTER SEQUENCE name OWNED BY table.column | NONE`, which sqlparser 0.64 does not
    // parse (pg_dump writes one per serial column).
    if is(words.first(), "ALTER") && is(words.get(1), "SEQUENCE") {
        if let Some((parts, next)) = name_at(words, 2) {
            let local = match parts.as_slice() {
                [one] => Some(one.clone()),
                [schema, one] => Some(crate::pg::key_of(schema, one)),
                _ => None,
            };
            let renamed = is(words.get(next), "RENAME") && is(words.get(next + 1), "TO");
            if let (Some(seq), true) = (&local, renamed) {
                if let Some((new, end)) = name_at(words, next + 2) {
                    if let ([new], true) = (new.as_slice(), end == words.len()) {
                        return super::replay::sequences::rename(r, seq, new);
                    }
                }
            }
            let owned = is(words.get(next), "OWNED") && is(words.get(next + 1), "BY");
            if let (Some(seq), true) = (&local, owned) {
                if words.len() == next + 3 && is(words.get(next + 2), "NONE") {
                    return super::replay::sequences::owned(r, seq, None);
                }
                if let Some((target, end)) = name_at(words, next + 2) {
                    if end == words.len() {
                        return super::replay::sequences::owned(r, seq, Some(&object(&target)));
                    }
                }
            }
            if let Some(seq) = local
                .as_ref()
                .filter(|s| r.schema.sequences.contains_key(*s))
            {
                if let Some(done) = super::narrow::alter_sequence(r, seq, lexed, next) {
                    return done;
                }
            }
            if local.is_some_and(|n| r.opaque.relations.contains(&n)) {
                return Ok(());
            }
        }
    }
    if let Some(done) = super::narrow::read(r, words) {
        return done;
    }
    let head = head(text);
    let error = error_at(error, line);
    if let Some(what) = outside_the_schema(words) {
        r.warn(format!("`{head}`: {what}; skipped"));
        return Ok(());
    }
    let why = format!("sqlparser cannot parse it ({error})");
    match created(words) {
        Some((kind, name)) => {
            let (holder, label) = match kind {
                Created::Relation => (Holder::Relation(name.clone()), "relation"),
                Created::Type => (Holder::Type(name.clone()), "type"),
                Created::Function => (Holder::Function(name.clone()), "function"),
            };
            r.refuse(holder, format!("{label} {name}"), why);
        }
        None => r.refuse(Holder::Statement, format!("`{head}`"), why),
    }
    Ok(())
}

/// Why a statement sqlparser cannot parse may be skipped: it is about roles, databases,
/// tablespaces, settings, privileges or ownership, none of which the schema holds.
fn outside_the_schema(w: &[Word]) -> Option<&'static str> {
    let first = w.first().map(|w| w.upper.as_str());
    let second = w.get(1).map(|w| w.upper.as_str());
    match (first, second) {
        (Some("ALTER"), Some("DATABASE" | "SYSTEM")) => Some("settings are not modelled"),
        (Some("ALTER"), Some("DEFAULT")) => Some("privileges are not modelled"),
        (Some("ALTER" | "CREATE" | "DROP"), Some("ROLE" | "USER" | "GROUP")) => {
            Some("roles are outside the schema")
        }
        (Some("CREATE" | "DROP"), Some("DATABASE" | "TABLESPACE")) => {
            Some("databases and tablespaces are outside the schema")
        }
        (Some("REASSIGN" | "DROP"), Some("OWNED")) => Some("ownership is not modelled"),
        (Some("SECURITY"), Some("LABEL")) => Some("security labels are not modelled"),
        _ => None,
    }
}

/// A word of the statement: its folded name, and whether it was quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Word {
    pub folded: String,
    pub upper: String,
    pub quoted: bool,
    /// Not a word: `.`, `(`, a string literal (as written), ...
    pub punct: Option<String>,
    /// The value of a string literal.
    pub literal: Option<String>,
}

/// A statement's tokens (whitespace kept, so that text can be put back together), and
/// its words: `words[k]` is `tokens[significant[k]]`.
pub(super) struct Lexed {
    pub tokens: Vec<Token>,
    pub significant: Vec<usize>,
    pub words: Vec<Word>,
}

impl Lexed {
    /// The text of the tokens, leaving out those in the `dropped` ranges.
    pub fn text_without(&self, from: usize, dropped: &[(usize, usize)]) -> String {
        (from..self.tokens.len())
            .filter(|i| !dropped.iter().any(|&(a, b)| (a..b).contains(i)))
            .map(|i| self.tokens[i].to_string())
            .collect()
    }
}

/// `text` tokenized (nothing when it does not tokenize).
pub(super) fn lex(text: &str) -> Lexed {
    let tokens = Tokenizer::new(&PostgreSqlDialect {}, text)
        .tokenize()
        .unwrap_or_default();
    let significant: Vec<usize> = (0..tokens.len())
        .filter(|&i| !matches!(tokens[i], Token::Whitespace(_)))
        .collect();
    let words = significant.iter().map(|&i| word(&tokens[i])).collect();
    Lexed {
        tokens,
        significant,
        words,
    }
}

fn word(t: &Token) -> Word {
    match t {
        Token::Word(w) => {
            let id = Ident {
                value: w.value.clone(),
                quote_style: w.quote_style,
                span: sqlparser::tokenizer::Span::empty(),
            };
            Word {
                folded: names::ident(&id),
                upper: w.value.to_ascii_uppercase(),
                quoted: w.quote_style.is_some(),
                punct: None,
                literal: None,
            }
        }
        other => Word {
            folded: String::new(),
            upper: String::new(),
            quoted: false,
            literal: match other {
                Token::SingleQuotedString(s) | Token::EscapedStringLiteral(s) => Some(s.clone()),
                _ => None,
            },
            punct: Some(other.to_string()),
        },
    }
}

pub(super) fn is(w: Option<&Word>, keyword: &str) -> bool {
    w.is_some_and(|w| !w.quoted && w.punct.is_none() && w.upper == keyword)
}

/// A possibly qualified name starting at `i`: its parts and the index after it.
pub(super) fn name_at(words: &[Word], mut i: usize) -> Option<(Vec<String>, usize)> {
    let mut parts = Vec::new();
    loop {
        let w = words.get(i)?;
        if w.punct.is_some() {
            return None;
        }
        parts.push(w.folded.clone());
        i += 1;
        if words.get(i).and_then(|w| w.punct.as_deref()) == Some(".") {
            i += 1;
        } else {
            return Some((parts, i));
        }
    }
}

pub(super) fn object(parts: &[String]) -> ObjectName {
    ObjectName(
        parts
            .iter()
            .map(|p| ObjectNamePart::Identifier(Ident::with_quote('"', p.clone())))
            .collect(),
    )
}

/// `ALTER INDEX [IF EXISTS] name RENAME TO new`.
fn alter_index_rename(w: &[Word]) -> Option<(bool, Vec<String>, Vec<String>)> {
    if !is(w.first(), "ALTER") || !is(w.get(1), "INDEX") {
        return None;
    }
    let mut i = 2;
    let if_exists = is(w.get(i), "IF") && is(w.get(i + 1), "EXISTS");
    if if_exists {
        i += 2;
    }
    let (name, next) = name_at(w, i)?;
    if !is(w.get(next), "RENAME") || !is(w.get(next + 1), "TO") {
        return None;
    }
    let (to, end) = name_at(w, next + 2)?;
    (end == w.len()).then_some((if_exists, name, to))
}

enum Created {
    Relation,
    Type,
    Function,
}

/// What a `CREATE` statement creates, by kind and name, if it says.
fn created(w: &[Word]) -> Option<(Created, String)> {
    if !is(w.first(), "CREATE") {
        return None;
    }
    let mut i = 1;
    while [
        "OR",
        "REPLACE",
        "TEMP",
        "TEMPORARY",
        "UNLOGGED",
        "MATERIALIZED",
        "UNIQUE",
        "RECURSIVE",
    ]
    .iter()
    .any(|k| is(w.get(i), k))
    {
        i += 1;
    }
    let kind = match w.get(i).map(|w| w.upper.as_str()) {
        Some("TABLE" | "VIEW" | "INDEX" | "SEQUENCE") => Created::Relation,
        Some("TYPE" | "DOMAIN") => Created::Type,
        Some("FUNCTION" | "PROCEDURE") => Created::Function,
        _ => return None,
    };
    i += 1;
    while ["CONCURRENTLY", "IF", "NOT", "EXISTS"]
        .iter()
        .any(|k| is(w.get(i), k))
    {
        i += 1;
    }
    if is(w.get(i), "ON") {
        return None;
    }
    let (parts, _) = name_at(w, i)?;
    match parts.as_slice() {
        [one] => Some((kind, one.clone())),
        [schema, one] if schema == "public" => Some((kind, one.clone())),
        _ => None,
    }
}

/// The first words of a statement, for messages.
pub fn head(text: &str) -> String {
    let mut out = Vec::new();
    for word in text.split_whitespace().take(6) {
        let upper = word.to_ascii_uppercase();
        let stop = word.starts_with("--") || word.starts_with("/*") || word.starts_with('(');
        if stop || (!out.is_empty() && ["AS", "ON", "USING", "FROM"].contains(&upper.as_str())) {
            break;
        }
        match word.find('(') {
            Some(i) => {
                out.push(&word[..i]);
                break;
            }
            None => out.push(word),
        }
    }
    out.join(" ")
}

/// sqlparser's message with its position made absolute in the file.
fn error_at(error: &str, start: usize) -> String {
    let e = error.strip_prefix("sql parser error: ").unwrap_or(error);
    match e.rsplit_once(" at Line: ") {
        Some((msg, pos)) => {
            let mut it = pos.splitn(2, ", Column: ");
            let rel: usize = it.next().and_then(|l| l.trim().parse().ok()).unwrap_or(1);
            let col = it.next().unwrap_or("?").trim();
            format!(
                "{msg} at line {}, column {col}",
                start + rel.saturating_sub(1)
            )
        }
        None => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_positions() {
        assert_eq!(head("CREATE VIEW v AS SELECT 1"), "CREATE VIEW v");
        assert_eq!(head("CREATE INDEX i ON t ((lower(a)))"), "CREATE INDEX i");
        assert_eq!(head("CREATE TABLE t(a int)"), "CREATE TABLE t");
        assert_eq!(
            error_at(
                "sql parser error: Expected: x, found: y at Line: 3, Column: 7",
                10
            ),
            "Expected: x, found: y at line 12, column 7"
        );
    }

    #[test]
    fn created_names() {
        let w = lex("CREATE OR REPLACE FUNCTION public.f() RETURNS int").words;
        assert!(matches!(created(&w), Some((Created::Function, n)) if n == "f"));
        let w = lex("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Ix\" ON ONLY t (a)").words;
        assert!(matches!(created(&w), Some((Created::Relation, n)) if n == "Ix"));
        let w = lex("ALTER INDEX IF EXISTS a RENAME TO b").words;
        assert_eq!(
            alter_index_rename(&w),
            Some((true, vec!["a".to_string()], vec!["b".to_string()]))
        );
    }
}
