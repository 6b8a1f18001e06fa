//! `origin-schema gen-sql`: write, print or check the migration files.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use origin_schema_core::GeneratedFile;

use crate::args::GenSqlArgs;
use crate::error::{CliError, EXIT_DRIFT};
use crate::input;

pub fn run(args: &GenSqlArgs) -> Result<ExitCode, CliError> {
    let analysis = input::analysis(&args.input)?;
    let files = analysis.files().map_err(origin_schema_core::Error::from)?;
    let target = &args.target;
    if let Some(dir) = &target.out {
        write(dir, &files)?;
        eprintln!("wrote {} files to {}", files.len(), dir.display());
        Ok(ExitCode::SUCCESS)
    } else if let Some(dir) = &target.check {
        check(dir, &files)
    } else {
        print(&files)?;
        Ok(ExitCode::SUCCESS)
    }
}

fn write(dir: &Path, files: &[GeneratedFile]) -> Result<(), CliError> {
    fs::create_dir_all(dir).map_err(CliError::io("cannot create", dir))?;
    for f in files {
        let path = dir.join(&f.name);
        fs::write(&path, &f.sql).map_err(CliError::io("cannot write", &path))?;
    }
    Ok(())
}

fn print(files: &[GeneratedFile]) -> Result<(), CliError> {
    let text: String = files
        .iter()
        .map(|f| format!("-- file: {}\n{}", f.name, f.sql))
        .collect();
    crate::output::text(&text)
}

/// Name every file that is missing, differs, or is an extra `.sql` file in `dir`.
fn check(dir: &Path, files: &[GeneratedFile]) -> Result<ExitCode, CliError> {
    let mut problems = Vec::new();
    for f in files {
        let path = dir.join(&f.name);
        match fs::read(&path) {
            Ok(bytes) if bytes == f.sql.as_bytes() => {}
            Ok(_) => problems.push(format!("differs: {}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(format!("missing: {}", path.display()))
            }
            Err(e) => return Err(CliError::io("cannot read", &path)(e)),
        }
    }
    if dir.is_dir() {
        let mut extra = Vec::new();
        for entry in fs::read_dir(dir).map_err(CliError::io("cannot list", dir))? {
            let entry = entry.map_err(CliError::io("cannot list", dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_sql = name.ends_with(".sql") && entry.path().is_file();
            if is_sql && !files.iter().any(|f| f.name == name) {
                extra.push(format!("extra: {}", entry.path().display()));
            }
        }
        extra.sort();
        problems.extend(extra);
    }
    if problems.is_empty() {
        crate::output::line(&format!(
            "{} is current ({} files)",
            dir.display(),
            files.len()
        ))?;
        Ok(ExitCode::SUCCESS)
    } else {
        for p in &problems {
            crate::output::line(p)?;
        }
        eprintln!(
            "{} is not current: {} problem(s); run `origin-schema gen-sql --out {}` to update it",
            dir.display(),
            problems.len(),
            dir.display()
        );
        Ok(ExitCode::from(EXIT_DRIFT))
    }
}
