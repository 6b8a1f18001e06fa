// The package against the native CLI: same inputs, same bytes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import osTmp from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { bookshop, bookshopArgs, cli, os, read, sourceless, stdout } from './helpers.mjs';

test('presets() lists the built-in presets', () => {
  assert.deepEqual(os.presets(), ['veza']);
  const names = cli('presets').trim().split('\n').map((l) => l.split('\t')[0]);
  assert.deepEqual(os.presets(), names);
});

test('genSql({}) equals gen-sql --stdout and --out, byte for byte', () => {
  const files = os.genSql({});
  assert.equal(files.length, 6);
  assert.equal(stdout(files), cli('gen-sql', '--stdout'));
  assert.deepEqual(os.genSql(), files);
  assert.deepEqual(os.genSql(null), files);
  const dir = fs.mkdtempSync(path.join(osTmp.tmpdir(), 'origin-schema-wasm-'));
  try {
    cli('gen-sql', '--out', dir);
    assert.deepEqual(fs.readdirSync(dir).sort(), files.map((f) => f.name));
    for (const f of files) assert.equal(fs.readFileSync(path.join(dir, f.name), 'utf8'), f.sql, f.name);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('loadSpec round-trips export --format json, and a bundle generates like the preset', () => {
  const bundle = cli('export', '--format', 'json');
  const project = os.loadSpec(bundle);
  assert.equal(project.name, 'veza');
  assert.ok(!(project.origin.tables instanceof Map), 'plain objects, not Maps');
  assert.equal(JSON.stringify(project, null, 2) + '\n', bundle);
  assert.deepEqual(os.loadSpec(project), project);
  assert.equal(stdout(os.genSql(project)), stdout(os.genSql({})));
  assert.equal(stdout(os.genSql(bundle)), stdout(os.genSql({})));
});

test('diff({}) resolves every divergence, as the CLI', () => {
  const all = os.diff({});
  assert.ok(all.length > 0);
  assert.equal(all.filter((d) => d.resolution.by === 'unresolved').length, 0);
  assert.deepEqual(all, JSON.parse(cli('diff', '--format', 'json')));
});

test('report: Markdown and JSON, as the CLI', () => {
  const md = os.report({}, 'markdown');
  assert.ok(md.startsWith('# Divergence report: veza'), md.slice(0, 80));
  assert.equal(md, cli('report'));
  const json = os.report({}, 'json');
  assert.equal(json.summary.unresolved, 0);
  assert.equal(json.summary.divergences, os.diff({}).length);
  assert.deepEqual(json, JSON.parse(cli('report', '--format', 'json')));
});

test('exportSchema: every which × format, as the CLI', () => {
  for (const which of ['origin', 'current', 'aligned']) {
    for (const format of ['json', 'sql', 'mermaid', 'dbml', 'dot']) {
      const text = os.exportSchema({}, which, format);
      assert.equal(typeof text, 'string');
      assert.ok(text.length > 100, `${which} ${format}`);
      assert.equal(text, cli('export', '--which', which, '--format', format), `${which} ${format}`);
    }
  }
  const aligned = os.exportSchema({}, 'aligned', 'mermaid');
  assert.equal(aligned, read('core/tests/golden/diagrams/veza.mmd'));
  assert.equal(os.exportSchema({}, 'aligned', 'dbml'), read('core/tests/golden/diagrams/veza.dbml'));
  assert.equal(os.exportSchema({}, 'aligned', 'dot'), read('core/tests/golden/diagrams/veza.dot'));
});

test('readSql reads the bookshop migrations as the CLI does', () => {
  const { current } = bookshop();
  const { schema, warnings } = os.readSql(current.sql);
  assert.deepEqual(Object.keys(schema.tables).sort(), ['books', 'customers', 'order_lines', 'orders']);
  assert.deepEqual(schema, JSON.parse(cli('export', '--which', 'current', '--format', 'json',
    '--current', 'examples/bookshop/migrations')));
  for (const w of warnings) {
    assert.deepEqual(Object.keys(w).sort(), ['file', 'line', 'message']);
    assert.ok(current.sql.some((f) => f.name === w.file), w.file);
    assert.ok(Number.isInteger(w.line) && w.line > 0);
  }
  assert.deepEqual(os.readSql([]), { schema: {}, warnings: [] });
});

test('the bookshop project from SQL: the CLI\'s files, only the header\'s source differs', () => {
  const wasm = os.genSql(bookshop());
  const native = cli('gen-sql', '--stdout', ...bookshopArgs());
  assert.match(wasm[0].sql, /from origin \(1 sql file\), current \(3 sql files\), decisions \(json\);/);
  assert.equal(sourceless(stdout(wasm)), sourceless(native));
  const divergences = os.diff(bookshop());
  assert.equal(divergences.filter((d) => d.resolution.by === 'unresolved').length, 0);
});
