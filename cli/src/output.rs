//! Standard output without panics: a closed pipe (`| head`) is an error like any other.

use std::io::Write;

use crate::error::CliError;

pub fn text(s: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::io("cannot write", "standard output"))
}

pub fn line(s: &str) -> Result<(), CliError> {
    text(&format!("{s}\n"))
}
