/**
 * Signing and verifying outcome documents as compact JWS (RFC 7515) with Ed25519 (`alg: EdDSA`).
 *
 * The payload is the canonical bytes of the document (RFC 8785), so what is signed, hashed, chained
 * and stored is one byte sequence. A verifier checks, in this order, and names the first failure:
 *
 *   malformed      not a compact JWS, or its protected header is not ours (alg, typ, kid)
 *   unknown_kid    no key of the JWKS has the header's kid
 *   bad_signature  the signature does not verify with that key
 *   not_canonical  the payload is not exactly the JCS of the JSON it contains
 *   schema         the document is not a valid outcome document (with the field)
 *   chain          previousOutcomeHash is not the hash the caller expected
 *
 * `verifyOutcome` (jose) is the verifier of record (`studio-desk outcome verify`, log verify).
 * `verifyOutcomeSync` is the same checks in the same order with the signature checked by
 * `node:crypto` (the same OpenSSL Ed25519 that WebCrypto uses) and no promises: the reference
 * receiver's hot path. `tests/outcomes/sign-sync-verify.test.ts` pins that both accept and refuse
 * the same tokens with the same error.
 */
import { createPublicKey, verify as edVerify, type KeyObject } from 'node:crypto';
import {
  CompactSign,
  compactVerify,
  decodeProtectedHeader,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { canonicalJson } from '../journal/canonical-json';
import { canonicalBytes, parseOutcome, type OutcomeDocument } from './document';
import { OUTCOME_ALG, type SigningKey } from './keys';

export const OUTCOME_JWS_TYPE = 'studio-desk-outcome+jws';

export class OutcomeSignError extends Error {
  override name = 'OutcomeSignError';
}

/** Signs a valid outcome document; refuses an invalid one (the desk must never sign it). */
export async function signOutcome(doc: OutcomeDocument, key: SigningKey): Promise<string> {
  const parsed = parseOutcome(doc);
  if (!parsed.ok)
    throw new OutcomeSignError(`not a valid outcome document: ${parsed.field}: ${parsed.message}`);
  return new CompactSign(canonicalBytes(doc))
    .setProtectedHeader({ alg: OUTCOME_ALG, kid: key.kid, typ: OUTCOME_JWS_TYPE })
    .sign(key.privateKey);
}

export type VerifyFailure =
  | { ok: false; error: 'malformed'; message: string }
  | { ok: false; error: 'unknown_kid'; kid: string; message: string }
  | { ok: false; error: 'bad_signature'; kid: string; message: string }
  | { ok: false; error: 'not_canonical'; kid: string; message: string }
  | { ok: false; error: 'schema'; kid: string; field: string; message: string }
  | { ok: false; error: 'chain'; kid: string; expected: string; actual: string; message: string };

export type VerifyResult = { ok: true; doc: OutcomeDocument; kid: string } | VerifyFailure;

export type VerifyError = VerifyFailure['error'];

export interface VerifyOutcomeOptions {
  /** The hash of the table's previous outcome (64 zeros for the first): checks the chain link. */
  previousHash?: string;
}

/**
 * The checks both verifiers make before the signature, in order: compact form, the protected header
 * (by jose's `decodeProtectedHeader`: alg EdDSA, our typ, no crit, a kid), and the kid's key in the JWKS.
 */
function outcomeKey(
  token: string,
  jwks: JSONWebKeySet,
): { ok: true; kid: string; jwk: JSONWebKeySet['keys'][number] } | VerifyFailure {
  const parts = token.split('.');
  if (parts.length !== 3) return malformed('not a compact JWS (three base64url parts separated by dots)');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (e) {
    return malformed(`protected header: ${(e as Error).message}`);
  }
  if (header.alg !== OUTCOME_ALG) return malformed(`alg is ${JSON.stringify(header.alg)}, not "EdDSA"`);
  if (header.typ !== OUTCOME_JWS_TYPE)
    return malformed(`typ is ${JSON.stringify(header.typ)}, not "${OUTCOME_JWS_TYPE}"`);
  if (header.crit !== undefined) return malformed('crit header parameters are not supported');
  const kid = header.kid;
  if (typeof kid !== 'string' || kid === '') return malformed('the protected header has no kid');
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk) return { ok: false, error: 'unknown_kid', kid, message: `no key with kid ${kid} in the JWKS` };
  return { ok: true, kid, jwk };
}

export async function verifyOutcome(
  jws: string,
  jwks: JSONWebKeySet,
  options: VerifyOutcomeOptions = {},
): Promise<VerifyResult> {
  const found = outcomeKey(jws.trim(), jwks);
  if (!found.ok) return found;
  const { kid, jwk } = found;
  let key: CryptoKey;
  try {
    key = await importPublic(jwk);
  } catch (e) {
    return {
      ok: false,
      error: 'unknown_kid',
      kid,
      message: `key ${kid} is unusable: ${(e as Error).message}`,
    };
  }

  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws.trim(), key, { algorithms: [OUTCOME_ALG] }));
  } catch (e) {
    return { ok: false, error: 'bad_signature', kid, message: (e as Error).message };
  }

  return checkDocument(payload, kid, options);
}

/** After the signature: canonical form, schema, chain link (the same for both verifiers). */
function checkDocument(payload: Uint8Array, kid: string, options: VerifyOutcomeOptions): VerifyResult {
  const canonical = checkCanonical(payload);
  if (!canonical.ok) return { ok: false, error: 'not_canonical', kid, message: canonical.message };

  const parsed = parseOutcome(canonical.value);
  if (!parsed.ok)
    return {
      ok: false,
      error: 'schema',
      kid,
      field: parsed.field,
      message: `${parsed.field}: ${parsed.message}`,
    };

  const { previousHash } = options;
  if (previousHash !== undefined && parsed.doc.previousOutcomeHash !== previousHash)
    return {
      ok: false,
      error: 'chain',
      kid,
      expected: previousHash,
      actual: parsed.doc.previousOutcomeHash,
      message: `outcome ${parsed.doc.outcomeId} links to ${parsed.doc.previousOutcomeHash}, expected ${previousHash}`,
    };
  return { ok: true, doc: parsed.doc, kid };
}

/**
 * The checks of `verifyOutcome`, in the same order with the same errors, synchronously: the protected
 * header by jose's own `decodeProtectedHeader`, then the compact form as jose's `compactVerify`
 * takes it (three parts, unpadded base64url, alg EdDSA), the Ed25519 signature over the ASCII
 * signing input by `node:crypto` (OpenSSL, as WebCrypto), then canonical form, schema and chain.
 */
export function verifyOutcomeSync(
  jws: string,
  jwks: JSONWebKeySet,
  options: VerifyOutcomeOptions = {},
): VerifyResult {
  const token = jws.trim();
  const found = outcomeKey(token, jwks);
  if (!found.ok) return found;
  const { kid, jwk } = found;
  let key: KeyObject;
  try {
    key = publicKeyObject(jwk);
  } catch (e) {
    return {
      ok: false,
      error: 'unknown_kid',
      kid,
      message: `key ${kid} is unusable: ${(e as Error).message}`,
    };
  }
  const payload = verifyCompactEd25519(token.split('.') as [string, string, string], key);
  if (typeof payload === 'string') return { ok: false, error: 'bad_signature', kid, message: payload };
  return checkDocument(payload, kid, options);
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Strict unpadded base64url (what jose's decoder takes, never silently skipping a character). */
function decodeBase64urlStrict(part: string): Buffer | undefined {
  if (!BASE64URL.test(part) || part.length % 4 === 1) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}

/**
 * The signature of `header.payload.signature` (header already checked) with an Ed25519 key: the
 * payload bytes, or why not (jose's messages).
 */
export function verifyCompactEd25519(
  [protectedHeader, payload, signature]: [string, string, string],
  key: KeyObject,
): Uint8Array | string {
  const sig = decodeBase64urlStrict(signature);
  if (sig === undefined) return 'Failed to base64url decode the signature';
  const bytes = decodeBase64urlStrict(payload);
  if (bytes === undefined || !BASE64URL.test(protectedHeader))
    return 'Failed to base64url decode the payload';
  let ok = false;
  try {
    ok = edVerify(null, Buffer.from(`${protectedHeader}.${payload}`, 'ascii'), key, sig);
  } catch {
    ok = false;
  }
  return ok
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : 'signature verification failed';
}

/** Public keys as node:crypto key objects, by x, with the checks of `importPublic`. */
const keyObjects = new Map<string, KeyObject>();

export function publicKeyObject(jwk: JWK): KeyObject {
  checkPublicJwk(jwk);
  const x = String(jwk.x);
  const cached = keyObjects.get(x);
  if (cached) return cached;
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  if (keyObjects.size > 64) keyObjects.clear();
  keyObjects.set(x, key);
  return key;
}

function checkPublicJwk(jwk: JWK): void {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new Error('not an Ed25519 key');
  if (jwk.use !== undefined && jwk.use !== 'sig') throw new Error(`use is ${jwk.use}, not sig`);
  if (jwk.alg !== undefined && jwk.alg !== OUTCOME_ALG) throw new Error(`alg is ${jwk.alg}, not EdDSA`);
  if (jwk.d !== undefined) throw new Error('the JWKS holds a private key: publish public keys only');
  if (typeof jwk.x !== 'string') throw new Error('the key has no x');
}

function malformed(message: string): VerifyFailure {
  return { ok: false, error: 'malformed', message };
}

/** Imported public keys by their x: a receiver verifies thousands of outcomes with one key. */
const imported = new Map<string, CryptoKey>();

export async function importPublic(jwk: JWK): Promise<CryptoKey> {
  const cached = typeof jwk.x === 'string' && jwk.d === undefined ? imported.get(jwk.x) : undefined;
  if (
    cached &&
    jwk.kty === 'OKP' &&
    jwk.crv === 'Ed25519' &&
    (jwk.use ?? 'sig') === 'sig' &&
    (jwk.alg ?? OUTCOME_ALG) === OUTCOME_ALG
  )
    return cached;
  const key = await importPublicUncached(jwk);
  if (imported.size > 64) imported.clear();
  imported.set(String(jwk.x), key);
  return key;
}

async function importPublicUncached(jwk: JWK): Promise<CryptoKey> {
  checkPublicJwk(jwk);
  return (await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, OUTCOME_ALG)) as CryptoKey;
}

/** The payload must be UTF-8 JSON whose JCS is byte for byte the payload itself. */
function checkCanonical(payload: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(payload);
  } catch {
    return { ok: false, message: 'the payload is not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `the payload is not JSON: ${(e as Error).message}` };
  }
  let jcs: string;
  try {
    jcs = canonicalJson(value);
  } catch (e) {
    return { ok: false, message: `the payload is not I-JSON: ${(e as Error).message}` };
  }
  if (jcs !== text) {
    let i = 0;
    while (i < jcs.length && jcs[i] === text[i]) i++;
    return {
      ok: false,
      message: `the payload is not in RFC 8785 canonical form (first difference at character ${i})`,
    };
  }
  return { ok: true, value };
}
