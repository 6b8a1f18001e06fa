//! Identifier length: names PostgreSQL would derive, and names that fit its 63-byte limit.

use sha2::{Digest, Sha256};

/// The longest identifier PostgreSQL keeps (`NAMEDATALEN - 1` bytes); longer ones are
/// truncated silently, so the tool shortens them itself.
pub const MAX_IDENTIFIER_BYTES: usize = 63;

/// The name PostgreSQL gives a constraint by default: `<table>_<col>[_<col>...]_<suffix>`
/// (`pkey`, `key`, `fkey`, `check`, `not_null`), shortened exactly as PostgreSQL's
/// `makeObjectName` does, so that a derived name matches the one PostgreSQL chose.
pub fn default_constraint_name(table: &str, columns: &[String], suffix: &str) -> String {
    let name2 = columns.join("_");
    let name2 = (!name2.is_empty()).then_some(name2.as_str());
    make_object_name(table, name2, suffix)
}

/// PostgreSQL's `makeObjectName`: trim the longer of the two parts one byte at a time
/// until everything fits, then clip each part to a character boundary.
fn make_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let mut overhead = label.len() + 1;
    if name2.is_some() {
        overhead += 1;
    }
    let avail = MAX_IDENTIFIER_BYTES.saturating_sub(overhead);
    let mut n1 = name1.len();
    let mut n2 = name2.map_or(0, str::len);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let mut out = String::from(clip(name1, n1));
    if let Some(name2) = name2 {
        out.push('_');
        out.push_str(clip(name2, n2));
    }
    out.push('_');
    out.push_str(label);
    out
}

/// The longest prefix of `s` of at most `bytes` bytes that ends on a character boundary.
fn clip(s: &str, bytes: usize) -> &str {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `name` itself when it fits in 63 bytes; otherwise a prefix and 8 hex digits of the
/// SHA-256 of the whole name: deterministic, and two long names that share a prefix
/// still differ.
pub fn fit_identifier(name: &str) -> String {
    if name.len() <= MAX_IDENTIFIER_BYTES {
        return name.to_string();
    }
    let digest = Sha256::digest(name.as_bytes());
    let hex: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("{}_{hex}", clip(name, MAX_IDENTIFIER_BYTES - 9))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn short_names_are_postgres_defaults() {
        assert_eq!(
            default_constraint_name("identities", &cols(&["provider", "provider_id"]), "key"),
            "identities_provider_provider_id_key"
        );
        assert_eq!(
            default_constraint_name("orders", &[], "pkey"),
            "orders_pkey"
        );
        assert_eq!(
            default_constraint_name("orders", &cols(&["email"]), "not_null"),
            "orders_email_not_null"
        );
    }

    #[test]
    fn long_names_are_trimmed_like_postgres() {
        // Checked against PostgreSQL 15: CREATE TABLE with these names and UNIQUE (b).
        let table = "a".repeat(40);
        let column = "b".repeat(40);
        let name = default_constraint_name(&table, &cols(&[&column]), "key");
        assert_eq!(name.len(), 63);
        assert_eq!(name, format!("{}_{}_key", "a".repeat(29), "b".repeat(29)));
    }

    #[test]
    fn multibyte_names_are_clipped_on_character_boundaries() {
        let table = "é".repeat(40); // 80 bytes
        let name = default_constraint_name(&table, &cols(&["x"]), "fkey");
        assert!(name.len() <= 63);
        assert!(name.ends_with("_x_fkey"));
    }

    #[test]
    fn fit_identifier_keeps_short_and_hashes_long() {
        assert_eq!(fit_identifier("idx_orders_state"), "idx_orders_state");
        let a = fit_identifier(&format!("idx_{}_a", "t".repeat(70)));
        let b = fit_identifier(&format!("idx_{}_b", "t".repeat(70)));
        assert_eq!(a.len(), 63);
        assert_ne!(a, b);
        assert_eq!(a, fit_identifier(&format!("idx_{}_a", "t".repeat(70))));
    }
}
