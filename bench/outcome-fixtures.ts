/**
 * Journals full of signed outcomes for the outcome benchmarks: rounds written the way the engine
 * writes them (round.opened … round.result, round.settled), with the recorder's writes in the same
 * transaction, many rounds per transaction so that filling 10,000 takes seconds, not minutes.
 */
import { join } from 'node:path';
import { openJournal, type SqliteJournal } from '../engine/journal/sqlite-journal';
import type { AppendInput } from '../engine/journal/types';
import type { KeyStore } from '../engine/outcomes/keys';
import { OutcomeRecorder } from '../engine/outcomes/recorder';
import { colourOf } from '../hardware/wheel/layout';

const ENGINE = { id: 'engine', role: 'system' } as const;
const WHEEL = { id: 'wheel', role: 'device' } as const;

export function recorderFor(journal: SqliteJournal, keys: KeyStore, table: string): OutcomeRecorder {
  return OutcomeRecorder.open(journal, keys, {
    context: {
      studio: 'bench',
      table,
      game: 'roulette',
      deviceIds: { wheel: 'wheel sdlp@/dev/serial/by-id/bench' },
    },
    clockSync: () => ({ synced: false, source: 'unknown: benchmark' }),
  });
}

/** The entries of one roulette round, from its opening to its settle. */
export function roundEntries(table: string, n: number, at: number): AppendInput[] {
  const roundId = `${table}-${n}`;
  const number = n % 37;
  return [
    {
      kind: 'round.opened',
      actor: ENGINE,
      data: { roundId, n, game: 'roulette', at, closesAt: at + 15_000, by: 'auto', cause: null },
    },
    {
      kind: 'round.bettingClosed',
      actor: ENGINE,
      data: { roundId, at: at + 15_000, by: 'timer', cause: null },
    },
    {
      kind: 'device.wheel.result',
      actor: WHEEL,
      data: {
        type: 'result',
        game: `g${n}`,
        number,
        label: String(number),
        colour: colourOf(number),
        pocket: 0,
        late: false,
        at: at + 40_000,
        mono: 0,
        frames: [`*X:05:${String(number).padStart(3, '0')}:0:0:17`],
      },
    },
    { kind: 'round.result', actor: ENGINE, data: { roundId, at: at + 40_000, number, cause: -1 } },
    { kind: 'round.settled', actor: ENGINE, data: { roundId, at: at + 45_000, cause: null } },
  ];
}

/** A journal at `dir/<table>.sqlite` with `count` settled rounds and their signed outcomes. */
export function filledJournal(
  dir: string,
  table: string,
  keys: KeyStore,
  count: number,
  perTx = 100,
): SqliteJournal {
  const journal = openJournal(join(dir, `${table}.sqlite`));
  const recorder = recorderFor(journal, keys, table);
  const t0 = Date.UTC(2025, 5, 1, 12);
  for (let done = 0; done < count;) {
    const batch: AppendInput[] = [];
    for (let i = 0; i < perTx && done < count; i++, done++)
      batch.push(...roundEntries(table, done + 1, t0 + done * 60_000));
    const first = journal.headSeq() + 1;
    // cause of round.result: the seq of its device input
    const pending = batch.map((e, i) => {
      const d = e.data as { cause?: number };
      if (e.kind === 'round.result') d.cause = first + i - 1;
      return { ...e, seq: first + i };
    });
    journal.appendMany(batch, recorder.finalWrites(pending));
  }
  return journal;
}
