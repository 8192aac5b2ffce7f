/**
 * A floor manager rotates the outcome signing key while the desk runs (the app's way: only the
 * desk's process can seal the new private key): rounds keep settling, every outcome is accepted by
 * the platform (the demo receiver reloads the desk's public keys on the new kid), outcomes before
 * the rotation carry the old kid and after it the new one, both verify with the JWKS, the rotation
 * is journaled with its actor and reason, and dealers and technicians are refused.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemoPlatform } from '../../cli/demo-platform';
import { DeskApi } from '../../engine/api/desk-api';
import { subsystemsOfDesk } from '../../engine/api/desk-subsystems';
import { demoTableConfig } from '../../engine/config/demo';
import { KEYS_ROTATED, signingKeyDir } from '../../engine/delivery/outcome-service';
import { startAutopilot } from '../../engine/desk/autopilot';
import { startDesk } from '../../engine/desk/desk';
import { verifyOutcome } from '../../engine/outcomes/sign';
import { connectAs, type DemoRole } from '../support/demo-users';
import { until } from './support';

const dir = mkdtempSync(join(tmpdir(), 'key-rotation-'));
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

describe('rotating the signing key from the desk', () => {
  it('keeps every outcome verifiable and delivered across the rotation', { timeout: 90_000 }, async () => {
    const base = demoTableConfig();
    const { config, receiver } = await startDemoPlatform({
      ...base,
      rules: { ...base.rules, roulette: { ...base.rules.roulette, autoOpen: true } },
      journal: { path: join(dir, 'journal.sqlite') },
    });
    cleanups.push(() => receiver.stop());
    const desk = await startDesk(config, { timeScale: 0.05 });
    cleanups.push(() => desk.stop());
    const api = new DeskApi(desk, subsystemsOfDesk(desk));
    cleanups.push(() => api.close());
    const stopPilot = startAutopilot(
      desk.engine,
      { id: 'demo-dealer', role: 'dealer' },
      { settleAfterMs: 50, floorManager: { id: 'demo-floor', role: 'floor_manager' } },
    );
    cleanups.push(() => stopPilot());

    const as = (role: DemoRole) => connectAs(api, role);
    const floor = await as('floor_manager');
    const view = await floor('keys.view', {});
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.protection).toBe('file');
    expect(view.value.keys).toHaveLength(1);
    const oldKid = view.value.keys[0]!.kid;

    await until(() => receiver.store.count() >= 2, 45_000, '2 outcomes before the rotation');
    for (const role of ['dealer', 'technician'] as const) {
      const r = await (await as(role))('keys.rotate', { reason: 'not allowed' });
      expect(r.ok ? 'ok' : r.error.code).toBe('forbidden');
    }
    const short = await floor('keys.rotate', { reason: 'x' });
    expect(short.ok ? 'ok' : short.error.code).toBe('invalid_request');

    const [first, second] = await Promise.all([
      floor('keys.rotate', { reason: 'scheduled quarterly rotation' }),
      floor('keys.rotate', { reason: 'a second click' }),
    ]);
    if (!first.ok) throw new Error(first.error.message);
    expect(second.ok ? 'ok' : second.error.message).toMatch(/already under way/);
    const { previousKid, kid } = first.value;
    expect(previousKid).toBe(oldKid);
    expect(kid).not.toBe(oldKid);
    expect(existsSync(join(signingKeyDir(config), `${oldKid}.private.jwk`))).toBe(false);

    const rotatedAt = receiver.store.count();
    await until(() => receiver.store.count() >= rotatedAt + 2, 45_000, '2 outcomes after the rotation');
    expect(receiver.stats.rejected).toEqual({});

    const after = await floor('keys.view', {});
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.keys.map((k) => [k.kid, k.current, k.retired !== undefined])).toEqual(
      expect.arrayContaining([
        [oldKid, false, true],
        [kid, true, false],
      ]),
    );

    const jwks = desk.outcomes!.keys.jwks();
    const rows = receiver.store.list({ table: 'demo' });
    expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i + 1));
    const kids = rows.map((r) => decodeProtectedHeader(r.jws).kid);
    expect(kids[0]).toBe(oldKid);
    expect(kids.at(-1)).toBe(kid);
    // Once the new key signs, the old one never does again.
    expect(kids.slice(kids.indexOf(kid)).every((k) => k === kid)).toBe(true);
    for (const r of rows) {
      const v = await verifyOutcome(r.jws, jwks);
      expect(v.ok, `outcome ${r.sequence}`).toBe(true);
    }

    const entries = [...desk.journal.entries()].filter((e) => e.kind === KEYS_ROTATED);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { id: 'demo-floor', role: 'floor_manager' },
      data: { previousKid: oldKid, kid, reason: 'scheduled quarterly rotation', protection: 'file' },
    });
  });
});
