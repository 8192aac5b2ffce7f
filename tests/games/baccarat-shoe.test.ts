import { describe, expect, it } from 'vitest';
import {
  abandonHand,
  beginHand,
  completedHand,
  cutCardReached,
  drawCard,
  isLastHand,
  newShoe,
  type BaccaratShoe,
} from '../../engine/games/baccarat';
import { fullDeck } from '../../hardware/cards';
import { refusalCode, unwrap } from './support/unwrap';

/** Draws each card in order, failing the test on a refusal. */
function drawAll(shoe: BaccaratShoe, cards: readonly string[]): BaccaratShoe {
  return cards.reduce((s, card) => unwrap(drawCard(s, card)), shoe);
}

/** A shoe whose burn is done: first card an ace, so one card burned. */
function burnedShoe(decks = 8): BaccaratShoe {
  return drawAll(unwrap(newShoe({ decks })), ['AS', '2S']);
}

/** Player 9 against banker 7 on two cards: a four-card hand. */
const NATURAL_HAND = ['4S', '3H', '5S', '4H'];

function playHand(shoe: BaccaratShoe, cards: readonly string[] = NATURAL_HAND): BaccaratShoe {
  return drawAll(unwrap(beginHand(shoe)), cards);
}

describe('new shoe', () => {
  it('holds 8 decks by default: 416 cards, 8 of each', () => {
    const shoe = unwrap(newShoe());
    expect(shoe.decks).toBe(8);
    expect(shoe.cardsRemaining).toBe(416);
    expect(shoe.counts['AS']).toBe(8);
    expect(shoe.counts['10H']).toBe(8);
    expect(Object.keys(shoe.counts)).toHaveLength(52);
    expect(shoe.stage).toEqual({ kind: 'awaiting_burn_card' });
  });

  it('takes the number of decks from its config', () => {
    const shoe = unwrap(newShoe({ decks: 6 }));
    expect(shoe.cardsRemaining).toBe(312);
    expect(shoe.counts['KC']).toBe(6);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s decks', (decks) => {
    expect(refusalCode(newShoe({ decks }))).toBe('invalid_deck_count');
  });
});

describe('burn', () => {
  it.each([
    ['AS', 1],
    ['5H', 5],
    ['9D', 9],
    ['10C', 10],
    ['JS', 10],
    ['KH', 10],
  ] as const)('first card %s face up: %i cards burned face down, then hands', (first, count) => {
    let shoe = unwrap(drawCard(unwrap(newShoe()), first));
    expect(shoe.burnCard).toBe(first);
    expect(shoe.stage).toEqual({ kind: 'burning', left: count });
    const burned = fullDeck().slice(13, 13 + count); // hearts
    for (const [i, card] of burned.entries()) {
      expect(refusalCode(beginHand(shoe))).toBe('burn_incomplete');
      shoe = unwrap(drawCard(shoe, card));
      expect(shoe.stage.kind).toBe(i === count - 1 ? 'between_hands' : 'burning');
    }
    expect(shoe.burned).toEqual(burned);
    expect(shoe.cardsRemaining).toBe(416 - 1 - count);
    expect(shoe.counts['AH']).toBe(7);
    expect(shoe.handsStarted).toBe(0);
  });

  it('no hand can begin before the burn card is drawn', () => {
    expect(refusalCode(beginHand(unwrap(newShoe())))).toBe('burn_incomplete');
  });
});

describe('hands', () => {
  it('a hand begins, takes its cards and completes on its own', () => {
    let shoe = unwrap(beginHand(burnedShoe()));
    expect(shoe.stage).toEqual({ kind: 'in_hand', hand: { player: [], banker: [] } });
    expect(refusalCode(beginHand(shoe))).toBe('hand_in_progress');
    shoe = drawAll(shoe, NATURAL_HAND);
    expect(shoe.stage).toEqual({
      kind: 'between_hands',
      completedHand: { player: ['4S', '5S'], banker: ['3H', '4H'] },
    });
    expect(shoe.handsStarted).toBe(1);
    expect(shoe.handsCompleted).toBe(1);
    expect(shoe.cardsRemaining).toBe(416 - 2 - 4);
  });

  it('refuses a card drawn between hands', () => {
    expect(refusalCode(drawCard(burnedShoe(), '2D'))).toBe('no_hand_in_progress');
    expect(refusalCode(drawCard(playHand(burnedShoe()), '2D'))).toBe('no_hand_in_progress');
  });

  it('refuses text that is not a card and leaves the shoe as it was', () => {
    const shoe = unwrap(beginHand(burnedShoe()));
    expect(refusalCode(drawCard(shoe, 'ZZ'))).toBe('not_a_card');
    expect(shoe.cardsRemaining).toBe(414);
  });
});

describe('card counts', () => {
  it('refuses a ninth AS in an 8-deck shoe', () => {
    // The burn card is one AS; four hands of A-A-A-A (player 2, banker 2, both draw) use the rest.
    let shoe = burnedShoe();
    let aces = 1;
    while (aces < 8) {
      shoe = unwrap(beginHand(shoe));
      while (shoe.stage.kind === 'in_hand' && aces < 8) {
        shoe = unwrap(drawCard(shoe, 'AS'));
        aces += 1;
      }
      if (shoe.stage.kind === 'in_hand') break;
    }
    expect(shoe.counts['AS']).toBe(0);
    expect(shoe.stage.kind).toBe('in_hand');
    const refused = drawCard(shoe, 'AS');
    expect(refusalCode(refused)).toBe('card_exhausted');
    expect(unwrap(drawCard(shoe, 'AH')).counts['AH']).toBe(7);
  });

  it('refuses a second AS in a one-deck shoe, including one burned', () => {
    const shoe = unwrap(drawCard(unwrap(newShoe({ decks: 1 })), 'AS'));
    expect(refusalCode(drawCard(shoe, 'AS'))).toBe('card_exhausted');
    expect(refusalCode(drawCard(shoe, 'as'))).toBe('card_exhausted');
  });
});

describe('cut card', () => {
  it('out during a hand: that hand completes, exactly one more is dealt, then the shoe changes', () => {
    let shoe = unwrap(beginHand(playHand(burnedShoe())));
    shoe = drawAll(shoe, NATURAL_HAND.slice(0, 2));
    shoe = unwrap(cutCardReached(shoe));
    expect(shoe.lastHandNumber).toBe(3);
    expect(isLastHand(shoe)).toBe(false);

    shoe = drawAll(shoe, NATURAL_HAND.slice(2));
    expect(shoe.stage.kind).toBe('between_hands');
    expect(isLastHand(shoe)).toBe(true);

    shoe = unwrap(beginHand(shoe));
    expect(isLastHand(shoe)).toBe(true);
    shoe = drawAll(shoe, NATURAL_HAND);
    expect(shoe.stage).toEqual({
      kind: 'change_required',
      completedHand: { player: ['4S', '5S'], banker: ['3H', '4H'] },
    });
    expect(shoe.handsCompleted).toBe(3);
    expect(refusalCode(beginHand(shoe))).toBe('shoe_change_required');
    expect(refusalCode(drawCard(shoe, '2D'))).toBe('shoe_change_required');
  });

  it('out between hands: the next hand is the last', () => {
    let shoe = unwrap(cutCardReached(playHand(burnedShoe())));
    expect(shoe.lastHandNumber).toBe(2);
    expect(isLastHand(shoe)).toBe(true);
    shoe = playHand(shoe);
    expect(shoe.stage.kind).toBe('change_required');
    expect(shoe.handsStarted).toBe(2);
  });

  it('out on the last card of a hand, before it completes, still counts for that hand', () => {
    let shoe = drawAll(unwrap(beginHand(burnedShoe())), NATURAL_HAND.slice(0, 3));
    shoe = unwrap(cutCardReached(shoe));
    shoe = drawAll(shoe, NATURAL_HAND.slice(3));
    expect(shoe.stage.kind).toBe('between_hands');
    shoe = playHand(shoe);
    expect(shoe.stage.kind).toBe('change_required');
  });

  it('comes out once', () => {
    const shoe = unwrap(cutCardReached(burnedShoe()));
    expect(refusalCode(cutCardReached(shoe))).toBe('cut_card_already_out');
  });

  it('completedHand is the hand just finished, and nothing during a hand or the burn', () => {
    expect(completedHand(unwrap(newShoe()))).toBeUndefined();
    expect(completedHand(burnedShoe())).toBeUndefined();
    const played = playHand(burnedShoe());
    expect(completedHand(played)).toEqual({ player: ['4S', '5S'], banker: ['3H', '4H'] });
    expect(completedHand(unwrap(beginHand(played)))).toBeUndefined();
  });

  it('no last hand before the cut card', () => {
    const shoe = burnedShoe();
    expect(shoe.lastHandNumber).toBeUndefined();
    expect(isLastHand(shoe)).toBe(false);
  });
});

describe('abandoned hand (a voided round)', () => {
  it('goes back between hands; its cards stay out of the shoe and no hand is completed', () => {
    const dealing = drawAll(unwrap(beginHand(burnedShoe())), ['4S', '3H']);
    const abandoned = abandonHand(dealing);
    expect(abandoned.stage).toEqual({ kind: 'between_hands' });
    expect(abandoned.cardsRemaining).toBe(dealing.cardsRemaining);
    expect(abandoned).toMatchObject({ handsStarted: 1, handsCompleted: 0 });
    expect(unwrap(beginHand(abandoned)).handsStarted).toBe(2);
  });

  it('abandoning the last hand of the shoe requires the shoe change', () => {
    const last = unwrap(beginHand(unwrap(cutCardReached(burnedShoe()))));
    expect(abandonHand(last).stage).toEqual({ kind: 'change_required' });
  });

  it('a shoe not in a hand is unchanged', () => {
    const shoe = burnedShoe();
    expect(abandonHand(shoe)).toBe(shoe);
  });
});
