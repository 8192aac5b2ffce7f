/**
 * A roulette table as the desk runs it, for outcome tests: the round engine on a real SQLite
 * journal, the outcome recorder hooked in, keys in a temporary owner-only directory, a step clock.
 */
import { join } from 'node:path';
import { openJournal, type SqliteJournal } from '../../../engine/journal/sqlite-journal';
import { KeyStore } from '../../../engine/outcomes/keys';
import { OutcomeRecorder } from '../../../engine/outcomes/recorder';
import { TableEngine, type TableConfig } from '../../../engine/rounds';
import type { WheelEvent } from '../../../hardware/protocols/types';
import { colourOf, numberLabel, pocketIndex, type WheelNumber } from '../../../hardware/wheel/layout';
import { StepClock } from '../../rounds/support/step-clock';
import { DEALER, FLOOR_MANAGER } from '../../rounds/support/users';
import { tempDir } from '../outcome-fixtures';

const ROULETTE: TableConfig = { tableId: 'rt1', game: 'roulette', bettingMs: 15_000 };

export const CLOCK_SYNC = { synced: false, source: 'unknown: test clock' };

export class SignedTable {
  engine!: TableEngine;
  journal!: SqliteJournal;
  recorder!: OutcomeRecorder;
  private game = 0;

  private constructor(
    readonly dir: string,
    readonly keys: KeyStore,
    readonly clock: StepClock,
  ) {}

  static async create(dir = tempDir()): Promise<SignedTable> {
    const keys = await KeyStore.open(join(dir, 'keys'));
    const t = new SignedTable(dir, keys, new StepClock());
    t.open();
    return t;
  }

  get journalPath(): string {
    return join(this.dir, 'journal.sqlite');
  }

  /** Opens (or reopens) the journal, recorder and engine, as a desk start does. */
  open(): void {
    this.journal = openJournal(this.journalPath, { clock: this.clock });
    this.recorder = OutcomeRecorder.open(this.journal, this.keys, {
      context: { studio: 'riga', table: 'rt1', game: 'roulette', deviceIds: { wheel: 'wheel sdlp@sim' } },
      clockSync: () => CLOCK_SYNC,
      now: () => this.clock.now(),
    });
    this.engine = TableEngine.open(this.journal, ROULETTE, {
      clock: this.clock,
      finalWrites: this.recorder.finalWrites,
    });
  }

  close(): void {
    this.journal.close();
  }

  private wheel(body: Record<string, unknown>): WheelEvent {
    return { ...body, at: this.clock.now(), mono: 0, frames: [`#${JSON.stringify(body)}`] } as WheelEvent;
  }

  /** One round: open, launch, close, result, settle. Returns the round id. */
  playRound(number: WheelNumber, end: 'settle' | 'void' = 'settle'): string {
    const roundId = `rt1-${this.engine.state.roundsOpened + 1}`;
    const game = `g${++this.game}`;
    const ok = (r: { ok: boolean; error?: unknown }) => {
      if (!r.ok) throw new Error(`round ${roundId}: ${JSON.stringify(r.error)}`);
    };
    ok(
      this.engine.handle({
        source: 'operator',
        command: { cmd: 'openBetting', roundId: this.engine.state.round?.id ?? null, user: DEALER },
      }),
    );
    this.clock.advance(1000);
    ok(this.engine.handle({ source: 'wheel', event: this.wheel({ type: 'ballLaunched', game }) }));
    ok(this.engine.handle({ source: 'operator', command: { cmd: 'closeBetting', roundId, user: DEALER } }));
    this.clock.advance(2000);
    if (end === 'void') {
      ok(
        this.engine.handle({
          source: 'operator',
          command: { cmd: 'void', roundId, user: FLOOR_MANAGER, reason: 'ball jumped out' },
        }),
      );
      return roundId;
    }
    ok(
      this.engine.handle({
        source: 'wheel',
        event: this.wheel({
          type: 'result',
          game,
          number,
          label: numberLabel(number),
          colour: colourOf(number),
          pocket: pocketIndex('european', number),
          late: false,
        }),
      }),
    );
    this.clock.advance(500);
    ok(this.engine.handle({ source: 'operator', command: { cmd: 'settle', roundId, user: DEALER } }));
    return roundId;
  }
}
