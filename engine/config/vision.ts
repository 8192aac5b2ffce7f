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

/** The card positions of a baccarat hand, in deal order (a hand uses the first four and any thirds). */
export const CARD_SLOTS = ['player1', 'banker1', 'player2', 'banker2', 'player3', 'banker3'] as const;
export type CardSlot = (typeof CARD_SLOTS)[number];

const cameraName = z.string().min(1).max(64);
const ms = (max: number) => z.number().int().min(50).max(max);

/**
 * Where the check's frames come from: OBS (a screenshot of the camera's source in
 * obs.scenePlan.cameras), one image file, a folder of images (replays and tests: taken in name
 * order), or the simulated camera (demo and HIL: draws the sensor's result from sample images,
 * sometimes a wrong one).
 */
export const FrameSourceSchema = z.discriminatedUnion('source', [
  strictObject({ source: z.literal('obs') }),
  strictObject({ source: z.literal('file'), path: filePath }),
  strictObject({
    source: z.literal('folder'),
    path: filePath,
    /** After the last file: start again from the first (replays), or give no more frames. */
    loop: z.boolean().default(true),
  }),
  strictObject({
    source: z.literal('simulated'),
    /** Folder of `<model>/<label>.png` sample crops. */
    samples: filePath.default('models/samples'),
    /** Share of results drawn with a wrong label (0..1), to demonstrate a floor manager's review. */
    disagreeRate: fraction.default(0),
    /** Seed of the disagreement draw (repeatable demos and tests). */
    seed: z.number().int().optional(),
  }),
]);

const CardSlotsSchema = strictObject({
  player1: RegionSchema,
  banker1: RegionSchema,
  player2: RegionSchema,
  banker2: RegionSchema,
  player3: RegionSchema,
  banker3: RegionSchema,
});

export const VisionSchema = strictObject({
  enabled: z.boolean().default(true),
  /** A reading below this confidence holds the round for review. */
  minConfidence: fraction.default(0.9),
  models: strictObject({ card: modelPath.optional(), roulette: modelPath.optional() }).prefault({}),
  /** The camera whose frame is checked; the only camera of `regions` when not given. */
  camera: cameraName.optional(),
  /** Camera → region of interest, in fractions of the frame (0..1): roulette, the winning pocket. */
  regions: z.record(cameraName, RegionSchema).default({}),
  /** Baccarat: one region per card position on the check's camera, in fractions of the frame. */
  cardSlots: CardSlotsSchema.optional(),
  frames: FrameSourceSchema.prefault({ source: 'obs' }),
  /** Wait this long after the sensor's result before grabbing (the ball settles, the last card is turned). */
  grabDelayMs: z.number().int().min(0).max(5000).default(0),
  /** A frame not grabbed within this time: the verdict is 'no_frame'. */
  frameTimeoutMs: ms(30_000).default(2000),
  /** The classifier not answering within this time: the verdict is 'unavailable'. */
  classifyTimeoutMs: ms(30_000).default(3000),
  /** The round engine holds a result whose verdict has not come within this time. */
  verdictTimeoutMs: ms(120_000).default(10_000),
  /** Where checked frames are kept (named by sha256); `<journal folder>/frames` when not given. */
  framesDir: filePath.optional(),
}).superRefine((v, ctx) => {
  // The check's worst case (grab, wait for loading models, classify) must end before the engine
  // gives up on its verdict, or a slow but honest check would always be a 'timeout'.
  const worst = v.grabDelayMs + v.frameTimeoutMs + 2 * v.classifyTimeoutMs;
  const numbers = [v.grabDelayMs, v.frameTimeoutMs, v.classifyTimeoutMs, v.verdictTimeoutMs];
  if (numbers.every(Number.isFinite) && v.verdictTimeoutMs <= worst)
    ctx.addIssue({
      code: 'custom',
      path: ['verdictTimeoutMs'],
      message: `must be more than grabDelayMs + frameTimeoutMs + 2 × classifyTimeoutMs (${worst} ms), the check's own worst case`,
    });
});
