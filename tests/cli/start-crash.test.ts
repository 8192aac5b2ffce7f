import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../engine/journal/sqlite-journal';
import { killAllCli, spawnCli } from '../support/spawn-cli';

/**
 * The headless desk killed with SIGKILL at random moments of many rounds (the demo table: the
 * simulated wheel and a demo dealer), restarted on the same journal each time. Afterwards: the
 * chain verifies, every result the desk announced is in the journal at the announced seq, no round
 * has two results, no round id was used twice.
 */
describe('studio-desk start: kill -9 at random points, then restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-crash-'));
  const journalPath = join(dir, 'journal.sqlite');
  afterEach(async () => {
    await killAllCli();
  });

  it('loses no announced result and duplicates none across 10 crashes', { timeout: 180_000 }, async () => {
    const announced: { roundId: string; seq: number }[] = [];
    let recovered = 0;
    for (let i = 0; i < 11; i++) {
      const desk = spawnCli(['start', '--journal', journalPath, '--time-scale', '0.05', '--json']);
      await desk.until(() => desk.json().some((l) => l.type === 'started'), 20_000, 'the desk to start');
      const started = desk.json().find((l) => l.type === 'started') as { recovery: { replayed: number } };
      if (i > 0) {
        expect(started.recovery.replayed).toBeGreaterThan(0);
        recovered++;
      }
      // Alive for 0.3 to 3.5 s: crashes land in every phase of the rounds (spins last about 0.4-1 s).
      await new Promise((r) => setTimeout(r, 300 + Math.floor(Math.random() * 3200)));
      if (i < 10) await desk.kill();
      else expect((await desk.stop(10_000)).code).toBe(0);
      for (const l of desk.json())
        if (l.type === 'result') announced.push({ roundId: String(l.roundId), seq: Number(l.seq) });
    }
    expect(recovered).toBe(10);
    // Results were announced (and so the check below has something to check) in several lives.
    expect(announced.length).toBeGreaterThanOrEqual(2);

    const journal = openJournal(journalPath, { readOnly: true });
    try {
      expect(journal.verify().ok).toBe(true);
      const results = new Map<string, number[]>();
      const opened: string[] = [];
      const bySeq = new Map<number, { kind: string; data: unknown }>();
      for (const e of journal.entries()) {
        bySeq.set(e.seq, e);
        const data = e.data as { roundId?: string; round?: { id?: string } };
        if (e.kind === 'round.result')
          results.set(String(data.roundId), [...(results.get(String(data.roundId)) ?? []), e.seq]);
        if (e.kind === 'round.opened') opened.push(String(data.roundId ?? data.round?.id));
      }
      for (const a of announced) {
        const entry = bySeq.get(a.seq);
        expect(entry?.kind, `announced result of ${a.roundId} at seq ${a.seq}`).toBe('round.result');
        expect((entry?.data as { roundId: string }).roundId).toBe(a.roundId);
      }
      for (const [roundId, seqs] of results) expect(seqs, `results of ${roundId}`).toHaveLength(1);
      expect(new Set(opened).size).toBe(opened.length);
    } finally {
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
