// The schema explorer in a real browser (Debian's Chromium): what it shows, that its SQL
// is the CLI's byte for byte, files the user opens, the URL, errors.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { unzipSync } from 'fflate';

import { ROOT, cli, cliSql, drawn, open, screenshotPath, start, timings, watch } from './helpers.mjs';

const VEZA_TABLES = ['users', 'refresh_tokens', 'federated_identities', 'user_profiles', 'files', 'tracks', 'playlists', 'playlist_tracks'];
const BOOKSHOP = path.join(ROOT, 'examples', 'bookshop');

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const listNames = (page) => page.$$eval('#table-list [role=option]', (els) => els.map((e) => e.dataset.name));
const text = (page, sel) => page.locator(sel).innerText();
const stats = (page) => page.evaluate(() => ({ ...window.explorer.stats }));
/** The table a divergence's subject belongs to (the CLI's JSON), as the page keys tables. */
const tableOf = (s) => {
  const q = s.kind === 'table' ? s.name : s.table;
  return q && (q.schema ? `${q.schema}.${q.name}` : q.name);
};

describe('the Veza preset', () => {
  let page;
  let problems;
  before(async () => {
    ({ page, problems } = await open(env.context, env.url));
  });
  after(async () => page?.close());

  test('the page loads with no console error, page error or failed request', async (t) => {
    assert.deepEqual(problems, []);
    assert.equal(await page.locator('#errors .error').count(), 0);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.state), 'ready');
    const tm = await timings(page);
    t.diagnostic(`navigation to Veza diagram drawn: ${tm.fromNavigationMs} ms (package ${tm.packageMs} ms, layout ${tm.layoutMs} ms, drawing ${tm.drawMs} ms); wasm ${tm.wasmBytes} bytes`);
    assert.match(await text(page, '#wasm-size'), /wasm package: \d/);
  });

  test('shows its 8 tables, in the list and in the diagram', async () => {
    assert.deepEqual(await listNames(page), VEZA_TABLES);
    const nodes = await page.$$eval('#diagram g.node', (els) => els.map((e) => e.dataset.table));
    assert.deepEqual(nodes.sort(), [...VEZA_TABLES].sort());
    assert.match(await text(page, '#list-count'), /8 tables/);
    assert.match(await text(page, '#project'), /veza · Origin 8 tables, current 6 · 66 divergences: 57 resolved by decisions, 9 added, 0 unresolved/);
    // The legend counts every category, and the diagram colours them.
    const legend = (await page.$eval('#legend', (e) => e.textContent)).replace(/\s+/g, ' ');
    assert.match(legend, /added \(37\).*legacy kept \(11\).*renamed \(10\).*converted \(8\).*unresolved \(0\)/);
    assert.equal(await page.locator('#diagram g.node.t-added').count(), 2); // user_profiles, files
    assert.ok((await page.locator('#diagram g.row.cat-legacy').count()) > 0);
    assert.ok((await page.locator('#diagram g.row.cat-converted').count()) > 0);
  });

  test('clicking tracks in the diagram shows its columns and divergences with their decisions', async () => {
    await page.locator('#diagram g.node[data-table="tracks"] text.tname').click();
    await page.waitForSelector('#detail-title:has-text("tracks")');
    assert.match(page.url(), /table=tracks/);
    // The naming mismatch creator_id / user_id, resolved by decision 9.
    const naming = page.locator('#table-divergences li[data-kind="naming_mismatch"][data-object="tracks.creator_id"]');
    assert.equal(await naming.getAttribute('data-decision'), '9');
    assert.deepEqual(JSON.parse(await naming.getAttribute('data-subject')), { kind: 'column', table: { name: 'tracks' }, column: 'creator_id' });
    const namingText = await naming.innerText();
    assert.match(namingText, /Origin: creator_id; current: user_id/);
    assert.match(namingText, /decision 9 \(keep legacy name\)/);
    // visibility is derived from status: decision 11.
    const derive = page.locator('#table-divergences li[data-object="tracks.visibility"]');
    assert.equal(await derive.getAttribute('data-decision'), '11');
    assert.match(await derive.innerText(), /decision 11 \(derive\)/);
    // Side by side: creator_id in Origin is user_id in the current schema and the end state.
    const row = page.locator('table.columns tr[data-column="creator_id"] td');
    assert.deepEqual(
      (await row.allInnerTexts()).map((s) => s.split('\n')[0].replace(/^\S+\s(?=\S)/, (m) => (/^[L+∅RC!]\s$/.test(m) ? '' : m))),
      ['creator_id', 'user_id', 'user_id'],
    );
    assert.equal(await page.locator('#diagram g.node.selected').getAttribute('data-table'), 'tracks');
    assert.equal(await page.locator('#table-list [aria-selected=true]').getAttribute('data-name'), 'tracks');
  });

  test('the keyboard reaches the list, the tabs and the diagram', async () => {
    await page.focus('#table-list');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail-title:has-text("refresh_tokens")');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail-title:has-text("playlist_tracks")');
    await page.focus('#tab-tables');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-sql');
    assert.match(page.url(), /view=sql/);
    await page.keyboard.press('ArrowLeft');
    assert.match(page.url(), /view=tables/);
    const box = () => page.$eval('#diagram svg', (s) => s.getAttribute('viewBox'));
    await page.focus('#diagram');
    const before = await box();
    await page.keyboard.press('+');
    await page.keyboard.press('ArrowRight');
    assert.notEqual(await box(), before);
    await page.keyboard.press('0');
    await page.click('#table-list [data-name="tracks"]');
  });

  test('the search box filters the list and dims the other tables', async () => {
    await page.fill('#search', 'playlist');
    assert.deepEqual(await listNames(page), ['playlists', 'playlist_tracks']);
    assert.equal(await page.locator('#diagram g.node.dim').count(), 6);
    assert.match(await text(page, '#list-count'), /2 of 8 tables match/);
    await page.fill('#search', 'musical_key'); // a column of tracks
    assert.deepEqual(await listNames(page), ['tracks']);
    await page.press('#search', 'Enter');
    await page.waitForSelector('#detail-title:has-text("tracks")');
    await page.fill('#search', '');
    assert.equal((await listNames(page)).length, 8);
    assert.equal(await page.locator('#diagram g.node.dim').count(), 0);
  });
});

describe('the generated SQL', () => {
  let page;
  let reference;
  before(async () => {
    reference = cliSql();
    ({ page } = await open(env.context, env.url, '#view=sql'));
    await page.waitForSelector('#sql-files button.file');
  });
  after(async () => page?.close());

  test('equals the CLI’s output byte for byte, shown and downloaded, file by file', async () => {
    const names = await page.$$eval('#sql-files button.file', (els) => els.map((e) => e.dataset.file));
    assert.deepEqual(names, Object.keys(reference));
    assert.equal(names.length, 6);
    for (const name of names) {
      await page.click(`#sql-files button.file[data-file="${name}"]`);
      await page.waitForSelector(`#sql-code[data-file="${name}"]`);
      const shown = await page.$eval('#sql-code', (e) => e.textContent);
      assert.ok(Buffer.from(shown, 'utf8').equals(reference[name]), `${name} as shown differs from the CLI`);
      assert.match(page.url(), new RegExp(`file=${name.replace('.', '\\.')}`));
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#sql-download')]);
      assert.equal(download.suggestedFilename(), name);
      assert.ok(fs.readFileSync(await download.path()).equals(reference[name]), `${name} as downloaded differs from the CLI`);
    }
  });

  test('download all gives a zip of exactly the six files', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#sql-zip')]);
    assert.equal(download.suggestedFilename(), 'veza-migrations.zip');
    const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
    assert.deepEqual(Object.keys(files).sort(), Object.keys(reference));
    for (const [name, bytes] of Object.entries(files)) assert.ok(Buffer.from(bytes).equals(reference[name]), `${name} in the zip differs from the CLI`);
  });

  test('copy puts the file on the clipboard', async () => {
    await env.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('#sql-files button.file[data-file="030_files.sql"]');
    await page.click('#sql-copy');
    await page.waitForFunction(() => /Copied 030_files\.sql/.test(document.getElementById('announce').textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), reference['030_files.sql'].toString('utf8'));
  });
});

describe('the report and the exports', () => {
  let page;
  before(async () => {
    ({ page } = await open(env.context, env.url, '#view=report'));
  });
  after(async () => page?.close());

  test('the report is rendered from the package’s Markdown', async () => {
    await page.waitForSelector('#report-body h1');
    assert.equal(await text(page, '#report-body h1'), 'Divergence report: veza');
    assert.ok((await page.locator('#report-body table').count()) >= 1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-download')]);
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), cli(['report']));
  });

  for (const [format, which] of [['json', 'aligned'], ['mermaid', 'aligned'], ['dbml', 'origin'], ['dot', 'current']]) {
    test(`${format} of ${which} equals the CLI’s export`, async () => {
      await page.goto(`${env.url}#view=export&schema=${which}&format=${format}`);
      await page.waitForSelector(`#export-preview[data-format="${format}"]`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-download')]);
      assert.equal(download.suggestedFilename(), `veza-${which}.${{ json: 'json', mermaid: 'mmd', dbml: 'dbml', dot: 'dot' }[format]}`);
      assert.equal(fs.readFileSync(await download.path(), 'utf8'), cli(['export', '--which', which, '--format', format]));
    });
  }

  test('the SVG of the diagram is a standalone picture of the tables', async () => {
    await page.goto(`${env.url}#view=export&schema=aligned&format=svg`);
    await page.waitForSelector('#export-preview[data-format="svg"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-download')]);
    assert.equal(download.suggestedFilename(), 'veza-aligned.svg');
    const svg = fs.readFileSync(await download.path(), 'utf8');
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal(svg.match(/<g class="node[ "]/g).length, 8);
    // It parses as XML, in the browser that will show it.
    const ok = await page.evaluate((s) => !new DOMParser().parseFromString(s, 'image/svg+xml').querySelector('parsererror'), svg);
    assert.ok(ok);
  });
});

describe('your own files: the bookshop example', () => {
  const migrations = path.join(BOOKSHOP, 'migrations');
  const args = ['--origin', path.join(BOOKSHOP, 'origin.sql'), '--current', migrations, '--decisions', path.join(BOOKSHOP, 'decisions.json')];

  /** Checks that the page shows what the CLI's `diff` says about bookshop. */
  async function assertBookshop(page) {
    // The package names a project made of parts after the kinds of the parts.
    await drawn(page, 'origin (1 sql file), current (3 sql files), decisions (json)');
    const expected = JSON.parse(cli(['diff', '--format', 'json', ...args]));
    assert.equal(expected.length, 16);
    assert.match(await text(page, '#project'), /Origin 5 tables, current 4 · 16 divergences: 7 resolved by decisions, 9 added, 0 unresolved/);
    assert.deepEqual(await listNames(page), ['customers', 'publishers', 'books', 'orders', 'order_lines']);
    // Each table's divergences, as the detail lists them, are the CLI's.
    for (const table of ['customers', 'books', 'orders', 'order_lines', 'publishers']) {
      await page.click(`#table-list [data-name="${table}"]`);
      await page.waitForSelector(`#detail-title:has-text("${table}")`);
      const shown = await page.$$eval('#table-divergences li', (els) => els.map((e) => `${e.dataset.kind} ${e.dataset.subject} ${e.dataset.decision}`));
      const want = expected
        .filter((d) => tableOf(d.subject) === table)
        .map((d) => `${d.kind} ${JSON.stringify(d.subject)} ${d.resolution.by === 'decision' ? d.resolution.id : d.resolution.by}`);
      assert.deepEqual(shown, want, table);
    }
    const state = page.locator('#table-divergences li[data-kind="type_mismatch"][data-object="orders.state"]');
    assert.equal(await state.count(), 0); // orders was clicked before publishers
    await page.click('#table-list [data-name="orders"]');
    assert.match(await page.locator('#table-divergences li[data-object="orders.state"]').first().innerText(), /decision 2 \(convert type\): orders\.state becomes the enum order_state/);
    // The SQL is the CLI's, but for the header line that names the inputs (paths there, kinds here).
    await page.click('#tab-sql');
    await page.waitForSelector('#sql-files button.file');
    const reference = cliSql(args);
    const names = await page.$$eval('#sql-files button.file', (els) => els.map((e) => e.dataset.file));
    assert.deepEqual(names, Object.keys(reference));
    for (const name of names) {
      await page.click(`#sql-files button.file[data-file="${name}"]`);
      await page.waitForSelector(`#sql-code[data-file="${name}"]`);
      const strip = (s) => s.replace(/^-- Generated by .*$/m, '-- Generated by');
      assert.equal(strip(await page.$eval('#sql-code', (e) => e.textContent)), strip(reference[name].toString('utf8')), name);
    }
  }

  test('dropped: origin.sql picked, the migrations dropped as files, decisions picked', async () => {
    const page = await env.context.newPage();
    const problems = watch(page);
    await page.goto(env.url);
    await drawn(page, 'veza');
    await page.click('#open-files summary');
    await page.setInputFiles('#origin-files', path.join(BOOKSHOP, 'origin.sql'));
    await page.waitForSelector('#origin-status:has-text("1 .sql file")');
    // A drop of the three migrations, given in reverse order: the page applies them by name.
    const files = fs.readdirSync(migrations).sort().reverse().map((name) => ({ name, sql: fs.readFileSync(path.join(migrations, name), 'utf8') }));
    await page.evaluate((files) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.sql], f.name, { type: 'application/sql' }));
      const zone = document.getElementById('current-zone');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    await page.waitForSelector('#current-status:has-text("3 .sql files (001_init.sql, 002_orders.sql, 003_order_lines.sql)")');
    await page.setInputFiles('#decisions-files', path.join(BOOKSHOP, 'decisions.json'));
    await page.waitForSelector('#decisions-status:has-text("decisions.json")');
    await page.waitForSelector('#project:has-text("16 divergences")');
    // A project of its own: no part from the preset, and no convention stated.
    assert.match(await text(page, '#source-status'), /Showing your files, a project of their own/);
    assert.match(await text(page, '#source-status li[data-part="conventions"]'), /none stated/);
    assert.equal(await page.locator('#from-preset').count(), 0);
    await assertBookshop(page);
    await page.click('#tab-tables');
    await page.click('#overview');
    await page.waitForSelector('#no-conventions');

    // Its conventions: the overview lists them as the CLI's report does, and the SQL follows them.
    await page.setInputFiles('#conventions-files', path.join(BOOKSHOP, 'conventions.json'));
    await page.waitForSelector('#conventions-status:has-text("conventions.json")');
    await page.waitForSelector('#detail dl.global');
    const withConventions = [...args, '--conventions', path.join(BOOKSHOP, 'conventions.json')];
    const global = JSON.parse(cli(['report', '--format', 'json', ...withConventions])).global;
    assert.deepEqual(await page.$$eval('#detail dl.global dt', (els) => els.map((e) => e.firstChild.textContent)), global.map((g) => g.feature));
    await page.click('#tab-sql');
    const strip = (s) => s.replace(/^-- Generated by .*$/m, '-- Generated by');
    for (const [name, bytes] of Object.entries(cliSql(withConventions))) {
      await page.click(`#sql-files button.file[data-file="${name}"]`);
      await page.waitForSelector(`#sql-code[data-file="${name}"]`);
      assert.equal(strip(await page.$eval('#sql-code', (e) => e.textContent)), strip(bytes.toString('utf8')), name);
    }
    await page.click('#tab-tables');
    await page.click('#table-list [data-name="orders"]');
    await page.waitForSelector('#detail-title:has-text("orders")');
    await page.screenshot({ path: screenshotPath('explorer-bookshop.png') });
    // Back to the preset.
    await page.click('#use-preset');
    await page.waitForSelector('#project:has-text("66 divergences")');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('picked as a folder', async () => {
    const page = await env.context.newPage();
    const problems = watch(page);
    await page.goto(env.url);
    await drawn(page, 'veza');
    await page.click('#open-files summary');
    await page.setInputFiles('#origin-files', path.join(BOOKSHOP, 'origin.sql'));
    await page.waitForSelector('#origin-status:has-text("1 .sql file")');
    await page.setInputFiles('#current-folder', migrations);
    await page.waitForSelector('#current-status:has-text("3 .sql files from migrations/")');
    await page.setInputFiles('#decisions-files', path.join(BOOKSHOP, 'decisions.json'));
    await page.waitForSelector('#project:has-text("16 divergences")');
    await assertBookshop(page);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('the URL', () => {
  test('keeps the view, the schema and the table: a reload, back and forward', async () => {
    const { page, problems } = await open(env.context, env.url, '#view=tables&schema=current&table=tracks');
    assert.equal(await page.locator('input[name=schema][value=current]').isChecked(), true);
    assert.equal(await text(page, '#detail-title'), 'tracks');
    await page.click('#table-list [data-name="refresh_tokens"]');
    await page.waitForSelector('#detail-title:has-text("refresh_tokens")');
    await page.check('input[name=schema][value=origin]');
    await page.waitForSelector('#diagram[data-state="drawn"]');
    await page.click('#tab-sql');
    await page.click('#sql-files button.file[data-file="010_auth.sql"]');
    const link = page.url();
    assert.match(link, /view=sql&schema=origin&table=refresh_tokens&file=010_auth\.sql/);

    await page.reload();
    await page.waitForSelector('#sql-code[data-file="010_auth.sql"]');
    assert.equal(page.url(), link);
    assert.equal(await page.locator('#tab-sql').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('input[name=schema][value=origin]').isChecked(), true);
    await page.click('#tab-tables');
    await drawn(page, 'veza');
    assert.equal(await text(page, '#detail-title'), 'refresh_tokens');
    assert.equal(await page.locator('#table-list [aria-selected=true]').getAttribute('data-name'), 'refresh_tokens');
    assert.equal(await page.locator('#diagram g.node.selected').getAttribute('data-table'), 'refresh_tokens');

    // The same link in a new tab opens the same view.
    const other = await env.context.newPage();
    await other.goto(link);
    await other.waitForSelector('#sql-code[data-file="010_auth.sql"]');
    assert.equal(await other.locator('#tab-sql').getAttribute('aria-selected'), 'true');
    await other.close();

    await page.goBack(); // to the SQL tab
    await page.waitForFunction(() => location.hash.includes('view=sql'));
    assert.equal(await page.locator('#tab-sql').getAttribute('aria-selected'), 'true');
    await page.goBack(); // the SQL tab before the file was picked
    await page.goBack(); // the diagram of Origin
    await page.waitForFunction(() => location.hash.includes('view=tables') && location.hash.includes('schema=origin'));
    await page.goBack(); // the current schema, refresh_tokens
    await page.waitForFunction(() => location.hash.includes('schema=current'));
    assert.equal(await page.locator('input[name=schema][value=current]').isChecked(), true);
    assert.equal(await text(page, '#detail-title'), 'refresh_tokens');
    await page.goBack(); // tracks
    await page.waitForFunction(() => location.hash.includes('table=tracks'));
    assert.equal(await text(page, '#detail-title'), 'tracks');
    await page.goForward();
    await page.waitForFunction(() => location.hash.includes('table=refresh_tokens'));
    assert.equal(await text(page, '#detail-title'), 'refresh_tokens');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('errors', () => {
  test('a bad project bundle, decisions or SQL: the package’s message, in the page', async () => {
    const { page, problems } = await open(env.context, env.url);
    await page.click('#open-files summary');
    await page.setInputFiles('#spec-files', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "x", ') });
    await page.waitForSelector('#errors .error');
    assert.match(await text(page, '#errors'), /Reading the project bundle: spec is not valid JSON/);
    // Still the preset, still drawn: never a blank page.
    assert.equal(await page.locator('#diagram g.node').count(), 8);
    await page.click('#errors .error .close');
    assert.equal(await page.locator('#errors .error').count(), 0);

    await page.setInputFiles('#decisions-files', { name: 'decisions.json', mimeType: 'application/json', buffer: Buffer.from('[{"id": 1, "title": "x", "actions": [{"kind": "teleport"}]}]') });
    await page.waitForSelector('#errors .error');
    assert.match(await text(page, '#errors'), /Analysing the project: .*teleport/);
    assert.match(await text(page, '#source-status'), /These inputs do not load/);
    assert.equal(await page.locator('#diagram g.node').count(), 8);

    // Clearing the bad part loads again, and the error goes.
    await page.click('#decisions-clear');
    await page.waitForFunction(() => !document.querySelector('#errors .error'));

    // Origin from SQL alone: a project of its own, everything to be added.
    await page.setInputFiles('#origin-files', { name: 'origin.sql', mimeType: 'application/sql', buffer: Buffer.from('CREATE TABLE a (id integer PRIMARY KEY);\nDO $$ BEGIN END $$;\n') });
    await drawn(page, 'origin (1 sql file)');
    assert.match(await text(page, '#project'), /Origin 1 table, current 0 · .* 0 unresolved/);
    assert.match(await text(page, '#source-status li[data-part="current"]'), /Current: none: an empty schema/);
    // What the SQL reader skipped is listed, with file and line.
    assert.match(await text(page, '#source-status'), /Origin: 1 \.sql file \(origin\.sql\) \(1 warning/);
    await page.click('#origin-status .warnings summary');
    assert.match(await text(page, '#origin-status .warnings li'), /^origin\.sql:2: DO block skipped/);

    // The rest from the preset: veza's current schema, and no decision about it (veza's
    // decisions describe veza's Origin): a refused generation.
    await page.check('#with-preset');
    await drawn(page, 'veza, origin (1 sql file)');
    await page.waitForSelector('#project:has-text("unresolved")');
    assert.equal(await text(page, '#from-preset'), 'From the preset veza: current, conventions.');
    assert.match(await text(page, '#source-status li[data-part="current"]'), /Current: from the preset veza/);
    assert.match(await text(page, '#source-status li[data-part="decisions"]'), /Decisions: none/);
    assert.match(await text(page, '#source-status'), /Origin: 1 \.sql file \(origin\.sql\) \(1 warning/);
    await page.click('#tab-sql');
    await page.waitForSelector('#sql-error:not([hidden])');
    assert.match(await text(page, '#sql-error'), /No SQL: Generating the SQL: \d+ unresolved divergence/);
    // The current schema's tables that Origin lacks, with no decision: unresolved, in red.
    await page.click('#tab-tables');
    await page.check('input[name=schema][value=current]');
    await page.waitForSelector('#diagram[data-key$=":current"][data-state="drawn"]', { state: 'attached' });
    assert.equal(await page.locator('#diagram g.node.t-unresolved').count(), 6);
    assert.match((await page.$eval('#legend', (e) => e.textContent)).replace(/\s+/g, ' '), /unresolved \([1-9]\d*\)/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('the package', () => {
  test('one Analysis per load: every view, schema and export asks it, never the package again', async () => {
    const { page, problems } = await open(env.context, env.url);
    assert.deepEqual(await stats(page), { analyses: 1, restarts: 0 });
    const views = [
      ['#view=tables&schema=origin', '#diagram[data-key$=":origin"][data-state="drawn"]'],
      ['#view=tables&schema=current&table=tracks', '#detail-title:has-text("tracks")'],
      ['#view=sql&schema=current', '#sql-code[data-file="001_extensions_and_types.sql"]'],
      ['#view=report&schema=current', '#report-body h1'],
      ...['json', 'mermaid', 'dbml', 'dot', 'markdown'].map((f) => [`#view=export&schema=current&format=${f}`, `#export-preview[data-format="${f}"]`]),
      ['#view=export&schema=aligned&format=dbml', '#export-name:has-text("veza-aligned.dbml")'],
    ];
    for (const [hash, ready] of views) {
      await page.evaluate((h) => (location.hash = h), hash);
      await page.waitForSelector(ready, { state: 'attached' });
    }
    assert.equal((await stats(page)).analyses, 1);
    // A new source is a new load: one more.
    await page.click('#open-files summary');
    await page.setInputFiles('#origin-files', path.join(BOOKSHOP, 'origin.sql'));
    await drawn(page, 'origin (1 sql file)');
    assert.equal((await stats(page)).analyses, 2);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('after a panic in the package the page keeps working: its next question makes the Analysis again', async () => {
    const reference = cliSql();
    const { page, problems } = await open(env.context, env.url);
    const message = await page.evaluate(() => {
      try {
        window.explorer.panicForTests('boom');
      } catch (e) {
        return e.message;
      }
    });
    assert.match(message, /^Panicking on purpose: origin-schema panicked: .*\nboom$/s);
    await page.click('#tab-sql');
    await page.click('#sql-files button.file[data-file="040_streaming.sql"]');
    await page.waitForSelector('#sql-code[data-file="040_streaming.sql"]');
    assert.ok(Buffer.from(await page.$eval('#sql-code', (e) => e.textContent), 'utf8').equals(reference['040_streaming.sql']));
    assert.deepEqual(await stats(page), { analyses: 2, restarts: 1 });
    assert.equal(await page.locator('#errors .error').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

test('axe finds no accessibility violation in any view', async () => {
  const axe = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  for (const hash of ['#view=tables&schema=aligned&table=tracks', '#view=tables&schema=current', '#view=sql', '#view=report', '#view=export&format=dbml']) {
    const { page } = await open(env.context, env.url, hash);
    await page.click('#open-files summary'); // the file inputs too
    await page.evaluate(axe); // through the DevTools protocol: the page's CSP allows no inline script
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
    assert.deepEqual(violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], hash);
    await page.close();
  }
});

test('screenshot: the Veza preset, tracks selected', async () => {
  const { page } = await open(env.context, env.url, '#view=tables&schema=aligned&table=tracks');
  await page.waitForSelector('#detail-title:has-text("tracks")');
  await page.screenshot({ path: screenshotPath('explorer-veza.png') });
  await page.close();
});
