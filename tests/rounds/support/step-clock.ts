import type { Clock, TimerHandle } from '../../../lib/clock';

/**
 * Synchronous manual time for the round engine: `advance(ms)` moves the clock and runs the timers
 * that fall due, in order. (The engine is synchronous, so no promise settling is needed.)
 */
export class StepClock implements Clock {
  private elapsed = 0;
  private order = 0;
  private readonly timers = new Map<TimerHandle, { at: number; order: number; fn: () => void }>();

  constructor(private readonly epochMs = Date.UTC(2025, 0, 1, 20)) {}

  now(): number {
    return this.epochMs + this.elapsed;
  }

  monotonic(): number {
    return this.elapsed;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = { step: this.order } as unknown as TimerHandle;
    this.timers.set(handle, { at: this.elapsed + Math.max(0, ms), order: this.order++, fn });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle);
  }

  advance(ms: number): void {
    const target = this.elapsed + ms;
    for (;;) {
      const due = [...this.timers]
        .filter(([, t]) => t.at <= target)
        .sort(([, a], [, b]) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.elapsed = due[1].at;
      due[1].fn();
    }
    this.elapsed = target;
  }
}
