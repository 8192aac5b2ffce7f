/**
 * The evidence part of an outcome document: what the result was read from, so that anyone holding
 * the outcome can see how it was decided. Every part is either present or explicitly absent with a
 * reason ("vision is off at this table", "no OBS recording for this round"): a missing piece is said,
 * never silently left out, so a reader can tell "not checked" from "lost".
 *
 * The shapes follow the journal entries they are copied from (see the cross-team contracts):
 * `device.wheel.*` / `device.shoe.*` inputs (their `frames`), `vision.verdict`, `round.reviewed`,
 * `studio.timecode`. Each part names the journal seq it was copied from, so an auditor can find it.
 */
import { z } from 'zod';
import { strictObject } from '../config/strict';

const nonEmpty = z.string().min(1, { error: 'must not be empty' });
const journalSeq = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex digits (sha256)' });
/** OBS timecodes as OBS gives them. */
const timecode = z
  .string()
  .regex(/^\d{2,}:[0-5]\d:[0-5]\d\.\d{3}$/, { error: 'must be HH:MM:SS.mmm' })
  .nullable();

export const AbsentSchema = strictObject({ status: z.literal('absent'), reason: nonEmpty });

export const SensorEvidenceSchema = strictObject({
  status: z.literal('present'),
  device: z.enum(['wheel', 'shoe']),
  /** The device as configured and as it introduced itself (model, firmware) when known. */
  deviceId: nonEmpty,
  /** Every device input the round's decisions were caused by, with its frames as received. */
  events: z
    .array(
      strictObject({
        journalSeq,
        kind: nonEmpty,
        frames: z.array(z.string()),
        /** The wheel calibration profile applied to this reading (engine/calibration/apply-profile.ts). */
        calibration: strictObject({
          profile: z.int().min(1),
          directionInverted: z.boolean(),
          pocketOffset: z.int(),
          pocketOffsetApplied: z.literal(false),
          changed: z.record(z.string(), z.enum(['cw', 'ccw'])),
        }).optional(),
      }),
    )
    .min(1, { error: 'at least one sensor event (else the sensor part is absent)' }),
});

export const VisionEvidenceSchema = strictObject({
  status: z.enum(['agree', 'disagree', 'low_confidence', 'none', 'no_frame', 'unavailable']),
  sensor: z.array(z.string()),
  readings: z.array(strictObject({ label: z.string(), confidence: z.number().min(0).max(1) })),
  model: strictObject({ id: nonEmpty, sha256: sha256Hex }).nullable(),
  frame: strictObject({ sha256: sha256Hex, camera: z.string(), source: z.string() }).nullable(),
  minConfidence: z.number().min(0).max(1),
  reason: z.string(),
  journalSeq,
});

export const RecordingEvidenceSchema = strictObject({
  status: z.literal('present'),
  /** One per phase change OBS saw for the round (studio.timecode), in journal order. */
  timecodes: z
    .array(
      strictObject({
        phase: nonEmpty,
        journalSeq,
        recording: strictObject({ active: z.boolean(), timecode, outputPath: z.string().optional() }),
        streaming: strictObject({ active: z.boolean(), timecode }),
      }),
    )
    .min(1),
});

export const ReviewEvidenceSchema = strictObject({
  status: z.literal('reviewed'),
  decision: z.enum(['accept_sensor', 'accept_camera', 'void']),
  reason: z.string(),
  approver: strictObject({ id: nonEmpty, role: nonEmpty }),
  journalSeq,
});

export const EvidenceSchema = strictObject({
  sensor: z.discriminatedUnion('status', [SensorEvidenceSchema, AbsentSchema]),
  vision: z.discriminatedUnion('status', [VisionEvidenceSchema, AbsentSchema]),
  recording: z.discriminatedUnion('status', [RecordingEvidenceSchema, AbsentSchema]),
  review: z.discriminatedUnion('status', [ReviewEvidenceSchema, AbsentSchema]),
  /** The journal entry that made the round final (round.settled / round.voided). */
  journal: strictObject({ finalSeq: journalSeq }),
});

export type Evidence = z.infer<typeof EvidenceSchema>;
export type SensorEvidence = z.infer<typeof SensorEvidenceSchema>;
export type VisionEvidence = z.infer<typeof VisionEvidenceSchema>;
export type RecordingEvidence = z.infer<typeof RecordingEvidenceSchema>;
export type ReviewEvidence = z.infer<typeof ReviewEvidenceSchema>;
export type Absent = z.infer<typeof AbsentSchema>;

export function absent(reason: string): Absent {
  return { status: 'absent', reason };
}
