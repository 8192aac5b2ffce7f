import { describe, expect, it } from 'vitest';
import { wheel } from './support/device-events';
import { codeOf, Table } from './support/table';
import { DEALER, FLOOR_MANAGER, TECHNICIAN } from './support/users';

/** A table with round RT1-1 spinning (launched while betting was open, betting closed by the dealer). */
function spinning(): Table {
  const t = new Table();
  t.command({ cmd: 'openBetting', roundId: null });
  t.wheel(wheel.launched('g1', 'cw'));
  t.command({ cmd: 'closeBetting', roundId: 'RT1-1' });
  return t;
}

function withResult(): Table {
  const t = spinning();
  t.wheel(wheel.result('g1', 14));
  return t;
}

describe('guarded commands', () => {
  it('a double press of closeBetting: the second is refused, one decision in the journal', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    expect(codeOf(t.command({ cmd: 'closeBetting', roundId: 'RT1-1' }))).toBe('ok');
    const second = t.command({ cmd: 'closeBetting', roundId: 'RT1-1' });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'illegal_phase', message: 'closeBetting refused: round RT1-1 is no_more_bets' },
    });
    expect(t.count('round.bettingClosed')).toBe(1);
    expect(t.count('command.closeBetting')).toBe(2);
    expect(t.kindsFrom(t.journal.size - 1)).toEqual(['command.closeBetting', 'round.rejected']);
    expect(t.phase).toBe('no_more_bets');
  });

  it('a double press of openBetting: the second names the old round and is stale', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    const second = t.command({ cmd: 'openBetting', roundId: null });
    expect(second).toMatchObject({
      ok: false,
      error: {
        code: 'stale_round',
        message: 'openBetting refused: the screen shows no round, the table is at RT1-1',
      },
    });
    expect(t.count('round.opened')).toBe(1);
    expect(t.roundId).toBe('RT1-1');
  });

  it('a stale screen: a command naming the previous round does nothing to the current one', () => {
    const t = withResult();
    t.command({ cmd: 'settle', roundId: 'RT1-1' });
    t.command({ cmd: 'openBetting', roundId: 'RT1-1' });
    expect(codeOf(t.command({ cmd: 'closeBetting', roundId: 'RT1-1' }))).toBe('stale_round');
    expect(codeOf(t.command({ cmd: 'settle', roundId: 'RT1-1' }))).toBe('stale_round');
    expect(t.phase).toBe('betting_open');
  });

  it('openBetting while a round is still in progress is refused', () => {
    const t = spinning();
    expect(t.command({ cmd: 'openBetting', roundId: 'RT1-1' })).toMatchObject({
      ok: false,
      error: { code: 'illegal_phase', message: 'openBetting refused: round RT1-1 is spinning' },
    });
  });

  it('settle needs a result', () => {
    const t = spinning();
    expect(codeOf(t.command({ cmd: 'settle', roundId: 'RT1-1' }))).toBe('illegal_phase');
    expect(t.count('round.settled')).toBe(0);
  });

  it('a dealer cannot void a round: forbidden, nothing changes', () => {
    const t = withResult();
    const out = t.command({ cmd: 'void', roundId: 'RT1-1', reason: 'wrong number' }, DEALER);
    expect(out).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('needs a floor manager') },
    });
    expect(t.phase).toBe('result');
    expect(t.count('round.voided')).toBe(0);
    expect(t.journal.last()?.data).toMatchObject({ code: 'forbidden', input: 'void' });
  });

  it('a dealer cannot accept a disputed result', () => {
    const t = spinning();
    t.wheel(wheel.sensorError('result_missed'));
    expect(
      codeOf(
        t.command({ cmd: 'acceptResult', roundId: 'RT1-1', reason: 'seen on camera', number: 4 }, DEALER),
      ),
    ).toBe('forbidden');
    expect(t.phase).toBe('interrupted');
  });

  it('a technician cannot run rounds', () => {
    const t = new Table();
    expect(codeOf(t.command({ cmd: 'openBetting', roundId: null }, TECHNICIAN))).toBe('forbidden');
    expect(t.engine.state.round).toBeUndefined();
  });

  it('the role is checked before the round: a forbidden command on a stale screen is forbidden', () => {
    const t = withResult();
    expect(codeOf(t.command({ cmd: 'void', roundId: 'RT1-9', reason: 'x' }, DEALER))).toBe('forbidden');
  });

  it('a floor manager voids with a reason; the void records who and why', () => {
    const t = withResult();
    const out = t.command(
      { cmd: 'void', roundId: 'RT1-1', reason: '  ball jumped out on camera ' },
      FLOOR_MANAGER,
    );
    expect(out.ok).toBe(true);
    expect(t.phase).toBe('void');
    expect(t.journal.last()).toMatchObject({
      kind: 'round.voided',
      data: { roundId: 'RT1-1', reason: 'ball jumped out on camera', approver: FLOOR_MANAGER },
    });
    expect(t.engine.publicState().lastResults[0]).toMatchObject({ roundId: 'RT1-1', voided: true });
  });

  it('a void needs a reason', () => {
    const t = spinning();
    expect(t.command({ cmd: 'void', roundId: 'RT1-1', reason: '  ' }, FLOOR_MANAGER)).toMatchObject({
      ok: false,
      error: { code: 'invalid_command', message: 'void refused: a reason is required' },
    });
    expect(t.phase).toBe('spinning');
  });

  it('a settled round cannot be voided', () => {
    const t = withResult();
    t.command({ cmd: 'settle', roundId: 'RT1-1' });
    expect(
      codeOf(t.command({ cmd: 'void', roundId: 'RT1-1', reason: 'late complaint' }, FLOOR_MANAGER)),
    ).toBe('illegal_phase');
  });

  it('a bad betting time is refused', () => {
    const t = new Table();
    expect(codeOf(t.command({ cmd: 'openBetting', roundId: null, durationMs: -5 }))).toBe('invalid_command');
    expect(codeOf(t.command({ cmd: 'openBetting', roundId: null, durationMs: 20_000 }))).toBe('ok');
    expect(t.engine.publicState().round?.betting).toMatchObject({ timeLeftMs: 20_000 });
  });

  it('respin with nothing to approve is refused', () => {
    const t = spinning();
    expect(codeOf(t.command({ cmd: 'respin', roundId: 'RT1-1' }, FLOOR_MANAGER))).toBe('illegal_phase');
  });
});
