// A panic in the Rust code (`__panicForTests` panics on purpose) reaches JavaScript as an
// Error carrying its message, never a bare `RuntimeError: unreachable`; the next call runs
// on a fresh instance and answers as before; an object made before the panic refuses
// every call clearly (it lived in the old instance's memory). Its own file: node --test
// runs each file in a process of its own, so no other test sees these panics.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { PKG, bookshop, os, throwsError } from './helpers.mjs';

const STALE = /^Invalid stale object from previous Wasm instance: it was made before a panic restarted the module; make it again$/;

/** A panic, as a caller sees it. */
function panic(api, message) {
  const e = throwsError(() => api.__panicForTests(message), /^origin-schema panicked: /);
  assert.ok(e.message.includes(message), e.message);
  return e;
}

test('a panic is an Error with its message, and the next call works as before', () => {
  const files = os.genSql({});
  const report = os.report(bookshop(), 'markdown');
  const e = panic(os, 'boom');
  assert.equal(e.constructor, Error);
  assert.match(e.message, /panicked at wasm\/src\/lib\.rs:\d+:\d+:\nboom$/);
  // The next call: a free function, then a new object.
  assert.deepEqual(os.genSql({}), files);
  panic(os, 'boom again');
  assert.deepEqual(new os.Analysis({}).files(), files);
  assert.equal(new os.Analysis(bookshop()).report('markdown'), report);
});

test('an object made before a panic refuses every call clearly, also the first one', () => {
  const before = new os.Analysis({});
  const files = before.files();
  panic(os, 'boom');
  // The first call after the panic is a method of the old object: it must not reach the
  // new instance with the old pointer (wasm-bindgen 0.2.130's glue let it; see
  // wasm/patch-glue.mjs).
  const calls = {
    files: () => before.files(),
    divergences: () => before.divergences(),
    report: () => before.report('json'),
    export: () => before.export('aligned', 'sql'),
    schema: () => before.schema('origin'),
    project: () => before.project(),
    unresolved: () => before.unresolved(),
    name: () => before.name,
    inputsSha256: () => before.inputsSha256,
    warnings: () => before.warnings,
    fromPreset: () => before.fromPreset,
  };
  for (const [name, call] of Object.entries(calls)) {
    assert.doesNotThrow(() => throwsError(call, STALE), name);
  }
  // Freeing it is safe (it only forgets its pointer) and leaves the module working.
  before.free();
  before.free();
  const again = new os.Analysis({});
  assert.deepEqual(again.files(), files);
  again.free();
  throwsError(() => again.files(), /null pointer passed to rust/);
});

test('many panics in a row: each an Error, and the module still answers the same', () => {
  const expected = os.report({}, 'json');
  const kept = [];
  for (let i = 0; i < 25; i++) {
    kept.push(new os.Analysis({}));
    panic(os, `boom ${i}`);
    assert.deepEqual(os.report({}, 'json'), expected, `after panic ${i}`);
  }
  for (const a of kept) throwsError(() => a.divergences(), STALE);
});

test('the browser build (wasm/pkg/web) restarts after a panic too', async () => {
  const web = await import(pathToFileURL(path.join(PKG, 'web/origin_schema.js')).href);
  web.initSync({ module: fs.readFileSync(path.join(PKG, 'web/origin_schema_bg.wasm')) });
  const files = web.genSql({});
  const before = new web.Analysis({});
  panic(web, 'boom');
  throwsError(() => before.files(), STALE);
  assert.deepEqual(web.genSql({}), files);
  assert.deepEqual(new web.Analysis({}).files(), files);
});
