/**
 * What the round engine needs to know about its table. Validation of the table's config file
 * (zod, field names in messages) happens where the file is read; this is the engine's view of it.
 */
import type { WheelLayout } from '../../hardware/wheel/layout';

export type GameKind = 'roulette' | 'baccarat';

export interface MisspinPolicy {
  /**
   * 'respin': the dealer relaunches after a misspin without asking, up to `maxRespins` times per
   * round; 'floor_manager': every misspin waits for a floor manager (respin or void).
   */
  readonly policy: 'respin' | 'floor_manager';
  readonly maxRespins: number;
}

/**
 * With vision on, a sensor result is not final at once: the round is 'verifying' until the camera
 * confirms it (a 'vision.verdict' input) or a floor manager decides after a hold.
 */
export interface VisionPolicy {
  /** A camera reading below this confidence holds the round for review. */
  readonly minConfidence: number;
  /** No verdict within this many ms of the sensor result: the round is held ('timeout'). */
  readonly verdictTimeoutMs: number;
}

export interface TableConfig {
  readonly tableId: string;
  readonly game: GameKind;
  /** Roulette: the wheel. European when not given. */
  readonly layout?: WheelLayout;
  /** Betting time when a round opens, ms. 15 s when not given. */
  readonly bettingMs?: number;
  /** Open the next round's betting as soon as a round is settled. */
  readonly autoOpen?: boolean;
  readonly misspin?: MisspinPolicy;
  /** Baccarat: decks in a shoe when the shoe does not say. 8 when not given. */
  readonly decks?: number;
  /**
   * Roulette recovery: a ball in play is trusted to still be this spin's ball if the desk was down
   * for at most this long (ms); longer, the round is interrupted. 60 s when not given.
   */
  readonly resumeWindowMs?: number;
  /** How many results the public state keeps. 20 when not given. */
  readonly lastResults?: number;
  /** Timer tick period of `start()`, ms. 200 when not given. */
  readonly tickMs?: number;
  /** The vision check; null or absent: results are final as the sensor reports them. */
  readonly vision?: VisionPolicy | null;
}

export type RoundConfig = Required<TableConfig>;

export const DEFAULT_MISSPIN_POLICY: MisspinPolicy = { policy: 'respin', maxRespins: 2 };

export function resolveConfig(config: TableConfig): RoundConfig {
  return {
    layout: 'european',
    bettingMs: 15_000,
    autoOpen: false,
    misspin: DEFAULT_MISSPIN_POLICY,
    decks: 8,
    resumeWindowMs: 60_000,
    lastResults: 20,
    tickMs: 200,
    vision: null,
    ...withoutUndefined(config),
  };
}

function withoutUndefined(config: TableConfig): TableConfig {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as TableConfig;
}
