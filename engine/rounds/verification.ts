/**
 * A sensor result under the vision check. With vision on, the wheel's number or the shoe's complete
 * hand does not become the round's result at once: the round is 'verifying' (the sensor's reading is
 * kept here) until an agreeing verdict makes it final, or it is held ('needs_review') and a floor
 * manager decides: accept the sensor, accept the camera, or void.
 */
import { parseCard, type CardCode } from '../../hardware/cards';
import { parseWheelNumber, type WheelLayout, type WheelNumber } from '../../hardware/wheel/layout';
import { dealHand, handOutcome, type BaccaratHand, type BaccaratOutcome } from '../games/baccarat';
import type { Reading } from '../vision/readings';
import type { VerdictStatus } from '../vision/verdict';

export type VerificationPhase = 'verifying' | 'needs_review';

/** Why a result is held for review. */
export type HoldCode =
  | Exclude<VerdictStatus, 'agree'>
  /** No verdict came back within the policy's time. */
  | 'timeout'
  /**
   * The desk restarted after the check's deadline while the result was being verified: the camera
   * may no longer show it, so the check is not re-run (before the deadline it is re-run).
   */
  | 'recovery'
  /** The verdict was for another sensor reading than the round's. */
  | 'invalid_verdict';

export const REVIEW_DECISIONS = ['accept_sensor', 'accept_camera', 'void'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface CameraReading {
  readonly readings: readonly Reading[];
  readonly model: { readonly id: string; readonly sha256: string } | null;
  readonly frame: { readonly sha256: string; readonly camera: string; readonly source: string } | null;
  readonly framePath?: string;
}

export interface Hold extends CameraReading {
  readonly code: HoldCode;
  readonly reason: string;
  readonly at: number;
}

export interface Verification {
  readonly since: number;
  /** The engine holds the result itself when no verdict has come by then. */
  readonly deadline: number;
  readonly minConfidence: number;
  /** The sensor's labels in crop order ('17'; baccarat: the cards in deal order). */
  readonly sensor: readonly string[];
  /** What each label is: 'pocket'; baccarat 'player1', 'banker1', 'player2', … in deal order. */
  readonly slots: readonly string[];
  /** Roulette: the sensor's number. */
  readonly number?: WheelNumber;
  /** Baccarat: the hand's outcome by the sensor's cards. */
  readonly outcome?: BaccaratOutcome;
  readonly hold?: Hold;
}

/** The camera's number, if it read exactly one pocket that is on this wheel. */
export function cameraNumber(v: Verification, layout: WheelLayout): WheelNumber | undefined {
  const [only, ...more] = v.hold?.readings ?? [];
  if (only === undefined || more.length > 0) return undefined;
  if (only.label === '00') return layout === 'american' ? '00' : undefined;
  return parseWheelNumber(only.label, layout);
}

/**
 * The camera's hand, if it read a card in every slot and those cards, dealt by the tableau, fill
 * exactly the slots the sensor's hand filled.
 */
export function cameraHand(v: Verification): { hand: BaccaratHand; outcome: BaccaratOutcome } | undefined {
  const readings = v.hold?.readings ?? [];
  if (readings.length !== v.slots.length || readings.length === 0) return undefined;
  const cards: CardCode[] = [];
  for (const r of readings) {
    const card = parseCard(r.label);
    if (card === undefined || card !== r.label) return undefined;
    cards.push(card);
  }
  const dealt = dealHand(cards);
  if (!dealt.ok) return undefined;
  const outcome = handOutcome(dealt.value);
  if (!outcome.ok || handSlots(dealt.value).join() !== v.slots.join()) return undefined;
  return { hand: dealt.value, outcome: outcome.value };
}

/** The slot names of a hand in deal order (P1 B1 P2 B2, then the third cards as drawn). */
export function handSlots(hand: BaccaratHand): string[] {
  const slots = ['player1', 'banker1', 'player2', 'banker2'].slice(
    0,
    hand.player.length + hand.banker.length,
  );
  if (hand.player.length === 3) slots.push('player3');
  if (hand.banker.length === 3) slots.push('banker3');
  return slots;
}

/** The sensor's cards of a hand in the order of `handSlots`. */
export function handLabels(hand: BaccaratHand): string[] {
  return handSlots(hand).map((slot) => {
    const side = slot.startsWith('player') ? hand.player : hand.banker;
    return side[Number(slot.slice(-1)) - 1] ?? '';
  });
}

/** What a floor manager may decide about a held result. */
export function allowedDecisions(v: Verification, layout: WheelLayout): ReviewDecision[] {
  if (!v.hold) return [];
  const camera = v.number !== undefined ? cameraNumber(v, layout) !== undefined : cameraHand(v) !== undefined;
  return camera ? ['accept_sensor', 'accept_camera', 'void'] : ['accept_sensor', 'void'];
}
