/**
 * The round engine: one `TableEngine` per table, turning device events, operator commands and
 * timer ticks into journaled round decisions. Plain Node; no Electron.
 */
export { COMMAND_ACTION, type Command, type CommandName, type User } from './commands';
export {
  resolveConfig,
  type GameKind,
  type MisspinPolicy,
  type RoundConfig,
  type TableConfig,
} from './config';
export { decide, decideTimer, type Decided } from './decide';
export type { Decision, DecisionDataMap, DecisionKind } from './decisions';
export { attachDevices, type EventSource } from './devices';
export type { RoundError, RoundErrorCode } from './errors';
export type { RejectionNotice, ResultAnnouncement, TableEngineEvents, VerificationRequest } from './events';
export { evolve } from './evolve';
export type { RecordedInput, TableInput } from './inputs';
export { RESOLUTIONS, type Resolution } from './interruptions';
export type {
  PublicResult,
  PublicRound,
  PublicShoe,
  PublicTableState,
  PublicVerification,
} from './public-state';
export { replay } from './recovery';
export { ReplayError } from './replay-error';
export type { InterruptionCode, RoundPhase, TableState } from './state';
export { TableEngine, type EngineOptions, type HandleOutcome, type RecoveryReport } from './table-engine';
export {
  REVIEW_DECISIONS,
  type HoldCode,
  type ReviewDecision,
  type Verification,
  type VerificationPhase,
} from './verification';
export type { VisionPolicy } from './config';
