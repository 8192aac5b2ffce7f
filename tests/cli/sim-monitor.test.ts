import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAllCli, runCli, spawnCli, startTcpSim } from '../support/spawn-cli';
import {
  monitorEvents,
  numbersOf,
  simActions,
  sliceIndex,
  stopMonitor,
  stopSim,
  type Json,
} from './cli-helpers';

/**
 * `studio-desk sim` and `studio-desk monitor` as a technician runs them, in two processes over
 * loopback TCP: what the monitor prints must be what the simulator says it did.
 *
 * A simulated wheel plays whether or not anyone listens (as a real one does), and the monitor
 * needs about half a second to start. So the simulators here are given more results than a test
 * waits for and are stopped with Ctrl-C: a run that ended before the monitor connected would test
 * nothing. SDLP keeps every unacknowledged event and resends it after the desk's SYNC, so the
 * monitor must print everything from the first game; Cammegh has no memory, so the monitor must
 * print an unbroken run of the simulator's results from when it connected.
 */
const dir = mkdtempSync(join(tmpdir(), 'studio-desk-cli-sim-'));
afterEach(killAllCli);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FAST = ['--time-scale', '0.002'];
const WANT = 10;

function monitor(kind: 'wheel' | 'shoe', port: number, extra: string[] = []) {
  return spawnCli(['monitor', kind, '--port', `tcp://127.0.0.1:${port}`, '--json', ...extra]);
}

describe('sim wheel → monitor wheel over TCP', () => {
  it(
    'sdlp: the monitor prints every result the simulator produced, in order, from the first game',
    { timeout: 30_000 },
    async () => {
      const { sim, port } = await startTcpSim([
        'wheel',
        '--protocol',
        'sdlp',
        ...FAST,
        '--results',
        '1000',
        '--json',
      ]);
      const mon = monitor('wheel', port, ['--protocol', 'sdlp']);
      await mon.until(() => monitorEvents(mon, 'result').length >= WANT, 15_000, `${WANT} results`);
      const stats = await stopMonitor(mon);
      await stopSim(sim);

      const got = monitorEvents(mon, 'result');
      const truth = simActions(sim, 'result');
      expect(got.length).toBeGreaterThanOrEqual(WANT);
      expect(numbersOf(got)).toEqual(numbersOf(truth.slice(0, got.length)));
      // SDLP game ids are "<boot>-<game>": the same games, in the same order.
      expect(got.map((r) => String(r.game).split('-')[1])).toEqual(
        truth.slice(0, got.length).map((a) => String(a.game)),
      );
      expect(got.every((r) => r.late === false)).toBe(true);
      expect(stats.validFrames).toBeGreaterThan(0);
      expect(stats.connects).toBe(1);
    },
  );

  it(
    "cammegh-extended: the monitor prints an unbroken run of the simulator's results",
    { timeout: 30_000 },
    async () => {
      const { sim, port } = await startTcpSim([
        'wheel',
        '--protocol',
        'cammegh-extended',
        ...FAST,
        '--results',
        '1000',
        '--json',
      ]);
      const mon = monitor('wheel', port, ['--protocol', 'cammegh-extended']);
      await mon.until(() => monitorEvents(mon, 'result').length >= WANT, 15_000, `${WANT} results`);
      await stopMonitor(mon);
      await stopSim(sim);

      const got = numbersOf(monitorEvents(mon, 'result'));
      const truth = numbersOf(simActions(sim, 'result'));
      expect(got.length).toBeGreaterThanOrEqual(WANT);
      const at = sliceIndex(truth, got);
      // On a mismatch, show the two lists side by side rather than "-1".
      if (at === -1) expect(got).toEqual(truth);
      const results = monitorEvents(mon, 'result');
      expect(new Set(results.map((r) => r.game)).size).toBe(results.length);
      // Only a game the monitor joined half-way can be late.
      expect(results.slice(1).every((r) => r.late === false)).toBe(true);
      expect(monitorEvents(mon, 'frameError')).toEqual([]);
    },
  );

  it(
    'a script on an American wheel: exactly its results, and the misspin, in order',
    { timeout: 30_000 },
    async () => {
      const script = join(dir, 'american.script');
      writeFileSync(script, '17\n00\nmisspin same_direction\n5\n');
      // --loop keeps the simulator alive until the monitor has seen the script twice.
      const { sim, port } = await startTcpSim([
        'wheel',
        '--layout',
        'american',
        '--script',
        script,
        '--loop',
        ...FAST,
        '--json',
      ]);
      const mon = monitor('wheel', port, ['--layout', 'american']);
      await mon.until(() => monitorEvents(mon, 'result').length >= 6, 15_000, 'the script twice');
      await stopMonitor(mon);
      await stopSim(sim);

      const cycle = ['17', '00', 'misspin same_direction', '5'];
      const story = (items: Json[], kind: 'type' | 'kind') =>
        items
          .filter((i) => i[kind] === 'result' || i[kind] === 'misspin')
          .map((i) => (i[kind] === 'misspin' ? `misspin ${String(i.reason)}` : String(i.number)));
      const expected = (n: number) => Array.from({ length: n }, (_, i) => cycle[i % cycle.length]);
      const decoded = story(mon.json(), 'type');
      const truth = story(sim.json(), 'kind');
      expect(decoded.length).toBeGreaterThanOrEqual(8);
      expect(decoded).toEqual(expected(decoded.length));
      expect(truth.slice(0, decoded.length)).toEqual(decoded);
      // The numbers as the protocol carries them: 17 and 5 numbers, double zero the string "00".
      expect(numbersOf(monitorEvents(mon, 'result')).slice(0, 3)).toEqual([17, '00', 5]);
      // The misspin belongs to the game that the respin then decides.
      const [misspin] = monitorEvents(mon, 'misspin');
      const five = monitorEvents(mon, 'result')[2];
      expect(misspin?.game).toBe(five?.game);
    },
  );
});

describe('sim wheel on its own', () => {
  it('--results N: stops by itself after N results, exit 0', { timeout: 20_000 }, async () => {
    const r = await runCli([
      'sim',
      'wheel',
      '--listen',
      'tcp://127.0.0.1:0',
      ...FAST,
      '--results',
      '3',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const actions = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(actions.filter((a) => a.kind === 'result')).toHaveLength(3);
    expect(r.stderr).toMatch(/^sim wheel \(sdlp, european\) on tcp:\/\/127\.0\.0\.1:[1-9]\d*\n/);
    expect(r.stderr).toContain('stopped (finished)');
  });

  it('--script without --loop: plays the script once and stops', { timeout: 20_000 }, async () => {
    const script = join(dir, 'once.script');
    writeFileSync(script, '17\n00\nmisspin same_direction\n5\n');
    const r = await runCli([
      'sim',
      'wheel',
      '--listen',
      'tcp://127.0.0.1:0',
      '--layout',
      'american',
      '--script',
      script,
      ...FAST,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const actions = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(numbersOf(actions.filter((a) => a.kind === 'result'))).toEqual([17, '00', 5]);
    expect(actions.filter((a) => a.kind === 'misspin').map((a) => a.reason)).toEqual(['same_direction']);
    expect(r.stderr).toContain('stopped (finished)');
  });
});

describe('sim shoe → monitor shoe over TCP', () => {
  it(
    'one deck dealt out: the monitor prints all 52 cards in the order dealt',
    { timeout: 30_000 },
    async () => {
      // No --shoes 1: the simulator keeps dealing shoes until Ctrl-C, so it is still there when the monitor connects.
      const { sim, port } = await startTcpSim([
        'shoe',
        '--decks',
        '1',
        '--deal-all',
        '--time-scale',
        '0.001',
        '--json',
      ]);
      const mon = monitor('shoe', port);
      await mon.until(
        () => monitorEvents(mon, 'shoeRemoved').length >= 1,
        15_000,
        'the first shoe to be removed',
      );
      await stopMonitor(mon);
      await stopSim(sim);

      const actions = sim.json();
      const firstOut = actions.findIndex((a) => a.kind === 'out');
      expect(actions[0]?.kind).toBe('in');
      expect(firstOut).toBeGreaterThan(0);
      const truth = actions
        .slice(0, firstOut)
        .filter((a) => a.kind === 'card')
        .map((a) => ({ index: a.index, card: a.card, burn: a.burn }));

      const shoe = monitorEvents(mon, 'shoeInserted')[0]?.shoe;
      expect(shoe).toMatch(/-S0001$/);
      const cards = monitorEvents(mon, 'card')
        .filter((c) => c.shoe === shoe)
        .map((c) => ({ index: c.index, card: c.card, burn: c.burn }));
      expect(cards).toHaveLength(52);
      expect(new Set(cards.map((c) => c.card)).size).toBe(52);
      expect(cards).toEqual(truth);
      const cut = actions.slice(0, firstOut).find((a) => a.kind === 'cut');
      expect(monitorEvents(mon, 'cutCard').find((c) => c.shoe === shoe)?.index).toBe(cut?.index);
    },
  );
});
