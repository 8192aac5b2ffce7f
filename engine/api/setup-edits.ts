/**
 * The technician's set-up editors: the OBS scene plan (checked against OBS's real scene list) and
 * the vision regions. A save is journaled as the next version (`config.scenePlan.saved`,
 * `config.visionRegions.saved`, actor = the technician) and takes effect on the running desk
 * (engine/desk/setup-in-force.ts): the director replans to it, the vision check crops with it; at
 * start the latest version in force is read back from the journal. A revert journals a version
 * with `plan: null` / `regions: null`: the table file's is in force again.
 *
 * A plan that names what OBS lacks, or that could not be checked (OBS not connected), is never
 * applied: it is refused as `needs_confirmation` and, confirmed, kept as a record only
 * (`applied: false`), with the plan in force unchanged.
 */
import type { ScenePlanShape, ScenePlanView } from '../../contract/views';
import type { ObsConfig, TableConfig } from '../config/schema';
import { SCENE_PHASES } from '../config/obs';
import type { Journal, JournalEntry } from '../journal/types';
import {
  SCENE_PLAN_SAVED,
  VISION_REGIONS_SAVED,
  type SavedVersion,
  type SetupInForce,
} from '../desk/setup-in-force';
import { checkPlan } from '../studio/plan-check';
import type { RealStudio } from '../studio/types';
import { checkPlan as checkVisionPlan } from '../vision/check/plan';

export { SCENE_PLAN_SAVED, VISION_REGIONS_SAVED };

type ScenePlan = ObsConfig['scenePlan'];
type Region = { x: number; y: number; w: number; h: number };
type User = { id: string; role: string };

/** What the editor needs of the OBS director (engine/studio/director.ts). */
export interface SceneSource {
  studioFor(scenePlan: ScenePlan): Promise<RealStudio | null>;
  status(): { reason: string };
}

export interface SavedRecord<T> {
  version: number;
  at: number;
  by: string;
  seq: number;
  value: T;
}

/** The latest entry of a kind (one pass over the journal), or null. */
function latest<T>(journal: Journal, kind: string, field: string): SavedRecord<T> | null {
  let found: JournalEntry | undefined;
  for (const e of journal.entries() as Iterable<JournalEntry>) if (e.kind === kind) found = e;
  if (!found) return null;
  const d = found.data as Record<string, unknown> & { version: number };
  return { version: d.version, at: found.at, by: found.actor.id, seq: found.seq, value: d[field] as T };
}

export function latestScenePlan(journal: Journal): SavedRecord<ScenePlan> | null {
  return latest<ScenePlan>(journal, SCENE_PLAN_SAVED, 'plan');
}

export function latestVisionRegions(journal: Journal): SavedRecord<Record<string, Region>> | null {
  return latest<Record<string, Region>>(journal, VISION_REGIONS_SAVED, 'regions');
}

export type EditRefusal = {
  ok: false;
  code: 'invalid_request' | 'unavailable' | 'needs_confirmation';
  message: string;
};

/** What the schema cannot see: phase names of this game, the cameras the automatic cues need. */
export function planRuleProblems(config: TableConfig, plan: ScenePlan): string[] {
  const phases = SCENE_PHASES[config.table.game];
  const out: string[] = [];
  const keys = [
    ...Object.keys(plan.phases).map((k) => ['phases', k] as const),
    ...Object.keys(plan.transitions?.phases ?? {}).map((k) => ['transitions.phases', k] as const),
  ];
  for (const [where, k] of keys)
    if (!phases.includes(k)) out.push(`${where}.${k}: not a ${config.table.game} round phase`);
  for (const [event, cue] of Object.entries(config.obs?.autoSwitch ?? {}))
    if (cue && !plan.cameras[cue.camera])
      out.push(`cameras: the automatic cue ${event} needs camera "${cue.camera}"`);
  return out;
}

async function realFor(
  source: SceneSource | undefined,
  plan: ScenePlan,
): Promise<{ real: RealStudio | null; reason: string }> {
  if (!source) return { real: null, reason: 'no OBS director on this desk: the plan cannot be checked' };
  try {
    const real = await source.studioFor(plan);
    return real
      ? { real, reason: '' }
      : { real: null, reason: `OBS not connected (${source.status().reason}): the plan cannot be checked` };
  } catch (e) {
    return { real: null, reason: `could not read OBS's scenes: ${(e as Error).message}` };
  }
}

export async function scenePlanView(
  config: TableConfig,
  journal: Journal,
  source: SceneSource | undefined,
  candidate?: ScenePlan,
  setup?: SetupInForce,
  director?: { scenePlan(): ScenePlan },
): Promise<ScenePlanView | EditRefusal> {
  if (!config.obs) return { ok: false, code: 'unavailable', message: 'the table has no obs section' };
  const saved = latestScenePlan(journal);
  const inForce = director?.scenePlan() ?? config.obs.scenePlan;
  const plan = candidate ?? saved?.value ?? inForce;
  const { real, reason } = await realFor(source, plan);
  const problems = [
    ...planRuleProblems(config, plan),
    ...(real ? checkPlan({ ...config.obs, scenePlan: plan }, config.table.game, real) : []),
  ];
  return {
    game: config.table.game,
    phases: [...SCENE_PHASES[config.table.game]],
    plan: plan as ScenePlanShape,
    inForce: inForce as ScenePlanShape,
    inForceVersion: setup?.scenePlanInForce() ?? {
      version: 0,
      source: 'file',
      by: null,
      savedAt: null,
      since: 0,
      pending: null,
    },
    version: saved?.version ?? 0,
    savedAt: saved?.at ?? null,
    savedBy: saved?.by ?? null,
    cueCameras: [...new Set(Object.values(config.obs.autoSwitch).flatMap((c) => (c ? [c.camera] : [])))],
    real: real
      ? {
          scenes: [...real.scenes],
          sources: real.items.map((i) => ({ scene: i.scene, source: i.source })),
          programScene: real.programScene,
        }
      : null,
    realReason: reason,
    problems,
  };
}

export async function saveScenePlan(
  config: TableConfig,
  journal: Journal,
  source: SceneSource | undefined,
  user: User,
  plan: ScenePlan,
  confirm: boolean,
  setup?: SetupInForce,
): Promise<
  | {
      ok: true;
      version: number;
      seq: number;
      problems: string[];
      applied: 'applied' | 'pending' | 'not_applied';
    }
  | EditRefusal
> {
  if (!config.obs) return { ok: false, code: 'unavailable', message: 'the table has no obs section' };
  const rules = planRuleProblems(config, plan);
  if (rules.length) return { ok: false, code: 'invalid_request', message: rules.join('; ') };
  const { real, reason } = await realFor(source, plan);
  const problems = real ? checkPlan({ ...config.obs, scenePlan: plan }, config.table.game, real) : [];
  if (!confirm && (!real || problems.length))
    return {
      ok: false,
      code: 'needs_confirmation',
      message: real
        ? `the plan names what OBS lacks: ${problems.join('; ')}; it cannot be applied (save anyway keeps it as a record, not in force)`
        : `${reason}; it cannot be applied unchecked (save anyway keeps it as a record, not in force)`,
    };
  const version = (latestScenePlan(journal)?.version ?? 0) + 1;
  const applicable = real !== null && problems.length === 0;
  const e = journal.append({
    kind: SCENE_PLAN_SAVED,
    actor: user as never,
    data: { version, plan, problems, checked: real !== null, confirmed: confirm, applied: applicable },
  });
  const applied = applicable && setup ? setup.applyScenePlan(savedOf(e, plan, true)) : 'no_director';
  return {
    ok: true,
    version,
    seq: e.seq,
    problems,
    applied: applied === 'no_director' ? 'not_applied' : applied,
  };
}

function savedOf<T>(e: JournalEntry, value: T | null, applied: boolean): SavedVersion<T> {
  const version = (e.data as { version: number }).version;
  return { version, at: e.at, by: e.actor.id, seq: e.seq, value, applied };
}

/** Back to the table file's plan: a version with `plan: null`, applied like a save. */
export function revertScenePlan(
  config: TableConfig,
  journal: Journal,
  user: User,
  setup: SetupInForce | undefined,
): { ok: true; version: number; seq: number; applied: 'applied' | 'pending' | 'not_applied' } | EditRefusal {
  if (!config.obs) return { ok: false, code: 'unavailable', message: 'the table has no obs section' };
  const version = (latestScenePlan(journal)?.version ?? 0) + 1;
  const e = journal.append({
    kind: SCENE_PLAN_SAVED,
    actor: user as never,
    data: { version, plan: null, reverted: true, applied: true },
  });
  const r = setup ? setup.applyScenePlan(savedOf<ScenePlan>(e, null, true)) : 'no_director';
  return { ok: true, version, seq: e.seq, applied: r === 'no_director' ? 'not_applied' : r };
}

/** Back to the table file's regions: a version with `regions: null`. */
export function revertVisionRegions(
  config: TableConfig,
  journal: Journal,
  user: User,
  setup: SetupInForce | undefined,
): { ok: true; version: number; seq: number } | EditRefusal {
  if (!config.vision) return { ok: false, code: 'unavailable', message: 'the table has no vision section' };
  const version = (latestVisionRegions(journal)?.version ?? 0) + 1;
  const e = journal.append({
    kind: VISION_REGIONS_SAVED,
    actor: user as never,
    data: { version, regions: null, reverted: true },
  });
  setup?.applyRegions(savedOf<Record<string, Region>>(e, null, true));
  return { ok: true, version, seq: e.seq };
}

export function saveVisionRegions(
  config: TableConfig,
  journal: Journal,
  user: User,
  regions: Record<string, Region>,
  setup?: SetupInForce,
): { ok: true; version: number; seq: number } | EditRefusal {
  const vision = config.vision;
  if (!vision) return { ok: false, code: 'unavailable', message: 'the table has no vision section' };
  const cameras = Object.keys(config.obs?.scenePlan.cameras ?? {});
  const unknown = config.obs ? Object.keys(regions).filter((c) => !cameras.includes(c)) : [];
  if (unknown.length)
    return {
      ok: false,
      code: 'invalid_request',
      message: `regions.${unknown.join(', regions.')}: not a camera of obs.scenePlan.cameras (known: ${cameras.join(', ') || 'none'})`,
    };
  const game = config.table.game;
  if (game === 'roulette') {
    const plan = checkVisionPlan({ ...vision, regions }, game);
    if (!plan.ok) return { ok: false, code: 'invalid_request', message: plan.reason };
  }
  const version = (latestVisionRegions(journal)?.version ?? 0) + 1;
  const e = journal.append({ kind: VISION_REGIONS_SAVED, actor: user as never, data: { version, regions } });
  setup?.applyRegions(savedOf(e, regions, true));
  return { ok: true, version, seq: e.seq };
}
