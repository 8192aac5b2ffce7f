import { writeFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '../../engine/journal/entry-hash';
import { MIGRATIONS, SCHEMA_VERSION } from '../../engine/journal/schema';
import { JournalError, openJournal, type SqliteJournal } from '../../engine/journal/sqlite-journal';
import type { AppendInput } from '../../engine/journal/types';
import { cleanupTempDirs, tempDir, tempJournalPath, wheelResult, withRawDb } from './journal-helpers';

const opened: SqliteJournal[] = [];
function open(path: string, options: Parameters<typeof openJournal>[1] = {}): SqliteJournal {
  const j = openJournal(path, options);
  opened.push(j);
  return j;
}
afterEach(() => {
  for (const j of opened.splice(0)) j.close();
  cleanupTempDirs();
});

/** A clock that ticks one millisecond per reading. */
function tickingClock(start = 1_750_000_000_000) {
  let t = start;
  return { now: () => t++ };
}

function journalError(fn: () => unknown): JournalError {
  try {
    fn();
  } catch (e) {
    if (e instanceof JournalError) return e;
    throw new Error(`expected a JournalError, got ${String(e)}`);
  }
  throw new Error('expected a JournalError, nothing was thrown');
}

const engine = { id: 'engine', role: 'system' } as const;

describe('append and read back', () => {
  it('numbers entries from 1, chains each to the one before, and hashes them by the contract', () => {
    const j = open(tempJournalPath(), { clock: tickingClock(1000) });
    const a = j.append(wheelResult(1));
    const b = j.append({
      kind: 'command.closeBetting',
      actor: { id: 'd-7', role: 'dealer' },
      data: { roundId: 'r1' },
    });
    expect(a).toMatchObject({ seq: 1, at: 1000, kind: 'device.wheel.result', prevHash: GENESIS_HASH });
    expect(b).toMatchObject({ seq: 2, at: 1001, prevHash: a.hash });
    expect(a.hash).toBe(
      entryHash(GENESIS_HASH, { seq: 1, at: 1000, kind: a.kind, actor: a.actor, data: a.data }),
    );
    expect(b.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("append returns the data as a replay will read it: a copy, not the caller's object", () => {
    const j = open(tempJournalPath());
    const data = { roundId: 'r1', result: { number: -0, bets: [1, 2] } };
    const e = j.append({ kind: 'round.result', actor: engine, data });
    data.result.bets.push(3);
    expect(e.data).toEqual({ roundId: 'r1', result: { number: 0, bets: [1, 2] } });
    expect(Object.is(e.data.result.number, 0)).toBe(true);
    expect([...j.entries()][0]).toEqual(e);
  });

  it('entries() gives back exactly what was appended, in order, from any seq', () => {
    const j = open(tempJournalPath());
    const appended = [1, 2, 3, 4, 5].map((i) => j.append(wheelResult(i)));
    expect([...j.entries()]).toEqual(appended);
    expect([...j.entries(4)].map((e) => e.seq)).toEqual([4, 5]);
    expect([...j.entries(6)]).toEqual([]);
    expect(j.last()).toEqual(appended[4]);
  });

  it('an empty journal has no entries and no last entry, and verifies', () => {
    const j = open(tempJournalPath());
    expect([...j.entries()]).toEqual([]);
    expect(j.last()).toBeUndefined();
    expect(j.verify()).toEqual({ ok: true, entries: 0, problems: [], headSeq: 0, headHash: GENESIS_HASH });
  });

  it('entries() reads row by row: the entries before a damaged one arrive before the error', () => {
    const path = tempJournalPath();
    const w = openJournal(path);
    for (let i = 1; i <= 5; i++) w.append(wheelResult(i));
    w.close();
    withRawDb(path, (db) => db.prepare("UPDATE journal SET data = '{broken' WHERE seq = 3").run());
    const it = open(path, { readOnly: true }).entries();
    expect(it.next().value?.seq).toBe(1);
    expect(it.next().value?.seq).toBe(2);
    const e = journalError(() => it.next());
    expect(e.code).toBe('CORRUPT');
    expect(e.message).toMatch(/entry 3: data is not valid JSON/);
  });

  it('reopening keeps the chain and continues the numbering', () => {
    const path = tempJournalPath();
    const first = openJournal(path);
    const a = first.append(wheelResult(1));
    const b = first.append(wheelResult(2));
    first.close();
    const again = open(path);
    expect(again.last()).toEqual(b);
    const c = again.append(wheelResult(3));
    expect(c.seq).toBe(3);
    expect(c.prevHash).toBe(b.hash);
    expect([...again.entries()].map((e) => e.hash)).toEqual([a.hash, b.hash, c.hash]);
    expect(again.verify()).toMatchObject({ ok: true, entries: 3, headSeq: 3, headHash: c.hash });
  });

  it('rejects an invalid entry with a clear error and writes nothing', () => {
    const j = open(tempJournalPath());
    j.append(wheelResult(1));
    const bad: [AppendInput, RegExp][] = [
      [{ kind: '', actor: engine, data: {} }, /invalid entry kind ""/],
      [{ kind: 'round result', actor: engine, data: {} }, /invalid entry kind/],
      [
        { kind: 'round.result', actor: { id: '', role: 'system' }, data: {} },
        /actor.id must be a non-empty string/,
      ],
      [
        {
          kind: 'round.result',
          actor: { id: 'x', role: 'admin' } as unknown as AppendInput['actor'],
          data: {},
        },
        /actor.role "admin" is not one of dealer, floor_manager/,
      ],
      [
        { kind: 'round.result', actor: engine, data: { number: Number.NaN } },
        /data\.number: NaN is not a finite number/,
      ],
      [
        { kind: 'round.result', actor: engine, data: { at: new Date() } },
        /data\.at: a Date is not plain JSON/,
      ],
      [{ kind: 'round.result', actor: engine, data: undefined }, /data: undefined is not JSON/],
    ];
    for (const [input, message] of bad) {
      const e = journalError(() => j.append(input));
      expect(e.code).toBe('INVALID_ENTRY');
      expect(e.message).toMatch(message);
    }
    expect(j.last()?.seq).toBe(1);
    expect(j.append(wheelResult(2)).seq).toBe(2);
  });

  it('refuses a clock that does not give whole milliseconds', () => {
    const j = open(tempJournalPath(), { clock: { now: () => 1.5 } });
    expect(journalError(() => j.append(wheelResult(1))).message).toMatch(/clock.now\(\) gave 1.5/);
  });

  it('stores the actor as {id, role} and the data as canonical JSON text', () => {
    const path = tempJournalPath();
    const j = openJournal(path);
    j.append({
      kind: 'round.result',
      actor: { role: 'system', id: 'engine' },
      data: { z: 1, a: [2, { y: 0, b: 1 }] },
    });
    j.close();
    const row = withRawDb(path, (db) => db.prepare('SELECT actor, data FROM journal').get());
    expect(row).toEqual({ actor: '{"id":"engine","role":"system"}', data: '{"a":[2,{"b":1,"y":0}],"z":1}' });
  });
});

describe('stopping an iterator early', () => {
  it('frees the connection: after return() an append goes through', () => {
    const j = open(tempJournalPath());
    for (let i = 1; i <= 50; i++) j.append(wheelResult(i));
    for (const e of j.entries()) if (e.seq === 3) break; // break calls return()
    expect(j.append(wheelResult(51)).seq).toBe(51);
    const it = j.entries(10);
    expect(it.next().value?.seq).toBe(10);
    expect(it.next().value?.seq).toBe(11);
    it.return?.();
    expect(j.append(wheelResult(52)).seq).toBe(52);
  });
});

describe('appendMany', () => {
  const round = (roundId: string): AppendInput[] => [
    { kind: 'round.result', actor: engine, data: { roundId, number: 17 } },
    { kind: 'round.settled', actor: engine, data: { roundId } },
    { kind: 'outbox.queued', actor: engine, data: { roundId } },
  ];
  const withOutbox =
    (roundId: string) => (tx: Parameters<NonNullable<Parameters<SqliteJournal['appendMany']>[1]>>[0]) => {
      tx.run('CREATE TABLE IF NOT EXISTS outbox (round_id TEXT PRIMARY KEY, seq INTEGER NOT NULL)');
      const next = tx.get<{ n: number }>('SELECT count(*) + 1 AS n FROM outbox');
      tx.run('INSERT INTO outbox (round_id, seq) VALUES (?, ?)', roundId, next?.n);
    };

  it('appends consecutive, chained entries sharing one timestamp, with the extra writes in the same transaction', () => {
    const path = tempJournalPath();
    const j = openJournal(path, { clock: tickingClock(5000) });
    j.append(wheelResult(1));
    const entries = j.appendMany(round('r1'), withOutbox('r1'));
    expect(entries.map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(entries.map((e) => e.at)).toEqual([5001, 5001, 5001]);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    j.appendMany(round('r2'), withOutbox('r2'));
    expect(j.verify()).toMatchObject({ ok: true, entries: 7 });
    j.close();
    expect(
      withRawDb(path, (db) => db.prepare('SELECT round_id, seq FROM outbox ORDER BY seq').all()),
    ).toEqual([
      { round_id: 'r1', seq: 1 },
      { round_id: 'r2', seq: 2 },
    ]);
  });

  it('is all or nothing: a throw in `also` rolls back every entry and every extra write', () => {
    const path = tempJournalPath();
    const j = openJournal(path);
    j.appendMany(round('r1'), withOutbox('r1'));
    const head = j.last();
    const boom = new Error('platform outbox full');
    expect(() =>
      j.appendMany(round('r2'), (tx) => {
        withOutbox('r2')(tx);
        throw boom;
      }),
    ).toThrow(boom); // the caller's own error, as it was thrown
    expect(j.last()).toEqual(head);
    // An SQL mistake in `also` also rolls everything back, and surfaces as SQLite's own error.
    expect(() => j.appendMany(round('r3'), (tx) => tx.run('INSERT INTO no_such_table VALUES (1)'))).toThrow(
      /no such table: no_such_table/,
    );
    expect(j.last()).toEqual(head);
    // The numbering and the chain carry on from the last committed entry.
    const next = j.appendMany(round('r4'), withOutbox('r4'));
    expect(next[0]).toMatchObject({ seq: 4, prevHash: head?.hash });
    expect(j.verify()).toMatchObject({ ok: true, entries: 6 });
    j.close();
    expect(withRawDb(path, (db) => db.prepare('SELECT round_id FROM outbox ORDER BY seq').all())).toEqual([
      { round_id: 'r1' },
      { round_id: 'r4' },
    ]);
  });

  it('an invalid entry anywhere in the batch writes nothing', () => {
    const j = open(tempJournalPath());
    const batch = [...round('r1'), { kind: 'round.extra', actor: engine, data: { n: 1n } }];
    expect(journalError(() => j.appendMany(batch)).code).toBe('INVALID_ENTRY');
    expect(j.last()).toBeUndefined();
  });

  it('a JournalTx kept after its callback cannot write outside the transaction', () => {
    const j = open(tempJournalPath());
    let kept: Parameters<NonNullable<Parameters<SqliteJournal['appendMany']>[1]>>[0] | undefined;
    j.appendMany(round('r1'), (tx) => {
      kept = tx;
    });
    expect(() => kept?.run('CREATE TABLE later (x)')).toThrow(/only be used inside its appendMany callback/);
  });

  it('refuses to nest: appending from inside `also`', () => {
    const j = open(tempJournalPath());
    expect(() => j.appendMany(round('r1'), () => j.append(wheelResult(1)))).toThrow(/inside another append/);
    expect(j.last()).toBeUndefined();
  });

  it('with no entries and no writes, does nothing; writes without an entry are refused', () => {
    const j = open(tempJournalPath());
    expect(j.appendMany([])).toEqual([]);
    expect(journalError(() => j.appendMany([], () => {})).message).toMatch(/at least one entry/);
  });
});

describe('the SQLite file', () => {
  it('runs in WAL mode with synchronous FULL, an exclusive lock, foreign keys and a busy timeout', () => {
    const j = open(tempJournalPath(), { busyTimeoutMs: 750 });
    expect(j.settings()).toEqual({
      journalMode: 'wal',
      synchronous: 'full',
      lockingMode: 'exclusive',
      foreignKeys: true,
      busyTimeoutMs: 750,
    });
  });

  it('has the journal table of the contract, and meta with the schema version and the head', () => {
    const path = tempJournalPath();
    const j = openJournal(path);
    const last = j.append(wheelResult(1));
    j.close();
    withRawDb(path, (db) => {
      const cols = db.prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)').all('journal');
      expect(cols).toEqual([
        { name: 'seq', type: 'INTEGER', notnull: 0, pk: 1 },
        { name: 'at', type: 'INTEGER', notnull: 1, pk: 0 },
        { name: 'kind', type: 'TEXT', notnull: 1, pk: 0 },
        { name: 'actor', type: 'TEXT', notnull: 1, pk: 0 },
        { name: 'data', type: 'TEXT', notnull: 1, pk: 0 },
        { name: 'prev_hash', type: 'TEXT', notnull: 1, pk: 0 },
        { name: 'hash', type: 'TEXT', notnull: 1, pk: 0 },
      ]);
      expect(
        Object.fromEntries(
          db
            .prepare('SELECT key, value FROM meta')
            .all()
            .map((r) => {
              const { key, value } = r as { key: string; value: string };
              return [key, value];
            }),
        ),
      ).toEqual({ schema_version: String(SCHEMA_VERSION), head_seq: '1', head_hash: last.hash });
    });
  });

  it('migrations are an ordered list numbered 1, 2, 3…', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('refuses a journal written by a newer desk, for writing and for reading', () => {
    const path = tempJournalPath();
    openJournal(path).close();
    withRawDb(path, (db) => db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run());
    for (const readOnly of [false, true]) {
      const e = journalError(() => openJournal(path, { readOnly }));
      expect(e.code).toBe('NEWER_SCHEMA');
      expect(e.message).toContain(`schema version 99, newer than this desk understands (${SCHEMA_VERSION})`);
    }
  });

  it('a clean close leaves one file: the WAL is checkpointed into it', () => {
    const path = tempJournalPath();
    const j = openJournal(path);
    j.append(wheelResult(1));
    expect(existsSync(`${path}-wal`)).toBe(true);
    j.close();
    j.close(); // twice is fine
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(statSync(path).size).toBeGreaterThan(0);
  });

  it('a closed journal says so', () => {
    const j = openJournal(tempJournalPath());
    j.close();
    expect(journalError(() => j.append(wheelResult(1))).code).toBe('CLOSED');
    expect(journalError(() => j.last()).code).toBe('CLOSED');
    expect(journalError(() => j.verify()).code).toBe('CLOSED');
    expect(journalError(() => [...j.entries()]).code).toBe('CLOSED');
  });

  it('read-only: reads and verifies, refuses to append', () => {
    const path = tempJournalPath();
    const w = openJournal(path);
    w.append(wheelResult(1));
    w.close();
    const r = open(path, { readOnly: true });
    expect(r.last()?.seq).toBe(1);
    expect(r.verify().ok).toBe(true);
    const e = journalError(() => r.append(wheelResult(2)));
    expect(e.code).toBe('READ_ONLY');
  });

  it('a second writer in the same process is refused: the journal is in use', () => {
    const path = tempJournalPath();
    open(path).append(wheelResult(1));
    const e = journalError(() => openJournal(path, { busyTimeoutMs: 50 }));
    expect(e.code).toBe('IN_USE');
    expect(e.message).toMatch(/^journal is in use by another desk/);
    expect(journalError(() => openJournal(path, { readOnly: true, busyTimeoutMs: 50 })).code).toBe('IN_USE');
  });
});

describe('files that are not a usable journal: a clear JournalError, never a crash', () => {
  it('a wrong path', () => {
    const dir = tempDir();
    const missingDir = journalError(() => openJournal(join(dir, 'no', 'such', 'dir', 'x.journal')));
    expect(missingDir.code).toBe('NOT_FOUND');
    expect(missingDir.message).toMatch(/directory .*no\/such\/dir does not exist/);
    const missingFile = journalError(() => openJournal(join(dir, 'absent.journal'), { readOnly: true }));
    expect(missingFile.code).toBe('NOT_FOUND');
    expect(existsSync(join(dir, 'absent.journal'))).toBe(false); // reading never creates it
    expect(journalError(() => openJournal('')).code).toBe('NOT_FOUND');
  });

  it('a directory', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    const e = journalError(() => openJournal(join(dir, 'sub')));
    expect(e).toMatchObject({ code: 'NOT_A_JOURNAL', message: expect.stringMatching(/is a directory/) });
  });

  it('a text file, for writing and for reading, and it is left untouched', () => {
    const path = join(tempDir(), 'notes.txt');
    const text = 'this is not a database\n'.repeat(200);
    writeFileSync(path, text);
    for (const readOnly of [false, true]) {
      const e = journalError(() => openJournal(path, { readOnly }));
      expect(e.code).toBe('NOT_A_JOURNAL');
      expect(e.message).toContain('not an SQLite database');
    }
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('an empty file opened read-only', () => {
    const path = join(tempDir(), 'empty.journal');
    writeFileSync(path, '');
    expect(journalError(() => openJournal(path, { readOnly: true })).code).toBe('NOT_A_JOURNAL');
  });

  it('another SQLite database', () => {
    const path = join(tempDir(), 'other.db');
    withRawDbCreate(path, (db) => db.exec('CREATE TABLE players (id TEXT)'));
    for (const readOnly of [false, true]) {
      const e = journalError(() => openJournal(path, { readOnly }));
      expect(e).toMatchObject({
        code: 'NOT_A_JOURNAL',
        message: expect.stringMatching(/not a Studio Desk journal/),
      });
    }
  });

  it('a damaged journal: garbage written over its pages', () => {
    const path = tempJournalPath();
    const j = openJournal(path);
    for (let i = 1; i <= 300; i++) j.append(wheelResult(i));
    j.close();
    const bytes = readFileSync(path);
    bytes.fill(0xa5, 4096, bytes.length); // every page after the first
    writeFileSync(path, bytes);
    const e = journalError(() => {
      const r = openJournal(path, { readOnly: true });
      try {
        r.verify();
      } finally {
        r.close();
      }
    });
    expect(['CORRUPT', 'NOT_A_JOURNAL']).toContain(e.code);
    expect(e.message).toContain(path);
  });

  it('a journal whose tail was deleted is not opened for writing (appending would hide it)', () => {
    const path = tempJournalPath();
    const j = openJournal(path);
    for (let i = 1; i <= 3; i++) j.append(wheelResult(i));
    j.close();
    withRawDb(path, (db) => db.prepare('DELETE FROM journal WHERE seq = 3').run());
    const e = journalError(() => openJournal(path));
    expect(e.code).toBe('TAMPERED');
    expect(e.message).toMatch(/head kept in meta \(seq 3\) does not match the last entry \(seq 2\)/);
  });
});

function withRawDbCreate(path: string, use: Parameters<typeof withRawDb>[1]): void {
  writeFileSync(path, '');
  withRawDb(path, use);
}
