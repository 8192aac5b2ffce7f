import { describe, expect, it } from 'vitest';
import { wheel } from './support/device-events';
import { codeOf, Table } from './support/table';
import { FLOOR_MANAGER } from './support/users';

function spinning(): Table {
  const t = new Table();
  t.command({ cmd: 'openBetting', roundId: null });
  t.wheel(wheel.launched('g1', 'cw'));
  t.wheel(wheel.noMoreBets('g1'));
  return t;
}

describe('a spin whose number is lost', () => {
  it('result_missed → interrupted; the wheel cannot resolve it; the floor manager enters the number', () => {
    const t = spinning();
    t.wheel(wheel.sensorError('result_missed'));
    expect(t.phase).toBe('interrupted');
    expect(t.engine.publicState().round?.interruption).toMatchObject({
      code: 'result_missed',
      resolutions: ['void', 'acceptResult'],
    });
    expect(codeOf(t.wheel(wheel.result('g2', 11)))).toBe('round_interrupted');
    expect(codeOf(t.command({ cmd: 'settle', roundId: 'RT1-1' }))).toBe('round_interrupted');
    expect(
      codeOf(t.command({ cmd: 'acceptResult', roundId: 'RT1-1', reason: 'read on camera 2' }, FLOOR_MANAGER)),
    ).toBe('invalid_command');

    const out = t.command(
      { cmd: 'acceptResult', roundId: 'RT1-1', reason: 'read on camera 2', number: 11 },
      FLOOR_MANAGER,
    );
    expect(out.ok).toBe(true);
    expect(t.phase).toBe('result');
    expect(t.results.map((r) => r.result)).toMatchObject([{ number: 11, manual: true }]);
    expect(t.kindsFrom(t.journal.size - 2)).toEqual([
      'command.acceptResult',
      'round.resultAccepted',
      'round.result',
    ]);
    expect(codeOf(t.command({ cmd: 'settle', roundId: 'RT1-1' }))).toBe('ok');
  });

  it('result_missed → the floor manager may void instead', () => {
    const t = spinning();
    t.wheel(wheel.sensorError('rim_sensor'));
    expect(t.phase).toBe('interrupted');
    t.command({ cmd: 'void', roundId: 'RT1-1', reason: 'rim sensor failed' }, FLOOR_MANAGER);
    expect(t.phase).toBe('void');
    expect(t.engine.publicState().round?.interruption).toBeNull();
  });

  it('a new wheel game while our ball is in play means its number was lost', () => {
    const t = spinning();
    t.wheel(wheel.gameStart('g2'));
    expect(t.phase).toBe('interrupted');
    expect(t.engine.state.round?.interruption?.code).toBe('result_missed');
  });

  it('a sensor error with no ball in play changes nothing', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.sensorError('result_missed'));
    expect(t.phase).toBe('betting_open');
    expect(t.journal.last()?.kind).toBe('device.wheel.sensorError');
  });

  it('the ball was launched while betting was open: accepting the number also closes betting', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1', 'cw'));
    t.wheel(wheel.sensorError('result_missed'));
    t.command({ cmd: 'acceptResult', roundId: 'RT1-1', reason: 'camera', number: 2 }, FLOOR_MANAGER);
    expect(t.kindsFrom(t.journal.size - 3)).toEqual([
      'command.acceptResult',
      'round.resultAccepted',
      'round.bettingClosed',
      'round.result',
    ]);
    expect(t.phase).toBe('result');
  });

  it('acceptResult on a round that is not interrupted is refused', () => {
    const t = spinning();
    expect(
      codeOf(t.command({ cmd: 'acceptResult', roundId: 'RT1-1', reason: 'x', number: 3 }, FLOOR_MANAGER)),
    ).toBe('illegal_phase');
  });
});
