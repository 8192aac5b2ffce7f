/**
 * An in-memory Journal for tests: the same contract as the SQLite journal (numbered entries,
 * hash-chained, data stored as JSON and read back as copies, undefined and non-finite numbers
 * refused), without the disk. The hash is a plain sha256 of JSON.stringify, not the canonical form.
 *
 * Test hooks: `failOn(kind)` makes the next append of that kind throw (nothing is written), `copy()`
 * is the file as a desk killed now would leave it, `truncated(n)` the first n entries only.
 */
import { createHash } from 'node:crypto';
import type { AppendInput, Journal, JournalEntry, JournalTx, VerifyReport } from '../../engine/journal/types';

const GENESIS = '0'.repeat(64);

export class MemoryJournal implements Journal {
  private readonly rows: JournalEntry[] = [];
  private failing: string | undefined;
  private closed = false;

  constructor(private readonly now: () => number = () => Date.now()) {}

  append<D>(input: AppendInput<D>): JournalEntry<D> {
    return this.appendMany([input])[0] as JournalEntry<D>;
  }

  appendMany(inputs: AppendInput[], also?: (tx: JournalTx) => void): JournalEntry[] {
    if (this.closed) throw new Error('journal is closed');
    const failing = this.failing;
    if (failing !== undefined && inputs.some((i) => i.kind === failing)) {
      this.failing = undefined;
      throw new Error(`simulated journal failure on ${failing}`);
    }
    const at = Math.round(this.now());
    const written: JournalEntry[] = [];
    let prevHash = this.rows.at(-1)?.hash ?? GENESIS;
    for (const input of inputs) {
      checkJson(input.data, `${input.kind} data`);
      const seq = this.rows.length + written.length + 1;
      const fields = {
        seq,
        at,
        kind: input.kind,
        actor: { id: input.actor.id, role: input.actor.role },
        data: copy(input.data),
      };
      const hash = sha256(`${prevHash}\n${JSON.stringify(fields)}`);
      written.push(Object.freeze({ ...fields, prevHash, hash }));
      prevHash = hash;
    }
    also?.({ run: () => undefined, get: () => undefined });
    this.rows.push(...written);
    return written.map(copyEntry);
  }

  *entries(fromSeq = 1): IterableIterator<JournalEntry> {
    for (const row of this.rows.slice(Math.max(0, fromSeq - 1))) yield copyEntry(row);
  }

  headSeq(): number {
    return this.rows.at(-1)?.seq ?? 0;
  }

  last(): JournalEntry | undefined {
    const row = this.rows.at(-1);
    return row && copyEntry(row);
  }

  verify(): VerifyReport {
    const problems: { seq: number; problem: string }[] = [];
    let prevHash = GENESIS;
    this.rows.forEach((row, i) => {
      const { seq, at, kind, actor, data } = row;
      if (seq !== i + 1) problems.push({ seq, problem: `seq ${seq} where ${i + 1} was expected` });
      if (row.prevHash !== prevHash) problems.push({ seq, problem: 'broken link' });
      if (sha256(`${row.prevHash}\n${JSON.stringify({ seq, at, kind, actor, data })}`) !== row.hash) {
        problems.push({ seq, problem: 'edited entry' });
      }
      prevHash = row.hash;
    });
    return {
      ok: problems.length === 0,
      entries: this.rows.length,
      problems,
      headSeq: this.rows.length,
      headHash: prevHash,
    };
  }

  close(): void {
    this.closed = true;
  }

  /** The next append (or appendMany) containing an entry of `kind` throws and writes nothing. */
  failOn(kind: string): void {
    this.failing = kind;
  }

  /** Every entry's kind, in order. */
  kinds(): string[] {
    return this.rows.map((r) => r.kind);
  }

  get size(): number {
    return this.rows.length;
  }

  /** A journal holding the same entries: what a desk killed now leaves on disk. */
  copy(now: () => number = this.now): MemoryJournal {
    return this.truncated(this.rows.length, now);
  }

  /** A journal holding only the first `n` entries: a desk killed right after entry n. */
  truncated(n: number, now: () => number = this.now): MemoryJournal {
    const j = new MemoryJournal(now);
    j.rows.push(...this.rows.slice(0, n));
    return j;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function copyEntry(row: JournalEntry): JournalEntry {
  return { ...row, actor: { ...row.actor }, data: copy(row.data) };
}

/** Refuses what the SQLite journal refuses: undefined, non-finite numbers, non-plain objects. */
function checkJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path}: ${value} is not JSON`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkJson(v, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) checkJson(v, `${path}.${k}`);
    return;
  }
  throw new Error(`${path}: ${typeof value === 'undefined' ? 'undefined' : 'a non-plain value'} is not JSON`);
}
