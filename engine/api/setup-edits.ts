/**
 * The technician's set-up editors: the OBS scene plan (checked against OBS's real scene list) and
 * the vision regions. A save is journaled as the next version (`config.scenePlan.saved`,
 * `config.visionRegions.saved`, actor = the technician): an audit record and an export to paste
 * into the table file. The running desk keeps following the table file's plan and regions until
 * it is restarted on the edited file; nothing here changes the director or the vision check live.
 *
 * A plan that names what OBS lacks, or that could not be checked (OBS not connected), is saved
 * only with `confirm: true` (else refused as `needs_confirmation`, with the problems in the words).
 */
import type { ScenePlanShape, ScenePlanView } from '../../contract/views';
import type { ObsConfig, TableConfig } from '../config/schema';
import { SCENE_PHASES } from '../config/obs';
import type { Journal, JournalEntry } from '../journal/types';
import { checkPlan } from '../studio/plan-check';
import type { RealStudio } from '../studio/types';
import { checkPlan as checkVisionPlan } from '../vision/check/plan';

export const SCENE_PLAN_SAVED = 'config.scenePlan.saved';
export const VISION_REGIONS_SAVED = 'config.visionRegions.saved';

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
): Promise<ScenePlanView | EditRefusal> {
  if (!config.obs) return { ok: false, code: 'unavailable', message: 'the table has no obs section' };
  const saved = latestScenePlan(journal);
  const plan = candidate ?? saved?.value ?? config.obs.scenePlan;
  const { real, reason } = await realFor(source, plan);
  const problems = [
    ...planRuleProblems(config, plan),
    ...(real ? checkPlan({ ...config.obs, scenePlan: plan }, config.table.game, real) : []),
  ];
  return {
    game: config.table.game,
    phases: [...SCENE_PHASES[config.table.game]],
    plan: plan as ScenePlanShape,
    inForce: config.obs.scenePlan as ScenePlanShape,
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
): Promise<{ ok: true; version: number; seq: number; problems: string[] } | EditRefusal> {
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
        ? `the plan names what OBS lacks: ${problems.join('; ')}; save with confirmation to keep it anyway`
        : `${reason}; save with confirmation to keep it unchecked`,
    };
  const version = (latestScenePlan(journal)?.version ?? 0) + 1;
  const e = journal.append({
    kind: SCENE_PLAN_SAVED,
    actor: user as never,
    data: { version, plan, problems, checked: real !== null, confirmed: confirm },
  });
  return { ok: true, version, seq: e.seq, problems };
}

export function saveVisionRegions(
  config: TableConfig,
  journal: Journal,
  user: User,
  regions: Record<string, Region>,
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
  return { ok: true, version, seq: e.seq };
}
