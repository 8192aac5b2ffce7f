import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCard,
  beginHand,
  completedHand,
  cutCardReached,
  dealHand,
  drawCard,
  handOutcome,
  handTotal,
  isHandComplete,
  newShoe,
  nextDraw,
  type BaccaratShoe,
} from '../../engine/games/baccarat';
import { fullDeck, type CardCode } from '../../hardware/cards';
import { oracleDeal, pointsOf, totalOf } from './support/baccarat-tableau';
import { refusalCode, unwrap } from './support/unwrap';

const DECK = fullDeck();
const EIGHT_DECKS: CardCode[] = Array.from({ length: 8 }, () => DECK).flat();

const anyCard = fc.constantFrom(...DECK);
/** A shuffled 8-deck shoe: 416 cards, 8 of each. */
const shuffledShoe = fc.shuffledSubarray(EIGHT_DECKS, {
  minLength: EIGHT_DECKS.length,
  maxLength: EIGHT_DECKS.length,
});

describe('baccarat properties', () => {
  it('a hand total is always 0–9 and equals the sum of points modulo 10', () => {
    fc.assert(
      fc.property(fc.array(anyCard, { maxLength: 12 }), (cards) => {
        const total = handTotal(cards);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(9);
        expect(total).toBe(totalOf(cards));
      }),
    );
  });

  it('from any point of a shuffled 8-deck shoe, a hand takes 4–6 cards as the tableau says and then refuses more', () => {
    fc.assert(
      fc.property(shuffledShoe, fc.nat({ max: EIGHT_DECKS.length - 6 }), (shoe, start) => {
        const cards = shoe.slice(start);
        let hand = unwrap(dealHand([]));
        let used = 0;
        while (!nextDraw(hand).done) {
          const card = cards[used++];
          if (card === undefined) throw new Error('ran out of cards');
          hand = unwrap(applyCard(hand, card));
        }
        expect(used).toBeGreaterThanOrEqual(4);
        expect(used).toBeLessThanOrEqual(6);
        expect(hand).toEqual(oracleDeal(cards));
        expect(refusalCode(applyCard(hand, cards[used] ?? 'AS'))).toBe('hand_complete');

        const outcome = unwrap(handOutcome(hand));
        expect(outcome.playerTotal).toBe(totalOf(hand.player));
        expect(outcome.bankerTotal).toBe(totalOf(hand.banker));
        const expectedWinner =
          outcome.playerTotal === outcome.bankerTotal
            ? 'tie'
            : outcome.playerTotal > outcome.bankerTotal
              ? 'player'
              : 'banker';
        expect(outcome.winner).toBe(expectedWinner);
      }),
    );
  });

  it('a whole shuffled shoe plays out: burn, hands by the tableau, one hand after the cut card, then change', () => {
    fc.assert(
      fc.property(shuffledShoe, fc.integer({ min: 20, max: EIGHT_DECKS.length - 12 }), (cards, cutAt) => {
        let shoe = unwrap(newShoe());
        let next = 0;
        const draw = (s: BaccaratShoe): BaccaratShoe => unwrap(drawCard(s, cards[next++] ?? 'not a card'));
        /** Hands begun when the cut card came out (the one in progress counts). */
        let handsBegunAtCut: number | undefined;
        const cutIfDue = (s: BaccaratShoe): BaccaratShoe => {
          if (next !== cutAt || handsBegunAtCut !== undefined) return s;
          handsBegunAtCut = s.handsStarted;
          return unwrap(cutCardReached(s));
        };

        shoe = draw(shoe);
        const first = cards[0] as CardCode;
        const toBurn = pointsOf(first) === 0 ? 10 : pointsOf(first);
        while (shoe.stage.kind === 'burning') shoe = draw(cutIfDue(shoe));
        expect(shoe.burned).toHaveLength(toBurn);

        while (shoe.stage.kind === 'between_hands') {
          shoe = cutIfDue(shoe);
          const handStart = next;
          shoe = unwrap(beginHand(shoe));
          while (shoe.stage.kind === 'in_hand') {
            shoe = draw(cutIfDue(shoe));
          }
          expect(completedHand(shoe)).toEqual(oracleDeal(cards.slice(handStart)));
          expect(refusalCode(drawCard(shoe, cards[next] ?? 'AS'))).toMatch(
            /no_hand_in_progress|shoe_change_required/,
          );
        }

        expect(shoe.stage.kind).toBe('change_required');
        // the hand in progress when the cut card came out is finished, then exactly one more is dealt
        expect(handsBegunAtCut).toBeDefined();
        expect(shoe.handsCompleted).toBe((handsBegunAtCut ?? Number.NaN) + 1);
        expect(shoe.handsStarted).toBe(shoe.handsCompleted);
        expect(shoe.cardsRemaining).toBe(EIGHT_DECKS.length - next);
        for (const card of DECK) {
          const drawn = cards.slice(0, next).filter((c) => c === card).length;
          expect(shoe.counts[card]).toBe(8 - drawn);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('the shoe never accepts more copies of a card than its decks hold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.constantFrom<CardCode>('AS', 'KD', '9H', '10C'), { minLength: 1, maxLength: 60 }),
        (decks, draws) => {
          let shoe = unwrap(newShoe({ decks }));
          const accepted = new Map<CardCode, number>();
          for (const card of draws) {
            if (shoe.stage.kind === 'between_hands') shoe = unwrap(beginHand(shoe));
            const before = accepted.get(card) ?? 0;
            const result = drawCard(shoe, card);
            if (result.ok) {
              shoe = result.value;
              accepted.set(card, before + 1);
            } else {
              expect(result.error.code).toBe('card_exhausted');
              expect(before).toBe(decks);
            }
            expect(accepted.get(card) ?? 0).toBeLessThanOrEqual(decks);
            expect(shoe.counts[card]).toBe(decks - (accepted.get(card) ?? 0));
          }
        },
      ),
    );
  });

  it('a hand is complete exactly when nextDraw says done, and only complete hands have an outcome', () => {
    fc.assert(
      fc.property(fc.array(anyCard, { minLength: 6, maxLength: 6 }), fc.nat({ max: 6 }), (cards, count) => {
        let hand = unwrap(dealHand([]));
        for (const card of cards.slice(0, count)) {
          const next = applyCard(hand, card);
          if (!next.ok) break;
          hand = next.value;
        }
        expect(isHandComplete(hand)).toBe(nextDraw(hand).done);
        expect(handOutcome(hand).ok).toBe(isHandComplete(hand));
      }),
    );
  });
});
