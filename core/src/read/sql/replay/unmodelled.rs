//! Every statement the replay has no place for: skipped quietly when it leaves the
//! schema's objects alone (data, transactions, privileges, roles, ownership), refused
//! (`refusals`) when it makes or changes what the model cannot hold.

use sqlparser::ast::{Ident, ObjectName, Statement};

use super::super::fallback::head;
use super::super::names;
use super::{Holder, Replay};

/// A statement the model has no place for: quiet when it leaves the schema's objects
/// alone, refused otherwise (a temporary sequence is warned about).
pub fn statement(r: &mut Replay, stmt: &Statement, text: &str) {
    use Statement as S;
    match stmt {
        S::Query(_)
        | S::Insert(_)
        | S::Update(_)
        | S::Delete(_)
        | S::Merge(_)
        | S::Copy { .. }
        | S::Set(_)
        | S::StartTransaction { .. }
        | S::Commit { .. }
        | S::Rollback { .. }
        | S::Savepoint { .. }
        | S::ReleaseSavepoint { .. }
        | S::Grant(_)
        | S::Revoke(_)
        | S::GrantRole(_)
        | S::RevokeRole(_)
        | S::Deny(_)
        | S::AlterDefaultPrivileges(_)
        | S::Analyze(_)
        | S::Vacuum(_)
        | S::Explain { .. }
        | S::ExplainTable { .. }
        | S::Declare { .. }
        | S::Fetch { .. }
        | S::Close { .. }
        | S::Discard { .. }
        | S::Lock(_)
        | S::LockTables { .. }
        | S::UnlockTables
        | S::NOTIFY { .. }
        | S::LISTEN { .. }
        | S::UNLISTEN { .. }
        | S::Prepare { .. }
        | S::Execute { .. }
        | S::Deallocate { .. }
        | S::Truncate(_)
        | S::Call(_)
        | S::CreateRole(_)
        | S::AlterRole { .. }
        | S::CreateUser(_)
        | S::AlterUser(_)
        | S::CreateDatabase { .. }
        | S::RefreshMaterializedView(_)
        | S::Reset(_) => return,
        S::ShowFunctions { .. }
        | S::ShowVariable { .. }
        | S::ShowStatus { .. }
        | S::ShowVariables { .. }
        | S::ShowCreate { .. }
        | S::ShowColumns { .. }
        | S::ShowTables { .. } => return,
        S::AlterFunction(f) if f.to_string().contains(" OWNER TO ") => return,
        S::CreatePolicy(p) => return on_table(r, &p.table_name, "policy", &p.name, RLS),
        S::AlterPolicy(p) => return on_table(r, &p.table_name, "policy", &p.name, RLS),
        S::CreateRule(c) => return on_table(r, &c.table_name, "rule", &c.name, RULES),
        S::DropPolicy(p) => return dropped_on_table(r, &p.table_name, "policy", &p.name),
        S::DropRule(d) => return dropped_on_table(r, &d.table_name, "rule", &d.name),
        S::DropDomain(d) => {
            if let Ok(n) = names::local(&d.name) {
                r.opaque.types.remove(&n);
            }
            return;
        }
        S::DropProcedure { proc_desc, .. } => {
            for desc in proc_desc {
                if let Ok(n) = names::local(&desc.name) {
                    r.opaque.functions.remove(&n);
                }
            }
            return;
        }
        // A temporary sequence is not part of the schema; its name is taken meanwhile.
        S::CreateSequence { name, .. } => {
            r.warn(format!(
                "`{}`: temporary sequences are not part of the schema; skipped",
                head(text)
            ));
            if let Ok(n) = names::local(name) {
                r.opaque.relations.insert(n);
            }
            return;
        }
        _ => {}
    };
    // Ownership is not modelled: `ALTER SCHEMA | VIEW | ... name OWNER TO role`.
    if owner_change(text) {
        return;
    }
    let head = head(text);
    let named = |name: &ObjectName, kind: &str, why: &'static str, holder: fn(String) -> Holder| {
        match names::local(name) {
            Ok(n) => (holder(n.clone()), format!("{kind} {n}"), why),
            Err(_) => (Holder::Statement, format!("`{head}`"), why),
        }
    };
    let (holder, object, reason) = match stmt {
        S::CreateView(v) if v.materialized => named(
            &v.name,
            "materialized view",
            "materialized views are not modelled",
            Holder::Relation,
        ),
        S::CreateView(v) => named(&v.name, "view", "views are not modelled", Holder::Relation),
        S::CreateDomain(d) => named(&d.name, "domain", "domains are not modelled", Holder::Type),
        S::CreateProcedure { name, .. } => named(
            name,
            "procedure",
            "procedures are not modelled",
            Holder::Function,
        ),
        S::AlterType(_) => (
            Holder::Statement,
            format!("`{head}`"),
            "this ALTER TYPE is not modelled",
        ),
        S::CreateSchema { .. } => (
            Holder::Statement,
            format!("`{head}`"),
            "CREATE SCHEMA AUTHORIZATION without a name is not modelled",
        ),
        S::AlterFunction(_) => (
            Holder::Statement,
            format!("`{head}`"),
            "function properties changed after CREATE FUNCTION are not modelled",
        ),
        _ => (
            Holder::Statement,
            format!("`{head}`"),
            "this kind of statement is not modelled",
        ),
    };
    r.refuse(holder, object, reason);
}

/// Whether `text` is `ALTER ... OWNER TO role`.
fn owner_change(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let n = words.len();
    n >= 4
        && words[0].eq_ignore_ascii_case("alter")
        && words[n - 3].eq_ignore_ascii_case("owner")
        && words[n - 2].eq_ignore_ascii_case("to")
}

const RLS: &str = "row-level security policies are not modelled";
const RULES: &str = "rules are not modelled";

/// A policy or a rule: refused with its table, or with the refused relation it is on.
fn on_table(
    r: &mut Replay,
    table: &ObjectName,
    kind: &str,
    name: &sqlparser::ast::Ident,
    why: &str,
) {
    let Ok(table) = names::local(table) else {
        r.refuse(Holder::Statement, format!("{kind} {name} on {table}"), why);
        return;
    };
    if r.opaque.relations.contains(&table) || r.opaque.runner.contains(&table) {
        return;
    }
    let name = names::ident(name);
    r.refuse(
        Holder::Table(table.clone()),
        format!("{kind} {name} on {table}"),
        why,
    );
}

/// `DROP POLICY` / `DROP RULE`: what `on_table` refused goes.
fn dropped_on_table(r: &mut Replay, table: &ObjectName, kind: &str, name: &Ident) {
    if let Ok(table) = names::local(table) {
        let name = names::ident(name);
        r.unrefuse(&format!("{kind} {name} on {table}"));
    }
}
