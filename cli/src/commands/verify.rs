//! `origin-schema verify --db URL`: prove on a real server that the generated set turns
//! the current schema into the end state.
//!
//! On the server `--db` names (any database there, e.g. `postgres`, serves to create
//! others), two scratch databases are created: in the first, the current schema (its
//! export) is built and the generated files are applied twice, in order, each file as
//! one script; in the second, the end state is built from its export. Their catalogs,
//! as CONTRACT.md defines them, must be equal. Both databases are dropped whatever
//! happens (a file that fails, an error, a panic).
//!
//! Exit 0 when the catalogs are equal, 1 on drift (the differing lines go to stdout), 2
//! on any error. Progress goes to stderr.

use std::process::ExitCode;
use std::sync::atomic::{AtomicU32, Ordering};

use origin_schema_core::analysis::Analysis;
use origin_schema_core::read::catalog::contract_drift;
use origin_schema_core::sql::export::schema_sql;
use origin_schema_core::GeneratedFile;
use postgres::Client;

use crate::db::{self, Target};
use crate::error::{CliError, EXIT_DRIFT};
use crate::output;

/// How many times the set is applied to the upgraded database (the report says "twice").
const RUNS: u32 = 2;

pub fn run(analysis: &Analysis, db_url: &str) -> Result<ExitCode, CliError> {
    // Everything that can be refused without a server is refused first.
    let files = analysis.files().map_err(origin_schema_core::Error::from)?;
    let project = analysis.project();
    let current_sql = schema_sql(&project.current);
    let end_state_sql = schema_sql(analysis.end_state());

    let server = Target::parse(db_url)?;
    let mut admin = server.connect()?;
    let version =
        db::server_version(&mut admin).map_err(|e| server.error("SHOW server_version", &e))?;
    let mut scratch = Scratch::new(&server, admin);
    let outcome = compare(&mut scratch, &files, &current_sql, &end_state_sql);
    let dropped = scratch.drop_all();
    let (expected, actual) = match outcome {
        Ok(snapshots) => snapshots,
        Err(e) => {
            if let Err(d) = dropped {
                eprintln!("origin-schema: warning: {d}");
            }
            return Err(e);
        }
    };
    let code = report(project, &version, &files, &expected, &actual)?;
    // The result stands; a scratch database left behind still makes the run fail.
    dropped?;
    Ok(code)
}

/// The result on stdout: what ran, and either `ok` or the drift lines.
fn report(
    project: &origin_schema_core::model::Project,
    version: &str,
    files: &[GeneratedFile],
    expected: &[String],
    actual: &[String],
) -> Result<ExitCode, CliError> {
    output::line(&format!(
        "verify: project {} on PostgreSQL {version}",
        project.name
    ))?;
    output::line(
        "upgrade: the current schema, then these files twice, in order, each as one script:",
    )?;
    for f in files {
        output::line(&format!("  {}", f.name))?;
    }
    output::line("end state: built from its export")?;
    let drift = contract_drift(expected, actual);
    if drift.is_empty() {
        output::line(&format!(
            "ok: the upgraded catalog equals the end state's ({} objects)",
            expected.len()
        ))?;
        Ok(ExitCode::SUCCESS)
    } else {
        output::line(&format!(
            "drift: {} line(s) differ (- only in the end state, + only after the upgrade):",
            drift.len()
        ))?;
        for line in &drift {
            output::line(line)?;
        }
        eprintln!("verify: the generated set does not reach the end state");
        Ok(ExitCode::from(EXIT_DRIFT))
    }
}

/// Builds both databases; returns the end state's catalog and the upgraded one's.
fn compare(
    scratch: &mut Scratch,
    files: &[GeneratedFile],
    current_sql: &str,
    end_state_sql: &str,
) -> Result<(Vec<String>, Vec<String>), CliError> {
    let upgrade = scratch.create("upgrade")?;
    let aligned = scratch.create("aligned")?;

    let mut client = upgrade.connect()?;
    progress(&format!(
        "building the current schema in {}",
        scratch.name(0)
    ));
    build(&upgrade, &mut client, "the current schema", current_sql)?;
    for run in 1..=RUNS {
        progress(&format!(
            "applying {} file(s) (run {run} of {RUNS})",
            files.len()
        ));
        for f in files {
            db::run_script(&mut client, &f.sql).map_err(|e| {
                upgrade.error(&format!("{} failed (run {run} of {RUNS})", f.name), &e)
            })?;
        }
    }
    let actual = db::contract_snapshot(&upgrade, &mut client)?;
    drop(client);

    let mut client = aligned.connect()?;
    progress(&format!("building the end state in {}", scratch.name(1)));
    build(&aligned, &mut client, "the end state", end_state_sql)?;
    let expected = db::contract_snapshot(&aligned, &mut client)?;
    drop(client);
    progress("comparing the catalogs");
    Ok((expected, actual))
}

fn build(target: &Target, client: &mut Client, what: &str, sql: &str) -> Result<(), CliError> {
    db::run_script(client, sql)
        .map_err(|e| target.error(&format!("building {what} from its export failed"), &e))
}

fn progress(message: &str) {
    eprintln!("verify: {message}");
}

/// Scratch databases on the server: dropped by [`Scratch::drop_all`], or when the guard
/// goes out of scope (an error, a panic) at the latest.
struct Scratch {
    server: Target,
    admin: Client,
    names: Vec<String>,
}

/// Distinguishes the databases of one process; the pid those of concurrent processes.
static NEXT: AtomicU32 = AtomicU32::new(0);

/// Attempts at a free name before giving up (another process may hold the same pid on
/// another machine using the same server).
const NAME_ATTEMPTS: u32 = 100;

impl Scratch {
    fn new(server: &Target, admin: Client) -> Scratch {
        Scratch {
            server: server.clone(),
            admin,
            names: Vec::new(),
        }
    }

    /// A new empty database `origin_schema_verify_<pid>_<n>_<role>`.
    fn create(&mut self, role: &str) -> Result<Target, CliError> {
        let pid = std::process::id();
        for _ in 0..NAME_ATTEMPTS {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let name = format!("origin_schema_verify_{pid}_{n}_{role}");
            match db::create_database(&mut self.admin, &name) {
                Ok(()) => {
                    progress(&format!("created scratch database {name}"));
                    self.names.push(name.clone());
                    return Ok(self.server.database(&name));
                }
                Err(e) if db::is_duplicate_database(&e) => continue,
                Err(e) => {
                    return Err(self
                        .server
                        .error(&format!("cannot create scratch database {name}"), &e))
                }
            }
        }
        Err(CliError::Database {
            url: self.server.shown().to_string(),
            message: format!(
                "no free name for a scratch database after {NAME_ATTEMPTS} attempts \
                 (origin_schema_verify_{pid}_<n>_{role})"
            ),
        })
    }

    fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("", String::as_str)
    }

    /// Drops every scratch database still there; the first failure is returned, the
    /// others are attempted anyway.
    fn drop_all(&mut self) -> Result<(), CliError> {
        let mut first = None;
        for name in std::mem::take(&mut self.names) {
            progress(&format!("dropping scratch database {name}"));
            if self.admin.is_closed() {
                if let Ok(client) = self.server.connect() {
                    self.admin = client;
                }
            }
            if let Err(e) = db::drop_database(&mut self.admin, &name) {
                first.get_or_insert(
                    self.server
                        .error(&format!("cannot drop scratch database {name}"), &e),
                );
            }
        }
        first.map_or(Ok(()), Err)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Err(e) = self.drop_all() {
            eprintln!("origin-schema: warning: {e}");
        }
    }
}
