/**
 * kill -9 of the desk while it delivers: the demo desk (simulated wheel, demo dealer) signs and
 * delivers its outcomes to the reference receiver running as its own process, and is killed with
 * SIGKILL at random moments, then restarted on the same journal. Afterwards the receiver holds
 * exactly the journal's outcomes 1..n, once each, in order; redeliveries were absorbed by their ids;
 * the journal's log verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../engine/journal/sqlite-journal';
import { allOutcomes } from '../../engine/outcomes/outbox';
import { startReceiverProcess } from '../support/receiver-process';
import { killAllCli, runCli, spawnCli } from '../support/spawn-cli';

describe('studio-desk start with delivery: kill -9 at random points, then restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-outcome-crash-'));
  const journalPath = join(dir, 'journal.sqlite');
  afterEach(async () => {
    await killAllCli();
  });

  it('loses no outcome and stores none twice across 6 crashes', { timeout: 180_000 }, async () => {
    const { receiver, url } = await startReceiverProcess(dir);
    let redelivered = 0;
    for (let i = 0; i < 7; i++) {
      const desk = spawnCli([
        'start',
        '--journal',
        journalPath,
        '--time-scale',
        '0.05',
        '--json',
        '--no-server',
        '--platform-url',
        url,
      ]);
      await desk.until(() => desk.json().some((l) => l.type === 'started'), 20_000, 'the desk to start');
      await new Promise((r) => setTimeout(r, 1500 + Math.floor(Math.random() * 2500)));
      if (i < 6) await desk.kill();
      else expect((await desk.stop(15_000)).code).toBe(0);
    }
    // Everything the journal holds reaches the receiver: a last desk life drains what is left.
    const journal = openJournal(journalPath, { readOnly: true });
    const outbox = journal.sideTx((tx) => allOutcomes(tx));
    journal.close();
    expect(outbox.length).toBeGreaterThanOrEqual(3);
    const final = spawnCli([
      'start',
      '--journal',
      journalPath,
      '--time-scale',
      '0.05',
      '--json',
      '--no-server',
      '--no-autopilot',
      '--platform-url',
      url,
    ]);
    await receiver.until(
      () =>
        receiver.json().filter((l) => l.type === 'verdict' && l.status === 200 && !l.duplicate).length >=
        outbox.length,
      30_000,
      `the receiver to accept ${outbox.length} outcomes`,
    );
    await final.stop(15_000);
    const verdicts = receiver.json().filter((l) => l.type === 'verdict');
    redelivered = verdicts.filter((v) => v.duplicate === true).length;
    expect(
      verdicts.filter((v) => v.status !== 200),
      receiver.report(),
    ).toEqual([]);
    const accepted = verdicts.filter((v) => v.status === 200 && !v.duplicate).map((v) => v.outcomeId);
    // Each outcome accepted once, in the journal's order (the final life may have added more).
    expect(accepted.slice(0, outbox.length)).toEqual(outbox.map((o) => o.outcome_id));
    expect(new Set(accepted).size).toBe(accepted.length);
    console.log(
      `outcome-crash: ${outbox.length} outcomes over 6 kills, ${redelivered} redeliveries absorbed`,
    );

    const stored = await fetch(url).then(
      (r) => r.json() as Promise<{ outcomes: { sequence: number; jws: string }[] }>,
    );
    expect(stored.outcomes.map((o) => o.sequence)).toEqual(accepted.map((_, i) => i + 1));
    expect(stored.outcomes.slice(0, outbox.length).map((o) => o.jws)).toEqual(outbox.map((o) => o.jws));
    const verify = await runCli(['log', 'verify', '--journal', journalPath, '--keys', join(dir, 'keys')]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    await receiver.stop(10_000);
    rmSync(dir, { recursive: true, force: true });
  });
});
