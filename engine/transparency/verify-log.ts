/**
 * The whole outcome log of one table, checked from its rows (the outbox and the signed tree heads
 * of the journal file): every outcome verifies with the desk's keys, its stored hashes are its own,
 * sequences run 1, 2, 3… and each links the previous one, the log state is the tree of those leaves,
 * and every signed tree head signs the root of the first `tree_size` leaves. Every problem is named
 * with the sequence or tree size where it is, not only the first.
 */
import type { JSONWebKeySet } from 'jose';
import { verifyChain } from '../outcomes/chain';
import { outcomeHash, type OutcomeDocument } from '../outcomes/document';
import type { OutboxRow, TreeHeadRow } from '../outcomes/outbox';
import { verifyOutcome } from '../outcomes/sign';
import { appendLeaf, EMPTY_FRONTIER, frontierRoot, type Frontier } from './compact-range';
import { leafHash } from './merkle';
import { verifyTreeHead } from './signed-tree-head';
import { toHex } from './tree-head';

export interface LogProblem {
  where: string;
  problem: string;
}

export interface LogReport {
  ok: boolean;
  outcomes: number;
  treeHeads: number;
  rootHash: string;
  problems: LogProblem[];
}

/** A final round entry of the journal (round.settled / round.voided). */
export interface FinalEntry {
  seq: number;
  roundId: string;
}

export async function verifyLog(
  rows: readonly OutboxRow[],
  heads: readonly TreeHeadRow[],
  jwks: JSONWebKeySet,
  stored?: Frontier,
  finals?: readonly FinalEntry[],
): Promise<LogReport> {
  const problems: LogProblem[] = [];
  if (finals) crossCheckJournal(rows, finals, problems);
  const docs: OutcomeDocument[] = [];
  const roots = new Map<number, string>();
  let frontier = EMPTY_FRONTIER;
  for (const [i, row] of rows.entries()) {
    const where = `outcome ${row.outcome_id} (sequence ${row.sequence})`;
    if (row.sequence !== i + 1)
      problems.push({
        where,
        problem: `is at position ${i + 1} of the log: sequence ${i + 1} is missing or out of place`,
      });
    const leaf = leafHash(Buffer.from(row.jws, 'utf8'));
    if (toHex(leaf) !== row.leaf_hash)
      problems.push({ where, problem: 'its stored leaf hash is not the hash of its JWS' });
    frontier = appendLeaf(frontier, leaf);
    roots.set(frontier.size, toHex(frontierRoot(frontier)));
    const v = await verifyOutcome(row.jws, jwks);
    if (!v.ok) {
      problems.push({ where, problem: `${v.error}: ${v.message}` });
      continue;
    }
    if (
      v.doc.sequence !== row.sequence ||
      v.doc.outcomeId !== row.outcome_id ||
      v.doc.roundId !== row.round_id
    )
      problems.push({
        where,
        problem: `the signed outcome is ${v.doc.outcomeId} of round ${v.doc.roundId}: the row was changed`,
      });
    if (outcomeHash(v.doc) !== row.hash)
      problems.push({ where, problem: 'its stored hash is not the hash of the signed document' });
    docs.push(v.doc);
  }
  // The chain, reported at every break (verifyChain stops at the first: resume after it).
  let from = 0;
  while (from < docs.length) {
    const prev = docs[from - 1];
    const r = verifyChain(
      docs.slice(from),
      prev ? { after: { sequence: prev.sequence, hash: outcomeHash(prev) } } : {},
    );
    if (r.ok) break;
    problems.push({ where: `sequence ${r.sequence}`, problem: `chain: ${r.reason}: ${r.message}` });
    from += r.index + 1;
  }
  for (const h of heads) {
    const where = `tree head of size ${h.tree_size}`;
    const v = await verifyTreeHead(h.jws, jwks);
    if (!v.ok) problems.push({ where, problem: v.message });
    else if (v.head.treeSize !== h.tree_size || v.head.rootHash !== h.root_hash)
      problems.push({ where, problem: 'the stored row is not what was signed' });
    const expected = roots.get(h.tree_size);
    if (expected === undefined) problems.push({ where, problem: `the log has only ${rows.length} outcomes` });
    else if (expected !== h.root_hash)
      problems.push({
        where,
        problem: `signed root ${h.root_hash} is not the root of the first ${h.tree_size} outcomes (${expected}): an outcome was changed, removed or reordered`,
      });
  }
  if (stored && (stored.size !== frontier.size || stored.peaks.join() !== frontier.peaks.join()))
    problems.push({
      where: 'log state',
      problem: `the stored frontier (size ${stored.size}) is not the tree of the outcomes (size ${frontier.size})`,
    });
  return {
    ok: problems.length === 0,
    outcomes: rows.length,
    treeHeads: heads.length,
    rootHash: toHex(frontierRoot(frontier)),
    problems,
  };
}

/**
 * Every round the journal made final has its outcome, at that entry, and every outcome names a
 * final entry of its round: an outcome removed from the end of the log together with its tree head
 * (which the log alone cannot show) still leaves its round's settle in the hash-chained journal.
 */
function crossCheckJournal(
  rows: readonly OutboxRow[],
  finals: readonly FinalEntry[],
  problems: LogProblem[],
): void {
  // Rounds finished before the table had outcomes (no platform section then) are not checked; a
  // removed first outcome is the chain's to find (the log must start at sequence 1).
  const first = rows[0];
  if (!first) return;
  finals = finals.filter((f) => f.seq >= first.journal_seq);
  const byRound = new Map(rows.map((r) => [r.round_id, r]));
  const finalSeqs = new Map(finals.map((f) => [f.seq, f.roundId]));
  for (const f of finals) {
    const row = byRound.get(f.roundId);
    if (!row)
      problems.push({
        where: `round ${f.roundId}`,
        problem: `final in the journal at seq ${f.seq}, but it has no outcome`,
      });
    else if (row.journal_seq !== f.seq && !finalSeqs.has(row.journal_seq))
      problems.push({
        where: `round ${f.roundId}`,
        problem: `its outcome names journal seq ${row.journal_seq}, the round became final at ${f.seq}`,
      });
  }
  for (const r of rows)
    if (finalSeqs.get(r.journal_seq) !== r.round_id)
      problems.push({
        where: `outcome ${r.outcome_id}`,
        problem: `journal seq ${r.journal_seq} is not the final entry of round ${r.round_id}`,
      });
}
