/**
 * The vision check in the round engine (pure). A sensor result starts a verification; the check's
 * verdict (a 'vision.verdict' input) either makes it final — only when the engine's own reading of
 * the verdict agrees at the policy's confidence — or holds it for a floor manager, as do a verdict
 * that never comes (timeout) and a restart mid-check after its deadline (recovery). No other path
 * makes it final.
 */
import type { WheelNumber } from '../../hardware/wheel/layout';
import type { BaccaratHand, BaccaratOutcome } from '../games/baccarat';
import { assessVerdict, type VisionVerdict } from '../vision/verdict';
import type { VisionPolicy } from './config';
import type { DecisionDataMap } from './decisions';
import { roundError } from './errors';
import { isFinished, type RoundRecord, type TableState } from './state';
import { handLabels, handSlots, type HoldCode, type Verification } from './verification';
import { Verdict } from './verdict';

type SensorResult = { number: WheelNumber } | { hand: BaccaratHand; outcome: BaccaratOutcome };

/** Instead of 'round.result': the sensor's result waits for the camera. */
export function startVerification(
  v: Verdict,
  policy: VisionPolicy,
  roundId: string,
  at: number,
  result: SensorResult,
): void {
  const common = {
    roundId,
    at,
    deadline: at + policy.verdictTimeoutMs,
    minConfidence: policy.minConfidence,
  };
  if ('number' in result) {
    v.add('round.verifying', {
      ...common,
      sensor: [String(result.number)],
      slots: ['pocket'],
      number: result.number,
    });
  } else {
    v.add('round.verifying', {
      ...common,
      sensor: handLabels(result.hand),
      slots: handSlots(result.hand),
      outcome: result.outcome,
    });
  }
}

/** A verdict: final on agreement, else held with both readings. Any other verdict is refused. */
export function decideVerdict(v: Verdict, verdict: VisionVerdict): void {
  const round = v.state.round;
  const about = typeof verdict.roundId === 'string' ? verdict.roundId : String(verdict.roundId);
  if (!round || isFinished(round) || round.id !== about) {
    v.reject(
      roundError(
        'unexpected_verdict',
        `vision verdict for ${about} refused: the table is at ${round?.id ?? 'no round'}`,
      ),
    );
    return;
  }
  const ver = round.verification;
  if (!ver || ver.hold) {
    const why = ver?.hold ? 'its result is already held for review' : 'no result of it is being verified';
    v.reject(roundError('unexpected_verdict', `vision verdict for ${about} refused: ${why}`));
    return;
  }
  const camera = {
    readings: Array.isArray(verdict.readings) ? verdict.readings : [],
    model: verdict.model ?? null,
    frame: verdict.frame ?? null,
    ...(typeof verdict.framePath === 'string' ? { framePath: verdict.framePath } : {}),
  };
  if (!sameLabels(verdict.sensor, ver.sensor)) {
    const reason = `the verdict read the sensor as ${String(verdict.sensor)}, the round's is ${ver.sensor.join(' ')}`;
    v.reject(roundError('unexpected_verdict', `vision verdict for ${about} refused: ${reason}`));
    hold(v, round, 'invalid_verdict', reason, { ...camera, readings: [] });
    return;
  }
  const assessed = assessVerdict(verdict, ver.sensor, ver.minConfidence);
  if (assessed.status === 'agree') {
    final(v, round, ver);
    return;
  }
  hold(v, round, assessed.status, assessed.reason, camera);
}

/** Timer: a result whose verdict is overdue is held. */
export function verdictOverdue(state: TableState, now: number): Verdict | undefined {
  const round = state.round;
  const ver = round?.verification;
  if (!round || !ver || ver.hold || round.interruption || now < ver.deadline) return undefined;
  const v = new Verdict(state, 'timer', now);
  hold(
    v,
    round,
    'timeout',
    `no vision verdict within ${Math.round((ver.deadline - ver.since) / 100) / 10} s of the result`,
    {
      readings: [],
      model: null,
      frame: null,
    },
  );
  return v;
}

/**
 * Recovery of a result the desk was verifying when it stopped.
 *
 * - Restarted before the check's deadline: nothing is decided here. The round stays `verifying`
 *   and the desk's check is run again (`TableEngine.pendingVerification`, asked by `VisionCheck`
 *   when it starts) on a frame grabbed now. Within the deadline (10 s by default) the ball is
 *   still in its pocket and the cards are still on the table: no new spin or hand can have been
 *   played in that time, so the frame shows this result. A frame that cannot be grabbed is a
 *   `no_frame` verdict (held, reason names the camera); no verdict by the deadline is `timeout`.
 *   Only a verdict makes it final, and a second verdict is refused, so it is never final twice.
 * - Restarted after the deadline: held ('recovery'), the reason says how long after the result.
 *   By then the camera may no longer show it, so the check is not re-run on a frame that may be
 *   of another spin or hand.
 */
export function verificationAfterRestart(state: TableState, now: number): Verdict | undefined {
  const round = state.round;
  const ver = round?.verification;
  if (!round || !ver || ver.hold || now < ver.deadline) return undefined;
  const v = new Verdict(state, 'recovery', now);
  const after = Math.round((now - ver.since) / 100) / 10;
  const limit = Math.round((ver.deadline - ver.since) / 100) / 10;
  const reason =
    `the desk restarted ${after} s after the result, past the check's ${limit} s: ` +
    'the camera may no longer show this result, so it is not checked again';
  hold(v, round, 'recovery', reason, {
    readings: [],
    model: null,
    frame: null,
  });
  return v;
}

/** The result as the sensor gave it (an agreeing verdict, or a floor manager accepting the sensor). */
export function final(
  v: Verdict,
  round: RoundRecord,
  ver: Verification,
  by: 'vision' | 'sensor' = 'vision',
): void {
  if (ver.number !== undefined) {
    v.add('round.result', { roundId: round.id, at: v.at, number: ver.number, verifiedBy: by });
  } else if (ver.outcome !== undefined) {
    v.add('round.result', { roundId: round.id, at: v.at, outcome: ver.outcome, verifiedBy: by });
  }
}

function hold(
  v: Verdict,
  round: RoundRecord,
  code: HoldCode,
  reason: string,
  camera: Pick<DecisionDataMap['round.held'], 'readings' | 'model' | 'frame' | 'framePath'>,
): void {
  v.add('round.held', { roundId: round.id, at: v.at, code, reason, ...camera });
}

function sameLabels(a: unknown, b: readonly string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}
