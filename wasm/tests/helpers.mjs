// What the tests share: the BUILT package (wasm/pkg, as a folder), the native CLI,
// the example inputs, and a check that a call throws a real Error (never a wasm trap).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PKG = path.join(ROOT, 'wasm/pkg');
export const os = createRequire(import.meta.url)(PKG);

const BIN =
  process.env.ORIGIN_SCHEMA_BIN ||
  path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'debug/origin-schema');

/** Run the native CLI; its standard output as text. */
export function cli(...args) {
  assert.ok(fs.existsSync(BIN), `${BIN}: build it with cargo build --locked -p origin-schema-cli`);
  return execFileSync(BIN, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

export const read = (p) => fs.readFileSync(path.join(ROOT, p), 'utf8');

/** The bookshop example as wasm inputs (the files in lexical order, as the CLI reads a folder). */
export function bookshop() {
  const dir = 'examples/bookshop/migrations';
  const migrations = fs
    .readdirSync(path.join(ROOT, dir))
    .filter((n) => n.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: read(`${dir}/${name}`) }));
  return {
    origin: { sql: [{ name: 'origin.sql', sql: read('examples/bookshop/origin.sql') }] },
    current: { sql: migrations },
    decisions: read('examples/bookshop/decisions.json'),
  };
}

/** `fn()` throws an Error (not a WebAssembly trap) whose message matches `pattern`. */
export function throwsError(fn, pattern) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, 'expected an Error, but the call returned');
  assert.ok(caught instanceof Error, `expected an Error instance, got ${typeof caught}: ${caught}`);
  assert.ok(!(caught instanceof WebAssembly.RuntimeError), `a wasm trap: ${caught.message}`);
  assert.ok(caught.message.length > 0, 'the message is empty');
  if (pattern) assert.match(caught.message, pattern);
  return caught;
}
