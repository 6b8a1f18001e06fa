//! The core's layers only look down: no path in `core/src` (a `use` line or an inline
//! `crate::...` / `super::...` path, comments and strings aside) names a module above
//! its own. The checker has tests of its own, on synthetic upward paths.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Each top-level module and the modules it may use. The order is the layering of
/// `lib.rs`, bottom first; `presets` and `input` stand beside the layers.
const LAYERS: &[(&str, &[&str])] = &[
    ("pg", &[]),
    ("model", &["pg"]),
    ("read", &["pg", "model"]),
    ("step", &["pg", "model"]),
    ("kinds", &["pg", "model", "step"]),
    ("align", &["pg", "model", "step", "kinds"]),
    ("diff", &["pg", "model", "step", "kinds", "align"]),
    ("plan", &["pg", "model", "step", "kinds", "align", "diff"]),
    (
        "sql",
        &["pg", "model", "step", "kinds", "align", "diff", "plan"],
    ),
    (
        "report",
        &[
            "pg", "model", "step", "kinds", "align", "diff", "plan", "sql",
        ],
    ),
    (
        "diagram",
        &[
            "pg", "model", "step", "kinds", "align", "diff", "plan", "sql",
        ],
    ),
    (
        "analysis",
        &[
            "pg", "model", "step", "kinds", "align", "diff", "plan", "sql", "report", "diagram",
        ],
    ),
    ("presets", &["model", "read"]),
    ("input", &["model", "read", "presets"]),
    (
        "error",
        &[
            "pg", "model", "read", "step", "kinds", "align", "diff", "plan", "sql", "report",
            "diagram", "analysis", "input", "presets",
        ],
    ),
];

/// One path from a file to a module it may not use.
#[derive(Debug, PartialEq, Eq)]
struct Upward {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// The top-level modules that `source` (the text of a file of module `module`, e.g.
/// `["kinds", "add"]`) refers to, with the line of each reference.
fn references(module: &[String], source: &str) -> Vec<(usize, String)> {
    let code = strip(source);
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    let mut line = 1;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            line += 1;
        }
        let at_word_start = i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != b':';
        if at_word_start && (bytes[i] == b'c' || bytes[i] == b's') {
            let rest = &code[i..];
            if let Some(after) = rest.strip_prefix("crate::") {
                for target in first_segments(after) {
                    out.push((line, target));
                }
            } else if rest.starts_with("super::") {
                // Climb one module per `super`; past the top-level module, the next
                // segment is the module named.
                let mut depth = module.len();
                let mut tail = rest;
                while let Some(t) = tail.strip_prefix("super::") {
                    depth = depth.saturating_sub(1);
                    tail = t;
                }
                if depth == 0 {
                    for target in first_segments(tail) {
                        out.push((line, target));
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// The first path segments after `crate::`: one name, or each name of a `{...}` group.
fn first_segments(after: &str) -> Vec<String> {
    if let Some(group) = after.strip_prefix('{') {
        let mut depth = 1;
        let mut end = group.len();
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let mut names = Vec::new();
        let mut depth = 0;
        let mut item = String::new();
        for c in group[..end].chars().chain([',']) {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| is_ident(*c as u8))
                        .collect();
                    if !name.is_empty() && name != "self" {
                        names.push(name);
                    }
                    item.clear();
                    continue;
                }
                _ => {}
            }
            item.push(c);
        }
        names
    } else {
        let name: String = after.chars().take_while(|c| is_ident(*c as u8)).collect();
        if name.is_empty() {
            Vec::new()
        } else {
            vec![name]
        }
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The code without comments, string literals and character literals (each replaced
/// by spaces, line breaks kept), so that prose and text never count as a path.
fn strip(source: &str) -> String {
    let b = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let blank = |s: &[u8], out: &mut String| {
        for &c in s {
            out.push(if c == b'\n' { '\n' } else { ' ' });
        }
    };
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
            blank(&rest[..end], &mut out);
            i += end;
        } else if rest.starts_with(b"/*") {
            let mut depth = 0;
            let mut j = 0;
            while j < rest.len() {
                if rest[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&rest[..j], &mut out);
            i += j;
        } else if rest.starts_with(b"r\"") || rest.starts_with(b"r#") {
            let hashes = rest[1..].iter().take_while(|&&c| c == b'#').count();
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let start = 1 + hashes + 1;
            let end = rest[start.min(rest.len())..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(rest.len(), |p| start + p + close.len());
            blank(&rest[..end], &mut out);
            i += end;
        } else if rest[0] == b'"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != b'"' {
                j += if rest[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(rest.len());
            blank(&rest[..end], &mut out);
            i += end;
        } else if rest[0] == b'\'' && (rest.get(2) == Some(&b'\'') || rest.get(1) == Some(&b'\\')) {
            // A character literal ('x' or '\n'); a lifetime has no closing quote.
            let end = rest[1..]
                .iter()
                .position(|&c| c == b'\'')
                .map_or(rest.len(), |p| p + 2);
            blank(&rest[..end], &mut out);
            i += end;
        } else {
            let len = source[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&source[i..i + len]);
            i += len;
        }
    }
    out
}

/// The module path of a file under `src`: `kinds/add.rs` is `["kinds", "add"]`,
/// `model/mod.rs` is `["model"]`, `lib.rs` is `[]`.
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" && stem != "lib" {
            parts.push(stem.to_string());
        }
    }
    parts
}

/// Every upward path in `files` (relative path, text).
fn upward(files: &[(PathBuf, String)]) -> Vec<Upward> {
    let known: BTreeSet<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    let mut out = Vec::new();
    for (path, text) in files {
        let module = module_of(path);
        let Some(top) = module.first() else {
            continue;
        };
        let allowed = LAYERS
            .iter()
            .find(|(m, _)| m == top)
            .map_or(&[][..], |(_, a)| *a);
        for (line, target) in references(&module, text) {
            if target == *top || !known.contains(target.as_str()) {
                continue;
            }
            if !allowed.contains(&target.as_str()) {
                out.push(Upward {
                    file: path.display().to_string(),
                    line,
                    from: top.clone(),
                    to: target,
                });
            }
        }
    }
    out
}

fn sources(dir: &Path, root: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            out.push((path.strip_prefix(root).unwrap().to_path_buf(), text));
        }
    }
}

#[test]
fn no_module_of_the_core_uses_one_above_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &root, &mut files);
    assert!(files.len() > 50, "only {} files", files.len());
    // Every top-level module has a place in the layering.
    for (path, _) in &files {
        if let Some(top) = module_of(path).first() {
            assert!(
                LAYERS.iter().any(|(m, _)| m == top),
                "module `{top}` ({}) is in no layer: add it to LAYERS",
                path.display()
            );
        }
    }
    let found = upward(&files);
    assert!(found.is_empty(), "paths that point up:\n{found:#?}");
}

fn one(path: &str, text: &str) -> Vec<Upward> {
    upward(&[(PathBuf::from(path), text.to_string())])
}

#[test]
fn the_checker_finds_an_upward_use_line() {
    let found = one("model/schema.rs", "use crate::plan::Plan;\nfn f() {}\n");
    assert_eq!(
        found,
        [Upward {
            file: "model/schema.rs".into(),
            line: 1,
            from: "model".into(),
            to: "plan".into(),
        }]
    );
    let grouped = one(
        "diff/mod.rs",
        "use crate::{model::Schema, report::Report};\n",
    );
    assert_eq!(grouped.len(), 1);
    assert_eq!(grouped[0].to, "report");
}

#[test]
fn the_checker_finds_an_upward_inline_path_and_super() {
    let inline = one(
        "kinds/add.rs",
        "fn f() {\n    let x = crate::analysis::Analysis::new(p);\n}\n",
    );
    assert_eq!(inline.len(), 1);
    assert_eq!((inline[0].line, inline[0].to.as_str()), (2, "analysis"));
    let sup = one("model/mod.rs", "use super::kinds::rules;\n");
    assert_eq!(sup.len(), 1);
    assert_eq!(sup[0].to, "kinds");
    let deep = one(
        "read/sql/replay/drop.rs",
        "use super::super::super::super::plan::x;\n",
    );
    assert_eq!(deep.len(), 1);
}

#[test]
fn the_checker_ignores_downward_paths_comments_and_strings() {
    let text = "//! see `crate::analysis`\nuse crate::pg::quote_ident;\n/* crate::plan */\nconst S: &str = \"crate::report\";\nconst R: &str = r#\"crate::sql\"#;\nfn f<'a>(c: char) -> bool { c == '\"' }\nuse super::super::names;\n";
    assert_eq!(one("read/sql/replay/x.rs", text), []);
}
