/**
 * A floor manager's decisions on an interrupted round, other than a void: allowing one more respin
 * after the misspin limit, and accepting the round as it stands (roulette: with the number read off
 * the wheel; baccarat: the stray card counts as burned). Which interruption each resolves is in
 * `interruptions.ts`.
 */
import { isOnWheel } from '../../hardware/wheel/layout';
import { can } from '../auth/roles';
import { hasValidLaunch } from '../games/roulette';
import { RESOLVE_INTERRUPTION, type Command } from './commands';
import { roundError } from './errors';
import { resolves } from './interruptions';
import { roundPhase, type RoundRecord } from './state';
import type { Verdict } from './verdict';

export function respin(v: Verdict, command: Extract<Command, { cmd: 'respin' }>, round: RoundRecord): void {
  if (round.game !== 'roulette' || round.interruption?.code !== 'misspin_limit') {
    v.reject(
      roundError(
        'illegal_phase',
        `respin refused: round ${round.id} is ${roundPhase(round)}; no respin waits for approval`,
      ),
    );
  } else if (!can(command.user.role, RESOLVE_INTERRUPTION)) {
    v.reject(
      roundError(
        'forbidden',
        'respin refused: the misspin limit was reached; a floor manager must allow the respin',
      ),
    );
  } else {
    v.add('round.respinApproved', { roundId: round.id, at: v.at, approver: command.user });
  }
}

export function acceptResult(
  v: Verdict,
  command: Extract<Command, { cmd: 'acceptResult' }>,
  round: RoundRecord,
): void {
  if (!round.interruption || !resolves(round.interruption.code, 'acceptResult')) {
    const why = round.interruption
      ? `waits for a floor manager (${round.interruption.code}), which accepting a result does not resolve`
      : `is ${roundPhase(round)}; there is no disputed result to accept`;
    v.reject(roundError('illegal_phase', `acceptResult refused: round ${round.id} ${why}`));
    return;
  }
  const accepted = { roundId: round.id, at: v.at, approver: command.user, reason: command.reason.trim() };
  if (round.game === 'baccarat') {
    v.add('round.resultAccepted', accepted);
    return;
  }
  const number = command.number;
  if (number === undefined || !isOnWheel(round.rules.layout, number)) {
    v.reject(
      roundError(
        'invalid_command',
        `acceptResult refused: enter the winning number of the ${round.rules.layout} wheel`,
      ),
    );
    return;
  }
  const phase = round.rules.phase;
  if (!hasValidLaunch(round.rules) || (phase !== 'betting_open' && phase !== 'spinning')) {
    v.reject(roundError('illegal_phase', `acceptResult refused: no ball is in play in round ${round.id}`));
    return;
  }
  v.add('round.resultAccepted', accepted);
  if (phase === 'betting_open') v.add('round.bettingClosed', { roundId: round.id, at: v.at, by: 'command' });
  v.add('round.result', { roundId: round.id, at: v.at, number, manual: true });
}
