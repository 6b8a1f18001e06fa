// The schema explorer. Everything it knows comes from the wasm package (api.ts); this file
// keeps the state (source, URL), and draws the panels.
import MarkdownIt from 'markdown-it';
import { strToU8, zipSync } from 'fflate';

import * as api from './api';
import type { Divergence, GeneratedFile, Input, SqlFile, SqlWarning, Which } from './api';
import { Diagram } from './diagram';
import { byId, bytes, copyText, download, h, plural, utf8Length } from './dom';
import { fromDrop, fromInput, sqlFiles, type Picked } from './files';
import { TableList } from './list';
import {
  CATEGORIES,
  CATEGORY,
  actionWords,
  category,
  columnRows,
  describeColumn,
  heldText,
  index,
  kindWords,
  matches,
  schemaView,
  subjectName,
  tableOf,
  values,
  type Category,
  type Loaded,
} from './model';
import * as url from './url';
import type { ExportKind, UrlState } from './url';
import './style.css';

const WHICH_LABEL: Record<Which, string> = { origin: 'Origin', current: 'Current', aligned: 'End state' };

// ---------------------------------------------------------------- state

type SchemaPart = { kind: 'sql'; files: SqlFile[]; label: string; ignored: string[] } | { kind: 'json'; text: string; label: string };
type Part = 'origin' | 'current' | 'decisions' | 'conventions';
const PARTS: Part[] = ['origin', 'current', 'decisions', 'conventions'];
const PART_LABEL: Record<Part, string> = { origin: 'Origin', current: 'Current', decisions: 'Decisions', conventions: 'Conventions' };
/** What a part is when neither the files nor a preset give it (a project of its own). */
const PART_NONE: Record<Part, string> = {
  origin: 'none: an empty schema',
  current: 'none: an empty schema (everything in Origin is to be created)',
  decisions: 'none',
  conventions: 'none stated: none is checked',
};

interface Source {
  preset: string;
  mode: 'preset' | 'spec' | 'files';
  spec: { text: string; label: string } | null;
  /** Files: the parts not given come from the preset (else the files are a project of their own). */
  withPreset: boolean;
  origin?: SchemaPart;
  current?: SchemaPart;
  decisions?: { text: string; label: string };
  conventions?: { text: string; label: string };
}

const source: Source = { preset: 'veza', mode: 'preset', spec: null, withPreset: false };
let state: UrlState = url.parse(location.hash);
let loaded: Loaded | null = null;
let generation = 0;
let sourceError: string | null = null;
/** Increases with every change of the source; `loadedSource` is the one `loaded` shows. */
let sourceVersion = 0;
let loadedSource = -1;
let sqlCache: { generation: number; files?: GeneratedFile[]; error?: string } | null = null;
let mdCache: { generation: number; text?: string; html?: string; error?: string } | null = null;
let search = '';

/** Numbers for people and for the tests: how long things took, in ms. */
const timings: Record<string, number | string> = {};
(window as unknown as { explorer: unknown }).explorer = { timings, stats: api.stats, panicForTests: api.panicForTests };

// ---------------------------------------------------------------- errors

const errorsBox = byId('errors');

function showError(e: unknown, tag = 'action'): void {
  const message = api.messageOf(e);
  for (const el of errorsBox.querySelectorAll<HTMLElement>('.error')) if (el.dataset.message === message) el.remove();
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss this error' }, '×');
  const el = h('div', { class: 'error', 'data-tag': tag, 'data-message': message }, h('strong', {}, 'Error. '), h('span', { class: 'msg' }, message), close);
  close.addEventListener('click', () => el.remove());
  errorsBox.append(el);
  document.documentElement.dataset.lastError = message;
}

function clearErrors(tag: string): void {
  for (const el of errorsBox.querySelectorAll<HTMLElement>(`.error[data-tag="${tag}"]`)) el.remove();
}

window.addEventListener('error', (e) => {
  // A notice of the browser's layout, not an error of the page.
  if (!e.error && /^ResizeObserver loop/.test(e.message)) return;
  showError(e.error ?? e.message, 'page');
});
window.addEventListener('unhandledrejection', (e) => showError(e.reason, 'page'));

// ---------------------------------------------------------------- loading

/** The package's input for the source: the package applies its rule (files alone are a
 * project of their own; beside `preset`, the parts not given come from the preset). */
function inputOf(s: Source): Input {
  if (s.mode === 'spec' && s.spec) return s.spec.text;
  if (s.mode === 'files') {
    const schema = (p?: SchemaPart) => (p ? (p.kind === 'sql' ? { sql: p.files } : p.text) : undefined);
    return {
      preset: s.withPreset ? s.preset : undefined,
      origin: schema(s.origin),
      current: schema(s.current),
      decisions: s.decisions?.text,
      conventions: s.conventions?.text,
    };
  }
  return { preset: s.preset };
}

/** Loads the project the source describes (one analysis by the package, which every view
 * then asks); on failure keeps showing the previous one. */
function load(start = performance.now()): boolean {
  const input = inputOf(source);
  const t = performance.now();
  try {
    const project = new api.Project(input);
    const report = project.report();
    const schemas = { origin: project.schema('origin'), current: project.schema('current'), aligned: project.schema('aligned') };
    const previous = loaded;
    loaded = { generation: ++generation, name: project.name, project, report, schemas, ...index(project.divergences(), report), views: {} };
    loadedSource = sourceVersion;
    previous?.project.dispose();
    timings.packageMs = Math.round(performance.now() - t);
    timings.loadStart = start;
    sourceError = null;
    clearErrors('load');
    document.documentElement.dataset.project = loaded.name;
    return true;
  } catch (e) {
    sourceError = api.messageOf(e);
    showError(e, 'load');
    return false;
  } finally {
    renderSource();
  }
}

function setSource(change: (s: Source) => void, start = performance.now()): void {
  change(source);
  sourceVersion++;
  load(start);
  const files = source.mode !== 'preset';
  navigate({ files, preset: files ? null : source.preset }, false);
}

// ---------------------------------------------------------------- URL

function navigate(patch: Partial<UrlState>, push = true): void {
  state = { ...state, ...patch };
  const hash = url.format(state);
  if (hash !== location.hash) history[push ? 'pushState' : 'replaceState'](null, '', hash);
  render();
}

function fromUrl(): void {
  const next = url.parse(location.hash);
  const presetChanged = next.preset && next.preset !== source.preset && source.mode === 'preset';
  state = next;
  if (presetChanged && api.presets().includes(next.preset!)) {
    source.preset = next.preset!;
    byId<HTMLSelectElement>('preset').value = source.preset;
    load();
  }
  render();
}
window.addEventListener('popstate', fromUrl);
window.addEventListener('hashchange', () => {
  if (url.format(url.parse(location.hash)) !== url.format(state)) fromUrl();
});

// ---------------------------------------------------------------- rendering

const list = new TableList(byId('table-list'), (t) => selectTable(t, 'list'));
const diagram = new Diagram(byId('diagram'), (t) => selectTable(t, 'diagram'));
let drawToken = 0;

function selectTable(table: string, from: 'list' | 'diagram' | 'search'): void {
  if (state.table === table && state.view === 'tables') return;
  navigate({ table, view: 'tables' });
  if (from !== 'diagram') diagram.select(table, true);
  if (from === 'diagram') list.select(table, true);
}

function render(): void {
  renderTabs();
  renderSchemaChoice();
  if (!loaded) return;
  renderHeader();
  renderList();
  // The diagram is laid out (in the worker) whatever the view, so it is ready when shown.
  void renderDiagram();
  if (state.view === 'tables') renderDetail();
  else if (state.view === 'sql') renderSql();
  else if (state.view === 'report') renderReport();
  else renderExport();
}

function renderTabs(): void {
  for (const v of url.VIEWS) {
    const tab = byId(`tab-${v}`);
    const on = state.view === v;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    byId(`panel-${v}`).hidden = !on;
  }
  document.title = `${loaded ? `${loaded.name}: ` : ''}${state.table && state.view === 'tables' ? `${state.table} · ` : ''}origin-schema explorer`;
}

function renderSchemaChoice(): void {
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=schema]')) r.checked = r.value === state.schema;
}

function renderHeader(): void {
  const l = loaded!;
  const s = l.report.summary;
  const el = byId('project');
  el.replaceChildren(
    h('strong', {}, l.name),
    ` · Origin ${plural(s.origin_tables, 'table')}, current ${s.current_tables} · ${plural(s.divergences, 'divergence')}: ${s.resolved_by_decisions} resolved by decisions, ${s.added} added, `,
    h('span', { class: s.unresolved ? 'bad' : '' }, `${s.unresolved} unresolved`),
  );
}

/** The SQL reader's warnings about a part's files, when the page shows that source. */
function warningsOf(part: SchemaPart | undefined): SqlWarning[] {
  if (!part || part.kind !== 'sql' || !loaded || loadedSource !== sourceVersion) return [];
  const names = new Set(part.files.map((f) => f.name));
  return loaded.project.warnings.filter((w) => names.has(w.file));
}

function renderSource(): void {
  const status = byId('source-status');
  const parts: (Node | string)[] = [];
  if (source.mode === 'preset') parts.push('Showing the built-in preset ', h('code', {}, source.preset), '.');
  else if (source.mode === 'spec') parts.push('Showing the project bundle ', h('code', {}, source.spec!.label), '.');
  else {
    // Which parts the preset supplied: the package says (fromPreset), for the project shown.
    const shown = loaded && loadedSource === sourceVersion ? loaded.project : null;
    const fromPreset = shown?.fromPreset;
    const lines = PARTS.map((p) => {
      const part = source[p];
      const warnings = p === 'origin' || p === 'current' ? warningsOf(source[p]) : [];
      const from = part
        ? part.label
        : fromPreset?.parts.includes(p)
          ? `from the preset ${fromPreset.preset}`
          : source.withPreset
            ? `none (${p === 'decisions' ? 'the preset’s decisions describe its Origin, which your Origin replaces' : 'not taken from the preset'})`
            : PART_NONE[p];
      const note = warnings.length ? h('span', { class: 'warn' }, ` (${plural(warnings.length, 'warning')}: see Open your own files)`) : null;
      return h('li', { 'data-part': p }, h('span', { class: 'part' }, `${PART_LABEL[p]}: `), from, note);
    });
    parts.push(
      source.withPreset ? 'Showing your files, the rest from the preset:' : 'Showing your files, a project of their own:',
      h('ul', { class: 'parts' }, ...lines),
    );
    if (fromPreset) {
      parts.push(h('p', { class: 'from-preset', id: 'from-preset' }, `From the preset ${fromPreset.preset}: ${fromPreset.parts.join(', ')}.`));
    }
  }
  status.replaceChildren(...parts);
  if (sourceError) {
    status.append(h('p', { class: 'source-error', role: 'alert' }, `These inputs do not load (${sourceError}). ${loaded ? `The page still shows ${loaded.name}.` : ''}`));
  }
  byId('use-preset').hidden = source.mode === 'preset';
  byId<HTMLInputElement>('with-preset').checked = source.withPreset;
  byId('with-preset-name').textContent = source.preset;
  for (const p of [...PARTS, 'spec'] as const) {
    const el = byId(`${p}-status`);
    const clear = byId(`${p}-clear`);
    const part = p === 'spec' ? (source.mode === 'spec' ? source.spec : null) : source[p];
    clear.hidden = !part;
    if (!part) {
      el.textContent = 'Nothing chosen.';
      continue;
    }
    el.replaceChildren(h('span', {}, part.label));
    const warnings = p === 'origin' || p === 'current' ? warningsOf(source[p]) : [];
    if (warnings.length) {
      el.append(
        h(
          'details',
          { class: 'warnings' },
          h('summary', {}, plural(warnings.length, 'warning') + ' from the SQL reader'),
          h('ul', {}, ...warnings.map((w) => h('li', {}, `${w.file}:${w.line}: ${w.message}`))),
        ),
      );
    }
    if ('ignored' in part && part.ignored.length) el.append(h('p', { class: 'muted' }, `Left out (not .sql): ${part.ignored.join(', ')}`));
  }
}

function renderList(): void {
  const view = schemaView(loaded!, state.schema);
  const q = search.trim().toLowerCase();
  const items = view.tables.filter((t) => matches(t, q));
  list.set(items, state.table);
  byId('list-count').textContent = q
    ? `${items.length} of ${plural(view.tables.length, 'table')} match`
    : `${plural(view.tables.length, 'table')} in ${WHICH_LABEL[state.schema] === 'End state' ? 'the end state' : WHICH_LABEL[state.schema]}`;
}

async function renderDiagram(): Promise<void> {
  const l = loaded!;
  const which = state.schema;
  const view = schemaView(l, which);
  const host = byId('diagram');
  const key = `${l.generation}:${which}`;
  const token = ++drawToken;
  const status = byId('diagram-status');
  renderLegend(l, which);
  if (host.dataset.key !== key) {
    host.dataset.state = 'drawing';
    status.textContent = `Laying out ${plural(view.tables.length, 'table')}…`;
  }
  try {
    const drawn = await diagram.show(key, view, `ER diagram of ${l.name}, ${WHICH_LABEL[which]}: ${plural(view.tables.length, 'table')}, ${plural(view.edges, 'foreign key')}`, () => token === drawToken);
    if (token !== drawToken) return;
    diagram.select(state.table, host.dataset.key !== key && !!state.table);
    diagram.filter((name) => matches(view.byName.get(name)!, search.trim().toLowerCase()), !!search.trim());
    if (host.dataset.key !== key) {
      const total = Math.round(performance.now() - Number(timings.loadStart ?? 0));
      timings.layoutMs = drawn.layoutMs;
      timings.drawMs = drawn.drawMs;
      timings.toDiagramMs = total;
      timings.tables = drawn.tables;
      timings.edges = drawn.edges;
      timings.fromNavigationMs ??= Math.round(performance.now());
      host.dataset.key = key;
      host.dataset.project = l.name;
      host.dataset.tables = String(drawn.tables);
      status.textContent = `${plural(drawn.tables, 'table')}, ${plural(drawn.edges, 'foreign key')} · layout ${drawn.layoutMs} ms, drawing ${drawn.drawMs} ms, ${total} ms from loading the source`;
    }
    host.dataset.state = 'drawn';
  } catch (e) {
    if (token !== drawToken) return;
    host.dataset.state = 'error';
    status.textContent = 'The diagram could not be drawn.';
    showError(e);
  }
}

function renderLegend(l: Loaded, which: Which): void {
  const counts = new Map<Category, number>();
  for (const d of l.divergences) {
    const c = category(d, which);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  byId('legend').replaceChildren(
    ...CATEGORIES.map((c) =>
      h(
        'li',
        { class: `cat-${c.id}`, title: c.help },
        h('span', { class: 'swatch', 'aria-hidden': 'true' }, c.mark),
        `${c.label} `,
        h('span', { class: 'n' }, `(${counts.get(c.id) ?? 0})`),
      ),
    ),
    h('li', { class: 'plain', title: 'primary key / foreign key column' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }, '#'), 'key ', h('span', { class: 'swatch', 'aria-hidden': 'true' }, '→'), 'foreign key'),
  );
}

function chip(c: Category): HTMLElement {
  return h('span', { class: `chip cat-${c}`, title: CATEGORY[c].help }, h('span', { 'aria-hidden': 'true' }, `${CATEGORY[c].mark} `), CATEGORY[c].label);
}

function resolutionText(l: Loaded, d: Divergence): (Node | string)[] {
  const r = d.resolution;
  if (r.by === 'unresolved') return [h('strong', { class: 'bad' }, 'unresolved'), ': no decision resolves it, gen-sql refuses'];
  if (r.by === 'add') return ['added, no decision needed'];
  const dec = l.decisions.get(r.id);
  return [h('strong', {}, `decision ${r.id}`), ` (${actionWords(r.kind)})`, dec ? `: ${dec.title}` : ''];
}

function divergenceItem(l: Loaded, d: Divergence, which: Which): HTMLElement {
  const r = d.resolution;
  const v = values(d);
  const shown: string[] = [];
  if (v.origin !== undefined) shown.push(`Origin: ${v.origin}`);
  if (v.current !== undefined) shown.push(`current: ${v.current}`);
  const name = subjectName(d.subject);
  return h(
    'li',
    {
      class: 'divergence',
      'data-kind': d.kind,
      'data-subject': JSON.stringify(d.subject),
      'data-object': name,
      'data-table': tableOf(d.subject),
      'data-decision': r.by === 'decision' ? r.id : r.by,
    },
    chip(category(d, which)),
    ' ',
    h('code', {}, name),
    ` — ${kindWords(d.kind)}${d.subject.kind === 'column' || d.subject.kind === 'table' ? '' : ` (${d.subject.kind})`}`,
    shown.length ? h('div', { class: 'values' }, shown.join('; ')) : null,
    h('div', { class: 'resolution' }, '→ ', ...resolutionText(l, d)),
  );
}

function renderDetail(): void {
  const l = loaded!;
  const box = byId('detail');
  const table = state.table;
  if (!table) return renderOverview(box, l);
  const where = (['origin', 'current', 'aligned'] as Which[]).filter((w) => l.schemas[w].tables?.[table]);
  if (!where.length) {
    box.replaceChildren(h('h2', {}, table), h('p', { class: 'muted' }, `${l.name} has no table named “${table}”.`), h('button', { type: 'button', onclick: () => navigate({ table: null }) }, 'Show the overview'));
    return;
  }
  const tv = schemaView(l, state.schema).byName.get(table);
  const divs = l.byTable.get(table) ?? [];
  const rows = columnRows(l, table);
  const head = h('tr', {}, ...(['origin', 'current', 'aligned'] as Which[]).map((w) => h('th', { scope: 'col', class: w === state.schema ? 'current-view' : '' }, WHICH_LABEL[w])));
  const body = rows.map((r) =>
    h(
      'tr',
      { 'data-column': r.key },
      ...(['origin', 'current', 'aligned'] as Which[]).map((w) => {
        const cell = r.cells[w];
        if (!cell) return h('td', { class: 'absent' }, h('span', { class: 'sr-only' }, 'absent'), '—');
        return h(
          'td',
          { class: cell.category ? `cat-${cell.category}` : '', title: cell.category ? CATEGORY[cell.category].help : '' },
          h('span', { class: 'cname' }, cell.category ? h('span', { class: 'mark', 'aria-hidden': 'true' }, `${CATEGORY[cell.category].mark} `) : null, cell.name),
          cell.category ? h('span', { class: 'sr-only' }, ` (${CATEGORY[cell.category].label})`) : null,
          h('span', { class: 'ctype' }, describeColumn(cell.column)),
        );
      }),
    ),
  );
  const decisions = l.report.tables.find((t) => t.name === table)?.decisions ?? [];
  const absentIn = (['origin', 'current', 'aligned'] as Which[]).filter((w) => !where.includes(w)).map((w) => WHICH_LABEL[w]);
  const children: (Node | null)[] = [
    h('h2', { id: 'detail-title' }, table, ' ', tv?.category ? chip(tv.category) : null),
    h('p', { class: 'muted' }, absentIn.length ? `Not in: ${absentIn.join(', ')}.` : 'In Origin, the current schema and the end state.', ` ${plural(divs.length, 'divergence')}.`),
    h('h3', {}, 'Columns'),
    h('div', { class: 'scroll-x' }, h('table', { class: 'columns' }, h('caption', { class: 'sr-only' }, `Columns of ${table} in Origin, current and end state`), h('thead', {}, head), h('tbody', {}, ...body))),
    h('h3', {}, `Divergences (${divs.length})`),
    divs.length ? h('ol', { class: 'divergences', id: 'table-divergences' }, ...divs.map((d) => divergenceItem(l, d, state.schema))) : h('p', { class: 'muted' }, 'None: this table is as Origin wants it.'),
    decisions.length ? h('h3', {}, 'Decisions') : null,
    decisions.length ? h('ul', { class: 'decisions' }, ...decisions.map((d) => h('li', { 'data-decision': d.id }, h('strong', {}, `${d.id}`), ` ${d.title} `, h('span', { class: 'muted' }, `(${d.kinds})`)))) : null,
  ];
  box.replaceChildren(...children.filter((c): c is Node => c !== null));
}

function renderOverview(box: HTMLElement, l: Loaded): void {
  const r = l.report;
  const plan =
    r.plan.status === 'files'
      ? h('ol', { class: 'plan' }, ...r.plan.files.map((f) => h('li', {}, h('code', {}, f.file), ` ${f.title}: `, ...inlineCode(shorten(f.holds.map(heldText).join('; '), 400)))))
      : h('p', { class: 'bad', role: 'note' }, `No migration: ${r.plan.reason}`);
  box.replaceChildren(
    h('h2', {}, `${l.name}: overview`),
    h('p', { class: 'muted' }, 'Pick a table in the list or the diagram to see its columns side by side and its divergences.'),
    h('h3', {}, 'Conventions'),
    // One row per convention the project states; a project of your own states none unless given.
    r.global.length
      ? h(
          'dl',
          { class: 'global' },
          ...r.global.flatMap((g) =>
            [
              h('dt', {}, g.feature, ' ', g.aligned ? h('span', { class: 'ok' }, '✓ aligned') : h('span', { class: 'warn' }, '⚠ differs')),
              h('dd', {}, h('span', { class: 'muted' }, 'Origin: '), ...inlineCode(g.origin)),
              h('dd', {}, h('span', { class: 'muted' }, 'Current: '), ...inlineCode(g.current)),
              g.aligned ? null : h('dd', {}, '→ ', ...inlineCode(g.action)),
            ].filter((x): x is HTMLElement => x !== null),
          ),
        )
      : h('p', { class: 'muted', id: 'no-conventions' }, 'The project states no conventions: none is checked.'),
    h('h3', {}, `Schema-wide divergences (${l.schemaWide.length})`),
    l.schemaWide.length ? h('ol', { class: 'divergences' }, ...l.schemaWide.map((d) => divergenceItem(l, d, state.schema))) : h('p', { class: 'muted' }, 'None.'),
    h('h3', {}, 'Plan'),
    plan,
  );
}

/** At most `max` characters, cut at a comma, saying how much was left out (the report has it all). */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(', ', max);
  const head = text.slice(0, cut > 0 ? cut : max);
  const rest = text.slice(head.length).split(', ').length - 1;
  return `${head}, … (${rest} more: see the report)`;
}

/** The report's text marks code with backticks: show it as code. */
function inlineCode(text: string): (Node | string)[] {
  return text.split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part));
}

// ---- SQL

function generated(): { files?: GeneratedFile[]; error?: string } {
  const l = loaded!;
  if (sqlCache?.generation !== l.generation) {
    try {
      sqlCache = { generation: l.generation, files: l.project.files() };
    } catch (e) {
      sqlCache = { generation: l.generation, error: api.messageOf(e) };
    }
  }
  return sqlCache;
}

function renderSql(): void {
  const { files, error } = generated();
  const err = byId('sql-error');
  const nav = byId('sql-files');
  const code = byId('sql-code');
  byId('sql-body').hidden = !files;
  if (!files) {
    err.hidden = false;
    err.replaceChildren(h('strong', {}, 'No SQL: '), error ?? '');
    return;
  }
  err.hidden = true;
  const file = files.find((f) => f.name === state.file) ?? files[0];
  nav.replaceChildren(
    ...files.map((f) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'file', 'data-file': f.name, 'aria-current': f === file ? 'true' : null, onclick: () => navigate({ file: f.name }) },
          h('span', { class: 'name' }, f.name),
          h('span', { class: 'size' }, bytes(utf8Length(f.sql))),
        ),
      ),
    ),
  );
  byId('sql-name').textContent = file?.name ?? '';
  code.dataset.file = file?.name ?? '';
  if (code.textContent !== (file?.sql ?? '')) code.textContent = file?.sql ?? '';
  byId('sql-count').textContent = `${plural(files.length, 'file')}, ${bytes(files.reduce((a, f) => a + utf8Length(f.sql), 0))}, in the order they apply`;
}

function currentSqlFile(): GeneratedFile | undefined {
  const files = generated().files ?? [];
  return files.find((f) => f.name === state.file) ?? files[0];
}

// ---- report

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

function reportText(): { text?: string; html?: string; error?: string } {
  const l = loaded!;
  if (mdCache?.generation !== l.generation) {
    try {
      const text = l.project.markdown();
      mdCache = { generation: l.generation, text };
    } catch (e) {
      mdCache = { generation: l.generation, error: api.messageOf(e) };
    }
  }
  return mdCache;
}

function renderReport(): void {
  const r = reportText();
  const body = byId('report-body');
  if (r.error !== undefined) {
    body.replaceChildren(h('p', { class: 'error-inline', role: 'alert' }, r.error));
    return;
  }
  if (body.dataset.generation !== String(loaded!.generation)) {
    mdCache!.html ??= markdown.render(r.text!);
    body.innerHTML = mdCache!.html; // markdown-it with html: false escapes any HTML in the input
    body.dataset.generation = String(loaded!.generation);
  }
}

// ---- export

const EXPORT_INFO: Record<ExportKind, { ext: string; type: string; label: string }> = {
  json: { ext: 'json', type: 'application/json', label: 'JSON' },
  mermaid: { ext: 'mmd', type: 'text/plain', label: 'Mermaid' },
  dbml: { ext: 'dbml', type: 'text/plain', label: 'DBML' },
  dot: { ext: 'dot', type: 'text/vnd.graphviz', label: 'DOT' },
  svg: { ext: 'svg', type: 'image/svg+xml', label: 'SVG (the diagram)' },
  markdown: { ext: 'md', type: 'text/markdown', label: 'Markdown report' },
};

/** The start of download names: the preset's or the bundle's name, as a safe file name. */
function stem(): string {
  if (source.mode === 'files') return 'schema';
  const slug = loaded!.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 60);
  return slug || 'schema';
}

function exportName(kind: ExportKind): string {
  return kind === 'markdown' ? `${stem()}-report.md` : `${stem()}-${state.schema}.${EXPORT_INFO[kind].ext}`;
}

async function exportText(kind: ExportKind): Promise<string> {
  const l = loaded!;
  if (kind === 'markdown') {
    const r = reportText();
    if (r.error !== undefined) throw new Error(r.error);
    return r.text!;
  }
  if (kind === 'svg') {
    await diagram.show(`${l.generation}:${state.schema}`, schemaView(l, state.schema), `ER diagram of ${l.name}`, () => true);
    byId('diagram').dataset.key = `${l.generation}:${state.schema}`;
    const svg = diagram.exportSvg();
    if (!svg) throw new Error('The diagram has no tables to export.');
    return svg;
  }
  return l.project.export(state.schema, kind);
}

let exportToken = 0;
async function renderExport(): Promise<void> {
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=format]')) r.checked = r.value === state.format;
  const kind = state.format;
  byId('export-what').textContent =
    kind === 'markdown' ? 'The divergence report, as Markdown.' : kind === 'svg' ? `The diagram of ${WHICH_LABEL[state.schema]}, as SVG.` : `${WHICH_LABEL[state.schema]} as ${EXPORT_INFO[kind].label}.`;
  byId('export-name').textContent = exportName(kind);
  const pre = byId('export-preview');
  const token = ++exportToken;
  try {
    const text = await exportText(kind);
    if (token !== exportToken) return;
    const max = 200_000;
    pre.textContent = text.length > max ? `${text.slice(0, max)}\n… (the preview stops here: ${bytes(utf8Length(text))} in all; copy or download for everything)` : text;
    pre.dataset.format = kind;
  } catch (e) {
    if (token !== exportToken) return;
    pre.textContent = '';
    showError(e);
  }
}

// ---------------------------------------------------------------- controls

function bindControls(): void {
  // Tabs: click, or the arrow keys between them.
  const tabs = url.VIEWS.map((v) => byId(`tab-${v}`));
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => navigate({ view: url.VIEWS[i] }));
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      const next = (i + step + tabs.length) % tabs.length;
      tabs[next].focus();
      navigate({ view: url.VIEWS[next] });
    });
  });
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=schema]')) r.addEventListener('change', () => navigate({ schema: r.value as Which }));
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=format]')) r.addEventListener('change', () => navigate({ format: r.value as ExportKind }));

  const searchBox = byId<HTMLInputElement>('search');
  searchBox.addEventListener('input', () => {
    search = searchBox.value;
    if (loaded) {
      renderList();
      const view = schemaView(loaded, state.schema);
      diagram.filter((name) => matches(view.byName.get(name)!, search.trim().toLowerCase()), !!search.trim());
    }
  });
  searchBox.addEventListener('keydown', (e) => {
    if (!loaded) return;
    const q = search.trim().toLowerCase();
    const first = schemaView(loaded, state.schema).tables.find((t) => matches(t, q));
    if (e.key === 'Enter' && first) selectTable(first.name, 'search');
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      byId('table-list').focus();
    }
  });

  byId('zoom-in').addEventListener('click', () => diagram.zoom(1.25));
  byId('zoom-out').addEventListener('click', () => diagram.zoom(0.8));
  byId('zoom-fit').addEventListener('click', () => diagram.fit());
  byId('overview').addEventListener('click', () => navigate({ table: null }));

  // SQL
  byId('sql-copy').addEventListener('click', () => {
    const f = currentSqlFile();
    if (f) void copyText(f.sql).then(() => say(`Copied ${f.name} (${bytes(utf8Length(f.sql))}).`), showError);
  });
  byId('sql-download').addEventListener('click', () => {
    const f = currentSqlFile();
    if (f) download(f.name, f.sql, 'application/sql');
  });
  byId('sql-zip').addEventListener('click', () => {
    const files = generated().files;
    if (!files) return;
    const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, strToU8(f.sql)])), { level: 6 });
    download(`${stem()}-migrations.zip`, zip as Uint8Array<ArrayBuffer>, 'application/zip');
  });

  // Report
  byId('report-copy').addEventListener('click', () => {
    const r = reportText();
    if (r.text) void copyText(r.text).then(() => say('Copied the report (Markdown).'), showError);
  });
  byId('report-download').addEventListener('click', () => {
    const r = reportText();
    if (r.text) download(`${stem()}-report.md`, r.text, 'text/markdown');
  });

  // Export
  byId('export-copy').addEventListener('click', () => void exportText(state.format).then(copyText).then(() => say(`Copied ${exportName(state.format)}.`), showError));
  byId('export-download').addEventListener('click', () =>
    void exportText(state.format).then((text) => download(exportName(state.format), text, EXPORT_INFO[state.format].type), showError),
  );

  // Sources
  const presetSelect = byId<HTMLSelectElement>('preset');
  presetSelect.addEventListener('change', () =>
    setSource((s) => {
      s.preset = presetSelect.value;
      if (s.mode === 'spec') s.mode = 'preset';
    }),
  );
  byId('use-preset').addEventListener('click', () =>
    setSource((s) => {
      s.mode = 'preset';
      s.spec = null;
      for (const p of PARTS) delete s[p];
    }),
  );
  for (const part of ['origin', 'current'] as const) {
    bindZone(part, (picked) => readSchemaPart(part, picked));
    byId<HTMLInputElement>(`${part}-folder`).addEventListener('change', (e) => {
      const input = e.target as HTMLInputElement;
      void guard(readSchemaPart(part, fromInput(input)));
      input.value = '';
    });
  }
  bindZone('decisions', (picked) => readJsonPart('decisions', picked));
  bindZone('conventions', (picked) => readJsonPart('conventions', picked));
  const withPreset = byId<HTMLInputElement>('with-preset');
  withPreset.addEventListener('change', () =>
    setSource((s) => {
      s.withPreset = withPreset.checked;
    }),
  );
  bindZone('spec', (picked) => readSpec(picked));
  const anyPart = (s: Source) => PARTS.some((p) => s[p]);
  for (const part of PARTS) {
    byId(`${part}-clear`).addEventListener('click', () =>
      setSource((s) => {
        delete s[part];
        if (!anyPart(s)) s.mode = 'preset';
      }),
    );
  }
  byId('spec-clear').addEventListener('click', () =>
    setSource((s) => {
      s.spec = null;
      s.mode = anyPart(s) ? 'files' : 'preset';
    }),
  );
  // A file dropped outside a zone must not replace the page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
}

function say(text: string): void {
  byId('announce').textContent = text;
}

async function guard(p: Promise<void>): Promise<void> {
  try {
    await p;
  } catch (e) {
    showError(e);
  }
}

function bindZone(part: Part | 'spec', read: (picked: Picked) => Promise<void>): void {
  const zone = byId(`${part}-zone`);
  const input = byId<HTMLInputElement>(`${part}-files`);
  input.addEventListener('change', () => {
    void guard(read(fromInput(input)));
    input.value = '';
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    zone.classList.remove('over');
    if (e.dataTransfer) void guard(fromDrop(e.dataTransfer).then(read));
  });
}

async function readSchemaPart(part: 'origin' | 'current', picked: Picked): Promise<void> {
  const start = performance.now();
  if (!picked.files.length) return;
  const json = picked.files.length === 1 && picked.files[0].name.toLowerCase().endsWith('.json') ? picked.files[0] : null;
  let value: SchemaPart;
  if (json) {
    value = { kind: 'json', text: await json.text(), label: `${json.name} (schema JSON)` };
  } else {
    const { files, ignored } = await sqlFiles(picked);
    if (!files.length) throw new Error(`${part === 'origin' ? 'Origin' : 'Current'}: no .sql file among ${picked.files.map((f) => f.name).join(', ')}`);
    // Read by the package when the project loads (its warnings come with the analysis).
    const from = picked.folder ? ` from ${picked.folder}/` : '';
    const names = files.length > 4 ? `${files.slice(0, 3).map((f) => f.name).join(', ')}, …` : files.map((f) => f.name).join(', ');
    value = { kind: 'sql', files, label: `${plural(files.length, '.sql file')}${from} (${names})`, ignored };
  }
  setSource((s) => {
    s.mode = 'files';
    s.spec = null;
    s[part] = value;
  }, start);
}

/** Decisions or conventions: one JSON file. */
async function readJsonPart(part: 'decisions' | 'conventions', picked: Picked): Promise<void> {
  const start = performance.now();
  const file = picked.files[0];
  if (!file) return;
  if (picked.files.length > 1) throw new Error(`${PART_LABEL[part]}: one JSON file, not ${picked.files.length}`);
  const text = await file.text();
  setSource((s) => {
    s.mode = 'files';
    s.spec = null;
    s[part] = { text, label: file.name };
  }, start);
}

async function readSpec(picked: Picked): Promise<void> {
  const start = performance.now();
  const file = picked.files[0];
  if (!file) return;
  if (picked.files.length > 1) throw new Error(`Project bundle: one JSON file, not ${picked.files.length}`);
  const text = await file.text();
  const project = api.loadSpec(text); // checks it, with the package's message when it is wrong
  setSource((s) => {
    s.mode = 'spec';
    s.spec = { text, label: `${file.name} (${project.name})` };
  }, start);
}

// ---------------------------------------------------------------- start

async function start(): Promise<void> {
  document.documentElement.dataset.state = 'loading';
  bindControls();
  try {
    await api.ready();
  } catch (e) {
    document.documentElement.dataset.state = 'error';
    byId('project').textContent = 'The wasm package did not load.';
    showError(e, 'load');
    return;
  }
  const names = api.presets();
  const select = byId<HTMLSelectElement>('preset');
  select.replaceChildren(...names.map((n) => h('option', { value: n }, n)));
  source.preset = state.preset && names.includes(state.preset) ? state.preset : names[0] ?? 'veza';
  select.value = source.preset;
  if (state.preset && !names.includes(state.preset)) showError(new Error(`There is no preset “${state.preset}”: showing ${source.preset}. Presets: ${names.join(', ')}.`));
  if (state.files) {
    byId('source-note').hidden = false;
    byId('source-note').textContent = 'This link was made from files, which a link cannot carry: it shows the preset. Open the files again to see them.';
  }
  load(0);
  navigate({ preset: source.preset, files: false }, false);
  document.documentElement.dataset.state = loaded ? 'ready' : 'error';
  wasmSize();
}

function wasmSize(): void {
  const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm')) as PerformanceResourceTiming | undefined;
  const size = entry?.decodedBodySize || entry?.encodedBodySize;
  if (size) {
    timings.wasmBytes = size;
    byId('wasm-size').textContent = `wasm package: ${bytes(size)} (${entry!.name.split('/').pop()}, fetched in ${Math.round(entry!.duration)} ms)`;
  }
}

void start().catch((e) => {
  document.documentElement.dataset.state = 'error';
  showError(e, 'page');
});

