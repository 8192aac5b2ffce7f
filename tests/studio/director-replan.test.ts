/**
 * A saved scene plan taking effect on the running director (fake OBS over a real WebSocket): at
 * once in a phase where switching cannot mis-cue, else held until the round reaches one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ObsConfig } from '../../engine/config/schema';
import { Director } from '../../engine/studio/director';
import { FakeObs } from '../obs/support/fake-obs';
import { MemoryJournal } from '../support/memory-journal';
import { demoPlan, table } from './support';

const SCENES = [
  { name: 'Table Wide' },
  { name: 'Betting' },
  { name: 'Betting Alt' },
  { name: 'Wheel Close-up', sources: ['Wheel Camera', 'No More Bets'] },
  { name: 'Result' },
];
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function waitFor(pred: () => boolean, what: () => string = () => '', ms = 4000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting; ${what()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function rig() {
  const texts = { 'Result Text': '', 'Last Results': '', 'Round Id': '', 'Table Status': '' };
  const obs = await FakeObs.start({ scenes: SCENES, texts, password: 'pw' });
  cleanup.push(() => obs.close());
  const plan: ObsConfig = demoPlan({ url: obs.url, minDwellMs: 0, requestTimeoutMs: 500 });
  const director = new Director({ config: plan, journal: new MemoryJournal(), password: 'pw' });
  cleanup.push(() => director.stop());
  director.start();
  await waitFor(
    () => director.status().state === 'ok',
    () => JSON.stringify(director.status()),
  );
  return { obs, plan, director };
}

const withPhase = (plan: ObsConfig, phase: string, scene: string): ObsConfig['scenePlan'] => ({
  ...plan.scenePlan,
  phases: { ...plan.scenePlan.phases, [phase]: scene },
});

describe('Director.setScenePlan', () => {
  it('while betting is open: applied at once, the phase scene follows the new plan', async () => {
    const { obs, plan, director } = await rig();
    director.onTableState(table('betting_open'));
    await waitFor(() => obs.program === 'Betting');
    let applied = 0;
    const next = withPhase(plan, 'betting_open', 'Betting Alt');
    expect(director.setScenePlan(next, () => applied++)).toBe('applied');
    expect(applied).toBe(1);
    await waitFor(
      () => obs.program === 'Betting Alt',
      () => `program ${obs.program}`,
    );
    expect(director.scenePlan().phases.betting_open).toBe('Betting Alt');
    expect(director.pendingScenePlan()).toBeNull();
  });

  it('while the ball spins: held (no cut away from the wheel), applied when the round is settled', async () => {
    const { obs, plan, director } = await rig();
    director.onTableState(table('spinning'));
    await waitFor(() => obs.program === 'Wheel Close-up');
    let applied = 0;
    const next = withPhase(plan, 'spinning', 'Table Wide');
    const nextPlan = { ...next, phases: { ...next.phases, settled: 'Betting Alt' } };
    expect(director.setScenePlan(nextPlan, () => applied++)).toBe('pending');
    await director.settled();
    await new Promise((r) => setTimeout(r, 50));
    expect(obs.program).toBe('Wheel Close-up');
    expect(director.scenePlan().phases.spinning).toBe('Wheel Close-up');
    expect(director.pendingScenePlan()).toEqual(nextPlan);
    // The result is shown under the plan the round started with.
    director.onTableState(table('result', { results: [17] }));
    await waitFor(() => obs.program === 'Result');
    expect(applied).toBe(0);
    director.onTableState(table('settled', { results: [17] }));
    expect(applied).toBe(1);
    await waitFor(
      () => obs.program === 'Betting Alt',
      () => `program ${obs.program}`,
    );
    expect(director.scenePlan()).toEqual(nextPlan);
  });
});
