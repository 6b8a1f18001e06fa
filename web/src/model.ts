// What the page shows, derived from the package's typed results: which divergences touch
// which table and column, the colour category of each, and their words. Pure functions, no
// DOM, no call into the package.
import type { ActionKind, Column, Constraint, Divergence, Held, Index, IndexKey, Project, QualifiedName, Report, Schema, SchemaWhich, Sequence, Subject, Trigger } from './api';

type Which = SchemaWhich;

export type Category = 'added' | 'missing' | 'legacy' | 'renamed' | 'converted' | 'unresolved';

export const CATEGORIES: { id: Category; label: string; mark: string; help: string }[] = [
  { id: 'added', label: 'added', mark: '+', help: 'in the end state only: the migration creates it' },
  { id: 'missing', label: 'missing', mark: '∅', help: 'Origin has it, the current schema does not (the migration adds it)' },
  { id: 'legacy', label: 'legacy kept', mark: 'L', help: 'a current column or name kept beside Origin (keep legacy name / column)' },
  { id: 'renamed', label: 'renamed', mark: 'R', help: 'renamed to Origin’s name (rename, rename index)' },
  { id: 'converted', label: 'converted', mark: 'C', help: 'values converted or derived (convert type, derive)' },
  { id: 'unresolved', label: 'unresolved', mark: '!', help: 'no decision resolves it: gen-sql refuses' },
];

export const CATEGORY = Object.fromEntries(CATEGORIES.map((c) => [c.id, c])) as Record<Category, (typeof CATEGORIES)[number]>;

/** Stronger first: a column with two divergences shows the stronger one. */
const PRIORITY: Category[] = ['unresolved', 'converted', 'renamed', 'legacy', 'missing', 'added'];

export function stronger(a: Category | undefined, b: Category): Category {
  return a === undefined || PRIORITY.indexOf(b) < PRIORITY.indexOf(a) ? b : a;
}

/** What an action kind does to the schema, for colour: Origin's object created, or kept
 * beside it, renamed, converted. */
function actionCategory(kind: ActionKind): Category | 'created' {
  switch (kind) {
    case 'rename':
    case 'rename_index':
      return 'renamed';
    case 'keep_legacy_name':
    case 'keep_legacy_column':
      return 'legacy';
    case 'convert_type':
    case 'derive':
      return 'converted';
    case 'add':
    case 'relax':
    case 'move':
    case 'extract':
      return 'created';
  }
}

/**
 * The category of a divergence, from its resolution. Something Origin has and the current
 * schema lacks is "missing" where the current state is compared (the Origin and current
 * views) and "added" in the end state, which has it.
 */
export function category(d: Divergence, view: Which): Category {
  const r = d.resolution;
  if (r.by === 'unresolved') return 'unresolved';
  const c = r.by === 'decision' ? actionCategory(r.kind) : 'created';
  return c !== 'created' ? c : view === 'aligned' ? 'added' : 'missing';
}

/** An action kind in words, as decisions are described: `keep legacy name`. */
export function actionWords(kind: ActionKind): string {
  return kind.replace(/_/g, ' ');
}

/** A table's name as the schemas key it (`schema.name` outside `public`). */
export function tableKey(q: QualifiedName): string {
  return q.schema === undefined ? q.name : `${q.schema}.${q.name}`;
}

/** The table a divergence's subject belongs to, if any. */
export function tableOf(s: Subject): string | undefined {
  switch (s.kind) {
    case 'table':
      return tableKey(s.name);
    case 'column':
    case 'constraint':
    case 'index':
    case 'trigger':
      return tableKey(s.table);
    case 'extension':
    case 'type':
    case 'enum_label':
    case 'function':
    case 'sequence':
      return undefined;
  }
}

/** The subject as the report names it: `users.role`, `idx_users_role`, `user_role.admin`. */
export function subjectName(s: Subject): string {
  switch (s.kind) {
    case 'extension':
      return s.name;
    case 'type':
    case 'sequence':
    case 'table':
      return tableKey(s.name);
    case 'enum_label':
      return `${tableKey(s.type)}.${s.label}`;
    case 'function':
      return `${tableKey(s.name)}(${s.arguments})`;
    case 'column':
      return `${tableKey(s.table)}.${s.column}`;
    case 'constraint':
    case 'index':
    case 'trigger':
      return s.name;
  }
}

/** The column names a divergence is about: its subject's column, and for a naming
 * mismatch of a column both names. A constraint's, index's or trigger's is none. */
export function columnsOf(d: Divergence): string[] {
  if (d.subject.kind !== 'column') return [];
  if (d.kind === 'naming_mismatch') return [d.origin, d.current];
  return [d.subject.column];
}

/** Is it about a whole table (missing or extra)? */
export const isTableLevel = (d: Divergence): boolean => d.subject.kind === 'table';

// ---- words for the values that differ

export function describeColumn(c: Column): string {
  return [c.type, c.not_null ? 'NOT NULL' : '', c.default !== undefined ? `DEFAULT ${c.default}` : ''].filter(Boolean).join(' ');
}

export function describeConstraint(c: Constraint): string {
  switch (c.kind) {
    case 'primary_key':
      return `PRIMARY KEY (${c.columns.join(', ')})`;
    case 'unique':
      return `UNIQUE (${c.columns.join(', ')})`;
    case 'check':
      return `CHECK ${c.expression}`;
    case 'foreign_key':
      return `FOREIGN KEY (${c.columns.join(', ')}) → ${c.references.table} (${c.references.columns.join(', ')})`;
    case 'exclude':
      return `EXCLUDE USING ${c.method} (${c.elements.map((e) => `${describeKey(e.key)} WITH ${e.operator}`).join(', ')})`;
  }
}

/** An index key as `pg_get_indexdef` spells it: column or expression, then its options. */
export function describeKey(k: IndexKey): string {
  if (typeof k === 'string') return k;
  return [
    k.column ?? k.expression ?? '',
    k.collation ? `COLLATE ${k.collation}` : '',
    k.opclass ?? '',
    k.descending ? 'DESC' : '',
    k.nulls_first === undefined ? '' : k.nulls_first ? 'NULLS FIRST' : 'NULLS LAST',
  ]
    .filter(Boolean)
    .join(' ');
}

export function describeIndex(i: Index): string {
  return [i.unique ? 'UNIQUE' : '', i.method ? `USING ${i.method}` : '', `(${i.columns.map(describeKey).join(', ')})`, i.where ? `WHERE ${i.where}` : '']
    .filter(Boolean)
    .join(' ');
}

/** A sequence's options that differ from the defaults, and its owner. */
export function describeSequence(s: Sequence): string {
  const parts = ['sequence'];
  if (s.type) parts.push(`AS ${s.type}`);
  if (s.increment !== undefined) parts.push(`INCREMENT BY ${s.increment}`);
  if (s.min_value !== undefined) parts.push(`MINVALUE ${s.min_value}`);
  if (s.max_value !== undefined) parts.push(`MAXVALUE ${s.max_value}`);
  if (s.start !== undefined) parts.push(`START WITH ${s.start}`);
  if (s.cache !== undefined) parts.push(`CACHE ${s.cache}`);
  if (s.cycle) parts.push('CYCLE');
  if (s.owned_by) parts.push(`OWNED BY ${s.owned_by.table}.${s.owned_by.column}`);
  return parts.join(' ');
}

function describeIdentity(i: Column['identity'] | null): string {
  if (!i) return 'no identity';
  const { always, ...options } = i;
  const rest = describeSequence(options).replace(/^sequence ?/, '');
  return `GENERATED ${always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${rest ? ` (${rest})` : ''}`;
}

export function describeTrigger(t: Trigger): string {
  const events = t.events.map((e) => (e === 'update' && t.update_of?.length ? `UPDATE OF ${t.update_of.join(', ')}` : e.toUpperCase()));
  return `${t.timing.replace('_', ' ').toUpperCase()} ${events.join(' OR ')} → ${t.function}()`;
}

/** What Origin and the current schema have, in words, where the divergence says. */
export function values(d: Divergence): { origin?: string; current?: string } {
  switch (d.kind) {
    case 'missing_extension':
    case 'missing_enum_label':
      return { origin: subjectName(d.subject) };
    case 'extra_extension':
    case 'extra_enum_label':
      return { current: subjectName(d.subject) };
    case 'extension_schema_mismatch':
      return { origin: `in schema ${d.origin}`, current: `in schema ${d.current}` };
    case 'missing_type':
      return { origin: d.labels.join(', ') };
    case 'extra_type':
      return { current: d.labels.join(', ') };
    case 'enum_label_order':
      return { origin: d.origin.join(', '), current: d.current.join(', ') };
    case 'missing_function':
      return { origin: `(${d.signature.arguments}) returns ${d.signature.returns}` };
    case 'extra_function':
      return { current: `(${d.signature.arguments}) returns ${d.signature.returns}` };
    case 'function_mismatch':
      return {
        origin: `(${d.origin.arguments}) returns ${d.origin.returns}`,
        current: `(${d.current.arguments}) returns ${d.current.returns}`,
      };
    case 'missing_sequence':
      return { origin: describeSequence(d.sequence) };
    case 'extra_sequence':
      return { current: describeSequence(d.sequence) };
    case 'sequence_mismatch':
      return { origin: describeSequence(d.origin), current: describeSequence(d.current) };
    case 'identity_mismatch':
      return { origin: describeIdentity(d.origin), current: describeIdentity(d.current) };
    case 'generated_mismatch':
      return {
        origin: d.origin === null ? 'not generated' : `generated as ${d.origin}`,
        current: d.current === null ? 'not generated' : `generated as ${d.current}`,
      };
    case 'missing_table':
      return { origin: `${d.columns} columns` };
    case 'extra_table':
      return { current: `${d.columns} columns` };
    case 'missing_column':
    case 'missing_soft_delete':
      return { origin: describeColumn(d.column) };
    case 'extra_column':
      return { current: describeColumn(d.column) };
    case 'naming_mismatch':
    case 'index_naming':
    case 'type_mismatch':
      return { origin: d.origin, current: d.current };
    case 'nullability_mismatch':
      return { origin: d.origin_not_null ? 'NOT NULL' : 'nullable', current: d.current_not_null ? 'NOT NULL' : 'nullable' };
    case 'default_mismatch':
      return { origin: d.origin ?? 'no default', current: d.current ?? 'no default' };
    case 'collation_mismatch':
      return { origin: d.origin ?? "the type's default", current: d.current ?? "the type's default" };
    case 'comment_mismatch':
      return { origin: 'no comment', current: d.current };
    case 'missing_constraint':
      return { origin: describeConstraint(d.constraint) };
    case 'extra_constraint':
      return { current: describeConstraint(d.constraint) };
    case 'constraint_mismatch':
      return { origin: describeConstraint(d.origin), current: describeConstraint(d.current) };
    case 'missing_index':
      return { origin: describeIndex(d.index) };
    case 'extra_index':
      return { current: describeIndex(d.index) };
    case 'index_mismatch':
      return { origin: describeIndex(d.origin), current: describeIndex(d.current) };
    case 'missing_trigger':
    case 'missing_updated_at_trigger':
      return { origin: describeTrigger(d.trigger) };
    case 'extra_trigger':
      return { current: describeTrigger(d.trigger) };
    case 'trigger_mismatch':
      return { origin: describeTrigger(d.origin), current: describeTrigger(d.current) };
  }
}

export function kindWords(kind: string): string {
  return kind.replace(/_/g, ' ');
}

/** What a generated file holds, in words; code in backticks. */
export function heldText(h: Held): string {
  const list = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');
  switch (h.kind) {
    case 'extensions':
    case 'types':
    case 'sequences':
    case 'functions':
    case 'tables':
    case 'triggers':
      return `${h.kind} ${list(h.names)}`;
    case 'sync_trigger':
      return `the sync trigger ${list([h.trigger])} on ${list([h.table])} and its back-fill (decision ${h.decision})`;
    case 'sync_and_backfill':
      return `the sync trigger ${list([h.trigger])} on ${list([h.from_table])} and the back-fill of ${list([h.to_table])} (decision ${h.decision})`;
    case 'backfill':
      return `the back-fill of ${list([h.to_table])} from ${list([h.from_table])} (decision ${h.decision})`;
  }
}

export interface ForeignKey {
  columns: string[];
  table: string;
  refColumns: string[];
}

export interface TableView {
  name: string;
  columns: [string, Column][];
  pk: Set<string>;
  fks: ForeignKey[];
  /** The table itself is added / missing / legacy... */
  category?: Category;
  columnCategory: Map<string, Category>;
  /** Divergences of the table not drawn on a column of this view, by category. */
  badges: Map<Category, number>;
  divergences: number;
}

export interface SchemaView {
  which: Which;
  tables: TableView[];
  byName: Map<string, TableView>;
  edges: number;
}

export interface Loaded {
  /** Increases with every load: caches are keyed by it. */
  generation: number;
  name: string;
  /** The package's analysis of the project: the SQL, the Markdown and the exports ask it. */
  project: Project;
  report: Report;
  schemas: Record<Which, Schema>;
  divergences: Divergence[];
  /** Each table's divergences, by the table of their subject. */
  byTable: Map<string, Divergence[]>;
  /** Divergences outside tables: extensions, types, functions. */
  schemaWide: Divergence[];
  decisions: Map<number, { title: string; kinds: string }>;
  views: Partial<Record<Which, SchemaView>>;
}

/** The divergences by table (of their subject), and the decisions the report names. */
export function index(divergences: Divergence[], report: Report): Pick<Loaded, 'divergences' | 'byTable' | 'schemaWide' | 'decisions'> {
  const byTable = new Map<string, Divergence[]>();
  const schemaWide: Divergence[] = [];
  for (const d of divergences) {
    const table = tableOf(d.subject);
    if (table === undefined) schemaWide.push(d);
    else byTable.set(table, [...(byTable.get(table) ?? []), d]);
  }
  const decisions = new Map<number, { title: string; kinds: string }>();
  for (const t of report.tables) for (const d of t.decisions) decisions.set(d.id, { title: d.title, kinds: d.kinds });
  return { divergences, byTable, schemaWide, decisions };
}

export function schemaView(loaded: Loaded, which: Which): SchemaView {
  const cached = loaded.views[which];
  if (cached) return cached;
  const schema = loaded.schemas[which];
  const tables: TableView[] = [];
  const byName = new Map<string, TableView>();
  let edges = 0;
  for (const [name, table] of Object.entries(schema.tables ?? {})) {
    const columns = Object.entries(table.columns);
    const pk = new Set<string>();
    const fks: ForeignKey[] = [];
    for (const c of Object.values(table.constraints ?? {})) {
      if (c.kind === 'primary_key') c.columns.forEach((col) => pk.add(col));
      if (c.kind === 'foreign_key') fks.push({ columns: c.columns, table: c.references.table, refColumns: c.references.columns });
    }
    const present = new Set(columns.map(([c]) => c));
    const view: TableView = { name, columns, pk, fks, columnCategory: new Map(), badges: new Map(), divergences: 0 };
    for (const d of loaded.byTable.get(name) ?? []) {
      view.divergences++;
      const cat = category(d, which);
      if (isTableLevel(d)) {
        view.category = stronger(view.category, cat);
        continue;
      }
      const col = columnsOf(d).find((c) => present.has(c));
      if (col !== undefined) view.columnCategory.set(col, stronger(view.columnCategory.get(col), cat));
      else view.badges.set(cat, (view.badges.get(cat) ?? 0) + 1);
    }
    tables.push(view);
    byName.set(name, view);
  }
  for (const t of tables) edges += t.fks.filter((fk) => byName.has(fk.table)).length;
  const result = { which, tables, byName, edges };
  loaded.views[which] = result;
  return result;
}

/** One row of the side-by-side columns: the same column in Origin, current and end state. */
export interface ColumnRow {
  key: string;
  cells: Record<Which, { name: string; column: Column; category?: Category } | undefined>;
}

export function columnRows(loaded: Loaded, table: string): ColumnRow[] {
  const divs = loaded.byTable.get(table) ?? [];
  // A naming mismatch puts Origin's name and the current one on the same row.
  const alias = new Map<string, string>();
  for (const d of divs) if (d.kind === 'naming_mismatch' && d.subject.kind === 'column') alias.set(d.current, d.origin);
  const keyOf = (name: string) => alias.get(name) ?? name;
  const rows = new Map<string, ColumnRow>();
  const whiches: Which[] = ['origin', 'current', 'aligned'];
  for (const which of whiches) {
    const t = loaded.schemas[which].tables?.[table];
    if (!t) continue;
    for (const [name, column] of Object.entries(t.columns)) {
      const key = keyOf(name);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { key, cells: { origin: undefined, current: undefined, aligned: undefined } }));
      let cat: Category | undefined;
      for (const d of divs) if (columnsOf(d).includes(name)) cat = stronger(cat, category(d, which));
      row.cells[which] = { name, column, category: cat };
    }
  }
  return [...rows.values()];
}

/** Does the table match the search (its name or one of its columns, case-insensitive)? */
export function matches(t: TableView, q: string): boolean {
  if (!q) return true;
  if (t.name.toLowerCase().includes(q)) return true;
  return t.columns.some(([c]) => c.toLowerCase().includes(q));
}
