import { describe, expect, it } from 'vitest';
import { wheel } from './support/device-events';
import { codeOf, Table } from './support/table';
import { FLOOR_MANAGER } from './support/users';

describe('the betting timer (ticks on the injected clock)', () => {
  it('a tick before the time is up journals nothing; the first tick after it closes betting', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    const size = t.journal.size;
    t.advance(14_999).tick();
    expect(t.journal.size).toBe(size);
    expect(t.phase).toBe('betting_open');
    const out = t.advance(1).tick();
    expect(out.ok).toBe(true);
    expect(t.phase).toBe('no_more_bets');
    expect(t.journal.last()).toMatchObject({
      kind: 'round.bettingClosed',
      data: { roundId: 'RT1-1', by: 'timer', at: t.clock.now(), cause: null },
    });
  });

  it('with the ball already launched, the timer closes betting straight to spinning', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.advance(10_000).wheel(wheel.launched('g1', 'cw'));
    t.advance(5_000).tick();
    expect(t.phase).toBe('spinning');
  });

  it('the dealer pressing close after the timer closed betting gets an error, not a second close', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.advance(15_000).tick();
    expect(codeOf(t.command({ cmd: 'closeBetting', roundId: 'RT1-1' }))).toBe('illegal_phase');
    expect(t.count('round.bettingClosed')).toBe(1);
  });

  it('an input arriving after the time is up is handled after the timer closed betting', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.advance(16_000);
    expect(codeOf(t.command({ cmd: 'closeBetting', roundId: 'RT1-1' }))).toBe('illegal_phase');
    expect(t.kindsFrom(3)).toEqual(['round.bettingClosed', 'command.closeBetting', 'round.rejected']);
  });

  it('start() ticks on the clock until stop()', () => {
    const t = new Table();
    t.engine.start();
    t.command({ cmd: 'openBetting', roundId: null });
    t.advance(15_200);
    expect(t.phase).toBe('no_more_bets');
    t.engine.stop();
    t.command({ cmd: 'void', roundId: 'RT1-1', reason: 'test' }, FLOOR_MANAGER);
    t.command({ cmd: 'openBetting', roundId: 'RT1-1' });
    t.advance(60_000);
    expect(t.phase).toBe('betting_open');
  });

  it('an interrupted round still stops taking bets on time', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1'));
    t.wheel(wheel.sensorError('result_missed'));
    t.advance(15_000).tick();
    expect(t.phase).toBe('interrupted');
    expect(t.engine.publicState().round?.betting?.closedAt).toBe(t.clock.now());
  });
});
