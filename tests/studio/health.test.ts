import { describe, expect, it } from 'vitest';
import { alarmChanges, evaluateHealth, type HealthSample } from '../../engine/studio/health';
import { demoPlan } from './support';

const limits = demoPlan({ health: { requireRecording: true } }).health;
const sample = (over: Partial<HealthSample> = {}): HealthSample => ({
  at: 0,
  activeFps: 30,
  cpuPct: 10,
  memoryMb: 300,
  renderSkipped: 0,
  renderTotal: 1000,
  outputSkipped: 0,
  outputTotal: 1000,
  recording: { active: true, timecode: '00:00:01.000' },
  streaming: { active: false, timecode: null, reconnecting: false },
  ...over,
});

describe('stream health', () => {
  it('a healthy OBS raises nothing', () => {
    expect(
      evaluateHealth(sample(), sample({ renderTotal: 1060, outputTotal: 1060 }), limits, 30).alarms,
    ).toEqual([]);
  });

  it('skipped frames are measured over the interval, not since OBS started', () => {
    const prev = sample({ renderSkipped: 500, renderTotal: 1000 });
    const quiet = evaluateHealth(prev, sample({ renderSkipped: 500, renderTotal: 1060 }), limits, 30);
    expect(quiet.renderSkippedPct).toBe(0);
    const burst = evaluateHealth(prev, sample({ renderSkipped: 530, renderTotal: 1060 }), limits, 30);
    expect(burst.renderSkippedPct).toBe(50);
    expect(burst.alarms.map((a) => a.code)).toEqual(['render_skipped']);
  });

  it('low fps against the canvas, CPU, memory and a stopped recording each raise their alarm', () => {
    const r = evaluateHealth(
      null,
      sample({ activeFps: 20, cpuPct: 95, memoryMb: 4000, recording: { active: false, timecode: null } }),
      limits,
      30,
    );
    expect(r.alarms.map((a) => a.code)).toEqual(['low_fps', 'cpu', 'memory', 'not_recording']);
    expect(r.alarms[0]?.message).toBe('OBS renders 20.0 fps, below 27.0');
  });

  it('names the alarms raised and cleared', () => {
    const a = [{ code: 'cpu' as const, message: 'x' }];
    const b = [{ code: 'memory' as const, message: 'y' }];
    expect(alarmChanges(a, b)).toEqual({ raised: b, cleared: a });
  });
});
