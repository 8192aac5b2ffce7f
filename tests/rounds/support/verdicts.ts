/** Vision verdicts as the check service sends them, for engine tests. */
import { assessReadings, type VerdictStatus, type VisionVerdict } from '../../../engine/vision/verdict';

export const MODEL = { id: 'roulette-test-1', sha256: 'a'.repeat(64) };
export const FRAME = { sha256: 'f'.repeat(64), camera: 'wheel', source: 'file:/tmp/frame.png' };

/** A verdict whose camera read `labels` at `confidence` each, for a round whose sensor read `sensor`. */
export function verdict(
  roundId: string,
  sensor: string[],
  labels: string[],
  confidence = 0.99,
  status?: VerdictStatus,
): VisionVerdict {
  const readings = labels.map((label) => ({ label, confidence }));
  const assessed = assessReadings(sensor, readings, 0.9);
  return {
    roundId,
    status: status ?? assessed.status,
    sensor,
    readings,
    model: MODEL,
    frame: FRAME,
    minConfidence: 0.9,
    ms: 12,
    reason: assessed.reason,
    framePath: `/tmp/frames/${FRAME.sha256}.png`,
  };
}

/** A verdict of a check that could not read (no frame, vision unavailable). */
export function blind(roundId: string, sensor: string[], status: 'no_frame' | 'unavailable'): VisionVerdict {
  return {
    roundId,
    status,
    sensor,
    readings: [],
    model: status === 'unavailable' ? null : MODEL,
    frame: null,
    minConfidence: 0.9,
    ms: 2000,
    reason:
      status === 'no_frame' ? 'no frame from camera wheel within 2000 ms' : 'models/roulette.onnx is missing',
  };
}
