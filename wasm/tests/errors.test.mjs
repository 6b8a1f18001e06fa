// Bad input: always a thrown Error that says what is wrong, never a wasm trap, and the
// module keeps working afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { os, throwsError } from './helpers.mjs';

const cyclic = {};
cyclic.self = cyclic;
let deep = {};
for (let i = 0; i < 100000; i++) deep = { tables: deep };
const huge = 'x'.repeat(8 << 20);

// Values that are not what any argument takes.
const garbage = [
  5, -0, NaN, Infinity, 1e308, true, false, 10n, Symbol('s'), () => 1, [], [1, 2], [[]],
  '', ' ', '{', '[]', 'null', '5', '"text"', '{"name": 5}', huge, `{"a": "${huge}"}`,
  new Map([['a', 1]]), new Set([1]), new Date(0), /re/, new Uint8Array(4), cyclic, deep,
  { tables: 5 }, { origin: 5 }, { origin: [] }, { origin: { tables: [] } }, { origin: { sql: 5 } },
  { origin: { sql: [] } }, { origin: { sql: [{ name: 1 }] } }, { origin: { sql: [{}], x: 1 } },
  { current: '{' }, { decisions: {} }, { decisions: [{ id: -1 }] }, { decisions: 'x' },
  { preset: 5 }, { preset: 'nope' }, { conventions: 5 }, { conventions: '{' }, { conventions: [] },
  { conventions: { primary_key: 'id' } }, { preset: 'veza', conventions: { index_name: 5 } }, { origin: { tables: { t: { columns: { c: {} } } } } },
  { origin: { tables: { t: { columns: () => 1 } } } }, { origin: { tables: { t: { columns: 10n } } } },
  { name: 'x' }, { modules: [] }, { orign: {} }, { [huge]: 1 }, Object.create(null),
  { origin: Symbol('s') }, { decisions: [{ id: 2 ** 40, title: 't', actions: [] }] },
];

const calls = {
  loadSpec: (v) => os.loadSpec(v),
  readSql: (v) => os.readSql(v),
  diff: (v) => os.diff(v),
  genSql: (v) => os.genSql(v),
  report: (v) => os.report(v, 'markdown'),
  exportSchema: (v) => os.exportSchema(v, 'aligned', 'dbml'),
  Analysis: (v) => new os.Analysis(v).report('json'),
};

test('garbage never traps: each call returns or throws an Error', () => {
  let thrown = 0;
  for (const [name, call] of Object.entries(calls)) {
    for (const value of garbage) {
      try {
        call(value);
      } catch (e) {
        thrown++;
        assert.ok(e instanceof Error, `${name}(${describe(value)}): threw ${typeof e}`);
        assert.ok(!(e instanceof WebAssembly.RuntimeError), `${name}(${describe(value)}): trap ${e.message}`);
        assert.ok(!/^origin-schema panicked/.test(e.message), `${name}(${describe(value)}): ${e.message}`);
        assert.ok(e.message.length > 10 && e.message.length < 17000, `${name}(${describe(value)}): ${e.message.slice(0, 200)}`);
      }
    }
  }
  assert.ok(thrown > garbage.length * 4, `only ${thrown} errors`);
  assert.equal(os.genSql({}).length, 6, 'the module still works');
});

test('messages say what is wrong', () => {
  throwsError(() => os.diff(5), /input must be a project bundle or \{ origin, current, decisions, conventions, preset \}, not a number/);
  throwsError(() => os.diff([]), /not an array/);
  throwsError(() => os.diff('{'), /input is not valid JSON for a project bundle: EOF/);
  throwsError(() => os.diff({ orign: {} }), /unknown key `orign`/);
  throwsError(() => os.diff({ origin: 5 }), /origin must be a schema object, a JSON string or \{ sql: \[\{ name, sql \}\] \}, not a number/);
  throwsError(() => os.diff({ origin: { tabels: {} } }), /origin is not valid JSON for a schema: unknown field `tabels`/);
  throwsError(() => os.diff({ origin: { sql: [] } }), /origin.sql holds no file/);
  throwsError(() => os.diff({ origin: { sql: 'x' } }), /origin.sql must be an array of \{ name, sql \}, not a string/);
  throwsError(() => os.diff({ decisions: {} }), /decisions must be an array or a JSON string, not an object/);
  throwsError(() => os.diff({ conventions: [] }), /conventions must be an object or a JSON string, not an array/);
  throwsError(() => os.diff({ conventions: '{' }), /conventions is not valid JSON for conventions/);
  throwsError(() => new os.Analysis(5), /input must be a project bundle/);
  throwsError(() => os.diff({ preset: 'nope' }), /no built-in preset `nope` \(available: veza\)/);
  throwsError(() => os.diff({ origin: () => 1 }), /`origin` is a function, which JSON cannot hold/);
  throwsError(() => os.diff({ origin: { tables: new Map() } }), /`tables` is a Map/);
  throwsError(() => os.diff({ origin: 1n }), /`origin` is a bigint/);
  throwsError(() => os.diff(cyclic), /input cannot be read: .*circular/i);
  throwsError(() => os.diff(deep), /input cannot be read/);
  throwsError(() => os.diff({ name: 'x' }), /input is not valid JSON for a project bundle: missing field `origin`/);
  throwsError(() => os.loadSpec(5), /spec must be a JSON string or a project bundle object, not a number/);
  throwsError(() => os.loadSpec(undefined), /not undefined/);
  throwsError(() => os.loadSpec('{"name": "x"}'), /spec is not valid JSON for a project bundle/);
  throwsError(() => os.loadSpec({ [huge]: 1 }), /unknown field `x+… \(cut: \d+ more characters\)$/);
  throwsError(() => os.readSql('CREATE TABLE t ()'), /files must be an array of \{ name, sql \}, not a string/);
  throwsError(() => os.readSql([{ name: 'a.sql' }]), /files is not valid JSON for a list of \{ name, sql \}: missing field `sql`/);
  throwsError(() => os.readSql([{ name: 'a.sql', sql: 'ALTER TABLE nope ADD COLUMN x int;' }]), /a\.sql:1: /);
  // The warnings gathered before a failed read come with its error.
  throwsError(
    () => os.readSql([{ name: 'a.sql', sql: 'DO $$ BEGIN END $$;\nALTER TABLE nope ADD COLUMN x int;' }]),
    /^a\.sql:2: table nope does not exist \(warnings before it: a\.sql:1: DO block skipped/,
  );
  // What the model cannot hold is refused, every object named.
  throwsError(
    () => os.readSql([{ name: 'v.sql', sql: 'CREATE VIEW a AS SELECT 1;\nCREATE DOMAIN d AS int;' }]),
    /^2 object\(s\) cannot be modelled: v\.sql:1: view a: views are not modelled; v\.sql:2: domain d: domains are not modelled$/,
  );
});

test('unknown or missing which and format are named', () => {
  throwsError(() => os.report({}, 'html'), /unknown format `html` \(expected one of: markdown, json\)/);
  throwsError(() => os.report({}), /format must be a string \(one of: markdown, json\), not undefined/);
  throwsError(() => os.report({}, 5), /not a number/);
  throwsError(() => os.exportSchema({}, 'bundle', 'json'), /unknown which `bundle` \(expected one of: origin, current, aligned\)/);
  throwsError(() => os.exportSchema({}, 'origin', 'png'), /unknown format `png` \(expected one of: json, sql, mermaid, dbml, dot\)/);
  throwsError(() => os.exportSchema({}, null, 'json'), /which must be a string/);
  throwsError(() => os.exportSchema({}, 'origin', huge), /unknown format `x{60}…`/);
  throwsError(() => os.exportSchema({}, 'origin', {}), /not an object/);
});

test('a refusal to generate is an Error that names the divergences', () => {
  // veza's Origin given beside the preset: its decisions go with it, nothing resolves
  // the differences from veza's current schema.
  const input = { preset: 'veza', origin: JSON.parse(os.exportSchema({}, 'origin', 'json')) };
  const e = throwsError(() => os.genSql(input), /^\d+ unresolved divergences?/);
  assert.match(e.message, /users/);
  const report = os.report(input, 'json');
  assert.equal(report.plan.status, 'refused');
  assert.equal(report.plan.reason, e.message);
});

test('garbage SQL is read or refused, never a trap', () => {
  const pieces = [
    '', ';;;', 'CREATE', 'CREATE TABLE', 'CREATE TABLE t (', ')', '$$', '$q$ unterminated', "'",
    '"', '/* open', '-- only a comment', '\\i other.sql', 'DO $$ BEGIN END $$;', 'SELECT 1;',
    'CREATE TABLE t (id int PRIMARY KEY);', 'CREATE TABLE t (id int);', 'DROP TABLE t;',
    'ALTER TABLE t ADD COLUMN x int;', 'CREATE INDEX i ON t (x);', 'CREATE TYPE e AS ENUM ();',
    `CREATE TABLE t (x int CHECK (${'('.repeat(5000)}x${')'.repeat(5000)} > 0));`,
    `SELECT ${'('.repeat(100000)};`, 'CREATE TABLE "a""b" ("é" text DEFAULT E\'\\x41\');',
    '\u0000\uffff\ud800', 'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;',
  ];
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const inputs = pieces.map((p) => [p]);
  for (let i = 0; i < 300; i++) {
    const n = 1 + Math.floor(random() * 6);
    inputs.push(Array.from({ length: n }, () => pieces[Math.floor(random() * pieces.length)]));
  }
  for (const parts of inputs) {
    const files = [{ name: 'f.sql', sql: parts.join('\n') }];
    try {
      const { schema, warnings } = os.readSql(files);
      assert.equal(typeof schema, 'object');
      assert.ok(Array.isArray(warnings));
    } catch (e) {
      assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `${parts.join(' | ').slice(0, 200)}: ${e}`);
    }
  }
  assert.equal(os.genSql({}).length, 6, 'the module still works');
});

function describe(v) {
  try {
    return typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : String(v).slice(0, 40);
  } catch {
    return typeof v;
  }
}
