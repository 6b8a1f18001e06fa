// Projects that parse but make little sense (tables, columns and names that vanish or
// collide, decisions about nothing, modules that overlap): every function returns or
// throws an Error; none traps, none panics (a panic would be an Error too, but a defect).
// Seeded, so a failure replays.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { cli, os } from './helpers.mjs';

const base = os.loadSpec(cli('export', '--format', 'json'));
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const keys = (o) => Object.keys(o ?? {});
const words = ['id', 'users', 'x', '', 'user id', 'Weird"Name', 'role', 'files', 'deleted_at', 'a'.repeat(70)];

function table(p) {
  const schema = p[pick(['origin', 'current'])];
  const name = pick(keys(schema.tables));
  return name === undefined ? undefined : [schema, name, schema.tables[name]];
}

const mutations = [
  (p) => { const t = table(p); if (t) delete t[0].tables[t[1]]; },
  (p) => { const t = table(p); if (t) delete t[2].columns[pick(keys(t[2].columns))]; },
  (p) => { const t = table(p); if (t) { t[0].tables[pick(words)] = t[2]; delete t[0].tables[t[1]]; } },
  (p) => { const t = table(p); const c = t && pick(keys(t[2].columns)); if (c) t[2].columns[c].type = pick(['integer', 'text', 'user_role', '', 'nope(', 'uuid[]']); },
  (p) => { const t = table(p); const c = t && pick(keys(t[2].columns)); if (c) t[2].columns[c].not_null = !t[2].columns[c].not_null; },
  (p) => { const t = table(p); const c = t && pick(keys(t[2].columns)); if (c) t[2].columns[c].default = pick(['0', "'x'", 'now()', '']); },
  (p) => { const t = table(p); const k = t && pick(keys(t[2].constraints)); if (k) delete t[2].constraints[k]; },
  (p) => { const t = table(p); const k = t && pick(keys(t[2].constraints)); if (k && t[2].constraints[k].columns) t[2].constraints[k].columns = [pick(words)]; },
  (p) => { const t = table(p); const k = t && pick(keys(t[2].constraints)); if (k && t[2].constraints[k].references) t[2].constraints[k].references.table = pick(words); },
  (p) => { const t = table(p); const k = t && pick(keys(t[2].indexes)); if (k) t[2].indexes[k].columns = [pick(words)]; },
  (p) => { const t = table(p); const k = t && pick(keys(t[2].triggers)); if (k) t[2].triggers[k].function = pick(words); },
  (p) => { const s = p[pick(['origin', 'current'])]; const e = pick(keys(s.enums)); if (e) s.enums[e].labels = pick([[], ['a', 'a'], ['x']]); },
  (p) => { const s = p[pick(['origin', 'current'])]; const f = pick(keys(s.functions)); if (f) delete s.functions[f]; },
  (p) => { [p.origin, p.current] = [p.current, p.origin]; },
  (p) => { p.decisions.splice(Math.floor(random() * p.decisions.length), 1); },
  (p) => { const d = pick(p.decisions); const a = d && pick(d.actions); if (a) for (const k of ['table', 'column', 'from', 'to', 'from_table', 'to_table', 'link_column']) if (k in a) a[k] = pick(words); },
  (p) => { const d = pick(p.decisions); if (d) d.id = pick([0, 1, 2 ** 32 - 1]); },
  (p) => { const d = pick(p.decisions); if (d) p.decisions.push(structuredClone(d)); },
  (p) => { p.modules.splice(Math.floor(random() * p.modules.length), 1); },
  (p) => { const m = pick(p.modules); if (m) m.file = pick(['', '000.sql', p.modules[0].file, 'a/b.sql']); },
  (p) => { const m = pick(p.modules); if (m) m.tables = [...(m.tables ?? []), pick(words)]; },
  (p) => { p.conventions.index_name = pick(['', '{table}', 'idx_{columns}_{columns}_{table}'.repeat(5)]); },
  (p) => { p.conventions.primary_key = null; p.conventions.user_facing_tables = [pick(words)]; },
];

const calls = [
  (p) => os.diff(p), (p) => os.genSql(p), (p) => os.report(p, 'markdown'), (p) => os.report(p, 'json'),
  ...['origin', 'current', 'aligned'].flatMap((w) =>
    ['json', 'sql', 'mermaid', 'dbml', 'dot'].map((f) => (p) => os.exportSchema(p, w, f))),
  // One analysis, every answer.
  (p) => {
    const a = new os.Analysis(p);
    a.divergences();
    a.report('markdown');
    a.report('json');
    a.export('bundle', 'json');
    for (const w of ['origin', 'current', 'aligned']) a.schema(w);
    a.files();
  },
];

test('mutated projects: results or Errors, never a trap', () => {
  const outcomes = { ok: 0, error: 0 };
  for (let i = 0; i < 120; i++) {
    const p = structuredClone(base);
    const n = 1 + Math.floor(random() * 4);
    const applied = [];
    for (let k = 0; k < n; k++) {
      const m = Math.floor(random() * mutations.length);
      mutations[m](p);
      applied.push(m);
    }
    for (const call of calls) {
      try {
        call(p);
        outcomes.ok++;
      } catch (e) {
        outcomes.error++;
        assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && !/^origin-schema panicked/.test(e.message),
          `iteration ${i}, mutations ${applied}: ${e?.stack ?? e}`);
      }
    }
  }
  assert.ok(outcomes.ok > 0 && outcomes.error > 0, JSON.stringify(outcomes));
  assert.equal(os.genSql({}).length, 6, 'the module still works');
});
