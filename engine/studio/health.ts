/**
 * Stream health, pure: one sample of OBS's stats and output status → the alarms that hold now.
 * Skipped-frame shares are computed over the interval since the previous sample (OBS's counters are
 * cumulative), so an old burst does not keep an alarm on forever.
 */
import type { ObsConfig } from '../config/schema';

export interface HealthSample {
  at: number;
  activeFps: number;
  cpuPct: number;
  memoryMb: number;
  renderSkipped: number;
  renderTotal: number;
  outputSkipped: number;
  outputTotal: number;
  recording: { active: boolean; timecode: string | null };
  streaming: { active: boolean; timecode: string | null; reconnecting: boolean };
}

export const ALARM_CODES = [
  'low_fps',
  'render_skipped',
  'output_skipped',
  'cpu',
  'memory',
  'not_recording',
  'not_streaming',
  'stream_reconnecting',
] as const;
export type AlarmCode = (typeof ALARM_CODES)[number];

export interface Alarm {
  code: AlarmCode;
  message: string;
}

export interface HealthReport {
  sample: HealthSample;
  renderSkippedPct: number;
  outputSkippedPct: number;
  alarms: Alarm[];
}

function share(skipped: number, total: number, prevSkipped: number, prevTotal: number): number {
  const dt = total - prevTotal;
  const ds = skipped - prevSkipped;
  // Counters restart with OBS: a drop means a new run, use the new counters alone.
  if (dt < 0 || ds < 0) return total > 0 ? (100 * skipped) / total : 0;
  return dt > 0 ? (100 * ds) / dt : 0;
}

export function evaluateHealth(
  prev: HealthSample | null,
  cur: HealthSample,
  limits: ObsConfig['health'],
  canvasFps: number | null,
): HealthReport {
  const renderSkippedPct = share(
    cur.renderSkipped,
    cur.renderTotal,
    prev?.renderSkipped ?? 0,
    prev?.renderTotal ?? 0,
  );
  const outputSkippedPct = share(
    cur.outputSkipped,
    cur.outputTotal,
    prev?.outputSkipped ?? 0,
    prev?.outputTotal ?? 0,
  );
  const alarms: Alarm[] = [];
  const minFps = limits.minActiveFps ?? (canvasFps !== null ? canvasFps * 0.9 : null);
  if (minFps !== null && cur.activeFps < minFps)
    alarms.push({
      code: 'low_fps',
      message: `OBS renders ${cur.activeFps.toFixed(1)} fps, below ${minFps.toFixed(1)}`,
    });
  if (renderSkippedPct > limits.maxSkippedFramesPct)
    alarms.push({
      code: 'render_skipped',
      message: `${renderSkippedPct.toFixed(1)} % of frames missed by the renderer (GPU or CPU overloaded)`,
    });
  if (outputSkippedPct > limits.maxSkippedFramesPct)
    alarms.push({
      code: 'output_skipped',
      message: `${outputSkippedPct.toFixed(1)} % of frames skipped by the encoder (encoder overloaded)`,
    });
  if (cur.cpuPct > limits.maxCpuPct)
    alarms.push({
      code: 'cpu',
      message: `OBS uses ${cur.cpuPct.toFixed(0)} % CPU (limit ${limits.maxCpuPct} %)`,
    });
  if (cur.memoryMb > limits.maxMemoryMb)
    alarms.push({
      code: 'memory',
      message: `OBS uses ${cur.memoryMb.toFixed(0)} MB (limit ${limits.maxMemoryMb} MB)`,
    });
  if (limits.requireRecording && !cur.recording.active)
    alarms.push({
      code: 'not_recording',
      message: 'OBS is not recording: rounds have no recording evidence',
    });
  if (limits.requireStreaming && !cur.streaming.active)
    alarms.push({ code: 'not_streaming', message: 'OBS is not streaming' });
  if (cur.streaming.reconnecting)
    alarms.push({ code: 'stream_reconnecting', message: 'the stream is reconnecting to the ingest server' });
  return { sample: cur, renderSkippedPct, outputSkippedPct, alarms };
}

/** Alarms raised and cleared between two reports, for the audit trail. */
export function alarmChanges(
  before: readonly Alarm[],
  after: readonly Alarm[],
): { raised: Alarm[]; cleared: Alarm[] } {
  const had = new Set(before.map((a) => a.code));
  const has = new Set(after.map((a) => a.code));
  return { raised: after.filter((a) => !had.has(a.code)), cleared: before.filter((a) => !has.has(a.code)) };
}
