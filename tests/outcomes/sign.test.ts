import { base64url, CompactSign } from 'jose';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/journal/canonical-json';
import {
  canonicalBytes,
  GENESIS_OUTCOME_HASH,
  outcomeHash,
  type OutcomeDocument,
} from '../../engine/outcomes/document';
import { KeyStore, type SigningKey } from '../../engine/outcomes/keys';
import { OUTCOME_JWS_TYPE, signOutcome, verifyOutcome } from '../../engine/outcomes/sign';
import { baccaratOutcome, chainOf, cleanupTempDirs, rouletteOutcome, tempDir } from './outcome-fixtures';

let store: KeyStore;

beforeAll(async () => {
  store = await KeyStore.open(tempDir());
});

/** Signs arbitrary bytes with our header, as a forger holding the key (or a buggy signer) would. */
function signRaw(
  payload: Uint8Array,
  key: SigningKey,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: OUTCOME_JWS_TYPE, ...header })
    .sign(key.privateKey);
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

describe('signOutcome / verifyOutcome', () => {
  it('round trip: roulette and baccarat outcomes verify and come back equal, with the kid', async () => {
    for (const doc of [rouletteOutcome(), baccaratOutcome()]) {
      const jws = await signOutcome(doc, store.current());
      const r = await verifyOutcome(jws, store.jwks());
      expect(r).toEqual({ ok: true, doc, kid: store.current().kid });
    }
  });

  it('the protected header is {alg: EdDSA, kid, typ} and the payload bytes are the canonical bytes', async () => {
    const doc = rouletteOutcome();
    const jws = await signOutcome(doc, store.current());
    const [h, p] = jws.split('.');
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(h!)))).toEqual({
      alg: 'EdDSA',
      kid: store.current().kid,
      typ: 'studio-desk-outcome+jws',
    });
    expect(base64url.decode(p!)).toEqual(canonicalBytes(doc));
  });

  it('refuses to sign an invalid document', async () => {
    const bad = { ...rouletteOutcome(), sequence: 0 };
    await expect(signOutcome(bad, store.current())).rejects.toThrow(/sequence/);
  });

  it('changing any single byte of the payload fails verification with bad_signature', async () => {
    const jws = await signOutcome(rouletteOutcome(), store.current());
    const [h, p, s] = jws.split('.') as [string, string, string];
    const payload = base64url.decode(p);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: payload.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (pos, xor) => {
          const changed = payload.slice();
          changed[pos] = (changed[pos] as number) ^ xor;
          const r = await verifyOutcome(`${h}.${base64url.encode(changed)}.${s}`, store.jwks());
          expect(r).toMatchObject({ ok: false, error: 'bad_signature' });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a changed signature or header byte fails verification', async () => {
    const jws = await signOutcome(rouletteOutcome(), store.current());
    const [h, p, s] = jws.split('.') as [string, string, string];
    const sig = base64url.decode(s);
    sig[10] = (sig[10] as number) ^ 1;
    expect(await verifyOutcome(`${h}.${p}.${base64url.encode(sig)}`, store.jwks())).toMatchObject({
      ok: false,
      error: 'bad_signature',
    });
    const header = { alg: 'EdDSA', kid: store.current().kid, typ: OUTCOME_JWS_TYPE, x: 1 };
    const h2 = base64url.encode(JSON.stringify(header));
    expect(await verifyOutcome(`${h2}.${p}.${s}`, store.jwks())).toMatchObject({
      ok: false,
      error: 'bad_signature',
    });
  });

  it.each([
    [
      'with a space after a colon',
      (doc: OutcomeDocument) => canonicalJson(doc).replace('"game":', '"game": '),
    ],
    ['pretty-printed', (doc: OutcomeDocument) => JSON.stringify(JSON.parse(canonicalJson(doc)), null, 2)],
    ['with keys in insertion order', (doc: OutcomeDocument) => JSON.stringify(doc)],
    [
      'with a number written as 17.0',
      (doc: OutcomeDocument) => canonicalJson(doc).replace('"number":17', '"number":17.0'),
    ],
    [
      'with an escaped letter',
      (doc: OutcomeDocument) => canonicalJson(doc).replace('"riga"', '"\\u0072iga"'),
    ],
    [
      'with a duplicated key',
      (doc: OutcomeDocument) => canonicalJson(doc).replace('{"clock"', '{"studio":"x","clock"'),
    ],
    ['with a byte-order mark', (doc: OutcomeDocument) => `\uFEFF${canonicalJson(doc)}`],
  ])('a correctly signed payload %s is not_canonical', async (_name, serialise) => {
    const doc = rouletteOutcome();
    const text = serialise(doc);
    expect(text).not.toBe(canonicalJson(doc));
    const r = await verifyOutcome(await signRaw(utf8(text), store.current()), store.jwks());
    expect(r).toMatchObject({ ok: false, error: 'not_canonical' });
  });

  it('a correctly signed payload that is not UTF-8 or not JSON is not_canonical', async () => {
    const bad = [new Uint8Array([0x7b, 0xff, 0x7d]), utf8('{"a":')];
    for (const payload of bad) {
      const r = await verifyOutcome(await signRaw(payload, store.current()), store.jwks());
      expect(r).toMatchObject({ ok: false, error: 'not_canonical' });
    }
  });

  it('a canonical, correctly signed but invalid document fails with schema naming the field', async () => {
    const doc = { ...rouletteOutcome(), result: { number: 17, colour: 'red' } };
    const r = await verifyOutcome(await signRaw(utf8(canonicalJson(doc)), store.current()), store.jwks());
    expect(r).toMatchObject({ ok: false, error: 'schema', field: 'result.colour' });
  });

  it('a kid missing from the JWKS is unknown_kid', async () => {
    const other = await KeyStore.open(tempDir());
    const jws = await signOutcome(rouletteOutcome(), other.current());
    expect(await verifyOutcome(jws, store.jwks())).toMatchObject({
      ok: false,
      error: 'unknown_kid',
      kid: other.current().kid,
    });
  });

  it('a signature by another key under our kid is bad_signature', async () => {
    const other = await KeyStore.open(tempDir());
    const jws = await signOutcome(rouletteOutcome(), {
      kid: store.current().kid,
      privateKey: other.current().privateKey,
    });
    expect(await verifyOutcome(jws, store.jwks())).toMatchObject({ ok: false, error: 'bad_signature' });
  });

  it.each([
    ['not a JWS', async () => 'hello'],
    [
      'alg none',
      async () => `${base64url.encode('{"alg":"none","typ":"studio-desk-outcome+jws","kid":"k"}')}.e30.`,
    ],
    ['another typ', async () => signRaw(canonicalBytes(rouletteOutcome()), store.current(), { typ: 'JWT' })],
    ['no kid', async () => signRaw(canonicalBytes(rouletteOutcome()), store.current(), { kid: undefined })],
  ])('%s is malformed', async (_name, make) => {
    expect(await verifyOutcome(await make(), store.jwks())).toMatchObject({ ok: false, error: 'malformed' });
  });

  it('after rotation an outcome signed by the old key still verifies with the JWKS', async () => {
    const rotating = await KeyStore.open(tempDir());
    const oldKid = rotating.current().kid;
    const before = await signOutcome(rouletteOutcome(), rotating.current());
    await rotating.rotate();
    const after = await signOutcome(rouletteOutcome(2, 'c'.repeat(64)), rotating.current());
    const jwks = rotating.jwks();
    expect(await verifyOutcome(before, jwks)).toMatchObject({ ok: true, kid: oldKid });
    expect(await verifyOutcome(after, jwks)).toMatchObject({ ok: true, kid: rotating.current().kid });
    // A receiver that fetched the JWKS before the rotation does not know the new key yet.
    expect(await verifyOutcome(after, { keys: jwks.keys.slice(1) })).toMatchObject({ error: 'unknown_kid' });
  });

  it('checks the chain link when the previous hash is given', async () => {
    const [first, second] = chainOf(2) as [OutcomeDocument, OutcomeDocument];
    const jws1 = await signOutcome(first, store.current());
    const jws2 = await signOutcome(second, store.current());
    expect(await verifyOutcome(jws1, store.jwks(), { previousHash: GENESIS_OUTCOME_HASH })).toMatchObject({
      ok: true,
    });
    expect(await verifyOutcome(jws2, store.jwks(), { previousHash: outcomeHash(first) })).toMatchObject({
      ok: true,
    });
    expect(await verifyOutcome(jws2, store.jwks(), { previousHash: GENESIS_OUTCOME_HASH })).toEqual({
      ok: false,
      error: 'chain',
      kid: store.current().kid,
      expected: GENESIS_OUTCOME_HASH,
      actual: outcomeHash(first),
      message: expect.stringContaining('roulette-1-2'),
    });
  });
});

afterAll(cleanupTempDirs);
