/**
 * The technician's set-up editors over the contract: the scene plan checked against OBS's real
 * scene list (a fake director), the vision regions; technician only, validated, journaled as
 * versioned entries with the technician as actor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeskApi } from '../../engine/api/desk-api';
import type { SceneSource } from '../../engine/api/setup-edits';
import { demoTableConfig } from '../../engine/config/demo';
import { ObsSchema } from '../../engine/config/obs';
import type { TableConfig } from '../../engine/config/schema';
import { VisionSchema } from '../../engine/config/vision';
import { roundConfigOf } from '../../engine/desk/round-config';
import { openJournal } from '../../engine/journal/sqlite-journal';
import { TableEngine } from '../../engine/rounds/table-engine';
import type { RealStudio } from '../../engine/studio/types';
import { connectAs, type AsUser, type DemoRole } from '../support/demo-users';

const dir = mkdtempSync(join(tmpdir(), 'desk-setup-'));
const base = demoTableConfig();
const config: TableConfig = {
  ...base,
  journal: { path: join(dir, 'j.sqlite') },
  obs: ObsSchema.parse({
    url: 'ws://127.0.0.1:4455',
    scenePlan: {
      phases: { idle: 'Table Wide', betting_open: 'Betting' },
      cameras: { wide: { scene: 'Table Wide' }, wheel: { scene: 'Wheel Close-up', source: 'Wheel Cam' } },
    },
    autoSwitch: { ballLaunched: { camera: 'wheel' } },
  }),
  vision: VisionSchema.parse({
    models: { roulette: 'models/roulette.onnx' },
    regions: { wheel: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
  }),
};
const REAL: RealStudio = {
  scenes: ['Table Wide', 'Betting', 'Wheel Close-up'],
  programScene: 'Table Wide',
  previewScene: null,
  studioMode: false,
  transition: { name: 'Cut', durationMs: null },
  items: [{ scene: 'Wheel Close-up', source: 'Wheel Cam', id: 1, enabled: true }],
  texts: {},
  canvasFps: 30,
};
let connected = true;
const scenes: SceneSource = {
  studioFor: async () => (connected ? structuredClone(REAL) : null),
  status: () => ({ reason: 'connection refused' }),
};
const journal = openJournal(config.journal.path);
const engine = TableEngine.open(journal, roundConfigOf(config));
const api = new DeskApi(
  { config, engine, journal, devices: { simulators: {}, stop: async () => undefined } },
  { scenes },
);
afterAll(() => {
  api.close();
  journal.close();
  rmSync(dir, { recursive: true, force: true });
});

async function as(role: DemoRole): Promise<{ request: AsUser }> {
  return { request: await connectAs(api, role) };
}

const GOOD = {
  phases: { idle: 'Table Wide', betting_open: 'Betting', spinning: 'Wheel Close-up' },
  cameras: { wide: { scene: 'Table Wide' }, wheel: { scene: 'Wheel Close-up', source: 'Wheel Cam' } },
  transitions: { default: { name: 'Fade', durationMs: 300 } },
};

const saved = (kind: string) => [...journal.entries()].filter((e) => e.kind === kind);

describe('scene plan editor', () => {
  it('refuses dealers and floor managers', async () => {
    for (const role of ['dealer', 'floor_manager'] as const) {
      const c = await as(role);
      expect(await c.request('studio.scenePlan.view', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await c.request('studio.scenePlan.save', { plan: GOOD })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(saved('config.scenePlan.saved')).toEqual([]);
  });

  it("shows the table file's plan, OBS's real scenes and no problem", async () => {
    const c = await as('technician');
    const r = await c.request('studio.scenePlan.view', {});
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.version).toBe(0);
    expect(r.value.plan.phases).toEqual({ idle: 'Table Wide', betting_open: 'Betting' });
    expect(r.value.real?.scenes).toEqual(REAL.scenes);
    expect(r.value.real?.sources).toEqual([{ scene: 'Wheel Close-up', source: 'Wheel Cam' }]);
    expect(r.value.phases).toContain('spinning');
    expect(r.value.cueCameras).toEqual(['wheel']);
    expect(r.value.problems).toEqual([]);
  });

  it('checks a candidate plan against the real scene list', async () => {
    const c = await as('technician');
    const r = await c.request('studio.scenePlan.view', {
      plan: { ...GOOD, phases: { ...GOOD.phases, result: 'Result Board' } },
    });
    expect(r.ok && r.value.problems).toEqual(['scene "Result Board" does not exist in OBS']);
  });

  it('refuses a bad payload with a message naming the field', async () => {
    const c = await as('technician');
    const r = await c.request('studio.scenePlan.save', { plan: { phases: {}, cameras: {} } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!r.ok && r.error.message).toMatch(/plan\.phases.*at least one phase/);
    const phase = await c.request('studio.scenePlan.save', {
      plan: { ...GOOD, phases: { spining: 'Betting' } },
    });
    expect(!phase.ok && phase.error.message).toContain('phases.spining: not a roulette round phase');
    const cue = await c.request('studio.scenePlan.save', {
      plan: { ...GOOD, cameras: { wide: GOOD.cameras.wide } },
    });
    expect(!cue.ok && cue.error.message).toContain('the automatic cue ballLaunched needs camera "wheel"');
  });

  it('saves versions 1, 2… journaled with the technician as actor', async () => {
    const c = await as('technician');
    const one = await c.request('studio.scenePlan.save', { plan: GOOD });
    // This desk has no setup in force wired (no director): saved, not applied.
    expect(one).toMatchObject({ ok: true, value: { version: 1, problems: [], applied: 'not_applied' } });
    const two = await c.request('studio.scenePlan.save', {
      plan: { ...GOOD, transitions: { default: { name: 'Cut' } } },
    });
    expect(two).toMatchObject({ ok: true, value: { version: 2 } });
    const entries = saved('config.scenePlan.saved');
    expect(entries.map((e) => (e.data as { version: number }).version)).toEqual([1, 2]);
    expect(entries[0]?.actor).toEqual({ id: 'demo-tech', role: 'technician' });
    expect(entries[0]?.data).toMatchObject({ plan: GOOD, problems: [], checked: true, confirmed: false });
    const view = await c.request('studio.scenePlan.view', {});
    expect(view.ok && [view.value.version, view.value.savedBy]).toEqual([2, 'demo-tech']);
    expect(view.ok && view.value.plan.transitions).toEqual({ default: { name: 'Cut' } });
  });

  it('saves a plan naming a missing scene only when confirmed, with its problems', async () => {
    const c = await as('technician');
    const plan = { ...GOOD, phases: { ...GOOD.phases, result: 'Result Board' } };
    const refused = await c.request('studio.scenePlan.save', { plan });
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(!refused.ok && refused.error.message).toContain('scene "Result Board" does not exist in OBS');
    const r = await c.request('studio.scenePlan.save', { plan, confirm: true });
    expect(r).toMatchObject({
      ok: true,
      value: { version: 3, problems: ['scene "Result Board" does not exist in OBS'] },
    });
    expect(saved('config.scenePlan.saved').at(-1)?.data).toMatchObject({
      confirmed: true,
      version: 3,
      applied: false,
    });
  });

  it('needs a confirmation while OBS cannot be read (unchecked)', async () => {
    connected = false;
    try {
      const c = await as('technician');
      const view = await c.request('studio.scenePlan.view', {});
      expect(view.ok && view.value.real).toBeNull();
      expect(view.ok && view.value.realReason).toContain('OBS not connected (connection refused)');
      const r = await c.request('studio.scenePlan.save', { plan: GOOD });
      expect(r).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
      const ok = await c.request('studio.scenePlan.save', { plan: GOOD, confirm: true });
      expect(ok).toMatchObject({ ok: true, value: { version: 4 } });
      expect(saved('config.scenePlan.saved').at(-1)?.data).toMatchObject({ checked: false });
    } finally {
      connected = true;
    }
  });
});

describe('vision regions', () => {
  it('refuses dealers and floor managers', async () => {
    for (const role of ['dealer', 'floor_manager'] as const) {
      const c = await as(role);
      expect(
        await c.request('vision.regions.save', { regions: { wheel: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 } } }),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(saved('config.visionRegions.saved')).toEqual([]);
  });

  it('refuses a region off the frame, and a camera the plan does not have', async () => {
    const c = await as('technician');
    const off = await c.request('vision.regions.save', {
      regions: { wheel: { x: 0.9, y: 0.1, w: 0.2, h: 0.2 } },
    });
    expect(off).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!off.ok && off.error.message).toContain('x + w must be at most 1');
    const cam = await c.request('vision.regions.save', {
      regions: { drone: { x: 0.1, y: 0.1, w: 0.2, h: 0.2 } },
    });
    expect(!cam.ok && cam.error.message).toContain('regions.drone: not a camera of obs.scenePlan.cameras');
  });

  it('saves versions journaled with the technician as actor', async () => {
    const c = await as('technician');
    const regions = { wheel: { x: 0.42, y: 0.38, w: 0.16, h: 0.2 } };
    expect(await c.request('vision.regions.save', { regions })).toMatchObject({
      ok: true,
      value: { version: 1 },
    });
    expect(await c.request('vision.regions.save', { regions })).toMatchObject({
      ok: true,
      value: { version: 2 },
    });
    const entries = saved('config.visionRegions.saved');
    expect(entries.map((e) => e.data)).toEqual([
      { version: 1, regions },
      { version: 2, regions },
    ]);
    expect(entries[1]?.actor).toEqual({ id: 'demo-tech', role: 'technician' });
  });
});
