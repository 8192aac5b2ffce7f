/** The incremental frontier gives the same root as the RFC 9162 recursion, for every size. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendLeaf, EMPTY_FRONTIER, frontierRoot } from '../../engine/transparency/compact-range';
import { emptyRoot, leafHash, rootOf } from '../../engine/transparency/merkle';

const leaf = (i: number) => leafHash(createHash('sha256').update(String(i)).digest());

describe('log frontier', () => {
  it('matches rootOf for sizes 0..300, with one peak per set bit of the size', () => {
    let f = EMPTY_FRONTIER;
    const leaves: Uint8Array[] = [];
    expect(frontierRoot(f)).toEqual(emptyRoot());
    for (let i = 0; i < 300; i++) {
      leaves.push(leaf(i));
      f = appendLeaf(f, leaf(i));
      expect(f.size).toBe(i + 1);
      expect(f.peaks).toHaveLength((i + 1).toString(2).replaceAll('0', '').length);
      expect(Buffer.from(frontierRoot(f)).toString('hex')).toBe(Buffer.from(rootOf(leaves)).toString('hex'));
    }
  });

  it('survives a JSON round trip (it is stored beside the log)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 70 }), (datas) => {
        let f = EMPTY_FRONTIER;
        for (const d of datas) f = JSON.parse(JSON.stringify(appendLeaf(f, leafHash(d)))) as typeof f;
        expect(frontierRoot(f)).toEqual(rootOf(datas.map((d) => leafHash(d))));
      }),
    );
  });

  it('refuses a leaf hash of the wrong size', () => {
    expect(() => appendLeaf(EMPTY_FRONTIER, new Uint8Array(31))).toThrow(RangeError);
  });
});
