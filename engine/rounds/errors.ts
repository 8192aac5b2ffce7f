/**
 * Why the engine refused an input. Refusals are ordinary outcomes at a live table (a double press,
 * a number without a launch, a card after the hand), returned and journaled as data, never thrown.
 */
import type { BeginHandErrorCode, CutCardErrorCode, DrawErrorCode } from '../games/baccarat';
import type { RouletteErrorCode } from '../games/roulette';
import type { RuleError } from '../games/rule-result';

export type RoundErrorCode =
  /** The user's role may not do this (`can(role, action)`). */
  | 'forbidden'
  /** The command names a round that is not the table's current one: a stale screen or a double press. */
  | 'stale_round'
  /** The current round is not in a phase where the command applies. */
  | 'illegal_phase'
  /** The command itself is malformed: a missing reason, a bad betting time, a number not on the wheel. */
  | 'invalid_command'
  /** A device event that needs an open round arrived without one. */
  | 'no_round'
  /** The round waits for a floor manager's decision. */
  | 'round_interrupted'
  /** The misspin limit was reached: a floor manager must allow the respin (or void). */
  | 'respin_not_approved'
  | 'no_shoe'
  | 'shoe_mismatch'
  | 'duplicate_card'
  | 'card_sequence_gap'
  | 'card_before_no_more_bets'
  /** The round's result is being checked by the camera or waits for a floor manager's review. */
  | 'round_verifying'
  /** A vision verdict for another round, for a result not under verification, or a second one. */
  | 'unexpected_verdict'
  /** A journal write failed; the engine stops taking inputs until it is reopened. */
  | 'journal_failed'
  | RouletteErrorCode
  | DrawErrorCode
  | BeginHandErrorCode
  | CutCardErrorCode;

export type RoundError = RuleError<RoundErrorCode>;

export function roundError(code: RoundErrorCode, message: string): RoundError {
  return { code, message };
}
