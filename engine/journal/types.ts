/**
 * The journal: an append-only, hash-chained log of everything that happens at a table (device
 * events, operator commands, round decisions). It is both the engine's source of truth (state is
 * rebuilt by replaying it) and the audit trail (a deleted or edited entry breaks the chain).
 *
 * Contract: `append` returns only after the entry is durable on disk; entries are numbered 1, 2, 3…
 * without gaps; `hash = sha256(prevHash + "\n" + canonical JSON of {seq, at, kind, actor, data})`,
 * the first entry's prevHash being 64 zeros.
 */
export interface Actor {
  /** Who acted: a user id, or a device/system name ('wheel', 'engine'). */
  id: string;
  role: 'dealer' | 'floor_manager' | 'technician' | 'device' | 'system';
}

export interface JournalEntry<D = unknown> {
  seq: number;
  /** Wall-clock ms when appended. */
  at: number;
  /** What happened, dotted: 'device.wheel.result', 'command.closeBetting', 'round.result'. */
  kind: string;
  actor: Actor;
  data: D;
  prevHash: string;
  hash: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  /** The first problem found, naming the entry: a broken link, an edited entry, a gap in seq. */
  problems: { seq: number; problem: string }[];
  headHash: string;
}

export interface AppendInput<D = unknown> {
  kind: string;
  actor: Actor;
  data: D;
}

export interface Journal {
  /** Appends one entry; durable when it returns. */
  append<D>(input: AppendInput<D>): JournalEntry<D>;
  /**
   * Appends several entries and runs `also` (extra writes in the same SQLite transaction, e.g. the
   * outbox row of a final result) atomically: all or nothing, durable when it returns.
   */
  appendMany(inputs: AppendInput[], also?: (tx: JournalTx) => void): JournalEntry[];
  /** Entries in order, from `fromSeq` (inclusive). */
  entries(fromSeq?: number): IterableIterator<JournalEntry>;
  last(): JournalEntry | undefined;
  verify(): VerifyReport;
  close(): void;
}

/** What `appendMany`'s extra writes may do: run a prepared statement on the journal's database. */
export interface JournalTx {
  run(sql: string, ...params: unknown[]): void;
}
