/**
 * The journal: an append-only, hash-chained log of everything that happens at a table (device
 * events, operator commands, round decisions). It is both the engine's source of truth (state is
 * rebuilt by replaying it) and the audit trail (a deleted or edited entry breaks the chain).
 *
 * Contract: `append` returns only after the entry is durable on disk; entries are numbered 1, 2, 3…
 * without gaps; `hash = sha256(prevHash + "\n" + canonical JSON of {seq, at, kind, actor, data})`,
 * the first entry's prevHash being 64 zeros. Canonical JSON is RFC 8785 (JCS), see
 * `canonical-json.ts`; the hash is lower-case hex.
 */
export interface Actor {
  /** Who acted: a user id, or a device/system name ('wheel', 'engine'). */
  id: string;
  role: 'dealer' | 'floor_manager' | 'technician' | 'device' | 'system';
}

export interface JournalEntry<D = unknown> {
  seq: number;
  /** Wall-clock ms when appended (an integer). */
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
  /** How many entries were read and checked. */
  entries: number;
  /** Every problem found, in seq order, each naming the entry: a broken link, an edited entry, a gap. */
  problems: { seq: number; problem: string }[];
  /** The seq of the last entry read (0 for an empty journal). */
  headSeq: number;
  /** The hash of the last entry read (64 zeros for an empty journal). */
  headHash: string;
}

export interface VerifyOptions {
  /**
   * A head known from outside the file (printed by an earlier `audit verify`, or the journal seq a
   * signed outcome points at). The journal must still contain that entry with that hash: this
   * catches a deleted tail even when the attacker also rewrote the head kept in the file.
   */
  expectedHead?: { seq: number; hash: string };
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
  /**
   * Entries in order, from `fromSeq` (inclusive), read lazily. While the iterator is open the
   * connection is busy: finish (or `return()`) it before appending.
   */
  entries(fromSeq?: number): IterableIterator<JournalEntry>;
  last(): JournalEntry | undefined;
  /** Seq of the last entry (0 when empty), known without reading the database. */
  headSeq(): number;
  /** Walks the whole chain; never throws for a tampered journal, it reports. */
  verify(options?: VerifyOptions): VerifyReport;
  close(): void;
}

/**
 * What `appendMany`'s extra writes may do: run statements on the journal's own connection, inside
 * its transaction (the journal holds an exclusive lock on the file, so no other connection can).
 * They must not touch the `journal` and `meta` tables.
 */
export interface JournalTx {
  run(sql: string, ...params: unknown[]): void;
  /** Reads one row inside the same transaction (e.g. the next per-table outcome number). */
  get<R = Record<string, unknown>>(sql: string, ...params: unknown[]): R | undefined;
}

/**
 * Side tables (the outbox, delivery cursors, the transparency log) read and written outside an
 * append, on the journal's own connection: `SqliteJournal.sideTx`. Same rule as JournalTx: never
 * the `journal` and `meta` tables (refused).
 */
export interface JournalSideTx extends JournalTx {
  all<R = Record<string, unknown>>(sql: string, ...params: unknown[]): R[];
}
