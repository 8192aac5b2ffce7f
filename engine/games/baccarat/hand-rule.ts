import type { CardCode } from '../../../hardware/cards';
import { dealHand, isHandComplete } from './hand';

/**
 * Whether a hand whose cards so far (in deal order) are `cards` takes another card under the
 * punto banco rules. The simulated dealer uses it to deal realistic hands from the shoe.
 */
export function baccaratHandRule(cards: readonly CardCode[]): boolean {
  const hand = dealHand(cards);
  return hand.ok && !isHandComplete(hand.value);
}
