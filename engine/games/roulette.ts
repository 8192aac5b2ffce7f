/**
 * Roulette round rules: the phase machine, its events, betting time and the facts of a winning
 * number. Pure functions only; the round engine calls them.
 */
export { bettingTimeLeftMs, isBettingTimeUp } from './roulette/betting-clock';
export {
  columnOf,
  describeNumber,
  dozenOf,
  highLowOf,
  parityOf,
  type Column,
  type Dozen,
  type HighLow,
  type NumberFacts,
  type Parity,
} from './roulette/number-facts';
export { rouletteEvents, type RouletteEvent, type RouletteEventType } from './roulette/round-events';
export {
  applyRouletteEvent,
  replayRoulette,
  VOID_APPROVER_ROLE,
  type RouletteErrorCode,
  type RouletteResult,
} from './roulette/round-reducer';
export {
  newRouletteRound,
  type Approver,
  type BallLaunch,
  type BettingWindow,
  type Misspin,
  type MisspinReason,
  type RoulettePhase,
  type RouletteRound,
  type SpinDirection,
  type VoidRecord,
} from './roulette/round-state';
export { ACCEPTED_IN, accepts, hasValidLaunch, WITHOUT_VALID_LAUNCH } from './roulette/transitions';
export type { RuleError, RuleResult } from './rule-result';
