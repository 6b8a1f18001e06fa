//! Splitting a file into statements, the way psql does, before any parsing: so that one
//! statement sqlparser cannot read costs a warning, not the file.
//!
//! Semicolons end a statement only outside quotes ('...', E'...' with backslash escapes,
//! "...", $tag$...$tag$), comments (`--`, nested `/* */`), parentheses, and the
//! BEGIN ... END of a `CREATE FUNCTION ... BEGIN ATOMIC` body (psql's heuristic).

/// One piece of a file, with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub line: usize,
    pub kind: PieceKind,
    /// The statement without its `;` (comments inside are kept), or the meta-command line.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    Statement,
    /// A psql meta-command (`\connect`, `\i`, ...): not SQL.
    Meta,
}

/// Split `sql` into statements and psql meta-commands, in order.
pub fn split(sql: &str) -> Vec<Piece> {
    Splitter::new(sql).run()
}

struct Splitter<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    out: Vec<Piece>,
}

/// Where the statement being read stands.
#[derive(Default)]
struct Current {
    start: Option<(usize, usize)>,
    parens: usize,
    begin_depth: usize,
    /// First letters of the leading words create/or/replace/function/procedure, as psql
    /// records them to recognise `CREATE [OR REPLACE] {FUNCTION|PROCEDURE}`.
    words: Vec<u8>,
    word_count: usize,
}

impl Current {
    fn in_routine(&self) -> bool {
        let w = |i: usize| self.words.get(i).copied().unwrap_or(0);
        w(0) == b'c'
            && (w(1) == b'f'
                || w(1) == b'p'
                || (w(1) == b'o' && w(2) == b'r' && matches!(w(3), b'f' | b'p')))
    }

    fn word(&mut self, word: &str) {
        let lower = word.to_ascii_lowercase();
        if self.word_count < 4 {
            let first = lower.bytes().next().unwrap_or(0);
            let tracked = matches!(
                lower.as_str(),
                "create" | "function" | "procedure" | "or" | "replace"
            );
            self.words.push(if tracked { first } else { 0 });
        }
        self.word_count += 1;
        if self.in_routine() && self.parens == 0 {
            match lower.as_str() {
                "begin" => self.begin_depth += 1,
                "case" if self.begin_depth >= 1 => self.begin_depth += 1,
                "end" => self.begin_depth = self.begin_depth.saturating_sub(1),
                _ => {}
            }
        }
    }
}

impl<'a> Splitter<'a> {
    fn new(src: &'a str) -> Self {
        Splitter {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            line: 1,
            out: Vec::new(),
        }
    }

    /// `src[start..end]`, or nothing if that is not on character boundaries (it always
    /// is: every stop is at an ASCII byte or after a whole identifier).
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.src.get(start..end).unwrap_or("")
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    /// Advance one byte, counting lines.
    fn bump(&mut self) {
        if self.peek(0) == Some(b'\n') {
            self.line += 1;
        }
        self.pos += 1;
    }

    fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    fn run(mut self) -> Vec<Piece> {
        let mut cur = Current::default();
        while let Some(b) = self.peek(0) {
            match b {
                b'-' if self.peek(1) == Some(b'-') => self.line_comment(),
                b'/' if self.peek(1) == Some(b'*') => self.block_comment(),
                b'\\' if cur.start.is_none() => self.meta_command(),
                b';' if cur.parens == 0 && cur.begin_depth == 0 => {
                    self.finish(&mut cur);
                    self.bump();
                    self.skip_copy_data();
                }
                _ if b.is_ascii_whitespace() => self.bump(),
                _ => {
                    if cur.start.is_none() {
                        cur.start = Some((self.pos, self.line));
                    }
                    self.token(&mut cur);
                }
            }
        }
        self.finish(&mut cur);
        self.out
    }

    /// Read one token of a statement (anything but whitespace, comments and `;`).
    fn token(&mut self, cur: &mut Current) {
        let Some(b) = self.peek(0) else { return };
        match b {
            b'\'' => self.quoted(b'\'', false),
            b'"' => self.quoted(b'"', false),
            b'(' => {
                cur.parens += 1;
                self.bump();
            }
            b')' => {
                cur.parens = cur.parens.saturating_sub(1);
                self.bump();
            }
            b'$' => match self.dollar_tag() {
                Some(tag) => self.dollar_body(&tag),
                None => self.bump(),
            },
            _ if is_ident_start(b) => {
                // E'...' (and e'...') is a string with backslash escapes.
                if matches!(b, b'E' | b'e') && self.peek(1) == Some(b'\'') {
                    self.bump();
                    self.quoted(b'\'', true);
                    return;
                }
                let start = self.pos;
                while self.peek(0).is_some_and(is_ident_char) {
                    self.bump();
                }
                cur.word(self.slice(start, self.pos));
            }
            _ if b.is_ascii_digit() => {
                // Numbers (and `1e5`) are read whole so that `1e` does not look like E'.
                while self.peek(0).is_some_and(is_ident_char) {
                    self.bump();
                }
            }
            _ => self.bump(),
        }
    }

    /// A quoted string or identifier starting at `pos`; a doubled quote is one quote;
    /// with `backslash`, `\` escapes the next character.
    fn quoted(&mut self, quote: u8, backslash: bool) {
        self.bump();
        while let Some(b) = self.peek(0) {
            if backslash && b == b'\\' {
                self.bump_n(2);
            } else if b == quote {
                self.bump();
                if self.peek(0) == Some(quote) {
                    self.bump();
                } else {
                    return;
                }
            } else {
                self.bump();
            }
        }
    }

    /// The tag of a dollar quote starting at `pos` (`$$` gives an empty tag), if it is one:
    /// not right after an identifier character (`a$b$` is an identifier) nor `$1`.
    fn dollar_tag(&self) -> Option<String> {
        if self.pos > 0
            && self
                .bytes
                .get(self.pos - 1)
                .is_some_and(|&b| is_ident_char(b))
        {
            return None;
        }
        let mut end = self.pos + 1;
        if let Some(&first) = self.bytes.get(end) {
            if first != b'$' && !is_ident_start(first) {
                return None;
            }
        }
        while self
            .bytes
            .get(end)
            .is_some_and(|&b| b != b'$' && (is_ident_char(b)))
        {
            end += 1;
        }
        (self.bytes.get(end) == Some(&b'$')).then(|| self.slice(self.pos, end + 1).to_string())
    }

    /// Skip a dollar-quoted body, from its opening tag through its closing tag.
    fn dollar_body(&mut self, tag: &str) {
        self.bump_n(tag.len());
        match self.slice(self.pos, self.bytes.len()).find(tag) {
            Some(off) => self.bump_n(off + tag.len()),
            None => self.bump_n(self.bytes.len() - self.pos),
        }
    }

    fn line_comment(&mut self) {
        while self.peek(0).is_some_and(|b| b != b'\n') {
            self.bump();
        }
    }

    /// `/* ... */`, nested as PostgreSQL nests them.
    fn block_comment(&mut self) {
        let mut depth = 0usize;
        while self.pos < self.bytes.len() {
            if self.peek(0) == Some(b'/') && self.peek(1) == Some(b'*') {
                depth += 1;
                self.bump_n(2);
            } else if self.peek(0) == Some(b'*') && self.peek(1) == Some(b'/') {
                depth -= 1;
                self.bump_n(2);
                if depth == 0 {
                    return;
                }
            } else {
                self.bump();
            }
        }
    }

    /// A psql meta-command: from the backslash to the end of the line.
    fn meta_command(&mut self) {
        let (start, line) = (self.pos, self.line);
        self.line_comment();
        self.out.push(Piece {
            line,
            kind: PieceKind::Meta,
            text: self.slice(start, self.pos).trim_end().to_string(),
        });
    }

    fn finish(&mut self, cur: &mut Current) {
        if let Some((start, line)) = cur.start {
            self.out.push(Piece {
                line,
                kind: PieceKind::Statement,
                text: self.slice(start, self.pos).trim_end().to_string(),
            });
        }
        *cur = Current::default();
    }

    /// After `COPY ... FROM STDIN;` the data follows, up to a line `\.` (pg_dump output).
    fn skip_copy_data(&mut self) {
        let Some(last) = self.out.last() else { return };
        if last.kind != PieceKind::Statement || !is_copy_from_stdin(&last.text) {
            return;
        }
        // The data starts on the next line.
        self.line_comment();
        if self.peek(0).is_some() {
            self.bump();
        }
        while self.pos < self.bytes.len() {
            let rest = self.slice(self.pos, self.bytes.len());
            let line_end = rest.find('\n').unwrap_or(rest.len());
            let done = rest.get(..line_end).is_some_and(|l| l.trim_end() == "\\.");
            self.bump_n(line_end);
            if self.peek(0).is_some() {
                self.bump();
            }
            if done {
                return;
            }
        }
    }
}

fn is_copy_from_stdin(text: &str) -> bool {
    // Asked of every statement: only a `COPY` gets its words collected.
    let mut words = text.split_whitespace();
    if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("copy")) {
        return false;
    }
    let words: Vec<&str> = words.collect();
    words
        .windows(2)
        .any(|w| w[0].eq_ignore_ascii_case("from") && w[1].eq_ignore_ascii_case("stdin"))
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_ident_char(b: u8) -> bool {
    is_ident_start(b) || b.is_ascii_digit() || b == b'$'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stmts(sql: &str) -> Vec<(usize, String)> {
        split(sql).into_iter().map(|p| (p.line, p.text)).collect()
    }

    #[test]
    fn splits_on_semicolons_with_start_lines() {
        let sql = "-- header\nCREATE TABLE a (x int);\n\n  SELECT 1;\nSELECT\n2";
        assert_eq!(
            stmts(sql),
            vec![
                (2, "CREATE TABLE a (x int)".to_string()),
                (4, "SELECT 1".to_string()),
                (5, "SELECT\n2".to_string()),
            ]
        );
    }

    #[test]
    fn quotes_hide_semicolons() {
        let sql = "SELECT 'a;''b';\nSELECT \"x;\"\"y\";\nSELECT E'it\\'s; \\\\';\nSELECT 3;";
        let got = stmts(sql);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0], (1, "SELECT 'a;''b'".to_string()));
        assert_eq!(got[1], (2, "SELECT \"x;\"\"y\"".to_string()));
        assert_eq!(got[2], (3, "SELECT E'it\\'s; \\\\'".to_string()));
        assert_eq!(got[3], (4, "SELECT 3".to_string()));
    }

    #[test]
    fn a_plain_string_does_not_take_backslash_escapes() {
        // standard_conforming_strings: 'a\' is a complete string.
        let got = stmts("SELECT 'a\\';\nSELECT 2;");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].0, 2);
    }

    #[test]
    fn dollar_quotes_with_and_without_tags() {
        let sql = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n\
                   CREATE FUNCTION g() RETURNS int AS $body$ x; $$ still; $body$ LANGUAGE sql;\n\
                   SELECT $1, a$b$c;\nSELECT 4;";
        let got = stmts(sql);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].1.ends_with("$$ SELECT 1; $$ LANGUAGE sql"));
        assert!(got[1].1.ends_with("$body$ LANGUAGE sql"));
        assert_eq!(got[1].0, 2);
        assert_eq!(got[2], (3, "SELECT $1, a$b$c".to_string()));
        assert_eq!(got[3].0, 4);
    }

    #[test]
    fn comments_line_and_nested_block() {
        let sql = "/* a; /* nested; */ still; */ SELECT 1 -- c; \n; -- tail;\n/* x */\nSELECT 2;";
        let got = stmts(sql);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, 1);
        assert_eq!(got[0].1, "SELECT 1 -- c;");
        assert_eq!(got[1], (4, "SELECT 2".to_string()));
    }

    #[test]
    fn parentheses_and_begin_atomic_bodies() {
        let sql = "CREATE RULE r AS ON INSERT TO t DO (SELECT 1; SELECT 2);\n\
                   CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT CASE WHEN true THEN 1 END;\n SELECT 2;\nEND;\nSELECT 3;";
        let got = stmts(sql);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1].1.ends_with("END"));
        assert_eq!(got[2], (7, "SELECT 3".to_string()));
    }

    #[test]
    fn begin_outside_routines_is_a_statement() {
        let got = stmts("BEGIN;\nCREATE TABLE t (x int);\nCOMMIT;");
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].0, 2);
    }

    #[test]
    fn meta_commands_and_copy_data() {
        let sql = "\\connect db\nCOPY t (a) FROM stdin;\n1;x\n2\\ty\n\\.\nSELECT 1;";
        let pieces = split(sql);
        assert_eq!(pieces.len(), 3, "{pieces:?}");
        assert_eq!(pieces[0].kind, PieceKind::Meta);
        assert_eq!(pieces[0].text, "\\connect db");
        assert_eq!(pieces[1].line, 2);
        assert_eq!(pieces[2].line, 6);
        assert_eq!(pieces[2].text, "SELECT 1");
    }

    #[test]
    fn unterminated_input_does_not_panic() {
        for sql in [
            "SELECT 'abc",
            "SELECT $$ x",
            "/* open",
            "SELECT \"x",
            "E'\\",
            "$a",
        ] {
            let _ = split(sql);
        }
    }
}
