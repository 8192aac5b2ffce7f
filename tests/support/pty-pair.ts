import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A virtual serial cable: two linked ptys made by socat (`pty,raw,echo=0`). Killing socat is the
 * closest thing to pulling the cable; restart() plugs it back under the same names.
 */
export class PtyPair {
  readonly dir = mkdtempSync(join(tmpdir(), 'studio-desk-pty-'));
  readonly deviceSide = join(this.dir, 'device');
  readonly deskSide = join(this.dir, 'desk');
  private proc: ChildProcess | undefined;

  async start(): Promise<void> {
    this.proc = spawn(
      'socat',
      [`pty,raw,echo=0,link=${this.deviceSide}`, `pty,raw,echo=0,link=${this.deskSide}`],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 5000;
    while (!(existsSync(this.deviceSide) && existsSync(this.deskSide))) {
      if (Date.now() > deadline) throw new Error('socat did not create the pty pair within 5 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Pulls the cable: both ends see their port close. */
  async unplug(): Promise<void> {
    const p = this.proc;
    this.proc = undefined;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
    // socat's links dangle after a SIGKILL; remove them so nobody opens a stale name.
    rmSync(this.deviceSide, { force: true });
    rmSync(this.deskSide, { force: true });
  }

  async replug(): Promise<void> {
    await this.start();
  }

  async stop(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
