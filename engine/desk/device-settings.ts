/**
 * The technician's device settings: the wheel's and the shoe's port, protocol, serial line settings
 * and stale time, edited while the desk runs.
 *
 * - Validated by the table file's own schema (engine/config/devices.ts) on the whole device section
 *   as it would be with the edit: the same messages, the same limits.
 * - Journaled as the device's next version (`config.devices.saved` {device, version, settings},
 *   actor = the technician) and read back at start over the table file (the baseline).
 * - Applied by reopening the device's transport (SerialDevice.reconfigure: the same driver object,
 *   so the engine, the traffic view and the calibration wizard keep listening), and only when no
 *   round is in progress (none open, or the last one settled or voided): a reopen mid-round could
 *   lose the launch or a card. Refused otherwise, with the round and its phase in the words.
 * - Not editable here: `layout` and `decks` (the round rules and the calibration depend on them)
 *   and `simulate` (the built-in simulator is no serial device): those stay the table file's.
 */
import type { DeviceName, DeviceSettingsView } from '../../contract/views';
import { deviceParts } from '../../hardware/drivers/create';
import { SHOE_PROTOCOLS, WHEEL_PROTOCOLS } from '../../hardware/protocols/registry';
import { ShoeDeviceSchema, WheelDeviceSchema } from '../config/devices';
import type { TableConfig } from '../config/schema';
import type { Journal, JournalEntry } from '../journal/types';
import type { TableEngine } from '../rounds/table-engine';
import type { TableDevices } from './devices';

export const DEVICE_SETTINGS_SAVED = 'config.devices.saved';

/** The fields a technician edits. */
export interface DeviceSettings {
  port?: string;
  protocol: string;
  serial?: Record<string, unknown>;
  staleAfterMs?: number;
}

interface Saved {
  version: number;
  at: number;
  by: string;
  settings: DeviceSettings;
}

const NAMES = ['wheel', 'shoe'] as const;

function readSaved(journal: Journal): Partial<Record<DeviceName, Saved>> {
  const out: Partial<Record<DeviceName, Saved>> = {};
  for (const e of journal.entries() as Iterable<JournalEntry>) {
    if (e.kind !== DEVICE_SETTINGS_SAVED) continue;
    const d = e.data as { device: DeviceName; version: number; settings: DeviceSettings };
    out[d.device] = { version: d.version, at: e.at, by: e.actor.id, settings: d.settings };
  }
  return out;
}

function editable(s: DeviceSettings): DeviceSettings {
  return {
    protocol: s.protocol,
    ...(s.port === undefined ? {} : { port: s.port }),
    ...(s.serial === undefined ? {} : { serial: s.serial }),
    ...(s.staleAfterMs === undefined ? {} : { staleAfterMs: s.staleAfterMs }),
  };
}

/** The device section with `settings` laid over it, checked by the table file's schema. */
function merged(
  config: TableConfig,
  device: DeviceName,
  settings: DeviceSettings,
): { ok: true; value: NonNullable<TableConfig['devices'][DeviceName]> } | { ok: false; message: string } {
  const base = config.devices[device];
  if (!base) return { ok: false, message: `this table has no ${device}` };
  const { port: _p, serial: _s, staleAfterMs: _t, ...fixed } = base as Record<string, unknown>;
  const candidate = { ...fixed, ...editable(settings) };
  const schema = device === 'wheel' ? WheelDeviceSchema : ShoeDeviceSchema;
  const r = schema.safeParse(candidate);
  if (r.success) return { ok: true, value: r.data as NonNullable<TableConfig['devices'][DeviceName]> };
  return {
    ok: false,
    message: r.error.issues.map((i) => `devices.${device}.${i.path.join('.')}: ${i.message}`).join('; '),
  };
}

/** The table file with each device's latest saved settings over it (what the desk opens at start). */
export function withSavedDevices(config: TableConfig, journal: Journal): TableConfig {
  const saved = readSaved(journal);
  const devices = { ...config.devices };
  for (const name of NAMES) {
    const s = saved[name];
    if (!s || !config.devices[name]) continue;
    const m = merged(config, name, s.settings);
    if (m.ok) (devices as Record<string, unknown>)[name] = m.value;
  }
  return { ...config, devices };
}

export type DeviceEditResult =
  | { ok: true; version: number; seq: number }
  | { ok: false; code: 'invalid_request' | 'unavailable' | 'illegal_phase'; message: string };

export class DeviceSettingsEditor {
  private readonly since: Record<DeviceName, number>;
  private readonly saved: Partial<Record<DeviceName, Saved>>;
  private inForce: TableConfig;

  constructor(
    /** The table file as loaded: the baseline. */
    private readonly file: TableConfig,
    private readonly journal: Journal,
    private readonly engine: Pick<TableEngine, 'publicState'>,
    private readonly devices: TableDevices,
    private readonly now: () => number = Date.now,
  ) {
    this.saved = readSaved(journal);
    this.inForce = withSavedDevices(file, journal);
    const t = now();
    this.since = { wheel: t, shoe: t };
  }

  view(): DeviceSettingsView[] {
    const out: DeviceSettingsView[] = [];
    for (const name of NAMES) {
      const d = this.inForce.devices[name];
      if (!d) continue;
      const s = this.saved[name];
      out.push({
        device: name,
        settings: editable(d as DeviceSettings),
        protocols: [...(name === 'wheel' ? WHEEL_PROTOCOLS : SHOE_PROTOCOLS)],
        fixed: {
          simulate: d.simulate,
          ...('layout' in d ? { layout: d.layout } : {}),
          ...('decks' in d ? { decks: d.decks } : {}),
        },
        version: s?.version ?? 0,
        by: s?.by ?? null,
        savedAt: s?.at ?? null,
        since: this.since[name],
      });
    }
    return out;
  }

  /** Validates, refuses mid-round, journals the next version, reopens the device with it. */
  async save(
    user: { id: string; role: string },
    device: DeviceName,
    settings: DeviceSettings,
  ): Promise<DeviceEditResult> {
    const driver = this.devices[device];
    const current = this.inForce.devices[device];
    if (!driver || !current)
      return { ok: false, code: 'unavailable', message: `this table has no ${device}` };
    if (current.simulate)
      return {
        ok: false,
        code: 'unavailable',
        message: `the ${device} is the built-in simulator (simulate: true in the table file), not a serial device: its port and protocol are the simulator's`,
      };
    const m = merged(this.inForce, device, settings);
    if (!m.ok) return { ok: false, code: 'invalid_request', message: m.message };
    const round = this.engine.publicState().round;
    if (round && round.phase !== 'settled' && round.phase !== 'void')
      return {
        ok: false,
        code: 'illegal_phase',
        message: `round ${round.id} is in progress (${round.phase.replaceAll('_', ' ')}): the ${device} is reopened with new settings only between rounds; settle or void the round first`,
      };
    const next = m.value;
    let parts: ReturnType<typeof deviceParts>;
    try {
      parts = deviceParts(device, { ...next, port: next.port as string });
    } catch (e) {
      return { ok: false, code: 'invalid_request', message: (e as Error).message };
    }
    const sameDecoder =
      next.protocol === current.protocol &&
      ('layout' in next ? next.layout : null) === ('layout' in current ? current.layout : null);
    const version = (this.saved[device]?.version ?? 0) + 1;
    const clean = editable(next as DeviceSettings);
    const entry = this.journal.append({
      kind: DEVICE_SETTINGS_SAVED,
      actor: { id: user.id, role: user.role } as never,
      data: { device, version, settings: clean },
    });
    this.saved[device] = { version, at: entry.at, by: user.id, settings: clean };
    this.inForce = { ...this.inForce, devices: { ...this.inForce.devices, [device]: next } };
    this.since[device] = this.now();
    await (driver as { reconfigure(p: unknown): Promise<void> }).reconfigure({
      transport: parts.transport,
      staleAfterMs: parts.staleAfterMs,
      ...(sameDecoder ? {} : { decoder: parts.decoder }),
    });
    return { ok: true, version, seq: entry.seq };
  }
}
