// The TypeScript declarations describe the real values: a usage file type-checks under
// --strict, and the actual results of each function, written out as literals of their
// declared types, pass tsc's excess-property checks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import osTmp from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { PKG, ROOT, bookshop, cli, os, read } from './helpers.mjs';

const TSC = path.join(ROOT, 'wasm/node_modules/.bin/tsc');

test('tsc --strict accepts the usage and the real results', { skip: !fs.existsSync(TSC) && 'no tsc' }, () => {
  const dir = fs.mkdtempSync(path.join(osTmp.tmpdir(), 'origin-schema-types-'));
  try {
    const project = os.loadSpec(cli('export', '--format', 'json'));
    const { name, origin, current, modules } = project;
    // Every kind of divergence, every convention stated, and a project read from SQL
    // beside a preset.
    const everyKind = new os.Analysis(JSON.parse(read('wasm/tests/fixtures/every-kind.json')));
    const originSql = `${read('examples/bookshop/origin.sql')}\nCREATE TABLE (;\n`;
    const beside = new os.Analysis({ preset: 'veza', origin: { sql: [{ name: 'origin.sql', sql: originSql }] } });
    assert.equal(new Set(everyKind.divergences().map((d) => d.kind)).size, 36);
    assert.ok(beside.warnings.length > 0 && beside.fromPreset !== undefined);
    const values = [
      ['Project', project],
      ['Bundle', { name, origin, current, modules }],
      ['Divergence[]', os.diff({})],
      ['Divergence[]', everyKind.divergences()],
      ['Report', os.report({}, 'json')],
      ['Report', everyKind.report('json')],
      ['Report', os.report({ origin: bookshop().origin, preset: 'veza' }, 'json')],
      ['Project', everyKind.project()],
      ['Conventions', JSON.parse(read('examples/bookshop/conventions.json'))],
      ['GeneratedFile[]', os.genSql({})],
      ['SqlRead', os.readSql(bookshop().current.sql)],
      ['SqlWarning[]', beside.warnings],
      ['FromPreset', beside.fromPreset],
      ['Schema', JSON.parse(read('wasm/tests/fixtures/awkward.json'))],
      ['Schema', beside.schema('aligned')],
    ];
    const types = [...new Set(values.map(([type]) => type.replace('[]', '')))];
    const lines = [`import type { ${types.join(', ')} } from "origin-schema";`];
    values.forEach(([type, value], i) => {
      lines.push(`export const v${i}: ${type} = ${JSON.stringify(value, null, 1)};`);
    });
    fs.writeFileSync(path.join(dir, 'shapes.ts'), lines.join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', module: 'preserve', moduleResolution: 'bundler',
        // The class declares [Symbol.dispose]: lib esnext.disposable (or skipLibCheck).
        lib: ['es2022', 'dom', 'esnext.disposable'], types: [], skipLibCheck: false,
        paths: { 'origin-schema': [path.join(PKG, 'origin_schema.d.ts')],
                 'origin-schema/web': [path.join(PKG, 'web/origin_schema.d.ts')] },
      },
      files: [path.join(ROOT, 'wasm/tests/types/usage.ts'), path.join(dir, 'shapes.ts')],
    }));
    const r = spawnSync(TSC, ['-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    assert.equal(r.status, 0, `tsc:\n${r.stdout}${r.stderr}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
