/**
 * The result of a complete punto banco hand: winner, totals, naturals and pairs.
 */
import { splitCard, type CardCode } from '../../../hardware/cards';
import { accept, refuse, type RuleResult } from '../rule-result';
import { handTotal, isNatural } from './card-points';
import { isHandComplete, type BaccaratHand } from './hand';

export type BaccaratWinner = 'player' | 'banker' | 'tie';

export interface BaccaratOutcome {
  readonly winner: BaccaratWinner;
  readonly playerTotal: number;
  readonly bankerTotal: number;
  /** The player's first two cards total 8 or 9. */
  readonly playerNatural: boolean;
  /** The banker's first two cards total 8 or 9. */
  readonly bankerNatural: boolean;
  /** The player's first two cards have the same rank (K-K is a pair, K-Q is not). */
  readonly playerPair: boolean;
  /** The banker's first two cards have the same rank. */
  readonly bankerPair: boolean;
  readonly playerCards: readonly CardCode[];
  readonly bankerCards: readonly CardCode[];
}

/** Whether a side's first two cards share a rank (suits may differ). */
export function isPair(cards: readonly CardCode[]): boolean {
  const [first, second] = cards;
  if (first === undefined || second === undefined) return false;
  return splitCard(first).rank === splitCard(second).rank;
}

/** Decides a complete hand: the higher total wins, equal totals tie. Refuses an incomplete hand. */
export function handOutcome(hand: BaccaratHand): RuleResult<BaccaratOutcome, 'hand_incomplete'> {
  if (!isHandComplete(hand)) return refuse('hand_incomplete', 'the hand has cards still to be dealt');
  const playerTotal = handTotal(hand.player);
  const bankerTotal = handTotal(hand.banker);
  const winner: BaccaratWinner =
    playerTotal > bankerTotal ? 'player' : bankerTotal > playerTotal ? 'banker' : 'tie';
  return accept({
    winner,
    playerTotal,
    bankerTotal,
    playerNatural: isNatural(hand.player.slice(0, 2)),
    bankerNatural: isNatural(hand.banker.slice(0, 2)),
    playerPair: isPair(hand.player),
    bankerPair: isPair(hand.banker),
    playerCards: hand.player,
    bankerCards: hand.banker,
  });
}
