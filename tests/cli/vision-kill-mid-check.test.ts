/**
 * kill -9 of a desk while its vision check is under way: the desk (simulated wheel, the simulated
 * camera drawing the committed sample of the wheel's number, the real roulette model in its worker)
 * is killed with SIGKILL after the sensor's result is journaled as verifying and before the check's
 * verdict (grabDelayMs holds the grab back), then restarted on the same journal before the check's
 * deadline. The restarted desk checks the result again on a new frame: the round ends exactly once
 * (one verdict, then one result or one hold), its signed outcome (written at settlement, by the
 * autopilot's dealer) is delivered to the receiver once; that desk is killed too, and a third life
 * decides and delivers nothing more for the round; the journal's chain verifies.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openJournal } from '../../engine/journal/sqlite-journal';
import type { JournalEntry } from '../../engine/journal/types';
import { allOutcomes } from '../../engine/outcomes/outbox';
import { startReceiverProcess } from '../support/receiver-process';
import { killAllCli, runCli, spawnCli } from '../support/spawn-cli';

type Line = {
  type: string;
  state?: { round?: { id: string; phase: string; vision?: { hold?: { code: string } } } };
  recovery?: { interrupted: boolean };
  outcomeId?: string;
  status?: number;
  duplicate?: boolean;
};

function entries(path: string): JournalEntry[] {
  const journal = openJournal(path, { readOnly: true });
  try {
    return [...journal.entries()];
  } finally {
    journal.close();
  }
}

const about = (roundId: string) => (e: JournalEntry) =>
  (e.data as { roundId?: string } | null)?.roundId === roundId;

describe('studio-desk start with vision: kill -9 mid-check, then restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-vision-kill-'));
  afterEach(async () => {
    await killAllCli();
  });

  it('the round ends exactly once and its outcome is delivered once', { timeout: 150_000 }, async () => {
    const { receiver, url } = await startReceiverProcess(dir);

    const table = parse(readFileSync('config/demo-roulette.yaml', 'utf8')) as Record<string, unknown>;
    delete table.obs;
    const journalPath = join(dir, 'journal.sqlite');
    table.journal = { path: journalPath };
    table.platform = { webhook: { url } };
    table.vision = {
      enabled: true,
      models: { roulette: 'models/roulette.onnx' },
      regions: { wheel: { x: 0.35, y: 0.3, w: 0.3, h: 0.4 } },
      frames: { source: 'simulated', samples: 'models/samples', disagreeRate: 0 },
      // The check waits this long before grabbing: the window in which the desk is killed.
      minConfidence: 0.6, // the result path (one outcome) is the likely one with the real model
      grabDelayMs: 3000,
      verdictTimeoutMs: 40_000,
      framesDir: join(dir, 'frames'),
    };
    const config = join(dir, 'table.json');
    writeFileSync(config, JSON.stringify(table));
    const start = (...extra: string[]) =>
      spawnCli(['start', '--config', config, '--time-scale', '0.05', '--no-server', '--json', ...extra]);

    // Life 1: plays until a result is verifying, then SIGKILL before the check has a frame.
    const first = start('--autopilot');
    const verifying = () =>
      (first.json() as Line[]).find((l) => l.type === 'state' && l.state?.round?.phase === 'verifying');
    await first.until(() => verifying() !== undefined, 60_000, 'a result under verification');
    await first.kill();
    const roundId = String(verifying()?.state?.round?.id);
    const afterKill = entries(journalPath).filter(about(roundId));
    expect(afterKill.map((e) => e.kind)).toContain('round.verifying');
    // Killed mid-check: no verdict, no result, no outcome yet.
    expect(afterKill.filter((e) => e.kind === 'vision.verdict')).toEqual([]);
    expect(afterKill.filter((e) => e.kind === 'round.result')).toEqual([]);

    // Life 2: the check runs again on a new frame and decides; the autopilot's dealer settles the
    // round, which signs its outcome (the outcome is written with the round's settlement).
    const second = start('--autopilot');
    await second.until(() => second.json().some((l) => l.type === 'started'), 30_000, 'the desk to restart');
    expect((second.json() as Line[]).find((l) => l.type === 'started')?.recovery?.interrupted).toBe(false);
    const decidedLine = () =>
      (second.json() as Line[]).find(
        (l) =>
          l.type === 'state' &&
          l.state?.round?.id === roundId &&
          ['result', 'needs_review'].includes(l.state.round.phase),
      );
    await second.until(
      () => decidedLine() !== undefined,
      40_000,
      `round ${roundId} decided after the restart`,
    );
    const phase = decidedLine()?.state?.round?.phase;
    if (phase === 'result')
      await second.until(
        () => receiver.json().some((l) => l.type === 'verdict' && l.status === 200),
        40_000,
        'the receiver to accept the first outcome',
      );
    await second.kill(); // the journal is the desk's until it stops

    const decided = entries(journalPath).filter(about(roundId));
    const verdicts = decided.filter((e) => e.kind === 'vision.verdict');
    const results = decided.filter((e) => e.kind === 'round.result');
    const holds = decided.filter((e) => e.kind === 'round.held');
    expect(verdicts).toHaveLength(1);
    expect(results.length).toBeLessThanOrEqual(1);
    expect(holds.length).toBeLessThanOrEqual(1);
    const status = (verdicts[0]?.data as { status: string }).status;
    const j = openJournal(journalPath, { readOnly: true });
    const outcomes = j.sideTx((tx) => allOutcomes(tx)).filter((o) => o.round_id === roundId);
    j.close();
    if (phase === 'result') {
      // Agreement of the real model on the committed sample: final by the camera, one outcome
      // delivered once.
      expect(status).toBe('agree');
      expect(holds).toEqual([]);
      expect((results[0]?.data as { verifiedBy: string }).verifiedBy).toBe('vision');
      expect(outcomes).toHaveLength(1);
      const delivered = (receiver.json() as Line[]).filter(
        (l) => l.type === 'verdict' && l.status === 200 && l.outcomeId === outcomes[0]?.outcome_id,
      );
      expect(delivered.filter((l) => !l.duplicate)).toHaveLength(1);
    } else {
      // Held (the model did not agree at minConfidence): a floor manager decides.
      expect(status).not.toBe('agree');
      expect(holds).toHaveLength(1);
      expect(decidedLine()?.state?.round?.vision?.hold?.code).toBe(status);
      expect(outcomes.length).toBeLessThanOrEqual(1);
    }
    const resultsBefore = entries(journalPath).filter((e) => e.kind === 'round.result').length;

    // Life 3: nothing is checked, decided or delivered again.
    const third = start('--no-autopilot');
    await third.until(() => third.json().some((l) => l.type === 'started'), 30_000, 'the third life');
    await new Promise((r) => setTimeout(r, 4000)); // longer than grabDelayMs: a re-run would show
    expect((await third.stop(15_000)).code).toBe(0);
    const final = entries(journalPath).filter(about(roundId));
    expect(final.filter((e) => e.kind === 'vision.verdict')).toHaveLength(1);
    expect(final.filter((e) => e.kind === 'round.result')).toHaveLength(results.length);
    expect(entries(journalPath).filter((e) => e.kind === 'round.result')).toHaveLength(resultsBefore);
    expect(final.filter((e) => e.kind === 'round.held')).toHaveLength(holds.length);
    const accepted = (receiver.json() as Line[]).filter((l) => l.type === 'verdict' && l.status === 200);
    const fresh = accepted.filter((l) => !l.duplicate).map((l) => l.outcomeId);
    expect(new Set(fresh).size).toBe(fresh.length);
    // No outcome accepted twice as new (a redelivery is absorbed as a duplicate).
    console.log(
      `vision-kill: round ${roundId} verdict ${status}, ${results.length ? 'final once, outcome delivered once' : 'held once'}`,
    );
    const verify = await runCli(['audit', 'verify', '--journal', journalPath], 20_000);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    await receiver.stop(10_000);
    rmSync(dir, { recursive: true, force: true });
  });
});
