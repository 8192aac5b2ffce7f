import { afterEach, describe, expect, it } from 'vitest';
import type { ShoeAction } from '../../hardware/sim/shoe-game';
import { havePeer } from '../support/peers';
import { shoeRig } from './rig';

const socat = havePeer('socat', 'the pty hardware-in-the-loop suite');

describe.skipIf(!socat)('card shoe over a pty with 5% line noise', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it(
    'a full 8-deck shoe (416 cards) decodes in draw order with zero wrong, duplicated or missing cards',
    { timeout: 120_000 },
    async () => {
      const rig = await shoeRig({
        protocol: 'sdlp',
        decks: 8,
        dealAll: true,
        maxShoes: 1,
        timing: { scale: 0.001 },
        faults: { noise: 0.05, split: true },
      });
      stop = rig.stop;
      await rig.sim.finished();
      const expected = rig.truth.filter((a): a is Extract<ShoeAction, { kind: 'card' }> => a.kind === 'card');
      const cards = () => rig.events.filter((e) => e.type === 'card');
      await rig.until(
        () => cards().length >= expected.length && rig.events.some((e) => e.type === 'shoeRemoved'),
        10_000,
        'the whole shoe',
      );
      expect(expected).toHaveLength(416);
      const got = cards();
      expect(got.map((c) => [c.index, c.card, c.burn])).toEqual(
        expected.map((a) => [a.index, a.card, a.burn]),
      );
      // Each of the 52 cards exactly 8 times.
      const counts = new Map<string, number>();
      for (const c of got) counts.set(c.card, (counts.get(c.card) ?? 0) + 1);
      expect([...counts.values()].every((n) => n === 8) && counts.size === 52).toBe(true);
      // Shoe state events in order: inserted first, cut card where the shoe put it, removed last.
      const types = rig.events.map((e) => e.type).filter((t) => t !== 'hello');
      expect(types[0]).toBe('shoeInserted');
      expect(types.at(-1)).toBe('shoeRemoved');
      const cut = rig.events.find((e) => e.type === 'cutCard');
      expect(cut && cut.type === 'cutCard' ? cut.index : -1).toBe(416 - 16);
      expect(rig.sim.faults.counters.noisy).toBeGreaterThan(0);
    },
  );

  it('a reader error is reported as readerError and the stream goes on', { timeout: 60_000 }, async () => {
    const rig = await shoeRig({
      protocol: 'sdlp',
      decks: 1,
      dealAll: true,
      maxShoes: 1,
      timing: { scale: 0.002 },
    });
    stop = rig.stop;
    rig.sim.device.inject({ error: 'card_not_read' });
    await rig.sim.finished();
    await rig.until(() => rig.events.some((e) => e.type === 'shoeRemoved'), 10_000, 'the shoe to be removed');
    expect(rig.events.filter((e) => e.type === 'readerError')).toMatchObject([{ code: 'card_not_read' }]);
    expect(rig.events.filter((e) => e.type === 'card')).toHaveLength(52);
  });
});
