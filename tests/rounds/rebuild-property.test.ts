/**
 * Property: for any sequence of inputs — device events, commands from any user naming any round,
 * ticks at any time — the state the live engine reaches equals the state rebuilt from its journal;
 * a desk killed after any input entry recovers to the live state; no round gets two results; every
 * result written is announced exactly once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardCode } from '../../hardware/cards';
import { fullDeck } from '../../hardware/cards';
import type { Direction, MisspinReason } from '../../hardware/protocols/types';
import type { Command, User } from '../../engine/rounds';
import { shoe, wheel } from './support/device-events';
import { duplicatedResults, RecordingTable } from './support/record';
import { BACCARAT, ROULETTE, type CommandBody, type Table } from './support/table';
import { DEALER, FLOOR_MANAGER, TECHNICIAN } from './support/users';

type Step = (t: Table) => unknown;

const user = fc.constantFrom<User>(DEALER, DEALER, DEALER, FLOOR_MANAGER, FLOOR_MANAGER, TECHNICIAN);
/** Which round a command names: the current one mostly, sometimes a stale or a wrong one. */
const roundRef = fc.constantFrom(
  'current',
  'current',
  'current',
  'current',
  'current',
  'previous',
  'none',
  'bogus',
);

function resolveRef(t: Table, ref: string): string | null {
  const round = t.engine.state.round;
  if (ref === 'current') return round?.id ?? null;
  if (ref === 'previous') return round && round.n > 1 ? `${t.config.tableId}-${round.n - 1}` : null;
  if (ref === 'none') return null;
  return 'XX-1';
}

const command: fc.Arbitrary<Step> = fc
  .record({
    cmd: fc.constantFrom<Command['cmd']>(
      'openBetting',
      'openBetting',
      'closeBetting',
      'settle',
      'settle',
      'void',
      'respin',
      'acceptResult',
    ),
    ref: roundRef,
    user,
    reason: fc.constantFrom('', 'camera shows it'),
    number: fc.option(fc.integer({ min: 0, max: 37 }), { nil: undefined }),
    durationMs: fc.option(fc.integer({ min: -1, max: 30_000 }), { nil: undefined }),
  })
  .map(({ cmd, ref, user, reason, number, durationMs }) => (t: Table) => {
    const roundId = resolveRef(t, ref);
    const body = (
      cmd === 'openBetting'
        ? { cmd, roundId, ...(durationMs === undefined ? {} : { durationMs }) }
        : { cmd, roundId: roundId ?? 'XX-0', reason, ...(number === undefined ? {} : { number }) }
    ) as CommandBody;
    return t.command(body, user);
  });

const advance: fc.Arbitrary<Step> = fc
  .integer({ min: 0, max: 20_000 })
  .map((ms) => (t: Table) => t.advance(ms).tick());

const direction = fc.option(fc.constantFrom<Direction>('cw', 'ccw'), { nil: undefined });
const game = fc.constantFrom('g1', 'g2', 'g3');

const wheelEvent: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: game.map((g) => (t: Table) => t.wheel(wheel.gameStart(g))) },
  {
    weight: 3,
    arbitrary: fc.tuple(game, direction).map(
      ([g, d]) =>
        (t: Table) =>
          t.wheel(wheel.launched(g, d)),
    ),
  },
  { weight: 2, arbitrary: game.map((g) => (t: Table) => t.wheel(wheel.noMoreBets(g))) },
  {
    weight: 3,
    arbitrary: fc.tuple(game, fc.integer({ min: 0, max: 36 })).map(
      ([g, n]) =>
        (t: Table) =>
          t.wheel(wheel.result(g, n)),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(game, fc.constantFrom<MisspinReason>('no_spin', 'ball_out', 'same_direction', 'void'))
      .map(
        ([g, r]) =>
          (t: Table) =>
            t.wheel(wheel.misspin(g, r)),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('result_missed', 'rim_sensor', 'other')
      .map((c) => (t: Table) => t.wheel(wheel.sensorError(c))),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Direction>('cw', 'ccw').map((d) => (t: Table) => t.wheel(wheel.rotor(d))),
  },
);

const card = fc.constantFrom<CardCode>(...fullDeck());
/** The shoe in the reader mostly; sometimes another one. */
const shoeRef = fc.constantFrom('current', 'current', 'current', 'current', 'other');

function shoeOf(t: Table, ref: string): string {
  const id = t.engine.state.shoe?.id ?? 'S1';
  return ref === 'current' ? id : `${id}x`;
}

const shoeEvent: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.nat(99).map((n) => (t: Table) => t.shoe(shoe.inserted(`S${n}`, 1))) },
  { weight: 1, arbitrary: shoeRef.map((r) => (t: Table) => t.shoe(shoe.removed(shoeOf(t, r)))) },
  { weight: 1, arbitrary: shoeRef.map((r) => (t: Table) => t.shoe(shoe.cut(shoeOf(t, r), 1))) },
  {
    weight: 16,
    arbitrary: fc.tuple(shoeRef, card, fc.constantFrom(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 2)).map(
      ([r, c, step]) =>
        (t: Table) =>
          t.shoe(shoe.card(shoeOf(t, r), (t.engine.state.shoe?.lastIndex ?? 0) + step, c)),
    ),
  },
);

/** A whole round played by the book, as separate inputs: most runs then reach results and settlements. */
const rouletteRound: fc.Arbitrary<Step[]> = fc
  .tuple(game, fc.integer({ min: 0, max: 36 }), direction)
  .map(([g, n, d]) => [
    (t: Table) => t.command({ cmd: 'openBetting', roundId: t.engine.state.round?.id ?? null }),
    (t: Table) => t.wheel(wheel.launched(g, d)),
    (t: Table) => t.wheel(wheel.noMoreBets(g)),
    (t: Table) => t.wheel(wheel.result(g, n)),
    (t: Table) => t.command({ cmd: 'settle', roundId: t.engine.state.round?.id ?? 'XX-0' }),
  ]);

/** A spin that goes wrong: misspins, a lost number, and a floor manager's decision. */
const troubledSpin: fc.Arbitrary<Step[]> = fc
  .tuple(
    game,
    fc.constantFrom<MisspinReason>('no_spin', 'ball_out', 'same_direction'),
    fc.constantFrom('result_missed', 'rim_sensor'),
    fc.constantFrom<CommandBody['cmd']>('void', 'acceptResult', 'respin'),
    fc.integer({ min: 0, max: 36 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([g, reason, error, decision, n, misspins]) => [
    (t: Table) => t.command({ cmd: 'openBetting', roundId: t.engine.state.round?.id ?? null }),
    (t: Table) => t.wheel(wheel.launched(g, 'cw')),
    ...Array.from({ length: misspins }, () => [
      (t: Table) => t.wheel(wheel.misspin(g, reason)),
      (t: Table) => t.wheel(wheel.launched(g, 'ccw')),
    ]).flat(),
    (t: Table) => t.wheel(wheel.sensorError(error)),
    floorDecision(decision, n),
  ]);

/** A floor manager's decision on the current round, with a reason (and a number for acceptResult). */
function floorDecision(cmd: CommandBody['cmd'], number: number): Step {
  return (t: Table) =>
    t.command(
      { cmd, roundId: t.engine.state.round?.id ?? 'XX-0', reason: 'floor decision', number } as CommandBody,
      FLOOR_MANAGER,
    );
}

const floorDecisions: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.constantFrom<CommandBody['cmd']>('void', 'acceptResult', 'respin'),
    fc.integer({ min: 0, max: 36 }),
  )
  .map(([cmd, n]) => [floorDecision(cmd, n)]);

const baccaratRound: fc.Arbitrary<Step[]> = fc
  .array(card, { minLength: 4, maxLength: 6 })
  .map((cards) => [
    (t: Table) => t.command({ cmd: 'openBetting', roundId: t.engine.state.round?.id ?? null }),
    (t: Table) => t.command({ cmd: 'closeBetting', roundId: t.engine.state.round?.id ?? 'XX-0' }),
    ...cards.map(
      (c) => (t: Table) =>
        t.shoe(shoe.card(shoeOf(t, 'current'), (t.engine.state.shoe?.lastIndex ?? 0) + 1, c)),
    ),
    (t: Table) => t.command({ cmd: 'settle', roundId: t.engine.state.round?.id ?? 'XX-0' }),
  ]);

/** A new shoe and its burn (first card worth 1–3, so the burn is short). */
const newShoe: fc.Arbitrary<Step[]> = fc
  .tuple(fc.constantFrom<CardCode>('AH', '2C', '3D'), fc.array(card, { minLength: 3, maxLength: 3 }))
  .map(([first, rest]) => [
    (t: Table) => t.shoe(shoe.inserted(`N${t.journal.size}`, 1)),
    ...[first, ...rest].map(
      (c) => (t: Table) =>
        t.shoe(shoe.card(shoeOf(t, 'current'), (t.engine.state.shoe?.lastIndex ?? 0) + 1, c)),
    ),
  ]);

const one = (a: fc.Arbitrary<Step>): fc.Arbitrary<Step[]> => a.map((s) => [s]);

function check(t: RecordingTable, cuts: readonly number[]): void {
  // rebuild: the fold of the journal is the live state
  const reopened = t.killedAfter(t.journal.size);
  expect(reopened.engine.state).toEqual(t.engine.state);
  expect(reopened.engine.recovery.rederived).toEqual([]);
  // results: one per round at most, each written one announced once
  expect(duplicatedResults(t.journal)).toEqual([]);
  const written = [...t.journal.entries()].filter((e) => e.kind === 'round.result').map((e) => e.seq);
  expect(t.results.map((r) => r.seq)).toEqual(written);
  // killed right after an input entry: the restarted desk re-derives the live decisions
  for (const cut of cuts) {
    const checkpoint = t.checkpoints[cut % Math.max(1, t.checkpoints.length)];
    if (!checkpoint) continue;
    const restarted = t.killedAfter(checkpoint.inputSeq);
    expect(restarted.engine.state).toEqual(checkpoint.state);
    expect(restarted.journal.size).toBe(checkpoint.size);
  }
}

const STATS: Record<string, Record<string, number>> = { roulette: {}, baccarat: {} };

/** Counts decision kinds over all runs, to see that the properties were exercised. */
function tally(t: Table): void {
  const stats = STATS[t.config.game] ?? {};
  for (const kind of t.journal.kinds()) stats[kind] = (stats[kind] ?? 0) + 1;
}

function expectExercised(game: string, kinds: readonly string[]): void {
  for (const kind of kinds) expect(STATS[game]?.[kind] ?? 0, `${game} ${kind}`).toBeGreaterThan(10);
}

describe('rebuild property', () => {
  it('roulette: live state = state rebuilt from the journal, for any inputs', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 3, arbitrary: one(command) },
            { weight: 4, arbitrary: one(wheelEvent) },
            { weight: 1, arbitrary: one(advance) },
            { weight: 2, arbitrary: rouletteRound },
            { weight: 1, arbitrary: troubledSpin },
          ),
          { maxLength: 40, size: 'max' },
        ),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.boolean(),
        (steps, cuts, autoOpen) => {
          const t = new RecordingTable({
            ...ROULETTE,
            autoOpen,
            misspin: { policy: 'respin', maxRespins: 2 },
          });
          for (const step of steps.flat()) t.step(step);
          check(t, cuts);
          tally(t);
        },
      ),
      { numRuns: 150 },
    );
    expectExercised('roulette', [
      'round.result',
      'round.settled',
      'round.voided',
      'round.interrupted',
      'round.misspin',
      'round.respinApproved',
      'round.resultAccepted',
    ]);
  });

  it('baccarat: live state = state rebuilt from the journal, for any inputs', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 2, arbitrary: one(command) },
            { weight: 3, arbitrary: one(shoeEvent) },
            { weight: 1, arbitrary: one(advance) },
            { weight: 5, arbitrary: baccaratRound },
            { weight: 1, arbitrary: newShoe },
            { weight: 1, arbitrary: floorDecisions },
          ),
          { maxLength: 40, size: 'max' },
        ),
        fc.array(fc.nat(), { maxLength: 3 }),
        (steps, cuts) => {
          const t = new RecordingTable({ ...BACCARAT, decks: 2 });
          t.shoe(shoe.inserted('S1'));
          t.deal('S1', ['AH', '9C']);
          for (const step of steps.flat()) t.step(step);
          check(t, cuts);
          tally(t);
        },
      ),
      { numRuns: 150 },
    );
    expectExercised('baccarat', [
      'round.card',
      'round.result',
      'round.settled',
      'round.interrupted',
      'round.voided',
      'round.resultAccepted',
      'shoe.cutCard',
    ]);
  });
});
