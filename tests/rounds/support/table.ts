/**
 * A table under test: a TableEngine on an in-memory journal and a step clock, with what it
 * announced collected, and shorthands for device events, commands and ticks.
 */
import type { CardCode } from '../../../hardware/cards';
import type { ShoeEventBody, WheelEventBody } from '../../../hardware/protocols/types';
import {
  TableEngine,
  type Command,
  type HandleOutcome,
  type PublicTableState,
  type RejectionNotice,
  type ResultAnnouncement,
  type TableConfig,
  type User,
} from '../../../engine/rounds';
import { MemoryJournal } from '../../support/memory-journal';
import { shoe } from './device-events';
import { StepClock } from './step-clock';
import { DEALER } from './users';

export const ROULETTE: TableConfig = { tableId: 'RT1', game: 'roulette', bettingMs: 15_000 };
export const BACCARAT: TableConfig = { tableId: 'BC1', game: 'baccarat', bettingMs: 10_000, decks: 8 };

type Distribute<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command without its user (the harness adds the dealer unless told otherwise). */
export type CommandBody = Distribute<Command, 'user'>;

export class Table {
  readonly results: ResultAnnouncement[] = [];
  readonly rejections: RejectionNotice[] = [];
  readonly states: PublicTableState[] = [];
  engine: TableEngine;
  private wheelGames = 0;

  constructor(
    readonly config: TableConfig = ROULETTE,
    readonly clock: StepClock = new StepClock(),
    readonly journal: MemoryJournal = new MemoryJournal(() => clock.now()),
  ) {
    this.engine = this.attach(TableEngine.open(journal, config, { clock }));
  }

  /** Rebuilds the table from a copy of its journal, as a restarted desk would (after `downMs`). */
  reopen(downMs = 0, journal: MemoryJournal = this.journal.copy(() => this.clock.now())): Table {
    this.clock.advance(downMs);
    return new Table(this.config, this.clock, journal);
  }

  wheel(body: WheelEventBody): HandleOutcome {
    const event = { ...body, at: this.clock.now(), mono: this.clock.monotonic(), frames: [] };
    return this.engine.handle({ source: 'wheel', event });
  }

  shoe(body: ShoeEventBody): HandleOutcome {
    const event = { ...body, at: this.clock.now(), mono: this.clock.monotonic(), frames: [] };
    return this.engine.handle({ source: 'shoe', event });
  }

  command(body: CommandBody, user: User = DEALER): HandleOutcome {
    return this.engine.handle({ source: 'operator', command: { ...body, user } as Command });
  }

  tick(): HandleOutcome {
    return this.engine.handle({ source: 'timer' });
  }

  advance(ms: number): this {
    this.clock.advance(ms);
    return this;
  }

  /** The current round's id; fails the test when there is none. */
  get roundId(): string {
    const id = this.engine.state.round?.id;
    if (id === undefined) throw new Error('test: no round is open');
    return id;
  }

  get phase(): string | undefined {
    return this.engine.publicState().round?.phase;
  }

  /** A new wheel game key, as the decoder would number them. */
  nextGame(): string {
    return `g${++this.wheelGames}`;
  }

  /** Deals cards from the shoe with consecutive card numbers after the last one read. */
  deal(shoeId: string, cards: readonly CardCode[]): HandleOutcome[] {
    return cards.map((card) =>
      this.shoe(shoe.card(shoeId, (this.engine.state.shoe?.lastIndex ?? 0) + 1, card)),
    );
  }

  /** Journal kinds from entry `fromSeq` on. */
  kindsFrom(fromSeq: number): string[] {
    return this.journal.kinds().slice(fromSeq - 1);
  }

  count(kind: string): number {
    return this.journal.kinds().filter((k) => k === kind).length;
  }

  private attach(engine: TableEngine): TableEngine {
    engine.on('result', (r) => this.results.push(r));
    engine.on('rejected', (r) => this.rejections.push(r));
    engine.on('state', (s) => this.states.push(s));
    return engine;
  }
}

/** The refusal code of an outcome, or 'ok'. */
export function codeOf(outcome: HandleOutcome): string {
  return outcome.ok ? 'ok' : outcome.error.code;
}
