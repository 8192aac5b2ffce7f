/**
 * How many of each card a baccarat shoe still holds. A shoe of N decks holds exactly N copies of
 * every card, so a card read once more than that is a misread or a foreign card.
 */
import { fullDeck, type CardCode } from '../../../hardware/cards';
import { accept, refuse, type RuleResult } from '../rule-result';

export type CardCounts = Readonly<Record<CardCode, number>>;

/** Counts of a freshly shuffled shoe: `decks` copies of each of the 52 cards. */
export function fullShoeCounts(decks: number): CardCounts {
  const counts: Partial<Record<CardCode, number>> = {};
  for (const card of fullDeck()) counts[card] = decks;
  return counts as CardCounts;
}

/** Removes one copy of `card`; refuses when every copy the shoe held has already been drawn. */
export function takeCard(counts: CardCounts, card: CardCode): RuleResult<CardCounts, 'card_exhausted'> {
  const left = counts[card];
  if (left <= 0) return refuse('card_exhausted', `every ${card} in this shoe has already been drawn`);
  return accept({ ...counts, [card]: left - 1 });
}

/** Total number of cards still in the shoe. */
export function countRemaining(counts: CardCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
