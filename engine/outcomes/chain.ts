/**
 * The per-table chain of outcomes: each links the sha256 of the previous one's canonical bytes, and
 * sequence numbers run without gaps. `verifyChain` walks documents in the order given (already
 * signature-checked, e.g. by `verifyOutcome`) and names the first sequence number where it breaks.
 */
import { GENESIS_OUTCOME_HASH, outcomeHash, type OutcomeDocument } from './document';

export type ChainBreak =
  /** The outcome expected at `sequence` is not in the list at all. */
  | 'missing'
  /** The outcome expected at `sequence` is in the list, later: outcomes are out of order. */
  | 'out_of_order'
  /** An outcome with a sequence already seen. */
  | 'duplicate'
  /** The outcome at `sequence` does not link to the hash of the one before (it or its predecessor changed). */
  | 'hash_mismatch'
  /** An outcome of another table in the chain. */
  | 'table_mismatch';

export type ChainResult =
  | { ok: true; count: number; lastHash: string; lastSequence: number }
  | { ok: false; sequence: number; index: number; reason: ChainBreak; message: string };

export interface VerifyChainOptions {
  /**
   * Where the list starts: the sequence and hash of the outcome before the first one given. Default:
   * the table's beginning (the first document must be sequence 1 and link to 64 zeros).
   */
  after?: { sequence: number; hash: string };
}

export function verifyChain(docs: readonly OutcomeDocument[], options: VerifyChainOptions = {}): ChainResult {
  let prevSequence = options.after?.sequence ?? 0;
  let prevHash = options.after?.hash ?? GENESIS_OUTCOME_HASH;
  const table = docs[0]?.table;
  const seen = new Set<number>();
  for (const [index, doc] of docs.entries()) {
    const expected = prevSequence + 1;
    const broken = (reason: ChainBreak, sequence: number, message: string): ChainResult => ({
      ok: false,
      sequence,
      index,
      reason,
      message,
    });
    if (doc.table !== table)
      return broken(
        'table_mismatch',
        doc.sequence,
        `outcome ${doc.outcomeId} is of table ${doc.table}, not ${table}`,
      );
    if (doc.sequence !== expected) {
      if (seen.has(doc.sequence) || doc.sequence < expected)
        return broken(
          'duplicate',
          doc.sequence,
          `sequence ${doc.sequence} appears again after ${prevSequence}`,
        );
      const later = docs.slice(index + 1).some((d) => d.sequence === expected);
      return later
        ? broken(
            'out_of_order',
            expected,
            `sequence ${expected} expected, found ${doc.sequence} (out of order)`,
          )
        : broken(
            'missing',
            expected,
            `sequence ${expected} is missing (found ${doc.sequence} after ${prevSequence})`,
          );
    }
    if (doc.previousOutcomeHash !== prevHash)
      return broken(
        'hash_mismatch',
        doc.sequence,
        `sequence ${doc.sequence} links to ${doc.previousOutcomeHash}, but the previous outcome hashes to ${prevHash}`,
      );
    seen.add(doc.sequence);
    prevSequence = doc.sequence;
    prevHash = outcomeHash(doc);
  }
  return { ok: true, count: docs.length, lastHash: prevHash, lastSequence: prevSequence };
}
