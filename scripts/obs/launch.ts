/**
 * Starts Xvfb (on a display it picks itself, -displayfd) and OBS Studio headless on it, with its
 * websocket server on a free port of this machine, waits until obs-websocket answers its Hello, and
 * stops both (SIGTERM, then SIGKILL) on stop() or when this process exits. Every OBS gets its own
 * throw-away HOME, so several can run at once and no user config is touched.
 *
 * obs-websocket 5.1 has no bind address: it listens on every interface. It always gets a random
 * password here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_COLLECTION, TEST_PROFILE, writeObsHome } from './obs-home';

export interface RunningObs {
  url: string;
  port: number;
  password: string;
  home: string;
  recordings: string;
  display: string;
  obs: ChildProcess;
  /** Kills OBS only (Xvfb stays): for restart tests. */
  killObs(signal?: NodeJS.Signals): Promise<void>;
  /** Starts OBS again on the same display, port and HOME. */
  restartObs(): Promise<void>;
  stop(): Promise<void>;
  /** OBS's stderr/stdout tail, for failure messages. */
  log(): string;
}

export interface LaunchOptions {
  width?: number;
  height?: number;
  fps?: number;
  studioMode?: boolean;
  startTimeoutMs?: number;
}

const children = new Set<ChildProcess>();
let hooked = false;
function killAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => {
      killAll();
      process.exit(130);
    });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '0.0.0.0', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startXvfb(): Promise<{ proc: ChildProcess; display: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x720x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    children.add(proc);
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const fd3 = proc.stdio[3] as NodeJS.ReadableStream;
    let out = '';
    fd3.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ proc, display: `:${out.trim()}` });
    });
    proc.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${err.slice(-500)}`)));
    proc.once('error', reject);
  });
}

/** Resolves when something on the port sends a WebSocket upgrade answer's first bytes. */
async function waitForPort(port: number, ms: number, alive: () => boolean): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (!alive()) throw new Error('OBS exited before its websocket port opened');
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`OBS's websocket port ${port} did not open within ${ms} ms`);
}

export async function launchObs(opts: LaunchOptions = {}): Promise<RunningObs> {
  killAllOnExit();
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-obs-'));
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const { recordings } = writeObsHome({
    dir,
    port,
    password,
    width: opts.width,
    height: opts.height,
    fps: opts.fps,
  });
  const x = await startXvfb();
  let tail = '';
  let obs!: ChildProcess;
  const env = {
    ...process.env,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    DISPLAY: x.display,
    LIBGL_ALWAYS_SOFTWARE: '1',
    QT_QPA_PLATFORM: 'xcb',
  };
  const start = async () => {
    obs = spawn(
      'obs',
      [
        '--multi',
        '--disable-updater',
        '--disable-missing-files-check',
        '--collection',
        TEST_COLLECTION,
        '--profile',
        TEST_PROFILE,
        '--scene',
        'Table Wide',
        '--websocket_port',
        String(port),
        '--websocket_ipv4_only',
        '--websocket_password',
        password,
        ...(opts.studioMode ? ['--studio-mode'] : []),
      ],
      { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.add(obs);
    const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000));
    obs.stdout?.on('data', keep);
    obs.stderr?.on('data', keep);
    const proc = obs;
    await waitForPort(
      port,
      opts.startTimeoutMs ?? 20_000,
      () => proc.exitCode === null && proc.signalCode === null,
    );
  };
  const killObs = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const proc = obs;
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill(signal);
    const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(t);
    children.delete(proc);
  };
  try {
    await start();
  } catch (e) {
    await killObs();
    x.proc.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n--- OBS output ---\n${tail}`);
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    password,
    home: dir,
    recordings,
    display: x.display,
    get obs() {
      return obs;
    },
    killObs,
    restartObs: start,
    async stop() {
      await killObs('SIGTERM');
      const xg = new Promise<void>((r) => (x.proc.exitCode !== null ? r() : x.proc.once('exit', () => r())));
      x.proc.kill('SIGTERM');
      await xg;
      children.delete(x.proc);
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => tail,
  };
}
