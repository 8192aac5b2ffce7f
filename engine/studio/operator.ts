/**
 * Operator commands on the director, guarded like the round engine's (Sofie-style jobs): the role
 * may do it, the command names the round the operator's screen shows (when it names one), then the
 * override changes. Every command, done or refused, is journaled as `studio.<cmd>` with the user as
 * actor, so the audit trail says who put what on air and when.
 */
import { can, forbiddenMessage, type Action, type Role } from '../auth/roles';
import type { Journal } from '../journal/types';
import type { Logger } from '../../lib/logger';
import {
  applyOperator,
  type OperatorCommand,
  type OverrideContext,
  type OverrideError,
  type Overrides,
} from './overrides';

export interface OperatorUser {
  id: string;
  role: Role;
}

export type DirectorCommand = OperatorCommand & {
  user: OperatorUser;
  /** The round the operator's screen shows; a command for another round is refused (stale screen). */
  roundId?: string | null;
};

export type CommandErrorCode = 'forbidden' | 'stale_round' | 'audit_unavailable' | OverrideError;

export type CommandResult =
  { ok: true; summary: string } | { ok: false; code: CommandErrorCode; message: string };

const ACTION: Readonly<Record<OperatorCommand['cmd'], Action>> = {
  camera: 'switchCamera',
  preview: 'switchCamera',
  take: 'manualTake',
  release: 'releaseDirector',
};

export function runOperatorCommand(
  c: DirectorCommand,
  overrides: Overrides,
  ctx: Omit<OverrideContext, 'by'>,
  journal: Journal | undefined,
  logger?: Logger,
): { result: CommandResult; overrides: Overrides } {
  const action = ACTION[c.cmd];
  let result: CommandResult;
  let next = overrides;
  if (!can(c.user.role, action))
    result = { ok: false, code: 'forbidden', message: forbiddenMessage(c.user.role, action) };
  else if (c.roundId !== undefined && c.roundId !== ctx.roundId)
    result = {
      ok: false,
      code: 'stale_round',
      message: `the command is for round ${c.roundId ?? 'none'}, but the table is on round ${ctx.roundId ?? 'none'}`,
    };
  else {
    const r = applyOperator(overrides, c, { ...ctx, by: c.user.id });
    result = r.ok ? { ok: true, summary: r.summary } : { ok: false, code: r.code, message: r.message };
    if (r.ok) next = r.overrides;
  }
  const { user, ...rest } = c;
  if (journal) {
    try {
      journal.append({
        kind: `studio.${c.cmd}`,
        actor: { id: user.id, role: user.role },
        data: {
          ...rest,
          roundId: ctx.roundId,
          ...(result.ok
            ? { done: true, summary: result.summary }
            : { done: false, code: result.code, reason: result.message }),
        },
      });
    } catch (e) {
      logger?.error({ err: (e as Error).message }, 'studio command not journaled');
      // Audit first: an action that cannot be recorded is not taken.
      return {
        result: {
          ok: false,
          code: 'audit_unavailable',
          message: `not done: the journal failed (${(e as Error).message})`,
        },
        overrides,
      };
    }
  }
  return { result, overrides: next };
}
