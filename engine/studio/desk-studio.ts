/**
 * The director in the desk: optional (no `obs` section → none), never fatal (OBS unreachable or a
 * missing password → the desk runs on and the status says why). Follows the engine's state and the
 * devices' events, and journals every change of the OBS link (`link.obs.status`) like the devices'.
 */
import { hostname } from 'node:os';
import type { Logger } from '../../lib/logger';
import type { ConnectionStatus } from '../../lib/status';
import type { TableConfig } from '../config/schema';
import type { Journal } from '../journal/types';
import type { TableEngine } from '../rounds/table-engine';
import type { TableDevices } from '../desk/devices';
import { Director } from './director';

export interface DeskStudio {
  director: Director;
  stop(): Promise<void>;
}

export function openStudio(
  config: TableConfig,
  journal: Journal,
  engine: TableEngine,
  devices: TableDevices,
  logger?: Logger,
  env: NodeJS.ProcessEnv = process.env,
): DeskStudio | undefined {
  const obs = config.obs;
  if (!obs) return undefined;
  const password = obs.passwordEnv ? env[obs.passwordEnv] : undefined;
  const configProblem =
    obs.passwordEnv && !password
      ? `the environment variable ${obs.passwordEnv} (obs.passwordEnv) is not set: the desk has no OBS password`
      : undefined;
  const owner = `${config.table.id}@${hostname()}:${process.pid}`;
  const director = new Director({ config: obs, journal, password, logger, configProblem, owner });
  let last = '';
  const onStatus = (s: ConnectionStatus) => {
    const key = `${s.state}\n${s.reason}`;
    if (key === last) return;
    last = key;
    logger?.info({ obs: s.state, reason: s.reason }, 'OBS');
    try {
      journal.append({
        kind: 'link.obs.status',
        actor: { id: 'obs', role: 'system' },
        data: { state: s.state, reason: s.reason },
      });
    } catch (e) {
      logger?.error({ err: (e as Error).message }, 'OBS status not journaled');
    }
  };
  const onState = director.onTableState.bind(director);
  const onSensor = director.onSensor.bind(director);
  director.on('status', onStatus);
  engine.on('state', onState);
  devices.wheel?.on('event', onSensor);
  devices.shoe?.on('event', onSensor);
  director.onTableState(engine.publicState());
  director.start();
  onStatus(director.status());
  return {
    director,
    async stop() {
      engine.off('state', onState);
      devices.wheel?.off('event', onSensor);
      devices.shoe?.off('event', onSensor);
      await director.stop();
      director.off('status', onStatus);
    },
  };
}
