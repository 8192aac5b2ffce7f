/**
 * An independent, deliberately naive RFC 9162 tree for the tests to compare against: hashes built
 * with `Buffer.concat`, trees split by slicing arrays, every definition transcribed from the RFC's
 * recursive equations (2.1.1 MTH, 2.1.3.1 PATH, 2.1.4.1 SUBPROOF) with nothing shared with
 * engine/transparency/merkle.ts.
 */
import { createHash } from 'node:crypto';

function sha256(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
}

export function refLeaf(data: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(0), data);
}

function refNode(l: Uint8Array, r: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(1), l, r);
}

function k(n: number): number {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}

/** MTH(D[n]) over the entries themselves (not their hashes). */
export function refMth(d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha256();
  if (d.length === 1) return refLeaf(d[0]!);
  return refNode(refMth(d.slice(0, k(d.length))), refMth(d.slice(k(d.length))));
}

export function refPath(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s
    ? [...refPath(m, d.slice(0, s)), refMth(d.slice(s))]
    : [...refPath(m - s, d.slice(s)), refMth(d.slice(0, s))];
}

function refSubproof(m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [refMth(d)];
  const s = k(d.length);
  return m <= s
    ? [...refSubproof(m, d.slice(0, s), b), refMth(d.slice(s))]
    : [...refSubproof(m - s, d.slice(s), false), refMth(d.slice(0, s))];
}

export function refProof(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  return m === 0 || m === d.length ? [] : refSubproof(m, d, true);
}

/**
 * Where the siblings of leaf m of a tree of n leaves sit, from the leaf up: 'R' when the sibling is
 * to the right. Two (index, size) pairs with the same shape fold a proof into the same hash.
 */
export function pathShape(m: number, n: number): string {
  if (n <= 1) return '';
  const s = k(n);
  return m < s ? `${pathShape(m, s)}R` : `${pathShape(m - s, n - s)}L`;
}

/** Leaf data i of the test logs: a few bytes that differ per entry and per length. */
export function entry(i: number): Uint8Array {
  return Uint8Array.from({ length: (i % 5) + 1 }, (_, j) => (i * 31 + j * 7) & 0xff);
}

export function entries(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => entry(i));
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

export function unhex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'hex'));
}

/** A copy of `h` with bit `bit` (0 = most significant bit of byte 0) flipped. */
export function flipBit(h: Uint8Array, bit: number): Uint8Array {
  const out = Uint8Array.from(h);
  out[bit >> 3]! ^= 0x80 >> (bit & 7);
  return out;
}

/**
 * The bits to flip in a hash in the wide sweeps: the first, the last, and one more that moves
 * with `seed`. Every one of the 256 bits is flipped in the exhaustive sweep of the small trees.
 */
export function sampleBits(seed: number): number[] {
  return [0, 255, (seed * 97 + 13) % 256];
}

export const ALL_BITS = Array.from({ length: 256 }, (_, i) => i);
