// One Analysis: built once from its input, it answers every question (divergences,
// files, report, every export) with what the CLI prints for the same input.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bookshop, bookshopArgs, cli, cliFails, os, read, sourceless, stdout, throwsError } from './helpers.mjs';

const WHICH = ['bundle', 'origin', 'current', 'aligned'];
const FORMATS = ['json', 'sql', 'mermaid', 'dbml', 'dot'];

/** Every answer of `a` against the CLI run with `args`; `same` normalizes what names the inputs. */
function assertAsCli(a, args, same = (s) => s) {
  assert.equal(same(a.report('markdown')), same(cli('report', ...args)), 'report');
  assert.deepEqual(
    { ...a.report('json'), project: '…' },
    { ...JSON.parse(cli('report', '--format', 'json', ...args)), project: '…' },
    'report --format json',
  );
  assert.equal(same(stdout(a.files())), same(cli('gen-sql', '--stdout', ...args)), 'gen-sql');
  assert.deepEqual(a.divergences(), JSON.parse(cli('diff', '--format', 'json', ...args)), 'diff');
  for (const which of WHICH) {
    for (const format of FORMATS) {
      const what = `export --which ${which} --format ${format}`;
      if (which === 'bundle' && format !== 'json') {
        // The whole project is JSON only: both refuse, and say so.
        throwsError(() => a.export(which, format), /^only the json format exports the whole bundle/);
        const { status, stderr } = cliFails('export', '--which', which, '--format', format, ...args);
        assert.equal(status, 2, what);
        assert.match(stderr, /only --format json exports the whole bundle/, what);
        continue;
      }
      assert.equal(same(a.export(which, format)), same(cli('export', '--which', which, '--format', format, ...args)), what);
    }
  }
}

test('one Analysis of the preset: the report, the files and every export, as the CLI prints them', () => {
  const a = new os.Analysis({});
  assert.equal(a.name, 'veza');
  assert.equal(a.fromPreset, undefined);
  assert.deepEqual(a.warnings, []);
  assert.equal(a.unresolved(), 0);
  assertAsCli(a, []);
  // The digest in every header is the getter's.
  for (const f of a.files()) assert.ok(f.sql.includes(a.inputsSha256), f.name);
  assert.match(a.inputsSha256, /^[0-9a-f]{64}$/);
  // The structured answers are the exports' JSON.
  assert.deepEqual(a.project(), JSON.parse(a.export('bundle', 'json')));
  assert.deepEqual(a.project(), os.loadSpec(cli('export')));
  for (const which of ['origin', 'current', 'aligned']) assert.deepEqual(a.schema(which), JSON.parse(a.export(which, 'json')), which);
  throwsError(() => a.schema('bundle'), /unknown which `bundle` \(expected one of: origin, current, aligned\)/);
  throwsError(() => a.export('all', 'json'), /unknown which `all` \(expected one of: bundle, origin, current, aligned\)/);
  throwsError(() => a.report('html'), /unknown format `html`/);
});

test('one Analysis of bookshop (SQL files and conventions): as the CLI, but for the names of the inputs', () => {
  const a = new os.Analysis(bookshop({ conventions: true }));
  assert.equal(a.name, 'origin (1 sql file), current (3 sql files), decisions (json)');
  assert.deepEqual(a.warnings, os.readSql(bookshop().current.sql).warnings);
  assertAsCli(a, bookshopArgs(true), sourceless);
});

test('the free functions are the class: each builds one Analysis and asks it one thing', () => {
  for (const input of [{}, bookshop(), bookshop({ conventions: true }), JSON.parse(read('wasm/tests/fixtures/every-kind.json'))]) {
    const a = new os.Analysis(input);
    assert.deepEqual(os.diff(input), a.divergences());
    assert.equal(a.unresolved(), a.divergences().filter((d) => d.resolution.by === 'unresolved').length);
    if (a.unresolved() === 0) assert.deepEqual(os.genSql(input), a.files());
    else assert.equal(throwsError(() => os.genSql(input)).message, throwsError(() => a.files()).message);
    assert.equal(os.report(input, 'markdown'), a.report('markdown'));
    assert.deepEqual(os.report(input, 'json'), a.report('json'));
    for (const which of ['origin', 'current', 'aligned']) {
      for (const format of FORMATS) assert.equal(os.exportSchema(input, which, format), a.export(which, format));
    }
  }
});

test('the input is read once, when the Analysis is made: later changes to it change nothing', (t) => {
  const input = JSON.parse(read('wasm/tests/fixtures/every-kind.json'));
  let start = performance.now();
  const a = new os.Analysis(input);
  const madeMs = performance.now() - start;
  const before = { divergences: a.divergences(), report: a.report('markdown'), aligned: a.export('aligned', 'sql') };
  delete input.origin.tables.pets;
  input.decisions.length = 0;
  input.conventions = {};
  assert.deepEqual(a.divergences(), before.divergences);
  assert.equal(a.report('markdown'), before.report);
  assert.equal(a.export('aligned', 'sql'), before.aligned);
  assert.notDeepEqual(new os.Analysis(input).divergences(), before.divergences);
  // Asking again does not analyse again (numbers for people, not a pass/fail: machines vary).
  start = performance.now();
  for (let i = 0; i < 20; i++) a.unresolved();
  t.diagnostic(`made in ${madeMs.toFixed(2)} ms; 20 answers of unresolved() in ${(performance.now() - start).toFixed(2)} ms`);
});

test('a refusal stays with its Analysis: files() throws it, the rest answers', () => {
  // Origin replaced beside the preset: the preset's decisions go with its Origin.
  const a = new os.Analysis({ preset: 'veza', origin: bookshop().origin });
  assert.ok(a.unresolved() > 0);
  const refusal = throwsError(() => a.files(), /unresolved/);
  assert.equal(throwsError(() => a.files()).message, refusal.message);
  const report = a.report('json');
  assert.equal(report.plan.status, 'refused');
  assert.equal(report.plan.reason, refusal.message);
  assert.match(a.report('markdown'), /^# Divergence report: veza, origin \(1 sql file\)/);
  assert.ok(a.export('aligned', 'dbml').length > 0);
});
