//! Parser for psql's `--csv` output, where NULL is printed as a marker (`-P null=...`).

use std::fmt;

/// What psql prints for NULL. A control character no test value contains; a quoted field is
/// never NULL, so only an unquoted field equal to the marker is.
pub const NULL_MARKER: &str = "\u{1d}";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError(pub String);

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed psql CSV output: {}", self.0)
    }
}

impl std::error::Error for CsvError {}

/// Splits psql CSV output into records of fields. Every record ends with `\n`; quoted fields may
/// hold `,`, `"` (doubled), `\r` and `\n`.
pub fn parse(input: &str) -> Result<Vec<Vec<Option<String>>>, CsvError> {
    let mut records = Vec::new();
    let mut record: Vec<Option<String>> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = input.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if at_field_start && c == '"' {
            quoted = true;
            at_field_start = false;
            // Read up to the closing quote; `""` is a literal quote.
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(ch) => field.push(ch),
                    None => return Err(CsvError("unterminated quoted field".into())),
                }
            }
            continue;
        }
        match c {
            ',' | '\n' => {
                let value = std::mem::take(&mut field);
                record.push(if !quoted && value == NULL_MARKER {
                    None
                } else {
                    Some(value)
                });
                quoted = false;
                at_field_start = true;
                if c == '\n' {
                    records.push(std::mem::take(&mut record));
                }
            }
            _ if quoted => {
                return Err(CsvError(format!("character {c:?} after a closing quote")));
            }
            _ => {
                at_field_start = false;
                field.push(c);
            }
        }
    }
    if !at_field_start || !record.is_empty() {
        return Err(CsvError("last record does not end with a newline".into()));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quotes_nulls_and_empty_strings() {
        let out = "a,\u{1d},\n\"x\"\"y,z\nw\",\"\u{1d}\",\"\"\n";
        assert_eq!(
            parse(out).unwrap(),
            vec![
                vec![Some("a".into()), None, Some(String::new())],
                vec![
                    Some("x\"y,z\nw".into()),
                    Some("\u{1d}".into()),
                    Some(String::new())
                ],
            ]
        );
    }

    #[test]
    fn empty_output_is_no_rows_and_a_bare_newline_is_one_empty_value() {
        assert!(parse("").unwrap().is_empty());
        assert_eq!(parse("\n").unwrap(), vec![vec![Some(String::new())]]);
    }

    #[test]
    fn rejects_truncated_output() {
        assert!(parse("a,b").is_err());
        assert!(parse("\"abc\n").is_err());
    }
}
