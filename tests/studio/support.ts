import { ObsSchema, type ObsConfig } from '../../engine/config/schema';
import type { PublicTableState } from '../../engine/rounds/public-state';
import type { RealStudio } from '../../engine/studio/types';

/** The demo roulette plan, with overlays and auto-switch cues. */
export function demoPlan(extra: Record<string, unknown> = {}): ObsConfig {
  return ObsSchema.parse({
    url: 'ws://127.0.0.1:4455',
    minDwellMs: 1500,
    scenePlan: {
      phases: {
        idle: 'Table Wide',
        betting_open: 'Betting',
        no_more_bets: 'Wheel Close-up',
        spinning: 'Wheel Close-up',
        result: 'Result',
        settled: 'Table Wide',
        void: 'Table Wide',
      },
      cameras: {
        wide: { scene: 'Table Wide' },
        wheel: { scene: 'Wheel Close-up', source: 'Wheel Camera' },
        result: { scene: 'Result' },
      },
      transitions: { default: { name: 'Fade', durationMs: 300 }, phases: { spinning: { name: 'Cut' } } },
    },
    autoSwitch: {
      ballLaunched: { camera: 'wheel', priority: 60 },
      result: { camera: 'result', priority: 80 },
      card: { camera: 'wide', priority: 50 },
    },
    overlays: {
      texts: {
        result: 'Result Text',
        lastResults: 'Last Results',
        roundId: 'Round Id',
        tableStatus: 'Table Status',
      },
      items: [{ scene: 'Wheel Close-up', source: 'No More Bets', phases: ['no_more_bets', 'spinning'] }],
    },
    ...extra,
  });
}

export function realStudio(over: Partial<RealStudio> = {}): RealStudio {
  return {
    scenes: ['Table Wide', 'Betting', 'Wheel Close-up', 'Result'],
    programScene: 'Table Wide',
    previewScene: null,
    studioMode: false,
    transition: { name: 'Fade', durationMs: 300 },
    items: [{ scene: 'Wheel Close-up', source: 'No More Bets', id: 7, enabled: false }],
    texts: { 'Result Text': '', 'Last Results': '', 'Round Id': '', 'Table Status': '' },
    canvasFps: 30,
    ...over,
  };
}

/** A roulette table in a phase, with optional results (most recent first). */
export function table(
  phase: string | null,
  opts: { roundId?: string; results?: number[]; n?: number } = {},
): PublicTableState {
  const roundId = opts.roundId ?? 'r-7';
  const results = (opts.results ?? []).map((number, i) => ({
    roundId: i === 0 && (phase === 'result' || phase === 'settled') ? roundId : `old-${i}`,
    at: 0,
    voided: false,
    game: 'roulette' as const,
    number: number as never,
    manual: false,
    facts: { number, colour: number === 0 ? 'green' : number % 2 ? 'red' : 'black' } as never,
  }));
  return {
    tableId: 't',
    game: 'roulette',
    round: phase
      ? ({
          id: roundId,
          n: opts.n ?? 7,
          phase,
          betting: null,
          interruption: null,
          roulette: null,
          baccarat: null,
        } as never)
      : null,
    lastResults: results,
    nextCard: null,
    shoe: null,
  };
}
