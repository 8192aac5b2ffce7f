/**
 * Checks a scene plan against what an OBS really has, pure: for every round phase of the game,
 * the desired studio is diffed against OBS's real state and every problem is collected; each
 * camera's scene and source must exist too (a camera's source is what the vision check grabs).
 * Used by `studio-desk obs check` so a technician sees a wrong name before the first round.
 */
import type { ObsConfig } from '../config/schema';
import type { Game } from '../config/table';
import { SCENE_PHASES } from '../config/obs';
import type { PublicTableState } from '../rounds/public-state';
import { NO_AUTO } from './auto-switch';
import { desiredStudio } from './desired';
import { diffStudio } from './diff';
import { NO_OVERRIDES } from './overrides';
import type { RealStudio } from './types';

export function checkPlan(plan: ObsConfig, game: Game, real: RealStudio): string[] {
  const problems = new Set<string>();
  for (const phase of SCENE_PHASES[game]) {
    const table = {
      tableId: 'check',
      game,
      round: { id: 'check', n: 1, phase, betting: null, interruption: null, roulette: null, baccarat: null },
      lastResults: [],
      nextCard: null,
      shoe: null,
    } as unknown as PublicTableState;
    const want = desiredStudio({ table, auto: NO_AUTO, overrides: NO_OVERRIDES, plan });
    for (const p of diffStudio({ ...real, programScene: null }, want).problems) problems.add(p);
  }
  for (const [name, cam] of Object.entries(plan.scenePlan.cameras)) {
    if (!real.scenes.includes(cam.scene))
      problems.add(`camera ${name}: scene "${cam.scene}" does not exist in OBS`);
    else if (cam.source && !real.items.some((i) => i.scene === cam.scene && i.source === cam.source))
      problems.add(`camera ${name}: scene "${cam.scene}" has no source "${cam.source}"`);
  }
  return [...problems];
}
