import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION, SessionStore } from '../../engine/auth/sessions';

const MIN = 60_000;
const HOUR = 60 * MIN;
const BO = { id: 'bo', name: 'Bo', role: 'dealer' } as const;
const ANA = { id: 'ana', name: 'Ana', role: 'floor_manager' } as const;

function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('sessions', () => {
  it('defaults to 30 minutes idle and 12 hours in all', () => {
    expect(DEFAULT_SESSION).toEqual({ idleMs: 30 * MIN, absoluteMs: 12 * HOUR });
  });

  it('issues 32 random bytes as base64url, different each time', () => {
    const s = new SessionStore(manualClock());
    const a = s.create(BO);
    const b = s.create(BO);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.user).toEqual(BO);
  });

  it('expires after 30 idle minutes', () => {
    const clock = manualClock();
    const s = new SessionStore(clock);
    const { token, expiresAt } = s.create(BO);
    expect(expiresAt).toBe(clock.now() + 30 * MIN);
    clock.advance(30 * MIN - 1);
    expect(s.peek(token).ok).toBe(true);
    clock.advance(1);
    expect(s.touch(token)).toEqual({ ok: false, error: 'expired' });
    expect(s.touch(token)).toEqual({ ok: false, error: 'unknown_session' });
  });

  it('slides the idle time on activity, but not on a peek', () => {
    const clock = manualClock();
    const s = new SessionStore(clock);
    const { token } = s.create(BO);
    clock.advance(20 * MIN);
    expect(s.peek(token).ok).toBe(true);
    clock.advance(9 * MIN);
    const touched = s.touch(token);
    expect(touched.ok && touched.session.expiresAt).toBe(clock.now() + 30 * MIN);
    clock.advance(29 * MIN);
    expect(s.touch(token).ok).toBe(true);
  });

  it('ends after 12 hours however active', () => {
    const clock = manualClock();
    const s = new SessionStore(clock);
    const { token, createdAt } = s.create(BO);
    for (let t = 0; t < 12 * HOUR - 20 * MIN; t += 20 * MIN) {
      clock.advance(20 * MIN);
      expect(s.touch(token).ok).toBe(true);
    }
    const last = s.peek(token);
    expect(last.ok && last.session.expiresAt).toBe(createdAt + 12 * HOUR);
    clock.advance(createdAt + 12 * HOUR - clock.now());
    expect(s.touch(token)).toEqual({ ok: false, error: 'expired' });
  });

  it('revokes one session, or every session of a user', () => {
    const s = new SessionStore(manualClock());
    const a = s.create(BO);
    const b = s.create(BO);
    const c = s.create(ANA);
    expect(s.revoke(a.token)).toBe(true);
    expect(s.revoke(a.token)).toBe(false);
    expect(s.touch(a.token)).toEqual({ ok: false, error: 'unknown_session' });
    expect(s.touch(b.token).ok).toBe(true);
    expect(s.revokeUser('bo')).toBe(1);
    expect(s.touch(b.token).ok).toBe(false);
    expect(s.touch(c.token).ok).toBe(true);
    expect(s.active()).toEqual([ANA]);
  });

  it('refuses a token it never issued', () => {
    const s = new SessionStore(manualClock());
    s.create(BO);
    expect(s.touch('x'.repeat(43))).toEqual({ ok: false, error: 'unknown_session' });
    expect(s.touch('')).toEqual({ ok: false, error: 'unknown_session' });
  });

  it('takes other limits', () => {
    const clock = manualClock();
    const s = new SessionStore(clock, { idleMs: MIN, absoluteMs: 2 * MIN });
    const { token } = s.create(BO);
    clock.advance(MIN);
    expect(s.touch(token).ok).toBe(false);
  });
});
