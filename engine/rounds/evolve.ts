/**
 * `evolve(state, entry)`: the table's state as a pure fold of its journal. The live engine and a
 * rebuild after restart both go through it, entry by entry, so they cannot disagree.
 *
 * Decision entries change rounds and the shoe. Input entries change only plain facts the devices
 * report (the rotor's direction, the shoe's last card number); every other entry is ignored.
 */
import { rouletteEvents as ev, type SpinDirection } from '../games/roulette';
import type { JournalEntry } from '../journal/types';
import type { Direction } from '../../hardware/protocols/types';
import type { DecisionDataMap, DecisionKind } from './decisions';
import {
  burnCard,
  closeBaccaratBetting,
  cutCard,
  dealCard,
  insertShoe,
  openBaccaratRound,
  voidBaccaratRound,
} from './evolve-baccarat';
import { applyToRoulette, launchEvent, openRouletteRound } from './evolve-roulette';
import { ReplayError } from './replay-error';
import type { Verification } from './verification';
import type {
  BaccaratRoundRecord,
  ResultRecord,
  RoundOutcome,
  RoundRecord,
  RouletteRoundRecord,
  TableState,
} from './state';

export type Foldable = Pick<JournalEntry, 'kind' | 'data'>;

type Handlers = { [K in DecisionKind]: (state: TableState, data: DecisionDataMap[K]) => TableState };

const HANDLERS: Handlers = {
  'round.opened': (state, d) => {
    if (d.game !== state.game)
      throw new ReplayError(`round.opened ${d.roundId}: a ${d.game} round at a ${state.game} table`);
    const round = d.game === 'roulette' ? openRouletteRound(d, d.layout ?? 'european') : openBaccaratRound(d);
    return { ...state, roundsOpened: d.n, round };
  },
  'round.bettingClosed': (state, d) =>
    byGame(
      state,
      d.roundId,
      'round.bettingClosed',
      (r) => applyToRoulette(r, ev.closeBetting(d.at), 'round.bettingClosed'),
      (r) => closeBaccaratBetting(state, r, d.at),
    ),
  'round.ballLaunched': (state, d) =>
    withRoulette(state, d.roundId, 'round.ballLaunched', (r) =>
      applyToRoulette(r, launchEvent(d), 'round.ballLaunched'),
    ),
  'round.misspin': (state, d) =>
    withRoulette(state, d.roundId, 'round.misspin', (r) =>
      applyToRoulette(r, ev.misspin(d.at, d.reason), 'round.misspin'),
    ),
  'round.respinApproved': (state, d) =>
    withRoulette(state, d.roundId, 'round.respinApproved', (r) => ({
      ...withoutInterruption(r),
      respinsApproved: r.respinsApproved + 1,
    })),
  'round.interrupted': (state, d) => {
    const round = current(state, d.roundId, 'round.interrupted');
    return { ...state, round: { ...round, interruption: { code: d.code, reason: d.reason, at: d.at } } };
  },
  'round.resultAccepted': (state, d) => ({
    ...state,
    round: withoutInterruption(current(state, d.roundId, 'round.resultAccepted')),
  }),
  'round.card': (state, d) => {
    const round = current(state, d.roundId, 'round.card');
    if (round.game !== 'baccarat') throw new ReplayError(`round.card in roulette round ${d.roundId}`);
    return dealCard(state, round, d);
  },
  'round.result': (state, d) => recordResult(state, d),
  'round.settled': (state, d) =>
    byGame(
      state,
      d.roundId,
      'round.settled',
      (r) => applyToRoulette(r, ev.settle(d.at), 'round.settled'),
      (r) => ({ ...state, round: { ...r, phase: 'settled', settledAt: d.at } }),
    ),
  'round.voided': (state, d) => {
    const next = byGame(
      state,
      d.roundId,
      'round.voided',
      (r) =>
        withoutVerification(
          withoutInterruption(applyToRoulette(r, ev.void(d.at, d.reason, d.approver), 'round.voided')),
        ),
      (r) => voidBaccaratRound(state, withoutVerification(r), d),
    );
    const lastResults = next.lastResults.map((r) => (r.roundId === d.roundId ? { ...r, voided: true } : r));
    return { ...next, lastResults };
  },
  'round.rejected': (state) => state,
  'round.verifying': (state, d) => {
    const round = current(state, d.roundId, 'round.verifying');
    return { ...state, round: { ...round, verification: verificationOf(d) } };
  },
  'round.held': (state, d) => {
    const round = current(state, d.roundId, 'round.held');
    if (!round.verification) throw new ReplayError(`round.held ${d.roundId}: no result is being verified`);
    const { roundId: _id, cause: _cause, ...hold } = d as typeof d & { cause?: unknown };
    return { ...state, round: { ...round, verification: { ...round.verification, hold } } };
  },
  // The decision is audited here; its effect is the 'round.result' or 'round.voided' that follows.
  'round.reviewed': (state, d) => {
    const round = current(state, d.roundId, 'round.reviewed');
    if (!round.verification?.hold)
      throw new ReplayError(`round.reviewed ${d.roundId}: no result waits for review`);
    return state;
  },
  'shoe.inserted': (state, d) => insertShoe(state, d),
  'shoe.burnCard': (state, d) => burnCard(state, d),
  'shoe.cutCard': (state) => cutCard(state),
  'shoe.removed': (state) => {
    const { shoe: _removed, ...rest } = state;
    return rest;
  },
};

export function isDecisionKind(kind: string): kind is DecisionKind {
  return Object.hasOwn(HANDLERS, kind);
}

/** The state after one journal entry. Never changes `state`. */
export function evolve(state: TableState, entry: Foldable): TableState {
  if (isDecisionKind(entry.kind)) {
    const handler = HANDLERS[entry.kind] as (s: TableState, d: unknown) => TableState;
    return handler(state, entry.data);
  }
  return applyDeviceFacts(state, entry);
}

/** Facts devices report that later decisions need. */
function applyDeviceFacts(state: TableState, entry: Foldable): TableState {
  if (entry.kind === 'device.wheel.rotor') {
    const { direction } = entry.data as { direction: Direction };
    return { ...state, rotorDirection: spinDirection(direction) };
  }
  if (entry.kind === 'device.shoe.card' && state.shoe) {
    const { shoe, index } = entry.data as { shoe: string; index: number };
    if (shoe === state.shoe.id && index > state.shoe.lastIndex) {
      return { ...state, shoe: { ...state.shoe, lastIndex: index } };
    }
  }
  return state;
}

function recordResult(state: TableState, d: DecisionDataMap['round.result']): TableState {
  const round = withoutVerification(current(state, d.roundId, 'round.result'));
  let next: TableState;
  let outcome: RoundOutcome;
  if (round.game === 'roulette') {
    if (d.number === undefined) throw new ReplayError(`round.result ${d.roundId}: no winning number`);
    next = { ...state, round: applyToRoulette(round, ev.result(d.at, d.number), 'round.result') };
    outcome = { game: 'roulette', number: d.number, manual: d.manual === true };
  } else {
    if (d.outcome === undefined) throw new ReplayError(`round.result ${d.roundId}: no outcome`);
    next = { ...state, round: { ...round, phase: 'result', outcome: d.outcome } };
    outcome = { game: 'baccarat', outcome: d.outcome };
  }
  const record: ResultRecord = { roundId: d.roundId, at: d.at, outcome };
  return { ...next, lastResults: [record, ...state.lastResults].slice(0, state.lastResultsKept) };
}

export function spinDirection(direction: Direction): SpinDirection {
  return direction === 'cw' ? 'clockwise' : 'anticlockwise';
}

function current(state: TableState, id: string, kind: string): RoundRecord {
  const round = state.round;
  if (round?.id !== id) throw new ReplayError(`${kind} ${id}: the current round is ${round?.id ?? 'none'}`);
  return round;
}

function withRoulette(
  state: TableState,
  id: string,
  kind: string,
  change: (r: RouletteRoundRecord) => RouletteRoundRecord,
): TableState {
  return byGame(state, id, kind, change, () => {
    throw new ReplayError(`${kind} in baccarat round ${id}`);
  });
}

function byGame(
  state: TableState,
  id: string,
  kind: string,
  roulette: (r: RouletteRoundRecord) => RouletteRoundRecord,
  baccarat: (r: BaccaratRoundRecord) => TableState,
): TableState {
  const round = current(state, id, kind);
  return round.game === 'roulette' ? { ...state, round: roulette(round) } : baccarat(round);
}

function withoutVerification<R extends RoundRecord>(round: R): R {
  if (round.verification === undefined) return round;
  const { verification: _done, ...rest } = round;
  return rest as R;
}

function verificationOf(d: DecisionDataMap['round.verifying']): Verification {
  return {
    since: d.at,
    deadline: d.deadline,
    minConfidence: d.minConfidence,
    sensor: d.sensor,
    slots: d.slots,
    ...(d.number === undefined ? {} : { number: d.number }),
    ...(d.outcome === undefined ? {} : { outcome: d.outcome }),
  };
}

function withoutInterruption<R extends RoundRecord>(round: R): R {
  if (round.interruption === undefined) return round;
  const { interruption: _lifted, ...rest } = round;
  return rest as R;
}
