/**
 * Operator commands: the guard, then the phase the command needs, then the decisions. A refused
 * command is journaled as 'round.rejected' and has no other effect. The floor manager's decisions on
 * an interrupted round (respin, acceptResult) are in `decide-resolutions.ts`.
 */
import { beginHand } from '../games/baccarat';
import { applyRouletteEvent, rouletteEvents as ev } from '../games/roulette';
import type { Command } from './commands';
import type { RoundConfig } from './config';
import { acceptResult, respin } from './decide-resolutions';
import { review } from './decide-review';
import { roundError, type RoundError } from './errors';
import { guardCommand } from './guard';
import { isFinished, roundId, roundPhase, underlyingPhase, type RoundRecord, type TableState } from './state';
import type { Verdict } from './verdict';

export function decideCommand(v: Verdict, command: Command, config: RoundConfig): void {
  const problem = guardCommand(v.state, command);
  if (problem) {
    v.reject(problem);
    return;
  }
  const round = v.state.round;
  if (command.cmd === 'openBetting') {
    if (!isFinished(round)) v.reject(wrongPhase(command, round));
    else {
      const notReady = tableNotReady(v.state);
      if (notReady) v.reject(notReady);
      else openRound(v, config, 'command', command.durationMs ?? config.bettingMs);
    }
    return;
  }
  if (!round) {
    v.reject(roundError('illegal_phase', `${command.cmd} refused: no round is open`));
    return;
  }
  switch (command.cmd) {
    case 'closeBetting':
      if (underlyingPhase(round) !== 'betting_open') v.reject(wrongPhase(command, round));
      else v.add('round.bettingClosed', { roundId: round.id, at: v.at, by: 'command' });
      return;
    case 'settle':
      if (roundPhase(round) !== 'result') v.reject(wrongPhase(command, round));
      else {
        v.add('round.settled', { roundId: round.id, at: v.at });
        if (config.autoOpen && tableNotReady(v.state) === undefined)
          openRound(v, config, 'auto', config.bettingMs);
      }
      return;
    case 'void': {
      if (isFinished(round)) {
        v.reject(wrongPhase(command, round));
        return;
      }
      const reason = command.reason.trim();
      // The roulette rules check the approver too; their verdict is the one the journal must pass.
      const ruled =
        round.game === 'roulette' && applyRouletteEvent(round.rules, ev.void(v.at, reason, command.user));
      if (ruled && !ruled.ok) v.reject(ruled.error);
      else v.add('round.voided', { roundId: round.id, at: v.at, reason, approver: command.user });
      return;
    }
    case 'respin':
      respin(v, command, round);
      return;
    case 'acceptResult':
      acceptResult(v, command, round);
      return;
    case 'review':
      review(v, command, round);
      return;
  }
}

/** Opens round n + 1: betting for `durationMs` from now. */
export function openRound(v: Verdict, config: RoundConfig, by: 'command' | 'auto', durationMs: number): void {
  const n = v.state.roundsOpened + 1;
  v.add('round.opened', {
    roundId: roundId(config.tableId, n),
    n,
    game: config.game,
    at: v.at,
    closesAt: v.at + durationMs,
    by,
    ...(config.game === 'roulette' ? { layout: config.layout } : {}),
  });
}

/** Baccarat needs a shoe whose burn is done and whose last hand is not over. */
function tableNotReady(state: TableState): RoundError | undefined {
  if (state.game !== 'baccarat') return undefined;
  if (!state.shoe) return roundError('no_shoe', 'no shoe is in the reader: insert a shoe');
  const begun = beginHand(state.shoe.rules);
  return begun.ok ? undefined : roundError(begun.error.code, begun.error.message);
}

function wrongPhase(command: Command, round: RoundRecord | undefined): RoundError {
  if (round?.interruption) {
    return roundError(
      'round_interrupted',
      `${command.cmd} refused: round ${round.id} waits for a floor manager (${round.interruption.reason})`,
    );
  }
  const where = round ? `round ${round.id} is ${roundPhase(round)}` : 'no round is open';
  return roundError('illegal_phase', `${command.cmd} refused: ${where}`);
}
