/**
 * The private signing key sealed at rest by an injected KeyWrap (the Electron app's is safeStorage,
 * main/key-wrap.ts). A test wrap (AES-256-GCM with a test key) stands in for the OS keychain.
 */
import { createCipheriv, createDecipheriv, createPublicKey, randomBytes, verify } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyStore, KeyStoreError, type KeyWrap } from '../../engine/outcomes/keys';
import { safeStorageKeyWrap, type SafeStorageLike } from '../../main/key-wrap';
import { cleanupTempDirs, tempDir } from './outcome-fixtures';

afterEach(cleanupTempDirs);

const posix = process.platform !== 'win32';

/** AES-256-GCM: iv(12) || tag(16) || ciphertext. Records what it was asked to seal. */
function aesWrap(key = randomBytes(32), name = 'test-aes'): KeyWrap & { plains: Buffer[] } {
  const plains: Buffer[] = [];
  return {
    name,
    plains,
    wrap(plain) {
      plains.push(Buffer.from(plain));
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    unwrap(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
    },
  };
}

const privateFile = (store: KeyStore) => join(store.dir, `${store.current().kid}.private.jwk`);

function expectSignsVerifiably(store: KeyStore): void {
  const data = Buffer.from('outcome bytes');
  const signature = store.signer().sign(data);
  const jwk = store.jwks().keys[0]!;
  const pub = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
  expect(jwk.kid).toBe(store.current().kid);
  expect(verify(null, data, pub, signature)).toBe(true);
}

describe('KeyStore with a KeyWrap', () => {
  it('the file on disk holds neither the raw private key nor its JWK; it loads back and signs', async () => {
    const dir = join(tempDir(), 'keys');
    const wrap = aesWrap();
    const store = await KeyStore.open(dir, { wrap });
    expect(wrap.plains).toHaveLength(1);
    const { d } = JSON.parse(wrap.plains[0]!.toString('utf8')) as { d: string };
    const raw = Buffer.from(d, 'base64url');
    expect(raw).toHaveLength(32);
    const onDisk = readFileSync(privateFile(store));
    for (const needle of [raw, Buffer.from(d), Buffer.from(raw.toString('base64')), Buffer.from('"kty"')])
      expect(onDisk.includes(needle)).toBe(false);
    expect(JSON.parse(onDisk.toString('utf8'))).toEqual({
      protection: 'test-aes',
      sealed: expect.any(String),
    });
    if (posix) expect(statSync(privateFile(store)).mode & 0o777).toBe(0o600);

    const again = await KeyStore.open(dir, { wrap });
    expect(again.current().kid).toBe(store.current().kid);
    expect(again.migrated).toEqual([]);
    expectSignsVerifiably(again);
    expect(again.jwks()).toEqual(store.jwks()); // the JWKS is the same public keys as without a wrap
  });

  it('a rotated key is sealed too; old public keys stay in the JWKS', async () => {
    const wrap = aesWrap();
    const store = await KeyStore.open(tempDir(), { wrap });
    const old = store.current().kid;
    await store.rotate();
    expect(JSON.parse(readFileSync(privateFile(store), 'utf8'))).toHaveProperty('protection', 'test-aes');
    const again = await KeyStore.open(store.dir, { wrap });
    expect(again.jwks().keys.map((k) => k.kid)).toEqual([store.current().kid, old]);
    expectSignsVerifiably(again);
  });

  it('a wrong key or a failing unwrap is a clear error, never a fallback', async () => {
    const store = await KeyStore.open(tempDir(), { wrap: aesWrap() });
    await expect(KeyStore.open(store.dir, { wrap: aesWrap() })).rejects.toThrow(
      /cannot be unsealed with test-aes: Unsupported state or unable to authenticate data/,
    );
    const failing: KeyWrap = {
      name: 'test-aes',
      wrap: () => Buffer.alloc(0),
      unwrap: () => {
        throw new Error('keychain locked');
      },
    };
    await expect(KeyStore.open(store.dir, { wrap: failing })).rejects.toThrow(
      /cannot be unsealed with test-aes: keychain locked/,
    );
    const garbage: KeyWrap = { name: 'test-aes', wrap: (b) => b, unwrap: () => Buffer.from('not json') };
    await expect(KeyStore.open(store.dir, { wrap: garbage })).rejects.toThrow(/did not give a JWK/);
    const otherKey: KeyWrap = {
      name: 'test-aes',
      wrap: (b) => b,
      unwrap: () => Buffer.from(JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'AAAA' })),
    };
    await expect(KeyStore.open(store.dir, { wrap: otherKey })).rejects.toThrow(/does not belong to kid/);
  });

  it('the public keys of a sealed store are readable without its protection (keys export/list)', async () => {
    const store = await KeyStore.open(tempDir(), { wrap: aesWrap() });
    const pub = await KeyStore.readPublic(store.dir);
    expect(pub.jwks()).toEqual(store.jwks());
    expect(pub.list()).toEqual(store.list());
  });

  it('a sealed key is never read as plain: no wrap, or a wrap of another name, refuses to open', async () => {
    const store = await KeyStore.open(tempDir(), { wrap: aesWrap() });
    const refused = KeyStore.open(store.dir);
    await expect(refused).rejects.toBeInstanceOf(KeyStoreError);
    await expect(KeyStore.open(store.dir)).rejects.toThrow(
      /is sealed with test-aes, and this process has no test-aes .*never read as a plain key/,
    );
    await expect(KeyStore.open(store.dir, { wrap: aesWrap(undefined, 'safeStorage') })).rejects.toThrow(
      /is sealed with test-aes, not with safeStorage/,
    );
  });

  it('a plain key file on a desk configured with a wrap is sealed in place (same kid) and reported', async () => {
    const plain = await KeyStore.open(tempDir());
    const kid = plain.current().kid;
    const before = JSON.parse(readFileSync(privateFile(plain), 'utf8')) as { d: string };
    const wrap = aesWrap();
    const sealed = await KeyStore.open(plain.dir, { wrap });
    expect(sealed.current().kid).toBe(kid);
    expect(sealed.migrated).toEqual([kid]);
    const onDisk = readFileSync(privateFile(sealed));
    expect(onDisk.includes(Buffer.from(before.d))).toBe(false);
    expect(JSON.parse(onDisk.toString('utf8'))).toHaveProperty('protection', 'test-aes');
    if (posix) expect(statSync(privateFile(sealed)).mode & 0o777).toBe(0o600);
    const again = await KeyStore.open(plain.dir, { wrap });
    expect(again.migrated).toEqual([]);
    expectSignsVerifiably(again);
    await expect(KeyStore.open(plain.dir)).rejects.toThrow(/sealed with test-aes/);
  });

  it('a wrap that cannot seal stops the first start (no plain key is written instead)', async () => {
    const dir = join(tempDir(), 'keys');
    const broken: KeyWrap = {
      name: 'safeStorage',
      wrap: () => {
        throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
      },
      unwrap: (b) => b,
    };
    await expect(KeyStore.open(dir, { wrap: broken })).rejects.toThrow(
      /cannot seal the private key with safeStorage/,
    );
  });

  it('a corrupt envelope file is refused', async () => {
    const store = await KeyStore.open(tempDir(), { wrap: aesWrap() });
    writeFileSync(privateFile(store), '{"protection":"test-aes"', { mode: 0o600 });
    await expect(KeyStore.open(store.dir, { wrap: aesWrap() })).rejects.toThrow(/is not a JWK/);
  });
});

describe('safeStorageKeyWrap (main/key-wrap.ts)', () => {
  const fake = (available: boolean, backend = 'gnome_libsecret'): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => Buffer.from(Buffer.from(s).toString('base64').split('').reverse().join('')),
    decryptString: (b) => Buffer.from(b.toString().split('').reverse().join(''), 'base64').toString(),
  });

  it('wraps with safeStorage where it is available, round trip through a key store', async () => {
    const result = safeStorageKeyWrap(fake(true), 'linux');
    expect(result.wrap?.name).toBe('safeStorage');
    const store = await KeyStore.open(tempDir(), { wrap: result.wrap });
    expect(JSON.parse(readFileSync(privateFile(store), 'utf8'))).toHaveProperty('protection', 'safeStorage');
    expectSignsVerifiably(await KeyStore.open(store.dir, { wrap: result.wrap }));
  });

  it('no keychain, or Linux basic_text: no wrap, with the reason', () => {
    expect(safeStorageKeyWrap(fake(false), 'darwin')).toEqual({
      reason: expect.stringMatching(/no encryption available/),
    });
    expect(safeStorageKeyWrap(fake(true, 'basic_text'), 'linux')).toEqual({
      reason: expect.stringMatching(/backend on Linux is basic_text/),
    });
    expect(safeStorageKeyWrap(fake(true, 'basic_text'), 'win32').wrap?.name).toBe('safeStorage');
  });
});
