/**
 * Which roulette events each phase accepts. Anything not listed is an illegal transition.
 */
import type { RouletteEventType } from './round-events';
import type { RoulettePhase } from './round-state';

export const ACCEPTED_IN: Readonly<Record<RouletteEventType, readonly RoulettePhase[]>> = {
  openBetting: ['idle'],
  closeBetting: ['betting_open'],
  /** The ball is launched after no more bets, or again after a misspin. */
  ballLaunched: ['no_more_bets', 'respin_required'],
  result: ['spinning'],
  misspin: ['spinning'],
  settle: ['result'],
  /** A settled round has paid out and can no longer be voided. */
  void: ['idle', 'betting_open', 'no_more_bets', 'spinning', 'respin_required', 'result'],
};

/** Phases in which no valid launch stands, so a winning number cannot be accepted. */
export const WITHOUT_VALID_LAUNCH: readonly RoulettePhase[] = [
  'idle',
  'betting_open',
  'no_more_bets',
  'respin_required',
];

/** Whether `phase` accepts events of `type`. */
export function accepts(phase: RoulettePhase, type: RouletteEventType): boolean {
  return ACCEPTED_IN[type].includes(phase);
}
