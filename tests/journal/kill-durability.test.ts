import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../engine/journal/sqlite-journal';
import { Child, cleanupTempDirs, killChildren, tempJournalPath, withRawDb } from './journal-helpers';

/**
 * `kill -9` at a random moment of a desk appending as fast as it can: every entry whose append had
 * returned (the child printed its seq) is in the journal after restart, the numbering has no gap and
 * no duplicate, the chain verifies, and each round's entries and outbox row are all there or all
 * absent. Five kills on the same file, so every restart continues the chain of the one before.
 *
 * This proves durability against a crash of the process. Against a power cut it rests on
 * synchronous = FULL (fsync of the WAL on every commit) and on the disk honouring flushes, which a
 * test in a VM cannot show.
 */
afterEach(async () => {
  await killChildren();
  cleanupTempDirs();
});

const KILLS = 5;

describe('kill -9 while appending', () => {
  it(`every acknowledged entry survives ${KILLS} random kills, the chain verifies, rounds are whole`, async () => {
    const path = tempJournalPath();
    let lastSeqBefore = 0;
    for (let round = 1; round <= KILLS; round++) {
      const child = new Child(['append-loop', path]);
      await child.until(() => child.lines().includes('ready'), 'the appending desk to start');
      // A random moment: after 1 to 400 acknowledged appends.
      const target = 1 + Math.floor(Math.random() * 400);
      await child.until(() => child.lines().length > target, `${target} acknowledged appends`);
      child.proc.kill('SIGKILL');
      const exit = await child.exited;
      expect(exit.signal).toBe('SIGKILL');

      const acknowledged = child
        .lines()
        .filter((l) => l.startsWith('seq '))
        .map((l) => Number(l.slice(4)));
      expect(acknowledged.length).toBeGreaterThanOrEqual(target);
      // What the child acknowledged continues the previous run's numbering.
      expect(acknowledged[0]).toBe(lastSeqBefore + 1);

      const j = openJournal(path);
      let entries;
      try {
        entries = [...j.entries()];
        const seqs = entries.map((e) => e.seq);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // 1..n: no gap, no duplicate
        const lastAck = acknowledged[acknowledged.length - 1] as number;
        expect(seqs.length).toBeGreaterThanOrEqual(lastAck); // nothing acknowledged was lost
        // At most the one transaction that was committing when the kill came is there unacknowledged.
        expect(seqs.length - lastAck).toBeLessThanOrEqual(3);
        const report = j.verify();
        expect(report, JSON.stringify(report.problems)).toMatchObject({ ok: true, entries: seqs.length });
        lastSeqBefore = seqs.length;
      } finally {
        j.close();
      }

      // appendMany is atomic even when killed: each round has its three entries and its outbox row.
      const rounds = (kind: string) =>
        entries.filter((e) => e.kind === kind).map((e) => (e.data as { roundId: string }).roundId);
      const results = rounds('round.result');
      expect(rounds('round.settled')).toEqual(results);
      expect(rounds('outbox.queued')).toEqual(results);
      const outbox = withRawDb(path, (db) =>
        results.length === 0
          ? []
          : (db.prepare('SELECT round_id FROM outbox ORDER BY rowid').all() as { round_id: string }[]).map(
              (r) => r.round_id,
            ),
      );
      expect(outbox).toEqual(results);
    }
  }, 60_000);
});
