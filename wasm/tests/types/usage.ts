// Compiled by types.test.mjs with `tsc --strict`: the package's declarations as a user
// meets them. `@ts-expect-error` lines must fail to type-check.
import * as os from "origin-schema";
import init, { initSync, genSql as webGenSql } from "origin-schema/web";
import type {
  Decision,
  Divergence,
  GeneratedFile,
  Input,
  Project,
  Report,
  Schema,
  SqlRead,
  ValueExpr,
} from "origin-schema";

const names: string[] = os.presets();
const files: GeneratedFile[] = os.genSql({});
const divergences: Divergence[] = os.diff();
const project: Project = os.loadSpec("{}");
const read: SqlRead = os.readSql([{ name: "a.sql", sql: "CREATE TABLE t (id int);" }]);
const report = os.report(null, "json");
if (typeof report !== "string") {
  const unresolved: number = report.summary.unresolved;
  if (report.plan.status === "files") report.plan.files.map((f) => f.holds);
}
const dbml: string = os.exportSchema(undefined, "aligned", "dbml");

const schema: Schema = {
  tables: {
    t: {
      columns: { id: { type: "uuid", not_null: true, default: "gen_random_uuid()" } },
      constraints: { t_pkey: { kind: "primary_key", columns: ["id"] } },
    },
  },
};
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

// @ts-expect-error: which is one of origin, current, aligned
os.exportSchema({}, "bundle", "json");
// @ts-expect-error: format is markdown or json
os.report({}, "html");
// @ts-expect-error: a constraint says its kind
const noKind: Schema = { tables: { t: { columns: {}, constraints: { x: { columns: ["a"] } } } } };
// @ts-expect-error: a column has a type
const noType: Schema = { tables: { t: { columns: { c: { not_null: true } } } } };
// @ts-expect-error: an unknown decision kind
const badAction: Decision = { id: 1, title: "", actions: [{ kind: "drop", table: "t" }] };

async function browser(bytes: BufferSource): Promise<GeneratedFile[]> {
  initSync({ module: bytes });
  await init();
  return webGenSql({});
}

export { names, files, divergences, project, read, dbml, value, noKind, noType, badAction, browser };
