/**
 * Recorded wheel and shoe traffic (simulator captures in tests/fixtures/captures, with line noise)
 * replayed through the live decode pipeline into a table engine, with a dealer and a floor manager
 * acting by the book: every number the wheel produced is a result, every hand the shoe dealt is
 * dealt, and nothing the devices sent is refused.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../hardware/recorder/capture';
import { replayCapture } from '../../hardware/recorder/replay';
import type { ShoeEvent, WheelEvent } from '../../hardware/protocols/types';
import {
  TableEngine,
  type RejectionNotice,
  type ResultAnnouncement,
  type TableConfig,
} from '../../engine/rounds';
import { MemoryJournal } from '../support/memory-journal';
import { StepClock } from './support/step-clock';
import { DEALER, FLOOR_MANAGER } from './support/users';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'captures');

async function decoded(name: string): Promise<(WheelEvent | ShoeEvent)[]> {
  const { header, records } = await readCapture(join(DIR, `${name}.capture.jsonl`));
  return replayCapture(header, records).items.flatMap((i) =>
    i.kind === 'event' ? [i.event as WheelEvent | ShoeEvent] : [],
  );
}

function table(config: TableConfig, startAt: number) {
  const clock = new StepClock(startAt);
  const journal = new MemoryJournal(() => clock.now());
  const engine = TableEngine.open(journal, config, { clock });
  const results: ResultAnnouncement[] = [];
  const rejections: RejectionNotice[] = [];
  engine.on('result', (r) => results.push(r));
  engine.on('rejected', (r) => rejections.push(r));
  /** The floor manager voids an interrupted round, the dealer settles a result. */
  const staff = (): void => {
    const round = engine.publicState().round;
    if (round?.phase === 'interrupted') {
      engine.handle({
        source: 'operator',
        command: { cmd: 'void', roundId: round.id, reason: 'no number', user: FLOOR_MANAGER },
      });
    }
  };
  return { clock, journal, engine, results, rejections, staff };
}

describe('captured device traffic through the engine', () => {
  it.each(['cammegh-extended', 'sdlp-wheel-noisy'])(
    '%s: every number the wheel produced becomes a result',
    async (name) => {
      const events = (await decoded(name)) as WheelEvent[];
      const t = table({ tableId: 'RT1', game: 'roulette', bettingMs: 600_000 }, events[0]?.at ?? 0);
      for (const event of events) {
        t.clock.advance(Math.max(0, event.at - t.clock.now()));
        if (event.type === 'gameStart') {
          const round = t.engine.publicState().round;
          if (round?.phase === 'result') {
            t.engine.handle({
              source: 'operator',
              command: { cmd: 'settle', roundId: round.id, user: DEALER },
            });
          }
          const current = t.engine.state.round?.id ?? null;
          t.engine.handle({
            source: 'operator',
            command: { cmd: 'openBetting', roundId: current, user: DEALER },
          });
        }
        t.engine.handle({ source: 'wheel', event });
        t.staff();
      }
      const numbers = events.flatMap((e) => (e.type === 'result' ? [e.number] : []));
      expect(t.results.map((r) => (r.result.game === 'roulette' ? r.result.number : null))).toEqual(numbers);
      expect(t.rejections).toEqual([]);
    },
  );

  it('sdlp-shoe: the burn, then hands dealt from the cards the shoe reported', async () => {
    const events = (await decoded('sdlp-shoe')) as ShoeEvent[];
    const t = table({ tableId: 'BC1', game: 'baccarat', bettingMs: 600_000 }, events[0]?.at ?? 0);
    for (const event of events) {
      t.clock.advance(Math.max(0, event.at - t.clock.now()));
      const s = t.engine.publicState();
      if (event.type === 'card' && s.shoe?.stage === 'between_hands' && s.round?.phase !== 'dealing') {
        // the dealer runs a hand: open, close, then the shoe's cards are dealt into it
        const current = t.engine.state.round;
        if (current && s.round?.phase === 'result') {
          t.engine.handle({
            source: 'operator',
            command: { cmd: 'settle', roundId: current.id, user: DEALER },
          });
        }
        const roundId = t.engine.state.round?.id ?? null;
        t.engine.handle({ source: 'operator', command: { cmd: 'openBetting', roundId, user: DEALER } });
        t.engine.handle({
          source: 'operator',
          command: { cmd: 'closeBetting', roundId: t.engine.state.round?.id ?? '', user: DEALER },
        });
      }
      t.engine.handle({ source: 'shoe', event });
    }
    // 3H face up, KD 9S AH burned; hand: P 10C 4D, B QS 7C → player 4 draws 2H, banker 7 stands
    expect(t.journal.kinds().filter((k) => k === 'shoe.burnCard')).toHaveLength(4);
    expect(t.results.map((r) => r.result)).toMatchObject([
      { outcome: { playerCards: ['10C', '4D', '2H'], bankerCards: ['QS', '7C'], winner: 'banker' } },
    ]);
    expect(t.rejections).toEqual([]);
    // the cut card came out in hand 1, so JD opened the last hand; the shoe was then taken out mid-hand
    expect(t.engine.publicState().round).toMatchObject({
      id: 'BC1-2',
      phase: 'interrupted',
      interruption: { code: 'shoe_changed' },
      baccarat: { player: ['JD'], lastHand: true },
    });
  });
});
