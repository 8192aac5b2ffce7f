/** Injected time, so that drivers and simulators run on fake time in tests. */
export interface Clock {
  /** Wall-clock milliseconds since the epoch (for timestamps written to records). */
  now(): number;
  /** Monotonic milliseconds with sub-millisecond resolution (for latency and timeouts). */
  monotonic(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof setTimeout>;

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
