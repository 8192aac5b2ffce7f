/**
 * Every player total × banker total × player third card, dealt through the hand state machine and
 * checked against the tableau written out in support/baccarat-tableau.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  applyCard,
  bankerDrawsAfterPlayerDrew,
  bankerDrawsAfterPlayerStood,
  dealHand,
  nextDraw,
  playerDrawsThird,
} from '../../engine/games/baccarat';
import { bankerDraws, cardWorth, playerAction, twoCardsTotalling } from './support/baccarat-tableau';
import { refusalCode, unwrap } from './support/unwrap';

const TOTALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

interface Case {
  player: number;
  banker: number;
  third: number;
}

const CASES: Case[] = TOTALS.flatMap((player) =>
  TOTALS.flatMap((banker) => TOTALS.map((third) => ({ player, banker, third }))),
);

function expectation({ player, banker, third }: Case): { playerCards: number; bankerCards: number } {
  const action = playerAction(player);
  if (action === 'natural' || banker >= 8) return { playerCards: 2, bankerCards: 2 };
  if (action === 'stand') return { playerCards: 2, bankerCards: bankerDraws(banker, 'stood') ? 3 : 2 };
  return { playerCards: 3, bankerCards: bankerDraws(banker, third) ? 3 : 2 };
}

describe('baccarat drawing table', () => {
  it.each(CASES)('player $player, banker $banker, player third card $third', (c) => {
    const [p1, p2] = twoCardsTotalling(c.player, 'H');
    const [b1, b2] = twoCardsTotalling(c.banker, 'D');
    let hand = unwrap(dealHand([p1, b1, p2, b2]));
    const expected = expectation(c);

    if (expected.playerCards === 3) {
      expect(nextDraw(hand)).toEqual({ done: false, to: 'player', position: 3 });
      hand = unwrap(applyCard(hand, cardWorth(c.third, 'C')));
    }
    if (expected.bankerCards === 3) {
      expect(nextDraw(hand)).toEqual({ done: false, to: 'banker', position: 3 });
      hand = unwrap(applyCard(hand, '4S'));
    }
    expect(nextDraw(hand)).toEqual({ done: true });
    expect(hand.player).toHaveLength(expected.playerCards);
    expect(hand.banker).toHaveLength(expected.bankerCards);
    expect(refusalCode(applyCard(hand, '2S'))).toBe('hand_complete');
  });
});

describe('third-card rule functions agree with the printed tableau', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7])('player draws on two-card total %i as printed', (total) => {
    expect(playerDrawsThird(total)).toBe(playerAction(total) === 'draw');
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('banker on %i after the player stood', (total) => {
    expect(bankerDrawsAfterPlayerStood(total)).toBe(bankerDraws(total, 'stood'));
  });

  it.each(TOTALS.flatMap((banker) => TOTALS.map((third) => [banker, third] as const)))(
    'banker on %i after a player third card worth %i',
    (banker, third) => {
      expect(bankerDrawsAfterPlayerDrew(banker, third)).toBe(banker < 8 && bankerDraws(banker, third));
    },
  );

  it('treats ten, jack, queen and king alike as a player third card worth 0', () => {
    for (const zero of ['10C', 'JC', 'QC', 'KC']) {
      const hand = unwrap(dealHand(['10H', '10D', '4H', '4D', zero]));
      expect(nextDraw(hand)).toEqual({ done: true }); // banker 4 stands on a 0
    }
  });
});
