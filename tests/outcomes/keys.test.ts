import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyStore, KeyStoreError } from '../../engine/outcomes/keys';
import { cleanupTempDirs, tempDir } from './outcome-fixtures';

afterEach(cleanupTempDirs);

const posix = process.platform !== 'win32';

describe('KeyStore', () => {
  it('generates a key on first run and loads the same key on the next', async () => {
    const dir = join(tempDir(), 'keys');
    const first = await KeyStore.open(dir);
    const again = await KeyStore.open(dir);
    expect(again.current().kid).toBe(first.current().kid);
    expect(again.jwks()).toEqual(first.jwks());
  });

  it('kid is the RFC 7638 thumbprint of the public key; the JWKS holds only public parts', async () => {
    const store = await KeyStore.open(tempDir());
    const [jwk] = store.jwks().keys;
    expect(jwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.any(String),
      kid: store.current().kid,
      alg: 'EdDSA',
      use: 'sig',
    });
    expect(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk!.x })).toBe(jwk!.kid);
  });

  it('the private key in memory is not extractable', async () => {
    const store = await KeyStore.open(tempDir());
    expect(store.current().privateKey.extractable).toBe(false);
  });

  it.runIf(posix)('creates the directory 0700 and the private key file 0600', async () => {
    const dir = join(tempDir(), 'keys');
    const store = await KeyStore.open(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const file = join(dir, `${store.current().kid}.private.jwk`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      d: expect.any(String),
    });
  });

  it.runIf(posix)(
    'refuses a private key file readable by others (0644), naming the file and the fix',
    async () => {
      const dir = tempDir();
      const store = await KeyStore.open(dir);
      const file = join(dir, `${store.current().kid}.private.jwk`);
      chmodSync(file, 0o644);
      const opening = KeyStore.open(dir);
      await expect(opening).rejects.toThrow(KeyStoreError);
      await expect(KeyStore.open(dir)).rejects.toThrow(/permissions 0644 are broader than 0600.*chmod 600/);
      chmodSync(file, 0o600);
      await expect(KeyStore.open(dir)).resolves.toBeInstanceOf(KeyStore);
    },
  );

  it('refuses a private key file that does not match the kid the index names', async () => {
    const a = tempDir();
    const b = tempDir();
    const storeA = await KeyStore.open(a);
    const storeB = await KeyStore.open(b);
    const fileA = join(a, `${storeA.current().kid}.private.jwk`);
    const other = readFileSync(join(b, `${storeB.current().kid}.private.jwk`), 'utf8');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(fileA, other, { mode: 0o600 });
    await expect(KeyStore.open(a)).rejects.toThrow(/does not belong to kid/);
  });

  it('rotate makes a new current key, keeps old public keys (current first) and deletes the old private key', async () => {
    let t = Date.parse('2025-01-01T00:00:00.000Z');
    const dir = tempDir();
    const store = await KeyStore.open(dir, { now: () => new Date((t += 60_000)) });
    const k1 = store.current().kid;
    const k2 = (await store.rotate()).kid;
    const k3 = (await store.rotate()).kid;
    expect(new Set([k1, k2, k3]).size).toBe(3);
    expect(store.current().kid).toBe(k3);
    expect(store.jwks().keys.map((k) => k.kid)).toEqual([k3, k2, k1]);
    expect(store.list()).toEqual([
      { kid: k1, created: '2025-01-01T00:01:00.000Z', retired: '2025-01-01T00:02:00.000Z', current: false },
      { kid: k2, created: '2025-01-01T00:03:00.000Z', retired: '2025-01-01T00:04:00.000Z', current: false },
      { kid: k3, created: '2025-01-01T00:05:00.000Z', current: true },
    ]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.private.jwk'))).toEqual([`${k3}.private.jwk`]);
    const reopened = await KeyStore.open(dir);
    expect(reopened.current().kid).toBe(k3);
    expect(reopened.jwks()).toEqual(store.jwks());
  });
});
