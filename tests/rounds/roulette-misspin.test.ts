import { describe, expect, it } from 'vitest';
import { wheel } from './support/device-events';
import { codeOf, ROULETTE, Table } from './support/table';
import { DEALER, FLOOR_MANAGER } from './support/users';

/** Round RT1-1 spinning with ball g1. */
function spinning(t = new Table()): Table {
  t.command({ cmd: 'openBetting', roundId: null });
  t.wheel(wheel.launched('g1', 'cw'));
  t.command({ cmd: 'closeBetting', roundId: 'RT1-1' });
  return t;
}

describe('misspins and respins', () => {
  it('misspin while spinning → respin required; the relaunch spins and the number stands', () => {
    const t = spinning();
    t.wheel(wheel.misspin('g1', 'ball_out'));
    expect(t.phase).toBe('respin_required');
    expect(t.engine.publicState().round?.roulette).toMatchObject({ misspins: ['ball_out'], respinsLeft: 1 });
    expect(codeOf(t.wheel(wheel.result('g1', 9)))).toBe('no_ball_launched');
    t.wheel(wheel.launched('g1', 'cw'));
    expect(t.phase).toBe('spinning');
    t.wheel(wheel.result('g1', 9));
    expect(t.phase).toBe('result');
    expect(t.engine.publicState().round?.roulette).toMatchObject({ respins: 1, winningNumber: 9 });
    expect(t.journal.kinds().filter((k) => k.startsWith('round.'))).toEqual([
      'round.opened',
      'round.ballLaunched',
      'round.bettingClosed',
      'round.misspin',
      'round.rejected',
      'round.ballLaunched',
      'round.result',
    ]);
  });

  it('beyond maxRespins the round waits for a floor manager; the dealer cannot allow the respin, the floor manager can', () => {
    const t = spinning(new Table({ ...ROULETTE, misspin: { policy: 'respin', maxRespins: 1 } }));
    t.wheel(wheel.misspin('g1', 'no_spin'));
    t.wheel(wheel.launched('g1', 'cw'));
    t.wheel(wheel.misspin('g1', 'too_slow'));
    expect(t.phase).toBe('interrupted');
    expect(t.engine.publicState().round?.interruption).toMatchObject({
      code: 'misspin_limit',
      resolutions: ['void', 'respin'],
    });
    expect(codeOf(t.wheel(wheel.launched('g1', 'cw')))).toBe('respin_not_approved');
    expect(codeOf(t.command({ cmd: 'respin', roundId: 'RT1-1' }, DEALER))).toBe('forbidden');
    expect(codeOf(t.command({ cmd: 'respin', roundId: 'RT1-1' }, FLOOR_MANAGER))).toBe('ok');
    expect(t.phase).toBe('respin_required');
    expect(t.journal.last()).toMatchObject({
      kind: 'round.respinApproved',
      data: { approver: FLOOR_MANAGER },
    });
    t.wheel(wheel.launched('g1', 'ccw'));
    t.wheel(wheel.result('g1', 36));
    expect(t.phase).toBe('result');
    expect(t.engine.publicState().round?.roulette?.respins).toBe(2);
  });

  it("policy 'floor_manager': the first misspin already waits for a floor manager, who may void", () => {
    const t = spinning(new Table({ ...ROULETTE, misspin: { policy: 'floor_manager', maxRespins: 0 } }));
    t.wheel(wheel.misspin('g1', 'ball_out'));
    expect(t.phase).toBe('interrupted');
    expect(
      codeOf(t.command({ cmd: 'void', roundId: 'RT1-1', reason: 'ball out twice' }, FLOOR_MANAGER)),
    ).toBe('ok');
    expect(t.phase).toBe('void');
  });

  it('a ball launched with the rotor is a misspin by the rules; the wheel reporting it too adds nothing', () => {
    const t = new Table();
    t.wheel(wheel.rotor('cw'));
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: 'RT1-1' });
    t.wheel(wheel.launched('g1', 'cw'));
    expect(t.phase).toBe('respin_required');
    expect(t.journal.last()).toMatchObject({
      kind: 'round.ballLaunched',
      data: { direction: 'clockwise', rotorDirection: 'clockwise' },
    });
    expect(codeOf(t.wheel(wheel.misspin('g1', 'same_direction')))).toBe('ok');
    expect(t.journal.last()?.kind).toBe('device.wheel.misspin');
    expect(t.engine.publicState().round?.roulette?.misspins).toEqual(['launched_with_rotor']);
  });

  it('a misspin while betting is still open leaves betting open; the relaunch counts as a respin', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1', 'cw'));
    t.wheel(wheel.misspin('g1', 'ball_out'));
    expect(t.phase).toBe('betting_open');
    t.wheel(wheel.launched('g1', 'cw'));
    t.wheel(wheel.noMoreBets('g1'));
    expect(t.phase).toBe('spinning');
    expect(t.engine.publicState().round?.roulette).toMatchObject({ respins: 1, launches: 2 });
  });

  it('a Cammegh wheel reports one launch per game: after a misspin, its no more bets stands for the relaunch', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g2'));
    t.wheel(wheel.misspin('g2', 'same_direction'));
    t.wheel(wheel.noMoreBets('g2'));
    expect(t.phase).toBe('spinning');
    expect(t.kindsFrom(t.journal.size - 2)).toEqual([
      'device.wheel.noMoreBets',
      'round.ballLaunched',
      'round.bettingClosed',
    ]);
    expect(t.journal.entries(t.journal.size - 1).next().value).toMatchObject({
      data: { impliedBy: 'noMoreBets', wheelGame: 'g2' },
    });
    expect(codeOf(t.wheel(wheel.result('g2', 13)))).toBe('ok');
    expect(t.engine.publicState().round?.roulette).toMatchObject({ respins: 1, launches: 2 });
  });

  it('no more bets with no launch at all implies nothing: the number is still refused', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.noMoreBets('g1'));
    expect(t.phase).toBe('no_more_bets');
    expect(codeOf(t.wheel(wheel.result('g1', 13)))).toBe('no_ball_launched');
  });

  it('a misspin with no round in progress is journaled, nothing else (nothing to respin)', () => {
    const t = new Table();
    expect(codeOf(t.wheel(wheel.misspin('g1', 'no_spin')))).toBe('ok');
    expect(t.journal.kinds()).toEqual(['device.wheel.misspin']);
  });

  it('a misspin with no ball launched in the round is refused', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: 'RT1-1' });
    expect(codeOf(t.wheel(wheel.misspin('g1', 'no_spin')))).toBe('illegal_transition');
  });
});
