/**
 * The configuration of one table, as zod schemas. Every object is strict (an unknown key is an
 * error at its own path, with the nearest known key), every problem of a file is reported at once,
 * and rules across sections (a roulette table needs a wheel) are checked in `cross-checks.ts`.
 *
 * Conventions:
 * - Secrets never go in the file: OBS and webhook secrets are named by environment variable
 *   (`passwordEnv`, `secretEnv`); users carry only scrypt hashes made by `studio-desk users add`.
 * - Relative paths (journal, models, signing keys) are relative to the desk's working directory.
 * - After parsing, `rules` holds every game's section with its defaults, and `journal.path` is set.
 */
import { z } from 'zod';
import { DEFAULT_DECKS } from '../games/baccarat/shoe';
import { crossFieldChecks } from './cross-checks';
import { DevicesSchema, type ShoeDeviceSchema, type SerialSchema, type WheelDeviceSchema } from './devices';
import { always, filePath, hostName } from './fields';
import { ObsSchema, type ScenePlanSchema } from './obs';
import { PlatformSchema } from './platform';
import {
  BACCARAT_DEFAULTS,
  BLACKJACK_DEFAULTS,
  ROULETTE_DEFAULTS,
  RulesSchema,
  type BlackjackRulesSchema,
  type RouletteRulesSchema,
} from './rules';
import { strictObject } from './strict';
import { TableSchema } from './table';
import { UsersSchema, type UserSchema } from './users';
import { VisionSchema, type RegionSchema } from './vision';

export { GAMES, isGame, TableSchema, type Game } from './table';
export { DevicesSchema, SerialSchema, ShoeDeviceSchema, WheelDeviceSchema } from './devices';
export {
  BaccaratRulesSchema,
  BlackjackRulesSchema,
  MIN_CUT_CARD_DEPTH,
  RouletteRulesSchema,
  RulesSchema,
} from './rules';
export { CameraSchema, ObsSchema, SCENE_PHASES, ScenePlanSchema, TransitionSchema } from './obs';
export { RegionSchema, VisionSchema } from './vision';
export { PlatformSchema } from './platform';
export { UserSchema, UsersSchema } from './users';

export const JournalSchema = strictObject({
  /** Default `./var/<table id>/journal.sqlite`. */
  path: filePath.optional(),
});

export const ServerSchema = strictObject({
  host: hostName.default('127.0.0.1'),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(7700),
});

const TableFileSchema = strictObject({
  table: TableSchema,
  devices: DevicesSchema,
  rules: RulesSchema.optional(),
  obs: ObsSchema.optional(),
  vision: VisionSchema.optional(),
  platform: PlatformSchema.optional(),
  journal: JournalSchema.optional(),
  users: UsersSchema,
  /** The browser view; none when absent. */
  server: ServerSchema.optional(),
});

export const TableConfigSchema = TableFileSchema.superRefine(crossFieldChecks, always).transform((c) => {
  const decks = c.devices.shoe?.decks ?? c.rules?.baccarat?.decks ?? DEFAULT_DECKS;
  return {
    ...c,
    rules: {
      roulette: c.rules?.roulette ?? { ...ROULETTE_DEFAULTS },
      baccarat: { ...(c.rules?.baccarat ?? BACCARAT_DEFAULTS), decks },
      blackjack: c.rules?.blackjack ?? { ...BLACKJACK_DEFAULTS },
    },
    journal: { path: c.journal?.path ?? defaultJournalPath(c.table.id) },
  };
});

export function defaultJournalPath(tableId: string): string {
  return `./var/${tableId}/journal.sqlite`;
}

/** A table configuration as written in the file (defaults not applied). */
export type TableConfigInput = z.input<typeof TableConfigSchema>;
/** A validated table configuration, defaults applied. */
export type TableConfig = z.output<typeof TableConfigSchema>;
export type TableInfo = TableConfig['table'];
export type WheelDeviceConfig = z.output<typeof WheelDeviceSchema>;
export type ShoeDeviceConfig = z.output<typeof ShoeDeviceSchema>;
export type SerialConfig = z.output<typeof SerialSchema>;
export type RouletteRules = z.output<typeof RouletteRulesSchema>;
export type BaccaratRules = TableConfig['rules']['baccarat'];
export type BlackjackRules = z.output<typeof BlackjackRulesSchema>;
export type ObsConfig = z.output<typeof ObsSchema>;
export type ScenePlan = z.output<typeof ScenePlanSchema>;
export type VisionConfig = z.output<typeof VisionSchema>;
export type Region = z.output<typeof RegionSchema>;
export type PlatformConfig = z.output<typeof PlatformSchema>;
export type UserConfig = z.output<typeof UserSchema>;
export type ServerConfig = z.output<typeof ServerSchema>;
