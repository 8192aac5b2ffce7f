/** Opening a table's journal read-only for the outcome log commands, and finding its keys. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { JournalError, openJournal, type SqliteJournal } from '../../engine/journal/sqlite-journal';
import { hasOutbox } from '../../engine/outcomes/outbox';
import { UsageError } from '../args';

/** Runs `use` on the journal opened read-only; unreadable or in use → message, exit 2. */
export async function withLog(
  command: string,
  path: string,
  use: (journal: SqliteJournal) => Promise<number>,
): Promise<number> {
  let journal: SqliteJournal | undefined;
  try {
    journal = openJournal(path, { readOnly: true });
    if (!journal.sideTx((tx) => hasOutbox(tx))) {
      process.stderr.write(
        `studio-desk ${command}: ${path} has no outcomes (no platform section when it ran?)\n`,
      );
      return 2;
    }
    return await use(journal);
  } catch (e) {
    if (!(e instanceof JournalError)) throw e;
    process.stderr.write(`studio-desk ${command}: ${e.message}\n`);
    return 2;
  } finally {
    journal?.close();
  }
}

/** --jwks FILE, or the keys.json of --keys DIR / the journal's folder's keys/. */
export async function loadJwks(
  values: { jwks?: unknown; keys?: unknown },
  journalPath?: string,
): Promise<JSONWebKeySet> {
  if (typeof values.jwks === 'string') {
    const parsed = JSON.parse(await readFile(values.jwks, 'utf8')) as JSONWebKeySet;
    if (!Array.isArray(parsed.keys)) throw new UsageError(`${values.jwks} is not a JWKS (no "keys" array)`);
    return parsed;
  }
  const dir =
    typeof values.keys === 'string'
      ? values.keys
      : journalPath
        ? join(dirname(journalPath), 'keys')
        : undefined;
  const index = dir ? join(dir, 'keys.json') : undefined;
  if (!index || !existsSync(index))
    throw new UsageError(`no keys: give --jwks FILE (from studio-desk keys export) or --keys DIR`);
  const parsed = JSON.parse(await readFile(index, 'utf8')) as {
    keys: { publicJwk: JSONWebKeySet['keys'][number] }[];
  };
  return { keys: parsed.keys.map((k) => k.publicJwk) };
}
