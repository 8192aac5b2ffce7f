/**
 * Property: for any baccarat hand the tableau deals, the slots and labels the engine verifies
 * describe it exactly, and a camera that reads those labels gives back the same hand and outcome;
 * a camera that reads any card differently gives a different outcome or none it could accept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullDeck } from '../../hardware/cards';
import {
  applyCard,
  EMPTY_HAND,
  handOutcome,
  isHandComplete,
  type BaccaratHand,
} from '../../engine/games/baccarat';
import { cameraHand, handLabels, handSlots, type Verification } from '../../engine/rounds/verification';

const DECK = fullDeck();

/** A complete hand dealt from `cards` (enough cards for any hand). */
function deal(cards: readonly string[]): BaccaratHand {
  let hand = EMPTY_HAND;
  for (const c of cards) {
    if (isHandComplete(hand)) break;
    const next = applyCard(hand, c);
    if (next.ok) hand = next.value;
  }
  return hand;
}

function held(hand: BaccaratHand, camera: readonly string[]): Verification {
  return {
    since: 0,
    deadline: 1,
    minConfidence: 0.9,
    sensor: handLabels(hand),
    slots: handSlots(hand),
    hold: {
      code: 'disagree',
      reason: '',
      at: 0,
      readings: camera.map((label) => ({ label, confidence: 1 })),
      model: null,
      frame: null,
    },
  };
}

const cards = fc.array(fc.constantFrom(...DECK), { minLength: 6, maxLength: 6 });

describe('verification of a baccarat hand', () => {
  it('slots and labels describe the dealt hand; the same camera reading gives the same outcome', () => {
    fc.assert(
      fc.property(cards, (cs) => {
        const hand = deal(cs);
        const labels = handLabels(hand);
        expect(labels).toHaveLength(hand.player.length + hand.banker.length);
        expect([...labels].sort()).toEqual([...hand.player, ...hand.banker].sort());
        const camera = cameraHand(held(hand, labels));
        const sensor = handOutcome(hand);
        expect(sensor.ok && camera?.outcome).toEqual(sensor.ok ? sensor.value : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('a camera reading one card differently never gives the sensor hand back', () => {
    fc.assert(
      fc.property(cards, fc.nat(), fc.constantFrom(...DECK), (cs, at, other) => {
        const hand = deal(cs);
        const labels = handLabels(hand);
        const i = at % labels.length;
        fc.pre(labels[i] !== other);
        const camera = [...labels];
        camera[i] = other;
        const read = cameraHand(held(hand, camera));
        if (read) expect(handLabels(read.hand)).toEqual(camera);
      }),
      { numRuns: 500 },
    );
  });

  it('readings that are not cards, or too few, cannot be accepted', () => {
    const hand = deal(['4S', '3H', '5S', '4H', '2C', '2D']);
    expect(cameraHand(held(hand, ['4S', 'none', '5S', '4H']))).toBeUndefined();
    expect(cameraHand(held(hand, ['4S', '3H', '5S']))).toBeUndefined();
    expect(cameraHand(held(hand, ['4s', '3H', '5S', '4H']))).toBeUndefined();
  });
});
