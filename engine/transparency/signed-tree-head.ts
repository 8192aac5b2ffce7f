/**
 * Signed tree heads: a tree head's canonical bytes (tree-head.ts) as the payload of a compact JWS
 * with the desk's Ed25519 key, `typ: studio-desk-tree-head+jws`. The desk signs one after every
 * outcome, in the same transaction; a regulator who kept any two can ask for a consistency proof
 * between them and prove that nothing was removed or changed in between.
 */
import { compactVerify, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { importPublic, publicKeyObject, verifyCompactEd25519 } from '../outcomes/sign';
import { OUTCOME_ALG, type SyncSigner } from '../outcomes/keys';
import { signCompactSync } from '../outcomes/sign-sync';
import { decodeTreeHead, treeHeadBytes, type TreeHead } from './tree-head';

export const TREE_HEAD_JWS_TYPE = 'studio-desk-tree-head+jws';

export function signTreeHeadSync(head: TreeHead, signer: SyncSigner): string {
  return signCompactSync(treeHeadBytes(head), signer, TREE_HEAD_JWS_TYPE);
}

export type TreeHeadVerify = { ok: true; head: TreeHead; kid: string } | { ok: false; message: string };

/** The checks both verifiers make before the signature: the header (alg, typ) and the kid's key. */
function treeHeadKey(
  jws: string,
  jwks: JSONWebKeySet,
):
  | { ok: true; header: ReturnType<typeof decodeProtectedHeader>; jwk: JSONWebKeySet['keys'][number] }
  | { ok: false; message: string } {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch (e) {
    return { ok: false, message: `tree head: ${(e as Error).message}` };
  }
  if (header.alg !== OUTCOME_ALG || header.typ !== TREE_HEAD_JWS_TYPE)
    return { ok: false, message: `tree head: header is not alg EdDSA, typ ${TREE_HEAD_JWS_TYPE}` };
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) return { ok: false, message: `tree head: no key with kid ${String(header.kid)} in the JWKS` };
  return { ok: true, header, jwk };
}

/** Checks the signature (a key of the JWKS), the type and that the payload is a canonical tree head. */
export async function verifyTreeHead(jws: string, jwks: JSONWebKeySet): Promise<TreeHeadVerify> {
  const found = treeHeadKey(jws, jwks);
  if (!found.ok) return found;
  const { header, jwk } = found;
  try {
    const key = await importPublic(jwk);
    const { payload } = await compactVerify(jws, key, { algorithms: [OUTCOME_ALG] });
    return { ok: true, head: decodeTreeHead(payload), kid: String(header.kid) };
  } catch (e) {
    return { ok: false, message: `tree head: ${(e as Error).message}` };
  }
}

/** `verifyTreeHead` synchronously, the signature by node:crypto (see `verifyOutcomeSync`). */
export function verifyTreeHeadSync(jws: string, jwks: JSONWebKeySet): TreeHeadVerify {
  const found = treeHeadKey(jws, jwks);
  if (!found.ok) return found;
  const { header, jwk } = found;
  if (header.crit !== undefined)
    return { ok: false, message: 'tree head: crit header parameters are not supported' };
  const parts = jws.split('.');
  if (parts.length !== 3) return { ok: false, message: 'tree head: Invalid Compact JWS' };
  try {
    const payload = verifyCompactEd25519(parts as [string, string, string], publicKeyObject(jwk));
    if (typeof payload === 'string') return { ok: false, message: `tree head: ${payload}` };
    return { ok: true, head: decodeTreeHead(payload), kid: String(header.kid) };
  } catch (e) {
    return { ok: false, message: `tree head: ${(e as Error).message}` };
  }
}
