/**
 * A punto banco shoe from the burn to the shoe change, as a pure reducer.
 *
 * - A new shoe starts with the burn: the first card is turned face up and its burn count
 *   (`burnCount`: ace 1, 2–9 face, ten and court cards 10) of further cards is burned face down.
 * - Hands are then dealt one at a time: `beginHand`, then `drawCard` until the hand completes.
 * - Every drawn card, burned or dealt, is taken from the shoe's card counts; a card the shoe cannot
 *   hold any more (a ninth 'AS' in eight decks) is refused.
 * - When the cut card comes out, the current hand is completed and exactly one more hand is dealt;
 *   if it comes out between hands, the next hand is that one more hand. Then the shoe must change.
 */
import { parseCard, type CardCode } from '../../../hardware/cards';
import { accept, refuse, type RuleResult } from '../rule-result';
import { burnCount } from './card-points';
import { applyCard, EMPTY_HAND, isHandComplete, type BaccaratHand, type HandErrorCode } from './hand';
import { countRemaining, fullShoeCounts, takeCard, type CardCounts } from './shoe-counts';

export const DEFAULT_DECKS = 8;

export interface ShoeConfig {
  /** Number of 52-card decks shuffled together; 8 when not given. */
  readonly decks?: number;
}

export type ShoeStage =
  /** New shoe: the next card is turned face up to set the burn count. */
  | { readonly kind: 'awaiting_burn_card' }
  /** `left` more cards are to be burned face down. */
  | { readonly kind: 'burning'; readonly left: number }
  /** Ready for `beginHand`; `completedHand` is the hand that just finished, if any. */
  | { readonly kind: 'between_hands'; readonly completedHand?: BaccaratHand }
  | { readonly kind: 'in_hand'; readonly hand: BaccaratHand }
  /** The last hand after the cut card is complete: no more cards from this shoe. */
  | { readonly kind: 'change_required'; readonly completedHand?: BaccaratHand };

export interface BaccaratShoe {
  readonly decks: number;
  readonly counts: CardCounts;
  readonly cardsRemaining: number;
  readonly stage: ShoeStage;
  /** The first card, turned face up; undefined until drawn. */
  readonly burnCard?: CardCode;
  /** The cards burned face down after it. */
  readonly burned: readonly CardCode[];
  /** Hands begun in this shoe, including one in progress. */
  readonly handsStarted: number;
  readonly handsCompleted: number;
  /** Number of the shoe's last hand, fixed when the cut card comes out; undefined before that. */
  readonly lastHandNumber?: number;
}

export type NewShoeErrorCode = 'invalid_deck_count';
export type DrawErrorCode =
  'not_a_card' | 'card_exhausted' | 'no_hand_in_progress' | 'shoe_change_required' | HandErrorCode;
export type BeginHandErrorCode = 'burn_incomplete' | 'hand_in_progress' | 'shoe_change_required';
export type CutCardErrorCode = 'cut_card_already_out';

/** A freshly shuffled shoe awaiting its burn card. The deck count must be a positive integer. */
export function newShoe(config: ShoeConfig = {}): RuleResult<BaccaratShoe, NewShoeErrorCode> {
  const decks = config.decks ?? DEFAULT_DECKS;
  if (!Number.isInteger(decks) || decks < 1) {
    return refuse('invalid_deck_count', `a shoe needs a whole number of decks, at least 1 (got ${decks})`);
  }
  const counts = fullShoeCounts(decks);
  return accept({
    decks,
    counts,
    cardsRemaining: countRemaining(counts),
    stage: { kind: 'awaiting_burn_card' },
    burned: [],
    handsStarted: 0,
    handsCompleted: 0,
  });
}

/** Starts the next hand. Refused during the burn, during a hand, and after the shoe's last hand. */
export function beginHand(shoe: BaccaratShoe): RuleResult<BaccaratShoe, BeginHandErrorCode> {
  switch (shoe.stage.kind) {
    case 'awaiting_burn_card':
    case 'burning':
      return refuse('burn_incomplete', 'the burn is not finished; no hand can be dealt yet');
    case 'in_hand':
      return refuse('hand_in_progress', `hand ${shoe.handsStarted} is still being dealt`);
    case 'change_required':
      return refuse('shoe_change_required', 'the last hand of this shoe has been dealt; change the shoe');
    case 'between_hands':
      return accept({
        ...shoe,
        handsStarted: shoe.handsStarted + 1,
        stage: { kind: 'in_hand', hand: EMPTY_HAND },
      });
  }
}

/**
 * Takes one card out of the shoe: the face-up burn card, a face-down burn card, or the next card of
 * the hand in progress (placed by the hand's drawing rules). A hand that completes moves the shoe
 * between hands, or to `change_required` when it was the last hand.
 */
export function drawCard(shoe: BaccaratShoe, card: string): RuleResult<BaccaratShoe, DrawErrorCode> {
  const code = parseCard(card);
  if (code === undefined) return refuse('not_a_card', `"${card}" is not a playing card`);
  const stage = shoe.stage;
  if (stage.kind === 'change_required') {
    return refuse('shoe_change_required', `the shoe's last hand is over; ${code} cannot be dealt`);
  }
  if (stage.kind === 'between_hands') {
    return refuse('no_hand_in_progress', `no hand is being dealt; ${code} was drawn between hands`);
  }
  const taken = takeCard(shoe.counts, code);
  if (!taken.ok) return taken;
  const drawn: BaccaratShoe = { ...shoe, counts: taken.value, cardsRemaining: shoe.cardsRemaining - 1 };

  switch (stage.kind) {
    case 'awaiting_burn_card':
      return accept({ ...drawn, burnCard: code, stage: { kind: 'burning', left: burnCount(code) } });
    case 'burning': {
      const left = stage.left - 1;
      const next: ShoeStage = left > 0 ? { kind: 'burning', left } : { kind: 'between_hands' };
      return accept({ ...drawn, burned: [...shoe.burned, code], stage: next });
    }
    case 'in_hand': {
      const dealt = applyCard(stage.hand, code);
      if (!dealt.ok) return dealt;
      return accept(withHand(drawn, dealt.value));
    }
  }
}

/**
 * Records that the cut card came out. The hand in progress is completed and one more is dealt;
 * between hands (or during the burn) the next hand is the last.
 */
export function cutCardReached(shoe: BaccaratShoe): RuleResult<BaccaratShoe, CutCardErrorCode> {
  if (shoe.lastHandNumber !== undefined) {
    return refuse(
      'cut_card_already_out',
      `the cut card already came out; hand ${shoe.lastHandNumber} is the last`,
    );
  }
  return accept({ ...shoe, lastHandNumber: shoe.handsStarted + 1 });
}

/** Whether the hand in progress, or else the next hand to be dealt, is the shoe's last. */
export function isLastHand(shoe: BaccaratShoe): boolean {
  if (shoe.lastHandNumber === undefined) return false;
  const current = shoe.stage.kind === 'in_hand' ? shoe.handsStarted : shoe.handsStarted + 1;
  return current === shoe.lastHandNumber;
}

/**
 * Abandons the hand being dealt (a voided round): its cards stay out of the shoe, no hand is
 * completed, and the shoe is between hands again, or awaits its change if that was the last hand.
 * A shoe not in a hand is returned unchanged.
 */
export function abandonHand(shoe: BaccaratShoe): BaccaratShoe {
  if (shoe.stage.kind !== 'in_hand') return shoe;
  const wasLast = shoe.lastHandNumber === shoe.handsStarted;
  return { ...shoe, stage: wasLast ? { kind: 'change_required' } : { kind: 'between_hands' } };
}

/** The hand that has just completed, while the shoe is between hands or awaiting its change. */
export function completedHand(shoe: BaccaratShoe): BaccaratHand | undefined {
  const stage = shoe.stage;
  return stage.kind === 'between_hands' || stage.kind === 'change_required' ? stage.completedHand : undefined;
}

function withHand(shoe: BaccaratShoe, hand: BaccaratHand): BaccaratShoe {
  if (!isHandComplete(hand)) return { ...shoe, stage: { kind: 'in_hand', hand } };
  const handsCompleted = shoe.handsCompleted + 1;
  const wasLast = shoe.lastHandNumber === shoe.handsStarted;
  return {
    ...shoe,
    handsCompleted,
    stage: wasLast
      ? { kind: 'change_required', completedHand: hand }
      : { kind: 'between_hands', completedHand: hand },
  };
}
