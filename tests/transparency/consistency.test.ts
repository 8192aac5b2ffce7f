import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  emptyRoot,
  leafHash,
  rootOf,
  verifyConsistency,
} from '../../engine/transparency/merkle';
import { ALL_BITS, entries, flipBit, sampleBits } from './reference-tree';

/**
 * RFC 9162 2.1.4.2 verification against the proofs of 2.1.4.1, for every 1 <= m <= n <= 64. Bit
 * flips: all 256 bits of every hash when n <= 8; the first, the last and one moving bit otherwise.
 */
const MAX = 64;
const EXHAUSTIVE_UP_TO = 8;
const leaves = entries(MAX).map(leafHash);
const roots = Array.from({ length: MAX + 1 }, (_, n) => rootOf(leaves.slice(0, n)));

describe.each(Array.from({ length: MAX }, (_, i) => i + 1))('consistency with a tree of %i leaves', (n) => {
  const tree = leaves.slice(0, n);
  const newRoot = roots[n]!;
  const olds = Array.from({ length: n }, (_, k) => k + 1); // m = 1..n
  const proofs = new Map(olds.map((m) => [m, consistencyProof(tree, m)]));
  const bitsFor = (seed: number) => (n <= EXHAUSTIVE_UP_TO ? ALL_BITS : sampleBits(seed));

  it('the proof from every older size m (1 <= m <= n) verifies', () => {
    const rejected = olds.filter((m) => !verifyConsistency(m, n, proofs.get(m)!, roots[m]!, newRoot));
    expect(rejected).toEqual([]);
  });

  it('fails with any flipped bit in the old root, the new root, or a proof element', () => {
    const accepted: string[] = [];
    let checked = 0;
    const check = (ok: boolean, what: string) => {
      checked++;
      if (ok) accepted.push(what);
    };
    for (const m of olds) {
      const proof = proofs.get(m)!;
      const oldRoot = roots[m]!;
      for (const bit of bitsFor(m)) {
        check(verifyConsistency(m, n, proof, flipBit(oldRoot, bit), newRoot), `m=${m} old root bit ${bit}`);
        check(verifyConsistency(m, n, proof, oldRoot, flipBit(newRoot, bit)), `m=${m} new root bit ${bit}`);
      }
      proof.forEach((p, e) => {
        for (const bit of bitsFor(m * 11 + e)) {
          const tampered = proof.with(e, flipBit(p, bit));
          check(verifyConsistency(m, n, tampered, oldRoot, newRoot), `m=${m} proof[${e}] bit ${bit}`);
        }
      });
    }
    expect(accepted).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(n * 6);
  });

  it('fails with a proof element dropped or added, and for the root of another old size', () => {
    const accepted: string[] = [];
    for (const m of olds) {
      const proof = proofs.get(m)!;
      const variants: [string, Uint8Array[]][] = [
        ['extra element', [...proof, newRoot]],
        ...proof.map((_, e): [string, Uint8Array[]] => [`drop ${e}`, proof.toSpliced(e, 1)]),
      ];
      for (const [what, tampered] of variants) {
        if (verifyConsistency(m, n, tampered, roots[m]!, newRoot)) accepted.push(`m=${m}: ${what}`);
      }
      // The old tree with its last leaf removed or replaced is not a prefix of this tree.
      for (const other of [m - 1, m + 1]) {
        const oldRoot = roots[other];
        if (other >= 1 && oldRoot && verifyConsistency(m, n, proof, oldRoot, newRoot)) {
          accepted.push(`m=${m} with the root of ${other} leaves`);
        }
      }
      const changed = rootOf([...leaves.slice(0, m - 1), leafHash(Uint8Array.of(0xee, m))]);
      if (verifyConsistency(m, n, proof, changed, newRoot))
        accepted.push(`m=${m} with its last leaf changed`);
    }
    expect(accepted).toEqual([]);
  });

  it('fails when the new tree is not an extension of the old one', () => {
    // Same sizes, but leaf 0 of the new tree differs: the history was rewritten.
    const forged = [leafHash(Uint8Array.of(0xff)), ...tree.slice(1)];
    const forgedRoot = rootOf(forged);
    const accepted = olds.filter((m) => {
      const proof = consistencyProof(forged, m);
      return verifyConsistency(m, n, proof, roots[m]!, forgedRoot);
    });
    expect(accepted).toEqual([]);
  });
});

describe('consistency at the edges', () => {
  const tree = leaves.slice(0, 6);
  const root = roots[6]!;

  it('m = n: empty proof, and the two roots must be equal', () => {
    expect(consistencyProof(tree, 6)).toEqual([]);
    expect(verifyConsistency(6, 6, [], root, root)).toBe(true);
    expect(verifyConsistency(6, 6, [], root, roots[5]!)).toBe(false);
    expect(verifyConsistency(6, 6, [root], root, root)).toBe(false);
  });

  it('m = 0: the empty tree is a prefix of every tree, with an empty proof', () => {
    expect(consistencyProof(tree, 0)).toEqual([]);
    expect(verifyConsistency(0, 6, [], emptyRoot(), root)).toBe(true);
    expect(verifyConsistency(0, 0, [], emptyRoot(), emptyRoot())).toBe(true);
    expect(verifyConsistency(0, 6, [], root, root)).toBe(false);
    expect(verifyConsistency(0, 6, [root], emptyRoot(), root)).toBe(false);
  });

  it('0 < m < n with an empty proof fails (RFC 9162 2.1.4.2 step 1)', () => {
    expect(verifyConsistency(4, 6, [], roots[4]!, root)).toBe(false);
  });

  it('an old size larger than the new one fails', () => {
    expect(verifyConsistency(7, 6, consistencyProof(leaves.slice(0, 7), 6), roots[7]!, root)).toBe(false);
  });

  it('malformed sizes and hashes fail instead of throwing', () => {
    const proof = consistencyProof(tree, 3);
    expect(verifyConsistency(3, 6, proof, roots[3]!, root)).toBe(true);
    for (const [m, n] of [
      [3.5, 6],
      [3, 6.5],
      [-3, 6],
      [Number.NaN, 6],
      [3, 2 ** 53],
    ] as const) {
      expect(verifyConsistency(m, n, proof, roots[3]!, root), `m=${m} n=${n}`).toBe(false);
    }
    expect(verifyConsistency(3, 6, proof, roots[3]!.subarray(1), root)).toBe(false);
    expect(verifyConsistency(3, 6, [...proof, new Uint8Array(64)], roots[3]!, root)).toBe(false);
  });
});
