import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../engine/outcomes/chain';
import { outcomeHash } from '../../engine/outcomes/document';
import { chainOf } from './outcome-fixtures';

describe('verifyChain', () => {
  it('accepts five outcomes, each linking the hash of the one before', () => {
    const docs = chainOf(5);
    expect(verifyChain(docs)).toEqual({
      ok: true,
      count: 5,
      lastHash: outcomeHash(docs[4]!),
      lastSequence: 5,
    });
  });

  it('names the missing sequence number when one outcome is removed', () => {
    const docs = chainOf(5);
    docs.splice(2, 1);
    expect(verifyChain(docs)).toMatchObject({ ok: false, reason: 'missing', sequence: 3, index: 2 });
  });

  it('detects the removal of the first outcome', () => {
    expect(verifyChain(chainOf(5).slice(1))).toMatchObject({ ok: false, reason: 'missing', sequence: 1 });
  });

  it('names the first sequence out of order when two are swapped', () => {
    const [a, b, c, d, e] = chainOf(5);
    expect(verifyChain([a!, b!, d!, c!, e!])).toMatchObject({
      ok: false,
      reason: 'out_of_order',
      sequence: 3,
    });
  });

  it('detects a removed outcome even when the later ones are renumbered (the hash link breaks)', () => {
    const docs = chainOf(5);
    const forged = [docs[0]!, docs[1]!, ...docs.slice(3).map((d) => ({ ...d, sequence: d.sequence - 1 }))];
    expect(verifyChain(forged)).toMatchObject({ ok: false, reason: 'hash_mismatch', sequence: 3 });
  });

  it('detects a changed outcome at the link after it', () => {
    const docs = chainOf(5);
    docs[1] = { ...docs[1]!, roundId: 'roulette-1-99' };
    expect(verifyChain(docs)).toMatchObject({ ok: false, reason: 'hash_mismatch', sequence: 3 });
  });

  it('detects a duplicated outcome', () => {
    const docs = chainOf(3);
    expect(verifyChain([...docs, docs[2]!])).toMatchObject({
      ok: false,
      reason: 'duplicate',
      sequence: 3,
      index: 3,
    });
  });

  it('verifies a tail of the chain from a known previous outcome', () => {
    const docs = chainOf(5);
    const after = { sequence: 2, hash: outcomeHash(docs[1]!) };
    expect(verifyChain(docs.slice(2), { after })).toMatchObject({ ok: true, count: 3, lastSequence: 5 });
    expect(verifyChain(docs.slice(3), { after })).toMatchObject({
      ok: false,
      reason: 'missing',
      sequence: 3,
    });
  });
});
