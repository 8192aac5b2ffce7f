/**
 * One punto banco hand as a pure state machine: `nextDraw` says where the next card goes,
 * `applyCard` places it or refuses it. Deal order is player, banker, player, banker; then the
 * third-card rules in `drawing-rules.ts` decide whether each side takes a third card.
 */
import { parseCard, type CardCode } from '../../../hardware/cards';
import { accept, refuse, type RuleResult } from '../rule-result';
import { handTotal, isNatural, pointValue } from './card-points';
import { bankerDrawsAfterPlayerDrew, bankerDrawsAfterPlayerStood, playerDrawsThird } from './drawing-rules';

export type BaccaratSide = 'player' | 'banker';

/** The cards dealt so far, in the order each side received them. */
export interface BaccaratHand {
  readonly player: readonly CardCode[];
  readonly banker: readonly CardCode[];
}

/** Where the next card goes: a side and the card's 1-based position on that side (1–3). */
export interface DrawSlot {
  readonly done: false;
  readonly to: BaccaratSide;
  readonly position: 1 | 2 | 3;
}

export type NextDraw = DrawSlot | { readonly done: true };

export type HandErrorCode = 'not_a_card' | 'hand_complete';

export const EMPTY_HAND: BaccaratHand = { player: [], banker: [] };

const INITIAL_DEAL: readonly DrawSlot[] = [
  { done: false, to: 'player', position: 1 },
  { done: false, to: 'banker', position: 1 },
  { done: false, to: 'player', position: 2 },
  { done: false, to: 'banker', position: 2 },
];

const PLAYER_THIRD: DrawSlot = { done: false, to: 'player', position: 3 };
const BANKER_THIRD: DrawSlot = { done: false, to: 'banker', position: 3 };
const DONE = { done: true } as const;

/**
 * The next card of the hand, or `{done: true}` when the hand is complete.
 * Enforces the deal order, the natural rule (8 or 9 on either side: both stand) and the tableau.
 * Only hands built with `applyCard` from `EMPTY_HAND` are meaningful input.
 */
export function nextDraw(hand: BaccaratHand): NextDraw {
  const dealt = hand.player.length + hand.banker.length;
  const initial = INITIAL_DEAL[dealt];
  if (initial) return initial;

  const playerTwo = hand.player.slice(0, 2);
  const bankerTwo = hand.banker.slice(0, 2);
  if (isNatural(playerTwo) || isNatural(bankerTwo)) return DONE;
  if (hand.banker.length === 3) return DONE;

  const bankerTotal = handTotal(bankerTwo);
  const playerThird = hand.player[2];
  if (playerThird === undefined) {
    if (playerDrawsThird(handTotal(playerTwo))) return PLAYER_THIRD;
    return bankerDrawsAfterPlayerStood(bankerTotal) ? BANKER_THIRD : DONE;
  }
  return bankerDrawsAfterPlayerDrew(bankerTotal, pointValue(playerThird)) ? BANKER_THIRD : DONE;
}

/** Whether no further card may be dealt to this hand. */
export function isHandComplete(hand: BaccaratHand): boolean {
  return nextDraw(hand).done;
}

/**
 * Deals one card to the side `nextDraw` names. Refuses text that is not a card and any card
 * once the hand is complete. Accepts 'QH', '10H' and the reader spelling 'TH'.
 */
export function applyCard(hand: BaccaratHand, card: string): RuleResult<BaccaratHand, HandErrorCode> {
  const code = parseCard(card);
  if (code === undefined) return refuse('not_a_card', `"${card}" is not a playing card`);
  const slot = nextDraw(hand);
  if (slot.done) return refuse('hand_complete', `the hand is complete; ${code} cannot be dealt to it`);
  return accept(
    slot.to === 'player'
      ? { player: [...hand.player, code], banker: hand.banker }
      : { player: hand.player, banker: [...hand.banker, code] },
  );
}

/** Deals `cards` in order from an empty hand, stopping at the first refused card. */
export function dealHand(cards: readonly string[]): RuleResult<BaccaratHand, HandErrorCode> {
  let hand = EMPTY_HAND;
  for (const card of cards) {
    const next = applyCard(hand, card);
    if (!next.ok) return next;
    hand = next.value;
  }
  return accept(hand);
}
