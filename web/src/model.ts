// What the page shows, derived from the package's results: which divergences touch which
// table and column, and the colour category of each. Pure functions, no DOM.
import type { Column, Divergence, Report, Schema, Which } from './api';

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

/**
 * The category of a divergence, from its kind and resolution. Something Origin has and the
 * current schema lacks is "missing" where the current state is compared (the Origin and
 * current views) and "added" in the end state, which has it.
 */
export function category(d: Divergence, view: Which): Category {
  const r = d.resolution;
  if (r.by === 'unresolved') return 'unresolved';
  const kind = r.by === 'decision' ? r.kind.replace(/_/g, ' ') : 'add';
  if (kind === 'rename' || kind === 'rename index') return 'renamed';
  if (kind.startsWith('keep legacy')) return 'legacy';
  if (kind === 'convert type' || kind === 'derive') return 'converted';
  // add (with or without a decision), relax, move, extract: Origin's object is created.
  return view === 'aligned' ? 'added' : 'missing';
}

const COLUMN_KINDS = new Set([
  'missing_column',
  'extra_column',
  'naming_mismatch',
  'type_mismatch',
  'nullability_mismatch',
  'default_mismatch',
  'comment_mismatch',
  'missing_soft_delete',
]);
const TABLE_KINDS = new Set(['missing_table', 'extra_table']);

/** The column names a divergence is about (both names for a naming mismatch). */
export function columnsOf(d: Divergence): string[] {
  if (!d.table || !COLUMN_KINDS.has(d.kind)) return [];
  if (d.kind === 'naming_mismatch') return [d.origin, d.current].filter((s): s is string => !!s);
  const prefix = `${d.table}.`;
  return d.object.startsWith(prefix) ? [d.object.slice(prefix.length)] : [d.object];
}

export const isTableLevel = (d: Divergence): boolean => TABLE_KINDS.has(d.kind);

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
  report: Report;
  schemas: Record<Which, Schema>;
  divergences: Divergence[];
  byTable: Map<string, Divergence[]>;
  decisions: Map<number, { title: string; kinds: string }>;
  views: Partial<Record<Which, SchemaView>>;
}

export function indexReport(report: Report): Pick<Loaded, 'divergences' | 'byTable' | 'decisions'> {
  const byTable = new Map<string, Divergence[]>();
  const divergences: Divergence[] = [...report.schema];
  const decisions = new Map<number, { title: string; kinds: string }>();
  for (const t of report.tables) {
    byTable.set(t.name, t.divergences);
    divergences.push(...t.divergences);
    for (const d of t.decisions) decisions.set(d.id, { title: d.title, kinds: d.kinds });
  }
  return { divergences, byTable, decisions };
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
  for (const d of divs) if (d.kind === 'naming_mismatch' && d.origin && d.current) alias.set(d.current, d.origin);
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

export function describeColumn(c: Column): string {
  return [c.type, c.not_null ? 'NOT NULL' : '', c.default !== undefined ? `DEFAULT ${c.default}` : ''].filter(Boolean).join(' ');
}

export function kindWords(kind: string): string {
  return kind.replace(/_/g, ' ');
}

/** Does the table match the search (its name or one of its columns, case-insensitive)? */
export function matches(t: TableView, q: string): boolean {
  if (!q) return true;
  if (t.name.toLowerCase().includes(q)) return true;
  return t.columns.some(([c]) => c.toLowerCase().includes(q));
}
