/**
 * The OBS director (engine/studio, team OBS) as the contract sees it: its light (status with the
 * reason and what the plan needs that OBS lacks), its figures for the monitoring charts (fps,
 * skipped frames) and camera switching as the session's user, guarded and journaled by the director.
 */
import type { CameraView } from '../../contract/views';
import type { ConnectionStatus } from '../../lib/status';
import type { TableConfig } from '../config/schema';
import type { Director, DirectorStatus } from '../studio/director';
import type { HealthReport } from '../studio/health';
import type { CameraControl } from './desk-api';
import type { SubsystemAdapter } from './subsystems';

export function directorStatus(s: DirectorStatus): ConnectionStatus {
  const extra = [...s.problems, ...s.alarms.map((a) => a.message)];
  const reason = [s.reason, ...extra].filter(Boolean).join('; ');
  return { state: s.state, reason, since: s.since };
}

export function directorSubsystem(director: Director): SubsystemAdapter {
  const listeners = new Map<(s: ConnectionStatus) => void, (s: DirectorStatus) => void>();
  return {
    source: {
      get status() {
        return directorStatus(director.status());
      },
      on(_e, l) {
        const wrapped = (s: DirectorStatus) => l(directorStatus(s));
        listeners.set(l, wrapped);
        director.on('status', wrapped);
      },
      off(_e, l) {
        const wrapped = listeners.get(l);
        if (wrapped) director.off('status', wrapped);
        listeners.delete(l);
      },
    },
    metrics(sink) {
      const onHealth = (r: HealthReport) => {
        sink('obs.fps', r.sample.activeFps, r.sample.at);
        sink('obs.skippedFrames', r.renderSkippedPct + r.outputSkippedPct, r.sample.at);
      };
      director.on('health', onHealth);
      return () => director.off('health', onHealth);
    },
  };
}

export function directorCameras(director: Director, config: TableConfig): CameraControl {
  return {
    cameras(): CameraView[] {
      // The plan in force (a technician's saved plan, else the table file's).
      const plan = director.scenePlan?.() ?? config.obs?.scenePlan;
      return Object.entries(plan?.cameras ?? {}).map(([name, c]) => ({
        name,
        scene: c.scene,
      }));
    },
    async select(user, camera) {
      const r = director.command({ cmd: 'camera', camera, user });
      if (r.ok) return { ok: true, value: r.summary };
      return { ok: false, error: { code: r.code, message: r.message } };
    },
  };
}
