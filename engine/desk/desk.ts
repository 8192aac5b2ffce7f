import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { baccaratHandRule } from '../games/baccarat/hand-rule';
import type { Logger } from '../../lib/logger';
import type { ConnectionStatus } from '../../lib/status';
import type { TableConfig } from '../config/schema';
import { openJournal } from '../journal/sqlite-journal';
import type { Journal } from '../journal/types';
import { attachDevices } from '../rounds/devices';
import { applyProfile } from '../calibration/apply-profile';
import { ActiveWheelProfile } from '../calibration/wheel-profiles';
import { TableEngine, type RecoveryReport } from '../rounds/table-engine';
import type { Director } from '../studio/director';
import { openStudio } from '../studio/desk-studio';
import { OutcomeService, type OutcomeServiceOptions } from '../delivery/outcome-service';
import { openDeskVision, type DeskVision, type DeskVisionDeps } from '../vision/check/desk-vision';
import { openTableDevices, type TableDevices } from './devices';
import { SetupInForce, withSavedSetup } from './setup-in-force';
import { DeviceSettingsEditor, withSavedDevices } from './device-settings';
import { roundConfigOf } from './round-config';

export interface Desk {
  config: TableConfig;
  engine: TableEngine;
  journal: Journal;
  devices: TableDevices;
  recovery: RecoveryReport;
  /** The OBS director (engine/studio); absent without an `obs` section. */
  director?: Director;
  /** Signed outcomes and their delivery (engine/delivery); absent without a `platform` section. */
  outcomes?: OutcomeService;
  /** The wheel calibration profile in force (the latest saved), applied to the wheel's readings. */
  wheelProfile: ActiveWheelProfile;
  /** The technician's saved scene plan and vision regions in force (the table file is the baseline). */
  setup: SetupInForce;
  /** The technician's device settings: validated, journaled, applied between rounds by reopening the port. */
  deviceSettings: DeviceSettingsEditor;
  /** The vision check (engine/vision/check); absent without an enabled `vision` section. */
  vision?: DeskVision;
  stop(): Promise<void>;
}

export interface DeskOptions {
  logger?: Logger;
  /** Time scale of built-in simulators (demo tables); real devices are unaffected. */
  timeScale?: number;
  /** Opens the vision runtime's classifier; without it a vision table holds every result for review. */
  openClassifier?: DeskVisionDeps['openClassifier'];
  /** Seals the outcome signing key at rest (main passes Electron safeStorage); plain 0600 files without. */
  keyWrap?: OutcomeServiceOptions['keyWrap'];
}

/**
 * The headless desk of one table: journal, round engine rebuilt from it, devices (real, or simulated
 * on loopback), wired together. The Electron app and the browser view run this same desk.
 */
export async function startDesk(config: TableConfig, opts: DeskOptions = {}): Promise<Desk> {
  mkdirSync(dirname(config.journal.path), { recursive: true });
  const journal = openJournal(config.journal.path);
  let engine: TableEngine;
  let outcomes: OutcomeService | undefined;
  try {
    // Before the engine opens: a round its recovery finishes gets its outcome like any other.
    outcomes = config.platform
      ? await OutcomeService.open(journal, config, { logger: opts.logger, keyWrap: opts.keyWrap })
      : undefined;
    engine = TableEngine.open(journal, roundConfigOf(config), { finalWrites: outcomes?.finalWrites });
  } catch (e) {
    journal.close();
    throw e;
  }
  outcomes?.start();
  // The technician's saved device settings over the table file's.
  const devices = await openTableDevices(withSavedDevices(config, journal), {
    logger: opts.logger,
    timeScale: opts.timeScale,
    handRule: baccaratHandRule,
  });
  const wheelProfile = new ActiveWheelProfile(journal);
  const detach = attachDevices(
    engine,
    { wheel: devices.wheel, shoe: devices.shoe },
    { calibrateWheel: (ev) => applyProfile(ev, wheelProfile.current()) },
  );
  const unwatch = journalDeviceStatus(journal, devices, opts.logger);
  // Listening before the devices start: no sensor result can be verified unseen. OBS's screenshot
  // is looked up when a check runs (the director opens below).
  // The latest saved scene plan and regions in force are read back from the journal.
  const effective = withSavedSetup(config, journal);
  const vision = openDeskVision(effective, journal, engine, {
    screenshot: (source) =>
      studio?.director.screenshot(source) ?? Promise.reject(new Error('no OBS director')),
    openClassifier: opts.openClassifier,
    logger: opts.logger,
  });
  engine.start();
  devices.wheel?.start();
  devices.shoe?.start();
  const studio = openStudio(effective, journal, engine, devices, opts.logger);
  const setup = new SetupInForce(config, journal, studio?.director, vision);
  const deviceSettings = new DeviceSettingsEditor(config, journal, engine, devices);
  return {
    config,
    engine,
    journal,
    devices,
    recovery: engine.recovery,
    director: studio?.director,
    outcomes,
    wheelProfile,
    setup,
    deviceSettings,
    vision,
    async stop() {
      detach();
      await vision?.stop();
      await studio?.stop();
      engine.stop();
      await devices.stop();
      await outcomes?.stop();
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
