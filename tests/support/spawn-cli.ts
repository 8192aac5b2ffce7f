import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The `studio-desk` command as a user runs it: `node bin/studio-desk.mjs ...` in a child process,
 * with the Node that runs the tests. Every child is tracked so that `killAllCli()` (call it in
 * afterEach) can make sure none outlives its test. Every wait takes a timeout and fails with what
 * the child printed so far.
 */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/studio-desk.mjs', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  /** 'pipe' gives the child a stdin (e.g. for the simulator's fault commands); default 'ignore'. */
  stdin?: 'pipe' | 'ignore';
}

const live = new Set<CliProcess>();

export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  exit: Exit | undefined;
  private readonly exited: Promise<Exit>;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly args: string[],
    opts: SpawnOptions = {},
  ) {
    const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
    // The simulator's stdin listener and the log level are the caller's choice, not the environment's.
    if (!opts.env?.STUDIO_DESK_SIM_STDIN) delete env.STUDIO_DESK_SIM_STDIN;
    if (!opts.env?.STUDIO_DESK_LOG) delete env.STUDIO_DESK_LOG;
    this.child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      this.stdout += d;
      this.poke();
    });
    this.child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      this.stderr += d;
      this.poke();
    });
    this.exited = new Promise((resolve) => {
      // 'close' (not 'exit'): stdout and stderr have been read to the end.
      this.child.once('close', (code, signal) => {
        this.exit = { code, signal };
        live.delete(this);
        this.poke();
        resolve(this.exit);
      });
      this.child.once('error', (err) => {
        this.stderr += `\n[spawn error] ${err.message}`;
      });
    });
    live.add(this);
  }

  /** Complete stdout lines so far. */
  lines(): string[] {
    const all = this.stdout.split('\n');
    all.pop(); // the unfinished last line (or '' after a final newline)
    return all;
  }

  /** Complete stdout lines parsed as JSON (each must be JSON). */
  json(): Record<string, unknown>[] {
    return this.lines().map((l, i) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`stdout line ${i + 1} of studio-desk ${this.args.join(' ')} is not JSON: ${l}`);
      }
    });
  }

  /** Waits until `pred` holds (checked on every output and on exit); fails after `ms`. */
  until(pred: () => boolean, ms: number, what: string): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        let ok: boolean;
        try {
          ok = pred();
        } catch (e) {
          done();
          reject(e as Error);
          return;
        }
        if (ok) {
          done();
          resolve();
        } else if (this.exit) {
          done();
          reject(
            new Error(`studio-desk exited (${JSON.stringify(this.exit)}) before ${what}\n${this.report()}`),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${this.report()}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Waits for a stderr match and returns it. */
  async stderrMatch(re: RegExp, ms: number): Promise<RegExpMatchArray> {
    let m: RegExpMatchArray | null = null;
    await this.until(() => (m = re.exec(this.stderr)) !== null, ms, `stderr to match ${re}`);
    return m as unknown as RegExpMatchArray;
  }

  /** Waits for the child to end (stdout and stderr closed); fails after `ms`. */
  async waitExit(ms: number): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`studio-desk did not exit within ${ms} ms\n${this.report()}`)),
        ms,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends a signal (as Ctrl-C does) and waits for the child to end. */
  async stop(ms: number, signal: NodeJS.Signals = 'SIGINT'): Promise<Exit> {
    if (!this.exit) this.child.kill(signal);
    return this.waitExit(ms);
  }

  /** Kills the child outright (if it still runs) and waits for it, at most `ms`. */
  async kill(ms = 5000): Promise<void> {
    if (this.exit) return;
    this.child.kill('SIGKILL');
    await this.waitExit(ms).catch(() => undefined);
  }

  report(): string {
    const tail = (s: string) => (s.length > 3000 ? `...${s.slice(-3000)}` : s);
    return `$ studio-desk ${this.args.join(' ')}\n--- stdout\n${tail(this.stdout)}\n--- stderr\n${tail(this.stderr)}`;
  }

  private poke(): void {
    for (const w of [...this.waiters]) w();
  }
}

export function spawnCli(args: string[], opts?: SpawnOptions): CliProcess {
  return new CliProcess(args, opts);
}

/** Runs the command to its end (it must end by itself within `ms`). */
export async function runCli(
  args: string[],
  ms = 15_000,
  opts?: SpawnOptions,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const p = spawnCli(args, opts);
  const exit = await p.waitExit(ms);
  return { ...exit, stdout: p.stdout, stderr: p.stderr };
}

/** For afterEach: SIGKILLs every child that still runs and waits for them. */
export async function killAllCli(): Promise<void> {
  await Promise.all([...live].map((p) => p.kill()));
}

/** Starts `sim ... --listen tcp://127.0.0.1:0` and returns it with the port it bound (read from stderr). */
export async function startTcpSim(args: string[], ms = 15_000): Promise<{ sim: CliProcess; port: number }> {
  const sim = spawnCli(['sim', ...args, '--listen', 'tcp://127.0.0.1:0']);
  const m = await sim.stderrMatch(/ on tcp:\/\/127\.0\.0\.1:(\d+)\n/, ms);
  return { sim, port: Number(m[1]) };
}
