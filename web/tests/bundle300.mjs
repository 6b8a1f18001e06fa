// A synthetic project bundle (the CLI's --spec format) with `n` tables and foreign keys
// between them, for the size test. Deterministic. Every tenth table is new in Origin;
// some columns are renamed, kept as legacy, converted to an enum, or added.
export function bundle300(n = 300) {
  const origin = { extensions: ['pgcrypto'], enums: { status_kind: { labels: ['draft', 'active', 'archived'] } }, tables: {} };
  const current = { extensions: ['pgcrypto'], tables: {} };
  const decisions = [];
  const name = (i) => `t${String(i).padStart(3, '0')}_${['orders', 'items', 'people', 'events', 'notes', 'tags'][i % 6]}`;
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < n; i++) {
    const t = name(i);
    const cols = { id: { type: 'uuid', not_null: true, default: 'gen_random_uuid()' } };
    const cons = { [`${t}_pkey`]: { kind: 'primary_key', columns: ['id'] } };
    const refs = i === 0 ? [] : [Math.floor(rnd() * i), ...(rnd() < 0.5 ? [Math.floor(rnd() * i)] : [])];
    [...new Set(refs)].forEach((r, k) => {
      const c = `ref${k}_id`;
      cols[c] = { type: 'uuid' };
      cons[`${t}_${c}_fkey`] = { kind: 'foreign_key', columns: [c], references: { table: name(r), columns: ['id'] }, on_delete: 'cascade' };
    });
    const extra = 2 + Math.floor(rnd() * 8);
    for (let k = 0; k < extra; k++) cols[`field_${k}`] = { type: k % 3 ? 'text' : 'integer' };
    cols.title = { type: 'character varying(200)', not_null: true };
    cols.created_at = { type: 'timestamp with time zone', not_null: true, default: 'now()' };
    origin.tables[t] = { columns: cols, constraints: cons };
    if (i % 10 === 9) continue; // only in Origin: added by the migration
    const ccols = structuredClone(cols);
    // The current schema lacks every tenth table: no foreign key may point at one.
    const ccons = Object.fromEntries(Object.entries(cons).filter(([, c]) => c.kind !== 'foreign_key' || origin.tables[c.references.table] && Number(c.references.table.slice(1, 4)) % 10 !== 9));
    if (i % 10 === 1) { // renamed: current has `label` where Origin has `title`
      const { title, ...rest } = ccols;
      for (const k of Object.keys(ccols)) delete ccols[k];
      Object.assign(ccols, rest, { label: title });
      decisions.push({ id: decisions.length + 1, title: `${t}: label becomes title`, actions: [{ kind: 'rename', table: t, from: 'label', to: 'title' }] });
    }
    if (i % 10 === 3) { // a legacy column kept
      ccols.legacy_code = { type: 'text' };
      decisions.push({ id: decisions.length + 1, title: `${t}: keep legacy_code`, actions: [{ kind: 'keep_legacy_column', table: t, column: 'legacy_code', note: 'read by the old API' }] });
    }
    if (i % 10 === 5) { // a type conversion
      origin.tables[t].columns.status = { type: 'status_kind' };
      ccols.status = { type: 'text' };
      decisions.push({ id: decisions.length + 1, title: `${t}: status becomes status_kind`, actions: [{ kind: 'convert_type', table: t, column: 'status', map: { normalize: ['btrim', 'lower'], identity: true, else: 'error' } }] });
    }
    if (i % 10 === 7) delete ccols.created_at; // added without a decision
    current.tables[t] = { columns: ccols, constraints: ccons };
  }
  const tables = Object.keys(origin.tables);
  return {
    name: `synthetic-${n}`,
    origin,
    current,
    decisions,
    modules: [
      { file: '001_extensions_and_types.sql', title: 'Extensions and types', extensions: ['pgcrypto'], types: ['status_kind'] },
      { file: '010_tables.sql', title: 'Tables', tables },
    ],
  };
}
