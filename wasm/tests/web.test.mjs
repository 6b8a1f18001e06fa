// The browser build (ES module, wasm/pkg/web) loaded in Node: the same results.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { PKG, os } from './helpers.mjs';

test('the web build initializes and gives the same bytes as the Node build', async () => {
  const web = await import(pathToFileURL(path.join(PKG, 'web/origin_schema.js')).href);
  web.initSync({ module: fs.readFileSync(path.join(PKG, 'web/origin_schema_bg.wasm')) });
  assert.deepEqual(web.presets(), os.presets());
  assert.deepEqual(web.genSql({}), os.genSql({}));
  assert.equal(web.exportSchema({}, 'aligned', 'mermaid'), os.exportSchema({}, 'aligned', 'mermaid'));
  const a = new web.Analysis({});
  assert.deepEqual(a.divergences(), os.diff({}));
  assert.equal(a.report('markdown'), os.report({}, 'markdown'));
  assert.throws(() => web.diff(5), (e) => e instanceof Error && /not a number/.test(e.message));
});

test('package.json points at files that exist', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'origin-schema');
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  const targets = [pkg.main, pkg.types, ...Object.values(pkg.exports).flatMap((e) =>
    typeof e === 'string' ? [e] : Object.values(e))];
  for (const t of [...targets, ...pkg.files]) assert.ok(fs.existsSync(path.join(PKG, t)), t);
  assert.ok(fs.existsSync(path.join(PKG, 'README.md')));
});
