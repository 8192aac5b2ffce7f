/**
 * The browser view's server over a real loopback socket, on a real desk (demo table, simulated
 * devices read by the real drivers, journal on disk): static files, origin checks, login, the
 * contract's checks, the engine's role checks, events, audit, technician traffic.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTableConfig } from '../../engine/config/demo';
import { startDesk, type Desk } from '../../engine/desk/desk';
import { serveDesk, type ServedDesk } from '../../engine/api/serve-desk';
import { TestClient } from './ws-client';

let dir: string;
let desk: Desk;
let served: ServedDesk;
let port: number;
const clients: TestClient[] = [];

async function client(headers?: Record<string, string>): Promise<TestClient> {
  const c = await TestClient.open(port, headers);
  clients.push(c);
  return c;
}

async function loggedIn(role: 'dealer' | 'floor_manager' | 'technician'): Promise<TestClient> {
  const c = await client();
  const creds = {
    dealer: ['demo-dealer', '1234'],
    floor_manager: ['demo-floor', 'floor-demo'],
    technician: ['demo-tech', 'tech-demo'],
  }[role];
  const r = await c.call('session.login', { role, userId: creds[0] as string, secret: creds[1] as string });
  expect(r.ok).toBe(true);
  return c;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'desk-server-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Studio Desk</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  const config = { ...demoTableConfig(), journal: { path: join(dir, 'journal.sqlite') } };
  desk = await startDesk(config, { timeScale: 0.05 });
  served = await serveDesk(desk, { port: 0, rendererDir: renderer });
  port = served.server?.port ?? 0;
});

afterAll(async () => {
  for (const c of clients) c.close();
  await served?.stop();
  await desk?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('HTTP', () => {
  it('serves the renderer with a strict CSP and no-sniff', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Studio Desk');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await fetch(`http://127.0.0.1:${port}/assets/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets'])
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).status, path).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/`, { method: 'POST' })).status).toBe(405);
  });
});

describe('WebSocket', () => {
  it('refuses a page of another origin and a rebinding Host', async () => {
    await expect(TestClient.open(port, { Origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(TestClient.open(port, { Host: `evil.example:${port}` })).rejects.toThrow('403');
    const own = await client({ Origin: `http://127.0.0.1:${port}` });
    expect((await own.call('desk.snapshot')).ok).toBe(false);
  });

  it('answers every request, bad ones with a typed error', async () => {
    const c = await client();
    expect(await c.call('desk.snapshot')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await c.raw('no.such.method')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await c.raw('session.login', { role: 'dealer', userId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringContaining('secret') },
    });
    c.ws.send('not json');
    await new Promise((r) => setTimeout(r, 100));
    expect(c.ws.readyState).toBe(c.ws.OPEN);
  });

  it('refuses a wrong PIN and a right PIN for another role in the same words, and journals both', async () => {
    const c = await client();
    const wrong = await c.call('session.login', { role: 'dealer', userId: 'demo-dealer', secret: '9999' });
    const role = await c.call('session.login', {
      role: 'floor_manager',
      userId: 'demo-dealer',
      secret: '1234',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'login_refused' } });
    expect(role).toEqual(wrong);
    expect(await c.call('desk.snapshot')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const floor = await loggedIn('floor_manager');
    const trail = await floor.call('audit.query', { kind: 'session.refused', limit: 10 });
    expect(trail.ok && trail.value.entries.map((e) => (e.data as { error: string }).error)).toEqual(
      expect.arrayContaining(['bad_secret', 'wrong_role']),
    );
  });

  it('logs a dealer in: snapshot and events, and no secret ever crosses', async () => {
    const c = await client();
    const r = await c.call('session.login', { role: 'dealer', userId: 'demo-dealer', secret: '1234' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.session.user).toMatchObject({ id: 'demo-dealer', role: 'dealer' });
    expect(r.value.session.user.actions).not.toContain('voidRound');
    expect(r.value.snapshot.table.tableId).toBe('demo');
    expect(r.value.snapshot.devices.map((d) => d.name)).toEqual(['wheel', 'shoe']);
    expect(r.value.snapshot.subsystems.map((s) => [s.name, s.configured])).toEqual([
      ['obs', false],
      ['vision', false],
      ['platform', false],
    ]);
    const text = JSON.stringify(r.value.snapshot);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toContain('secret');
    await c.waitFor('state');
  });

  it('passes commands to the engine as the session user: a dealer may not void, a stale round is refused', async () => {
    const c = await loggedIn('dealer');
    const snap = await c.call('desk.snapshot');
    if (!snap.ok) throw new Error('snapshot');
    const roundId = snap.value.table.round?.id ?? 'demo-1';
    const voided = await c.call('round.command', { cmd: 'void', roundId, reason: 'dealer tries' });
    expect(voided).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stale = await c.call('round.command', { cmd: 'closeBetting', roundId: 'demo-999' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale_round' } });
    const noReason = await c.raw('round.command', { cmd: 'void', roundId, reason: '' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const asOther = await c.raw('round.command', {
      cmd: 'settle',
      roundId,
      user: { id: 'demo-floor', role: 'floor_manager' },
    });
    expect(asOther).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const floor = await loggedIn('floor_manager');
    const trail = await floor.call('audit.query', { text: 'dealer tries', limit: 5 });
    expect(trail.ok && trail.value.entries[0]?.kind).toBe('command.void');
    expect(trail.ok && trail.value.entries[0]?.actor).toEqual({ id: 'demo-dealer', role: 'dealer' });
  });

  it('keeps the audit trail from dealers and resumes a session on a new socket until logout', async () => {
    const c = await client();
    const r = await c.call('session.login', { role: 'dealer', userId: 'demo-dealer', secret: '1234' });
    if (!r.ok) throw new Error('login');
    expect(await c.call('audit.query', { limit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const again = await client();
    const resumed = await again.call('session.resume', { token: r.value.session.token });
    expect(resumed.ok && resumed.value.session.user.id).toBe('demo-dealer');
    expect((await again.call('session.logout')).ok).toBe(true);
    const third = await client();
    expect(await third.call('session.resume', { token: r.value.session.token })).toMatchObject({
      ok: false,
      error: { code: 'session_expired' },
    });
  });

  it('streams raw traffic and decoded events to a technician who asks, never to a dealer', async () => {
    const dealer = await loggedIn('dealer');
    expect(await dealer.call('tech.traffic', { device: 'wheel', on: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const tech = await loggedIn('technician');
    expect((await tech.call('tech.traffic', { device: 'wheel', on: true })).ok).toBe(true);
    const line = await tech.waitFor('traffic', (t) => t.device === 'wheel' && t.dir === 'rx');
    expect(line.hex).toMatch(/^[0-9a-f]{2}( [0-9a-f]{2})*/);
    await tech.waitFor('decoded', (d) => d.device === 'wheel');
    expect(dealer.events.some((e) => e.event === 'traffic' || e.event === 'decoded')).toBe(false);
    const ports = await tech.call('tech.ports');
    expect(ports.ok && Array.isArray(ports.value)).toBe(true);
  });
});
