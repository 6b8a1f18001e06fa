// The input rule, the CLI's: nothing → the default preset; parts alone → a project of
// their own; parts beside `preset` → the rest from that preset (and `fromPreset` says
// which); conventions given as input are the ones the report checks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import osTmp from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { bookshop, bookshopArgs, cli, os, read, sourceless, stdout } from './helpers.mjs';

const VEZA_TABLES = ['users', 'refresh_tokens', 'federated_identities', 'user_profiles', 'files', 'tracks', 'playlists', 'playlist_tracks'];
const NO_CONVENTIONS = {
  user_facing_tables: [], primary_key: null, created_at: null, updated_at: null, soft_delete: null,
  index_name: null, updated_at_trigger: null, updated_at_function: null,
};

/** `fn(dir)` with a scratch folder, removed afterwards. */
function scratch(fn) {
  const dir = fs.mkdtempSync(path.join(osTmp.tmpdir(), 'origin-schema-input-'));
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('nothing given is the default preset, veza, however it is written', () => {
  const veza = new os.Analysis({});
  assert.equal(veza.name, 'veza');
  assert.equal(veza.fromPreset, undefined);
  assert.deepEqual(Object.keys(veza.schema('origin').tables), VEZA_TABLES);
  for (const input of [undefined, null, {}, { preset: 'veza' }, { preset: null, origin: null }]) {
    const a = new os.Analysis(input);
    assert.equal(a.name, 'veza', JSON.stringify(input));
    assert.equal(a.fromPreset, undefined);
    assert.deepEqual(a.divergences(), veza.divergences());
  }
});

test('Origin alone is a project of its own: empty current schema, no decisions, no conventions, no veza', () => {
  const a = new os.Analysis({ origin: bookshop().origin });
  assert.equal(a.name, 'origin (1 sql file)');
  assert.equal(a.fromPreset, undefined);
  const project = a.project();
  assert.deepEqual(project.current, {});
  assert.deepEqual(project.decisions, []);
  assert.deepEqual(project.conventions, NO_CONVENTIONS);
  assert.deepEqual(project.modules.map((m) => m.file), ['001_extensions_and_types.sql', '010_schema.sql']);
  for (const which of ['origin', 'current', 'aligned']) {
    const tables = Object.keys(a.schema(which).tables ?? {});
    assert.ok(!tables.some((t) => VEZA_TABLES.includes(t)), `${which}: ${tables}`);
  }
  // Everything is to be added, which needs no decision.
  assert.ok(a.divergences().length > 0);
  assert.ok(a.divergences().every((d) => d.resolution.by === 'add'));
  assert.equal(a.unresolved(), 0);
  // No convention stated: no global row, and the report says so.
  const report = a.report('json');
  assert.deepEqual(report.global, []);
  assert.match(a.report('markdown'), /The project states no conventions/);
  // As the CLI, given the same file alone.
  const args = ['--origin', 'examples/bookshop/origin.sql'];
  assert.equal(sourceless(stdout(a.files())), sourceless(cli('gen-sql', '--stdout', ...args)));
  assert.deepEqual(a.divergences(), JSON.parse(cli('diff', '--format', 'json', ...args)));
  assert.equal(sourceless(a.report('markdown')), sourceless(cli('report', ...args)));
});

test('the current schema alone is a project of its own too: everything in it is unresolved', () => {
  const current = os.exportSchema({}, 'current', 'json');
  const a = new os.Analysis({ current });
  assert.equal(a.name, 'current (json)');
  assert.equal(a.fromPreset, undefined);
  assert.deepEqual(a.schema('origin'), {});
  assert.deepEqual(a.project().decisions, []);
  assert.ok(a.unresolved() > 0);
  assert.ok(a.divergences().some((d) => d.kind === 'extra_table' && d.subject.name.name === 'users'));
});

test('beside a preset, the parts not given come from it, and fromPreset says which', () => {
  const current = os.exportSchema({}, 'current', 'json');
  // The current schema given: Origin, its modules and decisions, and the conventions are veza's.
  const a = new os.Analysis({ preset: 'veza', current });
  assert.deepEqual(a.fromPreset, { preset: 'veza', parts: ['origin', 'modules', 'decisions', 'conventions'] });
  assert.equal(a.name, 'veza, current (json)');
  assert.deepEqual(a.divergences(), os.diff({}));
  assert.match(a.files()[0].sql, /from veza, current \(json\);/);
  assert.equal(a.inputsSha256, new os.Analysis({}).inputsSha256, 'the same content, the same digest');
  scratch((dir) => {
    const file = path.join(dir, 'current.json');
    fs.writeFileSync(file, current);
    assert.deepEqual(a.divergences(), JSON.parse(cli('diff', '--format', 'json', '--preset', 'veza', '--current', file)));
  });

  // A new Origin beside the preset: its decisions and modules go (they describe veza's Origin).
  const b = new os.Analysis({ preset: 'veza', origin: bookshop().origin });
  assert.deepEqual(b.fromPreset, { preset: 'veza', parts: ['current', 'conventions'] });
  assert.deepEqual(b.project().decisions, []);
  assert.deepEqual(Object.keys(b.schema('current').tables), Object.keys(new os.Analysis({}).schema('current').tables));
  assert.ok(b.unresolved() > 0, 'veza\'s current tables, with no decision about them');

  // Origin and decisions given: the current schema and the conventions are veza's.
  const c = new os.Analysis({ preset: 'veza', origin: os.exportSchema({}, 'origin', 'json'), decisions: JSON.stringify(new os.Analysis({}).project().decisions) });
  assert.deepEqual(c.fromPreset, { preset: 'veza', parts: ['current', 'conventions'] });
  assert.deepEqual(c.divergences(), os.diff({}));

  // Conventions given: they replace the preset's, even empty ones.
  const d = new os.Analysis({ preset: 'veza', conventions: {} });
  assert.deepEqual(d.fromPreset, { preset: 'veza', parts: ['origin', 'modules', 'decisions', 'current'] });
  assert.deepEqual(d.project().conventions, NO_CONVENTIONS);
  assert.deepEqual(d.report('json').global, []);
  assert.ok(new os.Analysis({}).report('json').global.length > 0, 'veza states its conventions');
});

test('conventions given as input are the report\'s global rows, as the CLI\'s --conventions', () => {
  const text = read('examples/bookshop/conventions.json');
  const without = new os.Analysis(bookshop());
  const withText = new os.Analysis(bookshop({ conventions: true }));
  const withObject = new os.Analysis({ ...bookshop(), conventions: JSON.parse(text) });
  assert.deepEqual(without.report('json').global, []);
  const global = withText.report('json').global;
  assert.deepEqual(global.map((g) => g.feature), ['Timestamps', 'Updated trigger', 'Indexes']);
  assert.deepEqual(withObject.report('json').global, global);
  assert.deepEqual(global, JSON.parse(cli('report', '--format', 'json', ...bookshopArgs(true))).global);
  const markdown = withText.report('markdown');
  for (const g of global) assert.ok(markdown.includes(`| **${g.feature}** |`), g.feature);
  // Only the conventions stated: an index name alone is one row.
  const one = new os.Analysis({ ...bookshop(), conventions: { index_name: 'idx_{table}_{columns}' } });
  assert.deepEqual(one.report('json').global.map((g) => g.feature), ['Indexes']);
  // The digest covers them.
  assert.notEqual(withText.inputsSha256, without.inputsSha256);
});

test('a part that is not a part is refused, with the parts named', () => {
  assert.throws(() => new os.Analysis({ conventions: 5 }), /conventions must be an object or a JSON string, not a number/);
  assert.throws(() => new os.Analysis({ conventions: { soft_delete: 5 } }), /conventions is not valid JSON for conventions/);
  assert.throws(() => new os.Analysis({ conventions: { typo: 'x' } }), /unknown field `typo`/);
  assert.throws(() => new os.Analysis({ convention: {} }), /unknown key `convention`: expected origin, current, decisions, conventions, preset/);
  assert.throws(() => new os.Analysis({ preset: 'nope', current: '{}' }), /no built-in preset `nope` \(available: veza\)/);
});
