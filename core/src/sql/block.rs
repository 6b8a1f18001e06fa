//! `DO` blocks: a plpgsql body that runs once, for statements that need a guard.

use crate::pg::dollar_quote;

/// Indent every non-empty line of `text` by `n` spaces.
pub(crate) fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `DO $$ [DECLARE ...] BEGIN <statements> END $$;`
pub(crate) fn do_block(declare: &[&str], statements: &str) -> String {
    let mut body = String::from("\n");
    if !declare.is_empty() {
        body.push_str("DECLARE\n");
        for d in declare {
            body.push_str(&format!("    {d}\n"));
        }
    }
    body.push_str("BEGIN\n");
    body.push_str(&indent(statements, 4));
    body.push_str("\nEND\n");
    format!("DO {};", dollar_quote(&body))
}

/// `IF <condition> THEN <statements> END IF;`
pub(crate) fn if_then(condition: &str, statements: &str) -> String {
    format!("IF {condition} THEN\n{}\nEND IF;", indent(statements, 4))
}

/// A guarded statement: `DO` block running `statement` when `condition` holds.
pub(crate) fn guarded(condition: &str, statement: &str) -> String {
    do_block(&[], &if_then(condition, statement))
}
