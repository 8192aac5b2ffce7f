import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../engine/journal/types';
import { shoe, wheel } from './support/device-events';
import { duplicatedResults, RecordingTable } from './support/record';
import { BACCARAT, codeOf, ROULETTE, Table } from './support/table';
import { FLOOR_MANAGER } from './support/users';

/** Decision entries without what differs between two writings of them (time, hash, seq). */
function decisionsOf(entries: readonly JournalEntry[]): { kind: string; data: unknown }[] {
  return entries.map((e) => ({ kind: e.kind, data: e.data }));
}

/** Two roulette rounds with a misspin, a refused number, a double press and a void, recorded. */
function rouletteScript(): RecordingTable {
  const t = new RecordingTable(ROULETTE);
  const steps: ((t: Table) => unknown)[] = [
    (t) => t.command({ cmd: 'openBetting', roundId: null }),
    (t) => t.wheel(wheel.gameStart('g1')),
    (t) => t.advance(5_000).wheel(wheel.launched('g1', 'cw')),
    (t) => t.advance(4_000).wheel(wheel.noMoreBets('g1')),
    (t) => t.command({ cmd: 'closeBetting', roundId: 'RT1-1' }),
    (t) => t.wheel(wheel.misspin('g1', 'ball_out')),
    (t) => t.wheel(wheel.result('g1', 4)),
    (t) => t.wheel(wheel.launched('g1', 'ccw')),
    (t) => t.advance(20_000).wheel(wheel.result('g1', 26)),
    (t) => t.command({ cmd: 'settle', roundId: 'RT1-1' }),
    (t) => t.command({ cmd: 'openBetting', roundId: 'RT1-1' }),
    (t) => t.advance(15_000).tick(),
    (t) => t.wheel(wheel.launched('g2', 'cw')),
    (t) => t.command({ cmd: 'void', roundId: 'RT1-2', reason: 'dealer dropped the ball' }, FLOOR_MANAGER),
    (t) => t.command({ cmd: 'openBetting', roundId: 'RT1-2' }),
    (t) => t.wheel(wheel.launched('g3')),
    (t) => t.wheel(wheel.noMoreBets('g3')),
    (t) => t.wheel(wheel.result('g3', 0)),
  ];
  for (const step of steps) t.step(step);
  return t;
}

function baccaratScript(): RecordingTable {
  const t = new RecordingTable(BACCARAT);
  t.step((t) => t.shoe(shoe.inserted('S1')));
  for (const card of ['2H', '9C', '5D'] as const) t.step((t) => t.deal('S1', [card]));
  t.step((t) => t.command({ cmd: 'openBetting', roundId: null }));
  t.step((t) => t.command({ cmd: 'closeBetting', roundId: 'BC1-1' }));
  for (const card of ['10S', '2H', 'KS', '3D', '6C', '3S', '7S'] as const)
    t.step((t) => t.deal('S1', [card]));
  t.step((t) => t.command({ cmd: 'acceptResult', roundId: 'BC1-1', reason: 'burned' }, FLOOR_MANAGER));
  t.step((t) => t.command({ cmd: 'settle', roundId: 'BC1-1' }));
  return t;
}

describe('rebuild from the journal', () => {
  it.each([
    ['roulette', rouletteScript],
    ['baccarat', baccaratScript],
  ])('%s: a new engine replaying the journal has the same state', (_game, script) => {
    const t = script();
    const reopened = t.reopen();
    expect(reopened.engine.state).toEqual(t.engine.state);
    expect(reopened.engine.publicState()).toEqual(t.engine.publicState());
    expect(reopened.engine.recovery).toEqual({
      entriesReplayed: t.journal.size,
      rederived: [],
      interrupted: null,
    });
    expect(reopened.journal.size).toBe(t.journal.size);
  });

  it.each([
    ['roulette', rouletteScript],
    ['baccarat', baccaratScript],
  ])('%s: killed after any entry, the restarted desk reaches the state the live one had', (_game, script) => {
    const t = script();
    const after = new Map(t.checkpoints.map((c) => [c.inputSeq, c]));
    const original = [...t.journal.entries()];
    expect(t.checkpoints.length).toBeGreaterThanOrEqual(14);
    for (let n = 1; n <= t.journal.size; n++) {
      const restarted = t.killedAfter(n);
      const checkpoint = after.get(n);
      if (checkpoint) {
        // Killed between an input and its decisions: they are re-derived, identical to the live ones.
        expect(restarted.engine.state).toEqual(checkpoint.state);
        expect(decisionsOf(restarted.engine.recovery.rederived)).toEqual(
          decisionsOf(original.slice(n, checkpoint.size)),
        );
      } else {
        expect(restarted.engine.recovery.rederived).toEqual([]);
      }
      expect(duplicatedResults(restarted.journal)).toEqual([]);
    }
  });
});

describe('resuming a round after a restart', () => {
  it('betting whose time ran out while the desk was down closes on the first tick', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    const restarted = t.reopen(60_000);
    expect(restarted.phase).toBe('betting_open');
    restarted.tick();
    expect(restarted.phase).toBe('no_more_bets');
    expect(restarted.journal.last()).toMatchObject({ kind: 'round.bettingClosed', data: { by: 'timer' } });
  });

  it('a spinning round resumes, waiting for the wheel, and takes the number the wheel reports', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1', 'cw'));
    t.wheel(wheel.noMoreBets('g1'));
    const restarted = t.reopen(10_000);
    expect(restarted.phase).toBe('spinning');
    // a fresh decoder numbers games from g1 again and marks the number late (it never saw the launch)
    expect(codeOf(restarted.wheel(wheel.result('g1', 19, 'european', true)))).toBe('ok');
    expect(restarted.results.map((r) => r.roundId)).toEqual(['RT1-1']);
  });

  it('a ball in play longer than the resume window is interrupted for the floor manager', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1', 'cw'));
    t.wheel(wheel.noMoreBets('g1'));
    const restarted = t.reopen(5 * 60_000);
    expect(restarted.phase).toBe('interrupted');
    expect(restarted.engine.recovery.interrupted).toMatchObject({
      kind: 'round.interrupted',
      data: { code: 'recovery', cause: null },
    });
    expect(codeOf(restarted.wheel(wheel.result('g1', 19)))).toBe('round_interrupted');
    restarted.command(
      { cmd: 'acceptResult', roundId: 'RT1-1', reason: 'from the wheel log', number: 19 },
      FLOOR_MANAGER,
    );
    expect(restarted.phase).toBe('result');
  });

  it('an interrupted round is still interrupted after a restart, and a result phase still waits for settlement', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1'));
    t.wheel(wheel.sensorError('result_missed'));
    expect(t.reopen(600_000).phase).toBe('interrupted');

    const r = new Table();
    r.command({ cmd: 'openBetting', roundId: null });
    r.wheel(wheel.launched('g1'));
    r.wheel(wheel.noMoreBets('g1'));
    r.wheel(wheel.result('g1', 3));
    const restarted = r.reopen(600_000);
    expect(restarted.phase).toBe('result');
    expect(codeOf(restarted.command({ cmd: 'settle', roundId: 'RT1-1' }))).toBe('ok');
  });

  it('a baccarat hand resumes mid-deal; the card numbers continue', () => {
    const t = new Table(BACCARAT);
    t.shoe(shoe.inserted('S1'));
    t.deal('S1', ['AH', '9S']);
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: 'BC1-1' });
    t.deal('S1', ['4S', '3H']);
    const restarted = t.reopen(30_000);
    expect(restarted.engine.publicState().nextCard).toBe('player 2');
    restarted.deal('S1', ['5S', '4H']);
    expect(restarted.results[0]?.result).toMatchObject({ outcome: { winner: 'player', playerTotal: 9 } });
  });
});

describe('no result is announced twice across a rebuild', () => {
  it('a restarted desk announces only the results decided after it started', () => {
    const t = rouletteScript();
    expect(t.results.map((r) => r.roundId)).toEqual(['RT1-1', 'RT1-3']);
    const restarted = t.reopen();
    restarted.command({ cmd: 'settle', roundId: 'RT1-3' });
    restarted.command({ cmd: 'openBetting', roundId: 'RT1-3' });
    restarted.wheel(wheel.launched('g4'));
    restarted.wheel(wheel.noMoreBets('g4'));
    restarted.wheel(wheel.result('g4', 30));
    restarted.wheel(wheel.result('g4', 30));
    expect(restarted.results.map((r) => r.roundId)).toEqual(['RT1-4']);
    const announced = [...t.results, ...restarted.results].map((r) => r.seq);
    const written = [...restarted.journal.entries()]
      .filter((e) => e.kind === 'round.result')
      .map((e) => e.seq);
    expect(announced).toEqual(written);
  });

  it('a result re-derived on restart is reported by recovery, not announced again later', () => {
    const t = new Table();
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1'));
    t.wheel(wheel.noMoreBets('g1'));
    t.wheel(wheel.result('g1', 21));
    const killed = t.journal.truncated(t.journal.size - 1, () => t.clock.now());
    const restarted = t.reopen(0, killed);
    expect(restarted.engine.recovery.rederived.map((e) => e.kind)).toEqual(['round.result']);
    restarted.command({ cmd: 'settle', roundId: 'RT1-1' });
    expect(restarted.results).toEqual([]);
    expect(duplicatedResults(restarted.journal)).toEqual([]);
  });
});
