//! Which file each object of the end state goes into, and the check that no file
//! needs anything a later file creates. The dependency order lives here.

use indexmap::{IndexMap, IndexSet};

use super::error::PlanError;
use crate::kinds::{actions, rules};
use crate::model::{Constraint, Module, Project, Schema, Subject};

/// The modules in the order their files apply, and where each object is.
#[derive(Debug)]
pub(crate) struct Assignment<'a> {
    pub modules: Vec<&'a Module>,
    pub extensions: IndexMap<String, usize>,
    pub types: IndexMap<String, usize>,
    pub sequences: IndexMap<String, usize>,
    pub tables: IndexMap<String, usize>,
    pub functions: IndexMap<String, usize>,
    /// Triggers a module lists; others go with their table or their decision.
    pub listed_triggers: IndexMap<String, usize>,
    /// Functions and triggers that decisions create with their own steps.
    pub decision_made: IndexSet<Subject>,
}

impl Assignment<'_> {
    pub(crate) fn file(&self, index: usize) -> &str {
        &self.modules[index].file
    }

    /// The file a decision's own steps go into: the latest file among the tables they
    /// touch, so that all of them exist when it runs.
    pub(crate) fn file_of_tables(&self, tables: &[String]) -> Option<usize> {
        tables
            .iter()
            .filter_map(|t| self.tables.get(t).copied())
            .max()
    }

    /// Whether a decision's own steps create this trigger of `table`.
    pub(crate) fn made_trigger(&self, table: &str, name: &str) -> bool {
        self.decision_made.contains(&Subject::trigger(table, name))
    }

    /// Whether a decision's own steps create this function.
    pub(crate) fn made_function(&self, name: &str, arguments: &str) -> bool {
        self.decision_made
            .contains(&Subject::function(name, arguments))
    }
}

pub(crate) fn assign<'a>(
    project: &'a Project,
    aligned: &Schema,
) -> Result<Assignment<'a>, PlanError> {
    let mut modules: Vec<&Module> = project.modules.iter().collect();
    modules.sort_by(|a, b| a.file.cmp(&b.file));
    for pair in modules.windows(2) {
        if pair[0].file == pair[1].file {
            return Err(PlanError::BadModuleFile {
                file: pair[0].file.clone(),
            });
        }
    }
    if let Some(m) = modules
        .iter()
        .find(|m| !m.file.ends_with(".sql") || m.file.contains('/'))
    {
        return Err(PlanError::BadModuleFile {
            file: m.file.clone(),
        });
    }
    let decision_made: IndexSet<Subject> = actions(project)
        .flat_map(|(_, a)| rules(a).creates())
        .collect();
    let mut out = Assignment {
        modules: modules.clone(),
        extensions: IndexMap::new(),
        types: IndexMap::new(),
        sequences: IndexMap::new(),
        tables: IndexMap::new(),
        functions: IndexMap::new(),
        listed_triggers: IndexMap::new(),
        decision_made,
    };
    for (i, m) in modules.iter().enumerate() {
        let exists_ext = |n: &String| aligned.extensions.contains(n);
        list(
            &mut out.extensions,
            &modules,
            i,
            "extension",
            &m.extensions,
            exists_ext,
        )?;
        list(&mut out.types, &modules, i, "type", &m.types, |n| {
            aligned.enums.contains_key(n)
        })?;
        list(
            &mut out.sequences,
            &modules,
            i,
            "sequence",
            &m.sequences,
            |n| aligned.sequences.contains_key(n),
        )?;
        list(&mut out.tables, &modules, i, "table", &m.tables, |n| {
            aligned.tables.contains_key(n)
        })?;
        let made = &out.decision_made;
        let origin_function = |n: &String| {
            aligned
                .functions
                .get(n)
                .is_some_and(|f| !made.contains(&Subject::function(n, &f.arguments)))
        };
        list(
            &mut out.functions,
            &modules,
            i,
            "function",
            &m.functions,
            origin_function,
        )?;
        let origin_trigger = |n: &String| {
            aligned
                .trigger_table(n)
                .is_some_and(|t| !made.contains(&Subject::trigger(t, n)))
        };
        list(
            &mut out.listed_triggers,
            &modules,
            i,
            "trigger",
            &m.triggers,
            origin_trigger,
        )?;
    }
    require_all(&out.extensions, aligned.extensions.iter(), "extension")?;
    require_all(&out.types, aligned.enums.keys(), "type")?;
    require_all(&out.sequences, aligned.sequences.keys(), "sequence")?;
    require_all(&out.tables, aligned.tables.keys(), "table")?;
    let origin_functions = aligned
        .functions
        .iter()
        .filter(|(name, f)| !out.made_function(name, &f.arguments))
        .map(|(name, _)| name);
    require_all(&out.functions, origin_functions, "function")?;
    check_order(project, aligned, &out)?;
    Ok(out)
}

fn list(
    found: &mut IndexMap<String, usize>,
    modules: &[&Module],
    index: usize,
    kind: &'static str,
    names: &[String],
    exists: impl Fn(&String) -> bool,
) -> Result<(), PlanError> {
    for name in names {
        if !exists(name) {
            return Err(PlanError::UnknownInModule {
                file: modules[index].file.clone(),
                kind,
                name: name.clone(),
            });
        }
        if let Some(&first) = found.get(name) {
            return Err(PlanError::AssignedTwice {
                kind,
                name: name.clone(),
                first: modules[first].file.clone(),
                second: modules[index].file.clone(),
            });
        }
        found.insert(name.clone(), index);
    }
    Ok(())
}

fn require_all<'n>(
    found: &IndexMap<String, usize>,
    mut names: impl Iterator<Item = &'n String>,
    kind: &'static str,
) -> Result<(), PlanError> {
    match names.find(|n| !found.contains_key(*n)) {
        Some(name) => Err(PlanError::Unassigned {
            kind,
            name: name.clone(),
        }),
        None => Ok(()),
    }
}

/// No file may need an object that a later file creates.
fn check_order(project: &Project, aligned: &Schema, a: &Assignment) -> Result<(), PlanError> {
    let later = |object: String, at: usize, needs: String, needed_at: usize| {
        if needed_at > at {
            Err(PlanError::LaterModule {
                object,
                file: a.file(at).to_string(),
                needs,
                later: a.file(needed_at).to_string(),
            })
        } else {
            Ok(())
        }
    };
    for (seq, sequence) in &aligned.sequences {
        if let Some(owned_by) = &sequence.owned_by {
            if let (Some(&seq_at), Some(&table_at)) =
                (a.sequences.get(seq), a.tables.get(&owned_by.table))
            {
                later(
                    format!("table `{}`", owned_by.table),
                    table_at,
                    format!("sequence `{seq}` (it owns it)"),
                    seq_at,
                )?;
            }
        }
    }
    for (tname, table) in &aligned.tables {
        let at = a.tables[tname];
        for c in table.constraints.values() {
            if let Constraint::ForeignKey { references, .. } = c {
                let needed = a.tables[&references.table];
                later(
                    format!("table `{tname}`"),
                    at,
                    format!("table `{}`", references.table),
                    needed,
                )?;
            }
        }
        for (cname, col) in &table.columns {
            if let Some(&needed) = col.sequence_used().and_then(|s| a.sequences.get(&s)) {
                later(
                    format!("column `{tname}.{cname}`"),
                    at,
                    format!("sequence `{}`", col.sequence_used().unwrap_or_default()),
                    needed,
                )?;
            }
            if let Some((type_name, labels)) = aligned.enum_of_type(&col.data_type) {
                let needed = a.types[type_name];
                later(
                    format!("column `{tname}.{cname}`"),
                    at,
                    format!("type `{type_name}`"),
                    needed,
                )?;
                let gains_labels = project
                    .current
                    .enums
                    .get(type_name)
                    .is_some_and(|cur| labels.labels.iter().any(|l| !cur.labels.contains(l)));
                if gains_labels && needed == at {
                    return Err(PlanError::LabelUsedTooEarly {
                        type_name: type_name.clone(),
                        file: a.file(needed).to_string(),
                        user: format!("table `{tname}`"),
                    });
                }
            }
        }
        for (trname, trigger) in &table.triggers {
            if a.made_trigger(tname, trname) {
                continue;
            }
            let trigger_at = a.listed_triggers.get(trname).copied().unwrap_or(at);
            later(
                format!("trigger `{trname}`"),
                trigger_at,
                format!("table `{tname}`"),
                at,
            )?;
            if let Some(&fn_at) = a.functions.get(&trigger.function) {
                later(
                    format!("trigger `{trname}`"),
                    trigger_at,
                    format!("function `{}`", trigger.function),
                    fn_at,
                )?;
            }
        }
    }
    Ok(())
}
