/**
 * Rebuilding a table from its journal after a restart (or a `kill -9`).
 *
 * - The state is the fold of every entry (`evolve`), exactly as the live engine built it.
 * - The journal may end with an input whose decisions were never written (the desk died between
 *   the two appends). Decisions are a pure function of the state before the input and the input, so
 *   they are re-derived and journaled now; nothing is applied twice, nothing is lost.
 * - A round in progress resumes in its phase: betting open (closed on the first tick if its time ran
 *   out while the desk was down), no more bets, spinning (waiting for the wheel), respin required,
 *   result (waiting for settlement), a baccarat hand being dealt (the shoe's card numbers show any
 *   card drawn while the desk was down: a gap holds the hand), or interrupted (still waiting for the
 *   floor manager).
 * - It is interrupted ('recovery') only when it cannot be resumed safely: a roulette round with a
 *   ball in play (launched, no number yet) whose journal stops more than `resumeWindowMs` before the
 *   restart. By then the ball has landed and the wheel may have spun again, so a number the wheel
 *   reports now cannot be trusted to be this round's. The floor manager voids it or enters the
 *   number. (Within the window the ball may still be in the track, and the wheel's next gameStart or
 *   result_missed interrupts the round if its number was in fact lost.)
 * - A result the vision check was verifying resumes `verifying` when the desk is back before the
 *   check's deadline: the desk's check runs again on a frame grabbed now (no new spin or hand fits
 *   in that time). Back after the deadline, it is held for review ('recovery', the reason says how
 *   long after the result): the camera may no longer show it. See `verificationAfterRestart`.
 */
import type { JournalEntry } from '../journal/types';
import type { RoundConfig } from './config';
import type { Decision } from './decisions';
import { evolve } from './evolve';
import { inputFromEntry, isInputKind, type RecordedInput } from './inputs';
import { ballInPlay, initialState, type TableState } from './state';
import { Verdict } from './verdict';
import { verificationAfterRestart } from './decide-vision';

export interface Replayed {
  readonly state: TableState;
  /** Seq of the last 'round.verifying' entry, if any. */
  readonly verifyingSeq: number | undefined;
  /** The state before the last entry. */
  readonly before: TableState;
  readonly last: JournalEntry | undefined;
  readonly entries: number;
}

export function replay(entries: Iterable<JournalEntry>, config: RoundConfig): Replayed {
  let state = initialState(config);
  let before = state;
  let last: JournalEntry | undefined;
  let count = 0;
  let verifyingSeq: number | undefined;
  for (const entry of entries) {
    before = state;
    state = evolve(state, entry);
    last = entry;
    count++;
    if (entry.kind === 'round.verifying') verifyingSeq = entry.seq;
  }
  return { state, before, last, entries: count, verifyingSeq };
}

/** The input at the end of the journal whose decisions were never written, if any. */
export function undecidedInput(replayed: Replayed): RecordedInput | undefined {
  const last = replayed.last;
  return last && isInputKind(last.kind) ? inputFromEntry(last) : undefined;
}

/** The interruption a round that cannot be resumed safely gets on restart at `now` (see above). */
export function resumeDecisions(
  state: TableState,
  lastAt: number | undefined,
  now: number,
  config: RoundConfig,
): readonly Decision[] {
  const restartedMidCheck = verificationAfterRestart(state, now);
  if (restartedMidCheck) return restartedMidCheck.decisions;
  const round = state.round;
  if (!ballInPlay(round) || round.interruption || lastAt === undefined) return [];
  const downMs = now - lastAt;
  if (downMs <= config.resumeWindowMs) return [];
  return new Verdict(state, 'recovery', now).add('round.interrupted', {
    roundId: round.id,
    at: now,
    code: 'recovery',
    reason: `the desk was down for ${Math.round(downMs / 1000)} s with the ball in play: enter the number or void`,
  }).decisions;
}
