/**
 * The journal file's schema and its migrations, an ordered list: a journal at version N gets
 * migrations N+1… applied in one transaction when a desk opens it for writing. A journal written by
 * a newer desk (version above the last migration here) is refused, never guessed at.
 *
 * `meta` keeps: schema_version; head_seq and head_hash, the last entry as of the last commit,
 * written in the same transaction as every append, so a deleted tail no longer matches them.
 * The `journal` table's columns are the contract every version keeps (readers rely on them).
 */
import { JournalError } from './journal-error';
import { GENESIS_HASH } from './entry-hash';
import type { Database } from './sqlite-driver';

/** 'SDJ1' — marks the SQLite file as a Studio Desk journal (PRAGMA application_id). */
export const APPLICATION_ID = 0x53444a31;

export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'journal entries and meta (schema version, head)',
    up(db) {
      db.exec(`
        CREATE TABLE journal (
          seq INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          kind TEXT NOT NULL,
          actor TEXT NOT NULL,
          data TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('head_seq', '0'), ('head_hash', '${GENESIS_HASH}');
        PRAGMA application_id = ${APPLICATION_ID};
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The schema version of an open file: 0 for an empty file; throws when it is not a journal. */
export function readSchemaVersion(db: Database, path: string): number {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const hasMeta = hasTable(db, 'meta');
  if (!hasMeta) {
    const anyTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' LIMIT 1").get();
    if (anyTable !== undefined || appId !== 0)
      throw new JournalError('NOT_A_JOURNAL', `${path} is an SQLite database but not a Studio Desk journal`);
    return 0;
  }
  if (appId !== APPLICATION_ID)
    throw new JournalError('NOT_A_JOURNAL', `${path} is an SQLite database but not a Studio Desk journal`);
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
    { value: string } | undefined;
  const version = Number(row?.value);
  if (!Number.isInteger(version) || version < 1)
    throw new JournalError('CORRUPT', `${path}: meta.schema_version is missing or invalid (${row?.value})`);
  return version;
}

export function refuseNewer(version: number, path: string): void {
  if (version > SCHEMA_VERSION)
    throw new JournalError(
      'NEWER_SCHEMA',
      `${path} has journal schema version ${version}, newer than this desk understands (${SCHEMA_VERSION}): ` +
        'open it with the desk version that wrote it, or upgrade this desk',
    );
}

/** Brings the file to SCHEMA_VERSION inside one immediate transaction; returns the version found. */
export function migrate(db: Database, path: string): number {
  return db
    .transaction(() => {
      const found = readSchemaVersion(db, path);
      refuseNewer(found, path);
      for (const m of MIGRATIONS) {
        if (m.version <= found) continue;
        m.up(db);
        db.prepare(
          "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ).run(String(m.version));
      }
      return found;
    })
    .immediate();
}
