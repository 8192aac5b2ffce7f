/**
 * Which roulette events each phase accepts. Anything not listed is an illegal transition.
 * Two events also depend on the ball, not only on the phase (see `round-reducer.ts`): while betting
 * is open, a launch is accepted only when no valid launch stands, and a misspin only when one does.
 */
import type { RouletteEventType } from './round-events';
import type { RoulettePhase, RouletteRound } from './round-state';

export const ACCEPTED_IN: Readonly<Record<RouletteEventType, readonly RoulettePhase[]>> = {
  openBetting: ['idle'],
  closeBetting: ['betting_open'],
  /**
   * The dealer launches the ball while betting is still open ("no more bets" is called a few
   * revolutions later), after no more bets, or again after a misspin.
   */
  ballLaunched: ['betting_open', 'no_more_bets', 'respin_required'],
  result: ['spinning'],
  /** A misspin of a ball in play: spinning, or launched while betting is still open. */
  misspin: ['betting_open', 'spinning'],
  settle: ['result'],
  /** A settled round has paid out and can no longer be voided. */
  void: ['idle', 'betting_open', 'no_more_bets', 'spinning', 'respin_required', 'result'],
};

/**
 * Phases in which no valid launch can stand, so a winning number is refused as 'no_ball_launched'.
 * (While betting is open a number is refused as 'betting_open', launch or not.)
 */
export const WITHOUT_VALID_LAUNCH: readonly RoulettePhase[] = ['idle', 'no_more_bets', 'respin_required'];

/** Whether `phase` accepts events of `type`. */
export function accepts(phase: RoulettePhase, type: RouletteEventType): boolean {
  return ACCEPTED_IN[type].includes(phase);
}

/**
 * Whether a valid launch stands in the round: the last launch was not followed (or found to be) a
 * misspin. Every misspin cancels exactly one launch, so launches − misspins is 0 or 1.
 */
export function hasValidLaunch(round: RouletteRound): boolean {
  return round.launches.length > round.misspins.length;
}
