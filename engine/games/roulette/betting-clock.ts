/**
 * Betting time arithmetic. The caller passes the current time; the engine's timer decides when to
 * send `closeBetting`.
 */
import type { RouletteRound } from './round-state';

/** Milliseconds of betting time left at `now`: 0 when betting is not open or the time has run out. */
export function bettingTimeLeftMs(round: RouletteRound, now: number): number {
  if (round.phase !== 'betting_open' || round.betting === undefined) return 0;
  return Math.max(0, round.betting.closesAt - now);
}

/** Whether betting is open and its time has run out at `now`, so `closeBetting` is due. */
export function isBettingTimeUp(round: RouletteRound, now: number): boolean {
  return round.phase === 'betting_open' && round.betting !== undefined && now >= round.betting.closesAt;
}
