/**
 * The events a roulette round accepts, as data. Every event carries the time it happened (`at`,
 * milliseconds on the desk's clock), passed in by the caller: the rules never read a clock.
 */
import type { WheelNumber } from '../../../hardware/wheel/layout';
import type { Approver, MisspinReason, SpinDirection } from './round-state';

export type RouletteEvent =
  | { readonly type: 'openBetting'; readonly at: number; readonly durationMs: number }
  | { readonly type: 'closeBetting'; readonly at: number }
  | {
      readonly type: 'ballLaunched';
      readonly at: number;
      /** The ball's direction, when the wheel reports it. */
      readonly direction?: SpinDirection;
      readonly rotorDirection?: SpinDirection;
    }
  | { readonly type: 'result'; readonly at: number; readonly number: WheelNumber }
  | { readonly type: 'misspin'; readonly at: number; readonly reason: MisspinReason }
  | { readonly type: 'settle'; readonly at: number }
  | { readonly type: 'void'; readonly at: number; readonly reason: string; readonly approver: Approver };

export type RouletteEventType = RouletteEvent['type'];

/** Builders for each event, named after it. */
export const rouletteEvents = {
  openBetting: (at: number, durationMs: number): RouletteEvent => ({ type: 'openBetting', at, durationMs }),
  closeBetting: (at: number): RouletteEvent => ({ type: 'closeBetting', at }),
  ballLaunched: (at: number, direction?: SpinDirection, rotorDirection?: SpinDirection): RouletteEvent => ({
    type: 'ballLaunched',
    at,
    ...(direction === undefined ? {} : { direction }),
    ...(rotorDirection === undefined ? {} : { rotorDirection }),
  }),
  result: (at: number, number: WheelNumber): RouletteEvent => ({ type: 'result', at, number }),
  misspin: (at: number, reason: MisspinReason): RouletteEvent => ({ type: 'misspin', at, reason }),
  settle: (at: number): RouletteEvent => ({ type: 'settle', at }),
  void: (at: number, reason: string, approver: Approver): RouletteEvent => ({
    type: 'void',
    at,
    reason,
    approver,
  }),
} as const;
