/**
 * The journal in an SQLite file (better-sqlite3, WAL), one file per table.
 *
 * Durability: `append` and `appendMany` commit one transaction each and return after SQLite has
 * fsynced the write-ahead log, because `synchronous = FULL`. With `synchronous = NORMAL`, WAL mode
 * syncs the log only at checkpoints: a commit survives a crash of the process (the bytes are in the
 * OS page cache) but the last transactions before a power cut or kernel panic can be lost — a
 * result shown as final, then gone. That is the one loss the journal exists to prevent, so FULL,
 * at the cost of one fsync per append (see bench/journal-latency.bench.ts).
 *
 * One writer: `locking_mode = EXCLUSIVE`, set before WAL mode, makes the connection take the file's
 * lock on first access and keep it until closed (and keep the WAL index in its own memory, no
 * -shm). A second desk on the same file — in this process or another — gets SQLITE_BUSY, reported
 * as "journal is in use by another desk". The OS drops the lock when the process dies, so a desk
 * restarted after `kill -9` opens its journal at once. The price: nothing else can read the file
 * while a desk has it open; extra tables (e.g. an outbox) go through `appendMany`'s JournalTx.
 *
 * Tamper evidence: every entry is hash-chained (see entry-hash.ts), and the head (last seq and hash)
 * is kept in `meta` in the same transaction as every append, so `verify()` names a deleted middle
 * entry, an edited one and a deleted tail. Someone who can rewrite the whole file, `meta` included,
 * can forge a consistent chain: the defence is a head kept outside the file
 * (`verify({expectedHead})`) and the signed transparency log of issue 4.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../../lib/clock';
import { checkInput, entryHashOfCanonical, GENESIS_HASH } from './entry-hash';
import { JournalError } from './journal-error';
import { migrate, readSchemaVersion, refuseNewer } from './schema';
import {
  isSqliteError,
  loadSqlite,
  type Database,
  type Statement,
  type TransactionFn,
} from './sqlite-driver';
import type {
  AppendInput,
  Journal,
  JournalEntry,
  JournalSideTx,
  JournalTx,
  VerifyOptions,
  VerifyReport,
} from './types';
import { verifyChain, type StoredHead, type StoredRow } from './verify-chain';

export { JournalError } from './journal-error';

export interface OpenJournalOptions {
  /** Where `at` comes from (wall-clock integer ms); the system clock by default. */
  clock?: Pick<Clock, 'now'>;
  /**
   * Read only (audit): the file must exist and be a journal; nothing is migrated or written, and no
   * lasting lock is taken. Appending throws.
   */
  readOnly?: boolean;
  /** How long to wait for a lock held by someone else before giving up (ms, default 1000). */
  busyTimeoutMs?: number;
}

/** A row ready to insert: validated, canonicalised, hashed. */
interface PendingRow {
  seq: number;
  at: number;
  kind: string;
  actorJson: string;
  dataJson: string;
  actor: JournalEntry['actor'];
  prevHash: string;
  hash: string;
}

const COLUMNS = 'seq, at, kind, actor, data, prev_hash, hash';

/** A statement that would change the chain's own tables (only appends may). */
const WRITES_CHAIN =
  /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|DROP\s+TABLE(?:\s+IF\s+EXISTS)?|ALTER\s+TABLE)\s+(?:main\.)?["`]?(?:journal|meta)\b/i;

export function openJournal(path: string, options: OpenJournalOptions = {}): SqliteJournal {
  const Database = loadSqlite();
  const readOnly = options.readOnly ?? false;
  const busyTimeoutMs = options.busyTimeoutMs ?? 1000;
  preflight(path, readOnly);
  let db: Database | undefined;
  try {
    db = new Database(path, { readonly: readOnly, fileMustExist: readOnly, timeout: busyTimeoutMs });
    if (readOnly) {
      const version = readSchemaVersion(db, path);
      if (version === 0) throw new JournalError('NOT_A_JOURNAL', `${path} is not a journal (it is empty)`);
      refuseNewer(version, path);
    } else {
      db.pragma('locking_mode = EXCLUSIVE'); // before WAL: no shared-memory index, one process only
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal')
        throw new JournalError('IO', `${path}: SQLite would not switch to WAL mode (got ${String(mode)})`);
      db.pragma('synchronous = FULL'); // durable on return; see the comment at the top
      db.pragma('fullfsync = ON'); // macOS: F_FULLFSYNC, else the disk may keep the "synced" bytes in cache
      db.pragma('checkpoint_fullfsync = ON');
      db.pragma('foreign_keys = ON');
      migrate(db, path);
    }
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    return new SqliteJournal(db, path, readOnly, options.clock ?? { now: () => Date.now() });
  } catch (e) {
    try {
      db?.close();
    } catch {
      // already failing; the first error is the one to report
    }
    throw toJournalError(e, path);
  }
}

function preflight(path: string, readOnly: boolean): void {
  if (typeof path !== 'string' || path.trim() === '' || path.trim() === ':memory:')
    throw new JournalError('NOT_FOUND', `a journal needs a file path (got ${JSON.stringify(path)})`);
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw toJournalError(e, path);
    if (readOnly) throw new JournalError('NOT_FOUND', `journal ${path} does not exist`);
    let dirOk = false;
    try {
      dirOk = statSync(dirname(path)).isDirectory();
    } catch {
      // reported below
    }
    if (!dirOk)
      throw new JournalError(
        'NOT_FOUND',
        `cannot create journal ${path}: directory ${dirname(path)} does not exist`,
      );
  }
  if (isDirectory) throw new JournalError('NOT_A_JOURNAL', `${path} is a directory, not a journal file`);
}

/** Any failure as a JournalError naming the file; programming errors pass through unchanged. */
function toJournalError(e: unknown, path: string): unknown {
  if (e instanceof JournalError) return e;
  if (isSqliteError(e)) {
    const code = e.code;
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      return new JournalError(
        'IN_USE',
        `journal is in use by another desk: ${path} is locked (by a desk, or by an audit reading it)`,
        { cause: e },
      );
    if (code === 'SQLITE_NOTADB')
      return new JournalError('NOT_A_JOURNAL', `${path} is not a journal: not an SQLite database`, {
        cause: e,
      });
    if (code.startsWith('SQLITE_CORRUPT'))
      return new JournalError('CORRUPT', `journal ${path} is damaged: ${e.message}`, { cause: e });
    if (code.startsWith('SQLITE_CANTOPEN'))
      return new JournalError('NOT_FOUND', `cannot open journal ${path}: ${e.message}`, { cause: e });
    if (code.startsWith('SQLITE_READONLY'))
      return new JournalError('IO', `cannot write journal ${path}: ${e.message}`, { cause: e });
    return new JournalError('IO', `journal ${path}: ${e.message} (${code})`, { cause: e });
  }
  const errno = e as NodeJS.ErrnoException;
  if (errno instanceof Error && typeof errno.code === 'string' && typeof errno.syscall === 'string')
    return new JournalError('IO', `journal ${path}: ${errno.message}`, { cause: e });
  return e;
}

type AlsoFn = ((tx: JournalTx) => void) | undefined;

export class SqliteJournal implements Journal {
  private readonly selectLast: Statement;
  /** Only when opened for writing. */
  private readonly writeTx: TransactionFn<[PendingRow[], AlsoFn], void> | undefined;
  private readonly txStatements = new Map<string, Statement>();
  private head: StoredHead;
  private writing = false;
  private alsoError: unknown;
  private closed = false;

  /** Use `openJournal`. */
  constructor(
    private readonly db: Database,
    readonly path: string,
    readonly readOnly: boolean,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.selectLast = db.prepare(`SELECT ${COLUMNS} FROM journal ORDER BY seq DESC LIMIT 1`);
    const last = this.selectLast.get() as StoredRow | undefined;
    this.head = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
    if (readOnly) return;

    const stored = this.readStoredHead();
    if (!stored || stored.seq !== this.head.seq || stored.hash !== this.head.hash)
      // Appending now would overwrite the evidence of a deleted tail: refuse, let a person look.
      throw new JournalError(
        'TAMPERED',
        `journal ${path}: the head kept in meta (seq ${stored?.seq ?? '?'}) does not match the last entry ` +
          `(seq ${this.head.seq}); entries may have been deleted or edited: run \`studio-desk audit verify\``,
      );
    const insert = db.prepare(`INSERT INTO journal (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const setHeadSeq = db.prepare("UPDATE meta SET value = ? WHERE key = 'head_seq'");
    const setHeadHash = db.prepare("UPDATE meta SET value = ? WHERE key = 'head_hash'");
    this.writeTx = db.transaction((rows: PendingRow[], also: AlsoFn) => {
      for (const r of rows) insert.run(r.seq, r.at, r.kind, r.actorJson, r.dataJson, r.prevHash, r.hash);
      if (also) this.runAlso(also);
      const last = rows[rows.length - 1] as PendingRow;
      setHeadSeq.run(String(last.seq));
      setHeadHash.run(last.hash);
    });
  }

  /** Runs the caller's extra writes; a JournalTx kept after the callback returns is dead. */
  private runAlso(also: (tx: JournalTx) => void): void {
    let active = true;
    const check = () => {
      if (!active)
        throw new JournalError('CLOSED', 'a JournalTx can only be used inside its appendMany callback');
    };
    try {
      also({
        run: (sql, ...params) => {
          check();
          this.txStatement(sql).run(...params);
        },
        get: <R>(sql: string, ...params: unknown[]) => {
          check();
          return this.txStatement(sql).get(...params) as R | undefined;
        },
      });
    } catch (e) {
      this.alsoError = e; // the caller's own error (or its SQL's): rethrown as it is
      throw e;
    } finally {
      active = false;
    }
  }

  append<D>(input: AppendInput<D>): JournalEntry<D> {
    return this.appendMany([input])[0] as JournalEntry<D>;
  }

  appendMany(inputs: AppendInput[], also?: (tx: JournalTx) => void): JournalEntry[] {
    this.assertWritable();
    if (this.writing)
      throw new JournalError('INVALID_ENTRY', 'appendMany cannot be called from inside another append');
    if (inputs.length === 0 && !also) return [];
    if (inputs.length === 0)
      throw new JournalError('INVALID_ENTRY', 'appendMany needs at least one entry to go with its writes');
    const at = this.clock.now();
    if (!Number.isSafeInteger(at) || at < 0)
      throw new JournalError(
        'INVALID_ENTRY',
        `clock.now() gave ${at}; the journal stores whole milliseconds`,
      );
    let { seq, hash: prevHash } = this.head;
    const rows: PendingRow[] = inputs.map((input) => {
      const c = checkInput(input);
      seq += 1;
      const hash = entryHashOfCanonical(prevHash, seq, at, c.kind, c.actorJson, c.dataJson);
      const row: PendingRow = { seq, at, ...c, prevHash, hash };
      prevHash = hash;
      return row;
    });
    this.writing = true;
    this.alsoError = undefined;
    try {
      (this.writeTx as NonNullable<typeof this.writeTx>)(rows, also);
    } catch (e) {
      throw e === this.alsoError ? e : toJournalError(e, this.path);
    } finally {
      this.writing = false;
      this.alsoError = undefined;
    }
    const last = rows[rows.length - 1] as PendingRow;
    this.head = { seq: last.seq, hash: last.hash };
    // The data as stored and as a replay will read it (a copy: -0 is 0, no shared references), so
    // state built from what append returned equals state rebuilt from the journal.
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      kind: r.kind,
      actor: r.actor,
      data: JSON.parse(r.dataJson) as unknown,
      prevHash: r.prevHash,
      hash: r.hash,
    }));
  }

  *entries(fromSeq = 1): IterableIterator<JournalEntry> {
    this.assertOpen();
    // A statement of its own per iterator, so two iterators can be open at once.
    const stmt = this.db.prepare(`SELECT ${COLUMNS} FROM journal WHERE seq >= ? ORDER BY seq`);
    let rows: IterableIterator<unknown>;
    try {
      rows = stmt.iterate(fromSeq);
    } catch (e) {
      throw toJournalError(e, this.path);
    }
    try {
      while (true) {
        let next: IteratorResult<unknown>;
        try {
          next = rows.next();
        } catch (e) {
          throw toJournalError(e, this.path);
        }
        if (next.done) return;
        yield this.toEntry(next.value as StoredRow);
      }
    } finally {
      rows.return?.(); // a consumer that stops early (break) releases the statement, and the connection
    }
  }

  headSeq(): number {
    this.assertOpen();
    return this.head.seq;
  }

  /**
   * Reads and writes of side tables (outbox, delivery cursors) in one transaction on this
   * connection, without a journal entry: the journal holds the file's exclusive lock, so nothing
   * else can. Read-only journals may read. Statements that write `journal` or `meta` are refused.
   */
  sideTx<T>(fn: (tx: JournalSideTx) => T): T {
    this.assertOpen();
    if (this.writing)
      throw new JournalError('INVALID_ENTRY', 'sideTx cannot be called from inside an append');
    let active = true;
    const check = () => {
      if (!active) throw new JournalError('CLOSED', 'a JournalSideTx can only be used inside its callback');
    };
    const tx: JournalSideTx = {
      run: (sql, ...params) => {
        check();
        this.txStatement(sql).run(...params);
      },
      get: <R>(sql: string, ...params: unknown[]) => {
        check();
        return this.txStatement(sql).get(...params) as R | undefined;
      },
      all: <R>(sql: string, ...params: unknown[]) => {
        check();
        return this.txStatement(sql).all(...params) as R[];
      },
    };
    let own: unknown;
    try {
      return this.db.transaction(() => {
        try {
          return fn(tx);
        } catch (e) {
          own = e;
          throw e;
        }
      })();
    } catch (e) {
      throw e === own ? e : toJournalError(e, this.path);
    } finally {
      active = false;
    }
  }

  last(): JournalEntry | undefined {
    this.assertOpen();
    const row = this.run(() => this.selectLast.get()) as StoredRow | undefined;
    return row ? this.toEntry(row) : undefined;
  }

  verify(options: VerifyOptions = {}): VerifyReport {
    this.assertOpen();
    // One read transaction: the rows and the head in meta from the same snapshot.
    return this.run(() =>
      this.db.transaction(() => {
        const rows = this.db
          .prepare(`SELECT ${COLUMNS} FROM journal ORDER BY seq`)
          .iterate() as IterableIterator<StoredRow>;
        const report = verifyChain(rows, this.readStoredHead(), options);
        return report;
      })(),
    );
  }

  /** The connection's durability and locking settings, as SQLite reports them (for tests and diagnostics). */
  settings(): {
    journalMode: string;
    synchronous: string;
    lockingMode: string;
    foreignKeys: boolean;
    busyTimeoutMs: number;
  } {
    this.assertOpen();
    const get = (name: string) => this.db.pragma(name, { simple: true });
    const synchronous =
      ['off', 'normal', 'full', 'extra'][Number(get('synchronous'))] ?? String(get('synchronous'));
    return {
      journalMode: String(get('journal_mode')),
      synchronous,
      lockingMode: String(get('locking_mode')),
      foreignKeys: get('foreign_keys') === 1,
      busyTimeoutMs: Number(get('busy_timeout')),
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close(); // checkpoints the WAL into the file and releases the lock
  }

  private readStoredHead(): StoredHead | undefined {
    const rows = this.db
      .prepare("SELECT key, value FROM meta WHERE key IN ('head_seq', 'head_hash')")
      .all() as { key: string; value: string }[];
    const seq = rows.find((r) => r.key === 'head_seq')?.value;
    const hash = rows.find((r) => r.key === 'head_hash')?.value;
    if (seq === undefined || hash === undefined || !/^\d+$/.test(seq)) return undefined;
    return { seq: Number(seq), hash };
  }

  private txStatement(sql: string): Statement {
    let stmt = this.txStatements.get(sql);
    if (!stmt) {
      if (WRITES_CHAIN.test(sql))
        throw new JournalError('INVALID_ENTRY', `side-table writes must not touch journal or meta: ${sql}`);
      stmt = this.db.prepare(sql);
      if (this.txStatements.size < 256) this.txStatements.set(sql, stmt);
    }
    return stmt;
  }

  private toEntry(row: StoredRow): JournalEntry {
    const parse = (column: 'actor' | 'data'): unknown => {
      try {
        return JSON.parse(row[column]);
      } catch {
        throw new JournalError(
          'CORRUPT',
          `journal ${this.path}: entry ${row.seq}: ${column} is not valid JSON (run \`studio-desk audit verify\`)`,
        );
      }
    };
    return {
      seq: row.seq,
      at: row.at,
      kind: row.kind,
      actor: parse('actor') as JournalEntry['actor'],
      data: parse('data'),
      prevHash: row.prev_hash,
      hash: row.hash,
    };
  }

  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw toJournalError(e, this.path);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new JournalError('CLOSED', `journal ${this.path} is closed`);
  }

  private assertWritable(): void {
    this.assertOpen();
    if (!this.writeTx) throw new JournalError('READ_ONLY', `journal ${this.path} was opened read-only`);
  }
}
