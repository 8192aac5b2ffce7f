import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inclusionProof, leafHash, rootOf, verifyInclusion } from '../../engine/transparency/merkle';
import { hex } from './reference-tree';

/**
 * What a regulator relies on: the root commits to every entry, its content and its position.
 * Entries are distinct (outcomes carry ids and sequence numbers), so any reordering is a change.
 */
const log = fc.uniqueArray(fc.uint8Array({ minLength: 0, maxLength: 24 }), {
  minLength: 1,
  maxLength: 70,
  selector: (e) => hex(e),
});

const rootOfEntries = (entries: readonly Uint8Array[]) => hex(rootOf(entries.map(leafHash)));

describe('tampering with the log changes its root (fast-check)', () => {
  it('removing any one entry', () => {
    fc.assert(
      fc.property(log, fc.nat(), (entries, pick) => {
        const i = pick % entries.length;
        expect(rootOfEntries(entries.toSpliced(i, 1))).not.toBe(rootOfEntries(entries));
      }),
    );
  });

  it('swapping two entries', () => {
    fc.assert(
      fc.property(
        log.filter((e) => e.length >= 2),
        fc.nat(),
        fc.nat(),
        (entries, a, b) => {
          const i = a % entries.length;
          const j = (i + 1 + (b % (entries.length - 1))) % entries.length; // j !== i
          const swapped = entries.with(i, entries[j]!).with(j, entries[i]!);
          expect(rootOfEntries(swapped)).not.toBe(rootOfEntries(entries));
        },
      ),
    );
  });

  it('moving one entry to another position', () => {
    fc.assert(
      fc.property(
        log.filter((e) => e.length >= 2),
        fc.nat(),
        fc.nat(),
        (entries, a, b) => {
          const from = a % entries.length;
          const to = b % entries.length;
          fc.pre(from !== to);
          const moved = entries.toSpliced(from, 1).toSpliced(to, 0, entries[from]!);
          expect(rootOfEntries(moved)).not.toBe(rootOfEntries(entries));
        },
      ),
    );
  });

  it('changing one byte of one entry, or appending a byte to it', () => {
    fc.assert(
      fc.property(log, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (entries, a, b, delta) => {
        const i = a % entries.length;
        const entry = entries[i]!;
        const changed =
          entry.length === 0
            ? Uint8Array.of(delta)
            : entry.map((byte, k) => (k === b % entry.length ? (byte + delta) & 0xff : byte));
        expect(rootOfEntries(entries.with(i, changed))).not.toBe(rootOfEntries(entries));
        expect(rootOfEntries(entries.with(i, Uint8Array.of(...entry, 0)))).not.toBe(rootOfEntries(entries));
      }),
    );
  });

  it('an entry proven at its index is not proven at any other index of the same tree', () => {
    fc.assert(
      fc.property(log, fc.nat(), fc.nat(), (entries, a, b) => {
        const leaves = entries.map(leafHash);
        const root = rootOf(leaves);
        const i = a % leaves.length;
        const proof = inclusionProof(leaves, i);
        expect(verifyInclusion(leaves[i]!, i, leaves.length, proof, root)).toBe(true);
        const j = b % leaves.length;
        if (j !== i) expect(verifyInclusion(leaves[i]!, j, leaves.length, proof, root)).toBe(false);
      }),
    );
  });
});
