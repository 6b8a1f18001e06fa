//! Graphviz DOT: a node per table with an HTML-like label (a row per column: name,
//! type, PK/FK/UK), an edge per foreign key from the column to the one it references.
//!
//! Node names are quoted (`\` and `"` escaped); label text is HTML-escaped; ports are
//! generated (`c0`, `c1`...) so that no name has to be a valid port.

use super::{foreign_keys, keys, one_line};
use crate::model::Schema;

/// The schema as a Graphviz `digraph`.
pub fn dot(schema: &Schema) -> String {
    let mut out = String::from(
        "digraph schema {\n  graph [rankdir=LR];\n  node [shape=plaintext, fontname=\"Helvetica\", fontsize=10];\n  edge [dir=both, arrowtail=crow, arrowhead=tee];\n",
    );
    for (name, table) in &schema.tables {
        out.push_str(&format!("\n  {} [label=<\n", id(name)));
        out.push_str(
            "    <TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">\n",
        );
        out.push_str(&format!(
            "      <TR><TD COLSPAN=\"3\" BGCOLOR=\"#dde4ee\"><B>{}</B></TD></TR>\n",
            html(name)
        ));
        for (i, (col, c)) in table.columns.iter().enumerate() {
            let k = keys(table, col);
            let marks: Vec<&str> = [(k.primary, "PK"), (k.foreign, "FK"), (k.unique, "UK")]
                .into_iter()
                .filter_map(|(on, mark)| on.then_some(mark))
                .collect();
            let null = if c.not_null { " NOT NULL" } else { "" };
            out.push_str(&format!(
                "      <TR><TD PORT=\"c{i}\" ALIGN=\"LEFT\">{}</TD><TD ALIGN=\"LEFT\">{}{null}</TD><TD>{}</TD></TR>\n",
                html(col),
                html(&c.data_type),
                marks.join(", ")
            ));
        }
        out.push_str("    </TABLE>\n  >];\n");
    }
    let edges: Vec<String> = foreign_keys(schema)
        .iter()
        .map(|fk| {
            let port = |table: &str, column: Option<&String>| {
                schema
                    .tables
                    .get(table)
                    .and_then(|t| column.and_then(|c| t.columns.get_index_of(c)))
                    .map(|i| format!(":c{i}"))
                    .unwrap_or_default()
            };
            format!(
                "  {}{} -> {}{};\n",
                id(fk.table),
                port(fk.table, fk.columns.first()),
                id(&fk.references.table),
                port(&fk.references.table, fk.references.columns.first())
            )
        })
        .collect();
    if !edges.is_empty() {
        out.push('\n');
        out.extend(edges);
    }
    out.push_str("}\n");
    out
}

/// A quoted node name.
fn id(name: &str) -> String {
    format!(
        "\"{}\"",
        one_line(name).replace('\\', "\\\\").replace('"', "\\\"")
    )
}

/// Text inside an HTML-like label.
fn html(s: &str) -> String {
    one_line(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::fixture::awkward;

    #[test]
    fn escapes() {
        assert_eq!(id("users"), "\"users\"");
        assert_eq!(id("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
        assert_eq!(html("<b>&\"x\"\n"), "&lt;b&gt;&amp;&quot;x&quot; ");
    }

    #[test]
    fn awkward_names() {
        let out = dot(&awkward());
        assert!(out.contains("\n  \"order lines\" [label=<\n"), "{out}");
        assert!(
            out.contains("<TR><TD PORT=\"c3\" ALIGN=\"LEFT\">Note &quot;x&quot;</TD><TD ALIGN=\"LEFT\">&quot;char&quot;</TD><TD></TD></TR>"),
            "{out}"
        );
        assert!(
            out.contains("\n  \"order lines\":c1 -> \"user\":c0;\n"),
            "{out}"
        );
        assert!(out.ends_with(";\n}\n"), "{out}");
    }

    #[test]
    fn reference_outside_the_schema_has_no_port() {
        let mut schema = awkward();
        schema.tables.shift_remove("user");
        assert!(dot(&schema).contains("\n  \"order lines\":c1 -> \"user\";\n"));
    }
}
