import { describe, expect, it } from 'vitest';
import {
  applyCard,
  burnCount,
  dealHand,
  EMPTY_HAND,
  handOutcome,
  handTotal,
  isNatural,
  isPair,
  nextDraw,
  pointValue,
} from '../../engine/games/baccarat';
import type { CardCode } from '../../hardware/cards';
import { refusalCode, unwrap } from './support/unwrap';

describe('card points', () => {
  it.each([
    ['AS', 1],
    ['2H', 2],
    ['3D', 3],
    ['4C', 4],
    ['5S', 5],
    ['6H', 6],
    ['7D', 7],
    ['8C', 8],
    ['9S', 9],
    ['10H', 0],
    ['JD', 0],
    ['QC', 0],
    ['KS', 0],
  ] as const)('%s is worth %i', (card, points) => {
    expect(pointValue(card)).toBe(points);
  });

  it('totals a hand modulo 10', () => {
    expect(handTotal(['9S', '8H'])).toBe(7);
    expect(handTotal(['5S', '5H'])).toBe(0);
    expect(handTotal(['KS', 'QH', '10D'])).toBe(0);
    expect(handTotal(['9S', '9H', '9D'])).toBe(7);
    expect(handTotal([])).toBe(0);
  });

  it.each([
    ['AS', 1],
    ['2H', 2],
    ['9C', 9],
    ['10D', 10],
    ['JS', 10],
    ['QH', 10],
    ['KC', 10],
  ] as const)('a first card %s burns %i more cards (ten and court cards count 10)', (card, burned) => {
    expect(burnCount(card)).toBe(burned);
  });
});

describe('deal order', () => {
  it('deals player, banker, player, banker', () => {
    const seen = [];
    let hand = EMPTY_HAND;
    for (const card of ['2S', '3S', '4S', '5S'] as const) {
      seen.push(nextDraw(hand));
      hand = unwrap(applyCard(hand, card));
    }
    expect(seen).toEqual([
      { done: false, to: 'player', position: 1 },
      { done: false, to: 'banker', position: 1 },
      { done: false, to: 'player', position: 2 },
      { done: false, to: 'banker', position: 2 },
    ]);
    expect(hand).toEqual({ player: ['2S', '4S'], banker: ['3S', '5S'] });
  });

  it('does not change the hand it was given', () => {
    const before = unwrap(dealHand(['2S', '3S']));
    const snapshot = structuredClone(before);
    unwrap(applyCard(before, '4S'));
    expect(before).toEqual(snapshot);
  });

  it('accepts the reader spelling TH for a ten', () => {
    expect(unwrap(applyCard(EMPTY_HAND, 'TH')).player).toEqual(['10H']);
  });

  it('refuses text that is not a card', () => {
    for (const text of ['', 'XX', '1S', '11H', 'A', 'joker']) {
      expect(refusalCode(applyCard(EMPTY_HAND, text))).toBe('not_a_card');
    }
  });

  it('refuses a card once the hand is complete, with a message', () => {
    const hand = unwrap(dealHand(['9S', '2H', 'KS', '3H']));
    const refused = applyCard(hand, '5D');
    expect(refused).toEqual({
      ok: false,
      error: { code: 'hand_complete', message: expect.stringContaining('5D') },
    });
  });

  it('dealHand stops at the first refused card', () => {
    expect(refusalCode(dealHand(['9S', '2H', 'KS', '3H', '4C', '5C']))).toBe('hand_complete');
  });
});

describe('naturals', () => {
  it.each([
    ['player 9 against banker 7', ['4S', '3H', '5S', '4H'], 'player', 9, 7],
    ['player 8 against banker 5', ['3S', '2H', '5S', '3H'], 'player', 8, 5],
    ['banker 9 against player 2', ['AS', '4H', 'AD', '5H'], 'banker', 2, 9],
    ['banker 8 against player 5 (player does not draw)', ['2S', '4H', '3D', '4C'], 'banker', 5, 8],
    ['both 8: tie', ['3S', '4H', '5S', '4C'], 'tie', 8, 8],
    ['player 9 beats banker natural 8', ['4S', '4H', '5S', '4C'], 'player', 9, 8],
  ] as const)('%s: both stand on two cards', (_name, cards, winner, playerTotal, bankerTotal) => {
    const hand = unwrap(dealHand(cards));
    expect(nextDraw(hand)).toEqual({ done: true });
    const outcome = unwrap(handOutcome(hand));
    expect(outcome).toMatchObject({ winner, playerTotal, bankerTotal });
    expect(outcome.playerNatural).toBe(playerTotal >= 8);
    expect(outcome.bankerNatural).toBe(bankerTotal >= 8);
  });

  it('a total of 8 or 9 reached with a third card is not a natural', () => {
    // player 0+5 = 5 draws a 4 → 9; banker 10+6 = 6 stands on a 4
    const hand = unwrap(dealHand(['KS', '10H', '5S', '6H', '4D']));
    const outcome = unwrap(handOutcome(hand));
    expect(outcome).toMatchObject({
      winner: 'player',
      playerTotal: 9,
      playerNatural: false,
      bankerNatural: false,
    });
  });

  it('isNatural only looks at exactly two cards', () => {
    expect(isNatural(['4S', '4H'])).toBe(true);
    expect(isNatural(['4S', '5H'])).toBe(true);
    expect(isNatural(['4S', '3H'])).toBe(false);
    expect(isNatural(['4S'])).toBe(false);
    expect(isNatural(['4S', '2H', '2D'])).toBe(false);
  });
});

describe('pairs', () => {
  it.each([
    [['KS', 'KH'], true],
    [['10S', '10D'], true],
    [['AS', 'AS'], true],
    [['7C', '7H'], true],
    [['KS', 'QS'], false],
    [['10S', 'JS'], false],
    [['2S', '3S'], false],
    [['9S'], false],
  ] as const)('%j is a pair: %s', (cards, pair) => {
    expect(isPair(cards)).toBe(pair);
  });

  it('reports player pair and banker pair from the first two cards of each side', () => {
    const hand = unwrap(dealHand(['QS', '4H', 'QD', '4C']));
    expect(unwrap(handOutcome(hand))).toMatchObject({
      playerPair: true,
      bankerPair: true,
      winner: 'banker',
      bankerNatural: true,
    });
  });

  it('a third card matching the first does not make a pair', () => {
    // player A + 2 = 3 draws A; banker K + 10 = 0 draws
    const hand = unwrap(dealHand(['AS', 'KH', '2S', '10H', 'AD', '5C']));
    expect(unwrap(handOutcome(hand))).toMatchObject({ playerPair: false, bankerPair: false });
  });
});

describe('outcome', () => {
  it('a tie when both totals are equal after third cards', () => {
    // player 2 + 3 = 5 draws a 2 → 7; banker 10 + 7 = 7 stands
    const hand = unwrap(dealHand(['2S', '10H', '3S', '7H', '2D']));
    expect(nextDraw(hand)).toEqual({ done: true });
    expect(unwrap(handOutcome(hand))).toMatchObject({ winner: 'tie', playerTotal: 7, bankerTotal: 7 });
  });

  it('six cards: banker 3 draws on a player third card of 9', () => {
    // player A + A = 2 draws a 9 → 1; banker 2 + A = 3 draws a 5 → 8
    const cards: CardCode[] = ['AS', '2H', 'AD', 'AH', '9C', '5S'];
    const hand = unwrap(dealHand(cards));
    expect(hand).toEqual({ player: ['AS', 'AD', '9C'], banker: ['2H', 'AH', '5S'] });
    expect(unwrap(handOutcome(hand))).toMatchObject({ winner: 'banker', playerTotal: 1, bankerTotal: 8 });
  });

  it('refuses to decide an incomplete hand', () => {
    expect(refusalCode(handOutcome(EMPTY_HAND))).toBe('hand_incomplete');
    expect(refusalCode(handOutcome(unwrap(dealHand(['AS', '2H', 'AD', 'AH']))))).toBe('hand_incomplete');
  });
});
