/**
 * The log's frontier: the roots of the perfect subtrees that make up a tree of n leaves (one per
 * set bit of n, largest first). Appending a leaf and computing the root (RFC 9162 MTH) take
 * O(log n) with it, instead of rehashing every leaf: the desk signs a tree head after every outcome
 * inside the journal transaction, and `log verify` checks every stored head in one pass.
 *
 * The frontier is plain data (hex strings) so it can be stored beside the log and read back in the
 * same transaction as the next append.
 */
import { HASH_SIZE, emptyRoot, nodeHash } from './merkle';

export interface Frontier {
  /** Leaves in the tree. */
  size: number;
  /** Roots of the perfect subtrees, largest (leftmost) first, as lower-case hex. */
  peaks: string[];
}

export const EMPTY_FRONTIER: Frontier = { size: 0, peaks: [] };

/** The frontier after appending one leaf hash (a new object; the argument is not changed). */
export function appendLeaf(frontier: Frontier, leafHash: Uint8Array): Frontier {
  if (leafHash.length !== HASH_SIZE) throw new RangeError(`a leaf hash is ${HASH_SIZE} bytes`);
  const peaks = frontier.peaks.map((p) => Buffer.from(p, 'hex'));
  let hash: Uint8Array = leafHash;
  // The trailing 1-bits of size are the peaks that merge with the new leaf.
  let size = frontier.size;
  while (size % 2 === 1) {
    const left = peaks.pop();
    if (!left) throw new RangeError('frontier does not match its size');
    hash = nodeHash(left, hash);
    size = Math.floor(size / 2);
  }
  peaks.push(Buffer.from(hash));
  return { size: frontier.size + 1, peaks: peaks.map((p) => Buffer.from(p).toString('hex')) };
}

/** MTH of the tree the frontier describes. */
export function frontierRoot(frontier: Frontier): Uint8Array {
  const peaks: Uint8Array[] = frontier.peaks.map((p) => Uint8Array.from(Buffer.from(p, 'hex')));
  let root = peaks.pop();
  if (!root) return emptyRoot();
  for (let left = peaks.pop(); left !== undefined; left = peaks.pop()) root = nodeHash(left, root);
  return Uint8Array.from(root);
}
