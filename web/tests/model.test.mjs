// web/src/model.ts on its own (no browser): the page's reading of the package's typed
// results. model.ts is pure TypeScript; vite's transform strips its types, and the Node
// build of the package (../wasm/pkg) gives it real results.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { transformWithOxc } from 'vite';

import { ROOT, WEB } from './helpers.mjs';

const pkg = createRequire(import.meta.url)(path.join(ROOT, 'wasm', 'pkg'));
const everyKind = JSON.parse(fs.readFileSync(path.join(ROOT, 'wasm', 'tests', 'fixtures', 'every-kind.json'), 'utf8'));

let model;
let dir;
before(async () => {
  const file = path.join(WEB, 'src', 'model.ts');
  const { code } = await transformWithOxc(fs.readFileSync(file, 'utf8'), file, { lang: 'ts' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'origin-schema-model-'));
  fs.writeFileSync(path.join(dir, 'model.mjs'), code);
  model = await import(pathToFileURL(path.join(dir, 'model.mjs')).href);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What main.ts keeps of a load, from one Analysis. */
function loaded(input) {
  const a = new pkg.Analysis(input);
  const report = a.report('json');
  const schemas = { origin: a.schema('origin'), current: a.schema('current'), aligned: a.schema('aligned') };
  return { generation: 1, name: a.name, report, schemas, ...model.index(a.divergences(), report), views: {} };
}

test('the category comes from the resolution: the action kind, typed', () => {
  const d = (resolution) => ({ subject: { kind: 'column', table: { name: 't' }, column: 'c' }, kind: 'missing_column', column: { type: 'text' }, resolution });
  const decision = (kind) => d({ by: 'decision', id: 1, kind });
  const expected = {
    add: 'missing', relax: 'missing', move: 'missing', extract: 'missing',
    keep_legacy_name: 'legacy', keep_legacy_column: 'legacy',
    rename: 'renamed', rename_index: 'renamed', convert_type: 'converted', derive: 'converted',
  };
  for (const [kind, cat] of Object.entries(expected)) {
    assert.equal(model.category(decision(kind), 'current'), cat, kind);
    assert.equal(model.category(decision(kind), 'aligned'), cat === 'missing' ? 'added' : cat, kind);
  }
  assert.equal(model.category(d({ by: 'add' }), 'origin'), 'missing');
  assert.equal(model.category(d({ by: 'add' }), 'aligned'), 'added');
  assert.equal(model.category(d({ by: 'unresolved' }), 'aligned'), 'unresolved');
  assert.equal(model.actionWords('keep_legacy_column'), 'keep legacy column');
});

test('columns and tables come from the subject; a constraint rename is not a column', () => {
  const l = loaded(everyKind);
  const people = l.byTable.get('people');
  const rename = people.find((d) => d.kind === 'naming_mismatch' && d.subject.kind === 'constraint');
  assert.equal(rename.subject.name, 'people_full_name_key');
  assert.deepEqual(model.columnsOf(rename), []);
  const column = people.find((d) => d.kind === 'naming_mismatch' && d.subject.kind === 'column');
  assert.deepEqual(model.columnsOf(column), ['full_name', 'name']);
  assert.deepEqual(model.columnsOf(people.find((d) => d.kind === 'type_mismatch')), ['kind']);
  assert.deepEqual(model.columnsOf(people.find((d) => d.kind === 'missing_index')), []);
  // Tables by their subject; the rest is schema-wide.
  assert.deepEqual([...l.byTable.keys()].sort(), ['old_table', 'people', 'pets']);
  assert.ok(l.byTable.get('pets').every(model.isTableLevel));
  assert.deepEqual(new Set(l.schemaWide.map((d) => d.subject.kind)), new Set(['extension', 'enum_label', 'type', 'function', 'sequence']));
  assert.equal(l.divergences.length, l.schemaWide.length + [...l.byTable.values()].reduce((n, ds) => n + ds.length, 0));
  // The side-by-side rows: a renamed column is one row, the constraint's names are not columns.
  const rows = model.columnRows(l, 'people');
  const row = rows.find((r) => r.key === 'full_name');
  assert.deepEqual([row.cells.origin.name, row.cells.current.name, row.cells.aligned.name], ['full_name', 'name', 'full_name']);
  assert.equal(row.cells.current.category, 'renamed');
  assert.ok(!rows.some((r) => r.key.startsWith('people_')));
  // The diagram's view: the constraint rename counts as a badge of the table, not a column.
  const view = model.schemaView(l, 'current').byName.get('people');
  assert.equal(view.columnCategory.get('name'), 'renamed');
  assert.equal(view.columnCategory.get('kind'), 'unresolved');
  assert.ok(view.badges.get('renamed') >= 1);
});

test('every kind of divergence has words for its subject and values', () => {
  const l = loaded(everyKind);
  const kinds = new Set();
  for (const d of l.divergences) {
    kinds.add(d.kind);
    const name = model.subjectName(d.subject);
    assert.ok(name.length > 0, d.kind);
    const v = model.values(d);
    assert.ok(v.origin !== undefined || v.current !== undefined, d.kind);
    for (const text of [v.origin, v.current]) if (text !== undefined) assert.ok(!/undefined|\[object/.test(text), `${d.kind}: ${text}`);
  }
  assert.equal(kinds.size, 36);
  const find = (kind) => l.divergences.find((d) => d.kind === kind);
  assert.deepEqual(model.values(find('default_mismatch')), { origin: '0', current: '1' });
  assert.deepEqual(model.values(find('nullability_mismatch')), { origin: 'NOT NULL', current: 'nullable' });
  assert.equal(model.values(find('missing_index')).origin, '(email)');
  assert.equal(model.values(find('index_mismatch')).current, 'UNIQUE (age)');
  assert.equal(model.values(find('missing_updated_at_trigger')).origin, 'BEFORE UPDATE → touch()');
  assert.equal(model.subjectName(find('missing_function').subject), 'twice(a integer)');
  assert.equal(model.subjectName(find('missing_enum_label').subject), 'mood.calm');
  assert.equal(model.subjectName(find('type_mismatch').subject), 'people.kind');
});

test('what a generated file holds, in words, for each kind of hold', () => {
  const report = new pkg.Analysis({}).report('json');
  assert.equal(report.plan.status, 'files');
  const holds = report.plan.files.flatMap((f) => f.holds);
  assert.deepEqual(new Set(holds.map((h) => h.kind)), new Set(['extensions', 'types', 'tables', 'sync_and_backfill', 'backfill', 'sync_trigger', 'functions', 'triggers']));
  const text = holds.map(model.heldText);
  assert.ok(text.includes('tables `tracks`, `playlists`, `playlist_tracks`'), text.join('\n'));
  assert.ok(text.includes('the sync trigger `sync_tracks_visibility` on `tracks` and its back-fill (decision 11)'));
  assert.ok(text.includes('the sync trigger `sync_users_to_user_profiles` on `users` and the back-fill of `user_profiles` (decision 4)'));
  assert.ok(text.includes('the back-fill of `files` from `tracks` (decision 8)'));
});
