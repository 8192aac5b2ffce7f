/**
 * Property: with vision on, no sensor result ever becomes final without either an agreeing verdict
 * at or above minConfidence (its readings say so, whatever its status claims) or a floor manager's
 * decision — for any sequence of wheel events, verdicts (any status, labels, confidence, round),
 * reviews and commands from any user, ticks, and restarts. And a round has at most one result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay, resolveConfig, type User } from '../../engine/rounds';
import type { JournalEntry } from '../../engine/journal/types';
import type { VerdictStatus, VisionVerdict } from '../../engine/vision/verdict';
import { wheel } from './support/device-events';
import { duplicatedResults } from './support/record';
import { ROULETTE, Table, type CommandBody } from './support/table';
import { DEALER, FLOOR_MANAGER, TECHNICIAN } from './support/users';

const MIN = 0.9;
const VISION = { ...ROULETTE, vision: { minConfidence: MIN, verdictTimeoutMs: 3000 } };

type Step = (t: Table) => Table;

const user = fc.constantFrom<User>(DEALER, DEALER, FLOOR_MANAGER, TECHNICIAN);
/** 'round': the sensor's own label. */
const label = fc.constantFrom('round', 'round', 'round', '17', '4', 'none', '00', '0', 'x');
const status = fc.constantFrom<VerdictStatus>(
  'agree',
  'agree',
  'disagree',
  'low_confidence',
  'none',
  'no_frame',
  'unavailable',
);

const verdict: fc.Arbitrary<Step> = fc
  .record({
    status,
    labels: fc.oneof({ weight: 4, arbitrary: label.map((l) => [l]) }, fc.array(label, { maxLength: 2 })),
    confidence: fc.constantFrom(0.2, 0.89, 0.9, 0.99, 1),
    ref: fc.constantFrom('current', 'current', 'current', 'other'),
    sensor: fc.constantFrom('round', 'round', 'round', 'wrong'),
  })
  .map((r) => (t: Table) => {
    const round = t.engine.state.round;
    const sensor = r.sensor === 'round' ? [...(round?.verification?.sensor ?? ['17'])] : ['5'];
    const v: VisionVerdict = {
      roundId: r.ref === 'current' ? (round?.id ?? 'RT1-1') : 'RT1-99',
      status: r.status,
      sensor,
      readings: r.labels.map((l) => ({
        label: l === 'round' ? (sensor[0] ?? '') : l,
        confidence: r.confidence,
      })),
      model: null,
      frame: null,
      minConfidence: MIN,
      ms: 1,
      reason: 'property',
    };
    t.engine.handle({ source: 'vision', verdict: v });
    return t;
  });

const command: fc.Arbitrary<Step> = fc
  .record({
    cmd: fc.constantFrom(
      'openBetting',
      'openBetting',
      'closeBetting',
      'settle',
      'void',
      'acceptResult',
      'review',
      'review',
    ),
    decision: fc.constantFrom('accept_sensor', 'accept_camera', 'void'),
    user,
    number: fc.constantFrom(undefined, 17, 4),
  })
  .map((c) => (t: Table) => {
    const roundId = t.engine.state.round?.id ?? null;
    const body = (
      c.cmd === 'openBetting'
        ? { cmd: c.cmd, roundId }
        : {
            cmd: c.cmd,
            roundId: roundId ?? 'RT1-0',
            reason: 'property',
            decision: c.decision,
            ...(c.number === undefined ? {} : { number: c.number }),
          }
    ) as CommandBody;
    t.command(body, c.user);
    return t;
  });

const wheelStep: fc.Arbitrary<Step> = fc.oneof(
  fc.constant((t: Table) => (t.wheel(wheel.launched(t.nextGame(), 'cw')), t)),
  fc.constant((t: Table) => (t.wheel(wheel.noMoreBets('g1')), t)),
  fc.constantFrom(17, 4, 0).map((n) => (t: Table) => (t.wheel(wheel.result('g1', n)), t)),
  fc.constant((t: Table) => (t.wheel(wheel.sensorError('result_missed')), t)),
);

/** A whole spin up to its number, so that many runs reach a result under verification. */
const spin: fc.Arbitrary<Step> = fc.constantFrom(17, 4).map((n) => (t: Table) => {
  t.command({ cmd: 'openBetting', roundId: t.engine.state.round?.id ?? null });
  t.wheel(wheel.launched(t.nextGame(), 'cw'));
  t.wheel(wheel.noMoreBets('g1'));
  t.wheel(wheel.result('g1', n));
  return t;
});

const time: fc.Arbitrary<Step> = fc
  .integer({ min: 0, max: 5000 })
  .map((ms) => (t: Table) => (t.advance(ms).tick(), t));
// Restarts within the check's deadline (the round resumes verifying) and after it (held, recovery).
const restart: fc.Arbitrary<Step> = fc
  .oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 3000, max: 8000 }))
  .map((ms) => (t: Table) => t.reopen(ms));

const steps = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: spin },
    { weight: 3, arbitrary: wheelStep },
    { weight: 4, arbitrary: command },
    { weight: 3, arbitrary: verdict },
    { weight: 2, arbitrary: time },
    { weight: 1, arbitrary: restart },
  ),
  { minLength: 5, maxLength: 60, size: 'large' },
);

/** Why a 'round.result' entry is allowed to exist, or undefined when it is not. */
function justification(entries: readonly JournalEntry[], result: JournalEntry): string | undefined {
  const cause = (result.data as { cause: number | null }).cause;
  if (cause === null) return undefined;
  const input = entries[cause - 1];
  if (!input) return undefined;
  if (input.kind === 'vision.verdict') {
    const v = input.data as VisionVerdict;
    const verifying = [...entries.slice(0, cause - 1)]
      .reverse()
      .find((e) => e.kind === 'round.verifying' && (e.data as { roundId: string }).roundId === v.roundId);
    const sensor = (verifying?.data as { sensor: string[] } | undefined)?.sensor;
    const agrees =
      v.status === 'agree' &&
      sensor !== undefined &&
      v.readings.length === sensor.length &&
      v.readings.every((r, i) => r.label === sensor[i] && r.confidence >= MIN);
    return agrees ? 'agreeing verdict' : undefined;
  }
  const byFloorManager = input.kind.startsWith('command.') && input.actor.role === 'floor_manager';
  if (input.kind === 'command.review' && byFloorManager) {
    const reviewed = entries.find(
      (e) => e.kind === 'round.reviewed' && (e.data as { cause: number }).cause === cause,
    );
    return reviewed ? 'review' : undefined;
  }
  if (input.kind === 'command.acceptResult' && byFloorManager) return 'floor manager entered the number';
  return undefined;
}

describe('vision property', () => {
  it('no result is final without an agreeing verdict ≥ minConfidence or a floor manager', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(steps, (plan) => {
        let t = new Table(VISION);
        for (const step of plan) t = step(t);
        const entries = [...t.journal.entries()];
        for (const result of entries.filter((e) => e.kind === 'round.result')) {
          const why = justification(entries, result);
          expect(why, `result at seq ${result.seq}`).toBeDefined();
          seen.set(why ?? '', (seen.get(why ?? '') ?? 0) + 1);
        }
        for (const held of entries.filter((e) => e.kind === 'round.held')) {
          const code = (held.data as { code: string }).code;
          seen.set(`held ${code}`, (seen.get(`held ${code}`) ?? 0) + 1);
        }
        expect(duplicatedResults(t.journal)).toEqual([]);
        // The state is the fold of the journal (a late reopen would hold a result still being verified).
        expect(replay(t.journal.entries(), resolveConfig(VISION)).state).toEqual(t.engine.state);
      }),
      { numRuns: 300 },
    );
    // The runs reached every path: results by each justification, holds of each kind.
    for (const path of [
      'agreeing verdict',
      'review',
      'held disagree',
      'held low_confidence',
      'held timeout',
      'held recovery',
    ])
      expect(seen.get(path) ?? 0, path).toBeGreaterThan(0);
  });
});
