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
      value: { version: 3, seq: 41, problems: ['scene "Result Board" does not exist in OBS'] },
    };
    transport.answers['studio.scenePlan.view'] = {
      ok: true,
      value: { ...VIEW, version: 3, savedBy: 'demo-tech', savedAt: Date.now() },
    };
    await w.get('[data-testid=plan-save-anyway]').trigger('click');
    await flushPromises();
    expect(transport.requests.at(-2)).toMatchObject({ params: { confirm: true } });
    expect(w.get('[data-testid=plan-saved]').text()).toBe('Saved version 3 (journal #41) with 1 problem(s)');
    expect(w.get('[data-testid=plan-version]').text()).toContain('version 3, saved by demo-tech');
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
    expect(transport.requests.at(-1)).toEqual({
      method: 'vision.regions.save',
      params: { regions: { wheel: { x: 0.42, y: 0.4, w: 0.16, h: 0.2 } } },
    });
    expect(w.get('[data-testid=regions-saved]').text()).toBe('Saved regions version 1 (journal #12)');
  });
});
