import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blackjackValue, dealerHandTotal, dealerShouldHit } from '../../engine/games/blackjack-dealer';
import { fullDeck, type CardCode } from '../../hardware/cards';

const S17 = { hitSoft17: false };
const H17 = { hitSoft17: true };

describe('dealer hand total', () => {
  it.each([
    [['10S', '7H'], 17, false],
    [['AS', '6H'], 17, true],
    [['AS', 'KH'], 21, true],
    [['AS', 'AH'], 12, true],
    [['AS', 'AH', 'AD', 'AC'], 14, true],
    [['AS', '6H', '10D'], 17, false],
    [['AS', '5H', 'AD'], 17, true],
    [['9S', '7H', 'AD'], 17, false],
    [['KS', 'QH', '5D'], 25, false],
    [['5S', '6H'], 11, false],
    [['JS', 'QH'], 20, false],
    [['AS'], 11, true],
    [[], 0, false],
  ] as const)('%j totals %i (soft: %s)', (cards, total, soft) => {
    expect(dealerHandTotal(cards)).toEqual({ total, soft });
  });

  it('ten and court cards count 10, aces 1 before promotion', () => {
    expect(['10H', 'JH', 'QH', 'KH', 'AH', '2H', '9H'].map((c) => blackjackValue(c as CardCode))).toEqual([
      10, 10, 10, 10, 1, 2, 9,
    ]);
  });
});

describe('dealer draws', () => {
  it.each([
    ['hard 16', ['10S', '6H'], true, true],
    ['hard 17', ['10S', '7H'], false, false],
    ['soft 17 (A-6)', ['AS', '6H'], false, true],
    ['soft 17 (A-A-5)', ['AS', 'AH', '5D'], false, true],
    ['soft 17 (A-2-4)', ['AS', '2H', '4D'], false, true],
    ['hard 17 with an ace (A-6-K)', ['AS', '6H', 'KD'], false, false],
    ['soft 18', ['AS', '7H'], false, false],
    ['soft 16', ['AS', '5H'], true, true],
    ['hard 12', ['10S', '2H'], true, true],
    ['21', ['AS', 'KH'], false, false],
    ['bust 22', ['10S', '6H', '6D'], false, false],
    ['one card', ['KS'], true, true],
  ] as const)('%s: S17 hits %s, H17 hits %s', (_name, cards, s17Hits, h17Hits) => {
    expect(dealerShouldHit(cards, S17)).toBe(s17Hits);
    expect(dealerShouldHit(cards, H17)).toBe(h17Hits);
  });

  it('S17 and H17 differ only on a soft 17', () => {
    const deck = fullDeck();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...deck), { minLength: 2, maxLength: 7 }), (cards) => {
        const { total, soft } = dealerHandTotal(cards);
        const differ = dealerShouldHit(cards, S17) !== dealerShouldHit(cards, H17);
        expect(differ).toBe(total === 17 && soft);
      }),
    );
  });

  it('a dealer drawing from a deck stops on 17–26 under either rule', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(fullDeck(), { minLength: 52, maxLength: 52 }),
        fc.boolean(),
        (deck, hitSoft17) => {
          const hand: CardCode[] = [];
          for (const card of deck) {
            if (hand.length >= 2 && !dealerShouldHit(hand, { hitSoft17 })) break;
            hand.push(card);
          }
          const { total, soft } = dealerHandTotal(hand);
          expect(total).toBeGreaterThanOrEqual(17);
          expect(total).toBeLessThanOrEqual(26);
          if (soft) expect(total).toBeLessThanOrEqual(21);
          if (hitSoft17) expect(total === 17 && soft).toBe(false);
        },
      ),
    );
  });
});
