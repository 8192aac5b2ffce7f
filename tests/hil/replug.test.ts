import { afterEach, describe, expect, it } from 'vitest';
import { havePeer } from '../support/peers';
import { resultsOf, truthResults, wheelRig } from './rig';

const socat = havePeer('socat', 'the pty hardware-in-the-loop suite');

/** Pulls the virtual cable (kills socat) while the ball is spinning, then plugs it back. */
describe.skipIf(!socat)('unplug and replug mid-spin', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  for (const protocol of ['sdlp', 'cammegh-extended'] as const) {
    it(
      `${protocol}: the driver reports disconnected, recovers, and reports every result exactly once`,
      { timeout: 120_000 },
      async () => {
        // Spins of 0.4-1 s so that a 150 ms outage falls inside one.
        const rig = await wheelRig({
          protocol,
          layout: 'european',
          timing: { scale: 0.05 },
          maxResults: 8,
          staleAfterMs: 150,
        });
        stop = rig.stop;
        let replugs = 0;
        rig.device.on('event', (e) => {
          if (e.type !== 'ballLaunched' || replugs >= 3 || Number(e.game.replace(/\D/g, '')) % 2 === 0)
            return;
          replugs++;
          void (async () => {
            await new Promise((r) => setTimeout(r, 100));
            await rig.pty.unplug();
            await new Promise((r) => setTimeout(r, 150));
            await rig.pty.replug();
          })();
        });
        await rig.sim.finished();
        const expected = truthResults(rig.truth);
        await rig.until(() => resultsOf(rig.events).length >= expected.length, 10_000, 'the last results');
        await new Promise((r) => setTimeout(r, 200));
        expect(replugs).toBe(3);
        expect(rig.statuses.filter((s) => s.state === 'disconnected').length).toBeGreaterThanOrEqual(3);
        expect(rig.device.stats.connects).toBeGreaterThanOrEqual(4);
        const got = resultsOf(rig.events);
        expect(got.map((r) => r.label)).toEqual(expected);
        expect(new Set(got.map((r) => r.game)).size).toBe(got.length);
        expect(rig.events.filter((e) => e.type === 'sensorError')).toEqual([]);
        expect(rig.device.status.state).toBe('ok');
      },
    );
  }

  it(
    'a device that goes silent is reported stale, then ok again when it talks',
    { timeout: 60_000 },
    async () => {
      const rig = await wheelRig({
        protocol: 'sdlp',
        layout: 'european',
        timing: { scale: 0.05 },
        maxResults: 3,
        staleAfterMs: 300,
      });
      stop = rig.stop;
      await rig.until(() => rig.device.status.state === 'ok', 5000, 'ok');
      rig.sim.stall(1000);
      await rig.until(() => rig.device.status.state === 'stale', 3000, 'stale');
      expect(rig.device.status.reason).toMatch(/no valid frame .* 300 ms/);
      await rig.until(() => rig.device.status.state === 'ok', 3000, 'ok again');
    },
  );
});
