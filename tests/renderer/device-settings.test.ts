// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSettingsView } from '../../contract/views';
import DeviceSettings from '../../renderer/src/components/DeviceSettings.vue';
import { useDeskStore } from '../../renderer/src/stores/desk';
import { FakeTransport } from './fakes';

let transport: FakeTransport;

beforeEach(() => {
  setActivePinia(createPinia());
  transport = new FakeTransport();
  useDeskStore().attach(transport, () => undefined);
});

const WHEEL: DeviceSettingsView = {
  device: 'wheel',
  settings: { port: 'tcp://127.0.0.1:4001', protocol: 'sdlp' },
  protocols: ['sdlp', 'cammegh-basic'],
  fixed: { simulate: false, layout: 'european' },
  version: 0,
  by: null,
  savedAt: null,
  since: Date.UTC(2026, 11, 2, 9),
};

describe('DeviceSettings', () => {
  it('edits the port, protocol and baud, sends only what is filled in, shows the version in force', async () => {
    transport.answers['tech.devices.view'] = { ok: true, value: [WHEEL] };
    const w = mount(DeviceSettings);
    await flushPromises();
    expect(w.get('[data-testid=settings-wheel-in-force]').text()).toContain("the table file's");
    await w.get('input[name=wheel-port]').setValue('/dev/serial/by-id/usb-wheel');
    await w.get('select[name=wheel-protocol]').setValue('cammegh-basic');
    await w.get('input[name=wheel-baud]').setValue('9600');
    transport.answers['tech.devices.save'] = {
      ok: true,
      value: {
        version: 1,
        seq: 30,
        devices: [
          {
            ...WHEEL,
            settings: {
              port: '/dev/serial/by-id/usb-wheel',
              protocol: 'cammegh-basic',
              serial: { baudRate: 9600 },
            },
            version: 1,
            by: 'demo-tech',
            savedAt: WHEEL.since,
          },
        ],
      },
    };
    await w.get('[data-testid=settings-wheel-save]').trigger('click');
    await flushPromises();
    expect(transport.requests.at(-1)).toEqual({
      method: 'tech.devices.save',
      params: {
        device: 'wheel',
        settings: {
          protocol: 'cammegh-basic',
          port: '/dev/serial/by-id/usb-wheel',
          serial: { baudRate: 9600 },
        },
      },
    });
    expect(w.get('[data-testid=device-settings-saved]').text()).toContain(
      'version 1 saved (journal #30), port reopened',
    );
    expect(w.get('[data-testid=settings-wheel-in-force]').text()).toContain('version 1, saved by demo-tech');
  });

  it('a refusal mid-round leaves the settings as they are (the notice bar says why)', async () => {
    transport.answers['tech.devices.view'] = { ok: true, value: [WHEEL] };
    const w = mount(DeviceSettings);
    await flushPromises();
    transport.answers['tech.devices.save'] = {
      ok: false,
      error: { code: 'illegal_phase', message: 'round RT1-4 is in progress (spinning)' },
    };
    await w.get('[data-testid=settings-wheel-save]').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid=device-settings-saved]').exists()).toBe(false);
    expect(useDeskStore().notice?.text).toContain('round RT1-4 is in progress');
  });

  it('a simulated device is shown, not edited', async () => {
    transport.answers['tech.devices.view'] = {
      ok: true,
      value: [{ ...WHEEL, fixed: { simulate: true, layout: 'european' } }],
    };
    const w = mount(DeviceSettings);
    await flushPromises();
    expect(w.text()).toContain('Built-in simulator');
    expect(w.find('[data-testid=settings-wheel-save]').exists()).toBe(false);
  });
});

describe('progress for what takes more than a second', () => {
  it('a light whose connection is being opened shows a busy bar; an ok one does not', async () => {
    const { default: BaseLight } = await import('../../renderer/src/components/BaseLight.vue');
    const connecting = mount(BaseLight, {
      props: { label: 'Wheel', status: { state: 'connecting', reason: 'opening tcp://x', since: 0 } },
    });
    expect(connecting.get('[role=progressbar]').text()).toContain('connecting');
    const ok = mount(BaseLight, {
      props: { label: 'Wheel', status: { state: 'ok', reason: 'open', since: 0 } },
    });
    expect(ok.find('[role=progressbar]').exists()).toBe(false);
    const off = mount(BaseLight, {
      props: { label: 'OBS', configured: false, status: { state: 'connecting', reason: 'off', since: 0 } },
    });
    expect(off.find('[role=progressbar]').exists()).toBe(false);
  });
});
