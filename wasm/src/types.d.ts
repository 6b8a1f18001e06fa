
// ---- The data model (docs/format.md). Objects keyed by name keep their order. ----

/** One PostgreSQL schema (the `public` namespace). */
export interface Schema {
  extensions?: string[];
  enums?: Record<string, EnumType>;
  tables?: Record<string, Table>;
  functions?: Record<string, SchemaFunction>;
}

export interface EnumType {
  labels: string[];
}

export interface Table {
  columns: Record<string, Column>;
  constraints?: Record<string, Constraint>;
  indexes?: Record<string, Index>;
  triggers?: Record<string, Trigger>;
}

/** Types, defaults and expressions in PostgreSQL's canonical spelling. */
export interface Column {
  type: string;
  not_null?: boolean;
  default?: string;
  comment?: string;
}

export type Constraint =
  | { kind: "primary_key"; columns: string[] }
  | { kind: "unique"; columns: string[] }
  | { kind: "check"; expression: string; source?: string }
  | {
      kind: "foreign_key";
      columns: string[];
      references: { table: string; columns: string[] };
      on_delete?: FkAction;
      on_update?: FkAction;
    };

export type FkAction = "no_action" | "restrict" | "cascade" | "set_null" | "set_default";

export interface Index {
  columns: string[];
  unique?: boolean;
  method?: string;
  where?: string;
}

export interface Trigger {
  timing: "before" | "after" | "instead_of";
  events: ("insert" | "update" | "delete" | "truncate")[];
  update_of?: string[];
  level?: "row" | "statement";
  function: string;
  enabled?: boolean;
}

/** A function of the schema (named so as not to shadow the global `Function`). */
export interface SchemaFunction {
  arguments?: string;
  returns: string;
  language: string;
  body: string;
  security_definer?: boolean;
  config?: Record<string, string[]>;
}

// ---- Decisions (docs/decisions.md) ----

export interface Decision {
  id: number;
  title: string;
  actions: Action[];
}

export type Action =
  | {
      kind: "add";
      table?: string;
      columns?: string[];
      indexes?: string[];
      triggers?: string[];
      types?: string[];
    }
  | { kind: "keep_legacy_name"; table: string; column: string; legacy: string; note: string }
  | { kind: "keep_legacy_column"; table: string; column: string; note: string }
  | { kind: "relax"; table: string; column: string }
  | { kind: "rename"; table: string; from: string; to: string }
  | { kind: "convert_type"; table: string; column: string; map: ValueMap }
  | { kind: "derive"; table: string; column: string; value: ValueExpr; trigger: string; function: string }
  | {
      kind: "move";
      from_table: string;
      to_table: string;
      values: Record<string, ValueExpr>;
      key: string[];
      trigger: string;
      function: string;
      security_definer?: boolean;
      config?: Record<string, string[]>;
    }
  | {
      kind: "extract";
      from_table: string;
      to_table: string;
      values: Record<string, ValueExpr>;
      key: string[];
      order_by: string[];
      link_column: string;
    }
  | { kind: "rename_index"; table: string; from: string; to: string };

export type Literal = null | boolean | number | string;

export type Normalize = "btrim" | "lower" | "upper";

/** A value computed from one row. */
export type ValueExpr =
  | { column: string }
  | { literal: Literal }
  | { map: { of: ValueExpr } & ValueMap }
  | { normalized: { of: ValueExpr; steps: Normalize[] } }
  | { after_last: { of: ValueExpr; separator: string } }
  | { left: { of: ValueExpr; chars: number } }
  | { null_if: { of: ValueExpr; value: Literal } }
  | { coalesce: ValueExpr[] }
  | { greatest: ValueExpr[] };

export interface ValueMap {
  normalize?: Normalize[];
  cases?: { when: Literal; then: Literal }[];
  identity?: boolean;
  else: "error" | { value: Literal };
}

// ---- Projects and inputs ----

export interface Module {
  file: string;
  title: string;
  extensions?: string[];
  types?: string[];
  tables?: string[];
  functions?: string[];
  triggers?: string[];
}

export interface Conventions {
  user_facing_tables: string[];
  primary_key: { column: string; type: string; default?: string | null } | null;
  created_at: string;
  updated_at: string;
  soft_delete: string;
  index_name: string;
  updated_at_trigger: string;
  updated_at_function: string;
}

/** A project as `loadSpec` returns it: every part present. */
export interface Project {
  name: string;
  origin: Schema;
  current: Schema;
  decisions: Decision[];
  modules: Module[];
  conventions: Conventions;
}

/** A project bundle as written (the CLI's `--spec`): defaults may be left out. */
export interface Bundle {
  name: string;
  origin: Schema;
  current: Schema;
  decisions?: Decision[];
  modules: Module[];
  conventions?: Partial<Conventions>;
}

export interface SqlFile {
  name: string;
  sql: string;
}

/** A schema: an object, its JSON text, or SQL migrations applied in the order given. */
export type SchemaInput = Schema | string | { sql: SqlFile[] };

/** Parts of a project; what is missing comes from the preset (default `veza`), except
 * that `origin` without `decisions` means no decisions. `null` is the same as missing. */
export interface Inputs {
  origin?: SchemaInput | null;
  current?: SchemaInput | null;
  decisions?: Decision[] | string | null;
  preset?: string | null;
}

/** A bundle (object or JSON text) or parts; `{}`, `null` or nothing: the preset. */
export type Input = Bundle | Inputs | string;

export type Which = "origin" | "current" | "aligned";
export type ExportFormat = "json" | "sql" | "mermaid" | "dbml" | "dot";
export type ReportFormat = "markdown" | "json";

// ---- Results ----

export interface SqlWarning {
  file: string;
  line: number;
  message: string;
}

export interface SqlRead {
  schema: Schema;
  warnings: SqlWarning[];
}

export interface GeneratedFile {
  name: string;
  sql: string;
}

export type DivergenceKind =
  | "missing_extension" | "extra_extension" | "missing_type" | "extra_type"
  | "missing_enum_label" | "extra_enum_label" | "enum_label_order"
  | "missing_function" | "extra_function" | "function_mismatch"
  | "missing_table" | "extra_table" | "missing_column" | "extra_column"
  | "naming_mismatch" | "type_mismatch" | "nullability_mismatch" | "default_mismatch"
  | "comment_mismatch" | "missing_constraint" | "extra_constraint" | "constraint_mismatch"
  | "missing_index" | "extra_index" | "index_mismatch" | "index_naming"
  | "missing_trigger" | "extra_trigger" | "trigger_mismatch"
  | "missing_soft_delete" | "missing_updated_at_trigger";

export type Resolution =
  | { by: "decision"; id: number; kind: string }
  | { by: "add" }
  | { by: "unresolved" };

export interface Divergence {
  kind: DivergenceKind;
  table?: string;
  object: string;
  origin?: string;
  current?: string;
  resolution: Resolution;
}

export interface Report {
  project: string;
  summary: {
    origin_tables: number;
    current_tables: number;
    divergences: number;
    resolved_by_decisions: number;
    added: number;
    unresolved: number;
  };
  global: { feature: string; origin: string; current: string; aligned: boolean; action: string }[];
  tables: {
    name: string;
    origin: string[] | null;
    current: string[] | null;
    divergences: Divergence[];
    decisions: { id: number; kinds: string; title: string }[];
  }[];
  schema: Divergence[];
  plan:
    | { status: "files"; files: { file: string; title: string; holds: string[]; decisions: number[] }[] }
    | { status: "refused"; reason: string };
}
