//! Narrow readers for PostgreSQL statements sqlparser 0.64 cannot parse but real dumps
//! and migrations use, read from their words (docs/sql-reader.md lists them):
//! `ALTER TABLE ... ALTER [COLUMN] c SET STATISTICS n | SET STORAGE s`, `ALTER TABLE
//! ... ALTER CONSTRAINT c [NOT] DEFERRABLE [INITIALLY ...]`, `COMMENT ON CONSTRAINT c
//! ON t IS ...`. Each reads one statement of one clause exactly; anything else is left
//! to the caller's warning.

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::tokenizer::Token;

use super::fallback::{is, name_at, object, Lexed, Word};
use super::names;
use super::replay::{Done, Fail, Replay};
use crate::model::{Constraint, Deferral, StorageParams};

/// Apply the statement when it is one of the forms above.
pub(super) fn read(r: &mut Replay, w: &[Word]) -> Option<Done> {
    if is(w.first(), "COMMENT") {
        return comment_on_constraint(r, w);
    }
    if is(w.first(), "ALTER") && is(w.get(1), "INDEX") {
        return alter_index_params(r, w);
    }
    let (table, at) = alter_table(w)?;
    if is(w.get(at), "ALTER") && is(w.get(at + 1), "CONSTRAINT") {
        return alter_constraint(r, &table, w, at + 2);
    }
    if is(w.get(at), "ALTER") {
        let at = if is(w.get(at + 1), "COLUMN") {
            at + 2
        } else {
            at + 1
        };
        return column_setting(r, &table, w, at);
    }
    None
}

/// The table an `ALTER TABLE` names, and whether `IF EXISTS` makes an unknown one quiet.
struct Target {
    name: Vec<String>,
    if_exists: bool,
}

/// `ALTER TABLE [IF EXISTS] [ONLY] name [*]`: the table and the index after it.
fn alter_table(w: &[Word]) -> Option<(Target, usize)> {
    if !is(w.first(), "ALTER") || !is(w.get(1), "TABLE") {
        return None;
    }
    let mut i = 2;
    let if_exists = is(w.get(i), "IF") && is(w.get(i + 1), "EXISTS");
    if if_exists {
        i += 2;
    }
    if is(w.get(i), "ONLY") {
        i += 1;
    }
    let (name, mut next) = name_at(w, i)?;
    if w.get(next).and_then(|x| x.punct.as_deref()) == Some("*") {
        next += 1;
    }
    Some((Target { name, if_exists }, next))
}

/// The table's key: `None` when the statement is to be skipped (see `Replay::table_name`).
fn table(r: &mut Replay, target: &Target, label: &str) -> Result<Option<String>, Fail> {
    r.table_name(&object(&target.name), target.if_exists, label)
}

/// `... ALTER [COLUMN] c SET STATISTICS n` / `SET STORAGE s`.
fn column_setting(r: &mut Replay, name: &Target, w: &[Word], at: usize) -> Option<Done> {
    let column = w.get(at).filter(|c| c.punct.is_none())?.folded.clone();
    if !is(w.get(at + 1), "SET") {
        return None;
    }
    let what = w.get(at + 2)?.upper.clone();
    let value = w.get(at + 3)?;
    if w.len() != at + 4 {
        return None;
    }
    let statistics = match what.as_str() {
        "STATISTICS" => Some(number(value)?),
        "STORAGE" => None,
        _ => return None,
    };
    let storage = value.upper.to_ascii_lowercase();
    if statistics.is_none()
        && !["plain", "external", "extended", "main", "default"].contains(&storage.as_str())
    {
        return None;
    }
    Some((|| {
        let label = format!("ALTER TABLE ... ALTER COLUMN {column} SET {what}");
        let Some(t) = table(r, name, &label)? else {
            return Ok(());
        };
        let tname = t.clone();
        let Some(c) = r.table_mut(&t)?.columns.get_mut(&column) else {
            return Err(Fail::UnknownColumn {
                table: tname,
                column,
            });
        };
        match statistics {
            Some(n) if !(-1..=10000).contains(&n) => {
                return Err(Fail::Rejected(format!(
                    "statistics target {n} is out of range (-1 to 10000)"
                )))
            }
            // -1 is the default target: nothing of the column's own.
            Some(n) => c.statistics = (n >= 0).then_some(n),
            // DEFAULT (PostgreSQL 16+) is the type's storage.
            None => c.storage = (storage != "default").then_some(storage),
        }
        Ok(())
    })())
}

/// `ALTER INDEX [IF EXISTS] name SET (name = value, ...)` / `RESET (name, ...)`.
fn alter_index_params(r: &mut Replay, w: &[Word]) -> Option<Done> {
    let mut i = 2;
    let if_exists = is(w.get(i), "IF") && is(w.get(i + 1), "EXISTS");
    if if_exists {
        i += 2;
    }
    let (name, next) = name_at(w, i)?;
    let set = is(w.get(next), "SET");
    if !set && !is(w.get(next), "RESET") {
        return None;
    }
    if w.get(next + 1)?.punct.as_deref() != Some("(") || w.last()?.punct.as_deref() != Some(")") {
        return None;
    }
    let inner = &w[next + 2..w.len() - 1];
    let index = crate::pg::split_key(&name.join(".")).1.to_string();
    let change = if set {
        Ok(pairs(inner)?)
    } else {
        Err(inner
            .split(|x| x.punct.as_deref() == Some(","))
            .map(|p| {
                p.iter()
                    .map(|x| x.folded.clone())
                    .collect::<Vec<_>>()
                    .join("")
            })
            .collect::<Vec<_>>())
    };
    let found = r
        .schema
        .tables
        .values_mut()
        .find_map(|t| t.indexes.get_mut(&index));
    Some(match found {
        Some(ix) => {
            match change {
                Ok(params) => ix.with.extend(params),
                Err(names) => ix.with.retain(|k, _| !names.contains(k)),
            }
            Ok(())
        }
        None if if_exists || r.opaque.relations.contains(&index) => Ok(()),
        None => Err(Fail::Unknown {
            kind: "index",
            name: index,
        }),
    })
}

/// `name = value, ...` from words, as `reloptions` keeps them.
fn pairs(w: &[Word]) -> Option<StorageParams> {
    let mut out = StorageParams::new();
    for pair in w.split(|x| x.punct.as_deref() == Some(",")) {
        let [name, eq, value] = pair else {
            return None;
        };
        if name.punct.is_some() || eq.punct.as_deref() != Some("=") {
            return None;
        }
        let value = match (&value.literal, &value.punct) {
            (Some(s), _) => s.clone(),
            (None, Some(p)) => p.clone(),
            (None, None) => value.folded.clone(),
        };
        out.insert(name.folded.clone(), value);
    }
    Some(out)
}

/// A whole number, possibly negative (`-1` is two tokens).
fn number(w: &Word) -> Option<i32> {
    w.punct.as_deref()?.parse().ok()
}

/// `... ALTER CONSTRAINT c [NOT] DEFERRABLE [INITIALLY DEFERRED | IMMEDIATE]`.
fn alter_constraint(r: &mut Replay, name: &Target, w: &[Word], at: usize) -> Option<Done> {
    let cname = w.get(at).filter(|c| c.punct.is_none())?.folded.clone();
    let mut i = at + 1;
    let mut deferrable = None;
    let mut initially = None;
    while i < w.len() {
        if is(w.get(i), "NOT") && is(w.get(i + 1), "DEFERRABLE") {
            deferrable = Some(false);
            i += 2;
        } else if is(w.get(i), "DEFERRABLE") {
            deferrable = Some(true);
            i += 1;
        } else if is(w.get(i), "INITIALLY") && is(w.get(i + 1), "DEFERRED") {
            initially = Some(true);
            i += 2;
        } else if is(w.get(i), "INITIALLY") && is(w.get(i + 1), "IMMEDIATE") {
            initially = Some(false);
            i += 2;
        } else {
            return None;
        }
    }
    Some((|| {
        let Some(t) = table(r, name, &format!("ALTER CONSTRAINT {cname}"))? else {
            return Ok(());
        };
        let tname = t.clone();
        let Some(c) = r.table_mut(&t)?.constraints.get_mut(&cname) else {
            return Err(Fail::Unknown {
                kind: "constraint",
                name: format!("{cname} of relation {tname}"),
            });
        };
        let Some(d) = c.deferral_mut() else {
            return Err(Fail::Rejected(format!(
                "constraint \"{cname}\" of relation \"{tname}\" is not a foreign key, unique, primary key or exclusion constraint"
            )));
        };
        // As PostgreSQL: INITIALLY DEFERRED implies DEFERRABLE; NOT DEFERRABLE
        // with INITIALLY DEFERRED is an error.
        *d = match (deferrable, initially) {
            (Some(false), Some(true)) => {
                return Err(Fail::Rejected(
                    "constraint declared INITIALLY DEFERRED must be DEFERRABLE".into(),
                ))
            }
            (Some(false), _) => Deferral::No,
            (_, Some(true)) => Deferral::Deferred,
            (Some(true), Some(false)) | (Some(true), None) => Deferral::Immediate,
            (None, Some(false)) | (None, None) => *d,
        };
        Ok(())
    })())
}

/// `COMMENT ON CONSTRAINT c ON table IS 'text' | NULL` (sqlparser lacks the object kind).
fn comment_on_constraint(r: &mut Replay, w: &[Word]) -> Option<Done> {
    if !is(w.get(1), "ON") || !is(w.get(2), "CONSTRAINT") {
        return None;
    }
    let cname = w.get(3).filter(|c| c.punct.is_none())?.folded.clone();
    if !is(w.get(4), "ON") {
        return None;
    }
    let (name, at) = name_at(w, 5)?;
    if !is(w.get(at), "IS") || w.len() != at + 2 {
        return None;
    }
    let text = match w.get(at + 1) {
        Some(x) if is(Some(x), "NULL") => None,
        Some(x) => Some(x.literal.clone()?),
        None => return None,
    };
    Some((|| {
        let target = Target {
            name,
            if_exists: false,
        };
        let Some(t) = table(r, &target, &format!("COMMENT ON CONSTRAINT {cname}"))? else {
            return Ok(());
        };
        let tname = t.clone();
        let Some(c) = r.table_mut(&t)?.constraints.get_mut(&cname) else {
            return Err(Fail::Unknown {
                kind: "constraint",
                name: format!("{cname} for table {tname}"),
            });
        };
        // An empty comment removes it, as NULL does.
        *c.comment_mut() = text.filter(|t| !t.is_empty());
        Ok(())
    })())
}

/// The words of an `ALTER TABLE`, and the collation it gives each column.
pub(super) type Collations = (Vec<Word>, Vec<(String, Option<String>)>);

/// A statement sqlparser can parse once a clause it lacks is taken out, and what that
/// clause said.
pub(super) struct Rewritten {
    pub text: String,
    /// Parameters taken out of key definitions.
    pub key_params: KeyParams,
    /// `SEQUENCE NAME` of identity columns, in the order they are written.
    pub identity_sequences: Vec<String>,
    /// `ALTER TABLE t ALTER COLUMN c TYPE ... COLLATE x`: the table's words, and each
    /// column with its collation (`None` for `"default"`).
    pub collations: Option<Collations>,
}

/// Parameters a rewrite took out of key definitions, for [`apply_key_params`].
#[derive(Default)]
pub(super) struct KeyParams {
    /// `WITH (...)` of named primary key and unique constraints, by constraint name.
    pub constraints: Vec<(String, StorageParams)>,
    /// Operator classes with parameters (`gist_trgm_ops (siglen=32)`) of index and
    /// exclusion keys, by the number their [`opclass_marker`] carries: the class's name
    /// and its parameters.
    pub opclasses: Vec<(String, StorageParams)>,
}

/// What stands for the `n`-th operator class with parameters while sqlparser reads the
/// statement: a quoted name no schema uses (a control character), which the reader keeps
/// as the key's operator class, so that each key finds its own parameters afterwards.
fn opclass_marker(n: usize) -> String {
    format!("{OPCLASS_MARK}{n}")
}

const OPCLASS_MARK: char = '\u{1}';

/// `DROP INDEX CONCURRENTLY ...` without `CONCURRENTLY` (it changes how, not what),
/// `CONSTRAINT c PRIMARY KEY | UNIQUE (...) [INCLUDE (...)] WITH (...)` without the
/// `WITH`, and the parameters of an index or exclusion key's operator class without the
/// parentheses (the class named by a marker), each kept aside.
pub(super) fn rewrite(l: &Lexed) -> Option<Rewritten> {
    let w = &l.words;
    // The token of word `k`.
    let at = |k: usize| l.significant.get(k).copied().unwrap_or(l.tokens.len());
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    if is(w.first(), "DROP") && is(w.get(1), "INDEX") && is(w.get(2), "CONCURRENTLY") {
        dropped.push((at(2), at(2) + 1));
    }
    // `ALTER TABLE ... ALTER [COLUMN] c [SET DATA] TYPE t COLLATE x`
    let mut collations = Vec::new();
    if is(w.first(), "ALTER") && is(w.get(1), "TABLE") {
        for k in 2..w.len() {
            if !is(w.get(k), "COLLATE") {
                continue;
            }
            let Some(ty) = (2..k).rev().find(|&j| is(w.get(j), "TYPE")) else {
                continue;
            };
            let mut c = ty - 1;
            if is(w.get(c), "DATA") && is(w.get(c - 1), "SET") {
                c -= 2;
            }
            let (Some(column), Some((parts, end))) = (plain(w, c), name_at(w, k + 1)) else {
                continue;
            };
            let Some(last) = parts.last() else { continue };
            let collation = (last != "default").then(|| crate::pg::quote_ident(last));
            collations.push((column, collation));
            dropped.push((at(k), at(end)));
        }
    }
    // `AS IDENTITY (SEQUENCE NAME [schema.]name ...)`
    let mut identity_sequences = Vec::new();
    for k in 0..w.len() {
        let opens = is(w.get(k), "IDENTITY") && punct(w, k + 1) == Some("(");
        if !(opens && is(w.get(k + 2), "SEQUENCE") && is(w.get(k + 3), "NAME")) {
            continue;
        }
        let Some((parts, end)) = name_at(w, k + 4) else {
            continue;
        };
        let (Some(name), true) = (parts.last(), end < w.len()) else {
            continue;
        };
        identity_sequences.push(name.clone());
        if punct(w, end) == Some(")") {
            // Nothing else in the parentheses: they go too.
            dropped.push((at(k + 1), at(end) + 1));
        } else {
            dropped.push((at(k + 2), at(end)));
        }
    }
    // `CONSTRAINT c PRIMARY KEY | UNIQUE [NULLS [NOT] DISTINCT] (...) [INCLUDE (...)] WITH (...)`
    let mut key_params = Vec::new();
    let mut k = 0;
    while k < w.len() {
        let Some(name) = plain(w, k + 1).filter(|_| is(w.get(k), "CONSTRAINT")) else {
            k += 1;
            continue;
        };
        let mut j = k + 2;
        if is(w.get(j), "PRIMARY") && is(w.get(j + 1), "KEY") {
            j += 2;
        } else if is(w.get(j), "UNIQUE") {
            j += 1;
            if is(w.get(j), "NULLS") && is(w.get(j + 1), "NOT") && is(w.get(j + 2), "DISTINCT") {
                j += 3;
            } else if is(w.get(j), "NULLS") && is(w.get(j + 1), "DISTINCT") {
                j += 2;
            }
        } else {
            k += 1;
            continue;
        }
        let Some(after) = skip_parens(w, j) else {
            k += 1;
            continue;
        };
        j = after;
        if is(w.get(j), "INCLUDE") {
            let Some(after) = skip_parens(w, j + 1) else {
                k += 1;
                continue;
            };
            j = after;
        }
        if is(w.get(j), "WITH") {
            if let Some(end) = skip_parens(w, j + 1) {
                key_params.push((name, pairs(&w[j + 2..end - 1])?));
                dropped.push((at(j), at(end - 1) + 1));
                k = end;
                continue;
            }
        }
        k = j;
    }
    // `key opclass (name = value, ...)` in the key list of CREATE INDEX or EXCLUDE
    let mut opclasses = Vec::new();
    let mut marked = Vec::new();
    for open in key_lists(w) {
        for (class, group, params) in opclass_params(w, open) {
            // The whole (qualified) name gives way to the marker.
            let (first, parts) = qualified_name(w, class);
            if first < class {
                dropped.push((at(first), at(class)));
            }
            marked.push((at(class), opclass_marker(opclasses.len())));
            opclasses.push((names::opclass(&parts).unwrap_or_default(), params));
            dropped.push((at(group.0), at(group.1 - 1) + 1));
        }
    }
    if dropped.is_empty() {
        return None;
    }
    let collations = (!collations.is_empty()).then(|| (w.clone(), collations));
    Some(Rewritten {
        text: text_with(l, &dropped, &marked),
        key_params: KeyParams {
            constraints: key_params,
            opclasses,
        },
        identity_sequences,
        collations,
    })
}

/// The text of the tokens without the `dropped` ranges, with the tokens in `marked`
/// replaced by a quoted name.
fn text_with(l: &Lexed, dropped: &[(usize, usize)], marked: &[(usize, String)]) -> String {
    let mut text = String::new();
    for (i, t) in l.tokens.iter().enumerate() {
        if dropped.iter().any(|&(a, b)| (a..b).contains(&i)) {
            continue;
        }
        match marked.iter().find(|(m, _)| *m == i) {
            Some((_, name)) => text.push_str(&format!("\"{name}\"")),
            None => text.push_str(&t.to_string()),
        }
    }
    text
}

/// The word indexes of the `(` opening each key list: of `CREATE [UNIQUE] INDEX ... ON
/// ... (`, and of every `EXCLUDE [USING method] (`.
fn key_lists(w: &[Word]) -> Vec<usize> {
    let mut out = Vec::new();
    let unique = usize::from(is(w.get(1), "UNIQUE"));
    if is(w.first(), "CREATE") && is(w.get(1 + unique), "INDEX") {
        let on = (2 + unique..w.len()).find(|&k| is(w.get(k), "ON"));
        if let Some(open) = on.and_then(|on| (on..w.len()).find(|&k| punct(w, k) == Some("("))) {
            out.push(open);
        }
    }
    for k in 0..w.len() {
        if !is(w.get(k), "EXCLUDE") {
            continue;
        }
        let open = if is(w.get(k + 1), "USING") {
            k + 3
        } else {
            k + 1
        };
        if punct(w, open) == Some("(") {
            out.push(open);
        }
    }
    out
}

/// In the key list opening at word `open`, each key's operator class that has parameters:
/// the class's word, the parameters' parenthesized group (word range) and what it says.
/// The group follows a name that does not start the key (a key that starts with a name
/// and a parenthesis is a function call) and comes before an exclusion's `WITH`.
/// The (possibly qualified) name that ends at word `last`: its first word, and its parts.
fn qualified_name(w: &[Word], last: usize) -> (usize, Vec<String>) {
    let mut first = last;
    while first >= 2 && punct(w, first - 1) == Some(".") && plain(w, first - 2).is_some() {
        first -= 2;
    }
    let parts = (first..=last)
        .step_by(2)
        .map(|k| w[k].folded.clone())
        .collect();
    (first, parts)
}

fn opclass_params(w: &[Word], open: usize) -> Vec<(usize, (usize, usize), StorageParams)> {
    let mut out = Vec::new();
    let Some(end) = skip_parens(w, open) else {
        return out;
    };
    let mut key_start = open + 1;
    let mut done = false;
    let mut k = open + 1;
    while k + 1 < end {
        match punct(w, k) {
            Some(",") => {
                key_start = k + 1;
                done = false;
                k += 1;
            }
            Some("(") => {
                let Some(after) = skip_parens(w, k) else {
                    return out;
                };
                let mut first = k - 1;
                while first >= key_start + 2 && punct(w, first - 1) == Some(".") {
                    first -= 2;
                }
                let class = plain(w, k - 1).is_some() && !is(w.get(k - 1), "OPERATOR");
                if !done && class && first > key_start {
                    if let Some(params) = pairs(&w[k + 1..after - 1]) {
                        out.push((k - 1, (k, after), params));
                        done = true;
                    }
                }
                k = after;
            }
            _ => {
                if is(w.get(k), "WITH") {
                    done = true;
                }
                k += 1;
            }
        }
    }
    out
}

/// The folded name of word `k` when it is a name.
fn plain(w: &[Word], k: usize) -> Option<String> {
    w.get(k)
        .filter(|x| x.punct.is_none())
        .map(|x| x.folded.clone())
}

/// Word `k` when it is punctuation.
fn punct(w: &[Word], k: usize) -> Option<&str> {
    w.get(k).and_then(|x| x.punct.as_deref())
}

/// The word index after the parenthesized group that starts at word `k`.
fn skip_parens(w: &[Word], k: usize) -> Option<usize> {
    if punct(w, k) != Some("(") {
        return None;
    }
    let mut depth = 0usize;
    for n in k..w.len() {
        match punct(w, n) {
            Some("(") => depth += 1,
            Some(")") => {
                depth -= 1;
                if depth == 0 {
                    return Some(n + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Give the columns whose type an `ALTER TABLE` changed the collation it said.
pub(super) fn apply_collations(r: &mut Replay, collations: Option<Collations>) -> Done {
    let Some((w, columns)) = collations else {
        return Ok(());
    };
    let Some((name, _)) = alter_table(&w) else {
        return Ok(());
    };
    let Some(t) = table(r, &name, "ALTER TABLE ... COLLATE")? else {
        return Ok(());
    };
    for (column, collation) in columns {
        let tname = t.clone();
        let Some(c) = r.table_mut(&t)?.columns.get_mut(&column) else {
            return Err(Fail::UnknownColumn {
                table: tname,
                column,
            });
        };
        c.collation = collation;
    }
    Ok(())
}

/// The identity columns of a schema, to find those a statement made.
pub(super) fn identity_columns(r: &Replay) -> Vec<(String, String)> {
    r.schema
        .tables
        .iter()
        .flat_map(|(t, table)| {
            table
                .columns
                .iter()
                .filter(|(_, c)| c.identity.is_some())
                .map(move |(c, _)| (t.clone(), c.clone()))
        })
        .collect()
}

/// Give the identity columns made since `before` the sequence names written for them.
pub(super) fn apply_identity_sequences(
    r: &mut Replay,
    before: &[(String, String)],
    names: Vec<String>,
) -> Done {
    if names.is_empty() {
        return Ok(());
    }
    let made: Vec<(String, String)> = identity_columns(r)
        .into_iter()
        .filter(|tc| !before.contains(tc))
        .collect();
    if made.len() != names.len() {
        return Err(Fail::Rejected(
            "SEQUENCE NAME could not be matched with its identity column".into(),
        ));
    }
    for ((t, c), name) in made.into_iter().zip(names) {
        if let Some(id) = r
            .table_mut(&t)?
            .columns
            .get_mut(&c)
            .and_then(|col| col.identity.as_mut())
        {
            id.set_sequence(&t, &c, &name);
        }
    }
    Ok(())
}

/// Give the named key constraints the storage parameters their `WITH` said, and the
/// keys whose operator class is a marker the class and its parameters.
pub(super) fn apply_key_params(r: &mut Replay, key_params: KeyParams) -> Done {
    if !key_params.opclasses.is_empty() {
        for t in r.schema.tables.values_mut() {
            let index_keys = t.indexes.values_mut().flat_map(|i| i.columns.iter_mut());
            let exclusion_keys = t.constraints.values_mut().flat_map(|c| match c {
                Constraint::Exclude { elements, .. } => {
                    elements.iter_mut().map(|e| &mut e.key).collect::<Vec<_>>()
                }
                _ => Vec::new(),
            });
            for key in index_keys.chain(exclusion_keys) {
                let n = key
                    .opclass
                    .as_deref()
                    // Quoted as an identifier by the key reader (`names::opclass`).
                    .and_then(|o| o.trim_matches('"').strip_prefix(OPCLASS_MARK))
                    .and_then(|n| n.parse::<usize>().ok());
                if let Some((class, params)) = n.and_then(|n| key_params.opclasses.get(n)) {
                    key.opclass = Some(class.clone());
                    key.opclass_params = params.clone();
                }
            }
        }
    }
    for (name, params) in key_params.constraints {
        let found = r.schema.tables.values_mut().find_map(|t| {
            t.constraints.get_mut(&name).and_then(|c| match c {
                Constraint::PrimaryKey { index, .. } | Constraint::Unique { index, .. } => {
                    Some(index)
                }
                _ => None,
            })
        });
        match found {
            Some(index) => index.with = params,
            None => {
                return Err(Fail::Unknown {
                    kind: "constraint",
                    name,
                })
            }
        }
    }
    Ok(())
}

/// `ALTER SEQUENCE name <options>` (from the `at`-th significant token on), read as the
/// options of a `CREATE SEQUENCE`; `RESTART` changes the current value only and is left
/// out. `None` when the rest is not options alone.
pub(super) fn alter_sequence(r: &mut Replay, name: &str, l: &Lexed, at: usize) -> Option<Done> {
    let w = &l.words;
    let start = *l.significant.get(at)?;
    let mut dropped = Vec::new();
    // RESTART [WITH] [n]
    if let Some(k) = (at..w.len()).find(|&k| is(w.get(k), "RESTART")) {
        let mut end = k + 1;
        if is(w.get(end), "WITH") {
            end += 1;
        }
        if punct(w, end).is_some_and(|p| p.parse::<i64>().is_ok()) {
            end += 1;
        }
        let stop = l.significant.get(end).copied().unwrap_or(l.tokens.len());
        dropped.push((l.significant[k], stop));
    }
    let rest = l.text_without(start, &dropped);
    let sql = format!("CREATE SEQUENCE s {rest}");
    let parsed = sqlparser::parser::Parser::new(&PostgreSqlDialect {})
        .try_with_sql(&sql)
        .and_then(|mut p| p.parse_statement())
        .ok()?;
    let sqlparser::ast::Statement::CreateSequence {
        sequence_options, ..
    } = parsed
    else {
        return None;
    };
    Some(super::replay::sequences::alter(r, name, &sequence_options))
}

/// An `ALTER TABLE` of several clauses sqlparser cannot parse as a whole (one clause it
/// lacks, such as `ALTER CONSTRAINT`, would lose the others): one statement per clause,
/// in order. `None` for a single clause or another statement.
pub(super) fn split_alter_table(l: &Lexed) -> Option<Vec<String>> {
    let (_, at) = alter_table(&l.words)?;
    let start = *l.significant.get(at)?;
    let prefix = l.text_without(0, &[(start, l.tokens.len())]);
    let mut clauses = vec![String::new()];
    let mut depth = 0usize;
    for t in &l.tokens[start..] {
        match t {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            Token::Comma if depth == 0 => {
                clauses.push(String::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = clauses.last_mut() {
            last.push_str(&t.to_string());
        }
    }
    (clauses.len() > 1).then(|| {
        clauses
            .iter()
            .map(|c| format!("{prefix}{}", c.trim()))
            .collect()
    })
}
