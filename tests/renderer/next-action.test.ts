import { describe, expect, it } from 'vitest';
import { nextAction } from '../../renderer/src/logic/next-action';
import { rouletteState } from './fakes';
import type { Action } from '../../contract/views';

const DEALER: Action[] = ['openBetting', 'closeBetting', 'settleRound', 'respin', 'switchCamera'];

describe("the dealer's one next action", () => {
  it('follows the round: open, close, wait for the wheel, settle with the number', () => {
    const none = { ...rouletteState(), round: null };
    expect(nextAction(none, DEALER)).toMatchObject({
      kind: 'command',
      label: 'Open betting',
      params: { cmd: 'openBetting', roundId: null },
    });
    expect(nextAction(rouletteState(), DEALER)).toMatchObject({
      label: 'Close betting',
      params: { cmd: 'closeBetting', roundId: 't1-7' },
    });
    expect(nextAction(rouletteState({ phase: 'spinning' }), DEALER)).toMatchObject({
      kind: 'wait',
      label: 'Ball in play',
    });
    const result = rouletteState({ phase: 'result' });
    result.round!.roulette!.winningNumber = 17;
    expect(nextAction(result, DEALER)).toMatchObject({
      label: 'Settle 17',
      params: { cmd: 'settle', roundId: 't1-7' },
    });
    const settled = rouletteState({ phase: 'settled' });
    expect(nextAction(settled, DEALER)).toMatchObject({ params: { cmd: 'openBetting', roundId: 't1-7' } });
  });

  it('never offers what the role may not do, and waits for the floor manager on a held round', () => {
    expect(nextAction(rouletteState(), ['calibrateWheel'])).toMatchObject({
      kind: 'wait',
      hint: expect.stringContaining('not for your role'),
    });
    const held = rouletteState({
      phase: 'interrupted',
      interruption: {
        code: 'result_missed',
        reason: 'rim sensor',
        at: 0,
        resolutions: ['void', 'acceptResult'],
      },
    });
    expect(nextAction(held, DEALER)).toEqual({
      kind: 'wait',
      label: 'Held for the floor manager',
      hint: 'rim sensor',
    });
    expect(nextAction(rouletteState({ phase: 'respin_required' }), DEALER)).toMatchObject({
      label: 'Misspin: launch again',
    });
  });
});
