/**
 * The technician's saved set-up in force on a running desk: the scene plan and the vision regions.
 *
 * The table file is the baseline. A saved version (`config.scenePlan.saved`,
 * `config.visionRegions.saved`, engine/api/setup-edits.ts) takes effect live when it is saved, and
 * at start the latest such version in the journal is in force. A saved entry with `plan: null` /
 * `regions: null` is a revert: the table file's is in force again.
 *
 * - Scene plan: only a version that passed the check against OBS's real scene list is applied
 *   (`applied: true` in its entry); a plan kept "anyway" (it names what OBS lacks, or OBS could not
 *   be read) is a record and never in force. The director switches to it at once when the round is
 *   in a phase where that cannot mis-cue, else when the round reaches one (Director.setScenePlan).
 * - Vision regions: the next check crops with them (a check under way keeps its own); the
 *   simulated camera draws into them.
 */
import { EventEmitter } from 'node:events';
import type { InForceView } from '../../contract/views';
import type { ObsConfig, TableConfig } from '../config/schema';
import type { Journal, JournalEntry } from '../journal/types';
import type { Director } from '../studio/director';
import type { DeskVision } from '../vision/check/desk-vision';
import { checkPlan } from '../vision/check/plan';

export const SCENE_PLAN_SAVED = 'config.scenePlan.saved';
export const VISION_REGIONS_SAVED = 'config.visionRegions.saved';

type ScenePlan = ObsConfig['scenePlan'];
export type Regions = Record<string, { x: number; y: number; w: number; h: number }>;

/** A saved version as read back from its journal entry. */
export interface SavedVersion<T> {
  version: number;
  at: number;
  by: string;
  seq: number;
  /** null: a revert to the table file's. */
  value: T | null;
  /** Scene plans: passed the check against OBS's real scenes, so it may be in force. */
  applied: boolean;
}

function read<T>(e: JournalEntry, field: string): SavedVersion<T> {
  const d = e.data as Record<string, unknown> & { version: number; applied?: boolean };
  return {
    version: d.version,
    at: e.at,
    by: e.actor.id,
    seq: e.seq,
    value: (d[field] ?? null) as T | null,
    // Entries written before plans were applied live have no `applied`: checked and clean counts.
    applied:
      d.applied ??
      (d[field] === null || (d.checked === true && Array.isArray(d.problems) && d.problems.length === 0)),
  };
}

/** The latest saved version of each (one pass over the journal); for plans, also the latest applicable. */
export function readSavedSetup(journal: Journal): {
  plan: SavedVersion<ScenePlan> | null;
  planInForce: SavedVersion<ScenePlan> | null;
  regions: SavedVersion<Regions> | null;
} {
  let plan: SavedVersion<ScenePlan> | null = null;
  let planInForce: SavedVersion<ScenePlan> | null = null;
  let regions: SavedVersion<Regions> | null = null;
  for (const e of journal.entries() as Iterable<JournalEntry>) {
    if (e.kind === SCENE_PLAN_SAVED) {
      plan = read<ScenePlan>(e, 'plan');
      if (plan.applied) planInForce = plan;
    } else if (e.kind === VISION_REGIONS_SAVED) regions = read<Regions>(e, 'regions');
  }
  return { plan, planInForce, regions };
}

/** The table file with the saved versions in force laid over it (what the director and the check start on). */
export function withSavedSetup(config: TableConfig, journal: Journal): TableConfig {
  const { planInForce, regions } = readSavedSetup(journal);
  return {
    ...config,
    ...(config.obs && planInForce?.value ? { obs: { ...config.obs, scenePlan: planInForce.value } } : {}),
    ...(config.vision && regions?.value ? { vision: { ...config.vision, regions: regions.value } } : {}),
  };
}

function view<T>(v: SavedVersion<T> | null, since: number): InForceView {
  return v && v.value !== null
    ? { version: v.version, source: 'saved', by: v.by, savedAt: v.at, since }
    : v
      ? { version: v.version, source: 'file', by: v.by, savedAt: v.at, since, reverted: true }
      : { version: 0, source: 'file', by: null, savedAt: null, since };
}

export class SetupInForce extends EventEmitter<{ changed: [] }> {
  private plan: SavedVersion<ScenePlan> | null;
  private planSince: number;
  private pending: SavedVersion<ScenePlan> | null = null;
  private regions: SavedVersion<Regions> | null;
  private regionsSince: number;

  constructor(
    /** The table file as loaded: the baseline. */
    private readonly file: TableConfig,
    journal: Journal,
    private readonly director: Director | undefined,
    private readonly vision: DeskVision | undefined,
    private readonly now: () => number = Date.now,
  ) {
    super();
    const saved = readSavedSetup(journal);
    this.plan = saved.planInForce;
    this.regions = saved.regions;
    this.planSince = this.regionsSince = now();
  }

  scenePlanInForce(): InForceView & { pending: InForceView | null } {
    return {
      ...view(this.plan, this.planSince),
      pending: this.pending ? view(this.pending, this.planSince) : null,
    };
  }

  regionsInForce(): InForceView {
    return view(this.regions, this.regionsSince);
  }

  /** The regions the check crops with now. */
  currentRegions(): Regions {
    return this.regions?.value ?? this.file.vision?.regions ?? {};
  }

  /** A saved scene plan version that passed the check: applied now or at the next safe phase. */
  applyScenePlan(v: SavedVersion<ScenePlan>): 'applied' | 'pending' | 'no_director' {
    const obs = this.file.obs;
    if (!this.director || !obs) return 'no_director';
    const plan = v.value ?? obs.scenePlan;
    this.pending = v;
    const r = this.director.setScenePlan(plan, () => {
      this.plan = v;
      this.pending = null;
      this.planSince = this.now();
      this.emit('changed');
    });
    if (r === 'pending') this.emit('changed');
    return r;
  }

  /** Saved regions (or a revert): the next check crops with them. */
  applyRegions(v: SavedVersion<Regions>): void {
    this.regions = v;
    this.regionsSince = this.now();
    const vision = this.file.vision;
    const game = this.file.table.game;
    if (this.vision && vision && (game === 'roulette' || game === 'baccarat')) {
      const plan = checkPlan({ ...vision, regions: this.currentRegions() }, game);
      this.vision.check.setPlan(plan);
      if (plan.ok) this.vision.camera?.setRegions(plan.plan.regions);
    }
    this.emit('changed');
  }
}
