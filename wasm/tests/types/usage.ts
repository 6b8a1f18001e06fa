// Compiled by types.test.mjs with `tsc --strict`: the package's declarations as a user
// meets them. `@ts-expect-error` lines must fail to type-check.
import * as os from "origin-schema";
import init, { Analysis as WebAnalysis, initSync, genSql as webGenSql } from "origin-schema/web";
import type {
  ActionKind,
  Constraint,
  Conventions,
  Decision,
  Divergence,
  ExportFormat,
  ExportWhich,
  FromPreset,
  GeneratedFile,
  Held,
  IndexKey,
  Input,
  Project,
  QualifiedName,
  Report,
  ReportFormat,
  Schema,
  SchemaWhich,
  SqlRead,
  SqlWarning,
  Subject,
  ValueExpr,
} from "origin-schema";

const names: string[] = os.presets();
const files: GeneratedFile[] = os.genSql({});
const divergences: Divergence[] = os.diff();
const project: Project = os.loadSpec("{}");
const read: SqlRead = os.readSql([{ name: "a.sql", sql: "CREATE TABLE t (id int);" }]);
const report: Report = os.report(null, "json");
const unresolved: number = report.summary.unresolved;
if (report.plan.status === "files") report.plan.files.map((f) => f.holds.map(held));
const markdown: string = os.report({}, "markdown");
const either = (format: ReportFormat): string | Report => os.report({}, format);
const dbml: string = os.exportSchema(undefined, "aligned", "dbml");

const schema: Schema = {
  tables: {
    t: {
      columns: { id: { type: "uuid", not_null: true, default: "gen_random_uuid()" } },
      constraints: { t_pkey: { kind: "primary_key", columns: ["id"] } },
    },
  },
};
// Objects outside `public` are keyed `schema.name`; keys on expressions, exclusions.
const forms: Schema = {
  schemas: { audit: { comment: "Audit trail" } },
  tables: {
    "audit.bookings": {
      columns: { room: { type: "integer", statistics: 500 }, during: { type: "tstzrange", storage: "main" } },
      unlogged: true,
      with: { fillfactor: "80" },
      constraints: {
        no_overlap: {
          kind: "exclude",
          method: "gist",
          elements: [{ key: "room", operator: "=" }, { key: { expression: "tstzrange(during)" }, operator: "&&" }],
          deferrable: "deferred",
        },
      },
      indexes: { by_room: { columns: [{ column: "room", descending: true, nulls_first: false }], include: ["during"] } },
    },
  },
};
function keyText(k: IndexKey): string {
  return typeof k === "string" ? k : k.expression !== undefined ? k.expression : k.column;
}
const value: ValueExpr = {
  map: { of: { column: "role" }, normalize: ["lower"], cases: [{ when: "a", then: 1 }], else: "error" },
};
const decision: Decision = {
  id: 1,
  title: "role becomes an enum",
  actions: [{ kind: "convert_type", table: "t", column: "role", map: { else: { value: null } } }],
};
const input: Input = { origin: schema, current: { sql: [{ name: "a.sql", sql: "" }] }, decisions: [decision] };
os.diff(input);
os.diff({ current: "{}", preset: "veza" });

// ---- One analysis, many answers. ----
const conventions: Conventions = { soft_delete: "deleted_at", user_facing_tables: ["t"], primary_key: null };
const analysis = new os.Analysis({ preset: "veza", current: { sql: [{ name: "a.sql", sql: "" }] }, conventions });
const name: string = analysis.name;
const sha: string = analysis.inputsSha256;
const warnings: SqlWarning[] = analysis.warnings;
const fromPreset: FromPreset | undefined = analysis.fromPreset;
const parts: string[] = fromPreset ? fromPreset.parts : [];
const bundle: Project = analysis.project();
const which: SchemaWhich = "aligned";
const aligned: Schema = analysis.schema(which);
const all: Divergence[] = analysis.divergences();
const count: number = analysis.unresolved();
const generated: GeneratedFile[] = analysis.files();
const md: string = analysis.report("markdown");
const json: Report = analysis.report("json");
const exports: string[] = (["bundle", "origin", "current", "aligned"] as ExportWhich[]).flatMap((w) =>
  (["json", "sql", "mermaid", "dbml", "dot"] as ExportFormat[]).map((f) => analysis.export(w, f)),
);
analysis.free();

// ---- Divergences narrow on their kind, subjects and holds on theirs. ----
function qualified(n: QualifiedName): string {
  return n.schema === undefined ? n.name : `${n.schema}.${n.name}`;
}
function tableOf(s: Subject): string | undefined {
  switch (s.kind) {
    case "table":
      return qualified(s.name);
    case "column":
    case "constraint":
    case "index":
    case "trigger":
      return qualified(s.table);
    case "extension":
    case "type":
    case "enum_label":
    case "function":
      return undefined;
  }
}
function describe(d: Divergence): string {
  switch (d.kind) {
    case "naming_mismatch":
      // Origin's name and the current one; the subject is a column or a constraint.
      return `${d.current} → ${d.origin} (${d.subject.kind === "column" ? d.subject.column : d.subject.name})`;
    case "missing_column":
    case "extra_column":
    case "missing_soft_delete":
      return `${d.subject.column} ${d.column.type}`;
    case "type_mismatch":
      return `${d.subject.column}: ${d.current} → ${d.origin}`;
    case "default_mismatch":
      return `${d.current ?? "no default"} → ${d.origin ?? "no default"}`;
    case "nullability_mismatch":
      return String(d.origin_not_null && !d.current_not_null);
    case "missing_function":
      return `${qualified(d.subject.name)}(${d.signature.arguments}) returns ${d.signature.returns}`;
    case "missing_table":
      return `${qualified(d.subject.name)}: ${d.columns} columns`;
    case "enum_label_order":
      return d.origin.join(", ");
    case "missing_enum_label":
      return `${qualified(d.subject.type)}.${d.subject.label}`;
    case "constraint_mismatch":
      return d.origin.kind;
    case "index_naming":
      return `${d.subject.name}: ${d.current}`;
    case "missing_updated_at_trigger":
      return d.trigger.function;
    default:
      return `${d.kind} ${tableOf(d.subject) ?? ""}`;
  }
}
function category(d: Divergence): ActionKind | "unresolved" | "added" {
  const r = d.resolution;
  return r.by === "decision" ? r.kind : r.by === "add" ? "added" : "unresolved";
}
function held(h: Held): string {
  switch (h.kind) {
    case "extensions":
    case "types":
    case "sequences":
    case "functions":
    case "tables":
    case "triggers":
      return h.names.join(", ");
    case "sync_trigger":
      return `${h.trigger} on ${h.table} (decision ${h.decision})`;
    case "sync_and_backfill":
    case "backfill":
      return `${h.from_table} → ${h.to_table} (decision ${h.decision})`;
  }
}
all.map(describe);
all.map(category);

// @ts-expect-error: which is one of origin, current, aligned
os.exportSchema({}, "bundle", "json");
// @ts-expect-error: the class exports one of bundle, origin, current, aligned
new os.Analysis({}).export("everything", "json");
// @ts-expect-error: action kinds are snake_case
const words: ActionKind = "convert type";
// @ts-expect-error: a column divergence has no signature
const noSignature = (d: Divergence) => d.kind === "missing_column" && d.signature;
// @ts-expect-error: a missing table's subject is a table, which has no column
const noColumn = (d: Divergence) => d.kind === "missing_table" && d.subject.column;
// @ts-expect-error: conventions are checked too
const badConventions: Conventions = { soft_delete: 5 };
// @ts-expect-error: format is markdown or json
os.report({}, "html");
// @ts-expect-error: a constraint says its kind
const noKind: Schema = { tables: { t: { columns: {}, constraints: { x: { columns: ["a"] } } } } };
// @ts-expect-error: a column has a type
const noType: Schema = { tables: { t: { columns: { c: { not_null: true } } } } };
// @ts-expect-error: an index key is on a column or an expression, not both
const bothKey: IndexKey = { column: "a", expression: "lower(a)" };
// @ts-expect-error: deferrable is "immediate" or "deferred"
const badDeferral: Constraint = { kind: "unique", columns: ["a"], deferrable: true };
// @ts-expect-error: an unknown decision kind
const badAction: Decision = { id: 1, title: "", actions: [{ kind: "drop", table: "t" }] };

async function browser(bytes: BufferSource): Promise<GeneratedFile[]> {
  initSync({ module: bytes });
  await init();
  const once = new WebAnalysis({});
  return once.unresolved() ? webGenSql({}) : once.files();
}

export {
  names, files, divergences, project, read, dbml, value, noKind, noType, badAction, browser, unresolved, markdown, either,
  name, sha, warnings, parts, bundle, aligned, count, generated, md, json, exports, words, noSignature, noColumn,
  badConventions, forms, keyText, bothKey, badDeferral,
};
