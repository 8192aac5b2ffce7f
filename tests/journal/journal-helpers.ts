import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSqlite, type Database } from '../../engine/journal/sqlite-driver';
import type { AppendInput } from '../../engine/journal/types';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHILD_SCRIPT = fileURLToPath(new URL('./fixtures/journal-child.ts', import.meta.url));

/** A fresh temp directory per test; `cleanup()` in afterEach removes them all. */
const dirs: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-journal-'));
  dirs.push(dir);
  return dir;
}
export function tempJournalPath(): string {
  return join(tempDir(), 'table.journal');
}
export function cleanupTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A decoded wheel result as the engine journals it. */
export function wheelResult(i: number): AppendInput<Record<string, unknown>> {
  return {
    kind: 'device.wheel.result',
    actor: { id: 'wheel-1', role: 'device' },
    data: {
      roundId: `r-${String(i).padStart(6, '0')}`,
      number: i % 37,
      colour: i % 37 === 0 ? 'green' : i % 2 ? 'red' : 'black',
      direction: 'clockwise',
      rotorRpm: 24.1,
      ballRevs: 18,
      deviceSeq: 4000 + i,
      frame: `W|${4000 + i}|RESULT|game=b-${i}|n=${i % 37}|dir=cw|rpm=24.1|rdir=ccw|revs=18`,
    },
  };
}

/** The raw SQLite file, as a tamperer (or a test) sees it: no journal code in between. */
export function withRawDb<T>(path: string, use: (db: Database) => T): T {
  const Database = loadSqlite();
  const db = new Database(path, { fileMustExist: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** A child process running tests/journal/fixtures/journal-child.ts with the Node that runs the tests. */
export class Child {
  readonly proc: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];

  constructor(args: string[], opts: { cli?: boolean } = {}) {
    const argv = opts.cli ? ['bin/studio-desk.mjs', ...args] : ['--import', 'tsx', CHILD_SCRIPT, ...args];
    this.proc = spawn(process.execPath, argv, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout?.setEncoding('utf8').on('data', (d: string) => {
      this.stdout += d;
      this.poke();
    });
    this.proc.stderr?.setEncoding('utf8').on('data', (d: string) => {
      this.stderr += d;
      this.poke();
    });
    this.exited = new Promise((resolve) =>
      this.proc.once('close', (code, signal) => {
        live.delete(this);
        this.poke();
        resolve({ code, signal });
      }),
    );
    live.add(this);
  }

  /** Complete stdout lines. */
  lines(): string[] {
    const all = this.stdout.split('\n');
    all.pop();
    return all;
  }

  /** Waits until `ok()` holds (checked on every output), or fails with what the child printed. */
  async until(ok: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null)
        throw new Error(`child exited before ${what}\n${this.report()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\n${this.report()}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  report(): string {
    return `stdout:\n${this.stdout.slice(-2000)}\nstderr:\n${this.stderr.slice(-2000)}`;
  }

  private poke(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

const live = new Set<Child>();
/** Kills every child still running (call in afterEach). */
export async function killChildren(): Promise<void> {
  const all = [...live];
  for (const c of all) c.proc.kill('SIGKILL');
  await Promise.all(all.map((c) => c.exited));
}

/** Runs `studio-desk ARGS` to the end. */
export async function runCli(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const c = new Child(args, { cli: true });
  const { code } = await c.exited;
  return { code, stdout: c.stdout, stderr: c.stderr };
}
