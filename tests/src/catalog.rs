//! The catalog of the `public` schema exactly as CONTRACT.md "Convergence" defines it, as a sorted
//! set of readable lines, so that two databases compare with a line diff.

use std::collections::BTreeSet;
use std::fmt;

use crate::db::Db;

/// Objects an extension owns (pgcrypto's functions) are not part of the schema under test.
const NOT_EXTENSION: &str = "NOT EXISTS (SELECT 1 FROM pg_depend d \
     WHERE d.classid = {CLASS}::regclass AND d.objid = {OID} AND d.deptype = 'e')";

fn not_extension(class: &str, oid: &str) -> String {
    NOT_EXTENSION
        .replace("{CLASS}", class)
        .replace("{OID}", oid)
}

/// One line per object; the prefix word says what kind of object it is.
fn catalog_sql() -> String {
    let tables = format!(
        "SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND {}",
        not_extension("'pg_class'", "c.oid")
    );
    format!(
        "WITH tabs AS ({tables})
SELECT 'enum ' || quote_ident(t.typname) || ' ('
       || string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) || ')'
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_enum e ON e.enumtypid = t.oid
 WHERE n.nspname = 'public' AND {type_not_ext}
 GROUP BY t.typname
UNION ALL
SELECT 'table ' || quote_ident(relname) FROM tabs
UNION ALL
SELECT 'column ' || quote_ident(tabs.relname) || '.' || quote_ident(a.attname) || ' '
       || format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
       || COALESCE(' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid), '')
       || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END
       || CASE WHEN a.attgenerated <> '' THEN ' GENERATED ' || a.attgenerated::text ELSE '' END
  FROM tabs JOIN pg_attribute a ON a.attrelid = tabs.oid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
 WHERE a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraint ' || quote_ident(tabs.relname) || '.' || quote_ident(co.conname) || ' '
       || pg_get_constraintdef(co.oid)
  FROM tabs JOIN pg_constraint co ON co.conrelid = tabs.oid
UNION ALL
SELECT 'index ' || quote_ident(tabs.relname) || '.' || quote_ident(ic.relname) || ' '
       || pg_get_indexdef(i.indexrelid)
       || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END
  FROM tabs JOIN pg_index i ON i.indrelid = tabs.oid
  JOIN pg_class ic ON ic.oid = i.indexrelid
UNION ALL
SELECT 'trigger ' || quote_ident(tabs.relname) || '.' || quote_ident(tg.tgname)
       || ' enabled=' || tg.tgenabled::text || ' ' || pg_get_triggerdef(tg.oid)
  FROM tabs JOIN pg_trigger tg ON tg.tgrelid = tabs.oid
 WHERE NOT tg.tgisinternal
UNION ALL
SELECT 'function ' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid)
       || ') RETURNS ' || pg_get_function_result(p.oid)
       || CASE WHEN p.prosecdef THEN ' SECURITY DEFINER' ELSE ' SECURITY INVOKER' END
       || COALESCE(' SET ' || array_to_string(p.proconfig, ' SET '), '')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' AND {proc_not_ext}
UNION ALL
SELECT 'comment ' || quote_ident(tabs.relname) || '.' || quote_ident(a.attname)
  FROM tabs JOIN pg_description ds
       ON ds.objoid = tabs.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid > 0
  JOIN pg_attribute a ON a.attrelid = tabs.oid AND a.attnum = ds.objsubid AND NOT a.attisdropped",
        type_not_ext = not_extension("'pg_type'", "t.oid"),
        proc_not_ext = not_extension("'pg_proc'", "p.oid"),
    )
}

/// The compared catalog of one database. Lines look like
/// `column users.role user_role NOT NULL DEFAULT 'user'::user_role`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalog {
    lines: BTreeSet<String>,
}

impl Catalog {
    /// Reads the catalog of `db`; panics with psql's error if the query fails.
    pub fn read(db: &Db) -> Catalog {
        let lines = db
            .query_column(&catalog_sql())
            .into_iter()
            .map(|l| l.unwrap_or_else(|| panic!("catalog query gave a NULL line on {}", db.name())))
            .collect();
        Catalog { lines }
    }

    pub fn from_lines<I: IntoIterator<Item = S>, S: Into<String>>(lines: I) -> Catalog {
        Catalog {
            lines: lines.into_iter().map(Into::into).collect(),
        }
    }

    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn contains(&self, line: &str) -> bool {
        self.lines.contains(line)
    }

    /// Lines only in `self` as `- line`, only in `other` as `+ line`, ordered by the line so that
    /// the two versions of a changed object stand together. Empty when the catalogs are equal.
    pub fn diff(&self, other: &Catalog) -> Vec<String> {
        line_diff(self.lines.iter(), other.lines.iter())
    }

    /// Panics with the diff when `actual` differs from `self` (`-` expected only, `+` actual only).
    pub fn assert_matches(&self, actual: &Catalog, context: &str) {
        let diff = self.diff(actual);
        if !diff.is_empty() {
            panic!(
                "catalog differs: {context}\n(- only in expected, + only in actual)\n{}\n",
                diff.join("\n")
            );
        }
    }
}

impl fmt::Display for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// Sorted-merge diff of two sorted sequences (duplicates count as often as they occur).
pub(crate) fn line_diff<'a>(
    left: impl Iterator<Item = &'a String>,
    right: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let mut out: Vec<(&str, char)> = Vec::new();
    let mut l = left.peekable();
    let mut r = right.peekable();
    loop {
        match (l.peek(), r.peek()) {
            (Some(a), Some(b)) if a == b => {
                l.next();
                r.next();
            }
            (Some(a), Some(b)) if a < b => {
                out.push((a.as_str(), '-'));
                l.next();
            }
            (Some(_), Some(b)) => {
                out.push((b.as_str(), '+'));
                r.next();
            }
            (Some(a), None) => {
                out.push((a.as_str(), '-'));
                l.next();
            }
            (None, Some(b)) => {
                out.push((b.as_str(), '+'));
                r.next();
            }
            (None, None) => break,
        }
    }
    out.into_iter()
        .map(|(line, sign)| format!("{sign} {line}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{Cluster, PgVersion};
    use crate::fixtures;

    #[test]
    fn diff_lists_each_side_and_nothing_when_equal() {
        let a = Catalog::from_lines(["table a", "column a.x integer NULL", "table b"]);
        let b = Catalog::from_lines(["table a", "column a.x integer NOT NULL", "table c"]);
        assert!(a.diff(&a.clone()).is_empty());
        assert_eq!(
            a.diff(&b),
            vec![
                "+ column a.x integer NOT NULL",
                "- column a.x integer NULL",
                "- table b",
                "+ table c"
            ]
        );
    }

    fn aligned(cluster: &Cluster) -> (crate::Db, Catalog) {
        let db = cluster.fresh_db("aligned").unwrap();
        db.run_file(&fixtures::aligned_sql()).unwrap();
        let catalog = Catalog::read(&db);
        (db, catalog)
    }

    #[test]
    fn aligned_twice_is_equal_and_v1_differs() {
        crate::scenario::with_cluster(PgVersion::V15, |cluster| {
            let (_a, first) = aligned(cluster);
            let (_b, second) = aligned(cluster);
            first.assert_matches(&second, "ALIGNED.sql built twice");
            let v1 = cluster.fresh_db("v1").unwrap();
            v1.run_file(&fixtures::v1_sql()).unwrap();
            let diff = first.diff(&Catalog::read(&v1));
            for expected in [
                "- enum user_role ('user', 'artist', 'moderator', 'admin', 'super_admin')",
                "- column users.role user_role NOT NULL DEFAULT 'user'::user_role",
                "+ column users.role character varying(20) NOT NULL DEFAULT 'user'::character varying",
                "- table files",
                "+ index users.users_role_idx CREATE INDEX users_role_idx ON public.users USING btree (role)",
                "- comment users.bio",
                "- function sync_user_profile_from_users() RETURNS trigger SECURITY DEFINER SET search_path=public, pg_temp",
            ] {
                assert!(diff.iter().any(|l| l == expected), "missing {expected:?} in\n{}", diff.join("\n"));
            }
            // pgcrypto's functions are left out on both sides.
            assert!(
                !first.lines().any(|l| l.starts_with("function digest(")),
                "{first}"
            );
            assert!(first
                .contains("function update_updated_at_column() RETURNS trigger SECURITY INVOKER"));
            assert!(first.contains(
                "trigger users.update_users_updated_at enabled=O CREATE TRIGGER update_users_updated_at \
                 BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION update_updated_at_column()"
            ));
        });
    }

    #[test]
    fn diff_detects_default_index_constraint_trigger_comment_and_function_changes() {
        crate::scenario::with_cluster(PgVersion::V15, |cluster| {
            let (_a, expected) = aligned(cluster);
            let (db, _) = aligned(cluster);
            db.exec(
                "ALTER TABLE user_profiles ALTER COLUMN theme SET DEFAULT 'dark';
                 DROP INDEX idx_tracks_visibility;
                 ALTER TABLE files RENAME CONSTRAINT files_size_bytes_check TO files_size_check;
                 ALTER TABLE tracks DISABLE TRIGGER sync_tracks_visibility;
                 COMMENT ON COLUMN tracks.artist IS NULL;
                 ALTER FUNCTION sync_user_profile_from_users() SECURITY INVOKER;
                 ALTER FUNCTION sync_user_profile_from_users() RESET search_path;
                 ALTER TYPE visibility ADD VALUE 'secret';",
            );
            let diff = expected.diff(&Catalog::read(&db));
            let want = [
                "- column user_profiles.theme character varying(20) NOT NULL DEFAULT 'system'::character varying",
                "+ column user_profiles.theme character varying(20) NOT NULL DEFAULT 'dark'::character varying",
                "- index tracks.idx_tracks_visibility CREATE INDEX idx_tracks_visibility ON public.tracks USING btree (visibility)",
                "- constraint files.files_size_bytes_check CHECK ((size_bytes >= 0))",
                "+ constraint files.files_size_check CHECK ((size_bytes >= 0))",
                "- trigger tracks.sync_tracks_visibility enabled=O CREATE TRIGGER sync_tracks_visibility BEFORE INSERT OR UPDATE OF status ON public.tracks FOR EACH ROW EXECUTE FUNCTION sync_tracks_visibility_from_status()",
                "+ trigger tracks.sync_tracks_visibility enabled=D CREATE TRIGGER sync_tracks_visibility BEFORE INSERT OR UPDATE OF status ON public.tracks FOR EACH ROW EXECUTE FUNCTION sync_tracks_visibility_from_status()",
                "- comment tracks.artist",
                "- function sync_user_profile_from_users() RETURNS trigger SECURITY DEFINER SET search_path=public, pg_temp",
                "+ function sync_user_profile_from_users() RETURNS trigger SECURITY INVOKER",
                "- enum visibility ('public', 'unlisted', 'private')",
                "+ enum visibility ('public', 'unlisted', 'private', 'secret')",
            ];
            let mut want_sorted: Vec<String> = want.iter().map(|s| (*s).to_owned()).collect();
            want_sorted.sort_by(|a, b| a[2..].cmp(&b[2..]).then(a.cmp(b)));
            let mut got = diff.clone();
            got.sort_by(|a, b| a[2..].cmp(&b[2..]).then(a.cmp(b)));
            assert_eq!(got, want_sorted, "full diff:\n{}", diff.join("\n"));
        });
    }
}
