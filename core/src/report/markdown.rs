//! The report as Markdown, in the shape of the hand-written divergence document:
//! global table, table by table, plan of action.

use super::{PlanSection, Report};
use crate::diff::Divergence;

/// A table cell: pipes and line breaks would break the table.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn divergence_line(d: &Divergence) -> String {
    format!(
        "`{}` — {}: {} → **{}**",
        d.subject,
        d.kind().label(),
        d.detail_text(),
        d.resolution_text()
    )
}

pub fn to_markdown(r: &Report) -> String {
    let mut out = String::new();
    let s = &r.summary;
    out.push_str(&format!("# Divergence report: {}\n\n", r.project));
    out.push_str(&format!(
        "Origin ({} tables) against the current schema ({} tables): {} divergences, {} resolved by decisions, {} added (no decision needed), {} unresolved.\n\n",
        s.origin_tables, s.current_tables, s.divergences, s.resolved_by_decisions, s.added, s.unresolved
    ));
    out.push_str("## 1. Global divergences\n\n");
    if r.global.is_empty() {
        out.push_str(
            "The project states no conventions: there is nothing to check across tables.\n",
        );
    } else {
        out.push_str("| Feature | Origin Spec | Current Implementation | Action |\n| :--- | :--- | :--- | :--- |\n");
    }
    for g in &r.global {
        let mark = if g.aligned { "✅" } else { "⚠️" };
        out.push_str(&format!(
            "| **{}** | {} | {} | {mark} {} |\n",
            cell(&g.feature),
            cell(&g.origin),
            cell(&g.current),
            cell(&g.action)
        ));
    }
    out.push_str("\n---\n\n## 2. Table-by-table diff\n");
    for t in &r.tables {
        out.push_str(&format!("\n### `{}`\n\n", t.name));
        let list = |cols: &Option<Vec<String>>| match cols {
            Some(c) => c
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", "),
            None => "no such table".into(),
        };
        out.push_str(&format!("* **Origin:** {}\n", list(&t.origin)));
        out.push_str(&format!("* **Current:** {}\n", list(&t.current)));
        if t.divergences.is_empty() {
            out.push_str("* **Divergences:** none ✅\n");
        } else {
            out.push_str("* **Divergences:**\n");
            for d in &t.divergences {
                out.push_str(&format!("  * {}\n", divergence_line(d)));
            }
        }
        if !t.decisions.is_empty() {
            out.push_str("* **Decisions:**\n");
            for d in &t.decisions {
                out.push_str(&format!("  * {} ({}): {}\n", d.id, d.kinds, d.title));
            }
        }
    }
    if !r.schema.is_empty() {
        out.push_str("\n### Types, extensions and functions\n\n");
        for d in &r.schema {
            out.push_str(&format!("* {}\n", divergence_line(d)));
        }
    }
    out.push_str("\n---\n\n## 3. Plan of action\n\n");
    match &r.plan {
        PlanSection::Files { files } => {
            for (i, f) in files.iter().enumerate() {
                let decisions = if f.decisions.is_empty() {
                    String::new()
                } else {
                    let ids: Vec<String> = f.decisions.iter().map(|d| d.to_string()).collect();
                    format!(" Decisions: {}.", ids.join(", "))
                };
                let holds: Vec<String> = f.holds.iter().map(ToString::to_string).collect();
                out.push_str(&format!(
                    "{}. **{}:** {}: {}.{}\n",
                    i + 1,
                    f.file,
                    f.title,
                    holds.join("; "),
                    decisions
                ));
            }
        }
        PlanSection::Refused { reason } => {
            out.push_str("`gen-sql` refuses to generate:\n\n```text\n");
            out.push_str(reason);
            out.push_str("\n```\n");
        }
    }
    out
}
