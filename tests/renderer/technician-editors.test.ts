// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LiveFrameView, ScenePlanView } from '../../contract/views';
import ScenePlanEditor from '../../renderer/src/components/ScenePlanEditor.vue';
import VisionRegions from '../../renderer/src/components/VisionRegions.vue';
import { useDeskStore } from '../../renderer/src/stores/desk';
import { FakeTransport } from './fakes';

let transport: FakeTransport;

beforeEach(() => {
  setActivePinia(createPinia());
  transport = new FakeTransport();
  useDeskStore().attach(transport, () => undefined);
});

const VIEW: ScenePlanView = {
  game: 'roulette',
  phases: ['idle', 'betting_open', 'spinning', 'result'],
  plan: {
    phases: { idle: 'Table Wide', result: 'Result Board' },
    cameras: { wheel: { scene: 'Wheel Close-up', source: 'Wheel Cam' } },
    transitions: { default: { name: 'Fade', durationMs: 300 } },
  },
  inForce: null,
  inForceVersion: { version: 0, source: 'file', by: null, savedAt: null, since: 0, pending: null },
  version: 0,
  savedAt: null,
  savedBy: null,
  cueCameras: ['wheel'],
  real: {
    scenes: ['Table Wide', 'Betting', 'Wheel Close-up'],
    sources: [{ scene: 'Wheel Close-up', source: 'Wheel Cam' }],
    programScene: 'Table Wide',
  },
  realReason: '',
  problems: ['scene "Result Board" does not exist in OBS'],
};

describe('ScenePlanEditor', () => {
  it("offers OBS's real scenes per phase and highlights what OBS lacks", async () => {
    transport.answers['studio.scenePlan.view'] = { ok: true, value: VIEW };
    const w = mount(ScenePlanEditor);
    await flushPromises();
    const idle = w.get('select[name=phase-idle]');
    expect((idle.element as HTMLSelectElement).value).toBe('Table Wide');
    expect(idle.findAll('option').map((o) => o.text())).toEqual([
      '(keep the scene on air)',
      'Table Wide',
      'Betting',
      'Wheel Close-up',
    ]);
    const result = w.get('select[name=phase-result]');
    expect(result.findAll('option')[1]?.text()).toBe('Result Board (not in OBS)');
    expect(result.element.closest('tr')?.className).toContain('plan-row--missing');
    expect(w.get('[data-testid=plan-problems]').text()).toContain('"Result Board" does not exist');
    expect(
      w
        .get('select[name=camera-source-0]')
        .findAll('option')
        .map((o) => o.text()),
    ).toEqual(['(the whole scene)', 'Wheel Cam']);
    expect(w.get('[data-testid=plan-version]').text()).toContain('no saved version');
  });

  it('saves the edited plan, asks to confirm a missing scene, then shows the version', async () => {
    transport.answers['studio.scenePlan.view'] = { ok: true, value: VIEW };
    const w = mount(ScenePlanEditor);
    await flushPromises();
    await w.get('select[name=phase-spinning]').setValue('Wheel Close-up');
    await w.get('input[name=transition-default]').setValue('Cut');
    transport.answers['studio.scenePlan.save'] = {
      ok: false,
      error: { code: 'needs_confirmation', message: 'the plan names what OBS lacks: scene "Result Board"' },
    };
    await w.get('[data-testid=plan-save]').trigger('click');
    await flushPromises();
    const sent = transport.requests.filter((r) => r.method === 'studio.scenePlan.save');
    expect(sent).toEqual([
      {
        method: 'studio.scenePlan.save',
        params: {
          plan: {
            phases: { idle: 'Table Wide', spinning: 'Wheel Close-up', result: 'Result Board' },
            cameras: { wheel: { scene: 'Wheel Close-up', source: 'Wheel Cam' } },
            transitions: { default: { name: 'Cut', durationMs: 300 } },
          },
          confirm: false,
        },
      },
    ]);
    expect(w.get('[data-testid=plan-confirm]').text()).toContain('Result Board');
    transport.answers['studio.scenePlan.save'] = {
      ok: true,
      value: {
        version: 3,
        seq: 41,
        problems: ['scene "Result Board" does not exist in OBS'],
        applied: 'not_applied',
      },
    };
    transport.answers['studio.scenePlan.view'] = {
      ok: true,
      value: { ...VIEW, version: 3, savedBy: 'demo-tech', savedAt: Date.now() },
    };
    await w.get('[data-testid=plan-save-anyway]').trigger('click');
    await flushPromises();
    expect(transport.requests.at(-2)).toMatchObject({ params: { confirm: true } });
    expect(w.get('[data-testid=plan-saved]').text()).toBe(
      'Saved version 3 (journal #41) with 1 problem(s): not in force (kept as a record)',
    );
    expect(w.get('[data-testid=plan-in-force]').text()).toContain("the table file's plan");
    expect(w.get('[data-testid=plan-version]').text()).toContain('latest saved: version 3, by demo-tech');
    expect(w.find('[data-testid=plan-confirm]').exists()).toBe(false);
  });

  it('says why the plan cannot be checked when OBS is not read', async () => {
    transport.answers['studio.scenePlan.view'] = {
      ok: true,
      value: { ...VIEW, real: null, problems: [], realReason: 'OBS not connected (refused)' },
    };
    const w = mount(ScenePlanEditor);
    await flushPromises();
    expect(w.get('[data-testid=plan-unchecked]').text()).toContain('OBS not connected');
  });
});

const FRAME: LiveFrameView = {
  camera: 'wheel',
  image: 'data:image/png;base64,iVBORw0KGgo=',
  sha256: 'cd'.repeat(32),
  at: 0,
  source: 'simulated',
  regions: { wheel: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
  saved: { version: 0, regions: {} },
  inForce: { version: 0, source: 'file', by: null, savedAt: null, since: 0 },
};

describe('VisionRegions', () => {
  it('saves the region typed in, as the next version', async () => {
    transport.answers['vision.frame'] = { ok: true, value: FRAME };
    transport.answers['vision.regions.save'] = { ok: true, value: { version: 1, seq: 12 } };
    const w = mount(VisionRegions);
    await w.get('button').trigger('click');
    await flushPromises();
    await w.get('input[name=region-x]').setValue('0.42');
    await w.get('input[name=region-w]').setValue('0.16');
    await w.get('[data-testid=regions-save]').trigger('click');
    await flushPromises();
    expect(transport.requests.at(-2)).toEqual({
      method: 'vision.regions.save',
      params: { regions: { wheel: { x: 0.42, y: 0.4, w: 0.16, h: 0.2 } } },
    });
    expect(transport.requests.at(-1)).toEqual({ method: 'vision.frame', params: {} });
    expect(w.get('[data-testid=regions-saved]').text()).toBe(
      'Saved regions version 1 (journal #12): in force for the next check',
    );
  });

  it('shows which regions are in force, by whom and since when, and reverts to the table file', async () => {
    const at = Date.UTC(2026, 11, 2, 9, 30);
    const saved: LiveFrameView = {
      ...FRAME,
      saved: { version: 2, regions: FRAME.regions },
      inForce: { version: 2, source: 'saved', by: 'demo-tech', savedAt: at, since: at },
    };
    transport.answers['vision.frame'] = { ok: true, value: saved };
    const w = mount(VisionRegions);
    await w.get('button').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid=regions-in-force]').text()).toMatch(
      /version 2, saved by demo-tech at .* since/,
    );
    transport.answers['vision.regions.revert'] = { ok: true, value: { version: 3, seq: 20 } };
    transport.answers['vision.frame'] = {
      ok: true,
      value: {
        ...FRAME,
        inForce: { version: 3, source: 'file', by: 'demo-tech', savedAt: at, since: at, reverted: true },
      },
    };
    await w.get('[data-testid=regions-revert]').trigger('click');
    await flushPromises();
    expect(transport.requests.map((r) => r.method)).toContain('vision.regions.revert');
    expect(w.get('[data-testid=regions-in-force]').text()).toContain(
      "the table file's regions (reverted by demo-tech",
    );
    expect(w.find('[data-testid=regions-revert]').exists()).toBe(false);
  });
});

describe('ScenePlanEditor: the plan in force', () => {
  it('names the version in force and a pending one, and reverts to the table file', async () => {
    const at = Date.UTC(2026, 11, 2, 9, 30);
    transport.answers['studio.scenePlan.view'] = {
      ok: true,
      value: {
        ...VIEW,
        version: 2,
        savedBy: 'demo-tech',
        savedAt: at,
        inForceVersion: {
          version: 1,
          source: 'saved',
          by: 'demo-tech',
          savedAt: at,
          since: at,
          pending: { version: 2, source: 'saved', by: 'demo-tech', savedAt: at, since: at },
        },
      },
    };
    const w = mount(ScenePlanEditor);
    await flushPromises();
    expect(w.get('[data-testid=plan-in-force]').text()).toMatch(/In force: version 1, saved by demo-tech/);
    expect(w.get('[data-testid=plan-pending]').text()).toContain('Version 2 waits');
    transport.answers['studio.scenePlan.revert'] = {
      ok: true,
      value: { version: 3, seq: 50, applied: 'applied' },
    };
    transport.answers['studio.scenePlan.view'] = {
      ok: true,
      value: {
        ...VIEW,
        inForceVersion: {
          version: 3,
          source: 'file',
          by: 'demo-tech',
          savedAt: at,
          since: at,
          reverted: true,
          pending: null,
        },
      },
    };
    await w.get('[data-testid=plan-revert]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid=plan-saved]').text()).toContain(
      "Reverted to the table file's plan: version 3",
    );
    expect(w.get('[data-testid=plan-in-force]').text()).toContain('reverted by demo-tech');
    expect(w.find('[data-testid=plan-pending]').exists()).toBe(false);
  });
});
