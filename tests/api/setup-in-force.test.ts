/**
 * The technician's saved set-up in force: read back from the journal at start (the table file is
 * the baseline), a plan kept "anyway" never in force, a revert back to the file, and saved regions
 * cropped by the next vision check.
 */
import { describe, expect, it } from 'vitest';
import { demoTableConfig } from '../../engine/config/demo';
import { ObsSchema } from '../../engine/config/obs';
import type { TableConfig } from '../../engine/config/schema';
import { VisionSchema } from '../../engine/config/vision';
import {
  readSavedSetup,
  SCENE_PLAN_SAVED,
  SetupInForce,
  VISION_REGIONS_SAVED,
  withSavedSetup,
} from '../../engine/desk/setup-in-force';
import { checkPlan } from '../../engine/vision/check/plan';
import { VisionCheck } from '../../engine/vision/check/vision-check';
import type { DeskVision } from '../../engine/vision/check/desk-vision';
import { MemoryJournal } from '../support/memory-journal';

const TECH = { id: 'demo-tech', role: 'technician' } as const;
const FILE_PLAN = { phases: { idle: 'Table Wide' }, cameras: { wheel: { scene: 'Wheel' } } };
const config: TableConfig = {
  ...demoTableConfig(),
  obs: ObsSchema.parse({ url: 'ws://127.0.0.1:4455', scenePlan: FILE_PLAN }),
  vision: VisionSchema.parse({
    models: { roulette: 'models/roulette.onnx' },
    regions: { wheel: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
  }),
};
const PLAN_2 = { phases: { idle: 'Betting' }, cameras: { wheel: { scene: 'Wheel' } } };

function journalWith(...entries: { kind: string; data: object }[]): MemoryJournal {
  const j = new MemoryJournal();
  for (const e of entries) j.append({ kind: e.kind, actor: TECH, data: e.data });
  return j;
}

describe('saved set-up at start', () => {
  it("no saved version: the table file's plan and regions, version 0", () => {
    const j = journalWith();
    expect(withSavedSetup(config, j)).toEqual(config);
    const s = new SetupInForce(config, j, undefined, undefined, () => 5);
    expect(s.scenePlanInForce()).toEqual({
      version: 0,
      source: 'file',
      by: null,
      savedAt: null,
      since: 5,
      pending: null,
    });
  });

  it('the latest applied plan and the latest regions are in force; a plan kept anyway is not', () => {
    const j = journalWith(
      {
        kind: SCENE_PLAN_SAVED,
        data: { version: 1, plan: PLAN_2, problems: [], checked: true, applied: true },
      },
      {
        kind: SCENE_PLAN_SAVED,
        data: {
          version: 2,
          plan: { ...PLAN_2, phases: { idle: 'Nowhere' } },
          problems: ['x'],
          applied: false,
        },
      },
      {
        kind: VISION_REGIONS_SAVED,
        data: { version: 1, regions: { wheel: { x: 0.1, y: 0.1, w: 0.3, h: 0.3 } } },
      },
    );
    const eff = withSavedSetup(config, j);
    expect(eff.obs?.scenePlan).toEqual(PLAN_2);
    expect(eff.vision?.regions).toEqual({ wheel: { x: 0.1, y: 0.1, w: 0.3, h: 0.3 } });
    const saved = readSavedSetup(j);
    expect([saved.plan?.version, saved.planInForce?.version]).toEqual([2, 1]);
    const s = new SetupInForce(config, j, undefined, undefined);
    expect(s.scenePlanInForce()).toMatchObject({ version: 1, source: 'saved', by: 'demo-tech' });
    expect(s.regionsInForce()).toMatchObject({ version: 1, source: 'saved' });
  });

  it('a revert (plan: null, regions: null) puts the table file back in force', () => {
    const j = journalWith(
      {
        kind: SCENE_PLAN_SAVED,
        data: { version: 1, plan: PLAN_2, problems: [], checked: true, applied: true },
      },
      { kind: SCENE_PLAN_SAVED, data: { version: 2, plan: null, reverted: true, applied: true } },
      { kind: VISION_REGIONS_SAVED, data: { version: 1, regions: { wheel: { x: 0, y: 0, w: 1, h: 1 } } } },
      { kind: VISION_REGIONS_SAVED, data: { version: 2, regions: null, reverted: true } },
    );
    expect(withSavedSetup(config, j)).toEqual(config);
    const s = new SetupInForce(config, j, undefined, undefined);
    expect(s.scenePlanInForce()).toMatchObject({
      version: 2,
      source: 'file',
      reverted: true,
      by: 'demo-tech',
    });
    expect(s.currentRegions()).toEqual(config.vision?.regions);
  });
});

describe('saved regions live', () => {
  it('the next check crops with the saved region', () => {
    const vision = config.vision;
    if (!vision) throw new Error('test: no vision');
    const engine = { on: () => undefined, off: () => undefined, handle: () => undefined };
    const check = new VisionCheck({
      engine,
      plan: checkPlan(vision, 'roulette'),
      frames: { grab: () => Promise.reject(new Error('no camera in this test')) },
      classifier: null,
    });
    const deskVision = { check } as unknown as DeskVision;
    const j = journalWith();
    const s = new SetupInForce(config, j, undefined, deskVision, () => 9);
    const region = { x: 0.05, y: 0.5, w: 0.25, h: 0.25 };
    s.applyRegions({ version: 1, at: 1, by: 'demo-tech', seq: 1, value: { wheel: region }, applied: true });
    const plan = check.plan();
    expect(plan.ok && plan.plan.regions).toEqual({ pocket: region });
    expect(s.regionsInForce()).toEqual({
      version: 1,
      source: 'saved',
      by: 'demo-tech',
      savedAt: 1,
      since: 9,
    });
  });
});
