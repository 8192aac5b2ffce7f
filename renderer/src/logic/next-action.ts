/**
 * The dealer's one next action, derived from the table's public state and what the user may do.
 * Pure: the dealer view shows it large and runs it on Enter; the engine still guards it.
 */
import type { Action, PublicTableState } from '../../../contract/views';
import type { ParamsOf } from '../../../contract/methods';

export type NextAction =
  | { kind: 'command'; label: string; hint: string; params: ParamsOf<'round.command'>; action: Action }
  | { kind: 'wait'; label: string; hint: string };

export function nextAction(state: PublicTableState | null, actions: readonly Action[]): NextAction {
  if (!state) return { kind: 'wait', label: 'Connecting…', hint: 'waiting for the desk' };
  const round = state.round;
  const offer = (
    action: Action,
    label: string,
    hint: string,
    params: ParamsOf<'round.command'>,
  ): NextAction =>
    actions.includes(action)
      ? { kind: 'command', label, hint, params, action }
      : { kind: 'wait', label, hint: `${hint} (not for your role)` };

  if (state.shoe?.changeRequired)
    return { kind: 'wait', label: 'Change the shoe', hint: 'the cut card came out: insert a new shoe' };
  if (!round || round.phase === 'settled' || round.phase === 'void') {
    if (state.game === 'baccarat' && !state.shoe)
      return { kind: 'wait', label: 'Insert a shoe', hint: 'no shoe in the reader' };
    if (state.shoe?.stage === 'awaiting_burn_card' || state.shoe?.stage === 'burning')
      return {
        kind: 'wait',
        label: 'Burn cards',
        hint: state.nextCard ? `next: ${state.nextCard}` : 'burn in progress',
      };
    return offer(
      'openBetting',
      'Open betting',
      round ? `round ${round.n} is ${round.phase}` : 'no round yet',
      {
        cmd: 'openBetting',
        roundId: round?.id ?? null,
      },
    );
  }
  switch (round.phase) {
    case 'idle':
    case 'betting_open':
      return offer('closeBetting', 'Close betting', `round ${round.n}: betting is open`, {
        cmd: 'closeBetting',
        roundId: round.id,
      });
    case 'no_more_bets':
    case 'spinning':
      return { kind: 'wait', label: 'Ball in play', hint: 'no more bets: waiting for the wheel' };
    case 'dealing':
      return {
        kind: 'wait',
        label: 'Deal',
        hint: state.nextCard ? `next card: ${state.nextCard}` : 'dealing',
      };
    case 'respin_required': {
      const left = round.roulette?.respinsLeft ?? 0;
      return left > 0
        ? {
            kind: 'wait',
            label: 'Misspin: launch again',
            hint: `${left} respin${left === 1 ? '' : 's'} left`,
          }
        : { kind: 'wait', label: 'Misspin limit', hint: 'a floor manager must allow the respin or void' };
    }
    case 'result':
      return offer('settleRound', `Settle ${resultText(state)}`, `round ${round.n}: result in`, {
        cmd: 'settle',
        roundId: round.id,
      });
    case 'interrupted':
      return {
        kind: 'wait',
        label: 'Held for the floor manager',
        hint: round.interruption?.reason ?? 'round interrupted',
      };
    case 'verifying':
      return { kind: 'wait', label: 'Checking the result', hint: 'the camera is confirming the sensor' };
    case 'needs_review':
      return {
        kind: 'wait',
        label: 'Result under review',
        hint: round.vision?.hold?.reason ?? 'held for the floor manager',
      };
    default:
      return { kind: 'wait', label: String(round.phase), hint: '' };
  }
}

export function resultText(state: PublicTableState): string {
  const r = state.round;
  if (r?.roulette && r.roulette.winningNumber !== null) return String(r.roulette.winningNumber);
  if (r?.baccarat?.outcome) return r.baccarat.outcome.winner;
  return '';
}
