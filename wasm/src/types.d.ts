
// ---- The data model (docs/format.md). Objects keyed by name keep their order. ----

/** One PostgreSQL database's schema. Objects of a schema other than `public` are keyed
 * `schema.name` (`audit.log_entries`); those of `public` by their name alone. */
export interface Schema {
  /** Schemas besides `public`, and `public` when it has a comment. */
  schemas?: Record<string, Namespace>;
  /** Extension names (`plpgsql` is never listed). */
  extensions?: string[];
  /** The schema of each extension installed outside `public`, by extension name
   * (`{ citext: "extensions" }`); an extension not named here is in `public`. */
  extension_schemas?: Record<string, string>;
  enums?: Record<string, EnumType>;
  sequences?: Record<string, Sequence>;
  tables?: Record<string, Table>;
  functions?: Record<string, SchemaFunction>;
}

/** A schema (namespace) of the database. */
export interface Namespace {
  comment?: string;
}

export interface EnumType {
  labels: string[];
}

export interface Table {
  columns: Record<string, Column>;
  /** `UNLOGGED`: not written to the WAL, emptied after a crash. */
  unlogged?: boolean;
  /** Storage parameters (`WITH (fillfactor = 80)`). */
  with?: StorageParams;
  /** `ENABLE ROW LEVEL SECURITY`. */
  row_security?: boolean;
  /** `FORCE ROW LEVEL SECURITY`: the policies apply to the table's owner too. */
  force_row_security?: boolean;
  comment?: string;
  constraints?: Record<string, Constraint>;
  indexes?: Record<string, Index>;
  triggers?: Record<string, Trigger>;
}

/** Types, defaults and expressions in PostgreSQL's canonical spelling. */
export interface Column {
  type: string;
  not_null?: boolean;
  default?: string;
  identity?: Identity;
  /** The expression of a `STORED` generated column. */
  generated?: string;
  /** `COLLATE` when it is not the type's default, as `quote_ident` prints it (`"C"`). */
  collation?: string;
  /** `SET STORAGE` (`plain`, `external`, `extended`, `main`) when set explicitly. */
  storage?: string;
  /** `SET STATISTICS` target when set. */
  statistics?: number;
  comment?: string;
}

/** `GENERATED ALWAYS` (`always: true`) or `BY DEFAULT AS IDENTITY`, with its sequence's
 * options; `sequence` when its name is not PostgreSQL's default (`{table}_{column}_seq`). */
export interface Identity extends SequenceOptions {
  always: boolean;
  sequence?: string;
}

/** Options of a sequence, each only where it differs from PostgreSQL's default. */
export interface SequenceOptions {
  /** `smallint` or `integer`; `bigint` when absent. */
  type?: string;
  increment?: number;
  min_value?: number;
  max_value?: number;
  start?: number;
  cache?: number;
  cycle?: boolean;
}

export interface Sequence extends SequenceOptions {
  owned_by?: { table: string; column: string };
  comment?: string;
}

export type Constraint =
  | {
      kind: "primary_key";
      columns: string[];
      index?: KeyIndex;
      deferrable?: Deferral;
      comment?: string;
    }
  | {
      kind: "unique";
      columns: string[];
      nulls_not_distinct?: boolean;
      index?: KeyIndex;
      deferrable?: Deferral;
      comment?: string;
    }
  | {
      kind: "check";
      expression: string;
      source?: string;
      no_inherit?: boolean;
      /** Added `NOT VALID`: existing rows were not checked. */
      not_valid?: boolean;
      comment?: string;
    }
  | {
      kind: "foreign_key";
      columns: string[];
      references: { table: string; columns: string[] };
      on_delete?: FkAction;
      on_update?: FkAction;
      match_full?: boolean;
      deferrable?: Deferral;
      not_valid?: boolean;
      comment?: string;
    }
  | {
      /** `EXCLUDE USING method (key WITH operator, ...)`. */
      kind: "exclude";
      /** Always in results; `gist` when an input leaves it out. */
      method: string;
      elements: ExcludeElement[];
      index?: KeyIndex;
      where?: string;
      deferrable?: Deferral;
      comment?: string;
    };

export type FkAction = "no_action" | "restrict" | "cascade" | "set_null" | "set_default";

/** `DEFERRABLE INITIALLY IMMEDIATE` or `DEFERRABLE INITIALLY DEFERRED`; absent: not deferrable. */
export type Deferral = "immediate" | "deferred";

/** What the index of a primary key, unique or exclusion constraint says beyond its keys. */
export interface KeyIndex {
  include?: string[];
  with?: StorageParams;
}

/** One element of an exclusion constraint: a key and the operator it is compared with. */
export interface ExcludeElement {
  key: IndexKey;
  operator: string;
}

/** Storage parameters by name, values as PostgreSQL keeps them (`"70"`, `"false"`). */
export type StorageParams = Record<string, string>;

/** What an index key says beside its column or expression, each only when not the default. */
export interface IndexKeyOptions {
  collation?: string;
  /** The operator class when it is not the type's default (`text_pattern_ops`), or when it
   * has parameters. */
  opclass?: string;
  /** The operator class's parameters (`{ siglen: "32" }`), only with `opclass`. */
  opclass_params?: StorageParams;
  descending?: boolean;
  /** `NULLS FIRST` (`true`) or `NULLS LAST` (`false`) when not the direction's default. */
  nulls_first?: boolean;
}

/** One key of an index or exclusion constraint: a plain column (ascending, default
 * collation and operator class) by its name, anything else an object on exactly one of
 * `column` and `expression` (as `pg_get_indexdef` prints it: `lower(email)`). */
export type IndexKey =
  | string
  | (IndexKeyOptions & { column: string; expression?: never })
  | (IndexKeyOptions & { expression: string; column?: never });

/** An index that backs no constraint. */
export interface Index {
  columns: IndexKey[];
  /** `INCLUDE` columns. */
  include?: string[];
  unique?: boolean;
  nulls_not_distinct?: boolean;
  /** The access method when it is not `btree`. */
  method?: string;
  with?: StorageParams;
  where?: string;
  comment?: string;
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
  sequences?: string[];
  tables?: string[];
  functions?: string[];
  triggers?: string[];
}

/** The primary key every table without a composite key has. */
export interface PrimaryKeyConvention {
  column: string;
  type: string;
  default?: string | null;
}

/** The project's conventions. Each one applies only when it is stated: a project (or an
 * input) that states none is checked against none. The report has a global row per
 * convention stated. Results (`loadSpec`, `project()`) write an unstated one as `null`
 * (`[]` for `user_facing_tables`). */
export interface Conventions {
  /** Tables people see: they must have the soft-delete column. */
  user_facing_tables?: string[];
  primary_key?: PrimaryKeyConvention | null;
  /** The creation and update timestamps every table has (checked when both are set). */
  created_at?: string | null;
  updated_at?: string | null;
  /** The soft-delete column of the user-facing tables. */
  soft_delete?: string | null;
  /** The name of an index that backs no constraint: `{table}` and `{columns}` are replaced. */
  index_name?: string | null;
  /** The trigger that keeps `updated_at` current: `{table}` is replaced. */
  updated_at_trigger?: string | null;
  /** The trigger function that keeps `updated_at` current. */
  updated_at_function?: string | null;
}

/** A project as `loadSpec` and `Analysis.project()` return it: every part present. */
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
  conventions?: Conventions;
}

export interface SqlFile {
  name: string;
  sql: string;
}

/** A schema: an object, its JSON text, or SQL migrations applied in the order given. */
export type SchemaInput = Schema | string | { sql: SqlFile[] };

/** The parts of a project, each optional; `null` is the same as missing.
 *
 * - nothing at all (`{}`, `null`, `undefined`): the default preset, `veza`;
 * - parts without `preset`: a project of their own. Origin alone has an empty current
 *   schema, no decisions and no conventions; the modules are the default layout
 *   (`001_extensions_and_types.sql`, `010_schema.sql`);
 * - parts with `preset`: the parts not given come from that preset (a new Origin takes
 *   its decisions and modules away: they describe its Origin). `Analysis.fromPreset`
 *   says which parts it supplied. */
export interface Inputs {
  origin?: SchemaInput | null;
  current?: SchemaInput | null;
  decisions?: Decision[] | string | null;
  conventions?: Conventions | string | null;
  preset?: string | null;
}

/** A bundle (object or JSON text) or parts. */
export type Input = Bundle | Inputs | string;

/** One schema of a project: Origin, the current one, or the end state. */
export type SchemaWhich = "origin" | "current" | "aligned";
/** What `Analysis.export` exports: one schema, or the whole project (`bundle`, JSON only). */
export type ExportWhich = "bundle" | SchemaWhich;
/** @deprecated The name before `SchemaWhich`. */
export type Which = SchemaWhich;
export type ExportFormat = "json" | "sql" | "mermaid" | "dbml" | "dot";
export type ReportFormat = "markdown" | "json";

/** A part of a project that a preset can supply beside the inputs given. */
export type PresetPart = "origin" | "modules" | "decisions" | "current" | "conventions";

/** The preset named beside the inputs, and the parts it supplied (`Analysis.fromPreset`). */
export interface FromPreset {
  preset: string;
  parts: PresetPart[];
}

// ---- Results ----

/** What the SQL reader could not model, at a file's line. */
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

/** A name in a PostgreSQL schema; `schema` absent means `public`. */
export interface QualifiedName {
  schema?: string;
  name: string;
}

export interface ExtensionSubject { kind: "extension"; name: string }
export interface TypeSubject { kind: "type"; name: QualifiedName }
export interface EnumLabelSubject { kind: "enum_label"; type: QualifiedName; label: string }
/** A function goes by its name and argument types, as PostgreSQL tells overloads apart. */
export interface FunctionSubject { kind: "function"; name: QualifiedName; arguments: string }
export interface SequenceSubject { kind: "sequence"; name: QualifiedName }
export interface TableSubject { kind: "table"; name: QualifiedName }
export interface ColumnSubject { kind: "column"; table: QualifiedName; column: string }
export interface ConstraintSubject { kind: "constraint"; table: QualifiedName; name: string }
export interface IndexSubject { kind: "index"; table: QualifiedName; name: string }
export interface TriggerSubject { kind: "trigger"; table: QualifiedName; name: string }

/** The object a divergence is about (for a naming mismatch, by Origin's name). */
export type Subject =
  | ExtensionSubject
  | TypeSubject
  | EnumLabelSubject
  | FunctionSubject
  | SequenceSubject
  | TableSubject
  | ColumnSubject
  | ConstraintSubject
  | IndexSubject
  | TriggerSubject;

/** The kind of a decision's action, snake_case: `add`, `keep_legacy_name`,
 * `keep_legacy_column`, `relax`, `rename`, `convert_type`, `derive`, `move`, `extract`,
 * `rename_index` (taken from `Action`, so that the two cannot disagree). */
export type ActionKind = Action["kind"];

/** What resolves a divergence: a decision (its id and the kind of its action that
 * applies), adding Origin's object (no decision needed), or nothing (`gen-sql` refuses). */
export type Resolution =
  | { by: "decision"; id: number; kind: ActionKind }
  | { by: "add" }
  | { by: "unresolved" };

/** A function's signature, as a divergence shows it. */
export interface Signature {
  arguments: string;
  returns: string;
}

/** A divergence's subject and resolution, beside the fields of its kind. */
export interface DivergenceOf<S extends Subject> {
  subject: S;
  resolution: Resolution;
}

/** One place where the current schema differs from Origin: `subject`, `kind` and the
 * values of that kind, `resolution`. `origin` is what Origin (or the end state, for a
 * name a decision derives) has, `current` what the current schema has. Narrow on `kind`:
 * `if (d.kind === "naming_mismatch") d.origin`. */
export type Divergence =
  | ({ kind: "missing_extension" } & DivergenceOf<ExtensionSubject>)
  | ({ kind: "extra_extension" } & DivergenceOf<ExtensionSubject>)
  /** The schema the extension is in, by name (`"public"` included). */
  | ({ kind: "extension_schema_mismatch"; origin: string; current: string } & DivergenceOf<ExtensionSubject>)
  | ({ kind: "missing_type"; labels: string[] } & DivergenceOf<TypeSubject>)
  | ({ kind: "extra_type"; labels: string[] } & DivergenceOf<TypeSubject>)
  | ({ kind: "missing_enum_label" } & DivergenceOf<EnumLabelSubject>)
  | ({ kind: "extra_enum_label" } & DivergenceOf<EnumLabelSubject>)
  | ({ kind: "enum_label_order"; origin: string[]; current: string[] } & DivergenceOf<TypeSubject>)
  | ({ kind: "missing_function"; signature: Signature } & DivergenceOf<FunctionSubject>)
  | ({ kind: "extra_function"; signature: Signature } & DivergenceOf<FunctionSubject>)
  | ({ kind: "function_mismatch"; origin: Signature; current: Signature } & DivergenceOf<FunctionSubject>)
  | ({ kind: "missing_sequence"; sequence: Sequence } & DivergenceOf<SequenceSubject>)
  | ({ kind: "extra_sequence"; sequence: Sequence } & DivergenceOf<SequenceSubject>)
  | ({ kind: "sequence_mismatch"; origin: Sequence; current: Sequence } & DivergenceOf<SequenceSubject>)
  | ({ kind: "missing_table"; columns: number } & DivergenceOf<TableSubject>)
  | ({ kind: "extra_table"; columns: number } & DivergenceOf<TableSubject>)
  | ({ kind: "missing_column"; column: Column } & DivergenceOf<ColumnSubject>)
  | ({ kind: "extra_column"; column: Column } & DivergenceOf<ColumnSubject>)
  /** Origin's name and the current one of a column or constraint a decision pairs or renames. */
  | ({ kind: "naming_mismatch"; origin: string; current: string } & DivergenceOf<ColumnSubject | ConstraintSubject>)
  | ({ kind: "type_mismatch"; origin: string; current: string } & DivergenceOf<ColumnSubject>)
  | ({ kind: "nullability_mismatch"; origin_not_null: boolean; current_not_null: boolean } & DivergenceOf<ColumnSubject>)
  /** `null`: no default on that side. */
  | ({ kind: "default_mismatch"; origin: string | null; current: string | null } & DivergenceOf<ColumnSubject>)
  /** The column's collation as `COLLATE` names it (`"\"C\""`); `null`: its type's default. */
  | ({ kind: "collation_mismatch"; origin: string | null; current: string | null } & DivergenceOf<ColumnSubject>)
  | ({ kind: "identity_mismatch"; origin: Identity | null; current: Identity | null } & DivergenceOf<ColumnSubject>)
  | ({ kind: "generated_mismatch"; origin: string | null; current: string | null } & DivergenceOf<ColumnSubject>)
  /** The current column has a comment the end state does not. */
  | ({ kind: "comment_mismatch"; current: string } & DivergenceOf<ColumnSubject>)
  | ({ kind: "missing_constraint"; constraint: Constraint } & DivergenceOf<ConstraintSubject>)
  | ({ kind: "extra_constraint"; constraint: Constraint } & DivergenceOf<ConstraintSubject>)
  | ({ kind: "constraint_mismatch"; origin: Constraint; current: Constraint } & DivergenceOf<ConstraintSubject>)
  | ({ kind: "missing_index"; index: Index } & DivergenceOf<IndexSubject>)
  | ({ kind: "extra_index"; index: Index } & DivergenceOf<IndexSubject>)
  | ({ kind: "index_mismatch"; origin: Index; current: Index } & DivergenceOf<IndexSubject>)
  /** Convention: an index renamed to the project's index name. */
  | ({ kind: "index_naming"; origin: string; current: string } & DivergenceOf<IndexSubject>)
  | ({ kind: "missing_trigger"; trigger: Trigger } & DivergenceOf<TriggerSubject>)
  | ({ kind: "extra_trigger"; trigger: Trigger } & DivergenceOf<TriggerSubject>)
  | ({ kind: "trigger_mismatch"; origin: Trigger; current: Trigger } & DivergenceOf<TriggerSubject>)
  /** Convention: a user-facing table without the soft-delete column. */
  | ({ kind: "missing_soft_delete"; column: Column } & DivergenceOf<ColumnSubject>)
  /** Convention: a table with `updated_at` but without its trigger. */
  | ({ kind: "missing_updated_at_trigger"; trigger: Trigger } & DivergenceOf<TriggerSubject>);

export type DivergenceKind = Divergence["kind"];

/** What a generated file holds, for its header and the report's plan. */
export type Held =
  | { kind: "extensions"; names: string[] }
  | { kind: "types"; names: string[] }
  | { kind: "sequences"; names: string[] }
  | { kind: "functions"; names: string[] }
  | { kind: "tables"; names: string[] }
  | { kind: "triggers"; names: string[] }
  /** A derived column's sync trigger and the back-fill it keeps true. */
  | { kind: "sync_trigger"; decision: number; trigger: string; table: string }
  /** A moved table's sync trigger on its source, and its back-fill. */
  | { kind: "sync_and_backfill"; decision: number; trigger: string; from_table: string; to_table: string }
  /** An extracted table's back-fill. */
  | { kind: "backfill"; decision: number; from_table: string; to_table: string };

/** A convention the project states, and whether the current schema follows it. The texts
 * mark code with backticks. */
export interface GlobalRow {
  feature: string;
  origin: string;
  current: string;
  aligned: boolean;
  action: string;
}

export interface TableReport {
  name: string;
  /** Origin's columns, annotated (`email (unique, text)`); `null`: Origin has no such table. */
  origin: string[] | null;
  /** The current columns, annotated; `null`: the current schema has no such table. */
  current: string[] | null;
  divergences: Divergence[];
  /** The decisions that resolve this table's divergences; `kinds` in words (`keep legacy column + derive`). */
  decisions: { id: number; kinds: string; title: string }[];
}

/** One generated file in the plan. */
export interface PlanFile {
  file: string;
  title: string;
  holds: Held[];
  /** The decisions the file carries out. */
  decisions: number[];
}

/** What `gen-sql` would write, or why it refuses. */
export type PlanSection = { status: "files"; files: PlanFile[] } | { status: "refused"; reason: string };

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
  /** One row per convention the project states (none when it states none). */
  global: GlobalRow[];
  /** One entry per table of Origin, then of the current schema. */
  tables: TableReport[];
  /** Divergences outside tables: extensions, types, enum labels, functions. */
  schema: Divergence[];
  plan: PlanSection;
}

// ---- Overloads: the format decides what a report is (Markdown text, or the object). ----

export interface Analysis {
  report(format: "markdown"): string;
  report(format: "json"): Report;
}
export function report(input: Input | null | undefined, format: "markdown"): string;
export function report(input: Input | null | undefined, format: "json"): Report;
