//! `origin-schema`: generate, check and explain the migrations that move a live
//! PostgreSQL database to the schema it was meant to have.

mod args;
mod commands;
mod db;
mod error;
mod input;
mod output;

use std::process::ExitCode;

use clap::Parser;

// See the workspace Cargo.toml: the reader is allocation-bound.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("origin-schema: error: {e}");
            ExitCode::from(error::EXIT_ERROR)
        }
    }
}
