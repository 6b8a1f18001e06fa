// Diagram exports read back by real tools: @dbml/core parses the DBML, Graphviz's
// `dot` (when installed) lays out the DOT; names that need escaping survive.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { os, read } from './helpers.mjs';

const { Parser } = createRequire(import.meta.url)('@dbml/core');
const awkward = read('wasm/tests/fixtures/awkward.json');
const schemas = {
  veza: (format) => os.exportSchema({}, 'aligned', format),
  awkward: (format) => os.exportSchema({ origin: awkward, current: awkward }, 'origin', format),
};
const hasDot = spawnSync('dot', ['-V']).status === 0;

test('DBML parses with @dbml/core, names and settings intact', () => {
  for (const [name, render] of Object.entries(schemas)) {
    const db = new Parser().parse(render('dbml'), 'dbmlv2');
    const source = name === 'veza' ? JSON.parse(schemas.veza('json')) : JSON.parse(awkward);
    const [schema] = db.schemas;
    // DBML refuses a table without columns: it is left out, as a comment.
    const drawn = Object.keys(source.tables).filter((t) => Object.keys(source.tables[t].columns).length);
    assert.deepEqual(schema.tables.map((t) => t.name), drawn, name);
    assert.deepEqual(schema.enums.map((e) => e.name), Object.keys(source.enums), name);
    for (const t of schema.tables) {
      assert.deepEqual(t.fields.map((f) => f.name), Object.keys(source.tables[t.name].columns), t.name);
      for (const f of t.fields) assert.equal(!!f.not_null, !!source.tables[t.name].columns[f.name].not_null);
    }
    for (const e of schema.enums) assert.deepEqual(e.values.map((v) => v.name), source.enums[e.name].labels);
  }
  const [veza] = new Parser().parse(schemas.veza('dbml'), 'dbmlv2').schemas;
  assert.equal(veza.refs.length, 9);
  const users = veza.tables.find((t) => t.name === 'users');
  const id = users.fields.find((f) => f.name === 'id');
  assert.equal(id.pk, true);
  assert.deepEqual(id.dbdefault, { type: 'expression', value: 'gen_random_uuid()' });
  const [odd] = new Parser().parse(schemas.awkward('dbml'), 'dbmlv2').schemas;
  const note = odd.tables[0].fields.find((f) => f.name === 'Note "x"');
  assert.equal(note.note, JSON.parse(awkward).tables.user.columns['Note "x"'].comment);
  assert.equal(odd.refs[0].name, 'fk "user"');
});

test('DOT lays out with Graphviz', { skip: !hasDot && 'dot is not installed' }, () => {
  for (const render of Object.values(schemas)) {
    const svg = execFileSync('dot', ['-Tsvg'], { input: render('dot'), encoding: 'utf8' });
    assert.match(svg, /<svg/);
  }
  const svg = execFileSync('dot', ['-Tsvg'], { input: schemas.awkward('dot'), encoding: 'utf8' });
  assert.match(svg, /<title>order lines:c1&#45;&gt;user:c0<\/title>/);
  assert.match(svg, /Note &quot;x&quot;/);
});

test('Mermaid: an entity per table, a relationship per foreign key', () => {
  const text = schemas.veza('mermaid');
  const source = JSON.parse(schemas.veza('json'));
  assert.ok(text.startsWith('erDiagram\n'));
  for (const t of Object.keys(source.tables)) assert.ok(text.includes(`\n    "${t}" {\n`), t);
  const fks = Object.values(source.tables).flatMap((t) =>
    Object.values(t.constraints ?? {}).filter((c) => c.kind === 'foreign_key'));
  assert.equal(text.split('\n').filter((l) => / : "/.test(l)).length, fks.length);
  const odd = schemas.awkward('mermaid');
  for (const line of odd.split('\n').slice(1)) {
    assert.ok(!/[\r\t]/.test(line) && (line.match(/"/g) ?? []).length % 2 === 0, line);
  }
});
