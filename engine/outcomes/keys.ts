/**
 * The desk's Ed25519 signing keys (jose). One directory, owner-only:
 *
 *   dir/                  0700
 *     keys.json           index: every key's public JWK, kid, created and retired times; the current kid
 *     <kid>.private.jwk   0600, the private JWK of the current key only
 *
 * `kid` is the RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key, so anyone can recompute
 * it from the JWKS. On first run a key is generated. `rotate()` makes a new current key, marks the old
 * one retired, keeps its public half in the JWKS (outcomes signed with it still verify) and deletes
 * its private half (it will never sign again). Files are written to a temporary name, fsynced and
 * renamed, so a crash leaves the old or the new state, never half a file.
 *
 * A private key file readable or writable by group or others is refused, as is one owned by another
 * user (POSIX only: Windows has no mode bits; there the directory's ACL must be set by the installer).
 *
 * At rest the private JWK can be sealed by an injected `KeyWrap` (the Electron app passes safeStorage:
 * Keychain, DPAPI, libsecret; main/key-wrap.ts). The engine runs in plain Node and never imports
 * electron; without a wrap (headless, CLI) the file is the plain JWK, 0600. A sealed file is the JSON
 * envelope `{"protection": <wrap name>, "sealed": <base64>}` (still 0600), so the file says how it is
 * protected:
 *   - a sealed file is only ever opened by a wrap of the same name; without one, or with another, the
 *     store refuses to open (it is never read as plain);
 *   - an unwrap that fails, or yields something that is not this kid's key, is an error, never a
 *     fallback;
 *   - a plain file on a store opened with a wrap is sealed in place on open (atomic rewrite) and its
 *     kid listed in `migrated` (the desk logs it). New keys (first run, rotation) are sealed at once.
 * The private key never leaves the process that opened the store: `current()` hands out a
 * non-extractable CryptoKey.
 */
import { KeyObject, sign as cryptoSign } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { chmod, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { z } from 'zod';

export const OUTCOME_ALG = 'EdDSA';

export class KeyStoreError extends Error {
  override name = 'KeyStoreError';
}

export interface SigningKey {
  kid: string;
  /** Non-extractable Ed25519 private key. */
  privateKey: CryptoKey;
}

/**
 * Synchronous Ed25519 signing with the current key. The engine commits a round's final state in one
 * synchronous SQLite transaction, and the signed outcome must be written inside it, so the signature
 * cannot wait for a promise (WebCrypto's). Ed25519 is deterministic: these bytes are exactly what
 * jose's CompactSign produces with the same key (tests/outcomes/sign-sync.test.ts pins it).
 */
export interface SyncSigner {
  readonly kid: string;
  sign(data: Uint8Array): Uint8Array;
}

export interface PublicJwk extends JWK {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

const PublicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().min(1),
  kid: z.string().min(1),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});

const IndexSchema = z.object({
  current: z.string().min(1),
  keys: z.array(
    z.object({
      kid: z.string().min(1),
      created: z.string(),
      retired: z.string().optional(),
      publicJwk: PublicJwkSchema,
    }),
  ),
});
type KeyIndex = z.infer<typeof IndexSchema>;

/**
 * Protection of the private key file at rest. Synchronous (safeStorage is), and only used when the
 * store opens or makes a key: signing uses the key object in memory.
 */
export interface KeyWrap {
  /** Recorded in the sealed file (e.g. `safeStorage`); only a wrap of the same name opens it. */
  readonly name: string;
  wrap(plain: Buffer): Buffer;
  unwrap(sealed: Buffer): Buffer;
}

export interface KeyStoreOptions {
  /** Wall clock for created/retired times (tests inject one). */
  now?: () => Date;
  /** Seals the private key file; without it the file is the plain JWK (0600). */
  wrap?: KeyWrap;
}

const SealedSchema = z.object({ protection: z.string().min(1), sealed: z.string().min(1) });

const INDEX = 'keys.json';
const POSIX = process.platform !== 'win32';

export class KeyStore {
  private constructor(
    readonly dir: string,
    private index: KeyIndex,
    private signing: SigningKey,
    private readonly now: () => Date,
    private readonly wrap: KeyWrap | undefined,
    /** Kids whose plain private key file was sealed with the wrap when the store opened. */
    readonly migrated: readonly string[] = [],
  ) {}

  /** Opens the store in `dir`, creating the directory and a first key when there is none. */
  static async open(dir: string, options: KeyStoreOptions = {}): Promise<KeyStore> {
    const now = options.now ?? (() => new Date());
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const raw = await readFile(join(dir, INDEX), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    if (raw === undefined) {
      if (POSIX) await chmod(dir, 0o700);
      const { index, signing } = await addKey(dir, { current: '', keys: [] }, now(), options.wrap);
      return new KeyStore(dir, index, signing, now, options.wrap);
    }
    const index = parseIndex(dir, raw);
    const entry = index.keys.find((k) => k.kid === index.current);
    if (!entry) throw new KeyStoreError(`${join(dir, INDEX)}: current key ${index.current} is not listed`);
    const { signing, migrated } = await loadPrivateKey(dir, entry.kid, entry.publicJwk, options.wrap);
    return new KeyStore(dir, index, signing, now, options.wrap, migrated ? [entry.kid] : []);
  }

  /** The key that signs new outcomes. */
  current(): SigningKey {
    return this.signing;
  }

  /** The current key as a synchronous signer (the private key stays inside it). */
  signer(): SyncSigner {
    const { kid, privateKey } = this.signing;
    const keyObject = KeyObject.from(privateKey);
    return { kid, sign: (data) => new Uint8Array(cryptoSign(null, data, keyObject)) };
  }

  /** Makes a new current key; the old one stays in the JWKS (retired) and its private half is deleted. */
  async rotate(): Promise<SigningKey> {
    const at = this.now().toISOString();
    const old = this.signing.kid;
    const retiredIndex: KeyIndex = {
      current: this.index.current,
      keys: this.index.keys.map((k) =>
        k.kid === old && k.retired === undefined ? { ...k, retired: at } : k,
      ),
    };
    const { index, signing } = await addKey(this.dir, retiredIndex, this.now(), this.wrap);
    this.index = index;
    this.signing = signing;
    await rm(privatePath(this.dir, old), { force: true });
    return signing;
  }

  /** Every public key, the current one first, then the others newest first. */
  jwks(): JSONWebKeySet & { keys: PublicJwk[] } {
    return jwksOf(this.index);
  }

  /** created/retired times of every key (for `keys export` and the technician's view). */
  list(): readonly KeyListing[] {
    return listOf(this.index);
  }

  /**
   * The public keys and key times alone, without opening the private key (so `keys export`/`list`
   * work on a store sealed with a protection this process does not have, e.g. the app's safeStorage).
   */
  static async readPublic(
    dir: string,
  ): Promise<{ jwks(): JSONWebKeySet & { keys: PublicJwk[] }; list(): readonly KeyListing[] }> {
    const index = parseIndex(dir, await readFile(join(dir, INDEX), 'utf8'));
    return { jwks: () => jwksOf(index), list: () => listOf(index) };
  }
}

export interface KeyListing {
  kid: string;
  created: string;
  retired?: string;
  current: boolean;
}

function parseIndex(dir: string, raw: string): KeyIndex {
  try {
    return IndexSchema.parse(JSON.parse(raw));
  } catch (e) {
    throw new KeyStoreError(`${join(dir, INDEX)} is not a valid key index: ${(e as Error).message}`);
  }
}

function jwksOf(index: KeyIndex): JSONWebKeySet & { keys: PublicJwk[] } {
  const others = index.keys
    .filter((k) => k.kid !== index.current)
    .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
  const current = index.keys.filter((k) => k.kid === index.current);
  return { keys: [...current, ...others].map((k) => ({ ...k.publicJwk })) };
}

function listOf(index: KeyIndex): readonly KeyListing[] {
  return index.keys.map((k) => ({
    kid: k.kid,
    created: k.created,
    ...(k.retired !== undefined ? { retired: k.retired } : {}),
    current: k.kid === index.current,
  }));
}

function privatePath(dir: string, kid: string): string {
  return join(dir, `${kid}.private.jwk`);
}

async function publicJwkOf(jwk: JWK): Promise<PublicJwk> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    throw new KeyStoreError('not an Ed25519 key');
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'sha256');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
}

/** Generates a key, writes its private JWK (0600) and the index with it as current. */
async function addKey(
  dir: string,
  index: KeyIndex,
  created: Date,
  wrap: KeyWrap | undefined,
): Promise<{ index: KeyIndex; signing: SigningKey }> {
  const pair = await generateKeyPair(OUTCOME_ALG, { crv: 'Ed25519', extractable: true });
  const publicJwk = await publicJwkOf(await exportJWK(pair.publicKey));
  const privateJwk = { ...(await exportJWK(pair.privateKey)), kid: publicJwk.kid, alg: OUTCOME_ALG };
  await writeAtomic(privatePath(dir, publicJwk.kid), privateFileText(privateJwk, wrap), 0o600);
  const next: KeyIndex = {
    current: publicJwk.kid,
    keys: [...index.keys, { kid: publicJwk.kid, created: created.toISOString(), publicJwk }],
  };
  await writeAtomic(join(dir, INDEX), `${JSON.stringify(next, null, 2)}\n`, 0o600);
  const privateKey = (await importJWK(privateJwk, OUTCOME_ALG, { extractable: false })) as CryptoKey;
  return { index: next, signing: { kid: publicJwk.kid, privateKey } };
}

/** The private key file's text: the plain JWK, or the sealed envelope naming its protection. */
function privateFileText(jwk: JWK, wrap: KeyWrap | undefined): string {
  const plain = JSON.stringify(jwk);
  if (!wrap) return plain;
  let sealed: Buffer;
  try {
    sealed = wrap.wrap(Buffer.from(plain, 'utf8'));
  } catch (e) {
    throw new KeyStoreError(`cannot seal the private key with ${wrap.name}: ${(e as Error).message}`);
  }
  return JSON.stringify({ protection: wrap.name, sealed: sealed.toString('base64') });
}

/** The JWK inside a private key file's text, unsealed with `wrap` when the file says it is sealed. */
function openPrivateFile(
  path: string,
  text: string,
  wrap: KeyWrap | undefined,
): { jwk: JWK; sealed: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new KeyStoreError(`private key ${path} is not a JWK: ${(e as Error).message}`);
  }
  const envelope = SealedSchema.safeParse(parsed);
  if (!envelope.success) return { jwk: parsed as JWK, sealed: false };
  const { protection } = envelope.data;
  if (!wrap)
    throw new KeyStoreError(
      `private key ${path} is sealed with ${protection}, and this process has no ${protection} ` +
        `(open it where it was sealed: the desk app, which rotates it from the floor manager's screen; it is never read as a plain key)`,
    );
  if (wrap.name !== protection)
    throw new KeyStoreError(`private key ${path} is sealed with ${protection}, not with ${wrap.name}`);
  let plain: Buffer;
  try {
    plain = wrap.unwrap(Buffer.from(envelope.data.sealed, 'base64'));
  } catch (e) {
    throw new KeyStoreError(
      `private key ${path} cannot be unsealed with ${protection}: ${(e as Error).message}`,
    );
  }
  try {
    return { jwk: JSON.parse(plain.toString('utf8')) as JWK, sealed: true };
  } catch {
    throw new KeyStoreError(`private key ${path}: unsealing with ${protection} did not give a JWK`);
  }
}

async function loadPrivateKey(
  dir: string,
  kid: string,
  expected: PublicJwk,
  wrap: KeyWrap | undefined,
): Promise<{ signing: SigningKey; migrated: boolean }> {
  const path = privatePath(dir, kid);
  const st = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new KeyStoreError(
      e.code === 'ENOENT' ? `private key ${path} is missing (the index names it as current)` : e.message,
    );
  });
  if (POSIX) {
    const mode = st.mode & 0o777;
    if ((mode & 0o077) !== 0)
      throw new KeyStoreError(
        `refusing private key ${path}: permissions ${mode.toString(8).padStart(4, '0')} are broader than 0600 ` +
          `(run: chmod 600 '${path}', and consider the key compromised if others could read it)`,
      );
    const uid = process.getuid?.();
    if (uid !== undefined && st.uid !== uid)
      throw new KeyStoreError(
        `refusing private key ${path}: owned by uid ${st.uid}, not by this user (${uid})`,
      );
  }
  const { jwk, sealed } = openPrivateFile(path, await readFile(path, 'utf8'), wrap);
  const pub = await publicJwkOf(jwk).catch((e: Error) => {
    throw new KeyStoreError(`private key ${path}: ${e.message}`);
  });
  if (pub.kid !== kid || pub.x !== expected.x)
    throw new KeyStoreError(
      `private key ${path} does not belong to kid ${kid} (its thumbprint is ${pub.kid})`,
    );
  if (typeof jwk.d !== 'string') throw new KeyStoreError(`private key ${path} has no private part`);
  const privateKey = (await importJWK({ ...jwk, alg: OUTCOME_ALG }, OUTCOME_ALG, {
    extractable: false,
  })) as CryptoKey;
  // A plain key on a store with a wrap: seal it now (same key, same kid; atomic rewrite).
  const migrate = wrap !== undefined && !sealed;
  if (migrate) await writeAtomic(path, privateFileText(jwk, wrap), 0o600);
  return { signing: { kid, privateKey }, migrated: migrate };
}

/** Write to a temporary file with `mode`, fsync, rename over `path`, fsync the directory. */
async function writeAtomic(path: string, text: string, mode: number): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  // A file left over from a crash may have other permissions: start from nothing ('wx': create only),
  // so the secret is never written into a file more open than `mode` (umask can only narrow it).
  await rm(tmp, { force: true });
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  await rename(tmp, path);
  if (POSIX) {
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}
