/**
 * The director against a real OBS Studio 29 (headless under Xvfb, obs-websocket 5.1, the project's
 * test scene collection): scenes follow a simulated round, overlays change, studio-mode take,
 * screenshots, timecodes while recording, and OBS killed and restarted mid-round.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTableConfig } from '../../engine/config/load';
import type { ObsConfig } from '../../engine/config/schema';
import { ObsConnection } from '../../engine/obs/connection';
import { Director } from '../../engine/studio/director';
import type { RunningObs } from '../../scripts/obs/launch';
import { MemoryJournal } from '../support/memory-journal';
import { demoPlan, table } from '../studio/support';
import { haveObs, pngWidth, startRealObs } from './support/real-obs';

const run = haveObs();
let obs: RunningObs;
let probe: ObsConnection;

async function waitFor(
  pred: () => boolean | Promise<boolean>,
  what: () => string,
  ms = 10_000,
): Promise<void> {
  const t0 = Date.now();
  // A probe call failing (OBS restarting) counts as "not yet".
  while (
    !(await Promise.resolve()
      .then(pred)
      .catch(() => false))
  ) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A second client (not a director) that reads what OBS really shows. */
async function program(): Promise<string> {
  return String((await probe.call('GetCurrentProgramScene')).currentProgramSceneName);
}
async function text(input: string): Promise<string> {
  const r = await probe.call('GetInputSettings', { inputName: input });
  return String((r.inputSettings as { text?: string }).text ?? '');
}

function director(extra: Record<string, unknown> = {}): {
  d: Director;
  journal: MemoryJournal;
  plan: ObsConfig;
} {
  const plan = demoPlan({ url: obs.url, minDwellMs: 0, ...extra });
  const journal = new MemoryJournal();
  const d = new Director({ config: plan, journal, password: obs.password });
  d.start();
  return { d, journal, plan };
}

describe.runIf(run)('Director with a real OBS Studio', () => {
  beforeAll(async () => {
    obs = await startRealObs();
    // The probe is a different owner key (localhost) on purpose: it only reads.
    probe = new ObsConnection({
      url: obs.url.replace('127.0.0.1', 'localhost'),
      password: obs.password,
      requestTimeoutMs: 3000,
      heartbeatMs: 60_000,
    });
    probe.start();
    await new Promise((r) => probe.once('connected', r));
  }, 60_000);

  afterAll(async () => {
    await probe?.stop();
    await obs?.stop();
  });

  it('scenes, overlay texts and the banner follow a simulated round', async () => {
    const { d } = director();
    try {
      await waitFor(
        () => d.status().state === 'ok',
        () => JSON.stringify(d.status()),
      );
      const steps = [
        ['betting_open', 'Betting'],
        ['spinning', 'Wheel Close-up'],
        ['result', 'Result'],
        ['settled', 'Table Wide'],
      ] as const;
      for (const [phase, scene] of steps) {
        d.onTableState(table(phase, { results: phase === 'result' || phase === 'settled' ? [17, 4] : [4] }));
        await waitFor(
          async () => (await program()) === scene,
          () => `${phase} → ${scene}`,
        );
        await d.settled();
        if (phase === 'spinning') {
          const items = await probe.call('GetSceneItemList', { sceneName: 'Wheel Close-up' });
          const banner = (items.sceneItems as { sourceName: string; sceneItemEnabled: boolean }[]).find(
            (i) => i.sourceName === 'No More Bets',
          );
          expect(banner?.sceneItemEnabled).toBe(true);
          expect(await text('Table Status')).toBe('No more bets');
        }
        if (phase === 'result') {
          expect(await text('Result Text')).toBe('17 RED');
          expect(await text('Last Results')).toBe('17  4');
        }
      }
      expect(d.status()).toMatchObject({ state: 'ok', problems: [] });
    } finally {
      await d.stop();
    }
  });

  it('the obs section of config/demo-roulette.yaml matches the shipped scene collection: no problems', async () => {
    const file = await loadTableConfig(join(import.meta.dirname, '../../config/demo-roulette.yaml'));
    if (!file.obs) throw new Error('demo-roulette.yaml has no obs section');
    const d = new Director({ config: { ...file.obs, url: obs.url }, password: obs.password });
    d.start();
    try {
      await waitFor(
        () => d.status().state === 'ok',
        () => JSON.stringify(d.status()),
      );
      d.onTableState(table('spinning'));
      await waitFor(
        async () => (await program()) === 'Wheel Close-up',
        () => 'Wheel Close-up',
      );
      await d.settled();
      expect(d.status()).toMatchObject({ state: 'ok', problems: [] });
    } finally {
      await d.stop();
    }
  });

  it('grabs a PNG screenshot of a camera source at the requested width', async () => {
    const { d } = director();
    try {
      await waitFor(
        () => d.status().state === 'ok',
        () => JSON.stringify(d.status()),
      );
      const frame = await d.frameSource({ width: 224 }).grab('wheel');
      expect(pngWidth(frame.image)).toBe(224);
      expect(frame.source).toBe('obs:Wheel Camera');
    } finally {
      await d.stop();
    }
  });

  it('writes the recording timecode of each phase while OBS records', async () => {
    const { d, journal } = director();
    try {
      await waitFor(
        () => d.status().state === 'ok',
        () => JSON.stringify(d.status()),
      );
      await probe.call('StartRecord');
      await waitFor(
        async () => (await probe.call('GetRecordStatus')).outputActive === true,
        () => 'recording',
      );
      await new Promise((r) => setTimeout(r, 1200));
      d.onTableState(table('betting_open', { roundId: 'rec-1' }));
      await waitFor(
        () => [...journal.entries()].some((e) => e.kind === 'studio.timecode'),
        () => 'timecode',
      );
      const tc = [...journal.entries()].find((e) => e.kind === 'studio.timecode')?.data as {
        recording: { active: boolean; timecode: string };
      };
      expect(tc.recording.active).toBe(true);
      expect(tc.recording.timecode).toMatch(/^00:00:0\d\.\d{3}$/);
      expect(tc.recording.timecode).not.toBe('00:00:00.000');
    } finally {
      await probe.call('StopRecord').catch(() => undefined);
      await d.stop();
    }
  });

  it('studio mode: camera key to preview, take to program', async () => {
    const { d } = director({ studioMode: true });
    const sent: string[] = [];
    d.on('applied', (a) => sent.push(...a.commands.map((c) => c.requestType)));
    try {
      await waitFor(
        () => d.status().state === 'ok',
        () => JSON.stringify(d.status()),
      );
      d.onTableState(table('betting_open', { roundId: 'sm-1' }));
      await waitFor(
        async () => (await program()) === 'Betting',
        () => 'Betting',
      );
      // OBS applies SetStudioModeEnabled on its UI thread, after answering.
      await waitFor(
        async () => (await probe.call('GetStudioModeEnabled')).studioModeEnabled === true,
        () => 'studio mode',
      );
      expect(d.command({ cmd: 'camera', camera: 'wheel', user: { id: 'dealer-1', role: 'dealer' } }).ok).toBe(
        true,
      );
      await waitFor(
        async () => (await probe.call('GetCurrentPreviewScene')).currentPreviewSceneName === 'Wheel Close-up',
        () => 'preview',
      );
      await new Promise((r) => setTimeout(r, 100));
      expect(await program()).toBe('Betting');
      expect(d.command({ cmd: 'take', user: { id: 'dealer-1', role: 'dealer' } }).ok).toBe(true);
      await waitFor(
        async () => (await program()) === 'Wheel Close-up',
        () => 'take',
      );
      await d.settled();
      // The take was OBS's studio-mode transition from the confirmed preview, not a blind program switch.
      expect(sent.at(-1)).toBe('TriggerStudioModeTransition');
    } finally {
      await d.stop();
      await probe.call('SetStudioModeEnabled', { studioModeEnabled: false });
    }
  });

  it('OBS killed and restarted mid-round: the director reconnects and restores the scene the round needs', async () => {
    const { d } = director();
    try {
      await waitFor(
        () => d.status().state === 'ok',
        () => JSON.stringify(d.status()),
      );
      d.onTableState(table('spinning', { roundId: 'kill-1', results: [8] }));
      await waitFor(
        async () => (await program()) === 'Wheel Close-up',
        () => 'Wheel Close-up',
      );
      await obs.killObs('SIGKILL');
      await waitFor(
        () => d.status().state === 'disconnected',
        () => JSON.stringify(d.status()),
      );
      await obs.restartObs(); // OBS starts on 'Table Wide' (--scene)
      await waitFor(
        () => d.status().state === 'ok',
        () => JSON.stringify(d.status()),
        20_000,
      );
      await waitFor(
        async () => (await program()) === 'Wheel Close-up',
        () => 'restored',
        10_000,
      );
      await d.settled();
      expect(await text('Last Results')).toBe('8');
    } finally {
      await d.stop();
    }
  }, 60_000);
});
