/**
 * Walks stored journal rows and names every break in the chain. Pure: the SQLite journal feeds it
 * rows in seq order and the head kept in `meta`; tests can feed it anything.
 *
 * What it catches, entry by entry:
 *  - a gap in seq (a deleted entry), or a seq out of order;
 *  - prev_hash not equal to the hash of the entry before (deleted, inserted, reordered or rewritten
 *    entries);
 *  - hash not equal to the recomputed hash (an edited field);
 *  - actor or data that is not JSON.
 * And for the journal as a whole: the head kept in `meta` (written with every append) against the
 * last entry (a deleted tail), and optionally a head known from outside the file.
 *
 * Limit: whoever can rewrite the whole file, `meta` included, can forge a consistent chain (hashes
 * are not secrets). Only a head kept elsewhere catches that: `expectedHead` here, and the signed
 * transparency log of issue 4 (signed tree heads held by others) in production.
 */
import { entryHash, GENESIS_HASH } from './entry-hash';
import type { Actor, VerifyOptions, VerifyReport } from './types';

/** One row as stored in the `journal` table. */
export interface StoredRow {
  seq: number;
  at: number;
  kind: string;
  actor: string;
  data: string;
  prev_hash: string;
  hash: string;
}

export interface StoredHead {
  seq: number;
  hash: string;
}

/** Past this many, the report stops listing (a rewritten journal would otherwise list every entry). */
export const MAX_PROBLEMS = 1000;

const short = (h: string) => `${String(h).slice(0, 12)}…`;

export function verifyChain(
  rows: Iterable<StoredRow>,
  storedHead: StoredHead | undefined,
  options: VerifyOptions = {},
): VerifyReport {
  const problems: VerifyReport['problems'] = [];
  let unlisted = 0;
  const report = (seq: number, problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ seq, problem });
    else unlisted++;
  };
  const expected = options.expectedHead;
  let expectedHeadHash: string | undefined;

  let entries = 0;
  let nextSeq = 1;
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  for (const row of rows) {
    entries++;
    const { seq } = row;
    if (seq > nextSeq) {
      const n = seq - nextSeq;
      report(
        nextSeq,
        `missing: seq jumps from ${nextSeq - 1} to ${seq} (${n} ${n === 1 ? 'entry' : 'entries'} deleted)`,
      );
    } else if (seq < nextSeq) {
      report(seq, `out of order: seq ${seq} comes after ${nextSeq - 1}`);
    }
    if (row.prev_hash !== prevHash) {
      report(
        seq,
        `prev_hash ${short(row.prev_hash)} does not match the hash of the entry before ` +
          `(seq ${prevSeq}, ${short(prevHash)}): an entry was deleted, inserted, reordered or rewritten`,
      );
    }
    let actor: Actor | undefined;
    let data: unknown;
    let parsed = true;
    for (const column of ['actor', 'data'] as const) {
      try {
        const value: unknown = JSON.parse(row[column]);
        if (column === 'actor') actor = value as Actor;
        else data = value;
      } catch (e) {
        parsed = false;
        report(seq, `${column} is not valid JSON (${(e as Error).message}): the entry was edited`);
      }
    }
    if (parsed) {
      let recomputed: string | undefined;
      try {
        recomputed = entryHash(row.prev_hash, {
          seq,
          at: row.at,
          kind: row.kind,
          actor: actor as Actor,
          data,
        });
      } catch (e) {
        report(seq, `cannot recompute the hash: ${(e as Error).message}`);
      }
      if (recomputed !== undefined && recomputed !== row.hash)
        report(
          seq,
          `hash mismatch: stored ${short(row.hash)}, content hashes to ${short(recomputed)}: the entry was edited`,
        );
    }
    if (expected && seq === expected.seq) expectedHeadHash = row.hash;
    prevHash = row.hash;
    prevSeq = seq;
    nextSeq = Math.max(nextSeq, seq + 1);
  }
  const headSeq = prevSeq;
  const headHash = prevHash;

  if (!storedHead) {
    report(headSeq + 1, 'meta has no head (head_seq, head_hash): the file was edited');
  } else if (storedHead.seq !== headSeq || storedHead.hash !== headHash) {
    if (storedHead.seq > headSeq)
      report(
        headSeq + 1,
        `missing: the journal's head is seq ${storedHead.seq} but the last entry is seq ${headSeq} ` +
          '(the tail was deleted)',
      );
    else
      report(
        headSeq,
        `the journal's head (seq ${storedHead.seq}, ${short(storedHead.hash)}) does not match the last entry ` +
          `(seq ${headSeq}, ${short(headHash)}): entries were added or rewritten outside the desk`,
      );
  }

  if (expected) {
    if (expected.seq > headSeq)
      report(
        headSeq + 1,
        `missing: the expected head is seq ${expected.seq} but the last entry is seq ${headSeq} (the tail was deleted)`,
      );
    else if (expectedHeadHash === undefined)
      report(expected.seq, `the expected head entry (seq ${expected.seq}) is missing`);
    else if (expectedHeadHash !== expected.hash)
      report(
        expected.seq,
        `hash ${short(expectedHeadHash)} differs from the expected head ${short(expected.hash)}: the journal was rewritten`,
      );
  }

  if (unlisted > 0) problems.push({ seq: headSeq, problem: `…and ${unlisted} more problems not listed` });
  return { ok: problems.length === 0, entries, problems, headSeq, headHash };
}
