import { describe, expect, it } from 'vitest';
import { inclusionProof, leafHash, rootOf, verifyInclusion } from '../../engine/transparency/merkle';
import { ALL_BITS, entries, flipBit, pathShape, sampleBits } from './reference-tree';

/**
 * RFC 9162 2.1.3.2 verification against the proofs of 2.1.3.1, for every leaf of every tree of 1 to
 * 64 leaves. Bit flips: all 256 bits of every hash in trees of up to 8 leaves; the first, the last
 * and one moving bit of every hash in the larger trees (any flipped bit changes a SHA-256 input, so
 * the small trees pin the rule and the large ones its every position in the path).
 */
const MAX = 64;
const EXHAUSTIVE_UP_TO = 8;
const leaves = entries(MAX).map(leafHash);

describe.each(Array.from({ length: MAX }, (_, i) => i + 1))('inclusion in a tree of %i leaves', (n) => {
  const tree = leaves.slice(0, n);
  const root = rootOf(tree);
  const proofs = tree.map((_, i) => inclusionProof(tree, i));
  const bitsFor = (seed: number) => (n <= EXHAUSTIVE_UP_TO ? ALL_BITS : sampleBits(seed));

  it('every leaf proof verifies', () => {
    tree.forEach((leaf, i) => expect(verifyInclusion(leaf, i, n, proofs[i]!, root), `i=${i}`).toBe(true));
  });

  it('fails with any flipped bit in the leaf, the root, or a proof element', () => {
    const accepted: string[] = [];
    let checked = 0;
    const check = (ok: boolean, what: string) => {
      checked++;
      if (ok) accepted.push(what);
    };
    tree.forEach((leaf, i) => {
      const proof = proofs[i]!;
      for (const bit of bitsFor(i)) {
        check(verifyInclusion(flipBit(leaf, bit), i, n, proof, root), `leaf ${i} bit ${bit}`);
        check(verifyInclusion(leaf, i, n, proof, flipBit(root, bit)), `root, leaf ${i}, bit ${bit}`);
      }
      proof.forEach((p, e) => {
        for (const bit of bitsFor(i * 7 + e)) {
          const tampered = proof.with(e, flipBit(p, bit));
          check(verifyInclusion(leaf, i, n, tampered, root), `leaf ${i} proof[${e}] bit ${bit}`);
        }
      });
    });
    expect(accepted).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(n * 6);
  });

  it('fails for another index in the same tree, and for indexes outside it', () => {
    const accepted: string[] = [];
    tree.forEach((leaf, i) => {
      for (const j of otherIndexes(i, n)) {
        if (verifyInclusion(leaf, j, n, proofs[i]!, root)) accepted.push(`leaf ${i} as ${j}`);
      }
    });
    expect(accepted).toEqual([]);
  });

  it('fails for another tree size unless both sizes give the leaf the same path shape', () => {
    // Leaf 4 of 7 and leaf 4 of 8 both have their siblings right, right, left: the same proof
    // folds to the same root. The size is bound by the root, i.e. by the signed tree head.
    const wrong: string[] = [];
    tree.forEach((leaf, i) => {
      for (const size of otherSizes(n)) {
        const sameShape = size > i && pathShape(i, size) === pathShape(i, n);
        if (verifyInclusion(leaf, i, size, proofs[i]!, root) !== sameShape) {
          wrong.push(`leaf ${i} as size ${size} (same shape: ${sameShape})`);
        }
      }
    });
    expect(wrong).toEqual([]);
  });

  it('fails with a proof element dropped, added, or two elements swapped', () => {
    const accepted: string[] = [];
    tree.forEach((leaf, i) => {
      const proof = proofs[i]!;
      const variants: [string, Uint8Array[]][] = [['extra element', [...proof, root]]];
      for (let e = 0; e < proof.length; e++) {
        variants.push([`drop ${e}`, proof.toSpliced(e, 1)]);
        if (e > 0 && !sameBytes(proof[e]!, proof[e - 1]!)) {
          variants.push([`swap ${e - 1},${e}`, proof.with(e, proof[e - 1]!).with(e - 1, proof[e]!)]);
        }
      }
      for (const [what, tampered] of variants) {
        if (verifyInclusion(leaf, i, n, tampered, root)) accepted.push(`leaf ${i}: ${what}`);
      }
    });
    expect(accepted).toEqual([]);
  });
});

describe('verifyInclusion rejects malformed input instead of throwing', () => {
  const tree = leaves.slice(0, 5);
  const root = rootOf(tree);
  const proof = inclusionProof(tree, 3);
  const leaf = tree[3]!;

  it('sizes and indexes that are not non-negative safe integers', () => {
    expect(verifyInclusion(leaf, 3, 5, proof, root)).toBe(true);
    for (const [i, n] of [
      [3.5, 5],
      [3, 5.5],
      [-1, 5],
      [3, -5],
      [Number.NaN, 5],
      [3, Number.POSITIVE_INFINITY],
      [3, 2 ** 53],
    ] as const) {
      expect(verifyInclusion(leaf, i, n, proof, root), `i=${i} n=${n}`).toBe(false);
    }
  });

  it('hashes of the wrong length', () => {
    expect(verifyInclusion(leaf.subarray(1), 3, 5, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 3, 5, proof, new Uint8Array(33))).toBe(false);
    expect(verifyInclusion(leaf, 3, 5, [...proof.slice(0, -1), new Uint8Array(0)], root)).toBe(false);
  });

  it('a tree of one leaf: the root is the leaf hash and the proof is empty', () => {
    expect(verifyInclusion(leaf, 0, 1, [], leaf)).toBe(true);
    expect(verifyInclusion(leaf, 0, 0, [], leaf)).toBe(false);
  });
});

describe('large tree sizes use arithmetic beyond 32 bits', () => {
  it('the path of the last leaf of a 2^40 + 1 leaf tree is one sibling: MTH of the first 2^40', () => {
    const left = rootOf(leaves.slice(0, 2)); // stands in for MTH(D[0:2^40]): only its bytes matter
    const last = leaves[2]!;
    const size = 2 ** 40 + 1;
    const root = rootOf([leaves[0]!, leaves[1]!, last]); // = HASH(0x01 || left || last)
    expect(verifyInclusion(last, size - 1, size, [left], root)).toBe(true);
    expect(verifyInclusion(last, size - 2, size, [left], root)).toBe(false);
  });
});

/** Every other index for small trees; neighbours, mirror, ends and just-outside for larger ones. */
function otherIndexes(i: number, n: number): number[] {
  const all =
    n <= EXHAUSTIVE_UP_TO * 2
      ? range(0, n + 2)
      : [0, 1, i - 2, i - 1, i + 1, i + 2, n - 1 - i, n - 1, n, n + 1];
  return [...new Set(all)].filter((j) => j >= 0 && j !== i);
}

/** Every size 0..65 for small trees; neighbours, halves, doubles and powers of two for larger ones. */
function otherSizes(n: number): number[] {
  const near = [0, 1, n - 3, n - 2, n - 1, n + 1, n + 2, n + 3, Math.floor(n / 2), 2 * n, 32, 64, 128];
  const all = n <= EXHAUSTIVE_UP_TO * 2 ? range(0, MAX + 2) : near;
  return [...new Set(all)].filter((s) => s >= 0 && s !== n);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}
