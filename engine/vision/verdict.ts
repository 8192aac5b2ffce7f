/**
 * The vision check's reading of a round's result (`vision.verdict`, a cross-team contract) and the
 * one pure rule that says whether it confirms the sensor. The check service builds its status
 * with `assessReadings`; the round engine runs the same function again on the verdict as journaled,
 * with its own minimum confidence, so a service bug can never turn a disagreement into a pass.
 */
import type { Reading } from './readings';

export const VERDICT_STATUSES = [
  'agree',
  'disagree',
  'low_confidence',
  'none',
  'no_frame',
  'unavailable',
] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export interface VisionVerdict {
  roundId: string;
  status: VerdictStatus;
  /** Labels the sensor reported, in crop order: ['17'] or ['AS', '10H', …] (baccarat deal order). */
  sensor: string[];
  /** One reading per crop, same order as `sensor`; empty when no frame or no model. */
  readings: Reading[];
  model: { id: string; sha256: string } | null;
  frame: { sha256: string; camera: string; source: string } | null;
  minConfidence: number;
  /** How long the check took, ms (grab + crop + classify). */
  ms: number;
  /** In words: what the camera saw, or why it could not see. */
  reason: string;
  /** Baccarat: the card slot of each crop ('player1', 'banker1', …). */
  slots?: string[];
  /** Where the checked frame image is stored (named by its sha256). */
  framePath?: string;
}

/** The label a vision model gives when a crop shows no card / no ball. */
export const NO_READING = 'none';

export interface Assessment {
  status: VerdictStatus;
  reason: string;
}

/**
 * Whether `readings` confirm `sensor`: every crop read as the sensor's label at `minConfidence` or
 * more. Otherwise the most telling reason to hold: a confident different reading ('disagree'), a
 * confident empty crop ('none'), or too little confidence ('low_confidence').
 */
export function assessReadings(
  sensor: readonly string[],
  readings: readonly Reading[],
  minConfidence: number,
): Assessment {
  if (sensor.length === 0) return { status: 'disagree', reason: 'no sensor reading to compare with' };
  if (readings.length !== sensor.length) {
    return {
      status: 'disagree',
      reason: `${readings.length} camera reading(s) for ${sensor.length} sensor reading(s)`,
    };
  }
  const confident = (r: Reading) => Number.isFinite(r.confidence) && r.confidence >= minConfidence;
  const pct = (c: number) => `${Math.round(c * 1000) / 10}%`;
  const differ: string[] = [];
  const empty: string[] = [];
  const unsure: string[] = [];
  readings.forEach((r, i) => {
    const expected = sensor[i] ?? '';
    if (!confident(r)) unsure.push(`${r.label} at ${pct(r.confidence)} for ${expected}`);
    else if (r.label === NO_READING) empty.push(`no ${expected} seen (${pct(r.confidence)})`);
    else if (r.label !== expected)
      differ.push(`camera ${r.label} (${pct(r.confidence)}), sensor ${expected}`);
  });
  if (differ.length > 0) return { status: 'disagree', reason: differ.join('; ') };
  if (empty.length > 0) return { status: 'none', reason: empty.join('; ') };
  if (unsure.length > 0) {
    return {
      status: 'low_confidence',
      reason: `below ${pct(minConfidence)}: ${unsure.join('; ')}`,
    };
  }
  return {
    status: 'agree',
    reason: `camera reads ${readings.map((r) => `${r.label} (${pct(r.confidence)})`).join(', ')}`,
  };
}

/**
 * The engine's reading of a journaled verdict. It agrees only when the verdict says 'agree' AND its
 * readings confirm the sensor at `minConfidence`; a verdict that does not say 'agree' holds with
 * its own status, one that says it but whose readings do not holds with the recomputed status.
 */
export function assessVerdict(
  verdict: Pick<VisionVerdict, 'status' | 'readings' | 'reason'>,
  sensor: readonly string[],
  minConfidence: number,
): Assessment {
  if (verdict.status !== 'agree') {
    const status = (VERDICT_STATUSES as readonly string[]).includes(verdict.status)
      ? verdict.status
      : 'disagree';
    return { status, reason: String(verdict.reason) };
  }
  if (!Array.isArray(verdict.readings)) return { status: 'disagree', reason: 'the verdict has no readings' };
  return assessReadings(sensor, verdict.readings, minConfidence);
}
