import { describe, expect, it } from 'vitest';
import { startAutopilot } from '../../engine/desk/autopilot';
import { wheel } from '../rounds/support/device-events';
import { ROULETTE, Table } from '../rounds/support/table';
import { DEALER, FLOOR_MANAGER } from '../rounds/support/users';
import { verdict } from '../rounds/support/verdicts';

describe('demo autopilot and held results', () => {
  it('the demo floor manager reviews a held result after the pause, with the hold in the reason', async () => {
    const t = new Table({ ...ROULETTE, vision: { minConfidence: 0.9, verdictTimeoutMs: 60_000 } });
    const stop = startAutopilot(t.engine, DEALER, {
      settleAfterMs: 10_000,
      reviewAfterMs: 30,
      floorManager: FLOOR_MANAGER,
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(t.phase).toBe('betting_open');
    t.wheel(wheel.launched('g1', 'cw'));
    t.wheel(wheel.noMoreBets('g1'));
    t.wheel(wheel.result('g1', 17));
    t.engine.handle({ source: 'vision', verdict: verdict(t.roundId, ['17'], ['34'], 0.98) });
    expect(t.phase).toBe('needs_review');
    await new Promise((r) => setTimeout(r, 100));
    stop();
    const reviewed = [...t.journal.entries()].find((e) => e.kind === 'round.reviewed');
    expect(reviewed?.data).toMatchObject({
      decision: 'accept_sensor',
      approver: FLOOR_MANAGER,
      reason: expect.stringContaining('disagree'),
    });
    expect(t.phase).toBe('result');
  });

  it('without a floor manager (not a demo table) a held result waits for a person', async () => {
    const t = new Table({ ...ROULETTE, vision: { minConfidence: 0.9, verdictTimeoutMs: 60_000 } });
    const stop = startAutopilot(t.engine, DEALER, { settleAfterMs: 10, reviewAfterMs: 10 });
    await new Promise((r) => setTimeout(r, 20));
    t.wheel(wheel.launched('g1', 'cw'));
    t.wheel(wheel.noMoreBets('g1'));
    t.wheel(wheel.result('g1', 17));
    t.engine.handle({ source: 'vision', verdict: verdict(t.roundId, ['17'], ['34'], 0.98) });
    await new Promise((r) => setTimeout(r, 80));
    stop();
    expect(t.phase).toBe('needs_review');
    expect(t.count('command.review')).toBe(0);
  });
});
