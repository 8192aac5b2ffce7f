/**
 * Journal latency: the time of a durable `append` of a typical decoded wheel result (the step
 * between "the sensor said 17" and "17 may be shown as final"), and of an `appendMany` of a round's
 * three closing entries with an outbox row in the same transaction. Each call returns after SQLite
 * has fsynced the WAL (synchronous = FULL), so the figures are mostly the disk's flush time.
 * Issue 3's target: under 2 ms p99 on this machine.
 *
 *   npm run bench -- journal-latency          (BENCH_N=2000 by default; BENCH_DIR for another disk)
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../engine/journal/sqlite-journal';
import type { AppendInput } from '../engine/journal/types';
import { fmt, summary } from './stats';

const N = Number(process.env.BENCH_N ?? 2000);
const WARMUP = 50;

function wheelResult(i: number): AppendInput {
  return {
    kind: 'device.wheel.result',
    actor: { id: 'wheel-1', role: 'device' },
    data: {
      roundId: `T01-2025-06-01-${String(i).padStart(6, '0')}`,
      number: i % 37,
      colour: i % 37 === 0 ? 'green' : i % 2 ? 'red' : 'black',
      direction: 'clockwise',
      rotorRpm: 24.1,
      ballRevs: 18,
      deviceSeq: 4000 + i,
      frame: `\u0002W|${4000 + i}|RESULT|game=b-${i}|n=${i % 37}|dir=cw|rpm=24.1|rdir=ccw|revs=18|crc=3FA2\u0003`,
      receivedAt: 1_750_000_000_000 + i,
    },
  };
}

function roundClose(i: number): AppendInput[] {
  const engine = { id: 'engine', role: 'system' } as const;
  const roundId = `T01-2025-06-01-${String(i).padStart(6, '0')}`;
  return [
    { kind: 'round.result', actor: engine, data: { roundId, number: i % 37, colour: 'red' } },
    { kind: 'round.settled', actor: engine, data: { roundId } },
    { kind: 'outbox.queued', actor: engine, data: { roundId, outcomeSeq: i } },
  ];
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function line(label: string, samples: number[]): void {
  const s = summary(samples);
  console.log(
    `${label.padEnd(38)} n=${s.n}  p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)}  mean ${fmt(s.mean)}`,
  );
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'journal-bench-'));
  try {
    const journal = openJournal(join(dir, 'bench.journal'));
    console.log(
      `# journal-latency (${N} each, Node ${process.version}, ${dir}, ${JSON.stringify(journal.settings())})`,
    );

    for (let i = 0; i < WARMUP; i++) journal.append(wheelResult(i));
    const appends: number[] = [];
    for (let i = 1; i <= N; i++) appends.push(time(() => journal.append(wheelResult(i))));
    line('append (durable), wheel result', appends);

    const batches: number[] = [];
    for (let i = 1; i <= N; i++)
      batches.push(
        time(() =>
          journal.appendMany(roundClose(i), (tx) => {
            tx.run('CREATE TABLE IF NOT EXISTS outbox (round_id TEXT PRIMARY KEY, body TEXT NOT NULL)');
            tx.run('INSERT INTO outbox (round_id, body) VALUES (?, ?)', `r-${i}`, '{"number":17}');
          }),
        ),
      );
    line('appendMany of 3 + outbox row (durable)', batches);

    const verifyMs = time(() => {
      const r = journal.verify();
      if (!r.ok) throw new Error(`bench journal does not verify: ${JSON.stringify(r.problems[0])}`);
    });
    const entries = journal.last()?.seq ?? 0;
    console.log(`verify of ${entries} entries: ${fmt(verifyMs)} (${fmt(verifyMs / entries)} per entry)`);
    journal.close();

    // The same appends without the fsync, to show what durability costs (not how the desk runs).
    const loose = openJournal(join(dir, 'loose.journal'));
    (loose as unknown as { db: { pragma(s: string): unknown } }).db.pragma('synchronous = NORMAL');
    for (let i = 0; i < WARMUP; i++) loose.append(wheelResult(i));
    const looseAppends: number[] = [];
    for (let i = 1; i <= N; i++) looseAppends.push(time(() => loose.append(wheelResult(i))));
    line('append, synchronous=NORMAL (reference)', looseAppends);
    loose.close();

    // The floor: the disk's own flush, with no SQLite at all (a 4 KiB page appended, then fdatasync).
    const fd = openSync(join(dir, 'bare.bin'), 'a');
    const page = Buffer.alloc(4096, 0x5a);
    const flushes: number[] = [];
    for (let i = 0; i < N; i++)
      flushes.push(
        time(() => {
          writeSync(fd, page);
          fdatasyncSync(fd);
        }),
      );
    closeSync(fd);
    line('bare write + fdatasync (the disk floor)', flushes);

    const p99 = summary(appends).p99;
    console.log(
      `target: decoded result durable in the journal under 2 ms p99 — ${p99 < 2 ? 'met' : 'NOT met'} (${fmt(p99)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
