import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { baccaratHandRule } from '../games/baccarat/hand-rule';
import type { Logger } from '../../lib/logger';
import type { ConnectionStatus } from '../../lib/status';
import type { TableConfig } from '../config/schema';
import { openJournal } from '../journal/sqlite-journal';
import type { Journal } from '../journal/types';
import { attachDevices } from '../rounds/devices';
import { TableEngine, type RecoveryReport } from '../rounds/table-engine';
import type { Director } from '../studio/director';
import { openStudio } from '../studio/desk-studio';
import { openTableDevices, type TableDevices } from './devices';
import { roundConfigOf } from './round-config';

export interface Desk {
  config: TableConfig;
  engine: TableEngine;
  journal: Journal;
  devices: TableDevices;
  recovery: RecoveryReport;
  /** The OBS director (engine/studio); absent without an `obs` section. */
  director?: Director;
  stop(): Promise<void>;
}

export interface DeskOptions {
  logger?: Logger;
  /** Time scale of built-in simulators (demo tables); real devices are unaffected. */
  timeScale?: number;
}

/**
 * The headless desk of one table: journal, round engine rebuilt from it, devices (real, or simulated
 * on loopback), wired together. The Electron app and the browser view run this same desk.
 */
export async function startDesk(config: TableConfig, opts: DeskOptions = {}): Promise<Desk> {
  mkdirSync(dirname(config.journal.path), { recursive: true });
  const journal = openJournal(config.journal.path);
  let engine: TableEngine;
  try {
    engine = TableEngine.open(journal, roundConfigOf(config));
  } catch (e) {
    journal.close();
    throw e;
  }
  const devices = await openTableDevices(config, {
    logger: opts.logger,
    timeScale: opts.timeScale,
    handRule: baccaratHandRule,
  });
  const detach = attachDevices(engine, { wheel: devices.wheel, shoe: devices.shoe });
  const unwatch = journalDeviceStatus(journal, devices, opts.logger);
  engine.start();
  devices.wheel?.start();
  devices.shoe?.start();
  const studio = openStudio(config, journal, engine, devices, opts.logger);
  return {
    config,
    engine,
    journal,
    devices,
    recovery: engine.recovery,
    director: studio?.director,
    async stop() {
      detach();
      await studio?.stop();
      engine.stop();
      await devices.stop();
      unwatch();
      journal.close();
    },
  };
}

/**
 * Device links in the audit trail: every status change of a device (connected, stale, unplugged,
 * misconfigured) with its reason, as `link.<device>.status`. The round engine ignores these entries.
 */
function journalDeviceStatus(journal: Journal, devices: TableDevices, logger?: Logger): () => void {
  const undo: (() => void)[] = [];
  for (const [name, device] of [
    ['wheel', devices.wheel],
    ['shoe', devices.shoe],
  ] as const) {
    if (!device) continue;
    const onStatus = (s: ConnectionStatus) => {
      try {
        journal.append({
          kind: `link.${name}.status`,
          actor: { id: name, role: 'device' },
          data: { state: s.state, reason: s.reason },
        });
      } catch (e) {
        logger?.error({ device: name, err: (e as Error).message }, 'device status not journaled');
      }
    };
    device.on('status', onStatus);
    undo.push(() => device.off('status', onStatus));
  }
  return () => undo.forEach((u) => u());
}
