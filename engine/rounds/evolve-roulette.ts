/** How roulette decisions change a roulette round. Pure; see `evolve.ts`. */
import type { WheelLayout } from '../../hardware/wheel/layout';
import {
  applyRouletteEvent,
  newRouletteRound,
  rouletteEvents as ev,
  type RouletteEvent,
} from '../games/roulette';
import type { DecisionDataMap } from './decisions';
import { must } from './replay-error';
import type { RouletteRoundRecord } from './state';

export function openRouletteRound(
  data: DecisionDataMap['round.opened'],
  layout: WheelLayout,
): RouletteRoundRecord {
  const rules = must(
    applyRouletteEvent(newRouletteRound(layout), ev.openBetting(data.at, data.closesAt - data.at)),
    `round.opened ${data.roundId}`,
  );
  return { game: 'roulette', id: data.roundId, n: data.n, rules, respinsApproved: 0 };
}

/** Applies one rule event to the round, as a decision entry said it happened. */
export function applyToRoulette(
  round: RouletteRoundRecord,
  event: RouletteEvent,
  kind: string,
): RouletteRoundRecord {
  return { ...round, rules: must(applyRouletteEvent(round.rules, event), `${kind} ${round.id}`) };
}

export function launchEvent(data: DecisionDataMap['round.ballLaunched']): RouletteEvent {
  return ev.ballLaunched(data.at, data.direction, data.rotorDirection);
}
