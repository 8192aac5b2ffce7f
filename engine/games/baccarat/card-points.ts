/**
 * Punto banco card arithmetic: point values, hand totals and the burn count of a shoe's first card.
 */
import { splitCard, type CardCode, type Rank } from '../../../hardware/cards';

const POINTS: Readonly<Record<Rank, number>> = {
  A: 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
  '8': 8,
  '9': 9,
  '10': 0,
  J: 0,
  Q: 0,
  K: 0,
};

/** Point value of a card in a hand: ace 1, two to nine at face value, ten and court cards 0. */
export function pointValue(card: CardCode): number {
  return POINTS[splitCard(card).rank];
}

/** Total of a hand: the sum of its point values modulo 10, so always 0–9 (an empty hand is 0). */
export function handTotal(cards: readonly CardCode[]): number {
  return cards.reduce((sum, card) => sum + pointValue(card), 0) % 10;
}

/**
 * Number of cards burned face down after the first card of a new shoe is turned face up:
 * the card's value with ten and court cards counting 10 (not 0) and the ace 1, so 1–10.
 */
export function burnCount(firstCard: CardCode): number {
  const points = pointValue(firstCard);
  return points === 0 ? 10 : points;
}

/** Whether the first two cards make a natural: a two-card total of 8 or 9. */
export function isNatural(firstTwo: readonly CardCode[]): boolean {
  return firstTwo.length === 2 && handTotal(firstTwo) >= 8;
}
