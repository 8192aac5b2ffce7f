/**
 * Decoded sensor result → result durable in the journal (SQLite, WAL, synchronous=FULL), through the
 * round engine: one roulette round per sample (open betting, launch, no more bets, result, settle),
 * the clock started when the decoded result event is handed to the engine and stopped when the
 * engine announces the result (after its journal transaction returned).
 *
 *   npm run bench -- engine-latency
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WheelEvent } from '../hardware/protocols/types';
import { colourOf, pocketIndex } from '../hardware/wheel/layout';
import { openJournal } from '../engine/journal/sqlite-journal';
import { TableEngine } from '../engine/rounds/table-engine';
import { fmt, summary } from './stats';

const N = Number(process.env.BENCH_N ?? 1000);
const dealer = { id: 'bench-dealer', role: 'dealer' } as const;

function wheel(body: Record<string, unknown>): WheelEvent {
  return { ...body, at: Date.now(), mono: performance.now(), frames: ['bench'] } as WheelEvent;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-bench-'));
  const journal = openJournal(join(dir, 'journal.sqlite'));
  const engine = TableEngine.open(journal, { tableId: 'bench', game: 'roulette', bettingMs: 60_000 });
  let announced = 0;
  engine.on('result', () => (announced = performance.now()));
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const roundId = engine.publicState().round?.id ?? null;
    engine.handle({ source: 'operator', command: { cmd: 'openBetting', roundId, user: dealer } });
    const id = engine.publicState().round?.id as string;
    const game = `b${i}`;
    engine.handle({ source: 'wheel', event: wheel({ type: 'ballLaunched', game, direction: 'cw' }) });
    engine.handle({ source: 'wheel', event: wheel({ type: 'noMoreBets', game }) });
    const n = i % 37;
    const result = wheel({
      type: 'result',
      game,
      number: n,
      label: String(n),
      colour: colourOf(n),
      pocket: pocketIndex('european', n),
      late: false,
    });
    const t0 = performance.now();
    engine.handle({ source: 'wheel', event: result });
    if (announced >= t0) samples.push(announced - t0);
    engine.handle({ source: 'operator', command: { cmd: 'settle', roundId: id, user: dealer } });
  }
  journal.close();
  rmSync(dir, { recursive: true, force: true });
  const s = summary(samples);
  console.log(`# engine-latency (${N} rounds, Node ${process.version})`);
  console.log(
    `sensor result → durable in the journal: n=${s.n}/${N}  p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)}   (target p99 < 2 ms)`,
  );
}
