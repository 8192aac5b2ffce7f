import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  nodeHash,
  rootOf,
} from '../../engine/transparency/merkle';
import { entries, hex, refLeaf, refMth, refPath, refProof } from './reference-tree';

/**
 * The eight entries of the Certificate Transparency reference tests (RFC 6962 hashes the tree the
 * same way as RFC 9162). The expected hex below was computed outside this repository with Python's
 * hashlib and a recursive MTH, and agrees with the published CT test vectors.
 */
const CT_ENTRIES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => new Uint8Array(Buffer.from(h, 'hex')));
const CT_LEAVES = CT_ENTRIES.map(leafHash);

const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 9162 hashing: known answers', () => {
  it('the empty tree is SHA-256 of the empty string', () => {
    expect(hex(rootOf([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(emptyRoot())).toBe(hex(rootOf([])));
  });

  it('a leaf is SHA-256(0x00 || data) and a node SHA-256(0x01 || left || right)', () => {
    // sha256 of the single byte 0x00, and of 0x01 followed by 64 zero bytes.
    expect(hex(leafHash(new Uint8Array()))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const zero = new Uint8Array(32);
    expect(hex(nodeHash(zero, zero))).toBe(hex(refMthOfHashes(zero, zero)));
    expect(hex(nodeHash(CT_LEAVES[0]!, CT_LEAVES[1]!))).toBe(CT_ROOTS[2]);
  });

  it.each(CT_ROOTS.map((root, n) => [n, root] as const))(
    'root of the first %i CT entries is %s',
    (n, root) => {
      expect(hex(rootOf(CT_LEAVES.slice(0, n)))).toBe(root);
    },
  );

  it('inclusion proofs of the CT reference tests', () => {
    expect(inclusionProof(CT_LEAVES, 0).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(inclusionProof(CT_LEAVES, 5).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(inclusionProof(CT_LEAVES.slice(0, 3), 2).map(hex)).toEqual([CT_ROOTS[2]]);
    expect(inclusionProof(CT_LEAVES.slice(0, 1), 0)).toEqual([]);
  });

  it('consistency proofs of the CT reference tests', () => {
    expect(consistencyProof(CT_LEAVES, 1).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(consistencyProof(CT_LEAVES, 6).map(hex)).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(consistencyProof(CT_LEAVES.slice(0, 5), 2).map(hex)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
    expect(consistencyProof(CT_LEAVES, 8)).toEqual([]);
    expect(consistencyProof(CT_LEAVES, 0)).toEqual([]);
  });
});

describe('RFC 9162 tree: same answers as a naive recursive transcription', () => {
  const data = entries(64);
  const leaves = data.map(leafHash);

  it('leaf hashes', () => {
    expect(leaves.map(hex)).toEqual(data.map(refLeaf).map(hex));
  });

  it('roots of every size 0..64', () => {
    for (let n = 0; n <= 64; n++)
      expect(hex(rootOf(leaves.slice(0, n))), `n=${n}`).toBe(hex(refMth(data.slice(0, n))));
  });

  it('inclusion proofs of every leaf of every size 1..64', () => {
    for (let n = 1; n <= 64; n++) {
      for (let i = 0; i < n; i++) {
        expect(inclusionProof(leaves.slice(0, n), i).map(hex), `n=${n} i=${i}`).toEqual(
          refPath(i, data.slice(0, n)).map(hex),
        );
      }
    }
  });

  it('consistency proofs of every 0 <= m <= n <= 64', () => {
    for (let n = 0; n <= 64; n++) {
      for (let m = 0; m <= n; m++) {
        expect(consistencyProof(leaves.slice(0, n), m).map(hex), `m=${m} n=${n}`).toEqual(
          refProof(m, data.slice(0, n)).map(hex),
        );
      }
    }
  });

  it('a larger log (1000 leaves) at a few sizes and indexes', () => {
    const big = entries(1000);
    const bigLeaves = big.map(leafHash);
    expect(hex(rootOf(bigLeaves))).toBe(hex(refMth(big)));
    for (const i of [0, 1, 511, 512, 999]) {
      expect(inclusionProof(bigLeaves, i).map(hex)).toEqual(refPath(i, big).map(hex));
    }
    for (const m of [1, 2, 511, 512, 513, 999]) {
      expect(consistencyProof(bigLeaves, m).map(hex)).toEqual(refProof(m, big).map(hex));
    }
  });
});

describe('builders refuse arguments that make no tree', () => {
  const leaves = entries(5).map(leafHash);

  it('inclusionProof: index outside the tree, or not an integer', () => {
    for (const i of [-1, 5, 6, 1.5, Number.NaN]) expect(() => inclusionProof(leaves, i)).toThrow(RangeError);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
  });

  it('consistencyProof: old size outside 0..n', () => {
    for (const m of [-1, 6, 2.5]) expect(() => consistencyProof(leaves, m)).toThrow(RangeError);
  });

  it('a leaf hash that is not 32 bytes', () => {
    const bad = [...leaves, new Uint8Array(31)];
    expect(() => rootOf(bad)).toThrow(/leaf hash 5 is not 32 bytes/);
    expect(() => inclusionProof(bad, 0)).toThrow(RangeError);
    expect(() => consistencyProof(bad, 1)).toThrow(RangeError);
  });
});

function refMthOfHashes(l: Uint8Array, r: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHash('sha256')
      .update(Buffer.concat([Uint8Array.of(1), l, r]))
      .digest(),
  );
}
