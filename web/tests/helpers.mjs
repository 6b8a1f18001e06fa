// Shared by the browser tests: the server, Debian's Chromium driven by playwright-core
// (never a downloaded browser), the native CLI (the reference), and what went wrong in a page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { serve } from '../serve.mjs';

export const WEB = fileURLToPath(new URL('..', import.meta.url));
export const ROOT = path.resolve(WEB, '..');
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
export const CHROMIUM = process.env.ORIGIN_SCHEMA_CHROMIUM ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1440, height: 900 };

/** Serves web/dist on a free port of 127.0.0.1 and starts Chromium with a fresh profile. */
export async function start() {
  const { server, url } = await serve({ root: path.join(WEB, 'dist'), port: 0 });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'origin-schema-chromium-'));
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'origin-schema-downloads-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    acceptDownloads: true,
    downloadsPath: downloads,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    url,
    context,
    async close() {
      await context.close();
      await new Promise((r) => server.close(r));
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/** Everything that would mean the page is broken: console errors and warnings, page errors,
 * failed requests, HTTP errors. */
export function watch(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** Opens the page at `hash` and waits until the diagram of `project` is drawn. */
export async function open(context, url, hash = '', project = 'veza') {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(url + hash);
  await drawn(page, project);
  return { page, problems };
}

/** Waits until the diagram is drawn: of `project` when given, else of whatever is loaded. */
export async function drawn(page, project, timeout = 30_000) {
  const which = project === undefined ? '' : `[data-project="${project}"]`;
  await page.waitForSelector(`#diagram[data-state="drawn"]${which}`, { timeout, state: 'attached' });
}

export const timings = (page) => page.evaluate(() => ({ ...window.explorer.timings }));

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---- the CLI

export function cliBin() {
  const bin = process.env.ORIGIN_SCHEMA_BIN ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'debug', 'origin-schema');
  if (!fs.existsSync(bin)) throw new Error(`no CLI at ${bin}: run \`cargo build --locked -p origin-schema-cli\` (scripts/test-web.sh does) or set ORIGIN_SCHEMA_BIN`);
  return bin;
}

export function cli(args) {
  return execFileSync(cliBin(), args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `origin-schema gen-sql --out DIR [args]`: { name: bytes } */
export function cliSql(args = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'origin-schema-cli-'));
  try {
    cli(['gen-sql', '--out', dir, ...args]);
    return Object.fromEntries(fs.readdirSync(dir).sort().map((n) => [n, fs.readFileSync(path.join(dir, n))]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function screenshotPath(name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}
