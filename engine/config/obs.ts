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

/** Phases the round engine adds to every game: a result held for review, a round cut by a crash. */
const ENGINE_PHASES = ['needs_review', 'interrupted'] as const;
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
  },
  { password: OBS_PASSWORD_HINT },
);
