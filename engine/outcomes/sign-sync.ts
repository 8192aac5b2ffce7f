/**
 * Compact JWS (RFC 7515) with Ed25519, signed synchronously, for writes that happen inside the
 * journal's transaction (outcomes, tree heads). The bytes are the ones jose's `CompactSign` makes for
 * the same header and key; jose verifies them in `studio-desk outcome verify` and `log verify`
 * (`sign.ts`, `signed-tree-head.ts`), the receiver with the same checks synchronously (`verifyOutcomeSync`).
 */
import { parseOutcome, canonicalBytes, type OutcomeDocument } from './document';
import { OUTCOME_ALG, type SyncSigner } from './keys';
import { OutcomeSignError, OUTCOME_JWS_TYPE } from './sign';

export function base64url(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64url');
}

/** `header.payload.signature` with the protected header {alg: EdDSA, kid, typ}. */
export function signCompactSync(payload: Uint8Array, signer: SyncSigner, typ: string): string {
  const header = base64url(JSON.stringify({ alg: OUTCOME_ALG, kid: signer.kid, typ }));
  const input = `${header}.${base64url(payload)}`;
  return `${input}.${base64url(signer.sign(Buffer.from(input, 'ascii')))}`;
}

/** Signs a valid outcome document; refuses an invalid one, naming the field. */
export function signOutcomeSync(doc: OutcomeDocument, signer: SyncSigner): string {
  const parsed = parseOutcome(doc);
  if (!parsed.ok)
    throw new OutcomeSignError(`not a valid outcome document: ${parsed.field}: ${parsed.message}`);
  return signCompactSync(canonicalBytes(doc), signer, OUTCOME_JWS_TYPE);
}
