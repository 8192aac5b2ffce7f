/**
 * The desk's clock-sync state as written into every outcome. It is read, never assumed: `synced` is
 * true only when the system says so (systemd's `timedatectl show -p NTPSynchronized` answering
 * "yes", i.e. the kernel's adjtimex status has no STA_UNSYNC). Anything else (no systemd, no
 * timedatectl, a timeout, "no") is `synced: false` with the reason in `source`, so a platform can
 * tell "not synced" from "could not tell".
 */
import { execFile, spawnSync } from 'node:child_process';

export interface ClockSync {
  synced: boolean;
  /** How the state was learnt, or why it could not be. */
  source: string;
}

/** Interprets `timedatectl show -p NTPSynchronized --value`'s outcome (pure, for tests). */
export function interpretTimedatectl(r: {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: string;
}): ClockSync {
  if (r.error !== undefined) return { synced: false, source: `unknown: timedatectl not usable (${r.error})` };
  const out = r.stdout.trim();
  if (r.status === 0 && out === 'yes') return { synced: true, source: 'timedatectl: NTPSynchronized=yes' };
  if (r.status === 0 && out === 'no') return { synced: false, source: 'timedatectl: NTPSynchronized=no' };
  const why =
    (r.stderr.trim().split('\n')[0] ?? '').slice(0, 120) || `exit ${r.status}, output "${out.slice(0, 40)}"`;
  return { synced: false, source: `unknown: timedatectl failed (${why})` };
}

const ARGS = ['show', '-p', 'NTPSynchronized', '--value'];

/** Reads it now (blocking, at most 1 s): for the desk's start. */
export function readClockSyncNow(): ClockSync {
  const r = spawnSync('timedatectl', ARGS, { encoding: 'utf8', timeout: 1000 });
  return interpretTimedatectl({
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    error: r.error ? ((r.error as NodeJS.ErrnoException).code ?? r.error.message) : undefined,
  });
}

/** Keeps the state fresh in the background (every `everyMs`), never blocking an outcome. */
export class ClockSyncMonitor {
  private state: ClockSync;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(initial: ClockSync = readClockSyncNow()) {
    this.state = initial;
  }

  current(): ClockSync {
    return this.state;
  }

  start(everyMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.refresh(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private refresh(): void {
    execFile('timedatectl', ARGS, { encoding: 'utf8', timeout: 1000 }, (err, stdout, stderr) => {
      const code = err ? ((err as NodeJS.ErrnoException).code ?? null) : 0;
      this.state = interpretTimedatectl({
        status: typeof code === 'number' ? code : err ? 1 : 0,
        stdout,
        stderr,
        error: err && typeof code === 'string' ? code : undefined,
      });
    });
  }
}
