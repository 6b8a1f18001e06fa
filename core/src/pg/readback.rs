//! Printed expressions that PostgreSQL does not read back as themselves, rewritten to
//! what it does. `varchar_col IN ('a', 'b')` prints as
//! `((c)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))`,
//! which, read again, becomes `ARRAY[('a'::character varying)::text, ...]`: the IN
//! list reads back to the first form.

/// The printed expression with every such `= ANY` / `<> ALL` over a varchar array
/// written as `IN` / `NOT IN`, or `None` when it has none.
pub fn check_source(printed: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = printed;
    let mut changed = false;
    while let Some(at) = rest.find("(") {
        if let Some((text, used)) = in_list(&rest[at..]) {
            out.push_str(&rest[..at]);
            out.push_str(&text);
            rest = &rest[at + used..];
            changed = true;
        } else {
            out.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// `(col)::text = ANY ((ARRAY['a'::character varying, ...])::text[])` at the start of
/// `s`: its `IN` form and the length read.
fn in_list(s: &str) -> Option<(String, usize)> {
    let (column, mut i) = column(s)?;
    let (negated, op) = if s[i..].starts_with(")::text = ANY ((ARRAY[") {
        (false, ")::text = ANY ((ARRAY[")
    } else if s[i..].starts_with(")::text <> ALL ((ARRAY[") {
        (true, ")::text <> ALL ((ARRAY[")
    } else {
        return None;
    };
    i += op.len();
    let mut items = Vec::new();
    loop {
        let (literal, used) = literal(&s[i..])?;
        i += used;
        let rest = s[i..].strip_prefix("::character varying")?;
        i += "::character varying".len();
        items.push(literal);
        if rest.starts_with(", ") {
            i += 2;
        } else if rest.starts_with("])::text[])") {
            i += "])::text[])".len();
            break;
        } else {
            return None;
        }
    }
    let not = if negated { "NOT " } else { "" };
    Some((format!("{column} {not}IN ({})", items.join(", ")), i))
}

/// `(name` or `("quoted name"`: the name as printed and the length read.
fn column(s: &str) -> Option<(&str, usize)> {
    let s1 = s.strip_prefix('(')?;
    let end = if let Some(q) = s1.strip_prefix('"') {
        let mut i = 0;
        let bytes = q.as_bytes();
        loop {
            match bytes.get(i)? {
                b'"' if bytes.get(i + 1) == Some(&b'"') => i += 2,
                b'"' => break i + 2,
                _ => i += 1,
            }
        }
    } else {
        s1.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))?
    };
    (end > 0).then(|| (&s1[..end], end + 1))
}

/// A `'...'` literal (with `''` inside) at the start of `s`, and its length.
fn literal(s: &str) -> Option<(String, usize)> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'\'') {
        return None;
    }
    let mut i = 1;
    loop {
        match bytes.get(i)? {
            b'\'' if bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b'\'' => return Some((s[..=i].to_string(), i + 1)),
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varchar_in_lists_read_back() {
        let printed = "(((status)::text = ANY ((ARRAY['a'::character varying, 'it''s'::character varying])::text[])) AND (n > 0))";
        assert_eq!(
            check_source(printed).as_deref(),
            Some("((status IN ('a', 'it''s')) AND (n > 0))")
        );
        let printed = "((\"Kind\")::text <> ALL ((ARRAY['x'::character varying])::text[]))";
        assert_eq!(
            check_source(printed).as_deref(),
            Some("(\"Kind\" NOT IN ('x'))")
        );
        assert_eq!(check_source("((n = ANY (ARRAY[1, 2])))"), None);
        assert_eq!(check_source("(t = ANY (ARRAY['p'::text]))"), None);
    }
}
