/**
 * The desk's other subsystems (OBS director, vision check, outcome delivery) as the contract sees
 * them: a status with its reason, optional progress, optional metrics. Each is absent when its
 * config section is (the light says "off"), so the API works on a desk that has none of them.
 */
import type { MetricName, Progress, SubsystemName, SubsystemView } from '../../contract/views';
import type { ConnectionStatus } from '../../lib/status';

export interface SubsystemSource {
  readonly status: ConnectionStatus;
  on(event: 'status', listener: (s: ConnectionStatus) => void): unknown;
  off(event: 'status', listener: (s: ConnectionStatus) => void): unknown;
  /** Something that takes more than a second (model loading, backlog draining), or null. */
  progress?(): Progress | null;
}

/** A metric sample from a subsystem (fps, skipped frames, confidence, backlog). */
export type MetricSink = (name: MetricName, value: number, at: number) => void;

export interface SubsystemAdapter {
  source: SubsystemSource;
  /** Subscribes to the subsystem's figures; returns the unsubscribe. */
  metrics?(sink: MetricSink): () => void;
}

export type Subsystems = Partial<Record<SubsystemName, SubsystemAdapter>>;

export const SUBSYSTEM_NAMES: readonly SubsystemName[] = ['obs', 'vision', 'platform'];

const OFF_REASON: Record<SubsystemName, string> = {
  obs: 'no obs section in the table configuration',
  vision: 'no vision section in the table configuration',
  platform: 'no platform section in the table configuration',
};

export function subsystemView(
  name: SubsystemName,
  adapter: SubsystemAdapter | undefined,
  now: number,
): SubsystemView {
  if (!adapter)
    return {
      name,
      configured: false,
      status: { state: 'disconnected', reason: `off: ${OFF_REASON[name]}`, since: now },
      progress: null,
    };
  return {
    name,
    configured: true,
    status: adapter.source.status,
    progress: adapter.source.progress?.() ?? null,
  };
}

/** Whether a value looks like a status source (an emitter with a `status`). */
export function isStatusSource(v: unknown): v is SubsystemSource {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const s = o['status'] as Record<string, unknown> | undefined;
  return typeof o['on'] === 'function' && typeof o['off'] === 'function' && typeof s?.['state'] === 'string';
}
