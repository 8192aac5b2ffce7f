/**
 * The contract with the OBS director on a real desk and a fake OBS speaking obs-websocket v5: the
 * OBS light, the cameras of the plan, camera switching as the session's user (journaled by the
 * director), refusals for a technician and for a camera the plan does not have; the technician's
 * scene-plan editor checked against the fake OBS's real scene list and saved as a version.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDesk, type ServedDesk } from '../../engine/api/serve-desk';
import { demoTableConfig } from '../../engine/config/demo';
import { TableConfigSchema } from '../../engine/config/schema';
import { startDesk, type Desk } from '../../engine/desk/desk';
import { TestClient } from '../api/ws-client';
import { FakeObs } from '../obs/support/fake-obs';

let dir: string;
let obs: FakeObs;
let desk: Desk;
let served: ServedDesk;
const clients: TestClient[] = [];

async function as(role: 'dealer' | 'technician'): Promise<TestClient> {
  const c = await TestClient.open(served.server?.port ?? 0);
  clients.push(c);
  const creds = role === 'dealer' ? ['demo-dealer', '1234'] : ['demo-tech', 'tech-demo'];
  const r = await c.call('session.login', { role, userId: creds[0] as string, secret: creds[1] as string });
  if (!r.ok) throw new Error(r.error.message);
  return c;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'desk-obs-contract-'));
  obs = await FakeObs.start({
    scenes: [{ name: 'Table Wide' }, { name: 'Betting' }, { name: 'Wheel Close-up' }],
  });
  const base = demoTableConfig();
  const config = TableConfigSchema.parse({
    ...base,
    rules: { roulette: base.rules.roulette },
    journal: { path: join(dir, 'journal.sqlite') },
    obs: {
      url: obs.url,
      minDwellMs: 0,
      scenePlan: {
        phases: { idle: 'Table Wide', betting_open: 'Betting', settled: 'Table Wide' },
        cameras: { wide: { scene: 'Table Wide' }, wheel: { scene: 'Wheel Close-up' } },
      },
    },
  });
  desk = await startDesk(config, { timeScale: 0.05 });
  served = await serveDesk(desk, { port: 0, rendererDir: dir });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await served?.stop();
  await desk?.stop();
  await obs?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the contract with the OBS director', () => {
  it('shows the OBS light and the plan cameras, and switches a camera as the dealer', async () => {
    const dealer = await as('dealer');
    const snap = await dealer.call('desk.snapshot');
    if (!snap.ok) throw new Error(snap.error.message);
    expect(snap.value.cameras.map((c) => c.name)).toEqual(['wide', 'wheel']);
    expect(snap.value.subsystems.find((s) => s.name === 'obs')?.configured).toBe(true);
    const deadline = Date.now() + 10_000;
    while (desk.director?.status().state !== 'ok') {
      if (Date.now() > deadline) throw new Error(`OBS not ok: ${desk.director?.status().reason}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const light = await dealer.call('desk.snapshot');
    expect(light.ok && light.value.subsystems.find((s) => s.name === 'obs')?.status.state).toBe('ok');
    expect(await dealer.call('studio.camera', { camera: 'wheel' })).toEqual({
      ok: true,
      value: { camera: 'wheel' },
    });
    const journaled = [...desk.journal.entries()].filter((e) => e.kind.startsWith('studio.camera'));
    expect(journaled.at(-1)?.actor).toEqual({ id: 'demo-dealer', role: 'dealer' });
  });

  it("checks an edited scene plan against the fake OBS's real scene list, and saves it as a version", async () => {
    const tech = await as('technician');
    const view = await tech.call('studio.scenePlan.view');
    if (!view.ok) throw new Error(view.error.message);
    expect([...(view.value.real?.scenes ?? [])].sort()).toEqual(['Betting', 'Table Wide', 'Wheel Close-up']);
    expect(view.value.problems).toEqual([]);
    const plan = {
      phases: { idle: 'Table Wide', betting_open: 'Betting', spinning: 'Wheel Cam Missing' },
      cameras: { wide: { scene: 'Table Wide' }, wheel: { scene: 'Wheel Close-up' } },
    };
    const refused = await tech.call('studio.scenePlan.save', { plan });
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(!refused.ok && refused.error.message).toContain('scene "Wheel Cam Missing" does not exist in OBS');
    const fixed = { ...plan, phases: { ...plan.phases, spinning: 'Wheel Close-up' } };
    expect(await tech.call('studio.scenePlan.save', { plan: fixed })).toMatchObject({
      ok: true,
      value: { version: 1, problems: [] },
    });
    const entry = [...desk.journal.entries()].filter((e) => e.kind === 'config.scenePlan.saved').at(-1);
    expect(entry?.actor).toEqual({ id: 'demo-tech', role: 'technician' });
    expect(entry?.data).toMatchObject({ version: 1, plan: fixed, checked: true });
  });

  it('refuses a camera the plan does not have, and a technician', async () => {
    const dealer = await as('dealer');
    expect(await dealer.call('studio.camera', { camera: 'drone' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_camera' },
    });
    const tech = await as('technician');
    expect(await tech.call('studio.camera', { camera: 'wide' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
