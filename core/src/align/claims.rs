//! Which decision speaks for which object of the end state, so that every group of
//! statements can name the decision it carries out.

use indexmap::IndexMap;

use crate::model::{Action, Decision, Project, Schema};
use crate::plan::Reason;

/// An object of the end state.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Table(String),
    Column(String, String),
    Index(String, String),
    Trigger(String, String),
    Type(String),
    Function(String),
}

/// The first decision that claims each object.
#[derive(Debug, Default)]
pub(crate) struct Claims<'a> {
    by_key: IndexMap<Key, (&'a Decision, &'a Action)>,
}

impl<'a> Claims<'a> {
    pub(crate) fn new(project: &'a Project, aligned: &Schema) -> Self {
        let mut claims = Claims::default();
        for d in &project.decisions {
            for a in &d.actions {
                for key in keys(a, aligned) {
                    claims.by_key.entry(key).or_insert((d, a));
                }
            }
        }
        claims
    }

    /// The decision (and action) that claims `key`, if any.
    pub(crate) fn get(&self, key: &Key) -> Option<(&'a Decision, &'a Action)> {
        self.by_key.get(key).copied()
    }

    /// The reason for adding `key`: its decision, or the implicit "add".
    pub(crate) fn add_reason(&self, key: &Key, what: String) -> Reason {
        match self.get(key) {
            Some((d, a)) => decision_reason(d, a),
            None => Reason::Add { what },
        }
    }
}

/// The reason a decision gives a group of statements.
pub(crate) fn decision_reason(d: &Decision, a: &Action) -> Reason {
    Reason::Decision {
        id: d.id,
        kind: a.kind_name().to_string(),
        what: d.title.clone(),
    }
}

fn keys(a: &Action, aligned: &Schema) -> Vec<Key> {
    let col = |t: &str, c: &str| Key::Column(t.to_string(), c.to_string());
    match a {
        Action::Add {
            table,
            columns,
            indexes,
            triggers,
            types,
        } => {
            let mut out = Vec::new();
            if let Some(t) = table {
                if columns.is_empty() && indexes.is_empty() {
                    out.push(Key::Table(t.clone()));
                }
                out.extend(columns.iter().map(|c| col(t, c)));
                out.extend(indexes.iter().map(|i| Key::Index(t.clone(), i.clone())));
            }
            for tr in triggers {
                if let Some(t) = aligned.trigger_table(tr) {
                    out.push(Key::Trigger(t.to_string(), tr.clone()));
                }
            }
            out.extend(types.iter().map(|t| Key::Type(t.clone())));
            out
        }
        Action::KeepLegacyName { table, legacy, .. } => vec![col(table, legacy)],
        Action::KeepLegacyColumn { table, column, .. }
        | Action::Relax { table, column }
        | Action::ConvertType { table, column, .. } => vec![col(table, column)],
        Action::Rename { table, to, .. } => vec![col(table, to)],
        Action::Derive {
            table,
            column,
            trigger,
            function,
            ..
        } => vec![
            col(table, column),
            Key::Trigger(table.clone(), trigger.clone()),
            Key::Function(function.clone()),
        ],
        Action::Move {
            from_table,
            to_table,
            trigger,
            function,
            ..
        } => vec![
            Key::Table(to_table.clone()),
            Key::Trigger(from_table.clone(), trigger.clone()),
            Key::Function(function.clone()),
        ],
        Action::Extract { .. } => Vec::new(),
        Action::RenameIndex { table, to, .. } => vec![Key::Index(table.clone(), to.clone())],
    }
}
