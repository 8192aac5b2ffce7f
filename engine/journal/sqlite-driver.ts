/**
 * better-sqlite3, typed for what the journal uses and loaded only where it can run.
 *
 * The package ships no types (and @types/better-sqlite3 is not a dependency), so the few calls the
 * journal makes are described here. It is loaded with `createRequire` on first use, after checking
 * the runtime: better-sqlite3 13 is built for Node-API 10 (Node ≥ 22) and segfaults on Node 20 as
 * soon as a database is opened; a clear error is better than a dead desk.
 */
import { createRequire } from 'node:module';
import { JournalError } from './journal-error';

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

export interface TransactionFn<A extends unknown[], R> {
  (...args: A): R;
  immediate(...args: A): R;
}

export interface Database {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  exec(sql: string): Database;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): TransactionFn<A, R>;
  close(): void;
}

export interface DatabaseOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Busy timeout in ms. */
  timeout?: number;
}

export type DatabaseConstructor = new (filename: string, options?: DatabaseOptions) => Database;

/** The error class better-sqlite3 throws: a message and an SQLite result code name. */
export interface SqliteError extends Error {
  code: string;
}

export function isSqliteError(e: unknown): e is SqliteError {
  return e instanceof Error && e.name === 'SqliteError' && typeof (e as { code?: unknown }).code === 'string';
}

/** Node-API version better-sqlite3 13's prebuilt binary is compiled for. */
const NAPI_NEEDED = 10;

let loaded: DatabaseConstructor | undefined;

export function loadSqlite(): DatabaseConstructor {
  if (loaded) return loaded;
  const napi = Number(process.versions.napi ?? 0);
  if (napi < NAPI_NEEDED)
    throw new JournalError(
      'UNSUPPORTED_RUNTIME',
      `the journal needs Node.js 22 or newer (better-sqlite3 is built for Node-API ${NAPI_NEEDED}); ` +
        `this is Node ${process.version} with Node-API ${napi}. Run it through npm scripts or npx, ` +
        'which use the Node 22 of node_modules/.bin.',
    );
  const require = createRequire(import.meta.url);
  loaded = require('better-sqlite3') as DatabaseConstructor;
  return loaded;
}
