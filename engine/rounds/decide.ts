/**
 * `decide(state, input)`: the decisions an input leads to, from the state before it. Pure: the same
 * state and input always give the same decisions, which is what lets recovery re-derive the
 * decisions of an input journaled just before a crash instead of applying anything twice.
 */
import type { RoundConfig } from './config';
import type { Decision } from './decisions';
import { decideShoe } from './decide-baccarat';
import { decideCommand } from './decide-commands';
import { decideWheel } from './decide-roulette';
import { decideVerdict, verdictOverdue } from './decide-vision';
import type { RoundError } from './errors';
import { inputName, type RecordedInput } from './inputs';
import { underlyingPhase, type TableState } from './state';
import { Verdict } from './verdict';

export interface Decided {
  readonly decisions: readonly Decision[];
  /** Set when the input was refused (a 'round.rejected' entry is among the decisions). */
  readonly refusal?: RoundError;
}

export function decide(state: TableState, input: RecordedInput, config: RoundConfig): Decided {
  const at = input.source === 'operator' || input.source === 'vision' ? input.at : input.event.at;
  const v = new Verdict(state, inputName(input), at);
  if (input.source === 'operator') decideCommand(v, input.command, config);
  else if (input.source === 'vision') decideVerdict(v, input.verdict);
  else if (input.source === 'wheel' && state.game === 'roulette') decideWheel(v, input.event, config);
  else if (input.source === 'shoe' && state.game === 'baccarat') decideShoe(v, input.event, config);
  return v.refusal ? { decisions: v.decisions, refusal: v.refusal } : { decisions: v.decisions };
}

/**
 * On a timer tick at `now`: betting whose time is up closes (interrupted or not: bets stop on time);
 * a result whose vision verdict is overdue is held for review.
 */
export function decideTimer(state: TableState, now: number): readonly Decision[] {
  const overdue = verdictOverdue(state, now);
  if (overdue) return overdue.decisions;
  const round = state.round;
  if (!round || underlyingPhase(round) !== 'betting_open') return [];
  const closesAt = round.game === 'roulette' ? round.rules.betting?.closesAt : round.betting.closesAt;
  if (closesAt === undefined || now < closesAt) return [];
  return new Verdict(state, 'timer', now).add('round.bettingClosed', {
    roundId: round.id,
    at: now,
    by: 'timer',
  }).decisions;
}
