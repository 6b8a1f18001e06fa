//! Quoting. Identifiers are quoted in `quote_ident` and string literals escaped in
//! `quote_literal`, and nowhere else: every name and every constant the renderer
//! prints goes through one of these two functions. `printed_literal` is the other
//! spelling of a constant: the one PostgreSQL prints inside stored expressions, which
//! the readers must reproduce to compare equal; `unquote_ident` reads a name back.

use super::keywords::is_quoted_keyword;

/// An identifier as PostgreSQL's `quote_ident` prints it: bare when it is all lower-case
/// letters, digits and underscores, starts with a letter or underscore and is not a
/// keyword that needs quoting (PostgreSQL 18's list); otherwise in double quotes, with
/// inner double quotes doubled.
pub fn quote_ident(name: &str) -> String {
    let bare = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !is_quoted_keyword(name);
    if bare {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// The schema and the name of a model key: `audit.log` is `log` of schema `audit`; a
/// key without a dot is of schema `public` (`None`). The first dot splits: schema names
/// hold none.
pub fn split_key(key: &str) -> (Option<&str>, &str) {
    match key.split_once('.') {
        Some((schema, name)) if schema != "public" => (Some(schema), name),
        Some((_, name)) => (None, name),
        None => (None, key),
    }
}

/// The key of `name` in `schema` (`public` keeps no prefix).
pub fn key_of(schema: &str, name: &str) -> String {
    if schema == "public" && !name.contains('.') {
        name.to_string()
    } else {
        format!("{schema}.{name}")
    }
}

/// A model key as SQL names the object: `audit.log`, `"Audit"."Log"`, or for `public`
/// just the name.
pub fn quote_qualified(key: &str) -> String {
    match split_key(key) {
        (Some(schema), name) => format!("{}.{}", quote_ident(schema), quote_ident(name)),
        (None, name) => quote_ident(name),
    }
}

/// The model key of a printed, possibly qualified name (`audit.log`, `"A"."b"`,
/// `users`): the inverse of [`quote_qualified`].
pub fn unquote_qualified(printed: &str) -> String {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in printed.chars() {
        match c {
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(std::mem::take(&mut current)),
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    let parts: Vec<String> = parts
        .iter()
        .map(|p| unquote_ident(p.trim_start_matches('.')))
        .collect();
    match parts.as_slice() {
        [schema, name] => key_of(schema, name),
        _ => unquote_ident(printed),
    }
}

/// A string constant as PostgreSQL's `quote_literal` prints it: single quotes doubled,
/// and, when there is a backslash, the `E'...'` form with backslashes doubled, so the
/// constant means the same whatever `standard_conforming_strings` says.
pub fn quote_literal(value: &str) -> String {
    let escaped = value.replace('\'', "''");
    if value.contains('\\') {
        format!("E'{}'", escaped.replace('\\', "\\\\"))
    } else {
        format!("'{escaped}'")
    }
}

/// A string constant as PostgreSQL's ruleutils prints it in stored expressions
/// (`standard_conforming_strings` on: only single quotes are doubled).
pub fn printed_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// A name as printed (bare, or double-quoted with inner quotes doubled), read back.
pub fn unquote_ident(s: &str) -> String {
    match s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => s.to_string(),
    }
}

/// A function or `DO` body between dollar quotes whose tag does not occur in it.
pub fn dollar_quote(body: &str) -> String {
    let mut tag = String::from("$$");
    let mut n = 0;
    while body.contains(&tag) {
        n += 1;
        tag = format!("$q{n}$");
    }
    format!("{tag}{body}{tag}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_quote_like_postgres() {
        // Expected values from PostgreSQL 18's quote_ident.
        for (name, quoted) in [
            ("orders", "orders"),
            ("idx_orders_state", "idx_orders_state"),
            ("_x1", "_x1"),
            ("position", "\"position\""),
            ("user", "\"user\""),
            ("name", "name"),
            ("role", "role"),
            (
                "IDX_refresh_tokens_expires",
                "\"IDX_refresh_tokens_expires\"",
            ),
            ("ordersState", "\"ordersState\""),
            ("a$b", "\"a$b\""),
            ("1abc", "\"1abc\""),
            ("é", "\"é\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("", "\"\""),
        ] {
            assert_eq!(quote_ident(name), quoted, "{name}");
        }
    }

    #[test]
    fn literals_escape_like_postgres() {
        assert_eq!(quote_literal("user"), "'user'");
        assert_eq!(quote_literal("it's"), "'it''s'");
        assert_eq!(quote_literal("a\\b'c"), "E'a\\\\b''c'");
        assert_eq!(quote_literal(""), "''");
        assert_eq!(quote_literal("line\nbreak"), "'line\nbreak'");
    }

    #[test]
    fn dollar_quotes_avoid_the_body() {
        assert_eq!(dollar_quote("\nBEGIN\nEND;\n"), "$$\nBEGIN\nEND;\n$$");
        assert_eq!(dollar_quote("\nx := '$$';\n"), "$q1$\nx := '$$';\n$q1$");
    }
}
