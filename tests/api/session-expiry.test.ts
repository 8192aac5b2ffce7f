/** Sessions on the contract: an idle session ends, the screen is told, and it must log in again. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../contract/events';
import { DeskApi } from '../../engine/api/desk-api';
import { Authenticator } from '../../engine/auth/authenticator';
import { demoTableConfig } from '../../engine/config/demo';
import { roundConfigOf } from '../../engine/desk/round-config';
import { openJournal } from '../../engine/journal/sqlite-journal';
import { TableEngine } from '../../engine/rounds/table-engine';

const dir = mkdtempSync(join(tmpdir(), 'desk-session-'));
const config = { ...demoTableConfig(), journal: { path: join(dir, 'j.sqlite') } };
const journal = openJournal(config.journal.path);
const engine = TableEngine.open(journal, roundConfigOf(config));
let now = 1_000_000;
const clock = { now: () => now };
const api = new DeskApi(
  { config, engine, journal, devices: { simulators: {}, stop: async () => undefined } },
  {
    authenticator: new Authenticator({ users: config.users, clock, sessions: { idleMs: 60_000 } }),
    sessionSweepMs: 20,
  },
);
afterAll(() => {
  api.close();
  journal.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sessions over the contract', () => {
  it('tells an idle screen its session ended and refuses its next request', async () => {
    const events: DeskEvent[] = [];
    const conn = api.connect((e) => events.push(e), { via: 'ipc' });
    const login = await conn.request('session.login', {
      role: 'dealer',
      userId: 'demo-dealer',
      secret: '1234',
    });
    expect(login.ok).toBe(true);
    expect((await conn.request('desk.snapshot', {})).ok).toBe(true);
    now += 61_000;
    await new Promise((r) => setTimeout(r, 100));
    expect(events).toContainEqual({
      event: 'session',
      data: { state: 'ended', reason: 'session expired: log in again' },
    });
    expect(await conn.request('desk.snapshot', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('keeps a session alive while it is used', async () => {
    const conn = api.connect(() => undefined, { via: 'ipc' });
    await conn.request('session.login', { role: 'dealer', userId: 'demo-dealer', secret: '1234' });
    for (let i = 0; i < 3; i++) {
      now += 40_000;
      expect((await conn.request('desk.snapshot', {})).ok).toBe(true);
    }
  });

  it('sends no event to a screen that has not logged in', () => {
    const events: DeskEvent[] = [];
    api.connect((e) => events.push(e), { via: 'ipc' });
    engine.handle({
      source: 'operator',
      command: { cmd: 'openBetting', roundId: null, user: { id: 'd', role: 'dealer' } },
    });
    expect(events).toEqual([]);
  });
});
