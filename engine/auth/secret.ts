/**
 * PINs and passwords, stored only as scrypt hashes: `scrypt$N$r$p$saltB64$hashB64` (standard
 * base64 with padding). The cost parameters travel with the hash, so a hash keeps verifying after
 * the default cost is raised; `isAcceptableSecretHash` says whether a stored hash is at least as
 * costly as the default (the table configuration refuses cheaper ones).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Role } from './roles';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/** The real cost: about 0.1–0.25 s and 32 MiB per hash on a desk PC. */
export const DEFAULT_SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });
export const SALT_BYTES = 16;
export const KEY_BYTES = 32;

/** Upper bounds on the parameters read from a stored hash, so a crafted hash cannot exhaust the desk. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
/** Secrets longer than this are refused before hashing. */
export const MAX_SECRET_LENGTH = 1024;

export interface ParsedSecretHash extends ScryptCost {
  salt: Buffer;
  hash: Buffer;
}

const B64 = '(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?';
const HASH_FORMAT = new RegExp(`^scrypt\\$(\\d{1,8})\\$(\\d{1,3})\\$(\\d{1,3})\\$(${B64})\\$(${B64})$`);

/** Reads a stored hash; undefined when it is not in the `scrypt$N$r$p$salt$hash` format or out of bounds. */
export function parseSecretHash(stored: string): ParsedSecretHash | undefined {
  const m = HASH_FORMAT.exec(stored);
  if (!m) return undefined;
  const N = Number(m[1]);
  const r = Number(m[2]);
  const p = Number(m[3]);
  const salt = Buffer.from(m[4] as string, 'base64');
  const hash = Buffer.from(m[5] as string, 'base64');
  const powerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return undefined;
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return undefined;
  return { N, r, p, salt, hash };
}

export function isSecretHash(stored: string): boolean {
  return parseSecretHash(stored) !== undefined;
}

/** A well-formed hash with at least the default cost, a 16-byte salt and a 32-byte key. */
export function isAcceptableSecretHash(stored: string): boolean {
  const h = parseSecretHash(stored);
  return (
    h !== undefined &&
    h.N >= DEFAULT_SCRYPT_COST.N &&
    h.r >= DEFAULT_SCRYPT_COST.r &&
    h.p >= DEFAULT_SCRYPT_COST.p &&
    h.salt.length >= SALT_BYTES &&
    h.hash.length >= KEY_BYTES
  );
}

/** The same text typed on different keyboards or OSes hashes the same (Unicode NFC). */
function normalise(secret: string): string {
  return secret.normalize('NFC');
}

function derive(secret: string, salt: Buffer, keyLength: number, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      normalise(secret),
      salt,
      keyLength,
      // Node's default memory limit (32 MiB) is exactly what N=2^15, r=8 needs, and is refused.
      { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/**
 * Hashes a PIN or password with a fresh random salt. `cost` exists for tests that need many
 * hashes; everything else uses the default.
 */
export async function hashSecret(secret: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  if (secret.length > MAX_SECRET_LENGTH)
    throw new RangeError(`a secret is at most ${MAX_SECRET_LENGTH} characters`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, KEY_BYTES, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * Whether `secret` matches the stored hash, compared in constant time. A malformed stored hash or
 * an over-long secret gives false (never throws), so a caller cannot tell these cases apart.
 */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const h = parseSecretHash(stored);
  if (!h) return false;
  const tooLong = secret.length > MAX_SECRET_LENGTH;
  const key = await derive(tooLong ? '' : secret, h.salt, h.hash.length, h);
  return timingSafeEqual(key, h.hash) && !tooLong;
}

/**
 * A hash that no secret matches, with the given cost: verifying against it takes as long as
 * verifying against a real user's hash of that cost (used for unknown user ids).
 */
export function unmatchableSecretHash(cost: ScryptCost = DEFAULT_SCRYPT_COST): string {
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${randomBytes(SALT_BYTES).toString('base64')}$${randomBytes(KEY_BYTES).toString('base64')}`;
}

export type SecretRule =
  | { kind: 'pin'; minLength: number; maxLength: number }
  | { kind: 'password'; minLength: number; maxLength: number };

/** Dealers log in with a PIN at the table; floor managers and technicians with a password. */
export function secretRuleFor(role: Role): SecretRule {
  return role === 'dealer'
    ? { kind: 'pin', minLength: 4, maxLength: 12 }
    : { kind: 'password', minLength: 8, maxLength: MAX_SECRET_LENGTH };
}

/** What is wrong with a new secret for this role, or undefined when it is acceptable. */
export function secretProblem(role: Role, secret: string): string | undefined {
  const rule = secretRuleFor(role);
  if (rule.kind === 'pin') {
    if (!/^\d+$/.test(secret)) return 'a PIN is digits only';
    if (secret.length < rule.minLength) return `a PIN has at least ${rule.minLength} digits`;
    if (secret.length > rule.maxLength) return `a PIN has at most ${rule.maxLength} digits`;
    return undefined;
  }
  const length = [...normalise(secret)].length;
  if (length < rule.minLength) return `a password has at least ${rule.minLength} characters`;
  if (secret.length > rule.maxLength) return `a password has at most ${rule.maxLength} characters`;
  if (secret.trim() === '') return 'a password is not only spaces';
  return undefined;
}
