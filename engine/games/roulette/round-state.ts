/**
 * The state of one roulette round, as the phase machine in `round-reducer.ts` keeps it.
 */
import type { WheelLayout, WheelNumber } from '../../../hardware/wheel/layout';

/**
 * idle → betting_open → no_more_bets → spinning → result → settled.
 * As on a live wheel, the ball is usually launched while betting is still open (the phase stays
 * betting_open, the launch is recorded) and "no more bets" is called a few revolutions later, going
 * straight to spinning; a ball launched after no more bets goes from no_more_bets to spinning.
 * A misspin while spinning goes to respin_required, and a new launch goes back to spinning; a misspin
 * while betting is open leaves betting open. Any phase before settled may be voided.
 */
export type RoulettePhase =
  'idle' | 'betting_open' | 'no_more_bets' | 'spinning' | 'respin_required' | 'result' | 'settled' | 'void';

export type SpinDirection = 'clockwise' | 'anticlockwise';

/**
 * Why a spin does not count: reported by the wheel or the dealer (misspin, no spin, ball out of the
 * wheel), or found by the rules (ball launched in the rotor's direction).
 */
export type MisspinReason = 'misspin' | 'no_spin' | 'ball_out' | 'launched_with_rotor';

/** Someone who approves an operator action; only a floor manager may void a round. */
export interface Approver {
  readonly id: string;
  readonly role: string;
}

export interface BettingWindow {
  readonly openedAt: number;
  /** When the betting time runs out: `openedAt + durationMs`. */
  readonly closesAt: number;
  /** When betting was actually closed; undefined while open. */
  readonly closedAt?: number;
}

export interface BallLaunch {
  readonly at: number;
  /** The ball's direction, when the wheel reports it. */
  readonly direction?: SpinDirection;
  /** The rotor's direction at launch, when the wheel reports it. */
  readonly rotorDirection?: SpinDirection;
}

export interface Misspin {
  readonly at: number;
  readonly reason: MisspinReason;
}

export interface VoidRecord {
  readonly at: number;
  readonly reason: string;
  readonly approver: Approver;
  /** The phase the round was in when voided. */
  readonly from: RoulettePhase;
}

export interface RouletteRound {
  readonly layout: WheelLayout;
  readonly phase: RoulettePhase;
  readonly betting?: BettingWindow;
  /** Every launch of the round, the misspun ones included, in order. */
  readonly launches: readonly BallLaunch[];
  readonly misspins: readonly Misspin[];
  /** Launches made after a misspin. */
  readonly respins: number;
  readonly winningNumber?: WheelNumber;
  readonly resultAt?: number;
  readonly settledAt?: number;
  readonly voided?: VoidRecord;
}

/** A round that has not opened betting yet, on a European wheel unless told otherwise. */
export function newRouletteRound(layout: WheelLayout = 'european'): RouletteRound {
  return { layout, phase: 'idle', launches: [], misspins: [], respins: 0 };
}
