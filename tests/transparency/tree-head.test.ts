import { describe, expect, it } from 'vitest';
import { inclusionProof, leafHash, rootOf, verifyInclusion } from '../../engine/transparency/merkle';
import {
  decodeTreeHead,
  rootHashBytes,
  treeHeadBytes,
  treeHeadOf,
  TreeHeadError,
  type TreeHead,
} from '../../engine/transparency/tree-head';
import { entries, hex } from './reference-tree';

const T = Date.UTC(2025, 5, 1, 20, 0, 0); // 1748808000000
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

describe('tree head and its canonical bytes', () => {
  it('the empty log: JCS of {root_hash, timestamp, tree_size}', () => {
    const head = treeHeadOf([], T);
    expect(head).toEqual({
      treeSize: 0,
      rootHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      timestamp: 1748808000000,
    });
    expect(text(treeHeadBytes(head))).toBe(
      '{"root_hash":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","timestamp":1748808000000,"tree_size":0}',
    );
  });

  it('a log of five entries carries its size and MTH', () => {
    const leaves = entries(5).map(leafHash);
    const head = treeHeadOf(leaves, T);
    expect(head.treeSize).toBe(5);
    expect(head.rootHash).toBe(hex(rootOf(leaves)));
    expect(text(treeHeadBytes(head))).toBe(`{"root_hash":"${head.rootHash}","timestamp":${T},"tree_size":5}`);
  });

  it('the bytes do not depend on the order the object was built in', () => {
    const head = treeHeadOf(entries(3).map(leafHash), T);
    const shuffled: TreeHead = {
      timestamp: head.timestamp,
      rootHash: head.rootHash,
      treeSize: head.treeSize,
    };
    expect(treeHeadBytes(shuffled)).toEqual(treeHeadBytes(head));
  });

  it('decodes its own bytes, and the root feeds the verifiers', () => {
    const leaves = entries(9).map(leafHash);
    const head = treeHeadOf(leaves, T);
    const decoded = decodeTreeHead(treeHeadBytes(head));
    expect(decoded).toEqual(head);
    expect(
      verifyInclusion(leaves[4]!, 4, decoded.treeSize, inclusionProof(leaves, 4), rootHashBytes(decoded)),
    ).toBe(true);
  });

  it('refuses heads that are not well formed, naming the field', () => {
    const good = treeHeadOf([], T);
    const cases: [Partial<Record<keyof TreeHead, unknown>>, RegExp][] = [
      [{ treeSize: -1 }, /tree_size/],
      [{ treeSize: 1.5 }, /tree_size/],
      [{ treeSize: 2 ** 53 }, /tree_size/],
      [{ rootHash: good.rootHash.toUpperCase() }, /root_hash/],
      [{ rootHash: good.rootHash.slice(2) }, /root_hash/],
      [{ rootHash: 42 }, /root_hash/],
      [{ timestamp: Number.NaN }, /timestamp/],
      [{ timestamp: '2025-06-01' }, /timestamp/],
    ];
    for (const [patch, message] of cases) {
      expect(() => treeHeadBytes({ ...good, ...patch } as TreeHead)).toThrow(message);
    }
    expect(() => treeHeadOf([], -1)).toThrow(TreeHeadError);
  });

  it('decodeTreeHead accepts only the canonical bytes', () => {
    const canonical = text(treeHeadBytes(treeHeadOf([], T)));
    expect(() => decodeTreeHead(bytes(canonical.replace(':', ': ')))).toThrow(/canonical/);
    expect(() =>
      decodeTreeHead(bytes(canonical.replace('"timestamp":1748808000000', '"timestamp":1.748808e12'))),
    ).toThrow(/canonical/);
    expect(() => decodeTreeHead(bytes(`${canonical}\n`))).toThrow(/canonical/);
    expect(() => decodeTreeHead(bytes(canonical.replace('}', ',"extra":1}')))).toThrow(/keys/);
    expect(() => decodeTreeHead(bytes('[1,2,3]'))).toThrow(/object/);
    expect(() => decodeTreeHead(bytes('{"root_hash":'))).toThrow(/JSON/);
    expect(() => decodeTreeHead(Uint8Array.of(0xff, 0xfe))).toThrow(TreeHeadError);
  });
});
