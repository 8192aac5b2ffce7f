/**
 * The Merkle tree of the transparency log: RFC 9162 (Certificate Transparency 2.0) section 2.1,
 * as pure functions over byte arrays with SHA-256.
 *
 *   leaf hash   SHA-256(0x00 || data)
 *   node hash   SHA-256(0x01 || left || right)
 *   MTH({})     SHA-256("")                       (e3b0c442...b855)
 *   MTH({d0})   leaf hash of d0
 *   MTH(D[n])   node hash of MTH(D[0:k]) and MTH(D[k:n]), k the largest power of two smaller than n
 *
 * The builders (`rootOf`, `inclusionProof`, `consistencyProof`) take the whole list of leaf hashes:
 * a table's log is small, and each call hashes every leaf at most once (O(n)). They throw a
 * `RangeError` for arguments that make no tree (index out of range, a hash not 32 bytes long).
 *
 * The verifiers (`verifyInclusion`, `verifyConsistency`) follow the algorithms of RFC 9162 sections
 * 2.1.3.2 and 2.1.4.2 step by step. They receive data from whoever sent the proof, so they never
 * throw: anything malformed (a size that is not a non-negative safe integer, a hash of the wrong
 * length) is a failed verification, `false`.
 *
 * What a proof does not bind: the inclusion algorithm walks the proof by the shape of the path from
 * leaf `index` to the root of a tree of `treeSize` leaves, and different (index, treeSize) pairs can
 * share a shape (leaf 4 of 7 leaves and leaf 4 of 8 leaves both have siblings right, right, left).
 * The root hash is what commits to the size, so callers must take `treeSize` and `root` together
 * from one tree head (see tree-head.ts) — never the size from the proof's sender and the root from
 * elsewhere.
 */
import { createHash } from 'node:crypto';

/** Bytes in a SHA-256 hash: every leaf hash, node hash, root and proof element. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** RFC 9162 2.1.1: the hash of one log entry, `SHA-256(0x00 || data)`. */
export function leafHash(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** RFC 9162 2.1.1: the hash of an interior node, `SHA-256(0x01 || left || right)`. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree, `SHA-256("")`; a fresh array on each call. */
export function emptyRoot(): Uint8Array {
  return createHash('sha256').digest();
}

/** MTH(D[n]): the root hash of a tree with these leaf hashes (in log order). */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  checkLeafHashes(leafHashes);
  if (leafHashes.length === 0) return emptyRoot();
  return Uint8Array.from(subtreeRoot(leafHashes, 0, leafHashes.length));
}

/**
 * PATH(index, D[n]) of RFC 9162 2.1.3.1: the audit path of leaf `index`, from the sibling nearest
 * the leaf up to the sibling nearest the root.
 */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  checkLeafHashes(leafHashes);
  if (!isSize(index) || index >= leafHashes.length) {
    throw new RangeError(`leaf index ${index} is not in a tree of ${leafHashes.length} leaves`);
  }
  const proof: Uint8Array[] = [];
  path(leafHashes, index, 0, leafHashes.length, proof);
  return proof;
}

/**
 * PROOF(m, D[n]) of RFC 9162 2.1.4.1 (SUBPROOF): the nodes that prove the tree of the first `m`
 * leaves is a prefix of the tree of all of them. Empty for m = 0 and for m = n.
 */
export function consistencyProof(leafHashes: readonly Uint8Array[], m: number): Uint8Array[] {
  checkLeafHashes(leafHashes);
  if (!isSize(m) || m > leafHashes.length) {
    throw new RangeError(`old tree size ${m} is not between 0 and ${leafHashes.length}`);
  }
  const proof: Uint8Array[] = [];
  if (m > 0 && m < leafHashes.length) subproof(leafHashes, m, 0, leafHashes.length, true, proof);
  return proof;
}

/**
 * RFC 9162 2.1.3.2: does `proof` prove that the leaf with hash `leaf` is at `index` in the tree of
 * `treeSize` leaves whose root is `root`?
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(index) || !isSize(treeSize) || !isHash(leaf) || !isHash(root) || !proof.every(isHash)) {
    return false;
  }
  // 1. Compare leaf_index against tree_size. If leaf_index is greater than or equal to tree_size,
  //    then fail the proof verification.
  if (index >= treeSize) return false;
  // 2. Set fn to leaf_index and sn to tree_size - 1.
  let fn = index;
  let sn = treeSize - 1;
  // 3. Set r to hash.
  let r = leaf;
  // 4. For each value p in the inclusion_path array:
  for (const p of proof) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (lsb(fn) || fn === sn) {
      // i. Set r to HASH(0x01 || p || r).
      r = nodeHash(p, r);
      // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn)
      //     is set or fn is 0.
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = shift(fn);
          sn = shift(sn);
        }
      }
    } else {
      // Otherwise: i. Set r to HASH(0x01 || r || p).
      r = nodeHash(r, p);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn = shift(fn);
    sn = shift(sn);
  }
  // 5. Compare sn to 0. Compare r against the root_hash. If sn is equal to 0 and r and the
  //    root_hash are equal, then the log has proven the inclusion of hash. Otherwise, fail.
  return sn === 0 && equalBytes(r, root);
}

/**
 * RFC 9162 2.1.4.2: does `proof` prove that the tree of `m` leaves with root `oldRoot` is a prefix
 * of the tree of `n` leaves with root `newRoot`?
 *
 * The RFC's algorithm is for 0 < m < n. The two cases outside it, where there is nothing to prove
 * and the proof must be empty: m = n holds when the roots are equal, and m = 0 holds when `oldRoot`
 * is the empty tree's root (an empty log is a prefix of every log).
 */
export function verifyConsistency(
  m: number,
  n: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): boolean {
  if (!isSize(m) || !isSize(n) || !isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) {
    return false;
  }
  if (m > n) return false;
  if (m === n) return proof.length === 0 && equalBytes(oldRoot, newRoot);
  if (m === 0) return proof.length === 0 && equalBytes(oldRoot, emptyRoot());

  // 1. If consistency_path is an empty array, stop and fail the proof verification.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : [...proof];
  // 3. Set fn to first - 1 and sn to second - 1.
  let fn = m - 1;
  let sn = n - 1;
  // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
  while (lsb(fn)) {
    fn = shift(fn);
    sn = shift(sn);
  }
  // 5. Set both fr and sr to the first value in the consistency_path array.
  let fr = element(path, 0);
  let sr = fr;
  // 6. For each subsequent value c in the consistency_path array:
  for (const c of path.slice(1)) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (lsb(fn) || fn === sn) {
      // i. Set fr to HASH(0x01 || c || fr).
      fr = nodeHash(c, fr);
      // ii. Set sr to HASH(0x01 || c || sr).
      sr = nodeHash(c, sr);
      // iii. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn)
      //      is set or fn is 0.
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = shift(fn);
          sn = shift(sn);
        }
      }
    } else {
      // Otherwise: i. Set sr to HASH(0x01 || sr || c).
      sr = nodeHash(sr, c);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn = shift(fn);
    sn = shift(sn);
  }
  // 7. Verify that the fr calculated is equal to the first_hash supplied, that the sr calculated is
  //    equal to the second_hash value supplied, and that sn is 0.
  return equalBytes(fr, oldRoot) && equalBytes(sr, newRoot) && sn === 0;
}

// --- builders' recursion, over index ranges [start, end) of the leaf list: no copies ---

/** MTH(D[start:end]) for a non-empty range. */
function subtreeRoot(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (end - start === 1) return element(leaves, start);
  const k = largestPowerOfTwoBelow(end - start);
  return nodeHash(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

/** PATH(index, D[start:end]); `index` is absolute. */
function path(
  leaves: readonly Uint8Array[],
  index: number,
  start: number,
  end: number,
  out: Uint8Array[],
): void {
  if (end - start === 1) return;
  const split = start + largestPowerOfTwoBelow(end - start);
  if (index < split) {
    path(leaves, index, start, split, out);
    out.push(Uint8Array.from(subtreeRoot(leaves, split, end)));
  } else {
    path(leaves, index, split, end, out);
    out.push(Uint8Array.from(subtreeRoot(leaves, start, split)));
  }
}

/** SUBPROOF(m, D[start:end], b); `m` counts leaves from `start`, 0 < m <= end - start. */
function subproof(
  leaves: readonly Uint8Array[],
  m: number,
  start: number,
  end: number,
  completeSubtree: boolean,
  out: Uint8Array[],
): void {
  if (m === end - start) {
    if (!completeSubtree) out.push(Uint8Array.from(subtreeRoot(leaves, start, end)));
    return;
  }
  const k = largestPowerOfTwoBelow(end - start);
  if (m <= k) {
    subproof(leaves, m, start, start + k, completeSubtree, out);
    out.push(Uint8Array.from(subtreeRoot(leaves, start + k, end)));
  } else {
    subproof(leaves, m - k, start + k, end, false, out);
    out.push(Uint8Array.from(subtreeRoot(leaves, start, start + k)));
  }
}

// --- small helpers ---

/** The largest power of two strictly smaller than n, for n >= 2. */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** Sizes and indexes go up to 2^53 - 1, beyond the 32 bits of `>>` and `&`: use arithmetic. */
function lsb(n: number): boolean {
  return n % 2 === 1;
}

function shift(n: number): number {
  return Math.floor(n / 2);
}

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

function checkLeafHashes(leafHashes: readonly Uint8Array[]): void {
  leafHashes.forEach((h, i) => {
    if (!isHash(h)) throw new RangeError(`leaf hash ${i} is not ${HASH_SIZE} bytes`);
  });
}

function element(list: readonly Uint8Array[], i: number): Uint8Array {
  const h = list[i];
  if (h === undefined) throw new RangeError(`no element ${i}`);
  return h;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
