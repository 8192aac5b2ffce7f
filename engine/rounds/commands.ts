/**
 * Operator commands as data. Each one is guarded: it names the round the operator's screen shows
 * (`roundId`), and the engine refuses it with a typed error when the table has moved on, so a double
 * press or a stale screen never has a second effect.
 */
import type { WheelNumber } from '../../hardware/wheel/layout';
import type { Action, Role } from '../auth/roles';
import type { ReviewDecision } from './verification';

/** The person at the desk who issued the command. */
export interface User {
  readonly id: string;
  readonly role: Role;
}

export type Command =
  /** `roundId`: the table's current round as the screen shows it, or null when it shows none. */
  | {
      readonly cmd: 'openBetting';
      readonly roundId: string | null;
      readonly user: User;
      readonly durationMs?: number;
    }
  | { readonly cmd: 'closeBetting'; readonly roundId: string; readonly user: User }
  | { readonly cmd: 'settle'; readonly roundId: string; readonly user: User }
  | { readonly cmd: 'void'; readonly roundId: string; readonly user: User; readonly reason: string }
  /** Allows one more launch after the misspin limit was reached (a floor manager's decision). */
  | { readonly cmd: 'respin'; readonly roundId: string; readonly user: User }
  /**
   * Accepts an interrupted round as it stands (a floor manager's decision): roulette with the
   * winning number read off the wheel (`number`), baccarat with the stray card treated as burned.
   */
  | {
      readonly cmd: 'acceptResult';
      readonly roundId: string;
      readonly user: User;
      readonly reason: string;
      readonly number?: WheelNumber;
    }
  /**
   * Decides a result the vision check held (a floor manager's decision): final as the sensor read
   * it, final as the camera read it, or void. Always with a reason.
   */
  | {
      readonly cmd: 'review';
      readonly roundId: string;
      readonly user: User;
      readonly decision: ReviewDecision;
      readonly reason: string;
    };

export type CommandName = Command['cmd'];

/** The permission each command needs (`can(role, action)`). */
export const COMMAND_ACTION: Readonly<Record<CommandName, Action>> = {
  openBetting: 'openBetting',
  closeBetting: 'closeBetting',
  settle: 'settleRound',
  void: 'voidRound',
  respin: 'respin',
  acceptResult: 'acceptDisputedResult',
  review: 'acceptDisputedResult',
};

/**
 * Lifting an interruption is a floor manager's decision whatever the command: a respin beyond the
 * misspin limit needs this permission as well as 'respin'.
 */
export const RESOLVE_INTERRUPTION: Action = 'acceptDisputedResult';
