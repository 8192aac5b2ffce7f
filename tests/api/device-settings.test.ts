/**
 * Device settings edited by a technician on a running desk: checked by the table file's schema,
 * refused while a round is in progress, journaled as versions, applied by reopening the wheel's
 * transport (here from one simulated wheel on loopback TCP to another), with the same driver
 * object still feeding the traffic view; read back at start over the table file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { demoTableConfig } from '../../engine/config/demo';
import type { TableConfig } from '../../engine/config/schema';
import {
  DEVICE_SETTINGS_SAVED,
  DeviceSettingsEditor,
  withSavedDevices,
} from '../../engine/desk/device-settings';
import type { TableDevices } from '../../engine/desk/devices';
import { TableEngine, type Command } from '../../engine/rounds';
import { createWheelDevice } from '../../hardware/drivers/create';
import { TcpListenEndpoint } from '../../hardware/sim/endpoint';
import { createWheelSimulator } from '../../hardware/sim/factory';
import { MemoryJournal } from '../support/memory-journal';
import { DEALER } from '../rounds/support/users';

const TECH = { id: 'demo-tech', role: 'technician' };
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of stops.reverse()) await s();
});

async function wheelSim(): Promise<string> {
  const endpoint = new TcpListenEndpoint('127.0.0.1', 0);
  const sim = createWheelSimulator({
    protocol: 'sdlp',
    layout: 'european',
    endpoint,
    timing: { scale: 0.02 },
    faults: { noise: 0 },
  });
  await sim.start();
  stops.push(() => sim.stop());
  return `tcp://127.0.0.1:${endpoint.boundPort}`;
}

async function waitFor(pred: () => boolean, what: () => string, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('device settings', async () => {
  const portA = await wheelSim();
  const portB = await wheelSim();
  const base = demoTableConfig();
  const config: TableConfig = {
    ...base,
    devices: { wheel: { ...base.devices.wheel!, simulate: false, port: portA, protocol: 'sdlp' } },
  };
  const journal = new MemoryJournal();
  const engine = TableEngine.open(journal, { tableId: 'RT1', game: 'roulette', bettingMs: 60_000 });
  const wheel = createWheelDevice({ port: portA, protocol: 'sdlp', layout: 'european' });
  stops.push(() => wheel.stop());
  const devices: TableDevices = { wheel, simulators: {}, stop: async () => undefined };
  const editor = new DeviceSettingsEditor(config, journal, engine, devices);
  wheel.start();

  it('shows the settings in force, the protocols and what only the table file sets', async () => {
    await waitFor(
      () => wheel.status.state === 'ok',
      () => JSON.stringify(wheel.status),
    );
    expect(editor.view()).toEqual([
      expect.objectContaining({
        device: 'wheel',
        settings: { port: portA, protocol: 'sdlp' },
        protocols: ['sdlp', 'cammegh-basic', 'cammegh-advanced', 'cammegh-extended'],
        fixed: { simulate: false, layout: 'european' },
        version: 0,
        by: null,
      }),
    ]);
  });

  it("refuses what the table file's schema refuses, naming the field", async () => {
    const r = await editor.save(TECH, 'wheel', { port: portA, protocol: 'sdlp', serial: { baudRate: 12 } });
    expect(r).toMatchObject({ ok: false, code: 'invalid_request' });
    expect(!r.ok && r.message).toContain('devices.wheel.serial.baudRate');
    const p = await editor.save(TECH, 'wheel', { port: portA, protocol: 'nmea' });
    expect(!p.ok && p.message).toContain('devices.wheel.protocol');
  });

  it('refuses mid-round with the round and its phase in the words', async () => {
    engine.handle({
      source: 'operator',
      command: { cmd: 'openBetting', roundId: null, user: DEALER } as Command,
    });
    const r = await editor.save(TECH, 'wheel', { port: portB, protocol: 'sdlp' });
    expect(r).toMatchObject({ ok: false, code: 'illegal_phase' });
    expect(!r.ok && r.message).toMatch(/round RT1-1 is in progress \(betting open\).*between rounds/);
    expect(wheel.description).toBe(portA);
    expect([...journal.entries()].filter((e) => e.kind === DEVICE_SETTINGS_SAVED)).toEqual([]);
    const v = engine.handle({
      source: 'operator',
      command: {
        cmd: 'void',
        roundId: 'RT1-1',
        reason: 'test',
        user: { id: 'demo-floor', role: 'floor_manager' },
      } as Command,
    });
    expect(v.ok).toBe(true);
  });

  it('between rounds: journaled as version 1 and the port reopened; the same driver keeps reporting traffic', async () => {
    const connectsBefore = wheel.stats.connects;
    const r = await editor.save(TECH, 'wheel', { port: portB, protocol: 'sdlp', staleAfterMs: 0 });
    expect(r).toMatchObject({ ok: true, version: 1 });
    const entry = [...journal.entries()].find((e) => e.kind === DEVICE_SETTINGS_SAVED);
    expect(entry).toMatchObject({
      actor: TECH,
      data: { device: 'wheel', version: 1, settings: { port: portB, protocol: 'sdlp', staleAfterMs: 0 } },
    });
    expect(wheel.description).toBe(portB);
    let traffic = 0;
    wheel.on('traffic', () => traffic++);
    await waitFor(
      () => wheel.status.state === 'ok' && wheel.stats.connects > connectsBefore && traffic > 0,
      () => `${JSON.stringify(wheel.status)} connects ${wheel.stats.connects} traffic ${traffic}`,
    );
    expect(editor.view()[0]).toMatchObject({ version: 1, by: 'demo-tech', settings: { port: portB } });
  });

  it('at start the latest saved settings are laid over the table file', () => {
    const eff = withSavedDevices(config, journal);
    expect(eff.devices.wheel).toMatchObject({
      port: portB,
      protocol: 'sdlp',
      staleAfterMs: 0,
      layout: 'european',
    });
    expect(withSavedDevices(config, new MemoryJournal()).devices.wheel?.port).toBe(portA);
  });

  it('a simulated device is not edited here', async () => {
    const sim = new DeviceSettingsEditor(demoTableConfig(), new MemoryJournal(), engine, devices);
    const r = await sim.save(TECH, 'wheel', { protocol: 'sdlp' });
    expect(r).toMatchObject({ ok: false, code: 'unavailable' });
    expect(!r.ok && r.message).toContain('built-in simulator');
  });
});
