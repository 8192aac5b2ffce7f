/**
 * What the engine decides, as journal entries. Decisions are a pure function of the state before
 * the input and the input itself (`decide.ts`); the state is a pure fold of them (`evolve.ts`).
 * Each is journaled with `cause`: the seq of the input entry it answers (null for timer decisions).
 */
import type { CardCode } from '../../hardware/cards';
import type { WheelLayout, WheelNumber } from '../../hardware/wheel/layout';
import type { BaccaratOutcome, BaccaratSide } from '../games/baccarat';
import type { MisspinReason, SpinDirection } from '../games/roulette';
import type { User } from './commands';
import type { GameKind } from './config';
import type { RoundErrorCode } from './errors';
import type { InterruptionCode } from './state';
import type { HoldCode, ReviewDecision } from './verification';
import type { Reading } from '../vision/readings';

export interface DecisionDataMap {
  'round.opened': {
    roundId: string;
    n: number;
    game: GameKind;
    at: number;
    closesAt: number;
    /** 'command': a user opened it; 'auto': the previous round settled and the table auto-opens. */
    by: 'command' | 'auto';
    /** Roulette: the wheel the round is played on. */
    layout?: WheelLayout;
  };
  'round.bettingClosed': { roundId: string; at: number; by: 'command' | 'timer' | 'wheel' };
  'round.ballLaunched': {
    roundId: string;
    at: number;
    direction?: SpinDirection;
    rotorDirection?: SpinDirection;
    /** The wheel's own game key, for the audit trail. */
    wheelGame: string;
    /** Set when the wheel did not report the launch itself (a relaunch known from no more bets). */
    impliedBy?: 'noMoreBets';
  };
  'round.misspin': { roundId: string; at: number; reason: MisspinReason; detail: string };
  'round.respinApproved': { roundId: string; at: number; approver: User };
  'round.interrupted': { roundId: string; at: number; code: InterruptionCode; reason: string };
  'round.resultAccepted': { roundId: string; at: number; approver: User; reason: string };
  'round.card': {
    roundId: string;
    at: number;
    card: CardCode;
    index: number;
    to: BaccaratSide;
    position: number;
  };
  'round.result': {
    roundId: string;
    at: number;
    /** Roulette: the winning number; `manual` when a floor manager entered it. */
    number?: WheelNumber;
    manual?: boolean;
    /** Baccarat: the hand's outcome. */
    outcome?: BaccaratOutcome;
    /**
     * With vision on: what made the result final. 'vision': an agreeing verdict; 'sensor' or
     * 'camera': a floor manager's review accepted that reading.
     */
    verifiedBy?: 'vision' | 'sensor' | 'camera';
  };
  /** The sensor's result, held until the vision check confirms it (see `verification.ts`). */
  'round.verifying': {
    roundId: string;
    at: number;
    deadline: number;
    minConfidence: number;
    sensor: string[];
    slots: string[];
    number?: WheelNumber;
    outcome?: BaccaratOutcome;
  };
  /** The check did not confirm the result: it waits for a floor manager, with both readings. */
  'round.held': {
    roundId: string;
    at: number;
    code: HoldCode;
    reason: string;
    readings: Reading[];
    model: { id: string; sha256: string } | null;
    frame: { sha256: string; camera: string; source: string } | null;
    framePath?: string;
  };
  /** A floor manager's decision on a held result (a cross-team contract: keep the shape). */
  'round.reviewed': {
    roundId: string;
    at: number;
    decision: ReviewDecision;
    reason: string;
    approver: User;
  };
  'round.settled': { roundId: string; at: number };
  'round.voided': { roundId: string; at: number; reason: string; approver: User };
  /** An input refused: who sent what, and why. The state does not change. */
  'round.rejected': {
    roundId: string | null;
    at: number;
    input: string;
    code: RoundErrorCode;
    message: string;
  };
  'shoe.inserted': { shoe: string; decks: number; at: number };
  /** The face-up first card or a face-down burn card. */
  'shoe.burnCard': { shoe: string; card: CardCode; index: number; at: number };
  'shoe.cutCard': { shoe: string; index: number; at: number };
  'shoe.removed': { shoe: string; at: number };
}

export type DecisionKind = keyof DecisionDataMap;

export type Decision = { [K in DecisionKind]: { kind: K; data: DecisionDataMap[K] } }[DecisionKind];

export function decision<K extends DecisionKind>(kind: K, data: DecisionDataMap[K]): Decision {
  return { kind, data } as Decision;
}
