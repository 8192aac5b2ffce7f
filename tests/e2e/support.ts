/**
 * Browser-view end-to-end support: Debian's chromium driven by playwright-core (never a downloaded
 * browser), `studio-desk start` as a user runs it, table files written per suite, screenshots
 * saved under test-artifacts/screens/ at the studio's two screen sizes.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_TABLE_INPUT } from '../../engine/config/demo';
import type { TableConfigInput } from '../../engine/config/schema';
import { REPO_ROOT, spawnCli, startTcpSim, type CliProcess } from '../support/spawn-cli';
import { writeSamples } from '../vision-check/support/samples';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENS = join(REPO_ROOT, 'test-artifacts', 'screens');
export const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
] as const;

export const USERS = {
  dealer: { role: 'dealer', id: 'demo-dealer', secret: '1234', label: 'Dealer' },
  floor_manager: { role: 'floor_manager', id: 'demo-floor', secret: 'floor-demo', label: 'Floor manager' },
  technician: { role: 'technician', id: 'demo-tech', secret: 'tech-demo', label: 'Technician' },
} as const;

/** Newest modification time of the files under `dir` (recursively). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The renderer must be built (`npm run build`, which `npm test` runs first); built here when
 * missing or older than its sources (a stale CSP or screen would test the wrong thing).
 */
export function ensureRendererBuilt(): void {
  const index = join(REPO_ROOT, 'out/renderer/index.html');
  const sources = Math.max(
    newest(join(REPO_ROOT, 'renderer')),
    newest(join(REPO_ROOT, 'contract')),
    statSync(join(REPO_ROOT, 'main/csp.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stdout}\n${r.stderr}`);
}

/** playwright's launch() gives each browser a fresh temporary --user-data-dir of its own. */
export async function launchChromium(): Promise<{ browser: Browser }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser };
}

/** A table file in `dir`: the demo's users and server, with the given table, devices and rules. */
export function writeTable(dir: string, patch: Partial<TableConfigInput>): string {
  const input = {
    ...structuredClone(DEMO_TABLE_INPUT),
    ...patch,
    journal: { path: join(dir, 'journal.sqlite') },
  };
  const file = join(dir, 'table.json');
  writeFileSync(file, JSON.stringify(input, null, 2));
  return file;
}

/** `studio-desk start --config FILE --port 0 --json`; resolves with the browser view's URL. */
export async function startDeskProcess(args: string[]): Promise<{ desk: CliProcess; url: string }> {
  const desk = spawnCli(['start', '--port', '0', '--json', ...args]);
  let url = '';
  await desk.until(
    () => {
      const line = desk.json().find((l) => l['type'] === 'server');
      if (line) url = String(line['url']);
      return url !== '';
    },
    30_000,
    'the browser view to listen',
  );
  return { desk, url };
}

/** A tab of its own (a new context) at the larger desk screen size; page errors are printed. */
export async function openPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

/** `openPage`, then logged in as `who`. */
export async function pageAs(browser: Browser, url: string, who: keyof typeof USERS): Promise<Page> {
  const page = await openPage(browser);
  await login(page, url, who);
  return page;
}

/**
 * An external `studio-desk sim wheel` on loopback TCP playing `lines` (a script: numbers, `error …`)
 * in a loop at `timeScale`; resolves with its port.
 */
export async function scriptedWheel(dir: string, lines: string[], timeScale: number): Promise<number> {
  const script = join(dir, 'wheel.txt');
  writeFileSync(script, lines.map((l) => `${l}\n`).join(''));
  const { port } = await startTcpSim([
    'wheel',
    '--script',
    script,
    '--loop',
    '--time-scale',
    String(timeScale),
  ]);
  return port;
}

/**
 * The `vision` section of a roulette table file: the committed model, the wheel camera's region, the
 * simulated camera drawing from sample crops written under `dir` (wrong at `disagreeRate`).
 */
export async function simulatedWheelVision(
  dir: string,
  disagreeRate: number,
): Promise<Record<string, unknown>> {
  await writeSamples(join(dir, 'samples'), 'roulette');
  return {
    enabled: true,
    models: { roulette: 'models/roulette.onnx' },
    regions: { wheel: { x: 0.35, y: 0.3, w: 0.3, h: 0.4 } },
    frames: { source: 'simulated', samples: join(dir, 'samples'), disagreeRate, seed: 5 },
    framesDir: join(dir, 'frames'),
  };
}

export async function login(page: Page, url: string, who: keyof typeof USERS): Promise<void> {
  const u = USERS[who];
  await page.goto(url);
  await page.getByText(u.label, { exact: true }).click();
  await page.fill('#login-user', u.id);
  await page.fill('#login-secret', u.secret);
  await page.click('button[type=submit]');
  await page.locator('.topbar__user').waitFor({ timeout: 30_000 });
}

/** Saves the page at both desk screen sizes; returns the files. */
export async function shoot(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENS, { recursive: true });
  const files: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    const file = join(SCREENS, `${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path: file, fullPage: false });
    files.push(file);
  }
  return files;
}

/** Sends one contract request from inside the page, on its own WebSocket, as the tab's session. */
export async function requestAsPage(page: Page, method: string, params: unknown): Promise<unknown> {
  return page.evaluate(
    async ([m, p]) => {
      const token = sessionStorage.getItem('studio-desk.session');
      const { host } = (globalThis as unknown as { location: { host: string } }).location;
      const ws = new WebSocket(`ws://${host}/api/ws`);
      await new Promise((r) => (ws.onopen = r));
      const call = (id: number, method: string, params: unknown) =>
        new Promise<unknown>((resolve) => {
          ws.addEventListener('message', (e) => {
            const f = JSON.parse(String(e.data)) as { id?: number };
            if (f.id === id) resolve(f);
          });
          ws.send(JSON.stringify({ id, method, params }));
        });
      await call(1, 'session.resume', { token });
      const out = await call(2, m as string, p);
      ws.close();
      return out;
    },
    [method, params] as const,
  );
}
