/**
 * The browser view's contract over a real loopback WebSocket, on a real round engine and journal
 * (SQLite, synchronous=FULL): request round trips (a snapshot; a guarded round command, which
 * includes its journal transaction) and the fan-out of the engine's state event to 10 logged-in
 * screens (from the command's send to the last screen's receipt).
 *
 *   npm run bench -- browser-view
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoTableConfig } from '../engine/config/demo';
import { openJournal } from '../engine/journal/sqlite-journal';
import { DeskApi } from '../engine/api/desk-api';
import { startDeskServer } from '../engine/api/http-server';
import { roundConfigOf } from '../engine/desk/round-config';
import { TableEngine } from '../engine/rounds/table-engine';
import { TestClient } from '../tests/api/ws-client';
import { fmt, summary } from './stats';

const N = Number(process.env.BENCH_N ?? 300);
const SCREENS = 10;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-bench-view-'));
  const config = { ...demoTableConfig(), journal: { path: join(dir, 'journal.sqlite') } };
  const journal = openJournal(config.journal.path);
  const engine = TableEngine.open(journal, roundConfigOf(config));
  const api = new DeskApi({
    config,
    engine,
    journal,
    devices: { simulators: {}, stop: async () => undefined },
  });
  const server = await startDeskServer({ api, host: '127.0.0.1', port: 0, rendererDir: dir });
  const screens: TestClient[] = [];
  try {
    for (let i = 0; i < SCREENS; i++) {
      const c = await TestClient.open(server.port);
      const r = await c.call('session.login', {
        role: 'floor_manager',
        userId: 'demo-floor',
        secret: 'floor-demo',
      });
      if (!r.ok) throw new Error(r.error.message);
      screens.push(c);
    }
    const [driver] = screens as [TestClient];
    const snapshot: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      await driver.call('desk.snapshot');
      snapshot.push(performance.now() - t0);
    }
    const command: number[] = [];
    const fanout: number[] = [];
    for (let i = 0; i < N; i++) {
      const round = engine.publicState().round;
      const params =
        round && round.phase === 'betting_open'
          ? ({ cmd: 'void', roundId: round.id, reason: 'bench round' } as const)
          : ({ cmd: 'openBetting', roundId: round?.id ?? null } as const);
      const before = screens.map((s) => s.events.length);
      const t0 = performance.now();
      const arrived = Promise.all(
        screens.map((s, k) =>
          s.waitFor('state', () => s.events.length > (before[k] ?? 0)).then(() => performance.now() - t0),
        ),
      );
      const r = await driver.call('round.command', params);
      command.push(performance.now() - t0);
      if (!r.ok) throw new Error(`${params.cmd}: ${r.error.message}`);
      fanout.push(Math.max(...(await arrived)));
    }
    const line = (name: string, s: number[]) => {
      const x = summary(s);
      console.log(`  ${name.padEnd(48)} n=${x.n}  p50 ${fmt(x.p50)}  p99 ${fmt(x.p99)}  max ${fmt(x.max)}`);
    };
    console.log(`browser-view: loopback WebSocket, ${SCREENS} logged-in screens, journal synchronous=FULL`);
    line('desk.snapshot round trip', snapshot);
    line('round.command round trip (journaled)', command);
    line(`state event on all ${SCREENS} screens after the command`, fanout);
  } finally {
    for (const s of screens) s.close();
    await server.close();
    api.close();
    engine.stop();
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
