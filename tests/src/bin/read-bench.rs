//! Times the SQL reader on a generated `pg_dump`-style schema (`origin_schema_tests::generate`,
//! committed seed): one warm-up read, then `--runs` timed reads; prints the median and fails
//! (exit 1) when it is 100 ms or more. Build it in release mode: `scripts/bench-read.sh`.
//!
//! Options: `--tables N` (500), `--seed S` (the committed seed), `--runs R` (10),
//! `--write FILE` (also write the generated SQL there). Bad arguments: usage, exit 2.

use std::process::ExitCode;
use std::time::{Duration, Instant};

// The allocator of the native CLI (cli/src/main.rs), so that the time is the CLI's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use origin_schema_core::read::sql::{read_files, SqlFile};
use origin_schema_tests::generate::{pg_dump_schema_counted, SEED, TABLES};

/// The requirement: a 500-table file reads in under this (median).
const LIMIT: Duration = Duration::from_millis(100);

#[derive(Debug)]
struct Options {
    tables: usize,
    seed: u64,
    runs: usize,
    write: Option<String>,
}

fn usage() -> String {
    format!(
        "usage: read-bench [--tables N] [--seed S] [--runs R] [--write FILE]\n  \
         --tables N    tables in the generated schema (default {TABLES})\n  \
         --seed S      generator seed, decimal or 0x hex (default {SEED:#x})\n  \
         --runs R      timed reads after one warm-up, at least 1 (default 10)\n  \
         --write FILE  also write the generated SQL to FILE"
    )
}

fn parse_u64(flag: &str, value: &str) -> Result<u64, String> {
    let parsed = match value
        .strip_prefix("0x")
        .or_else(|| value.strip_prefix("0X"))
    {
        Some(hex) => u64::from_str_radix(&hex.replace('_', ""), 16),
        None => value.replace('_', "").parse(),
    };
    parsed.map_err(|_| format!("{flag}: `{value}` is not a number"))
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        tables: TABLES,
        seed: SEED,
        runs: 10,
        write: None,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--tables" => {
                o.tables = usize::try_from(parse_u64(flag, value)?)
                    .map_err(|_| format!("{flag}: `{value}` is too large"))?;
            }
            "--seed" => o.seed = parse_u64(flag, value)?,
            "--runs" => {
                o.runs = usize::try_from(parse_u64(flag, value)?)
                    .map_err(|_| format!("{flag}: `{value}` is too large"))?;
                if o.runs == 0 {
                    return Err("--runs must be at least 1".into());
                }
            }
            "--write" => o.write = Some(value.clone()),
            _ => return Err(format!("unknown argument `{flag}`")),
        }
    }
    Ok(o)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let o = match parse(&args) {
        Ok(o) => o,
        Err(e) if e.is_empty() => {
            println!("{}", usage());
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("read-bench: {e}\n{}", usage());
            return ExitCode::from(2);
        }
    };

    let (sql, statements) = pg_dump_schema_counted(o.tables, o.seed);
    if let Some(path) = &o.write {
        if let Err(e) = std::fs::write(path, &sql) {
            eprintln!("read-bench: cannot write {path}: {e}");
            return ExitCode::from(2);
        }
    }
    let files = [SqlFile {
        name: format!("generated-{}-{:#x}.sql", o.tables, o.seed),
        sql,
    }];

    // The warm-up read also checks that the file reads as it should.
    match read_files(&files) {
        Ok(read) => {
            if !read.warnings.is_empty() || read.schema.tables.len() != o.tables {
                eprintln!(
                    "read-bench: the generated file read with {} warning(s) and {} table(s) (expected none and {}); first: {:?}",
                    read.warnings.len(),
                    read.schema.tables.len(),
                    o.tables,
                    read.warnings.first()
                );
                return ExitCode::from(1);
            }
        }
        Err(e) => {
            eprintln!("read-bench: the generated file does not read: {e}");
            return ExitCode::from(1);
        }
    }

    let mut times = Vec::with_capacity(o.runs);
    for _ in 0..o.runs {
        let start = Instant::now();
        let read = read_files(&files);
        times.push(start.elapsed());
        std::hint::black_box(read).ok();
    }
    times.sort_unstable();
    // The median: the middle run, or the mean of the two middle ones.
    let n = times.len();
    let median = if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2
    };
    println!(
        "read {} tables ({statements} statements, {} KiB): median {:.1} ms of {n} ({:.1}, {:.1})",
        o.tables,
        files[0].sql.len() / 1024,
        ms(median),
        ms(times[0]),
        ms(times[n - 1]),
    );
    if median >= LIMIT {
        eprintln!(
            "read-bench: the median {:.1} ms is not under {} ms",
            ms(median),
            LIMIT.as_millis()
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
