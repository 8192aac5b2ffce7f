/**
 * The vision check (engine/vision/check, team VISION-CHECK) and the outcome delivery
 * (engine/delivery, team OUTCOMES) as the contract sees them: one light each with the reason in
 * words, progress while models load or a backlog drains, and their figures for the charts.
 */
import type { Progress } from '../../contract/views';
import type { ConnectionStatus } from '../../lib/status';
import type { OutcomeService } from '../delivery/outcome-service';
import type { DeliveryStatus } from '../delivery/worker';
import type { DeskVision } from '../vision/check/desk-vision';
import type { VisionCheckStatus } from '../vision/check/status';
import type { VisionVerdict } from '../vision/verdict';
import type { SubsystemAdapter, SubsystemSource } from './subsystems';

/** 'unavailable' (no model, a corrupt file) is a red light whose words say so. */
export function visionLight(s: VisionCheckStatus): ConnectionStatus {
  if (s.state === 'unavailable')
    return { state: 'error', reason: `unavailable: ${s.reason}`, since: s.since };
  return { state: s.state, reason: s.reason, since: s.since };
}

type Emitter<T> = {
  on(e: 'status', l: (s: T) => void): unknown;
  off(e: 'status', l: (s: T) => void): unknown;
};

/** A status source over an emitter whose statuses need mapping. */
function mapped<T>(
  emitter: Emitter<T>,
  read: () => ConnectionStatus,
  progress?: () => Progress | null,
): SubsystemSource {
  const wrapped = new Map<(s: ConnectionStatus) => void, (s: T) => void>();
  return {
    get status() {
      return read();
    },
    on(_e, l) {
      const w = () => l(read());
      wrapped.set(l, w);
      emitter.on('status', w);
    },
    off(_e, l) {
      const w = wrapped.get(l);
      if (w) emitter.off('status', w);
      wrapped.delete(l);
    },
    ...(progress ? { progress } : {}),
  };
}

export function visionSubsystem(vision: DeskVision): SubsystemAdapter {
  const check = vision.check;
  return {
    source: mapped(
      check,
      () => visionLight(check.status()),
      () =>
        vision.classifier?.status().state === 'loading'
          ? { label: 'loading model', done: 0, total: null }
          : null,
    ),
    metrics(sink) {
      const onVerdict = (v: VisionVerdict) => {
        const c = v.readings.map((r) => r.confidence);
        if (c.length > 0) sink('vision.confidence', Math.min(...c), Date.now());
      };
      check.on('verdict', onVerdict);
      return () => check.off('verdict', onVerdict);
    },
  };
}

const RANK: Record<string, number> = {
  ok: 0,
  connecting: 1,
  stale: 2,
  disconnected: 3,
  error: 4,
  authentication_failure: 5,
  bad_config: 6,
};

/** All delivery targets as one light: the worst state, every target's backlog and reason in words. */
export function deliveryLight(statuses: readonly DeliveryStatus[], now: number): ConnectionStatus {
  if (statuses.length === 0)
    return { state: 'connecting', reason: 'no delivery target reported yet', since: now };
  const worst = [...statuses].sort(
    (a, b) => (RANK[b.state] ?? 9) - (RANK[a.state] ?? 9),
  )[0] as DeliveryStatus;
  const reason = statuses
    .map(
      (s) =>
        `${s.target}: ${s.backlog} waiting${s.alarm ? ' (ALARM)' : ''}${s.reason ? `, ${s.reason}` : ''}`,
    )
    .join('; ');
  return { state: worst.state, reason, since: worst.since };
}

export function deliverySubsystem(outcomes: OutcomeService): SubsystemAdapter {
  const backlog = () => outcomes.status().reduce((n, s) => n + s.backlog, 0);
  return {
    source: mapped(
      outcomes,
      () => deliveryLight(outcomes.status(), Date.now()),
      () => {
        const n = backlog();
        return n > 0
          ? { label: `draining backlog: ${n} outcome${n === 1 ? '' : 's'} waiting`, done: 0, total: null }
          : null;
      },
    ),
    metrics(sink) {
      const onStatus = () => sink('platform.backlog', backlog(), Date.now());
      outcomes.on('status', onStatus);
      return () => outcomes.off('status', onStatus);
    },
  };
}
