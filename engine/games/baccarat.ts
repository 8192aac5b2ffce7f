/**
 * Punto banco rules: card points, the drawing tableau, the hand state machine, the hand's outcome
 * and the shoe (burn, card counts, cut card). Pure functions only; the round engine calls them.
 */
export { burnCount, handTotal, isNatural, pointValue } from './baccarat/card-points';
export {
  bankerDrawsAfterPlayerDrew,
  bankerDrawsAfterPlayerStood,
  playerDrawsThird,
} from './baccarat/drawing-rules';
export {
  applyCard,
  dealHand,
  EMPTY_HAND,
  isHandComplete,
  nextDraw,
  type BaccaratHand,
  type BaccaratSide,
  type DrawSlot,
  type HandErrorCode,
  type NextDraw,
} from './baccarat/hand';
export { handOutcome, isPair, type BaccaratOutcome, type BaccaratWinner } from './baccarat/outcome';
export { countRemaining, fullShoeCounts, takeCard, type CardCounts } from './baccarat/shoe-counts';
export {
  abandonHand,
  beginHand,
  completedHand,
  cutCardReached,
  DEFAULT_DECKS,
  drawCard,
  isLastHand,
  newShoe,
  type BaccaratShoe,
  type BeginHandErrorCode,
  type CutCardErrorCode,
  type DrawErrorCode,
  type NewShoeErrorCode,
  type ShoeConfig,
  type ShoeStage,
} from './baccarat/shoe';
export type { RuleError, RuleResult } from './rule-result';
