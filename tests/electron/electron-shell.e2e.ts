/**
 * End-to-end check of the Electron shell: launches the built app (out/main/index.js) with
 * Playwright and checks the window title, the preload bridge and the renderer's isolation.
 *
 * Not a vitest file (vitest runs tests/**\/*.test.ts). Run after `npx electron-vite build`:
 *   node --import tsx tests/electron/electron-shell.e2e.ts
 *
 * Without an Electron binary it prints SKIPPED and exits 0, or exits 1 when
 * CI_REQUIRE_ELECTRON=1. The binary is looked up the way node_modules/electron/index.js
 * does it, minus its fallback: `require('electron')` starts a download of the binary when it is
 * missing, and this script must never download anything.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { _electron } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN_ENTRY = join(ROOT, 'out/main/index.js');

type BinaryLookup = { found: true; path: string } | { found: false; reason: string };

function findElectronBinary(): BinaryLookup {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf-8').trim() : '';
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, relative || 'electron');
    if (existsSync(path)) return { found: true, path };
    return { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path}` };
  }
  if (!relative) return { found: false, reason: `${pathFile} is missing: the binary was never downloaded` };
  const path = join(pkgDir, 'dist', relative);
  if (existsSync(path)) return { found: true, path };
  return { found: false, reason: `${path} does not exist` };
}

async function checkShell(executablePath: string): Promise<void> {
  assert.ok(existsSync(MAIN_ENTRY), `${MAIN_ENTRY} is missing: run \`npx electron-vite build\` first`);
  // Load the built renderer, never a dev server.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL',
    ),
  );
  const app = await _electron.launch({ executablePath, args: [MAIN_ENTRY], env, timeout: 30_000 });
  try {
    const win = await app.firstWindow();
    await win.waitForLoadState('domcontentloaded');

    assert.equal(await win.title(), 'Studio Desk', 'window title');

    // Expressions as strings: evaluated in the renderer exactly as written, not as transpiled here.
    assert.deepEqual(
      await win.evaluate('Object.keys(window.studio)'),
      ['version', 'request', 'onEvent'],
      'narrow bridge: the contract and nothing else',
    );
    const version = await win.evaluate('window.studio.version()');
    assert.equal(typeof version, 'string', 'window.studio.version() resolves to a string');
    assert.ok((version as string).length > 0, 'version is not empty');

    assert.equal(await win.evaluate('typeof window.require'), 'undefined', 'no require in the renderer');
    assert.equal(await win.evaluate('typeof process'), 'undefined', 'no process in the renderer');
    assert.equal(await win.evaluate('typeof window.ipcRenderer'), 'undefined', 'no raw ipcRenderer');

    // The engine runs in main: the contract answers over IPC, checks params, and logs a dealer in.
    const bad = (await win.evaluate("window.studio.request('session.login', { role: 'dealer' })")) as {
      ok: boolean;
      error?: { code: string };
    };
    assert.equal(bad.error?.code, 'invalid_request', 'params are checked by the contract schema in main');
    const unknown = (await win.evaluate("window.studio.request('no.such', {})")) as {
      error?: { code: string };
    };
    assert.equal(unknown.error?.code, 'unknown_method', 'unknown methods are refused');
    await win.getByText('Dealer', { exact: true }).click();
    await win.fill('#login-user', 'demo-dealer');
    await win.fill('#login-secret', '1234');
    await win.click('button[type=submit]');
    await win.locator('.topbar__user').waitFor({ timeout: 30_000 });
    assert.match(
      (await win.locator('.topbar__user').textContent()) ?? '',
      /Demo Dealer/,
      'dealer logged in over IPC',
    );
    const snapshot = (await win.evaluate("window.studio.request('desk.snapshot', {})")) as { ok: boolean };
    assert.equal(snapshot.ok, true, "the window's session (kept in main) answers the next request");

    console.log(`PASS: Electron shell (title, window.studio.version() = ${String(version)}, isolation)`);
  } finally {
    await app.close();
  }
}

const binary = findElectronBinary();
if (!binary.found) {
  const required = process.env['CI_REQUIRE_ELECTRON'] === '1';
  console.log(`SKIPPED: no Electron binary on this machine (${binary.reason})`);
  if (required) console.log('CI_REQUIRE_ELECTRON=1: a skip counts as a failure');
  process.exit(required ? 1 : 0);
}

// playwright-core 1.65 leaves extra rejected promises behind when the app fails to launch; without
// this, Node dies on the first one before the catch below can report the failure plainly.
process.on('unhandledRejection', () => {
  process.exitCode = 1;
});

try {
  await checkShell(binary.path);
} catch (error) {
  console.error('FAIL: Electron shell:', error instanceof Error ? error.message : error);
  process.exit(1);
}
