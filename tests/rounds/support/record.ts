/**
 * Runs inputs on a table while remembering, for every input entry, the state the live engine had
 * once that input was fully handled: what a desk killed right after journaling the input must get
 * back to when it restarts.
 */
import type { TableState } from '../../../engine/rounds';
import type { MemoryJournal } from '../../support/memory-journal';
import { StepClock } from './step-clock';
import { Table } from './table';

export interface Checkpoint {
  /** Seq of the input entry. */
  inputSeq: number;
  /** Journal size once its decisions were written. */
  size: number;
  state: TableState;
}

export class RecordingTable extends Table {
  readonly checkpoints: Checkpoint[] = [];

  /** Runs `step` (one handle call) and records the checkpoint of the input it journaled, if any. */
  step(run: (t: Table) => unknown): void {
    const before = this.journal.size;
    run(this);
    const inputSeq = this.journal
      .kinds()
      .slice(before)
      .findIndex((k) => k.startsWith('device.') || k.startsWith('command.'));
    if (inputSeq >= 0) {
      this.checkpoints.push({
        inputSeq: before + inputSeq + 1,
        size: this.journal.size,
        state: this.engine.state,
      });
    }
  }

  /**
   * The journal as a desk killed right after entry `n` leaves it, reopened at once (at the time of
   * entry n, so no downtime: a longer one may interrupt a ball in play, see recovery.test.ts).
   */
  killedAfter(n: number): Table {
    const at = [...this.journal.entries(n)][0]?.at ?? this.clock.now();
    const clock = new StepClock(at);
    const journal: MemoryJournal = this.journal.truncated(n, () => clock.now());
    return new Table(this.config, clock, journal);
  }
}

/** Round ids that got more than one 'round.result' entry. */
export function duplicatedResults(journal: MemoryJournal): string[] {
  const seen = new Map<string, number>();
  for (const e of journal.entries()) {
    if (e.kind !== 'round.result') continue;
    const id = (e.data as { roundId: string }).roundId;
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}
