//! Throwaway PostgreSQL clusters: initdb into a temp dir, start on a unix socket only, stop and
//! remove on drop (also when a test panics).

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::db::{Db, PsqlError};
use crate::tempdir::{self, TempDir};

/// Name prefix of every cluster directory, so that leftovers of killed runs can be found.
const DIR_PREFIX: &str = "origin-schema-pg";
/// File in the cluster directory naming the bin dir whose `pg_ctl` can stop it.
const BIN_FILE: &str = "bin-dir";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PgVersion {
    V15,
    V18,
}

impl PgVersion {
    pub fn major(self) -> u32 {
        match self {
            PgVersion::V15 => 15,
            PgVersion::V18 => 18,
        }
    }

    /// The env var that points at this version's server binaries.
    pub fn bin_env(self) -> &'static str {
        match self {
            PgVersion::V15 => "ORIGIN_SCHEMA_PG15_BIN",
            PgVersion::V18 => "ORIGIN_SCHEMA_PG18_BIN",
        }
    }

    /// Where `initdb`, `pg_ctl` and `postgres` live: the env var, else (15 only) Debian's path.
    pub fn bin_dir(self) -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os(self.bin_env()).filter(|v| !v.is_empty()) {
            return Some(PathBuf::from(dir));
        }
        match self {
            PgVersion::V15 => Some(PathBuf::from("/usr/lib/postgresql/15/bin")),
            PgVersion::V18 => None,
        }
    }
}

impl fmt::Display for PgVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PostgreSQL {}", self.major())
    }
}

#[derive(Debug)]
pub enum HarnessError {
    /// No server binaries for this version (env var unset or binaries missing).
    NotAvailable {
        version: PgVersion,
        reason: String,
    },
    Io {
        context: String,
        source: std::io::Error,
    },
    /// An external command (initdb, pg_ctl, chown, runuser) failed.
    Command {
        what: String,
        output: String,
    },
    Psql(PsqlError),
}

impl fmt::Display for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HarnessError::NotAvailable { version, reason } => {
                write!(f, "{version} is not available: {reason}")
            }
            HarnessError::Io { context, source } => write!(f, "{context}: {source}"),
            HarnessError::Command { what, output } => write!(f, "{what} failed:\n{output}"),
            HarnessError::Psql(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for HarnessError {}

impl From<PsqlError> for HarnessError {
    fn from(e: PsqlError) -> Self {
        HarnessError::Psql(e)
    }
}

fn io_err(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> HarnessError {
    let context = context.into();
    move |source| HarnessError::Io { context, source }
}

/// A running server. Dropping it stops the server (`-m immediate`) and removes its directory.
#[derive(Debug)]
pub struct Cluster {
    version: PgVersion,
    bin: PathBuf,
    port: u16,
    dir: TempDir,
    as_postgres: bool,
    next_db: AtomicU32,
}

static PORT_COUNTER: AtomicU32 = AtomicU32::new(0);
static REAP: Once = Once::new();

impl Cluster {
    /// Whether the binaries of `version` are there to start a cluster.
    pub fn available(version: PgVersion) -> bool {
        Self::binaries(version).is_ok()
    }

    /// Why `version` cannot be started (None when its binaries are there).
    pub fn unavailable_reason(version: PgVersion) -> Option<String> {
        Self::binaries(version).err().map(|e| e.to_string())
    }

    fn binaries(version: PgVersion) -> Result<PathBuf, HarnessError> {
        let bin = version
            .bin_dir()
            .ok_or_else(|| HarnessError::NotAvailable {
                version,
                reason: format!("{} is not set", version.bin_env()),
            })?;
        for tool in ["initdb", "pg_ctl", "postgres"] {
            if !bin.join(tool).is_file() {
                return Err(HarnessError::NotAvailable {
                    version,
                    reason: format!("{} has no {tool}", bin.display()),
                });
            }
        }
        Ok(bin)
    }

    /// initdb (as `postgres` when we are root, since initdb refuses root) and start a server that
    /// listens on a socket in its own directory only.
    pub fn start(version: PgVersion) -> Result<Cluster, HarnessError> {
        REAP.call_once(reap_stale_clusters);
        let bin = Self::binaries(version)?;
        let as_postgres = running_as_root();
        let dir = TempDir::new(DIR_PREFIX).map_err(io_err("creating the cluster directory"))?;
        // From here on the Cluster owns the directory: its Drop stops the server, then the
        // TempDir field removes the directory.
        let mut cluster = Cluster {
            version,
            bin,
            port: 0,
            dir,
            as_postgres,
            next_db: AtomicU32::new(0),
        };
        cluster.init()?;
        let mut last = None;
        for _ in 0..5 {
            cluster.port = pick_port();
            match cluster.pg_ctl_start() {
                Ok(()) => return Ok(cluster),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| HarnessError::Command {
            what: "pg_ctl start".into(),
            output: String::new(),
        }))
    }

    fn init(&self) -> Result<(), HarnessError> {
        fs::write(
            self.dir().join(BIN_FILE),
            self.bin.to_string_lossy().as_bytes(),
        )
        .map_err(io_err("writing the bin-dir file"))?;
        if self.as_postgres {
            run_checked(
                Command::new("chown")
                    .arg("-R")
                    .arg("postgres")
                    .arg(self.dir()),
                "chown -R postgres",
            )?;
        }
        let mut initdb = self.server_command("initdb");
        initdb
            .arg("-D")
            .arg(self.data_dir())
            .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"])
            .arg("--no-sync");
        run_checked(&mut initdb, "initdb")?;
        // Settings go into the config file rather than `pg_ctl -o`, which passes through a shell.
        let settings = format!(
            "\n# origin-schema test cluster\n\
             listen_addresses = ''\n\
             unix_socket_directories = '{}'\n\
             fsync = off\n\
             synchronous_commit = off\n\
             full_page_writes = off\n\
             timezone = 'UTC'\n\
             shared_buffers = '32MB'\n\
             max_connections = 20\n",
            self.dir().to_string_lossy().replace('\'', "''")
        );
        let conf = self.data_dir().join("postgresql.conf");
        let mut text = fs::read_to_string(&conf).map_err(io_err("reading postgresql.conf"))?;
        text.push_str(&settings);
        // Writing in place keeps the file's owner (postgres).
        fs::write(&conf, text).map_err(io_err("writing postgresql.conf"))?;
        Ok(())
    }

    fn pg_ctl_start(&self) -> Result<(), HarnessError> {
        let mut cmd = self.server_command("pg_ctl");
        cmd.arg("-w")
            .args(["-t", "60"])
            .arg("-D")
            .arg(self.data_dir())
            .arg("-l")
            .arg(self.log_file())
            .arg("-o")
            .arg(format!("-p {}", self.port))
            .arg("start");
        run_checked(&mut cmd, "pg_ctl start").map_err(|e| match e {
            HarnessError::Command { what, output } => HarnessError::Command {
                what,
                output: format!("{output}\n--- server log ---\n{}", self.log()),
            },
            other => other,
        })?;
        Ok(())
    }

    /// A command running one of the server binaries, as `postgres` when we are root.
    fn server_command(&self, tool: &str) -> Command {
        let exe = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        };
        // The caller's cwd may be unreadable for postgres, and initdb resolves paths from it.
        cmd.current_dir(self.dir()).env("LC_ALL", "C");
        cmd
    }

    pub fn version(&self) -> PgVersion {
        self.version
    }

    /// The cluster's own directory (data dir, socket and log live in it).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir().join("data")
    }

    fn log_file(&self) -> PathBuf {
        self.dir().join("server.log")
    }

    /// The server log so far, for error messages.
    pub fn log(&self) -> String {
        fs::read_to_string(self.log_file()).unwrap_or_default()
    }

    /// A handle on an existing database of this cluster (`postgres` always exists).
    pub fn db(&self, name: &str) -> Db {
        Db::new(self.socket_dir(), self.port, name)
    }

    /// `CREATE DATABASE name` and a handle on it.
    pub fn create_db(&self, name: &str) -> Result<Db, HarnessError> {
        let ident = format!("\"{}\"", name.replace('"', "\"\""));
        self.db("postgres")
            .run_sql(&format!("CREATE DATABASE {ident};"))?;
        Ok(self.db(name))
    }

    /// A new database with a name nobody used on this cluster yet (`<prefix>_<n>`).
    pub fn fresh_db(&self, prefix: &str) -> Result<Db, HarnessError> {
        let n = self.next_db.fetch_add(1, Ordering::Relaxed);
        self.create_db(&format!("{prefix}_{n}"))
    }

    /// `server_version_num` of the running server, e.g. 150014.
    pub fn server_version_num(&self) -> Result<u32, HarnessError> {
        let rows = self.db("postgres").try_query("SHOW server_version_num")?;
        rows.first()
            .and_then(|r| r.first())
            .and_then(|v| v.as_deref())
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| HarnessError::Command {
                what: "SHOW server_version_num".into(),
                output: format!("{rows:?}"),
            })
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.data_dir().join("postmaster.pid").exists() {
            let mut cmd = self.server_command("pg_ctl");
            cmd.args(["-w", "-t", "60", "-m", "immediate", "-D"])
                .arg(self.data_dir())
                .arg("stop");
            let _ = cmd.output();
        }
        // The `dir` field (a TempDir) removes the directory once the server is down.
    }
}

fn run_checked(cmd: &mut Command, what: &str) -> Result<Output, HarnessError> {
    let out = cmd.output().map_err(io_err(format!("running {what}")))?;
    if out.status.success() {
        Ok(out)
    } else {
        Err(HarnessError::Command {
            what: format!("{what} ({})", out.status),
            output: format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        })
    }
}

/// Only the socket file name depends on the port and each cluster has its own socket dir, so any
/// port works; spreading them still avoids sharing SysV IPC keys, which derive from the port.
fn pick_port() -> u16 {
    let n = PORT_COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mix = std::process::id()
        .wrapping_mul(7919)
        .wrapping_add(n.wrapping_mul(104_729))
        .wrapping_add(nanos / 1000);
    // 20000..60000 always fits in u16.
    u16::try_from(20_000 + mix % 40_000).unwrap_or(20_000)
}

/// Effective uid 0, read from /proc (no libc: the workspace forbids unsafe code).
fn running_as_root() -> bool {
    if let Ok(status) = fs::read_to_string("/proc/self/status") {
        if let Some(line) = status.lines().find(|l| l.starts_with("Uid:")) {
            // Uid: real effective saved fs
            return line.split_whitespace().nth(2) == Some("0");
        }
    }
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Stops and removes clusters whose test process died without running Drop (SIGKILL, timeout),
/// so that no server outlives a run by more than the next run.
fn reap_stale_clusters() {
    if !Path::new("/proc/self").exists() {
        return; // no cheap liveness check off Linux
    }
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = tempdir::owner_pid(&name, DIR_PREFIX) else {
            continue;
        };
        if pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        let dir = entry.path();
        let data = dir.join("data");
        if data.join("postmaster.pid").exists() {
            if let Ok(bin) = fs::read_to_string(dir.join(BIN_FILE)) {
                let pg_ctl = Path::new(bin.trim()).join("pg_ctl");
                let mut cmd = if running_as_root() {
                    let mut c = Command::new("runuser");
                    c.args(["-u", "postgres", "--"]).arg(pg_ctl);
                    c
                } else {
                    Command::new(pg_ctl)
                };
                let _ = cmd
                    .current_dir(&dir)
                    .args(["-w", "-m", "immediate", "-D"])
                    .arg(&data)
                    .arg("stop")
                    .output();
            }
        }
        let _ = fs::remove_dir_all(&dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_starts_answers_and_cleans_up_its_dir_on_drop() {
        if !crate::scenario::available_or_skip(PgVersion::V15) {
            return;
        }
        let cluster = Cluster::start(PgVersion::V15).unwrap();
        let dir = cluster.dir().to_path_buf();
        assert!(cluster.data_dir().join("postmaster.pid").exists());
        let v = cluster.server_version_num().unwrap();
        assert!((150_000..160_000).contains(&v), "{v}");
        let pid_line = fs::read_to_string(cluster.data_dir().join("postmaster.pid")).unwrap();
        let pid = pid_line.lines().next().unwrap().trim().to_owned();
        drop(cluster);
        assert!(!dir.exists(), "{} still exists", dir.display());
        // The postmaster is gone once it is no longer in /proc or only a zombie waiting for
        // init to reap it.
        let gone = || {
            fs::read_to_string(format!("/proc/{pid}/status"))
                .map(|s| {
                    s.lines()
                        .any(|l| l.starts_with("State:") && l.contains('Z'))
                })
                .unwrap_or(true)
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !gone() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(gone(), "postmaster {pid} still running");
    }

    #[test]
    fn cluster_is_stopped_when_a_test_panics() {
        if !crate::scenario::available_or_skip(PgVersion::V15) {
            return;
        }
        let dir = std::sync::Mutex::new(PathBuf::new());
        let result = std::panic::catch_unwind(|| {
            let cluster = Cluster::start(PgVersion::V15).unwrap();
            *dir.lock().unwrap() = cluster.dir().to_path_buf();
            panic!("boom");
        });
        assert!(result.is_err());
        let dir = dir.lock().unwrap().clone();
        assert!(!dir.as_os_str().is_empty());
        assert!(!dir.exists());
    }

    #[test]
    fn pg18_availability_follows_its_env_var() {
        // Whatever the environment, the answer must agree with the binaries being there.
        let expected = PgVersion::V18
            .bin_dir()
            .is_some_and(|b| b.join("postgres").is_file());
        assert_eq!(Cluster::available(PgVersion::V18), expected);
    }
}
