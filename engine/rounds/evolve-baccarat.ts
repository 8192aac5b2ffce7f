/** How baccarat decisions change the round and the shoe. Pure; see `evolve.ts`. */
import {
  abandonHand,
  beginHand,
  completedHand,
  cutCardReached,
  drawCard,
  EMPTY_HAND,
  isLastHand,
  newShoe,
} from '../games/baccarat';
import type { DecisionDataMap } from './decisions';
import { must, ReplayError } from './replay-error';
import type { BaccaratRoundRecord, ShoeRecord, TableState } from './state';

export function openBaccaratRound(data: DecisionDataMap['round.opened']): BaccaratRoundRecord {
  return {
    game: 'baccarat',
    id: data.roundId,
    n: data.n,
    phase: 'betting_open',
    betting: { openedAt: data.at, closesAt: data.closesAt },
    hand: EMPTY_HAND,
  };
}

/** Betting closes and the hand begins, if the shoe can deal it (else dealing waits, interrupted). */
export function closeBaccaratBetting(state: TableState, round: BaccaratRoundRecord, at: number): TableState {
  const begun = state.shoe ? beginHand(state.shoe.rules) : undefined;
  const shoe = state.shoe && begun?.ok ? { ...state.shoe, rules: begun.value } : state.shoe;
  return {
    ...state,
    shoe,
    round: {
      ...round,
      phase: 'dealing',
      betting: { ...round.betting, closedAt: at },
      lastHand: begun?.ok === true && isLastHand(begun.value),
    },
  };
}

export function dealCard(
  state: TableState,
  round: BaccaratRoundRecord,
  data: DecisionDataMap['round.card'],
): TableState {
  const shoe = requireShoe(state, 'round.card');
  const rules = must(drawCard(shoe.rules, data.card), `round.card ${data.card} in ${round.id}`);
  const hand = rules.stage.kind === 'in_hand' ? rules.stage.hand : (completedHand(rules) ?? round.hand);
  return { ...state, shoe: { ...shoe, rules }, round: { ...round, hand } };
}

export function voidBaccaratRound(
  state: TableState,
  round: BaccaratRoundRecord,
  data: DecisionDataMap['round.voided'],
): TableState {
  const shoe = state.shoe && { ...state.shoe, rules: abandonHand(state.shoe.rules) };
  const { interruption: _cleared, ...rest } = round;
  return {
    ...state,
    shoe,
    round: { ...rest, phase: 'void', voided: { at: data.at, reason: data.reason, approver: data.approver } },
  };
}

export function insertShoe(state: TableState, data: DecisionDataMap['shoe.inserted']): TableState {
  const rules = must(newShoe({ decks: data.decks }), `shoe.inserted ${data.shoe}`);
  return { ...state, shoe: { id: data.shoe, rules, lastIndex: 0 } };
}

export function burnCard(state: TableState, data: DecisionDataMap['shoe.burnCard']): TableState {
  const shoe = requireShoe(state, 'shoe.burnCard');
  return {
    ...state,
    shoe: { ...shoe, rules: must(drawCard(shoe.rules, data.card), `shoe.burnCard ${data.card}`) },
  };
}

export function cutCard(state: TableState): TableState {
  const shoe = requireShoe(state, 'shoe.cutCard');
  return { ...state, shoe: { ...shoe, rules: must(cutCardReached(shoe.rules), 'shoe.cutCard') } };
}

function requireShoe(state: TableState, kind: string): ShoeRecord {
  if (!state.shoe) throw new ReplayError(`${kind}: no shoe is in the reader`);
  return state.shoe;
}
