/**
 * The receiver's synchronous verifiers (node:crypto) against the verifiers of record (jose): for
 * outcomes and signed tree heads, valid, tampered-payload, tampered-signature, wrong-kid and
 * wrong-alg tokens, and every single-character change of a real token, both give the same answer;
 * the one difference is that the sync verifier takes only unpadded base64url (what the desk
 * writes), where jose's decoder also skips whitespace or padding in the signature and ignores unused
 * bits of its last character: it is never laxer than jose.
 */
import fc from 'fast-check';
import { CompactSign } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../engine/outcomes/document';
import { KeyStore } from '../../engine/outcomes/keys';
import { OUTCOME_JWS_TYPE, signOutcome, verifyOutcome, verifyOutcomeSync } from '../../engine/outcomes/sign';
import {
  TREE_HEAD_JWS_TYPE,
  verifyTreeHead,
  verifyTreeHeadSync,
} from '../../engine/transparency/signed-tree-head';
import { treeHeadBytes } from '../../engine/transparency/tree-head';
import { cleanupTempDirs, rouletteOutcome, tempDir } from './outcome-fixtures';

let store: KeyStore;
let other: KeyStore;
let outcomeJws: string;
let headJws: string;

const HEAD = { treeSize: 3, rootHash: 'ab'.repeat(32), timestamp: Date.UTC(2025, 5, 1) };

beforeAll(async () => {
  store = await KeyStore.open(tempDir());
  other = await KeyStore.open(tempDir());
  outcomeJws = await signOutcome(rouletteOutcome(), store.current());
  headJws = await new CompactSign(treeHeadBytes(HEAD))
    .setProtectedHeader({ alg: 'EdDSA', kid: store.current().kid, typ: TREE_HEAD_JWS_TYPE })
    .sign(store.current().privateKey);
});
afterAll(() => cleanupTempDirs());

/** Three parts, each canonical unpadded base64url (no unused bits set): what the sync verifiers take. */
const strictBase64url = (jws: string) => {
  const parts = jws.trim().split('.');
  return (
    parts.length === 3 &&
    parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p) && Buffer.from(p, 'base64url').toString('base64url') === p)
  );
};

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** The token with its payload replaced (signature kept): a tampered payload. */
function withPayload(jws: string, change: (text: string) => string): string {
  const [h, p, s] = jws.split('.') as [string, string, string];
  return `${h}.${b64(change(Buffer.from(p, 'base64url').toString('utf8')))}.${s}`;
}

function withSignatureByte(jws: string, i: number): string {
  const [h, p, s] = jws.split('.') as [string, string, string];
  const sig = Buffer.from(s, 'base64url');
  sig[i % sig.length]! ^= 0x01;
  return `${h}.${p}.${sig.toString('base64url')}`;
}

async function bothOutcome(jws: string) {
  const [jose, sync] = [await verifyOutcome(jws, store.jwks()), verifyOutcomeSync(jws, store.jwks())];
  expect(sync).toEqual(jose);
  return sync;
}

async function bothHead(jws: string) {
  const [jose, sync] = [await verifyTreeHead(jws, store.jwks()), verifyTreeHeadSync(jws, store.jwks())];
  expect(sync.ok).toBe(jose.ok);
  if (jose.ok && sync.ok) expect(sync).toEqual(jose);
  return sync;
}

describe('verifyOutcomeSync is verifyOutcome (jose)', () => {
  it('valid: both accept, with the same document and kid', async () => {
    expect(await bothOutcome(outcomeJws)).toMatchObject({ ok: true, kid: store.current().kid });
  });

  it('tampered payload and tampered signature: both bad_signature', async () => {
    expect(
      await bothOutcome(withPayload(outcomeJws, (t) => t.replace('"number":17', '"number":18'))),
    ).toMatchObject({ ok: false, error: 'bad_signature' });
    for (const i of [0, 31, 63])
      expect(await bothOutcome(withSignatureByte(outcomeJws, i))).toMatchObject({
        ok: false,
        error: 'bad_signature',
      });
  });

  it('wrong kid (another desk) and another key under our kid: unknown_kid, bad_signature', async () => {
    const foreign = await signOutcome(rouletteOutcome(), other.current());
    expect(await bothOutcome(foreign)).toMatchObject({ ok: false, error: 'unknown_kid' });
    const impostor = await signOutcome(rouletteOutcome(), {
      kid: store.current().kid,
      privateKey: other.current().privateKey,
    });
    expect(await bothOutcome(impostor)).toMatchObject({ ok: false, error: 'bad_signature' });
  });

  it('wrong alg (none, HS256, ES256 headers) and crit: both malformed', async () => {
    const [, p, s] = outcomeJws.split('.') as [string, string, string];
    for (const alg of ['none', 'HS256', 'ES256', 'eddsa']) {
      const h = b64(JSON.stringify({ alg, kid: store.current().kid, typ: OUTCOME_JWS_TYPE }));
      expect(await bothOutcome(`${h}.${p}.${s}`)).toMatchObject({ ok: false, error: 'malformed' });
    }
    const crit = await new CompactSign(canonicalBytes(rouletteOutcome()))
      .setProtectedHeader({
        alg: 'EdDSA',
        kid: store.current().kid,
        typ: OUTCOME_JWS_TYPE,
        crit: ['b64'],
        b64: true,
      })
      .sign(store.current().privateKey);
    expect(await bothOutcome(crit)).toMatchObject({ ok: false, error: 'malformed' });
  });

  it('any one character of the token changed, dropped or added: the same verdict', async () => {
    const alphabet = 'AQgw_-=.+/ ';
    await fc.assert(
      fc.asyncProperty(
        fc.nat(outcomeJws.length - 1),
        fc.constantFrom(...alphabet.split('')),
        fc.constantFrom('replace', 'drop', 'insert'),
        async (i, c, how) => {
          const jws =
            how === 'replace'
              ? outcomeJws.slice(0, i) + c + outcomeJws.slice(i + 1)
              : how === 'drop'
                ? outcomeJws.slice(0, i) + outcomeJws.slice(i + 1)
                : outcomeJws.slice(0, i) + c + outcomeJws.slice(i);
          const jose = await verifyOutcome(jws, store.jwks());
          const sync = verifyOutcomeSync(jws, store.jwks());
          if (sync.ok) expect(jose).toEqual(sync);
          if (strictBase64url(jws)) expect(sync.ok).toBe(jose.ok);
          if (!jose.ok && !sync.ok && jose.error !== 'bad_signature') expect(sync.error).toBe(jose.error);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('verifyTreeHeadSync is verifyTreeHead (jose)', () => {
  it('valid: both accept the same head', async () => {
    expect(await bothHead(headJws)).toMatchObject({ ok: true, head: HEAD });
  });

  it('tampered payload, tampered signature, wrong kid, wrong alg: both refuse', async () => {
    expect(
      (await bothHead(withPayload(headJws, (t) => t.replace('"tree_size":3', '"tree_size":4')))).ok,
    ).toBe(false);
    expect((await bothHead(withSignatureByte(headJws, 5))).ok).toBe(false);
    const foreign = await new CompactSign(treeHeadBytes(HEAD))
      .setProtectedHeader({ alg: 'EdDSA', kid: other.current().kid, typ: TREE_HEAD_JWS_TYPE })
      .sign(other.current().privateKey);
    expect((await bothHead(foreign)).ok).toBe(false);
    const [, p, s] = headJws.split('.') as [string, string, string];
    for (const alg of ['none', 'HS256'])
      expect(
        (
          await bothHead(
            `${b64(JSON.stringify({ alg, kid: store.current().kid, typ: TREE_HEAD_JWS_TYPE }))}.${p}.${s}`,
          )
        ).ok,
      ).toBe(false);
  });

  it('any one character of the token changed: the same verdict', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(headJws.length - 1),
        fc.constantFrom(...'AQgw_-=.+/ '.split('')),
        async (i, c) => {
          const jws = headJws.slice(0, i) + c + headJws.slice(i + 1);
          const [jose, sync] = [
            await verifyTreeHead(jws, store.jwks()),
            verifyTreeHeadSync(jws, store.jwks()),
          ];
          if (sync.ok) expect(jose.ok).toBe(true);
          if (strictBase64url(jws)) expect(sync.ok).toBe(jose.ok);
        },
      ),
      { numRuns: 300 },
    );
  });
});
