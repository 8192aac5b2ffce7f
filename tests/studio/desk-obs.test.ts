/**
 * The director inside a real desk (demo roulette table, simulated wheel read by the real driver,
 * journal on disk): scenes follow real rounds on a fake OBS; with no OBS at all the desk runs on
 * and says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTableConfig } from '../../engine/config/demo';
import { TableConfigSchema } from '../../engine/config/schema';
import { startAutopilot } from '../../engine/desk/autopilot';
import { startDesk, type Desk } from '../../engine/desk/desk';
import { FakeObs } from '../obs/support/fake-obs';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const SCENES = [{ name: 'Table Wide' }, { name: 'Betting' }, { name: 'Wheel Close-up' }, { name: 'Result' }];

async function deskWithObs(url: string, passwordEnv?: string): Promise<Desk> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-obs-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const base = demoTableConfig();
  const config = TableConfigSchema.parse({
    ...base,
    rules: { roulette: { ...base.rules.roulette, autoOpen: true } },
    journal: { path: join(dir, 'journal.sqlite') },
    obs: {
      url,
      ...(passwordEnv ? { passwordEnv } : {}),
      minDwellMs: 0,
      scenePlan: {
        phases: {
          idle: 'Table Wide',
          betting_open: 'Betting',
          no_more_bets: 'Wheel Close-up',
          spinning: 'Wheel Close-up',
          result: 'Result',
          settled: 'Table Wide',
        },
        cameras: { wide: { scene: 'Table Wide' }, wheel: { scene: 'Wheel Close-up' } },
      },
    },
  });
  const desk = await startDesk(config, { timeScale: 0.05 });
  cleanup.push(() => desk.stop());
  return desk;
}

async function waitFor(pred: () => boolean, what = '', ms = 8000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the desk with an obs section', () => {
  it('scenes follow the rounds of a running table, and the journal has their timecodes', async () => {
    const obs = await FakeObs.start({ scenes: SCENES });
    cleanup.push(() => obs.close());
    const desk = await deskWithObs(obs.url);
    const stop = startAutopilot(desk.engine, { id: 'demo-dealer', role: 'dealer' }, { settleAfterMs: 50 });
    cleanup.push(stop);
    const seen = new Set<string>();
    desk.director?.on('program', (p) => seen.add(p.scene));
    await waitFor(
      () => ['Betting', 'Wheel Close-up', 'Result'].every((s) => seen.has(s)),
      'the program scenes of a round',
      15_000,
    );
    expect(desk.director?.status().state).toBe('ok');
    const kinds = [...desk.journal.entries()].map((e) => e.kind);
    expect(kinds).toContain('studio.timecode');
    expect(kinds).toContain('link.obs.status');
  });

  it('no OBS running: the desk runs on and the status says why', async () => {
    const probe = await FakeObs.start({ scenes: SCENES });
    const url = probe.url;
    await probe.close();
    const desk = await deskWithObs(url);
    await waitFor(() => desk.director?.status().state === 'disconnected', 'disconnected');
    expect(desk.director?.status().reason).toMatch(/OBS is not running|ECONNREFUSED/);
    const r = desk.engine.handle({
      source: 'operator',
      command: { cmd: 'openBetting', roundId: null, user: { id: 'demo-dealer', role: 'dealer' } },
    });
    expect(r.ok).toBe(true);
    await waitFor(() => [...desk.journal.entries()].some((e) => e.kind === 'studio.timecode'), 'timecode');
    const tc = [...desk.journal.entries()].find((e) => e.kind === 'studio.timecode');
    expect(tc?.data).toMatchObject({ obsConnected: false, recording: { active: false, timecode: null } });
  });

  it('a password variable that is not set: bad_config naming it, no connection attempt', async () => {
    const obs = await FakeObs.start({ scenes: SCENES, password: 'x' });
    cleanup.push(() => obs.close());
    const desk = await deskWithObs(obs.url, 'STUDIO_DESK_TEST_UNSET_PW');
    expect(desk.director?.status()).toMatchObject({ state: 'bad_config' });
    expect(desk.director?.status().reason).toContain('STUDIO_DESK_TEST_UNSET_PW');
    await new Promise((r) => setTimeout(r, 100));
    expect(obs.attempts).toBe(0);
  });
});
