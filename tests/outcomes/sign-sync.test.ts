/** The synchronous signer makes exactly jose's JWS (Ed25519 is deterministic), and jose verifies it. */
import { afterEach, describe, expect, it } from 'vitest';
import type { OutcomeDocument } from '../../engine/outcomes/document';
import { KeyStore } from '../../engine/outcomes/keys';
import { signOutcome, verifyOutcome } from '../../engine/outcomes/sign';
import { signOutcomeSync } from '../../engine/outcomes/sign-sync';
import { baccaratOutcome, cleanupTempDirs, rouletteOutcome, tempDir } from './outcome-fixtures';

afterEach(cleanupTempDirs);

describe('synchronous outcome signing', () => {
  it('gives byte for byte the JWS jose CompactSign gives, for roulette and baccarat', async () => {
    const keys = await KeyStore.open(tempDir());
    for (const doc of [rouletteOutcome(), baccaratOutcome()]) {
      const sync = signOutcomeSync(doc, keys.signer());
      expect(sync).toBe(await signOutcome(doc, keys.current()));
      const v = await verifyOutcome(sync, keys.jwks());
      expect(v.ok && v.doc).toEqual(doc);
    }
  });

  it('refuses an invalid document, naming the field', async () => {
    const keys = await KeyStore.open(tempDir());
    const bad = { ...rouletteOutcome(), result: { number: 17, colour: 'red' } } as OutcomeDocument;
    expect(() => signOutcomeSync(bad, keys.signer())).toThrow(/result.colour/);
  });

  it('signs with the new key after a rotation, and the old outcome still verifies', async () => {
    const keys = await KeyStore.open(tempDir());
    const before = signOutcomeSync(rouletteOutcome(), keys.signer());
    await keys.rotate();
    const after = signOutcomeSync(rouletteOutcome(), keys.signer());
    const [a, b] = [await verifyOutcome(before, keys.jwks()), await verifyOutcome(after, keys.jwks())];
    expect(a.ok && b.ok && a.kid !== b.kid).toBe(true);
  });
});
