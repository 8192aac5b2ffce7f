/**
 * The `obs` section: the obs-websocket connection (its password named by environment variable, never
 * written here) and the scene plan the director follows.
 */
import { z } from 'zod';
import type { RoulettePhase } from '../games/roulette/round-state';
import { envName, wsUrl } from './fields';
import { strictObject } from './strict';
import type { Game } from './table';

const ROULETTE_PHASES = [
  'idle',
  'betting_open',
  'no_more_bets',
  'spinning',
  'respin_required',
  'result',
  'settled',
  'void',
] as const satisfies readonly RoulettePhase[];
type MissingRoulettePhase = Exclude<RoulettePhase, (typeof ROULETTE_PHASES)[number]>;
const _everyRoulettePhase: [MissingRoulettePhase] extends [never] ? true : false = true;

/**
 * Phases the round engine adds to every game: a result under the camera's check, a result held for
 * review, a round cut by a crash.
 */
const ENGINE_PHASES = ['verifying', 'needs_review', 'interrupted'] as const;
const CARD_PHASES = [
  'idle',
  'betting_open',
  'no_more_bets',
  'dealing',
  'result',
  'settled',
  'void',
  'shoe_change',
] as const;

/** The round phases a scene plan may name, per game. */
export const SCENE_PHASES: Readonly<Record<Game, readonly string[]>> = {
  roulette: [...ROULETTE_PHASES, ...ENGINE_PHASES],
  baccarat: [...CARD_PHASES, ...ENGINE_PHASES],
  blackjack: [...CARD_PHASES, ...ENGINE_PHASES],
};

const sceneName = z.string().min(1).max(256);

export const TransitionSchema = strictObject({
  /** The OBS transition's name: 'Cut', 'Fade', 'Stinger'... */
  name: z.string().min(1).max(256),
  durationMs: z.number().int().min(0).max(10_000).optional(),
});

export const CameraSchema = strictObject({
  scene: sceneName,
  /** A source inside the scene (shown alone, or grabbed for the vision check). */
  source: z.string().min(1).max(256).optional(),
});

export const ScenePlanSchema = strictObject({
  /** Round phase → scene. A phase not listed keeps the scene on air. */
  phases: z
    .record(z.string(), sceneName)
    .refine((m) => Object.keys(m).length > 0, { error: 'give at least one phase → scene' }),
  /** Camera name (what the operator picks) → scene or source. */
  cameras: z.record(z.string().min(1).max(64), CameraSchema).default({}),
  transitions: strictObject({
    default: TransitionSchema.optional(),
    phases: z.record(z.string(), TransitionSchema).optional(),
  }).optional(),
});

/** Sensor events the automatic director reacts to (ball launched → wheel close-up, …). */
export const CUE_EVENTS = ['ballLaunched', 'noMoreBets', 'result', 'misspin', 'card'] as const;
export type CueEvent = (typeof CUE_EVENTS)[number];

export const CueSchema = strictObject({
  /** A camera of scenePlan.cameras. */
  camera: z.string().min(1).max(64),
  /** A cue of higher priority cuts through the dwell time of the scene on air; 0..100. */
  priority: z.number().int().min(0).max(100).default(50),
});

export const OverlayItemSchema = strictObject({
  /** The scene that holds the item, and the item's source name ("No More Bets" banner). */
  scene: sceneName,
  source: z.string().min(1).max(256),
  /** Round phases during which it is shown; hidden in every other phase. */
  phases: z.array(z.string().min(1)).min(1),
});

export const OverlaysSchema = strictObject({
  /** Text inputs (text_ft2_source, text_gdiplus) the director writes; each optional. */
  texts: strictObject({
    result: z.string().min(1).max(256).optional(),
    lastResults: z.string().min(1).max(256).optional(),
    roundId: z.string().min(1).max(256).optional(),
    tableStatus: z.string().min(1).max(256).optional(),
  }).default({}),
  /** How many results the last-results text shows. */
  lastResultsCount: z.number().int().min(1).max(50).default(10),
  items: z.array(OverlayItemSchema).default([]),
});

export const HealthSchema = strictObject({
  /** GetStats / GetStreamStatus / GetRecordStatus every this many ms. */
  pollMs: z.number().int().min(250).max(60_000).default(2000),
  /** Below this OBS is not rendering in time; default 90 % of the canvas fps OBS reports. */
  minActiveFps: z.number().min(1).max(240).optional(),
  /** Share of frames skipped (render or output) over one poll interval, in percent. */
  maxSkippedFramesPct: z.number().min(0).max(100).default(1),
  maxCpuPct: z.number().min(1).max(100).default(80),
  maxMemoryMb: z.number().int().min(64).max(65_536).default(2048),
  /** Raise an alarm while OBS is not recording / not streaming. */
  requireRecording: z.boolean().default(false),
  requireStreaming: z.boolean().default(false),
});

const OBS_PASSWORD_HINT =
  'secrets never go in the table file: put the OBS password in an environment variable and give its name as passwordEnv';

export const ObsSchema = strictObject(
  {
    url: wsUrl,
    /** Name of the environment variable that holds the obs-websocket password; none when auth is off. */
    passwordEnv: envName.optional(),
    scenePlan: ScenePlanSchema,
    /** The automatic director keeps a scene on air at least this long. */
    minDwellMs: z.number().int().min(0).max(60_000).default(1500),
    /** Sensor event → camera the automatic director cuts to. */
    autoSwitch: z.partialRecord(z.enum(CUE_EVENTS), CueSchema).default({}),
    /** Keep OBS in studio mode (preview/program): the operator previews, then takes. */
    studioMode: z.boolean().default(false),
    overlays: OverlaysSchema.default({ texts: {}, lastResultsCount: 10, items: [] }),
    health: HealthSchema.default({
      pollMs: 2000,
      maxSkippedFramesPct: 1,
      maxCpuPct: 80,
      maxMemoryMb: 2048,
      requireRecording: false,
      requireStreaming: false,
    }),
    /** Every request to OBS is answered within this or rejected. */
    requestTimeoutMs: z.number().int().min(50).max(60_000).default(3000),
    /** A heartbeat request this often; a missed one drops and reopens the connection. */
    heartbeatMs: z.number().int().min(250).max(60_000).default(2000),
  },
  { password: OBS_PASSWORD_HINT },
).superRefine((obs, ctx) => {
  const cameras = Object.keys(obs.scenePlan.cameras);
  for (const [event, cue] of Object.entries(obs.autoSwitch))
    if (cue && !cameras.includes(cue.camera))
      ctx.addIssue({
        code: 'custom',
        path: ['autoSwitch', event, 'camera'],
        message: `not a camera of scenePlan.cameras (known: ${cameras.join(', ') || 'none'})`,
      });
  const allPhases = new Set(Object.values(SCENE_PHASES).flat());
  obs.overlays.items.forEach((item, i) =>
    item.phases.forEach((p, j) => {
      if (!allPhases.has(p))
        ctx.addIssue({
          code: 'custom',
          path: ['overlays', 'items', i, 'phases', j],
          message: `not a round phase (known: ${[...allPhases].join(', ')})`,
        });
    }),
  );
});
