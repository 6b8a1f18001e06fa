//! Connection strings in messages, with the password masked.

const MASK: &str = "***";

/// `url` with every password replaced by `***`: the `user:password@` of a URL and its
/// `password=` query parameter, or the `password=` pair of a `key=value` string.
pub fn redact(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let scheme = ["postgres://", "postgresql://"]
        .into_iter()
        .find(|s| lower.trim_start().starts_with(s));
    match scheme {
        Some(scheme) => {
            let start = url.len() - url.trim_start().len() + scheme.len();
            format!("{}{}", &url[..start], redact_url_rest(&url[start..]))
        }
        None => redact_pairs(url),
    }
}

/// The part of a URL after `scheme://`: authority, path, query.
fn redact_url_rest(rest: &str) -> String {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rfind('@') {
        Some(at) => {
            let (userinfo, host) = authority.split_at(at);
            match userinfo.find(':') {
                Some(colon) => format!("{}:{MASK}{host}", &userinfo[..colon]),
                None => authority.to_string(),
            }
        }
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let params: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => {
                        format!("{key}={MASK}")
                    }
                    _ => p.to_string(),
                })
                .collect();
            format!("{path}?{}", params.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{authority}{tail}")
}

/// `key = value` pairs as libpq reads them: a value is a run of non-blank characters or a
/// single-quoted string, either with backslash escapes.
fn redact_pairs(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let copy = |out: &mut String, from: usize, to: usize| out.extend(&chars[from..to]);
    let skip_blanks = |mut i: usize| {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        i
    };
    while i < chars.len() {
        let start = i;
        i = skip_blanks(i);
        copy(&mut out, start, i);
        let key_start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' {
            i += 1;
        }
        let key: String = chars[key_start..i].iter().collect();
        copy(&mut out, key_start, i);
        let before_eq = i;
        i = skip_blanks(i);
        if i >= chars.len() || chars[i] != '=' {
            copy(&mut out, before_eq, i);
            continue;
        }
        i = skip_blanks(i + 1);
        copy(&mut out, before_eq, i);
        let value_start = i;
        if i < chars.len() && chars[i] == '\'' {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else {
            while i < chars.len() && !chars[i].is_whitespace() {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
        }
        i = i.min(chars.len());
        if key.eq_ignore_ascii_case("password") {
            out.push_str(MASK);
        } else {
            copy(&mut out, value_start, i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn urls_lose_their_password_and_keep_the_rest() {
        for (url, shown) in [
            (
                "postgres://u:secret@db.example:5432/app",
                "postgres://u:***@db.example:5432/app",
            ),
            (
                "postgresql://u:p%40ss:w@h/db?sslmode=disable&password=x&application_name=a",
                "postgresql://u:***@h/db?sslmode=disable&password=***&application_name=a",
            ),
            (
                "postgres://postgres@%2Ftmp%2Fdir:5432/db",
                "postgres://postgres@%2Ftmp%2Fdir:5432/db",
            ),
            ("postgres://h/db", "postgres://h/db"),
            ("POSTGRES://u:s@h", "POSTGRES://u:***@h"),
            (
                "postgres://u:s@h?password=y",
                "postgres://u:***@h?password=***",
            ),
        ] {
            assert_eq!(redact(url), shown, "{url}");
        }
    }

    #[test]
    fn key_value_strings_lose_their_password_and_keep_the_rest() {
        for (url, shown) in [
            (
                "host=/tmp/dir port=5432 user=postgres dbname=x",
                "host=/tmp/dir port=5432 user=postgres dbname=x",
            ),
            (
                "host=h password=secret dbname=x",
                "host=h password=*** dbname=x",
            ),
            ("password = 'se cr\\'et' user=u", "password = *** user=u"),
            ("user=u password=s\\ x", "user=u password=***"),
            ("password=", "password=***"),
            ("  user=ü  password='ä'", "  user=ü  password=***"),
            ("not a connection string", "not a connection string"),
        ] {
            assert_eq!(redact(url), shown, "{url}");
        }
    }
}
