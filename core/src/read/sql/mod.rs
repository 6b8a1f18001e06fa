//! SQL text → model: a folder of migrations (applied in order) or one file, parsed with
//! sqlparser-rs (PostgreSQL dialect) and replayed statement by statement.
//!
//! Each file is split into statements first (`split`), so that a statement sqlparser
//! cannot parse (a `DO` block) costs a warning with its line, not the file. What the
//! model holds is replayed as PostgreSQL would apply it (`replay`), in PostgreSQL's
//! canonical spelling (`types`, `literal`, `expr`); what changes the schema but cannot
//! be modelled is a [`Warning`]; what PostgreSQL would refuse is a [`SqlError`].
//! docs/sql-reader.md lists the statement kinds and the rules.

mod expr;
mod fallback;
mod literal;
mod names;
mod narrow;
mod replay;
pub mod split;
mod types;

use sqlparser::ast::Statement;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use thiserror::Error;

use crate::model::Schema;
use replay::{Done, Fail, Replay};

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SqlFile {
    pub name: String,
    pub sql: String,
}

/// A statement skipped because it does not touch the schema's objects in a way the model
/// keeps: data, settings, privileges, ownership, `DO` blocks, psql meta-commands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The schema the files build, and what could not be modelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlRead {
    pub schema: Schema,
    pub warnings: Vec<Warning>,
}

/// A read that ended in an error, with the warnings gathered before it (a user fixing
/// the error wants them too).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{error}")]
pub struct ReadError {
    pub error: SqlError,
    pub warnings: Vec<Warning>,
}

/// An object the files make (and leave) that the model cannot hold, where it was made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Refused {
    pub file: String,
    pub line: usize,
    /// What it is, e.g. `view active_members`.
    pub object: String,
    /// Why the model cannot hold it.
    pub reason: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.object, self.reason
        )
    }
}

/// Why SQL could not be read: a statement PostgreSQL would refuse too, or objects the
/// model cannot hold. Each names the file and the line the statement starts on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SqlError {
    /// Every object the files leave that the model cannot hold (none is dropped in
    /// silence: later SQL may depend on it).
    #[error("{} object(s) cannot be modelled: {}", .0.len(), crate::read::joined(.0))]
    Unmodelled(Vec<Refused>),
    #[error("{file}:{line}: {message}")]
    Statement {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}:{line}: table {table} does not exist")]
    UnknownTable {
        file: String,
        line: usize,
        table: String,
    },
    #[error("{file}:{line}: column {column} of table {table} does not exist")]
    UnknownColumn {
        file: String,
        line: usize,
        table: String,
        column: String,
    },
    #[error("{file}:{line}: {kind} {name} does not exist")]
    UnknownObject {
        file: String,
        line: usize,
        kind: String,
        name: String,
    },
    #[error("{file}:{line}: {kind} {name} already exists")]
    AlreadyExists {
        file: String,
        line: usize,
        kind: String,
        name: String,
    },
}

impl SqlError {
    /// The file and line of the statement.
    pub fn location(&self) -> (&str, usize) {
        match self {
            SqlError::Unmodelled(refused) => refused
                .first()
                .map_or(("", 0), |r| (r.file.as_str(), r.line)),
            SqlError::Statement { file, line, .. }
            | SqlError::UnknownTable { file, line, .. }
            | SqlError::UnknownColumn { file, line, .. }
            | SqlError::UnknownObject { file, line, .. }
            | SqlError::AlreadyExists { file, line, .. } => (file, *line),
        }
    }
}

impl Fail {
    fn at(self, file: &str, line: usize) -> SqlError {
        let file = file.to_string();
        match self {
            Fail::UnknownTable(table) => SqlError::UnknownTable { file, line, table },
            Fail::UnknownColumn { table, column } => SqlError::UnknownColumn {
                file,
                line,
                table,
                column,
            },
            Fail::Unknown { kind, name } => SqlError::UnknownObject {
                file,
                line,
                kind: kind.to_string(),
                name,
            },
            Fail::Exists { kind, name } => SqlError::AlreadyExists {
                file,
                line,
                kind: kind.to_string(),
                name,
            },
            Fail::Rejected(message) => SqlError::Statement {
                file,
                line,
                message,
            },
        }
    }
}

/// Replay `files` in the order given (callers sort a folder lexically).
pub fn read_files(files: &[SqlFile]) -> Result<SqlRead, ReadError> {
    let pieces: Vec<(&str, split::Piece)> = files
        .iter()
        .flat_map(|f| {
            split::split(&f.sql)
                .into_iter()
                .map(|p| (f.name.as_str(), p))
        })
        .collect();
    // Parsing a statement does not depend on the replay, and is half the time of a
    // read: natively it runs a statement ahead on a second thread (wasm has none).
    #[cfg(not(target_family = "wasm"))]
    if pieces.len() >= PARSE_AHEAD_FROM {
        return std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::channel();
            let ahead = &pieces;
            scope.spawn(move || {
                for (_, piece) in ahead {
                    // The reader stopped (an error): nothing more to parse.
                    if tx.send(parse(piece)).is_err() {
                        break;
                    }
                }
            });
            replay(&pieces, |_| rx.recv().ok().flatten())
        });
    }
    replay(&pieces, parse)
}

/// Below this many statements a second thread costs more than it saves.
#[cfg(not(target_family = "wasm"))]
const PARSE_AHEAD_FROM: usize = 64;

/// A statement as sqlparser reads it (`None` for what is not parsed: meta-commands, `DO`).
type Parsed = Option<Result<Vec<Statement>, String>>;

fn parse(piece: &split::Piece) -> Parsed {
    (piece.kind == split::PieceKind::Statement && first_word(&piece.text) != "do")
        .then(|| parse_text(&piece.text))
}

fn parse_text(text: &str) -> Result<Vec<Statement>, String> {
    Parser::new(&PostgreSqlDialect {})
        .try_with_sql(text)
        .and_then(|mut p| p.parse_statements())
        .map_err(|e| e.to_string())
}

/// The statement's first word, lower-cased.
fn first_word(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Apply the pieces in order; `parsed` gives each one's parse.
fn replay(
    pieces: &[(&str, split::Piece)],
    mut parsed: impl FnMut(&split::Piece) -> Parsed,
) -> Result<SqlRead, ReadError> {
    let mut r = Replay::default();
    for (file, piece) in pieces {
        r.at(file, piece.line);
        let parsed = parsed(piece);
        match piece.kind {
            split::PieceKind::Meta => {
                r.warn(format!("psql meta-command `{}` skipped", piece.text));
            }
            split::PieceKind::Statement => {
                if let Err(e) = statement(&mut r, &piece.text, piece.line, parsed) {
                    return Err(ReadError {
                        error: e.at(file, piece.line),
                        warnings: r.warnings,
                    });
                }
            }
        }
    }
    let refused = r.refused();
    if !refused.is_empty() {
        return Err(ReadError {
            error: SqlError::Unmodelled(refused),
            warnings: r.warnings,
        });
    }
    Ok(SqlRead {
        schema: r.schema,
        warnings: r.warnings,
    })
}

/// Apply one statement, parsed ahead or (`None`) here.
fn statement(r: &mut Replay, text: &str, line: usize, parsed: Parsed) -> Done {
    let first = first_word(text);
    if first == "do" {
        r.warn("DO block skipped: anonymous code blocks are not modelled");
        return Ok(());
    }
    match parsed.unwrap_or_else(|| parse_text(text)) {
        Ok(stmts) => {
            for stmt in &stmts {
                r.statement(stmt, text)?;
            }
            Ok(())
        }
        Err(_) if fallback::QUIET.contains(&first.as_str()) => Ok(()),
        Err(e) => {
            // Tokenized once for every reader below.
            let lexed = fallback::lex(text);
            if let Some(rewritten) = narrow::rewrite(&lexed) {
                let before = narrow::identity_columns(r);
                statement(r, &rewritten.text, line, None)?;
                narrow::apply_identity_sequences(r, &before, rewritten.identity_sequences)?;
                narrow::apply_collations(r, rewritten.collations)?;
                return narrow::apply_key_params(r, rewritten.key_params);
            }
            if let Some(clauses) = narrow::split_alter_table(&lexed) {
                for clause in clauses {
                    statement(r, &clause, line, None)?;
                }
                return Ok(());
            }
            fallback::unparsed(r, &lexed, text, &e, line)
        }
    }
}
