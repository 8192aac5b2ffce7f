import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Authenticator,
  LOGIN_REFUSED,
  type AuthUser,
  type LoginResult,
} from '../../engine/auth/authenticator';
import { hashSecret, type ScryptCost } from '../../engine/auth/secret';
import { DEMO_CREDENTIALS, demoTableConfig } from '../../engine/config/demo';

const MIN = 60_000;
const CHEAP: ScryptCost = { N: 1024, r: 8, p: 1 };

function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

let users: AuthUser[];

beforeAll(async () => {
  users = [
    { id: 'bo', name: 'Bo', role: 'dealer', secret: await hashSecret('4821', CHEAP) },
    { id: 'ana', name: 'Ana', role: 'floor_manager', secret: await hashSecret('pit-boss-2025', CHEAP) },
  ];
});

function setup() {
  const clock = manualClock();
  return { clock, auth: new Authenticator({ users, clock }) };
}

function errorOf(r: LoginResult): string {
  return r.ok ? 'ok' : r.error;
}

describe('Authenticator', () => {
  it('logs in with the right secret and opens a session', async () => {
    const { auth } = setup();
    const r = await auth.login('bo', '4821');
    if (!r.ok) throw new Error(r.error);
    expect(r.session.user).toEqual({ id: 'bo', name: 'Bo', role: 'dealer' });
    expect(auth.sessions.touch(r.session.token).ok).toBe(true);
    expect(auth.logout(r.session.token)).toBe(true);
    expect(auth.sessions.touch(r.session.token).ok).toBe(false);
  });

  it('refuses a wrong secret, saying how many attempts are left', async () => {
    const { auth } = setup();
    expect(await auth.login('bo', '4822')).toEqual({
      ok: false,
      error: 'bad_secret',
      userId: 'bo',
      failuresLeft: 4,
    });
  });

  it('refuses an unknown user in the same shape, counted the same way', async () => {
    const { auth } = setup();
    expect(await auth.login('zed', '4821')).toEqual({
      ok: false,
      error: 'unknown_user',
      userId: 'zed',
      failuresLeft: 4,
    });
    expect(LOGIN_REFUSED).toBe('unknown user or wrong PIN/password');
  });

  it('locks after five failures, refuses even the right secret while locked, and lets in after five minutes', async () => {
    const { auth, clock } = setup();
    for (let i = 0; i < 4; i++) expect(errorOf(await auth.login('bo', '0000'))).toBe('bad_secret');
    const fifth = await auth.login('bo', '0000');
    expect(fifth).toEqual({ ok: false, error: 'locked', userId: 'bo', until: clock.now() + 5 * MIN });
    expect(errorOf(await auth.login('bo', '4821'))).toBe('locked');
    expect(errorOf(await auth.login('ana', 'pit-boss-2025'))).toBe('ok');
    clock.advance(5 * MIN);
    expect(errorOf(await auth.login('bo', '4821'))).toBe('ok');
  });

  it('resets the count on a successful login', async () => {
    const { auth } = setup();
    for (let i = 0; i < 4; i++) await auth.login('bo', '0000');
    expect(errorOf(await auth.login('bo', '4821'))).toBe('ok');
    for (let i = 0; i < 4; i++) expect(errorOf(await auth.login('bo', '0000'))).toBe('bad_secret');
  });

  it('locks unknown user ids too, so a lock does not tell that a user exists', async () => {
    const { auth } = setup();
    const results = [];
    for (let i = 0; i < 6; i++) results.push(errorOf(await auth.login('zed', '0000')));
    expect(results).toEqual([
      'unknown_user',
      'unknown_user',
      'unknown_user',
      'unknown_user',
      'locked',
      'locked',
    ]);
  });

  it('runs parallel attempts for one user one after another, so guesses cannot slip past the lockout', async () => {
    const { auth } = setup();
    const guesses = Array.from({ length: 10 }, (_, i) => auth.login('bo', String(1000 + i)));
    const right = auth.login('bo', '4821');
    const results = (await Promise.all([...guesses, right])).map(errorOf);
    expect(results).toEqual([
      ...Array(4).fill('bad_secret'),
      ...Array(6).fill('locked'),
      'locked', // the right secret, sent after the lock
    ]);
  });

  it('takes other lockout and session limits', async () => {
    const clock = manualClock();
    const auth = new Authenticator({
      users,
      clock,
      lockout: { maxFailures: 2 },
      sessions: { idleMs: MIN },
    });
    await auth.login('ana', 'x');
    expect(errorOf(await auth.login('ana', 'y'))).toBe('locked');
    clock.advance(5 * MIN);
    const r = await auth.login('ana', 'pit-boss-2025');
    expect(r.ok && r.session.expiresAt).toBe(clock.now() + MIN);
  });

  it('logs the demo users in with their documented secrets', async () => {
    const auth = new Authenticator({ users: demoTableConfig().users, clock: manualClock() });
    const dealer = DEMO_CREDENTIALS.find((c) => c.role === 'dealer');
    const r = await auth.login(dealer?.id ?? '', dealer?.secret ?? '');
    expect(r.ok && r.session.user.role).toBe('dealer');
  });

  it('spends as long on an unknown user as on a known one (real cost)', async () => {
    const auth = new Authenticator({ users: demoTableConfig().users, clock: manualClock() });
    const time = async (id: string) => {
      const t0 = performance.now();
      await auth.login(id, '0000');
      return performance.now() - t0;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time('demo-dealer'));
      unknown.push(await time('nobody'));
    }
    const k = Math.min(...known);
    const u = Math.min(...unknown);
    // A skipped hash would take well under a millisecond against tens of milliseconds (a ratio
    // under 0.05); the margin is for a loaded machine (parallel test files, other work on 2 cores).
    expect(k).toBeGreaterThan(10);
    expect(u / k).toBeGreaterThan(0.25);
  });
});
