/** The `vision` section: the second reading of each result from the camera. */
import { z } from 'zod';
import { filePath, fraction } from './fields';
import { strictObject } from './strict';

const modelPath = filePath.regex(/\.onnx$/i, { error: 'must be an .onnx model file' });

export const RegionSchema = strictObject({ x: fraction, y: fraction, w: fraction, h: fraction }).superRefine(
  (r, ctx) => {
    // Only a region whose four numbers are each valid is checked as a whole.
    if (![r.x, r.y, r.w, r.h].every((n) => typeof n === 'number' && n >= 0 && n <= 1)) return;
    const eps = 1e-9;
    if (r.w <= 0) ctx.addIssue({ code: 'custom', path: ['w'], message: 'must be more than 0' });
    if (r.h <= 0) ctx.addIssue({ code: 'custom', path: ['h'], message: 'must be more than 0' });
    if (r.x + r.w > 1 + eps)
      ctx.addIssue({
        code: 'custom',
        path: ['w'],
        message: 'x + w must be at most 1 (fractions of the frame)',
      });
    if (r.y + r.h > 1 + eps)
      ctx.addIssue({
        code: 'custom',
        path: ['h'],
        message: 'y + h must be at most 1 (fractions of the frame)',
      });
  },
);

export const VisionSchema = strictObject({
  enabled: z.boolean().default(true),
  /** A reading below this confidence holds the round for review. */
  minConfidence: fraction.default(0.9),
  models: strictObject({ card: modelPath.optional(), roulette: modelPath.optional() }).prefault({}),
  /** Camera → region of interest, in fractions of the frame (0..1). */
  regions: z.record(z.string().min(1).max(64), RegionSchema).default({}),
});
