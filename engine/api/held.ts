/**
 * Rounds waiting for a floor manager, as the floor view lists them. Interruptions come from the
 * round engine's public state; rounds held by the vision check for review come from its source
 * (team VISION-CHECK) when the desk has one.
 */
import type { HeldRound } from '../../contract/views';
import type { PublicTableState } from '../rounds/public-state';

export function interruptionHeld(state: PublicTableState): HeldRound[] {
  const round = state.round;
  if (!round || !round.interruption) return [];
  const sensor: string[] = [];
  if (round.roulette?.winningNumber !== undefined && round.roulette?.winningNumber !== null)
    sensor.push(String(round.roulette.winningNumber));
  if (round.baccarat) sensor.push(...round.baccarat.player, ...round.baccarat.banker);
  return [
    {
      roundId: round.id,
      kind: 'interruption',
      since: round.interruption.at,
      reason: round.interruption.reason,
      code: round.interruption.code,
      resolutions: [...round.interruption.resolutions],
      decisions: [],
      sensor,
      camera: [],
      frame: null,
    },
  ];
}
