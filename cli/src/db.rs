//! The database connection: reading a live schema through the catalog, and what
//! `verify` needs (scratch databases, scripts, the catalog snapshot of CONTRACT.md).
//!
//! Connection strings are whatever `postgres::Config` parses: a URL
//! (`postgres://user@%2Ftmp%2Fdir:5432/db` for a unix socket) or `key=value` pairs
//! (`host=/tmp/dir port=5432 user=postgres dbname=db`). No TLS. Every error names the
//! connection string with its password masked.

mod redact;

use std::str::FromStr;

use origin_schema_core::model::Schema;
use origin_schema_core::read::catalog::{self, CatalogRows, Row, CONTRACT_QUERY, QUERIES};
use origin_schema_core::sql::quote_ident;
use postgres::{Client, Config, GenericClient, IsolationLevel, NoTls, SimpleQueryMessage};

use crate::error::CliError;

pub use redact::redact;

/// A server and a database on it, from a connection string.
#[derive(Debug, Clone)]
pub struct Target {
    config: Config,
    /// What errors show: the connection string with the password masked, and the
    /// database when it is not the one the string names.
    shown: String,
}

impl Target {
    pub fn parse(url: &str) -> Result<Target, CliError> {
        let shown = redact(url);
        let config = Config::from_str(url).map_err(|e| CliError::Database {
            url: shown.clone(),
            message: format!("not a connection string: {}", with_causes(&e)),
        })?;
        Ok(Target { config, shown })
    }

    /// The same server, database `name`.
    pub fn database(&self, name: &str) -> Target {
        let mut config = self.config.clone();
        config.dbname(name);
        Target {
            config,
            shown: format!("{} (database {name})", self.shown),
        }
    }

    /// What errors show for this target.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub fn connect(&self) -> Result<Client, CliError> {
        self.config
            .connect(NoTls)
            .map_err(|e| self.error("cannot connect", &e))
    }

    /// A [`CliError::Database`] about this target: `what` failed, and the server's words.
    pub fn error(&self, what: &str, e: &postgres::Error) -> CliError {
        CliError::Database {
            url: self.shown.clone(),
            message: format!("{what}: {}", message(e)),
        }
    }
}

/// The model of the schema `current_schema()` names in the database at `url`.
pub fn read_schema(url: &str) -> Result<Schema, CliError> {
    let target = Target::parse(url)?;
    let mut client = target.connect()?;
    schema(&target, &mut client)
}

/// The model of the schema of an open connection (`current_schema()`: the first schema of
/// its `search_path` that exists, e.g. set with `options=-c search_path=app` in the URL).
/// The queries run in one read-only repeatable-read transaction: one snapshot.
pub fn schema(target: &Target, client: &mut Client) -> Result<Schema, CliError> {
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(|e| target.error("cannot start a read-only transaction", &e))?;
    let mut query = |name: &str, sql: &str| {
        rows(&mut tx, sql).map_err(|e| target.error(&format!("catalog query {name}"), &e))
    };
    let rows = CatalogRows {
        schemas: query("schemas", QUERIES.schemas)?,
        extensions: query("extensions", QUERIES.extensions)?,
        enums: query("enums", QUERIES.enums)?,
        sequences: query("sequences", QUERIES.sequences)?,
        columns: query("columns", QUERIES.columns)?,
        constraints: query("constraints", QUERIES.constraints)?,
        indexes: query("indexes", QUERIES.indexes)?,
        triggers: query("triggers", QUERIES.triggers)?,
        functions: query("functions", QUERIES.functions)?,
        unmodelled: query("unmodelled", QUERIES.unmodelled)?,
    };
    tx.commit()
        .map_err(|e| target.error("cannot end the read-only transaction", &e))?;
    catalog::schema_from_rows(&rows).map_err(|e| CliError::Database {
        url: target.shown.clone(),
        message: e.to_string(),
    })
}

/// Every row of `sql`, every column as the server prints it (simple query protocol: text).
pub fn rows(client: &mut impl GenericClient, sql: &str) -> Result<Vec<Row>, postgres::Error> {
    Ok(client
        .simple_query(sql)?
        .into_iter()
        .filter_map(|m| match m {
            SimpleQueryMessage::Row(r) => {
                Some((0..r.len()).map(|i| r.get(i).map(str::to_string)).collect())
            }
            _ => None,
        })
        .collect())
}

/// CONTRACT.md's catalog of the connection's schema, one line per object, unsorted.
pub fn contract_snapshot(target: &Target, client: &mut Client) -> Result<Vec<String>, CliError> {
    let rows =
        rows(client, CONTRACT_QUERY).map_err(|e| target.error("catalog snapshot query", &e))?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.into_iter().next().flatten())
        .collect())
}

/// Runs `sql` as one script (the simple query protocol: the file's own `BEGIN`/`COMMIT`
/// decide its transactions).
pub fn run_script(client: &mut Client, sql: &str) -> Result<(), postgres::Error> {
    client.batch_execute(sql)
}

/// `CREATE DATABASE name TEMPLATE template0`: empty, whatever `template1` holds.
pub fn create_database(client: &mut Client, name: &str) -> Result<(), postgres::Error> {
    client.batch_execute(&format!(
        "CREATE DATABASE {} TEMPLATE template0",
        quote_ident(name)
    ))
}

/// Drops database `name` if it is there, closing whatever sessions it has.
pub fn drop_database(client: &mut Client, name: &str) -> Result<(), postgres::Error> {
    client.batch_execute(&format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        quote_ident(name)
    ))
}

/// `server_version` as the server reports it, e.g. `15.18 (Debian 15.18-0+deb12u1)`.
pub fn server_version(client: &mut Client) -> Result<String, postgres::Error> {
    Ok(rows(client, "SHOW server_version")?
        .into_iter()
        .next()
        .and_then(|r| r.into_iter().next().flatten())
        .unwrap_or_default())
}

/// Whether the error is the server's `duplicate_database` (42P04).
pub fn is_duplicate_database(e: &postgres::Error) -> bool {
    e.code() == Some(&postgres::error::SqlState::DUPLICATE_DATABASE)
}

/// The server's words: severity, message, and the detail, hint and context lines when
/// there are; otherwise the client's error with its cause.
pub fn message(e: &postgres::Error) -> String {
    let Some(db) = e.as_db_error() else {
        return with_causes(e);
    };
    let mut out = format!("{}: {}", db.severity(), db.message());
    for (label, value) in [
        ("DETAIL", db.detail()),
        ("HINT", db.hint()),
        ("CONTEXT", db.where_()),
    ] {
        if let Some(value) = value {
            out.push_str(&format!("\n{label}: {value}"));
        }
    }
    out
}

/// An error and its causes, `: ` between them (the client's errors keep the cause, e.g.
/// `No such file or directory`, out of their own message).
fn with_causes(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(&format!(": {c}"));
        cause = c.source();
    }
    out
}
