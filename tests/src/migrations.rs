//! A generated migration set written to a temp dir and applied file by file with psql.

use std::fmt;
use std::fs;
use std::path::PathBuf;

use crate::cluster::HarnessError;
use crate::db::{Db, PsqlError};
use crate::tempdir::TempDir;

/// The file names CONTRACT.md requires, in the order they run.
pub const VEZA_FILES: [&str; 6] = [
    "001_extensions_and_types.sql",
    "010_auth.sql",
    "020_profiles.sql",
    "030_files.sql",
    "040_streaming.sql",
    "900_triggers.sql",
];

/// One file of the set failed.
#[derive(Debug, Clone)]
pub struct ApplyError {
    pub file: String,
    pub error: PsqlError,
}

impl fmt::Display for ApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "migration {} failed: {}", self.file, self.error)
    }
}

impl std::error::Error for ApplyError {}

/// Files on disk, in lexical order of their names (the order CONTRACT.md runs them in).
#[derive(Debug)]
pub struct MigrationSet {
    dir: TempDir,
    names: Vec<String>,
}

impl MigrationSet {
    /// Writes `(name, sql)` pairs into a fresh temp dir.
    pub fn write<I, N, S>(files: I) -> Result<MigrationSet, HarnessError>
    where
        I: IntoIterator<Item = (N, S)>,
        N: Into<String>,
        S: AsRef<str>,
    {
        let dir = TempDir::new("origin-schema-migrations").map_err(|source| HarnessError::Io {
            context: "creating the migrations dir".into(),
            source,
        })?;
        let mut names = Vec::new();
        for (name, sql) in files {
            let name = name.into();
            if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
                return Err(HarnessError::Io {
                    context: format!("migration file name {name:?}"),
                    source: std::io::Error::other("not a plain file name"),
                });
            }
            let path = dir.path().join(&name);
            fs::write(&path, sql.as_ref()).map_err(|source| HarnessError::Io {
                context: format!("writing {}", path.display()),
                source,
            })?;
            names.push(name);
        }
        names.sort();
        Ok(MigrationSet { dir, names })
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The SQL text of one file (empty if it is not part of the set).
    pub fn sql(&self, name: &str) -> String {
        fs::read_to_string(self.path(name)).unwrap_or_default()
    }

    /// Runs one file; returns psql's output (notices included).
    pub fn apply_file(&self, db: &Db, name: &str) -> Result<String, ApplyError> {
        db.run_file(&self.path(name)).map_err(|error| ApplyError {
            file: name.to_owned(),
            error,
        })
    }

    /// Runs the first `k` files in order, stopping at the first failure.
    pub fn apply_first(&self, db: &Db, k: usize) -> Result<(), ApplyError> {
        for name in self.names.iter().take(k) {
            self.apply_file(db, name)?;
        }
        Ok(())
    }

    /// Runs every file in order, stopping at the first failure.
    pub fn apply_all(&self, db: &Db) -> Result<(), ApplyError> {
        self.apply_first(db, self.names.len())
    }

    /// [`MigrationSet::apply_first`] for tests: panics naming the file, the context and psql's
    /// error.
    pub fn expect_first(&self, db: &Db, k: usize, context: &str) {
        if let Err(e) = self.apply_first(db, k) {
            panic!("{context}: {e}");
        }
    }

    /// [`MigrationSet::apply_all`] for tests: panics naming the file, the context and psql's
    /// error.
    pub fn expect_all(&self, db: &Db, context: &str) {
        self.expect_first(db, self.names.len(), context);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::PgVersion;

    #[test]
    fn files_run_in_lexical_order_and_stop_at_the_first_failure() {
        let set = MigrationSet::write([
            ("020_b.sql", "BEGIN;\nINSERT INTO t VALUES (2);\nCOMMIT;\n"),
            ("010_a.sql", "BEGIN;\nCREATE TABLE t (x int);\nCOMMIT;\n"),
            (
                "030_c.sql",
                "BEGIN;\nINSERT INTO t VALUES (3);\nSELECT 1/0;\nCOMMIT;\n",
            ),
            ("040_d.sql", "BEGIN;\nINSERT INTO t VALUES (4);\nCOMMIT;\n"),
        ])
        .unwrap();
        assert_eq!(
            set.names(),
            ["010_a.sql", "020_b.sql", "030_c.sql", "040_d.sql"]
        );
        assert!(MigrationSet::write([("../x.sql", "")]).is_err());
        crate::scenario::with_cluster(PgVersion::V15, |cluster| {
            let db = cluster.create_db("m").unwrap();
            let err = set.apply_all(&db).unwrap_err();
            assert_eq!(err.file, "030_c.sql");
            assert!(err.to_string().contains("division by zero"), "{err}");
            // The failing file's transaction rolled back; the files after it never ran.
            assert_eq!(
                db.query_column("SELECT x::text FROM t ORDER BY x"),
                vec![Some("2".to_owned())]
            );
            let dir = set.path("010_a.sql");
            drop(set);
            assert!(!dir.exists());
        });
    }
}
