//! One database of a test cluster, driven through `psql` exactly as CONTRACT.md runs files.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::csv;

/// A failed psql run: a non-zero exit (with ON_ERROR_STOP, any SQL error) or psql not starting.
#[derive(Debug, Clone)]
pub struct PsqlError {
    /// What was run: the file, or the first line of the SQL.
    pub what: String,
    /// Exit code, None when psql could not be started or was killed.
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl fmt::Display for PsqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "psql failed on {} (exit {:?}):\n{}",
            self.what, self.status, self.stderr
        )?;
        if !self.stdout.is_empty() {
            write!(f, "\n--- stdout ---\n{}", self.stdout)?;
        }
        Ok(())
    }
}

impl std::error::Error for PsqlError {}

/// The psql client to use: `ORIGIN_SCHEMA_PSQL`, else PostgreSQL 15's own psql (skipping the
/// Debian wrapper, which costs a perl start per call), else `psql` from PATH.
pub fn psql_path() -> PathBuf {
    if let Some(p) = std::env::var_os("ORIGIN_SCHEMA_PSQL").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    if let Some(bin) = crate::cluster::PgVersion::V15.bin_dir() {
        let p = bin.join("psql");
        if p.is_file() {
            return p;
        }
    }
    PathBuf::from("psql")
}

/// Connection to one database: socket dir, port and name. Cheap to clone; it does not keep the
/// cluster alive, so keep the [`crate::Cluster`] in scope while using it.
#[derive(Debug, Clone)]
pub struct Db {
    socket_dir: PathBuf,
    port: u16,
    name: String,
}

enum Input<'a> {
    File(&'a Path),
    Stdin(&'a str),
}

impl Db {
    pub fn new(socket_dir: &Path, port: u16, name: &str) -> Db {
        Db {
            socket_dir: socket_dir.to_path_buf(),
            port,
            name: name.to_owned(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rows of core's catalog queries ([`origin_schema_core::read::catalog::QUERIES`])
    /// in this database, as the command line hands them to the catalog reader.
    pub fn catalog_rows(&self) -> origin_schema_core::read::catalog::CatalogRows {
        use origin_schema_core::read::catalog::{CatalogRows, QUERIES};
        CatalogRows {
            schemas: self.query(QUERIES.schemas),
            extensions: self.query(QUERIES.extensions),
            enums: self.query(QUERIES.enums),
            sequences: self.query(QUERIES.sequences),
            columns: self.query(QUERIES.columns),
            constraints: self.query(QUERIES.constraints),
            indexes: self.query(QUERIES.indexes),
            triggers: self.query(QUERIES.triggers),
            functions: self.query(QUERIES.functions),
            unmodelled: self.query(QUERIES.unmodelled),
        }
    }

    /// `pg_dump --schema-only --no-owner --no-privileges` of this database, with the
    /// `pg_dump` next to `psql` (Debian's 15, which dumps servers up to 15).
    pub fn schema_dump(&self) -> Result<String, PsqlError> {
        let pg_dump = psql_path().with_file_name("pg_dump");
        let out = Command::new(&pg_dump)
            .args(["--schema-only", "--no-owner", "--no-privileges", "-h"])
            .arg(&self.socket_dir)
            .arg("-p")
            .arg(self.port.to_string())
            .args(["-U", "postgres", "-d", &self.name])
            .env_remove("PGOPTIONS")
            .output()
            .map_err(|e| PsqlError {
                what: format!("{} {}", pg_dump.display(), self.name),
                status: None,
                stdout: String::new(),
                stderr: e.to_string(),
            })?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() {
            return Err(PsqlError {
                what: format!("pg_dump {}", self.name),
                status: out.status.code(),
                stdout,
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            });
        }
        Ok(stdout)
    }

    /// `psql -X -q -v ON_ERROR_STOP=1 ... -f FILE`; returns stdout followed by stderr (notices).
    pub fn run_file(&self, file: &Path) -> Result<String, PsqlError> {
        self.psql(&[], Input::File(file), &file.display().to_string())
            .map(String::from)
    }

    /// Runs a script like [`Db::run_file`], fed on stdin (`-f -`).
    pub fn run_sql(&self, sql: &str) -> Result<String, PsqlError> {
        self.psql(&[], Input::Stdin(sql), &describe(sql))
            .map(String::from)
    }

    /// Rows of the script's result sets as text, NULL as None. Values may hold any character
    /// (newlines, tabs, `|`, quotes, unicode): psql prints CSV with a NULL marker.
    pub fn try_query(&self, sql: &str) -> Result<Vec<Vec<Option<String>>>, PsqlError> {
        let null = format!("null={}", csv::NULL_MARKER);
        let out = self.psql(
            &["--csv", "-t", "-P", &null],
            Input::Stdin(sql),
            &describe(sql),
        )?;
        csv::parse(&out.stdout).map_err(|e| PsqlError {
            what: describe(sql),
            status: Some(0),
            stdout: out.stdout,
            stderr: e.to_string(),
        })
    }

    /// [`Db::try_query`] for tests: panics with psql's error.
    pub fn query(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        match self.try_query(sql) {
            Ok(rows) => rows,
            Err(e) => panic!("query on database {} failed: {e}\nSQL:\n{sql}", self.name),
        }
    }

    /// The first column of every row, NULL as None.
    pub fn query_column(&self, sql: &str) -> Vec<Option<String>> {
        self.query(sql)
            .into_iter()
            .map(|r| r.into_iter().next().flatten())
            .collect()
    }

    /// The single value of a one-row, one-column query; panics on any other shape.
    pub fn query_value(&self, sql: &str) -> Option<String> {
        let rows = self.query(sql);
        match rows.as_slice() {
            [row] if row.len() == 1 => row[0].clone(),
            _ => panic!("expected one value from\n{sql}\ngot {rows:?}"),
        }
    }

    /// [`Db::run_sql`] for tests: panics with psql's error.
    pub fn exec(&self, sql: &str) {
        if let Err(e) = self.run_sql(sql) {
            panic!("SQL on database {} failed: {e}\nSQL:\n{sql}", self.name);
        }
    }

    fn psql(&self, extra: &[&str], input: Input<'_>, what: &str) -> Result<Output, PsqlError> {
        let fail = |status, stdout: String, stderr: String| PsqlError {
            what: what.to_owned(),
            status,
            stdout,
            stderr,
        };
        let mut cmd = Command::new(psql_path());
        cmd.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.socket_dir)
            .arg("-p")
            .arg(self.port.to_string())
            .args(["-U", "postgres", "-d", &self.name])
            .args(extra);
        // The session must not depend on the caller's environment.
        for var in [
            "PGOPTIONS",
            "PGTZ",
            "PGDATESTYLE",
            "PGSERVICE",
            "PGSERVICEFILE",
            "PGSSLMODE",
            "PSQLRC",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("PGCLIENTENCODING", "UTF8")
            .env("PGCONNECT_TIMEOUT", "30")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        match input {
            Input::File(f) => {
                cmd.arg("-f").arg(f).stdin(Stdio::null());
            }
            Input::Stdin(_) => {
                cmd.args(["-f", "-"]).stdin(Stdio::piped());
            }
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| fail(None, String::new(), format!("cannot start psql: {e}")))?;
        if let Input::Stdin(sql) = input {
            if let Some(mut stdin) = child.stdin.take() {
                // A write error means psql exited early; its exit status tells why.
                let _ = stdin.write_all(sql.as_bytes());
            }
        }
        let out = child
            .wait_with_output()
            .map_err(|e| fail(None, String::new(), format!("waiting for psql: {e}")))?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if out.status.success() {
            Ok(Output { stdout, stderr })
        } else {
            Err(fail(out.status.code(), stdout, stderr))
        }
    }
}

struct Output {
    stdout: String,
    stderr: String,
}

impl From<Output> for String {
    fn from(o: Output) -> String {
        o.stdout + &o.stderr
    }
}

/// First line of a script, for error messages.
fn describe(sql: &str) -> String {
    let first = sql.trim_start().lines().next().unwrap_or("");
    if first.len() < sql.trim().len() {
        format!("SQL `{first} ...`")
    } else {
        format!("SQL `{first}`")
    }
}

#[cfg(test)]
mod tests {
    use crate::cluster::PgVersion;

    #[test]
    fn query_round_trips_awkward_values_and_nulls() {
        crate::scenario::with_cluster(PgVersion::V15, |cluster| {
            let db = cluster.create_db("round trip").unwrap();
            let awkward = "line1\nline2\r\n\ttab | pipe, comma \"dq\" 'sq' \\ back ünï ☃ 🎵";
            db.exec("CREATE TABLE t (id int, v text, w text)");
            db.exec(&format!(
                "INSERT INTO t VALUES (1, $x${awkward}$x$, NULL), (2, '', ' '), (3, NULL, 'NULL')"
            ));
            let rows = db.query("SELECT id::text, v, w FROM t ORDER BY id");
            assert_eq!(
                rows,
                vec![
                    vec![Some("1".into()), Some(awkward.into()), None],
                    vec![Some("2".into()), Some(String::new()), Some(" ".into())],
                    vec![Some("3".into()), None, Some("NULL".into())],
                ]
            );
            assert!(db.query("SELECT 1 WHERE false").is_empty());
            assert_eq!(db.query("SELECT ''"), vec![vec![Some(String::new())]]);
            assert_eq!(db.query_value("SELECT NULL::text"), None);
        });
    }

    #[test]
    fn errors_carry_psql_stderr_and_stop_the_script() {
        crate::scenario::with_cluster(PgVersion::V15, |cluster| {
            let db = cluster.create_db("errors").unwrap();
            let err = db
                .run_sql(
                    "CREATE TABLE a (x int);\nSELECT * FROM missing_table;\nCREATE TABLE b (x int);",
                )
                .unwrap_err();
            assert_eq!(err.status, Some(3), "{err}");
            assert!(err.stderr.contains("missing_table"), "{err}");
            // ON_ERROR_STOP: the statement after the error never ran.
            assert_eq!(
                db.query_column(
                    "SELECT relname::text FROM pg_class WHERE relname IN ('a','b') ORDER BY 1"
                ),
                vec![Some("a".to_owned())]
            );
            let notice = db.run_sql("CREATE TABLE IF NOT EXISTS a (x int);").unwrap();
            assert!(notice.contains("already exists"), "{notice}");
        });
    }
}
