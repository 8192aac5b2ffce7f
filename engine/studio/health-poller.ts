/**
 * Polls OBS's stats and output status every `pollMs` while connected, evaluates them (health.ts)
 * and journals every alarm raised or cleared (`studio.alarm`, actor obs) for the audit trail.
 */
import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { ObsConfig } from '../config/schema';
import type { Journal } from '../journal/types';
import { EXECUTION } from '../obs/client';
import type { ObsConnection } from '../obs/connection';
import { messageOf } from '../obs/errors';
import { alarmChanges, evaluateHealth, type Alarm, type HealthReport, type HealthSample } from './health';
import { TIMECODE_ACTOR } from './timecode';

export class HealthPoller extends EventEmitter<{ report: [HealthReport] }> {
  alarms: Alarm[] = [];
  private prev: HealthSample | null = null;
  private timer: TimerHandle | undefined;
  private stopped = true;

  constructor(
    private readonly conn: ObsConnection,
    private readonly limits: ObsConfig['health'],
    private readonly clock: Clock,
    private readonly journal?: Journal,
    private readonly logger?: Logger,
  ) {
    super();
  }

  start(canvasFps: () => number | null): void {
    this.stopped = false;
    const loop = () => {
      this.timer = this.clock.setTimeout(() => {
        void this.poll(canvasFps()).finally(() => {
          if (!this.stopped) loop();
        });
      }, this.limits.pollMs);
    };
    loop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
  }

  async poll(canvasFps: number | null): Promise<HealthReport | null> {
    if (!this.conn.connected) {
      this.prev = null;
      return null;
    }
    try {
      const [stats, rec, str] = await this.conn.batch(
        [{ requestType: 'GetStats' }, { requestType: 'GetRecordStatus' }, { requestType: 'GetStreamStatus' }],
        { executionType: EXECUTION.serialRealtime },
      );
      const s = stats?.responseData ?? {};
      const r = rec?.responseData ?? {};
      const t = str?.responseData ?? {};
      const num = (v: unknown) => (typeof v === 'number' ? v : 0);
      const sample: HealthSample = {
        at: this.clock.now(),
        activeFps: num(s.activeFps),
        cpuPct: num(s.cpuUsage),
        memoryMb: num(s.memoryUsage),
        renderSkipped: num(s.renderSkippedFrames),
        renderTotal: num(s.renderTotalFrames),
        outputSkipped: num(s.outputSkippedFrames),
        outputTotal: num(s.outputTotalFrames),
        recording: {
          active: r.outputActive === true,
          timecode: typeof r.outputTimecode === 'string' ? r.outputTimecode : null,
        },
        streaming: {
          active: t.outputActive === true,
          timecode: typeof t.outputTimecode === 'string' ? t.outputTimecode : null,
          reconnecting: t.outputReconnecting === true,
        },
      };
      const report = evaluateHealth(this.prev, sample, this.limits, canvasFps);
      this.prev = sample;
      const { raised, cleared } = alarmChanges(this.alarms, report.alarms);
      for (const [state, list] of [
        ['raised', raised],
        ['cleared', cleared],
      ] as const)
        for (const a of list) this.journalAlarm(state, a);
      if (raised.length || cleared.length) this.alarms = report.alarms;
      this.emit('report', report);
      return report;
    } catch (e) {
      this.logger?.debug({ err: messageOf(e) }, 'OBS health poll failed');
      return null;
    }
  }

  private journalAlarm(state: 'raised' | 'cleared', a: Alarm): void {
    try {
      this.journal?.append({
        kind: 'studio.alarm',
        actor: { ...TIMECODE_ACTOR },
        data: { state, code: a.code, message: a.message },
      });
    } catch (e) {
      this.logger?.error({ err: messageOf(e) }, 'studio.alarm not journaled');
    }
  }
}
