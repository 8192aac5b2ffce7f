/**
 * The director against the fake OBS (real obs-websocket v5 over a real WebSocket): scenes follow a
 * round, sensor cues with dwell, manual holds, studio-mode take, overlays, timecodes in the journal,
 * recovery after OBS restarts, health alarms, frame grabs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Director } from '../../engine/studio/director';
import type { ObsConfig } from '../../engine/config/schema';
import { FakeObs } from '../obs/support/fake-obs';
import { MemoryJournal } from '../support/memory-journal';
import { demoPlan, table } from './support';

const SCENES = [
  { name: 'Table Wide' },
  { name: 'Betting' },
  { name: 'Wheel Close-up', sources: ['Wheel Camera', 'No More Bets'] },
  { name: 'Result' },
];
const TEXTS = { 'Result Text': '', 'Last Results': '', 'Round Id': '', 'Table Status': '' };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function rig(
  planExtra: Record<string, unknown> = {},
  fakeExtra: Partial<Parameters<typeof FakeObs.start>[0]> = {},
  ready = (d: Director) => d.status().state === 'ok',
) {
  const obs = await FakeObs.start({ scenes: SCENES, texts: TEXTS, password: 'pw', ...fakeExtra });
  cleanup.push(() => obs.close());
  const plan: ObsConfig = demoPlan({ url: obs.url, minDwellMs: 0, requestTimeoutMs: 500, ...planExtra });
  const journal = new MemoryJournal();
  const director = new Director({ config: plan, journal, password: 'pw' });
  cleanup.push(() => director.stop());
  director.start();
  await waitFor(
    () => ready(director),
    () => JSON.stringify(director.status()),
  );
  return { obs, plan, journal, director };
}

async function waitFor(pred: () => boolean, what: () => string = () => '', ms = 4000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting; ${what()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const dealer = { id: 'dealer-1', role: 'dealer' as const };

describe('Director with a fake OBS', () => {
  it('scenes, overlays and the banner follow a round', async () => {
    const { obs, director } = await rig();
    for (const [phase, scene] of [
      ['betting_open', 'Betting'],
      ['no_more_bets', 'Wheel Close-up'],
      ['spinning', 'Wheel Close-up'],
    ] as const) {
      director.onTableState(table(phase));
      await waitFor(
        () => obs.program === scene,
        () => `${phase}: program ${obs.program}`,
      );
    }
    await director.settled();
    expect(obs.itemEnabled('Wheel Close-up', 'No More Bets')).toBe(true);
    expect(obs.texts.get('Table Status')).toBe('No more bets');
    director.onTableState(table('result', { results: [17, 4] }));
    await waitFor(() => obs.program === 'Result');
    await director.settled();
    expect(obs.texts.get('Result Text')).toBe('17 RED');
    expect(obs.texts.get('Last Results')).toBe('17  4');
    expect(obs.itemEnabled('Wheel Close-up', 'No More Bets')).toBe(false);
    // The scene change and its overlays went in one SerialFrame batch.
    const sw = obs.requests('SetCurrentProgramScene').at(-1);
    expect(sw?.batch).toBe(1);
    expect(director.status()).toMatchObject({ state: 'ok', programScene: 'Result', because: 'phase result' });
  });

  it('sensor cues switch cameras; the dwell keeps a noisy sensor from flickering the picture', async () => {
    const { obs, director } = await rig({ minDwellMs: 400 });
    director.onTableState(table('betting_open'));
    await waitFor(() => obs.program === 'Betting');
    await new Promise((r) => setTimeout(r, 420));
    director.onSensor({ type: 'ballLaunched', game: 'g1' });
    await waitFor(() => obs.program === 'Wheel Close-up');
    const before = obs.requests('SetCurrentProgramScene').length;
    // Noise: a card read and a repeated launch within the dwell, same or lower priority.
    director.onSensor({ type: 'card', shoe: 's', index: 1, card: 'AS', burn: false });
    director.onSensor({ type: 'ballLaunched', game: 'g1' });
    director.onSensor({ type: 'card', shoe: 's', index: 2, card: 'KS', burn: false });
    await new Promise((r) => setTimeout(r, 100));
    expect(obs.requests('SetCurrentProgramScene').length).toBe(before);
    expect(obs.program).toBe('Wheel Close-up');
    // The ball in the pocket has the higher priority: it cuts through the dwell.
    director.onSensor({
      type: 'result',
      game: 'g1',
      number: 17,
      label: '17',
      colour: 'red',
      pocket: 3,
      late: false,
    });
    await waitFor(() => obs.program === 'Result');
  });

  it('a manual camera holds off the automatic director until released or the next round; journaled with the user', async () => {
    const { obs, director, journal } = await rig();
    director.onTableState(table('betting_open', { roundId: 'r-1' }));
    await waitFor(() => obs.program === 'Betting');
    expect(director.command({ cmd: 'camera', camera: '1', user: dealer, roundId: 'r-1' })).toMatchObject({
      ok: true,
    });
    await waitFor(() => obs.program === 'Table Wide');
    director.onTableState(table('spinning', { roundId: 'r-1' }));
    await director.settled();
    expect(obs.program).toBe('Table Wide');
    expect(director.status().manual).toMatchObject({ by: 'dealer-1', camera: 'wide' });
    director.onTableState(table('betting_open', { roundId: 'r-2' }));
    await waitFor(() => obs.program === 'Betting');
    expect(director.status().manual).toBeNull();
    const tech = director.command({
      cmd: 'camera',
      camera: 'wheel',
      user: { id: 'tech', role: 'technician' },
    });
    expect(tech).toMatchObject({ ok: false, code: 'forbidden' });
    const stale = director.command({ cmd: 'camera', camera: 'wheel', user: dealer, roundId: 'r-1' });
    expect(stale).toMatchObject({ ok: false, code: 'stale_round' });
    const entries = [...journal.entries()].filter((e) => e.kind === 'studio.camera');
    expect(entries.map((e) => [e.actor.id, (e.data as { done: boolean }).done])).toEqual([
      ['dealer-1', true],
      ['tech', false],
      ['dealer-1', false],
    ]);
  });

  it('studio mode: a camera key loads the preview, the take transitions it to program', async () => {
    const { obs, director, journal } = await rig({ studioMode: true });
    await waitFor(() => obs.studioMode);
    director.onTableState(table('betting_open'));
    await waitFor(() => obs.program === 'Betting');
    director.command({ cmd: 'camera', camera: 'wheel', user: dealer });
    await waitFor(() => obs.preview === 'Wheel Close-up');
    await director.settled();
    expect(obs.program).toBe('Betting');
    await new Promise((r) => setTimeout(r, 30)); // OBS's CurrentPreviewSceneChanged reaches the mirror
    expect(director.command({ cmd: 'take', mode: 'cut', user: dealer })).toMatchObject({ ok: true });
    await waitFor(() => obs.program === 'Wheel Close-up');
    expect(obs.requests('TriggerStudioModeTransition')).toHaveLength(1);
    expect(obs.transition.name).toBe('Cut');
    expect([...journal.entries()].some((e) => e.kind === 'studio.take' && e.actor.id === 'dealer-1')).toBe(
      true,
    );
  });

  it('writes studio.timecode on each phase change with the recording timecode', async () => {
    const { obs, director, journal } = await rig();
    obs.recording = { ...obs.recording, active: true, startedMono: performance.now() - 5000 };
    obs.emitEvent('RecordStateChanged', {
      outputActive: true,
      outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED',
      outputPath: '/rec/a.mkv',
    });
    await new Promise((r) => setTimeout(r, 20));
    director.onTableState(table('betting_open', { roundId: 'r-9' }));
    director.onTableState(table('spinning', { roundId: 'r-9' }));
    director.onTableState(table('spinning', { roundId: 'r-9' })); // same phase: no new entry
    await director.settled();
    await waitFor(() => [...journal.entries()].filter((e) => e.kind === 'studio.timecode').length === 2);
    const tcs = [...journal.entries()].filter((e) => e.kind === 'studio.timecode');
    expect(tcs.map((e) => (e.data as { phase: string }).phase)).toEqual(['betting_open', 'spinning']);
    expect(tcs[0]?.actor).toEqual({ id: 'obs', role: 'system' });
    expect(tcs[0]?.data).toMatchObject({
      roundId: 'r-9',
      recording: { active: true, outputPath: '/rec/a.mkv' },
      streaming: { active: false, timecode: null },
      obsConnected: true,
    });
    expect((tcs[0]?.data as { recording: { timecode: string } }).recording.timecode).toMatch(
      /^00:00:0[5-9]\.\d{3}$/,
    );
  });

  it('OBS restarted mid-round: reconnects and restores the scene and overlays the round needs', async () => {
    const { obs, director, plan } = await rig();
    director.onTableState(table('spinning', { results: [3] }));
    await waitFor(() => obs.program === 'Wheel Close-up');
    await director.settled();
    const port = obs.port;
    await obs.close();
    await waitFor(() => director.status().state === 'disconnected');
    const restarted = await FakeObs.start({
      scenes: SCENES,
      texts: TEXTS,
      password: 'pw',
      port,
      program: 'Table Wide',
    });
    cleanup.push(() => restarted.close());
    await waitFor(
      () => restarted.program === 'Wheel Close-up',
      () => JSON.stringify(director.status()),
      8000,
    );
    await director.settled();
    expect(restarted.itemEnabled('Wheel Close-up', 'No More Bets')).toBe(true);
    expect(restarted.texts.get('Last Results')).toBe('3');
    expect(plan.url).toContain(String(port));
  });

  it('an update OBS did not answer is an error with the reason, then re-read and retried', async () => {
    const { obs, director } = await rig();
    obs.faults.silent.add('SetCurrentProgramScene');
    director.onTableState(table('betting_open'));
    await waitFor(
      () => director.status().state === 'error',
      () => JSON.stringify(director.status()),
    );
    expect(director.status().reason).toMatch(
      /program Table Wide → Betting because phase betting_open failed: .*no answer from OBS within 500 ms/,
    );
    obs.faults.silent.clear();
    await waitFor(
      () => obs.program === 'Betting',
      () => JSON.stringify(director.status()),
    );
    await waitFor(
      () => director.status().state === 'ok',
      () => JSON.stringify(director.status()),
    );
  });

  it('OBS without the scenes of the plan: bad_config naming what is missing', async () => {
    const { director } = await rig(
      {},
      { scenes: [{ name: 'Table Wide' }], texts: {} },
      (d) => d.conn.connected,
    );
    director.onTableState(table('betting_open'));
    await waitFor(() => director.status().state === 'bad_config');
    expect(director.status().reason).toContain('scene "Betting" does not exist in OBS');
  });

  it('a wrong password: authentication_failure with the reason', async () => {
    const obs = await FakeObs.start({ scenes: SCENES, password: 'right' });
    cleanup.push(() => obs.close());
    const director = new Director({ config: demoPlan({ url: obs.url }), password: 'wrong' });
    cleanup.push(() => director.stop());
    director.start();
    await waitFor(() => director.status().state === 'authentication_failure');
    expect(director.status().reason).toMatch(/refused the password/);
  });

  it('grabs a frame of a camera source for the vision check', async () => {
    const { director } = await rig();
    expect(director.cameras().map((c) => `${c.key} ${c.name}`)).toEqual(['1 wide', '2 wheel', '3 result']);
    const frame = await director.frameSource({ width: 224 }).grab('wheel');
    expect(frame.image.subarray(1, 4).toString()).toBe('PNG');
    expect(frame).toMatchObject({ camera: 'wheel', source: 'obs:Wheel Camera' });
    expect(frame.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(director.frameSource().grab('crane')).rejects.toThrow(/no camera "crane"/);
  });

  it('health: a threshold crossed raises an alarm, journaled, and clears again', async () => {
    const { obs, director, journal } = await rig({ health: { pollMs: 250 } });
    obs.stats.cpuUsage = 97;
    await waitFor(() => director.status().alarms.some((a) => a.code === 'cpu'));
    obs.stats.cpuUsage = 5;
    await waitFor(() => director.status().alarms.length === 0);
    const alarms = [...journal.entries()].filter((e) => e.kind === 'studio.alarm').map((e) => e.data);
    expect(alarms).toMatchObject([
      { state: 'raised', code: 'cpu' },
      { state: 'cleared', code: 'cpu' },
    ]);
  });
});
