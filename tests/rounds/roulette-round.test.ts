import { describe, expect, it } from 'vitest';
import { wheel } from './support/device-events';
import { codeOf, ROULETTE, Table } from './support/table';

describe('a roulette round driven by the wheel and the dealer', () => {
  it('live order: open, ball launched while betting is open, the wheel calls no more bets, number, settle', () => {
    const t = new Table();
    expect(t.phase).toBeUndefined();

    expect(codeOf(t.command({ cmd: 'openBetting', roundId: null }))).toBe('ok');
    expect(t.roundId).toBe('RT1-1');
    expect(t.phase).toBe('betting_open');

    const g = t.nextGame();
    t.wheel(wheel.gameStart(g));
    t.advance(8_000).wheel(wheel.launched(g, 'ccw'));
    expect(t.phase).toBe('betting_open');
    expect(t.engine.publicState().round?.roulette?.launches).toBe(1);

    t.advance(3_000).wheel(wheel.noMoreBets(g));
    expect(t.phase).toBe('spinning');

    t.advance(12_000).wheel(wheel.result(g, 17));
    expect(t.phase).toBe('result');
    expect(t.results.map((r) => r.result)).toMatchObject([{ game: 'roulette', number: 17, manual: false }]);

    expect(codeOf(t.command({ cmd: 'settle', roundId: 'RT1-1' }))).toBe('ok');
    expect(t.phase).toBe('settled');
    expect(t.journal.kinds()).toEqual([
      'command.openBetting',
      'round.opened',
      'device.wheel.gameStart',
      'device.wheel.ballLaunched',
      'round.ballLaunched',
      'device.wheel.noMoreBets',
      'round.bettingClosed',
      'device.wheel.result',
      'round.result',
      'command.settle',
      'round.settled',
    ]);
    expect(t.rejections).toEqual([]);
  });

  it('dealer closes betting first, then the ball is launched: no more bets → spinning', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: 'RT1-1' });
    expect(t.phase).toBe('no_more_bets');
    const g = t.nextGame();
    t.wheel(wheel.launched(g, 'cw'));
    expect(t.phase).toBe('spinning');
    t.wheel(wheel.noMoreBets(g)); // betting is already closed: nothing to decide, nothing refused
    expect(t.phase).toBe('spinning');
    t.wheel(wheel.result(g, 0));
    expect(t.phase).toBe('result');
    expect(t.rejections).toEqual([]);
    expect(t.count('round.bettingClosed')).toBe(1);
  });

  it("the wheel's gameStart is journaled but does not open betting", () => {
    const t = new Table();
    const out = t.wheel(wheel.gameStart('g1'));
    expect(out.ok).toBe(true);
    expect(t.journal.kinds()).toEqual(['device.wheel.gameStart']);
    expect(t.engine.state.round).toBeUndefined();
  });

  it('a number for the ball in play while betting is still open is refused and holds the round', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1', 'cw'));
    const out = t.wheel(wheel.result('g1', 5));
    expect(out).toMatchObject({
      ok: false,
      error: { code: 'betting_open', message: 'winning number refused: betting is still open' },
    });
    expect(t.kindsFrom(t.journal.size - 2)).toEqual([
      'device.wheel.result',
      'round.rejected',
      'round.interrupted',
    ]);
    expect(t.engine.publicState().round?.interruption).toMatchObject({
      code: 'result_during_betting',
      resolutions: ['void', 'acceptResult'],
    });
    expect(t.results).toEqual([]);
    // the floor manager, having checked that no bet came in after the ball landed, accepts it
    t.command(
      { cmd: 'acceptResult', roundId: 'RT1-1', reason: 'no late bets in the log', number: 5 },
      { id: 'fm-ana', role: 'floor_manager' },
    );
    expect(t.phase).toBe('result');
    expect(t.results.map((r) => r.result)).toMatchObject([{ number: 5, manual: true }]);
  });

  it('a number while betting is open and no ball is in play is refused, nothing else', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    expect(codeOf(t.wheel(wheel.result('g0', 5)))).toBe('betting_open');
    expect(t.phase).toBe('betting_open');
  });

  it('a number without a ball launched in the round is refused, journaled with the reason, and announced as rejected', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: 'RT1-1' });
    const out = t.wheel(wheel.result('g1', 23, 'european', true));
    expect(codeOf(out)).toBe('no_ball_launched');
    expect(t.phase).toBe('no_more_bets');
    expect(t.results).toEqual([]);
    const rejected = t.journal.last();
    expect(rejected).toMatchObject({
      kind: 'round.rejected',
      actor: { id: 'engine', role: 'system' },
      data: { roundId: 'RT1-1', input: 'wheel result', code: 'no_ball_launched', cause: rejected!.seq - 1 },
    });
    expect(t.rejections).toEqual([
      {
        tableId: 'RT1',
        roundId: 'RT1-1',
        input: 'wheel result',
        code: 'no_ball_launched',
        message: expect.stringContaining('no ball was launched'),
        seq: rejected!.seq,
      },
    ]);
  });

  it('wheel events with no round open are refused (launch, number) or ignored (no more bets)', () => {
    const t = new Table();
    expect(codeOf(t.wheel(wheel.launched('g1', 'cw')))).toBe('no_round');
    expect(codeOf(t.wheel(wheel.noMoreBets('g1')))).toBe('ok');
    expect(codeOf(t.wheel(wheel.result('g1', 3)))).toBe('no_round');
    expect(t.count('round.rejected')).toBe(2);
  });

  it('a number off the wheel layout is refused', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1'));
    t.wheel(wheel.noMoreBets('g1'));
    expect(codeOf(t.wheel(wheel.result('g1', '00')))).toBe('not_on_wheel');
    expect(t.phase).toBe('spinning');
  });

  it('an American table accepts 00', () => {
    const t = new Table({ ...ROULETTE, layout: 'american' });
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1'));
    t.wheel(wheel.noMoreBets('g1'));
    expect(codeOf(t.wheel(wheel.result('g1', '00', 'american')))).toBe('ok');
    expect(t.results[0]?.result).toMatchObject({ number: '00', facts: { colour: 'green' } });
  });

  it('round ids count up from the journal and are never reused, voided rounds included', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.command(
      { cmd: 'void', roundId: 'RT1-1', reason: 'camera down' },
      { id: 'fm-ana', role: 'floor_manager' },
    );
    t.command({ cmd: 'openBetting', roundId: 'RT1-1' });
    expect(t.roundId).toBe('RT1-2');
    const again = t.reopen();
    again.command({ cmd: 'closeBetting', roundId: 'RT1-2' });
    again.wheel(wheel.launched('g9'));
    again.wheel(wheel.result('g9', 8));
    again.command({ cmd: 'settle', roundId: 'RT1-2' });
    again.command({ cmd: 'openBetting', roundId: 'RT1-2' });
    expect(again.roundId).toBe('RT1-3');
  });

  it('auto-open: the next round opens as soon as the last one settles', () => {
    const t = new Table({ ...ROULETTE, autoOpen: true });
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1'));
    t.wheel(wheel.noMoreBets('g1'));
    t.wheel(wheel.result('g1', 12));
    t.command({ cmd: 'settle', roundId: 'RT1-1' });
    expect(t.roundId).toBe('RT1-2');
    expect(t.phase).toBe('betting_open');
    expect(t.kindsFrom(t.journal.size - 2)).toEqual(['command.settle', 'round.settled', 'round.opened']);
    expect(t.journal.last()?.data).toMatchObject({ by: 'auto' });
  });

  it('every input is journaled before its decisions, which name it as their cause', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1'));
    const [input, decision] = [...t.journal.entries()].slice(-2);
    expect(input).toMatchObject({
      kind: 'device.wheel.ballLaunched',
      actor: { id: 'wheel', role: 'device' },
    });
    expect(decision).toMatchObject({
      kind: 'round.ballLaunched',
      data: { cause: input!.seq, wheelGame: 'g1' },
    });
    const [command] = t.journal.entries();
    expect(command).toMatchObject({
      kind: 'command.openBetting',
      actor: { id: 'dl-bo', role: 'dealer' },
      data: { command: { cmd: 'openBetting', roundId: null, user: { id: 'dl-bo', role: 'dealer' } } },
    });
  });

  it('a result is announced only once its entry is durable in the journal', () => {
    const t = new Table();
    const durableAtAnnouncement: boolean[] = [];
    t.engine.on('result', (r) => {
      durableAtAnnouncement.push(t.journal.kinds()[r.seq - 1] === 'round.result');
    });
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1'));
    t.wheel(wheel.noMoreBets('g1'));
    t.wheel(wheel.result('g1', 31));
    expect(durableAtAnnouncement).toEqual([true]);
  });

  it('when the journal fails to write the result, nothing is announced and the engine stops taking inputs', () => {
    const t = new Table();
    const errors: Error[] = [];
    t.engine.on('error', (e) => errors.push(e));
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1'));
    t.wheel(wheel.noMoreBets('g1'));
    t.journal.failOn('round.result');
    expect(codeOf(t.wheel(wheel.result('g1', 31)))).toBe('journal_failed');
    expect(t.results).toEqual([]);
    expect(t.phase).toBe('spinning');
    expect(errors).toHaveLength(1);
    expect(codeOf(t.command({ cmd: 'settle', roundId: 'RT1-1' }))).toBe('journal_failed');

    // The wheel event and its decision are one transaction: neither was written. Reopened, the round
    // still waits for its number, and nothing was invented.
    const reopened = t.reopen();
    expect(reopened.phase).toBe('spinning');
    expect(reopened.engine.recovery.rederived).toEqual([]);
    expect(reopened.count('round.result')).toBe(0);
  });

  it('public state: betting time left, last results most recent first', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.advance(4_000);
    expect(t.engine.publicState().round?.betting).toMatchObject({ timeLeftMs: 11_000, closedAt: null });
    for (const [i, n] of [7, 29].entries()) {
      const g = `g${i + 1}`;
      if (i > 0) t.command({ cmd: 'openBetting', roundId: t.roundId });
      t.wheel(wheel.launched(g));
      t.command({ cmd: 'closeBetting', roundId: t.roundId });
      t.wheel(wheel.result(g, n));
      t.command({ cmd: 'settle', roundId: t.roundId });
    }
    const s = t.engine.publicState();
    expect(s.lastResults.map((r) => [r.roundId, r.game === 'roulette' ? r.number : null])).toEqual([
      ['RT1-2', 29],
      ['RT1-1', 7],
    ]);
    expect(s.lastResults[1]).toMatchObject({ facts: { colour: 'red', parity: 'odd', dozen: 1 } });
    expect(s.round?.betting?.timeLeftMs).toBe(0);
  });
});
