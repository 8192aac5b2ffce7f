/**
 * The reference receiver's decision for one verified outcome, pure: accept it as the next of its
 * table, absorb it as a duplicate, or refuse it with a code that says what is wrong. Outcomes must
 * arrive in order: a gap is refused (the desk retries, in order, until the missing one arrives), so
 * what the receiver holds is always a gap-free, hash-linked prefix of each table's log.
 */
import { GENESIS_OUTCOME_HASH, outcomeHash, type OutcomeDocument } from '../outcomes/document';
import { appendLeaf, EMPTY_FRONTIER, frontierRoot, type Frontier } from '../transparency/compact-range';
import { leafHash } from '../transparency/merkle';
import { toHex, type TreeHead } from '../transparency/tree-head';

export interface TableChain {
  lastSeq: number;
  lastHash: string;
  frontier: Frontier;
}

export const EMPTY_CHAIN: TableChain = {
  lastSeq: 0,
  lastHash: GENESIS_OUTCOME_HASH,
  frontier: EMPTY_FRONTIER,
};

export type AcceptDecision =
  | { kind: 'accept'; next: TableChain; hash: string }
  | { kind: 'duplicate' }
  | {
      kind: 'reject';
      code: 'gap' | 'chain' | 'conflict' | 'tree_head';
      message: string;
    };

/**
 * @param stored the JWS already held at this sequence, if any (for a sequence at or below lastSeq)
 * @param treeHead the verified tree head delivered with it (its size must be the sequence)
 */
export function decide(
  chain: TableChain,
  doc: OutcomeDocument,
  jws: string,
  treeHead: TreeHead,
  stored: string | undefined,
): AcceptDecision {
  if (doc.sequence <= chain.lastSeq) {
    if (stored === jws) return { kind: 'duplicate' };
    return {
      kind: 'reject',
      code: 'conflict',
      message: `${doc.outcomeId}: a different outcome was already accepted at sequence ${doc.sequence}`,
    };
  }
  if (doc.sequence !== chain.lastSeq + 1)
    return {
      kind: 'reject',
      code: 'gap',
      message: `${doc.outcomeId}: expected sequence ${chain.lastSeq + 1} of table ${doc.table} first (got ${doc.sequence})`,
    };
  if (doc.previousOutcomeHash !== chain.lastHash)
    return {
      kind: 'reject',
      code: 'chain',
      message: `${doc.outcomeId} links to ${doc.previousOutcomeHash}, but outcome ${chain.lastSeq} hashes to ${chain.lastHash}`,
    };
  const frontier = appendLeaf(chain.frontier, leafHash(Buffer.from(jws, 'utf8')));
  const root = toHex(frontierRoot(frontier));
  if (treeHead.treeSize !== doc.sequence || treeHead.rootHash !== root)
    return {
      kind: 'reject',
      code: 'tree_head',
      message: `${doc.outcomeId}: the signed tree head (size ${treeHead.treeSize}, root ${treeHead.rootHash}) is not the log of what was received (size ${doc.sequence}, root ${root})`,
    };
  const hash = outcomeHash(doc);
  return { kind: 'accept', hash, next: { lastSeq: doc.sequence, lastHash: hash, frontier } };
}
