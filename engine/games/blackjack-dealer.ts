/**
 * The blackjack dealer's fixed drawing rule: hit below 17, stand on 17 or more, and on a soft 17
 * (an ace counted as 11) hit only when the table plays H17.
 */
import { splitCard, type CardCode, type Rank } from '../../hardware/cards';

export interface DealerRules {
  /** H17 when true: the dealer hits a soft 17. S17 when false: the dealer stands on it. */
  readonly hitSoft17: boolean;
}

export interface BlackjackTotal {
  /** The best total: one ace counts 11 when that does not bust the hand, every other ace 1. */
  readonly total: number;
  /** An ace is being counted as 11. */
  readonly soft: boolean;
}

/** Blackjack value of a card, with the ace as 1: 2–9 at face value, ten and court cards 10. */
export function blackjackValue(card: CardCode): number {
  const rank: Rank = splitCard(card).rank;
  if (rank === 'A') return 1;
  if (rank === '10' || rank === 'J' || rank === 'Q' || rank === 'K') return 10;
  return Number(rank);
}

/** The hand's total with soft aces: one ace is promoted to 11 whenever the total stays at 21 or less. */
export function dealerHandTotal(cards: readonly CardCode[]): BlackjackTotal {
  const hard = cards.reduce((sum, card) => sum + blackjackValue(card), 0);
  const hasAce = cards.some((card) => splitCard(card).rank === 'A');
  return hasAce && hard + 10 <= 21 ? { total: hard + 10, soft: true } : { total: hard, soft: false };
}

/** Whether the dealer must take another card: below 17 always, on soft 17 only under H17. */
export function dealerShouldHit(cards: readonly CardCode[], rules: DealerRules): boolean {
  const { total, soft } = dealerHandTotal(cards);
  if (total < 17) return true;
  return total === 17 && soft && rules.hitSoft17;
}
