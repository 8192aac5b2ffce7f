/**
 * The table's state as the engine keeps it: a pure fold of the journal (`evolve.ts`). Nothing in it
 * depends on the time of day; time-derived figures (betting time left) are computed by the public
 * projection.
 */
import type { WheelNumber } from '../../hardware/wheel/layout';
import type { BaccaratHand, BaccaratOutcome, BaccaratShoe } from '../games/baccarat';
import { hasValidLaunch, type RouletteRound, type SpinDirection } from '../games/roulette';
import type { User } from './commands';
import type { GameKind, RoundConfig } from './config';
import type { Verification, VerificationPhase } from './verification';

/** Why a round waits for a floor manager. */
export type InterruptionCode =
  /** The wheel ended the spin without a winning number (result_missed, rim sensor, new game). */
  | 'result_missed'
  /** The wheel reported the number of the ball in play while betting was still open. */
  | 'result_during_betting'
  /** More misspins than the policy allows: respin or void. */
  | 'misspin_limit'
  /** A card outside the hand: drawn before no more bets, or after the hand was complete. */
  | 'stray_card'
  /** A card the hand cannot take: one the shoe cannot hold, or from another shoe. */
  | 'misdeal'
  /** The shoe's card numbers skipped: cards were drawn that the desk never saw. */
  | 'cards_missed'
  /** The shoe was removed or replaced while the hand was open. */
  | 'shoe_changed'
  /** The desk restarted and cannot tell whether the ball in play is still this round's. */
  | 'recovery';

export interface Interruption {
  readonly code: InterruptionCode;
  readonly reason: string;
  readonly at: number;
}

export interface RouletteRoundRecord {
  readonly game: 'roulette';
  readonly id: string;
  readonly n: number;
  readonly rules: RouletteRound;
  readonly interruption?: Interruption;
  readonly verification?: Verification;
  /** Respins a floor manager allowed beyond the policy. */
  readonly respinsApproved: number;
}

export type BaccaratPhase = 'betting_open' | 'dealing' | 'result' | 'settled' | 'void';

export interface BaccaratRoundRecord {
  readonly game: 'baccarat';
  readonly id: string;
  readonly n: number;
  readonly phase: BaccaratPhase;
  readonly betting: { readonly openedAt: number; readonly closesAt: number; readonly closedAt?: number };
  readonly hand: BaccaratHand;
  /** Set when the hand begins (betting closes): it is the shoe's last hand (the cut card is out). */
  readonly lastHand?: boolean;
  readonly outcome?: BaccaratOutcome;
  readonly interruption?: Interruption;
  readonly verification?: Verification;
  readonly settledAt?: number;
  readonly voided?: { readonly at: number; readonly reason: string; readonly approver: User };
}

export type RoundRecord = RouletteRoundRecord | BaccaratRoundRecord;

/** What a round produced, as announced. */
export type RoundOutcome =
  | { readonly game: 'roulette'; readonly number: WheelNumber; readonly manual: boolean }
  | { readonly game: 'baccarat'; readonly outcome: BaccaratOutcome };

export interface ResultRecord {
  readonly roundId: string;
  readonly at: number;
  readonly outcome: RoundOutcome;
  /** The round was voided after its result was announced. */
  readonly voided?: boolean;
}

export interface ShoeRecord {
  /** The shoe's id as the reader reports it. */
  readonly id: string;
  readonly rules: BaccaratShoe;
  /** The highest card number the reader reported for this shoe (0 before the first card). */
  readonly lastIndex: number;
}

export interface TableState {
  readonly tableId: string;
  readonly game: GameKind;
  /** Rounds opened so far; the next round is `<tableId>-<roundsOpened + 1>`. */
  readonly roundsOpened: number;
  readonly round?: RoundRecord;
  /** Most recent first. */
  readonly lastResults: readonly ResultRecord[];
  readonly lastResultsKept: number;
  /** Roulette: the rotor's direction as the wheel last reported it. */
  readonly rotorDirection?: SpinDirection;
  /** Baccarat: the shoe in the reader, if any. */
  readonly shoe?: ShoeRecord;
}

export type RoundPhase = RouletteRound['phase'] | BaccaratPhase | 'interrupted' | VerificationPhase;

export function initialState(config: RoundConfig): TableState {
  return {
    tableId: config.tableId,
    game: config.game,
    roundsOpened: 0,
    lastResults: [],
    lastResultsKept: config.lastResults,
  };
}

export function roundId(tableId: string, n: number): string {
  return `${tableId}-${n}`;
}

/** The phase underneath a possible interruption. */
export function underlyingPhase(round: RoundRecord): RouletteRound['phase'] | BaccaratPhase {
  return round.game === 'roulette' ? round.rules.phase : round.phase;
}

/**
 * The phase the desk shows: 'interrupted' while a floor manager must decide, 'verifying' while the
 * camera checks the sensor's result, 'needs_review' when that check held it for a floor manager.
 */
export function roundPhase(round: RoundRecord): RoundPhase {
  if (round.interruption) return 'interrupted';
  if (round.verification) return round.verification.hold ? 'needs_review' : 'verifying';
  return underlyingPhase(round);
}

/** Settled or void: the table may open the next round. */
export function isFinished(round: RoundRecord | undefined): boolean {
  if (round === undefined) return true;
  const phase = underlyingPhase(round);
  return phase === 'settled' || phase === 'void';
}

/** Roulette: a valid launch stands and no number was received for it yet. */
export function ballInPlay(round: RoundRecord | undefined): round is RouletteRoundRecord {
  // A number under verification has landed: the ball is no longer in play.
  if (round?.game !== 'roulette' || round.verification) return false;
  const phase = round.rules.phase;
  return (phase === 'betting_open' || phase === 'spinning') && hasValidLaunch(round.rules);
}
