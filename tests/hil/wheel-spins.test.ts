import { afterEach, describe, expect, it } from 'vitest';
import { havePeer } from '../support/peers';
import { resultsOf, truthResults, wheelRig } from './rig';

/**
 * Hardware in the loop on a real tty: the simulator writes its protocol into one end of a socat pty
 * pair, the desk's real serialport driver reads the other. 5 % of frames are hit by line noise
 * (garbage, flipped, dropped or inserted bytes) and frames are split into chunks.
 */
const socat = havePeer('socat', 'the pty hardware-in-the-loop suite');
const SPINS = 1000;
const FAST = { scale: 0.001, statusEveryMs: 1000 }; // status every 1 ms, each phase >= 8 ms

describe.skipIf(!socat)('wheel over a pty with 5% line noise', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  for (const protocol of ['sdlp', 'cammegh-extended', 'cammegh-advanced'] as const) {
    const spins = protocol === 'cammegh-advanced' ? 300 : SPINS;
    it(
      `${protocol}: ${spins} spins decode with zero wrong, duplicated or missing results`,
      { timeout: 240_000 },
      async () => {
        const timing = protocol === 'sdlp' ? FAST : { scale: 0.001, statusEveryMs: 2000 };
        const rig = await wheelRig({
          protocol,
          layout: 'european',
          timing,
          maxResults: spins,
          faults: { noise: 0.05, split: true },
        });
        stop = rig.stop;
        await rig.sim.finished();
        const expected = truthResults(rig.truth);
        // Not thrown on its own: if results are missing, the comparison below says which.
        await rig
          .until(() => resultsOf(rig.events).length >= expected.length, 20_000, 'the last results')
          .catch(() => undefined);
        await new Promise((r) => setTimeout(r, 50));
        const got = resultsOf(rig.events);
        expect(expected).toHaveLength(spins);
        expect(got.map((r) => r.label)).toEqual(expected);
        expect(new Set(got.map((r) => r.game)).size).toBe(got.length);
        expect(got.every((r) => !r.late)).toBe(true);
        expect(rig.events.filter((e) => e.type === 'sensorError')).toEqual([]);
        // The noise really was there and really was rejected.
        expect(rig.sim.faults.counters.noisy).toBeGreaterThan(0);
        const rejected = Object.values(rig.device.stats.rejected).reduce((a, b) => a + (b ?? 0), 0);
        expect(rejected).toBeGreaterThan(0);
      },
    );
  }

  it(
    'cammegh-basic: 200 spins on a clean line decode exactly (Basic has no checksum and no repetition, so no noise)',
    { timeout: 120_000 },
    async () => {
      const rig = await wheelRig({
        protocol: 'cammegh-basic',
        layout: 'american',
        timing: FAST,
        maxResults: 200,
      });
      stop = rig.stop;
      await rig.sim.finished();
      const expected = truthResults(rig.truth);
      await rig.until(() => resultsOf(rig.events).length >= expected.length, 10_000, 'the last results');
      expect(resultsOf(rig.events).map((r) => r.label)).toEqual(expected);
    },
  );
});
