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

/**
 * The situations the phase × event table covers: every phase, and betting open with a ball already
 * launched (the usual case on a live wheel), which accepts different events than betting open alone.
 */
export type RouletteSituation = RoulettePhase | 'betting_open_ball_in_play';

/** The phase a situation is in. */
export function phaseOf(situation: RouletteSituation): RoulettePhase {
  return situation === 'betting_open_ball_in_play' ? 'betting_open' : situation;
}

/** The events that bring a fresh round to each situation. */
export const PATH_TO: Readonly<Record<RouletteSituation, readonly RouletteEvent[]>> = {
  idle: [],
  betting_open: [ev.openBetting(1_000, 15_000)],
  betting_open_ball_in_play: [
    ev.openBetting(1_000, 15_000),
    ev.ballLaunched(12_000, 'anticlockwise', 'clockwise'),
  ],
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

export function roundIn(situation: RouletteSituation, layout: WheelLayout = 'european'): RouletteRound {
  const round = unwrap(replayRoulette(newRouletteRound(layout), PATH_TO[situation]));
  const phase = phaseOf(situation);
  if (round.phase !== phase) throw new Error(`test setup: reached ${round.phase}, wanted ${phase}`);
  return round;
}
