/**
 * What the reference receiver accepted, in its own SQLite file (WAL, synchronous FULL): an answer
 * of 2xx means the outcome is on disk. Writes are group-committed: everything accepted while the
 * previous commit ran goes into the next transaction, so many tables delivering at once share the
 * fsyncs. Each table's chain (last sequence, hash, log frontier) is rebuilt from the rows on open.
 */
import { loadSqlite, type Database, type Statement } from '../journal/sqlite-driver';
import { appendLeaf, type Frontier } from '../transparency/compact-range';
import { leafHash } from '../transparency/merkle';
import { EMPTY_CHAIN, type TableChain } from './accept';

export interface AcceptedRow {
  studio: string;
  table_id: string;
  sequence: number;
  outcome_id: string;
  hash: string;
  jws: string;
  tree_head: string;
  received_at: number;
  via: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accepted (
  studio TEXT NOT NULL,
  table_id TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  outcome_id TEXT NOT NULL,
  hash TEXT NOT NULL,
  jws TEXT NOT NULL,
  tree_head TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  via TEXT NOT NULL,
  PRIMARY KEY (studio, table_id, sequence)
)`;

export class ReceiverStore {
  private readonly chains = new Map<string, TableChain>();
  private readonly insert: Statement;
  private readonly getJws: Statement;
  private queue: { row: AcceptedRow | undefined; done: (err?: Error) => void }[] = [];
  /** JWS of rows taken as heads but not committed yet: a resend may come before the commit. */
  private readonly uncommitted = new Map<string, string>();
  private scheduled = false;

  private constructor(private readonly db: Database) {
    db.exec(SCHEMA);
    this.insert = db.prepare(
      'INSERT INTO accepted (studio, table_id, sequence, outcome_id, hash, jws, tree_head, received_at, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.getJws = db.prepare('SELECT jws FROM accepted WHERE studio = ? AND table_id = ? AND sequence = ?');
    this.rebuild();
  }

  static open(path: string): ReceiverStore {
    const Database = loadSqlite();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return new ReceiverStore(db);
  }

  chain(studio: string, table: string): TableChain {
    return this.chains.get(key(studio, table)) ?? EMPTY_CHAIN;
  }

  storedJws(studio: string, table: string, sequence: number): string | undefined {
    const pending = this.uncommitted.get(`${key(studio, table)}\u0000${sequence}`);
    if (pending !== undefined) return pending;
    return (this.getJws.get(studio, table, sequence) as { jws: string } | undefined)?.jws;
  }

  /**
   * Takes the row as the table's new head at once (so the next request sees it) and resolves once
   * it is durable. `row` undefined: just wait for the commit of what is queued (a duplicate's answer
   * must not overtake the write of the original).
   */
  accept(row: AcceptedRow | undefined, next?: TableChain): Promise<void> {
    if (row && next) {
      this.chains.set(key(row.studio, row.table_id), next);
      this.uncommitted.set(`${key(row.studio, row.table_id)}\u0000${row.sequence}`, row.jws);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ row, done: (err) => (err ? reject(err) : resolve()) });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.commit());
      }
    });
  }

  list(filter: { studio?: string; table?: string; after?: number; limit?: number }): AcceptedRow[] {
    return this.db
      .prepare(
        `SELECT * FROM accepted WHERE (@studio IS NULL OR studio = @studio) AND (@tbl IS NULL OR table_id = @tbl)
         AND sequence > @after ORDER BY studio, table_id, sequence LIMIT @lim`,
      )
      .all({
        studio: filter.studio ?? null,
        tbl: filter.table ?? null,
        after: filter.after ?? 0,
        lim: filter.limit ?? 100_000,
      }) as AcceptedRow[];
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM accepted').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }

  private commit(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const settle = () => {
      for (const { row } of batch)
        if (row) this.uncommitted.delete(`${key(row.studio, row.table_id)}\u0000${row.sequence}`);
    };
    try {
      this.db.transaction(() => {
        for (const { row } of batch)
          if (row)
            this.insert.run(
              row.studio,
              row.table_id,
              row.sequence,
              row.outcome_id,
              row.hash,
              row.jws,
              row.tree_head,
              row.received_at,
              row.via,
            );
      })();
    } catch (e) {
      // Nothing of the batch is stored: forget the heads taken in memory, answer every request 500.
      settle();
      this.rebuild();
      for (const b of batch) b.done(e as Error);
      return;
    }
    settle();
    for (const b of batch) b.done();
  }

  private rebuild(): void {
    this.chains.clear();
    const rows = this.db
      .prepare(
        'SELECT studio, table_id, sequence, hash, jws FROM accepted ORDER BY studio, table_id, sequence',
      )
      .iterate() as IterableIterator<Pick<AcceptedRow, 'studio' | 'table_id' | 'sequence' | 'hash' | 'jws'>>;
    for (const r of rows) {
      const k = key(r.studio, r.table_id);
      const prev = this.chains.get(k) ?? EMPTY_CHAIN;
      const frontier: Frontier = appendLeaf(prev.frontier, leafHash(Buffer.from(r.jws, 'utf8')));
      this.chains.set(k, { lastSeq: r.sequence, lastHash: r.hash, frontier });
    }
  }
}

function key(studio: string, table: string): string {
  return `${studio}\u0000${table}`;
}
