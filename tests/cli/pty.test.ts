import { afterEach, describe, expect, it } from 'vitest';
import { havePeer } from '../support/peers';
import { PtyPair } from '../support/pty-pair';
import { killAllCli, spawnCli, type CliProcess } from '../support/spawn-cli';
import { monitorEvents, numbersOf, simActions, stopMonitor } from './cli-helpers';

/**
 * The two commands on the two ends of a virtual serial cable (a socat pty pair), as on a bench:
 * `sim ... --port <one end>` and `monitor ... --port <other end>`. The monitor opens its end
 * first, so it hears the simulator from its first byte: here the simulator runs to its own end
 * (--results, --shoes) and the monitor must print everything it did, exactly.
 */
const socat = havePeer('socat', 'the CLI pty suite');

describe.skipIf(!socat)('sim and monitor on a pty pair', () => {
  let pty: PtyPair | undefined;
  afterEach(async () => {
    await killAllCli();
    await pty?.stop();
    pty = undefined;
  });

  /** A pty pair with the monitor listening on the desk's end. */
  async function monitorFirst(args: string[]): Promise<{ pty: PtyPair; mon: CliProcess }> {
    const p = new PtyPair();
    pty = p;
    await p.start();
    const mon = spawnCli(['monitor', ...args, '--port', p.deskSide, '--json']);
    await mon.until(
      () =>
        mon.json().some((l) => l.type === 'status' && /open, waiting for the device/.test(String(l.reason))),
      15_000,
      'the monitor to open its end of the pty',
    );
    return { pty: p, mon };
  }

  /** Runs the simulator on the device's end until it stops by itself. */
  async function simToTheEnd(args: string[], devicePath: string): Promise<CliProcess> {
    const sim = spawnCli(['sim', ...args, '--port', devicePath, '--json']);
    const exit = await sim.waitExit(15_000);
    expect(exit, sim.report()).toEqual({ code: 0, signal: null });
    expect(sim.stderr).toContain(`on serial ${devicePath}`);
    expect(sim.stderr).toContain('stopped (finished)');
    return sim;
  }

  for (const protocol of ['sdlp', 'cammegh-extended']) {
    it(
      `wheel, ${protocol}: the monitor prints the simulator's 10 results, in order`,
      { timeout: 30_000 },
      async () => {
        const { pty: p, mon } = await monitorFirst(['wheel', '--protocol', protocol]);
        const sim = await simToTheEnd(
          ['wheel', '--protocol', protocol, '--time-scale', '0.002', '--results', '10'],
          p.deviceSide,
        );
        const truth = numbersOf(simActions(sim, 'result'));
        expect(truth).toHaveLength(10);

        await mon.until(() => monitorEvents(mon, 'result').length >= 10, 10_000, 'all 10 results');
        const stats = await stopMonitor(mon);
        const results = monitorEvents(mon, 'result');
        expect(numbersOf(results)).toEqual(truth);
        expect(results.every((r) => r.late === false)).toBe(true);
        expect(new Set(results.map((r) => r.game)).size).toBe(10);
        expect(stats.validFrames).toBeGreaterThan(0);
      },
    );
  }

  it('shoe: one deck, one shoe dealt out: all 52 cards, in order', { timeout: 30_000 }, async () => {
    const { pty: p, mon } = await monitorFirst(['shoe']);
    const sim = await simToTheEnd(
      ['shoe', '--decks', '1', '--deal-all', '--shoes', '1', '--time-scale', '0.001'],
      p.deviceSide,
    );
    const truth = simActions(sim, 'card').map((a) => ({ index: a.index, card: a.card, burn: a.burn }));
    expect(truth).toHaveLength(52);
    expect(simActions(sim, 'out')).toHaveLength(1);

    await mon.until(() => monitorEvents(mon, 'shoeRemoved').length >= 1, 10_000, 'the shoe to be removed');
    await stopMonitor(mon);
    const cards = monitorEvents(mon, 'card').map((c) => ({ index: c.index, card: c.card, burn: c.burn }));
    expect(cards).toEqual(truth);
    expect(new Set(cards.map((c) => c.card)).size).toBe(52);
  });
});
