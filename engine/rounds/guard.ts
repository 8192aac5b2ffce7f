/**
 * The precondition every command passes before it may take effect: the user's role allows it, the
 * command is well formed, and it names the table's current round. The phase checks follow in
 * `decide-commands.ts`. The order (role, form, round) is the order of the error a user sees.
 */
import { can, forbiddenMessage, isRole } from '../auth/roles';
import { COMMAND_ACTION, type Command } from './commands';
import { roundError, type RoundError } from './errors';
import type { TableState } from './state';
import { REVIEW_DECISIONS } from './verification';

export function guardCommand(state: TableState, command: Command): RoundError | undefined {
  const { cmd, user } = command;
  const action = COMMAND_ACTION[cmd];
  if (!isRole(user.role))
    return roundError('forbidden', `${cmd} refused: "${String(user.role)}" is not a role`);
  if (!can(user.role, action))
    return roundError('forbidden', `${cmd} refused: ${forbiddenMessage(user.role, action)}`);
  const malformed = formProblem(command);
  if (malformed) return roundError('invalid_command', `${cmd} refused: ${malformed}`);
  const actual = state.round?.id ?? null;
  if (command.roundId !== actual) {
    return roundError(
      'stale_round',
      `${cmd} refused: the screen shows ${command.roundId ?? 'no round'}, the table is at ${actual ?? 'no round'}`,
    );
  }
  return undefined;
}

function formProblem(command: Command): string | undefined {
  if (typeof command.user.id !== 'string' || command.user.id.trim() === '') return 'the user is not named';
  switch (command.cmd) {
    case 'openBetting':
      if (
        command.durationMs !== undefined &&
        !(Number.isFinite(command.durationMs) && command.durationMs > 0)
      ) {
        return `betting time must be a positive number of ms (got ${command.durationMs})`;
      }
      return undefined;
    case 'review':
      if (!(REVIEW_DECISIONS as readonly unknown[]).includes(command.decision))
        return `the decision must be one of ${REVIEW_DECISIONS.join(', ')} (got ${String(command.decision)})`;
      return typeof command.reason === 'string' && command.reason.trim() !== ''
        ? undefined
        : 'a reason is required';
    case 'void':
    case 'acceptResult':
      return typeof command.reason === 'string' && command.reason.trim() !== ''
        ? undefined
        : 'a reason is required';
    default:
      return undefined;
  }
}
