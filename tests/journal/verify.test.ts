import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/journal/canonical-json';
import { entryHash, GENESIS_HASH } from '../../engine/journal/entry-hash';
import { openJournal } from '../../engine/journal/sqlite-journal';
import type { Database } from '../../engine/journal/sqlite-driver';
import type { JournalEntry, VerifyOptions } from '../../engine/journal/types';
import { MAX_PROBLEMS, verifyChain, type StoredRow } from '../../engine/journal/verify-chain';
import { cleanupTempDirs, tempJournalPath, wheelResult, withRawDb } from './journal-helpers';

afterEach(cleanupTempDirs);

/** A journal of ten wheel results, closed; its entries as appended. */
function tenEntries(): { path: string; entries: JournalEntry[] } {
  const path = tempJournalPath();
  const j = openJournal(path);
  const entries = Array.from({ length: 10 }, (_, i) => j.append(wheelResult(i + 1)));
  j.close();
  return { path, entries };
}

/** Tampers with the file through raw SQL, then verifies it read-only as `audit verify` does. */
function tamperAndVerify(path: string, tamper: (db: Database) => void, options?: VerifyOptions) {
  withRawDb(path, tamper);
  const j = openJournal(path, { readOnly: true });
  try {
    return j.verify(options);
  } finally {
    j.close();
  }
}

const seqs = (r: { problems: { seq: number }[] }) => r.problems.map((p) => p.seq);

describe('verify', () => {
  it('an intact journal: ok, every entry checked, the head is the last entry', () => {
    const { path, entries } = tenEntries();
    const r = tamperAndVerify(path, () => {});
    expect(r).toEqual({ ok: true, entries: 10, problems: [], headSeq: 10, headHash: entries[9]?.hash });
  });

  it('an edited data field: a hash mismatch on that entry, and only there', () => {
    const { path } = tenEntries();
    const r = tamperAndVerify(path, (db) =>
      db.prepare("UPDATE journal SET data = json_set(data, '$.number', 32) WHERE seq = 5").run(),
    );
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      { seq: 5, problem: expect.stringMatching(/^hash mismatch: .*the entry was edited$/) },
    ]);
  });

  it('an edited field whose hash the tamperer recomputed: the next entry no longer links to it', () => {
    const { path, entries } = tenEntries();
    const e5 = entries[4] as JournalEntry<Record<string, unknown>>;
    const forged = { ...e5.data, number: 32 };
    const forgedHash = entryHash(e5.prevHash, { ...e5, data: forged });
    const r = tamperAndVerify(path, (db) =>
      db
        .prepare('UPDATE journal SET data = ?, hash = ? WHERE seq = 5')
        .run(canonicalJson(forged), forgedHash),
    );
    expect(r.problems).toEqual([
      {
        seq: 6,
        problem: expect.stringMatching(/^prev_hash .* does not match the hash of the entry before \(seq 5/),
      },
    ]);
  });

  it('an edited kind, actor or timestamp is caught the same way as data', () => {
    for (const sql of [
      "UPDATE journal SET kind = 'device.wheel.misspin' WHERE seq = 2",
      'UPDATE journal SET actor = \'{"id":"fm-1","role":"floor_manager"}\' WHERE seq = 2',
      'UPDATE journal SET at = at + 1 WHERE seq = 2',
    ]) {
      const { path } = tenEntries();
      const r = tamperAndVerify(path, (db) => db.exec(sql));
      expect(r.problems, sql).toEqual([{ seq: 2, problem: expect.stringMatching(/^hash mismatch/) }]);
    }
  });

  it('a deleted middle entry: the gap is named, and the next entry no longer links', () => {
    const { path } = tenEntries();
    const r = tamperAndVerify(path, (db) => db.prepare('DELETE FROM journal WHERE seq = 5').run());
    expect(r.entries).toBe(9);
    expect(r.problems).toEqual([
      { seq: 5, problem: 'missing: seq jumps from 4 to 6 (1 entry deleted)' },
      {
        seq: 6,
        problem: expect.stringMatching(/^prev_hash .* does not match the hash of the entry before \(seq 4/),
      },
    ]);
  });

  it('a deleted middle entry with the later ones renumbered to close the gap: the links break', () => {
    const { path } = tenEntries();
    const r = tamperAndVerify(path, (db) => {
      db.prepare('DELETE FROM journal WHERE seq = 5').run();
      db.prepare('UPDATE journal SET seq = seq - 1 WHERE seq > 5').run();
      db.prepare("UPDATE meta SET value = '9' WHERE key = 'head_seq'").run();
    });
    expect(seqs(r)[0]).toBe(5);
    expect(r.problems[0]?.problem).toMatch(/prev_hash/);
    expect(r.ok).toBe(false);
  });

  it('a deleted last entry: caught through the head kept in meta', () => {
    const { path } = tenEntries();
    const r = tamperAndVerify(path, (db) => db.prepare('DELETE FROM journal WHERE seq = 10').run());
    expect(r).toMatchObject({ ok: false, entries: 9, headSeq: 9 });
    expect(r.problems).toEqual([
      {
        seq: 10,
        problem: "missing: the journal's head is seq 10 but the last entry is seq 9 (the tail was deleted)",
      },
    ]);
  });

  it('a deleted last entry with meta rewritten too: invisible in the file, caught by a head known from outside', () => {
    const { path, entries } = tenEntries();
    const head = { seq: 10, hash: entries[9]?.hash as string };
    const deleteTail = (db: Database) => {
      db.prepare('DELETE FROM journal WHERE seq = 10').run();
      db.prepare("UPDATE meta SET value = '9' WHERE key = 'head_seq'").run();
      db.prepare("UPDATE meta SET value = ? WHERE key = 'head_hash'").run(entries[8]?.hash);
    };
    // The documented limit: whoever rewrites the file and its meta consistently is not caught by the file.
    expect(tamperAndVerify(path, deleteTail).ok).toBe(true);
    const r = tamperAndVerify(path, () => {}, { expectedHead: head });
    expect(r.problems).toEqual([
      {
        seq: 10,
        problem: 'missing: the expected head is seq 10 but the last entry is seq 9 (the tail was deleted)',
      },
    ]);
  });

  it('a whole chain forged from some entry on: caught by a head known from outside', () => {
    const { path, entries } = tenEntries();
    const r = tamperAndVerify(
      path,
      (db) => {
        // Rewrite entry 7 and rehash it and every entry after it, meta included: a consistent forgery.
        const rows = db.prepare('SELECT * FROM journal WHERE seq >= 7 ORDER BY seq').all() as StoredRow[];
        let prev = entries[5]?.hash as string;
        for (const row of rows) {
          const data = JSON.parse(row.data) as Record<string, unknown>;
          if (row.seq === 7) data.number = 0;
          const hash = entryHash(prev, {
            seq: row.seq,
            at: row.at,
            kind: row.kind,
            actor: JSON.parse(row.actor),
            data,
          });
          db.prepare('UPDATE journal SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
            canonicalJson(data),
            prev,
            hash,
            row.seq,
          );
          prev = hash;
        }
        db.prepare("UPDATE meta SET value = ? WHERE key = 'head_hash'").run(prev);
      },
      { expectedHead: { seq: 8, hash: entries[7]?.hash as string } },
    );
    expect(r.problems).toEqual([
      {
        seq: 8,
        problem: expect.stringMatching(/differs from the expected head .* the journal was rewritten/),
      },
    ]);
  });

  it('reordered entries (two seqs swapped): both are named', () => {
    const { path } = tenEntries();
    const r = tamperAndVerify(path, (db) => {
      db.prepare('UPDATE journal SET seq = -1 WHERE seq = 3').run();
      db.prepare('UPDATE journal SET seq = 3 WHERE seq = 4').run();
      db.prepare('UPDATE journal SET seq = 4 WHERE seq = -1').run();
    });
    expect(new Set(seqs(r))).toEqual(new Set([3, 4, 5]));
    expect(r.problems.filter((p) => p.seq === 3).map((p) => p.problem.split(' ')[0])).toEqual([
      'prev_hash',
      'hash',
    ]);
  });

  it('a corrupted hash: that entry does not hash to it, and the next does not link to it', () => {
    const { path } = tenEntries();
    const r = tamperAndVerify(path, (db) =>
      db.prepare('UPDATE journal SET hash = ? WHERE seq = 7').run('f'.repeat(64)),
    );
    expect(r.problems).toEqual([
      { seq: 7, problem: expect.stringMatching(/^hash mismatch: stored ffffffffffff…/) },
      { seq: 8, problem: expect.stringMatching(/^prev_hash .* \(seq 7, ffffffffffff…\)/) },
    ]);
  });

  it('a corrupted hash on the last entry: the head kept in meta no longer matches', () => {
    const { path } = tenEntries();
    const r = tamperAndVerify(path, (db) =>
      db.prepare('UPDATE journal SET hash = ? WHERE seq = 10').run('0'.repeat(64)),
    );
    expect(seqs(r)).toEqual([10, 10]);
    expect(r.problems[1]?.problem).toMatch(/head .* does not match the last entry/);
  });

  it('unparseable JSON in an entry: named, and the chain is still walked past it', () => {
    const { path } = tenEntries();
    const r = tamperAndVerify(path, (db) =>
      db.prepare('UPDATE journal SET data = \'{"number": 1\' WHERE seq = 2').run(),
    );
    expect(r.problems).toEqual([{ seq: 2, problem: expect.stringMatching(/^data is not valid JSON/) }]);
    expect(r.entries).toBe(10);
  });

  it('an entry added at the end outside the desk (meta not updated): named', () => {
    const { path, entries } = tenEntries();
    const r = tamperAndVerify(path, (db) => {
      const e = {
        seq: 11,
        at: 1,
        kind: 'round.result',
        actor: { id: 'x', role: 'system' as const },
        data: { number: 7 },
      };
      const hash = entryHash(entries[9]?.hash as string, e);
      db.prepare('INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        11,
        1,
        e.kind,
        canonicalJson(e.actor),
        canonicalJson(e.data),
        entries[9]?.hash,
        hash,
      );
    });
    expect(r.problems).toEqual([
      {
        seq: 11,
        problem: expect.stringMatching(
          /does not match the last entry .* added or rewritten outside the desk/,
        ),
      },
    ]);
  });

  it('an expected head that is in the journal and matches: ok (the journal grew since)', () => {
    const { path, entries } = tenEntries();
    const r = tamperAndVerify(path, () => {}, { expectedHead: { seq: 4, hash: entries[3]?.hash as string } });
    expect(r.ok).toBe(true);
  });
});

describe('verifyChain (pure)', () => {
  function rows(n: number): StoredRow[] {
    const out: StoredRow[] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const e = { seq, at: seq, kind: 'k', actor: { id: 'a', role: 'system' as const }, data: { seq } };
      const hash = entryHash(prev, e);
      out.push({
        seq,
        at: seq,
        kind: 'k',
        actor: canonicalJson(e.actor),
        data: canonicalJson(e.data),
        prev_hash: prev,
        hash,
      });
      prev = hash;
    }
    return out;
  }

  it('accepts stored JSON that is not canonical but means the same', () => {
    const r = rows(2);
    (r[0] as StoredRow).data = '{ "seq" : 1 }';
    const last = r[1] as StoredRow;
    expect(verifyChain(r, { seq: 2, hash: last.hash }).ok).toBe(true);
  });

  it('a missing head in meta is a problem', () => {
    expect(verifyChain(rows(1), undefined).problems).toEqual([
      { seq: 2, problem: expect.stringMatching(/meta has no head/) },
    ]);
  });

  it(`stops listing after ${MAX_PROBLEMS} problems and says how many more there were`, () => {
    const r = rows(MAX_PROBLEMS + 10).map((row) => ({ ...row, hash: 'f'.repeat(64) }));
    const report = verifyChain(r, { seq: r.length, hash: 'f'.repeat(64) });
    expect(report.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(report.problems.at(-1)?.problem).toMatch(/^…and \d+ more problems not listed$/);
  });
});
