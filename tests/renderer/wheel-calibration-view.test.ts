// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CalibrationView } from '../../contract/views';
import WheelCalibration from '../../renderer/src/components/WheelCalibration.vue';
import { useDeskStore } from '../../renderer/src/stores/desk';
import { useTechStore } from '../../renderer/src/stores/tech';
import { FakeTransport } from './fakes';

let transport: FakeTransport;

beforeEach(() => {
  setActivePinia(createPinia());
  transport = new FakeTransport();
  useDeskStore().attach(transport, () => undefined);
});

const profile = (pocketOffset: number, directionInverted: boolean) => ({
  version: 2,
  at: Date.UTC(2026, 11, 2, 9),
  by: 'demo-tech',
  directionInverted,
  pocketOffset,
  spins: [],
  seq: 40,
});

function viewWith(p: ReturnType<typeof profile> | null): CalibrationView {
  return { active: null, report: null, profiles: p ? [p] : [] };
}

describe('WheelCalibration: the profile in force', () => {
  it('names the version in force and what it does to readings; no offset warning at 0', async () => {
    transport.answers['calibration.wheel.view'] = { ok: true, value: viewWith(profile(0, true)) };
    useTechStore().applyCalibration(viewWith(profile(0, true)));
    const w = mount(WheelCalibration);
    await flushPromises();
    const text = w.get('[data-testid=calibration-profile]').text();
    expect(text).toContain('In force: profile v2 by demo-tech');
    expect(text).toContain('the rotor direction the wheel reports is inverted');
    expect(w.find('[data-testid=calibration-offset]').exists()).toBe(false);
    expect(w.text()).not.toContain('No calibration profile saved yet');
  });

  it('a non-zero offset is shown as a wheel fault, not applied', async () => {
    transport.answers['calibration.wheel.view'] = { ok: true, value: viewWith(profile(3, false)) };
    useTechStore().applyCalibration(viewWith(profile(3, false)));
    const w = mount(WheelCalibration);
    await flushPromises();
    expect(w.get('[data-testid=calibration-offset]').text()).toContain('3 pocket(s) off');
  });

  it('without a profile it says so', async () => {
    transport.answers['calibration.wheel.view'] = { ok: true, value: viewWith(null) };
    useTechStore().applyCalibration(viewWith(null));
    const w = mount(WheelCalibration);
    await flushPromises();
    expect(w.text()).toContain('No calibration profile saved yet');
    expect(w.find('[data-testid=calibration-profile]').exists()).toBe(false);
  });
});
