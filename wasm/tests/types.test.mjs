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
    const originSql = `${read('examples/bookshop/origin.sql')}\nDO $$ BEGIN END $$;\n`;
    const beside = new os.Analysis({ preset: 'veza', origin: { sql: [{ name: 'origin.sql', sql: originSql }] } });
    assert.equal(new Set(everyKind.divergences().map((d) => d.kind)).size, 36);
    assert.ok(beside.warnings.length > 0 && beside.fromPreset !== undefined);
    // Every index, constraint, column, table and schema form the model holds
    // (tests/fixtures/real/forms): Origin from its schema.sql, the current schema from
    // older.sql, which lacks some of them.
    const forms = (name) => ({ sql: [{ name: `${name}.sql`, sql: read(`tests/fixtures/real/forms/${name}.sql`) }] });
    const allForms = new os.Analysis({ origin: forms('schema'), current: forms('older') });
    const formsOrigin = JSON.parse(allForms.export('origin', 'json'));
    assert.deepEqual(allForms.schema('origin'), formsOrigin);
    assert.deepEqual(formsOrigin.schemas.audit, { comment: 'Append-only audit trail, written by triggers and the app' });
    const { tables } = formsOrigin;
    assert.ok(tables['audit.log_entries'].columns.action);
    assert.deepEqual(tables.users.indexes.users_lower_username_idx.columns, [{ expression: 'lower(username)' }]);
    assert.deepEqual(tables.documents.indexes.documents_title_c_idx.columns,
      [{ column: 'title', collation: '"C"', opclass: 'text_pattern_ops', descending: true }]);
    assert.deepEqual(tables.users.indexes.users_org_id_idx.include, ['email', 'username']);
    const exclude = tables.price_history.constraints.price_history_no_overlap;
    assert.equal(exclude.kind, 'exclude');
    assert.equal(exclude.method, 'gist');
    assert.equal(exclude.deferrable, 'deferred');
    assert.deepEqual(exclude.elements[0], { key: 'product_id', operator: '=' });
    assert.equal(typeof exclude.elements[1].key.expression, 'string');
    assert.equal(tables.bookings.constraints.bookings_no_overlap.comment, 'A room cannot be booked twice at the same time');
    assert.equal(tables.memberships.constraints.memberships_pkey.deferrable, 'deferred');
    assert.equal(tables.categories.constraints.categories_parent_position_key.deferrable, 'immediate');
    assert.deepEqual(tables.orgs.constraints.orgs_pkey.index, { with: { fillfactor: '90' } });
    assert.equal(tables.products.constraints.products_barcode_key.nulls_not_distinct, true);
    assert.equal(tables.product_variants.constraints.product_variants_org_sku_fkey.match_full, true);
    assert.equal(tables.payments.constraints.payments_invoice_id_fkey.not_valid, true);
    assert.equal(tables.users.constraints.users_username_length.no_inherit, true);
    assert.equal(tables.session_cache.unlogged, true);
    assert.deepEqual(tables.events.with, { fillfactor: '80', autovacuum_enabled: 'false' });
    assert.equal(tables.users.columns.username.collation, '"C"');
    assert.equal(tables.users.columns.settings.storage, 'external');
    assert.equal(tables.users.columns.email.statistics, 500);
    assert.equal(tables.documents.columns.id.identity.sequence, 'documents_seq');
    const formsDivergences = allForms.divergences();
    assert.ok(formsDivergences.some((d) => d.kind === 'missing_index' && typeof d.index.columns[0] === 'object'));
    assert.ok(formsDivergences.some((d) => d.kind === 'missing_constraint' && d.constraint.not_valid));
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
      ['Schema', formsOrigin],
      ['Schema', allForms.schema('current')],
      ['Schema', allForms.schema('aligned')],
      ['Divergence[]', formsDivergences],
      ['Report', allForms.report('json')],
      ['Project', allForms.project()],
      ['SqlRead', os.readSql(forms('schema').sql)],
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
