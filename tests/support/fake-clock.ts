import type { Clock, TimerHandle } from '../../lib/clock';

interface PendingTimer {
  at: number;
  order: number;
  fn: () => void;
}

/**
 * Manual time for drivers: nothing happens until the test calls advance(ms), which fires the due
 * timers in time order (ties in the order they were set) and lets the promise continuations each
 * timer starts run before the next one fires. Real timers are never used.
 */
export class FakeClock implements Clock {
  private elapsed = 0;
  private order = 0;
  private readonly timers = new Map<TimerHandle, PendingTimer>();

  constructor(private readonly epochMs = Date.UTC(2025, 0, 1)) {}

  now(): number {
    return this.epochMs + this.elapsed;
  }

  monotonic(): number {
    return this.elapsed;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = { fake: this.order } as unknown as TimerHandle;
    this.timers.set(handle, { at: this.elapsed + Math.max(0, ms), order: this.order++, fn });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle);
  }

  /** Timers set and neither fired nor cleared. */
  get pending(): number {
    return this.timers.size;
  }

  /** Milliseconds until each pending timer fires, soonest first. */
  pendingDelays(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.elapsed).sort((a, b) => a - b);
  }

  async advance(ms: number): Promise<void> {
    const target = this.elapsed + ms;
    await settle();
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      const [handle, timer] = next;
      this.timers.delete(handle);
      this.elapsed = timer.at;
      timer.fn();
      await settle();
    }
    this.elapsed = target;
    await settle();
  }

  private nextDue(target: number): [TimerHandle, PendingTimer] | undefined {
    let best: [TimerHandle, PendingTimer] | undefined;
    for (const entry of this.timers) {
      const t = entry[1];
      if (t.at > target) continue;
      if (!best || t.at < best[1].at || (t.at === best[1].at && t.order < best[1].order)) best = entry;
    }
    return best;
  }
}

/** Lets pending promise continuations (several awaits deep) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
