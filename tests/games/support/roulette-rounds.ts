/** Builds roulette rounds in each phase by playing the events that lead there. */
import {
  newRouletteRound,
  replayRoulette,
  rouletteEvents as ev,
  type Approver,
  type RouletteEvent,
  type RoulettePhase,
  type RouletteRound,
} from '../../../engine/games/roulette';
import type { WheelLayout } from '../../../hardware/wheel/layout';
import { unwrap } from './unwrap';

export const FLOOR_MANAGER: Approver = { id: 'fm-ana', role: 'floor_manager' };
export const DEALER: Approver = { id: 'dl-bo', role: 'dealer' };

/** The events that bring a fresh round to each phase. */
export const PATH_TO: Readonly<Record<RoulettePhase, readonly RouletteEvent[]>> = {
  idle: [],
  betting_open: [ev.openBetting(1_000, 15_000)],
  no_more_bets: [ev.openBetting(1_000, 15_000), ev.closeBetting(16_000)],
  spinning: [
    ev.openBetting(1_000, 15_000),
    ev.closeBetting(16_000),
    ev.ballLaunched(17_000, 'anticlockwise', 'clockwise'),
  ],
  respin_required: [
    ev.openBetting(1_000, 15_000),
    ev.closeBetting(16_000),
    ev.ballLaunched(17_000, 'anticlockwise', 'clockwise'),
    ev.misspin(20_000, 'no_spin'),
  ],
  result: [
    ev.openBetting(1_000, 15_000),
    ev.closeBetting(16_000),
    ev.ballLaunched(17_000, 'anticlockwise', 'clockwise'),
    ev.result(40_000, 17),
  ],
  settled: [
    ev.openBetting(1_000, 15_000),
    ev.closeBetting(16_000),
    ev.ballLaunched(17_000, 'anticlockwise', 'clockwise'),
    ev.result(40_000, 17),
    ev.settle(41_000),
  ],
  void: [ev.openBetting(1_000, 15_000), ev.void(2_000, 'camera feed lost', FLOOR_MANAGER)],
};

export function roundIn(phase: RoulettePhase, layout: WheelLayout = 'european'): RouletteRound {
  const round = unwrap(replayRoulette(newRouletteRound(layout), PATH_TO[phase]));
  if (round.phase !== phase) throw new Error(`test setup: reached ${round.phase}, wanted ${phase}`);
  return round;
}
