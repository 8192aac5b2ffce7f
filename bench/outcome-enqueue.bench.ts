/**
 * Sign + journal + enqueue per outcome: the cost a round's settle pays for its signed outcome. Each
 * sample is one durable appendMany of the round's `round.settled` with the recorder's writes in the
 * same transaction: reading the round's entries, building the document, JCS, Ed25519 JWS, outbox
 * row, log leaf, log frontier, signed tree head, then the commit and its fsync (synchronous FULL).
 * The same without the outcome (the settle alone) shows what the outcome adds.
 *
 *   npm run bench -- outcome-enqueue        (BENCH_N=1000 by default; BENCH_DIR for another disk)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../engine/journal/sqlite-journal';
import { KeyStore } from '../engine/outcomes/keys';
import { signOutcomeSync } from '../engine/outcomes/sign-sync';
import type { OutcomeDocument } from '../engine/outcomes/document';
import { verifyOutcome } from '../engine/outcomes/sign';
import { allOutcomes } from '../engine/outcomes/outbox';
import { recorderFor, roundEntries } from './outcome-fixtures';
import { fmt, summary } from './stats';

const N = Number(process.env.BENCH_N ?? 1000);

function line(label: string, samples: number[]): void {
  const s = summary(samples);
  console.log(
    `${label.padEnd(44)} n=${s.n}  p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)}  mean ${fmt(s.mean)}`,
  );
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'outcome-enqueue-'));
  try {
    const keys = await KeyStore.open(join(dir, 'keys'));
    const journal = openJournal(join(dir, 't1.sqlite'));
    const recorder = recorderFor(journal, keys, 't1');
    console.log(`# outcome-enqueue (${N} rounds, Node ${process.version}, ${dir})`);
    const withOutcome: number[] = [];
    const settleOnly: number[] = [];
    const t0 = Date.UTC(2025, 5, 1, 12);
    for (let n = 1; n <= N * 2; n++) {
      const entries = roundEntries('t1', n, t0 + n * 60_000);
      const settle = entries.pop();
      if (!settle) throw new Error('no settle');
      journal.appendMany(entries); // the round so far, as the engine wrote it
      const outcome = n % 2 === 1;
      const start = performance.now();
      const seq = journal.headSeq() + 1;
      journal.appendMany([settle], outcome ? recorder.finalWrites([{ ...settle, seq }]) : undefined);
      (outcome ? withOutcome : settleOnly).push(performance.now() - start);
    }
    line('settle + signed outcome (sign+journal+enqueue)', withOutcome);
    line('settle alone (reference)', settleOnly);
    const rows = journal.sideTx((tx) => allOutcomes(tx));
    const v = await verifyOutcome(rows.at(-1)?.jws ?? '', keys.jwks());
    if (!v.ok || rows.length !== N) throw new Error(`bench outcomes do not verify (${rows.length})`);
    const signer = keys.signer();
    const doc: OutcomeDocument = v.doc;
    const signs: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const s = performance.now();
      signOutcomeSync(doc, signer);
      signs.push(performance.now() - s);
    }
    line('of which: schema check + JCS + Ed25519 JWS', signs);
    journal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
