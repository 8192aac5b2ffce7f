import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  afterSuccess,
  CLEAN_RECORD,
  DEFAULT_LOCKOUT,
  LockoutTracker,
  lockoutState,
  type LockoutRecord,
} from '../../engine/auth/lockout';

const MIN = 60_000;

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('lockout policy (pure)', () => {
  it('defaults to 5 failures within 10 minutes locking for 5 minutes', () => {
    expect(DEFAULT_LOCKOUT).toEqual({ maxFailures: 5, windowMs: 10 * MIN, lockMs: 5 * MIN });
  });

  it('locks on the fifth failure within the window, until five minutes later', () => {
    let r: LockoutRecord = CLEAN_RECORD;
    const t0 = 0;
    for (let i = 0; i < 4; i++) {
      r = afterFailure(r, t0 + i * MIN);
      expect(lockoutState(r, t0 + i * MIN)).toEqual({ locked: false, failuresLeft: 4 - i });
    }
    r = afterFailure(r, t0 + 9 * MIN);
    expect(lockoutState(r, t0 + 9 * MIN)).toEqual({ locked: true, until: t0 + 14 * MIN });
    expect(lockoutState(r, t0 + 14 * MIN - 1).locked).toBe(true);
    expect(lockoutState(r, t0 + 14 * MIN)).toEqual({ locked: false, failuresLeft: 5 });
  });

  it('forgets failures older than the window', () => {
    let r: LockoutRecord = CLEAN_RECORD;
    for (let i = 0; i < 4; i++) r = afterFailure(r, i * MIN);
    // The first failure (t=0) has left the window at t=10 min: this is the fourth within it.
    r = afterFailure(r, 10 * MIN);
    expect(lockoutState(r, 10 * MIN)).toEqual({ locked: false, failuresLeft: 1 });
  });

  it('does not count or extend on attempts while locked', () => {
    let r: LockoutRecord = CLEAN_RECORD;
    for (let i = 0; i < 5; i++) r = afterFailure(r, 0);
    const locked = r;
    r = afterFailure(r, 4 * MIN);
    expect(r).toBe(locked);
    expect(lockoutState(r, 5 * MIN)).toEqual({ locked: false, failuresLeft: 5 });
  });

  it('resets on success', () => {
    let r: LockoutRecord = CLEAN_RECORD;
    for (let i = 0; i < 4; i++) r = afterFailure(r, 0);
    r = afterSuccess();
    expect(lockoutState(afterFailure(r, 1), 1)).toEqual({ locked: false, failuresLeft: 4 });
  });

  it('takes other limits', () => {
    const opts = { maxFailures: 3, windowMs: MIN, lockMs: 30 * MIN };
    let r: LockoutRecord = CLEAN_RECORD;
    r = afterFailure(r, 0, opts);
    r = afterFailure(r, 1000, opts);
    r = afterFailure(r, 2000, opts);
    expect(lockoutState(r, 2000, opts)).toEqual({ locked: true, until: 2000 + 30 * MIN });
  });
});

describe('LockoutTracker on a fake clock', () => {
  it('runs the sequence: four failures, a success resets, five failures lock, the lock ends', () => {
    const clock = manualClock();
    const t = new LockoutTracker(clock);
    for (let i = 0; i < 4; i++) t.recordFailure('bo');
    expect(t.state('bo')).toEqual({ locked: false, failuresLeft: 1 });
    t.recordSuccess('bo');
    expect(t.state('bo')).toEqual({ locked: false, failuresLeft: 5 });
    for (let i = 0; i < 4; i++) {
      expect(t.recordFailure('bo').locked).toBe(false);
      clock.advance(MIN);
    }
    const locked = t.recordFailure('bo');
    expect(locked).toEqual({ locked: true, until: clock.now() + 5 * MIN });
    clock.advance(5 * MIN - 1);
    expect(t.state('bo').locked).toBe(true);
    clock.advance(1);
    expect(t.state('bo')).toEqual({ locked: false, failuresLeft: 5 });
  });

  it('keeps users apart', () => {
    const t = new LockoutTracker(manualClock());
    for (let i = 0; i < 5; i++) t.recordFailure('bo');
    expect(t.state('bo').locked).toBe(true);
    expect(t.state('ana').locked).toBe(false);
  });

  it('can be unlocked by hand', () => {
    const t = new LockoutTracker(manualClock());
    for (let i = 0; i < 5; i++) t.recordFailure('bo');
    t.unlock('bo');
    expect(t.state('bo')).toEqual({ locked: false, failuresLeft: 5 });
  });

  it('stays bounded when flooded with ids, without dropping a lock', () => {
    const clock = manualClock();
    const t = new LockoutTracker(clock, {}, 100);
    for (let i = 0; i < 5; i++) t.recordFailure('bo');
    for (let i = 0; i < 1000; i++) t.recordFailure(`guess-${i}`);
    expect(t.size).toBeLessThanOrEqual(101);
    expect(t.state('bo').locked).toBe(true);
  });
});
