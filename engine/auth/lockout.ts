/**
 * Lockout after repeated failed logins. The policy is pure (`lockoutState`, `afterFailure`,
 * `afterSuccess` over a per-user record and the current time); `LockoutTracker` keeps the records
 * in memory and reads an injected clock.
 *
 * Default: 5 failures within 10 minutes lock the user id for 5 minutes. While locked, attempts are
 * refused without being counted (they neither extend the lock nor check the secret). When the lock
 * ends the count starts again from zero; a successful login resets it.
 */
import type { Clock } from '../../lib/clock';

export interface LockoutOptions {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT: Readonly<LockoutOptions> = Object.freeze({
  maxFailures: 5,
  windowMs: 10 * 60_000,
  lockMs: 5 * 60_000,
});

export interface LockoutRecord {
  /** Times of the failures still inside the window, oldest first. */
  readonly failures: readonly number[];
  readonly lockedUntil?: number;
}

export const CLEAN_RECORD: LockoutRecord = Object.freeze({ failures: [] });

export type LockoutState = { locked: false; failuresLeft: number } | { locked: true; until: number };

function recent(record: LockoutRecord, now: number, opts: LockoutOptions): number[] {
  return record.failures.filter((t) => t > now - opts.windowMs && t <= now);
}

export function lockoutState(
  record: LockoutRecord,
  now: number,
  opts: LockoutOptions = DEFAULT_LOCKOUT,
): LockoutState {
  if (record.lockedUntil !== undefined && now < record.lockedUntil)
    return { locked: true, until: record.lockedUntil };
  return { locked: false, failuresLeft: Math.max(0, opts.maxFailures - recent(record, now, opts).length) };
}

/** The record after a failed attempt at `now` (an attempt while locked changes nothing). */
export function afterFailure(
  record: LockoutRecord,
  now: number,
  opts: LockoutOptions = DEFAULT_LOCKOUT,
): LockoutRecord {
  if (record.lockedUntil !== undefined && now < record.lockedUntil) return record;
  const failures = [...recent(record, now, opts), now];
  if (failures.length >= opts.maxFailures) return { failures: [], lockedUntil: now + opts.lockMs };
  return { failures };
}

export function afterSuccess(): LockoutRecord {
  return CLEAN_RECORD;
}

/** Whether a record carries nothing worth keeping at `now`. */
function isSpent(record: LockoutRecord, now: number, opts: LockoutOptions): boolean {
  const locked = record.lockedUntil !== undefined && now < record.lockedUntil;
  return !locked && recent(record, now, opts).length === 0;
}

/**
 * User ids tracked before pruning: spent records are dropped first, then the least recently active
 * unlocked ones. A lock is never dropped to make room (flooding ids must not lift a lock).
 */
export const MAX_TRACKED = 10_000;

export class LockoutTracker {
  private readonly records = new Map<string, LockoutRecord>();
  readonly options: LockoutOptions;

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    options: Partial<LockoutOptions> = {},
    private readonly maxTracked = MAX_TRACKED,
  ) {
    this.options = { ...DEFAULT_LOCKOUT, ...options };
  }

  state(userId: string): LockoutState {
    return lockoutState(this.records.get(userId) ?? CLEAN_RECORD, this.clock.now(), this.options);
  }

  recordFailure(userId: string): LockoutState {
    const now = this.clock.now();
    const next = afterFailure(this.records.get(userId) ?? CLEAN_RECORD, now, this.options);
    this.records.delete(userId); // re-insert: the map's order is the order of last activity
    this.records.set(userId, next);
    this.prune(now);
    return lockoutState(next, now, this.options);
  }

  recordSuccess(userId: string): void {
    this.records.delete(userId);
  }

  /** Lifts a lock by hand (a floor manager's decision). */
  unlock(userId: string): void {
    this.records.delete(userId);
  }

  get size(): number {
    return this.records.size;
  }

  private prune(now: number): void {
    if (this.records.size <= this.maxTracked) return;
    for (const [id, r] of this.records) if (isSpent(r, now, this.options)) this.records.delete(id);
    for (const [id, r] of this.records) {
      if (this.records.size <= this.maxTracked) break;
      if (lockoutState(r, now, this.options).locked) continue;
      this.records.delete(id);
    }
  }
}
