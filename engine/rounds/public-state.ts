/**
 * The table as the desk, the dealer's screen and the platform see it: a projection of the engine's
 * state at a moment (`now` gives the betting time left). Plain JSON, safe to send over IPC.
 */
import type { CardCode } from '../../hardware/cards';
import type { WheelLayout, WheelNumber } from '../../hardware/wheel/layout';
import type { BaccaratOutcome, ShoeStage } from '../games/baccarat';
import { describeNumber, type MisspinReason, type NumberFacts } from '../games/roulette';
import type { GameKind, RoundConfig } from './config';
import { RESOLUTIONS, type Resolution } from './interruptions';
import { nextCardLabel } from './next-card';
import { allowedDecisions, type HoldCode, type ReviewDecision } from './verification';
import {
  roundPhase,
  type InterruptionCode,
  type ResultRecord,
  type RoundPhase,
  type RoundRecord,
  type TableState,
} from './state';

export type PublicResult = { roundId: string; at: number; voided: boolean } & (
  | { game: 'roulette'; number: WheelNumber; manual: boolean; facts: NumberFacts }
  | { game: 'baccarat'; outcome: BaccaratOutcome }
);

export interface PublicRound {
  id: string;
  n: number;
  phase: RoundPhase;
  betting: { openedAt: number; closesAt: number; closedAt: number | null; timeLeftMs: number } | null;
  interruption: {
    code: InterruptionCode;
    reason: string;
    at: number;
    resolutions: readonly Resolution[];
  } | null;
  /** The vision check of the round's result: while 'verifying' and when held for review. */
  vision: PublicVerification | null;
  roulette: {
    layout: WheelLayout;
    launches: number;
    misspins: MisspinReason[];
    respins: number;
    /** Respins the dealer may still make without a floor manager. */
    respinsLeft: number;
    winningNumber: WheelNumber | null;
  } | null;
  baccarat: {
    player: CardCode[];
    banker: CardCode[];
    outcome: BaccaratOutcome | null;
    lastHand: boolean;
  } | null;
}

/** A result under the camera's check, or held: both readings, the frame, the allowed decisions. */
export interface PublicVerification {
  state: 'verifying' | 'needs_review';
  since: number;
  deadline: number;
  minConfidence: number;
  /** What the sensor read, slot by slot ('pocket'; 'player1', 'banker1', …). */
  sensor: { slot: string; label: string }[];
  hold: {
    code: HoldCode;
    reason: string;
    at: number;
    /** What the camera read, slot by slot (empty when it could not read). */
    camera: { slot: string; label: string; confidence: number }[];
    model: { id: string; sha256: string } | null;
    frame: { sha256: string; camera: string; source: string } | null;
    framePath: string | null;
  } | null;
  /** What a floor manager may decide now (empty while verifying). */
  decisions: ReviewDecision[];
}

export interface PublicShoe {
  id: string;
  decks: number;
  cardsRemaining: number;
  stage: ShoeStage['kind'];
  handsDealt: number;
  cutCardOut: boolean;
  changeRequired: boolean;
}

export interface PublicTableState {
  tableId: string;
  game: GameKind;
  round: PublicRound | null;
  /** Most recent first. */
  lastResults: PublicResult[];
  /** Baccarat: the card the shoe should give next ('player 1', 'banker 3', 'burn card'), or null. */
  nextCard: string | null;
  shoe: PublicShoe | null;
}

export function publicState(state: TableState, config: RoundConfig, now: number): PublicTableState {
  const shoe = state.shoe;
  return {
    tableId: state.tableId,
    game: state.game,
    round: state.round ? publicRound(state, state.round, config, now) : null,
    lastResults: state.lastResults.map(publicResult),
    nextCard: nextCardLabel(shoe),
    shoe: shoe
      ? {
          id: shoe.id,
          decks: shoe.rules.decks,
          cardsRemaining: shoe.rules.cardsRemaining,
          stage: shoe.rules.stage.kind,
          handsDealt: shoe.rules.handsCompleted,
          cutCardOut: shoe.rules.lastHandNumber !== undefined,
          changeRequired: shoe.rules.stage.kind === 'change_required',
        }
      : null,
  };
}

export function publicResult(r: ResultRecord): PublicResult {
  const base = { roundId: r.roundId, at: r.at, voided: r.voided === true };
  return r.outcome.game === 'roulette'
    ? {
        ...base,
        game: 'roulette',
        number: r.outcome.number,
        manual: r.outcome.manual,
        facts: describeNumber(r.outcome.number),
      }
    : { ...base, game: 'baccarat', outcome: r.outcome.outcome };
}

function publicRound(state: TableState, round: RoundRecord, config: RoundConfig, now: number): PublicRound {
  const betting = round.game === 'roulette' ? round.rules.betting : round.betting;
  const open = betting !== undefined && betting.closedAt === undefined && roundPhase(round) !== 'void';
  return {
    id: round.id,
    n: round.n,
    phase: roundPhase(round),
    betting: betting
      ? {
          openedAt: betting.openedAt,
          closesAt: betting.closesAt,
          closedAt: betting.closedAt ?? null,
          timeLeftMs: open ? Math.max(0, betting.closesAt - now) : 0,
        }
      : null,
    interruption: round.interruption
      ? { ...round.interruption, resolutions: RESOLUTIONS[round.interruption.code] }
      : null,
    vision: round.verification ? publicVerification(round) : null,
    roulette:
      round.game === 'roulette'
        ? {
            layout: round.rules.layout,
            launches: round.rules.launches.length,
            misspins: round.rules.misspins.map((m) => m.reason),
            respins: round.rules.respins,
            respinsLeft: Math.max(
              0,
              (config.misspin.policy === 'respin' ? config.misspin.maxRespins : 0) +
                round.respinsApproved -
                round.rules.misspins.length,
            ),
            winningNumber: round.rules.winningNumber ?? null,
          }
        : null,
    baccarat:
      round.game === 'baccarat'
        ? {
            player: [...round.hand.player],
            banker: [...round.hand.banker],
            outcome: round.outcome ?? null,
            lastHand: round.phase === 'betting_open' ? nextHandIsLast(state) : round.lastHand === true,
          }
        : null,
  };
}

/** Whether the next hand the shoe deals is its last (the cut card is out). */
function nextHandIsLast(state: TableState): boolean {
  const shoe = state.shoe?.rules;
  return shoe?.lastHandNumber !== undefined && shoe.handsStarted + 1 === shoe.lastHandNumber;
}

function publicVerification(round: RoundRecord): PublicVerification | null {
  const v = round.verification;
  if (!v) return null;
  const hold = v.hold;
  const layout = round.game === 'roulette' ? round.rules.layout : 'european';
  return {
    state: hold ? 'needs_review' : 'verifying',
    since: v.since,
    deadline: v.deadline,
    minConfidence: v.minConfidence,
    sensor: v.slots.map((slot, i) => ({ slot, label: v.sensor[i] ?? '' })),
    hold: hold
      ? {
          code: hold.code,
          reason: hold.reason,
          at: hold.at,
          camera: hold.readings.map((r, i) => ({ slot: v.slots[i] ?? `crop${i + 1}`, ...r })),
          model: hold.model,
          frame: hold.frame,
          framePath: hold.framePath ?? null,
        }
      : null,
    decisions: round.interruption ? [] : allowedDecisions(v, layout),
  };
}
