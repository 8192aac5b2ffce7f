import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_IN,
  applyRouletteEvent,
  hasValidLaunch,
  newRouletteRound,
  type RouletteEvent,
  type RouletteRound,
} from '../../engine/games/roulette';
import { isOnWheel, type WheelNumber } from '../../hardware/wheel/layout';

const direction = fc.constantFrom('clockwise', 'anticlockwise' as const);
const at = fc.integer({ min: 0, max: 10_000_000 });
const approver = fc.record({
  id: fc.constantFrom('fm-ana', '', 'dl-bo'),
  role: fc.constantFrom('floor_manager', 'dealer', 'shift_manager'),
});
const wheelNumber: fc.Arbitrary<WheelNumber> = fc.oneof(
  fc.integer({ min: -1, max: 38 }),
  fc.constant('00' as const),
);

const event: fc.Arbitrary<RouletteEvent> = fc.oneof(
  fc.record({
    type: fc.constant('openBetting' as const),
    at,
    durationMs: fc.integer({ min: -10, max: 30_000 }),
  }),
  fc.record({ type: fc.constant('closeBetting' as const), at }),
  fc.record(
    { type: fc.constant('ballLaunched' as const), at, direction, rotorDirection: direction },
    { requiredKeys: ['type', 'at'] },
  ),
  fc.record({ type: fc.constant('result' as const), at, number: wheelNumber }),
  fc.record({
    type: fc.constant('misspin' as const),
    at,
    reason: fc.constantFrom('misspin', 'no_spin', 'ball_out' as const),
  }),
  fc.record({ type: fc.constant('settle' as const), at }),
  fc.record({ type: fc.constant('void' as const), at, reason: fc.constantFrom('', 'wheel fault'), approver }),
);

/** Plays events, keeping the round unchanged on a refusal, and returns every round seen. */
function play(layout: 'european' | 'american', events: readonly RouletteEvent[]): RouletteRound[] {
  const seen = [newRouletteRound(layout)];
  for (const e of events) {
    const current = seen[seen.length - 1] as RouletteRound;
    const result = applyRouletteEvent(current, e);
    if (result.ok) {
      expect(ACCEPTED_IN[e.type]).toContain(current.phase);
      seen.push(result.value);
    }
  }
  return seen;
}

describe('roulette properties', () => {
  it('any event sequence keeps the round consistent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('european', 'american' as const),
        fc.array(event, { maxLength: 30 }),
        (layout, events) => {
          for (const round of play(layout, events)) {
            // a result stands only on the wheel's own pocket, after a launch that was not a misspin
            if (round.winningNumber !== undefined) {
              expect(isOnWheel(layout, round.winningNumber)).toBe(true);
              expect(round.launches.length).toBe(round.misspins.length + 1);
            }
            if (round.phase === 'result' || round.phase === 'settled') {
              expect(round.winningNumber).toBeDefined();
              expect(round.launches.length).toBeGreaterThanOrEqual(1);
            }
            // one ball in play at most: every misspin cancels exactly one launch
            expect(round.launches.length - round.misspins.length).toBeGreaterThanOrEqual(0);
            expect(round.launches.length - round.misspins.length).toBeLessThanOrEqual(1);
            if (round.phase === 'spinning' || round.phase === 'result')
              expect(hasValidLaunch(round)).toBe(true);
            if (round.phase === 'no_more_bets' || round.phase === 'respin_required') {
              expect(hasValidLaunch(round)).toBe(false);
            }
            // every launch after the first followed a misspin
            expect(round.respins).toBe(Math.max(0, round.launches.length - 1));
            expect(round.misspins.length).toBeGreaterThanOrEqual(round.respins);
            if (round.phase === 'void') {
              expect(round.voided?.approver.role).toBe('floor_manager');
              expect(round.voided?.reason).not.toBe('');
            }
          }
        },
      ),
    );
  });

  it('while betting is open a winning number is always refused as betting_open', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), wheelNumber, at, (events, n, t) => {
        const last = play('american', events).at(-1) as RouletteRound;
        fc.pre(last.phase === 'betting_open');
        const result = applyRouletteEvent(last, { type: 'result', at: t, number: n });
        expect(result.ok ? 'accepted' : result.error.code).toBe('betting_open');
      }),
    );
  });

  it('a winning number is never accepted unless the ball is spinning', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), wheelNumber, at, (events, n, t) => {
        const rounds = play('american', events);
        const last = rounds[rounds.length - 1] as RouletteRound;
        const result = applyRouletteEvent(last, { type: 'result', at: t, number: n });
        if (result.ok) expect(last.phase).toBe('spinning');
      }),
    );
  });
});
