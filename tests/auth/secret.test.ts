import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_COST,
  hashSecret,
  isAcceptableSecretHash,
  MAX_SECRET_LENGTH,
  parseSecretHash,
  secretProblem,
  secretRuleFor,
  unmatchableSecretHash,
  verifySecret,
  type ScryptCost,
} from '../../engine/auth/secret';
import type { Role } from '../../engine/auth/roles';

/** For tests that need many hashes: the format and code path of the real cost, 32 times cheaper. */
const CHEAP: ScryptCost = { N: 1024, r: 8, p: 1 };

describe('hashSecret / verifySecret at the real cost', () => {
  it('round-trips, refuses a wrong secret, and writes scrypt$N$r$p$salt$hash', async () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    const stored = await hashSecret('4821');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    const parsed = parseSecretHash(stored);
    expect(parsed?.salt).toHaveLength(16);
    expect(parsed?.hash).toHaveLength(32);
    expect(isAcceptableSecretHash(stored)).toBe(true);
    expect(await verifySecret('4821', stored)).toBe(true);
    expect(await verifySecret('4822', stored)).toBe(false);
  });
});

describe('hashSecret / verifySecret with an injected cost', () => {
  it('writes the cost into the hash and verifies with it', async () => {
    const stored = await hashSecret('floor-manager-pw', CHEAP);
    expect(stored.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifySecret('floor-manager-pw', stored)).toBe(true);
    expect(await verifySecret('floor-manager-pW', stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
    expect(isAcceptableSecretHash(stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashSecret('1234', CHEAP), hashSecret('1234', CHEAP)]);
    expect(a).not.toBe(b);
  });

  it('treats the same text typed in composed or decomposed Unicode as the same secret', async () => {
    const stored = await hashSecret('caf\u00e9-au-lait', CHEAP);
    expect(await verifySecret('cafe\u0301-au-lait', stored)).toBe(true);
  });

  it('refuses a tampered hash', async () => {
    const stored = await hashSecret('1234', CHEAP);
    const parts = stored.split('$');
    const key = Buffer.from(parts[5] as string, 'base64');
    key[0] = (key[0] as number) ^ 1;
    parts[5] = key.toString('base64');
    expect(await verifySecret('1234', parts.join('$'))).toBe(false);
  });

  it('gives false, never an exception, for a malformed stored hash or an over-long secret', async () => {
    expect(await verifySecret('1234', '1234')).toBe(false);
    expect(await verifySecret('1234', '')).toBe(false);
    const stored = await hashSecret('x'.repeat(MAX_SECRET_LENGTH), CHEAP);
    expect(await verifySecret('x'.repeat(MAX_SECRET_LENGTH), stored)).toBe(true);
    expect(await verifySecret('x'.repeat(MAX_SECRET_LENGTH + 1), stored)).toBe(false);
    await expect(hashSecret('x'.repeat(MAX_SECRET_LENGTH + 1), CHEAP)).rejects.toThrow(RangeError);
  });

  it('makes unmatchable hashes of a given cost', async () => {
    const decoy = unmatchableSecretHash(CHEAP);
    expect(parseSecretHash(decoy)).toMatchObject(CHEAP);
    expect(await verifySecret('', decoy)).toBe(false);
    expect(unmatchableSecretHash().startsWith('scrypt$32768$8$1$')).toBe(true);
  });
});

describe('parseSecretHash', () => {
  const SALT = 'AAAAAAAAAAAAAAAAAAAAAA==';
  const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  it.each([
    [`scrypt$32768$8$1$${SALT}$${KEY}`, true],
    [`scrypt$1024$8$1$${SALT}$${KEY}`, true],
    [`scrypt$1048576$8$1$${SALT}$${KEY}`, true],
    [`scrypt$2097152$8$1$${SALT}$${KEY}`, false], // N above the bound: a crafted hash must not exhaust the desk
    [`scrypt$30000$8$1$${SALT}$${KEY}`, false], // N not a power of two
    [`scrypt$32768$0$1$${SALT}$${KEY}`, false],
    [`scrypt$32768$8$0$${SALT}$${KEY}`, false],
    [`scrypt$32768$64$1$${SALT}$${KEY}`, false],
    [`scrypt$32768$8$1$${SALT}`, false],
    [`scrypt$32768$8$1$${SALT}$${KEY}$x`, false],
    [`argon2id$32768$8$1$${SALT}$${KEY}`, false],
    [`scrypt$32768$8$1$${SALT}$not-base64!`, false],
    [`scrypt$32768$8$1$AAAA$${KEY}`, false], // salt too short
    ['1234', false],
    ['', false],
  ])('%s → %s', (text, ok) => {
    expect(parseSecretHash(text) !== undefined).toBe(ok);
  });
});

describe('the length rule is a function of the role', () => {
  it('asks dealers for a PIN of 4 or more digits and the others for a password of 8 or more characters', () => {
    expect(secretRuleFor('dealer')).toMatchObject({ kind: 'pin', minLength: 4 });
    expect(secretRuleFor('floor_manager')).toMatchObject({ kind: 'password', minLength: 8 });
    expect(secretRuleFor('technician')).toMatchObject({ kind: 'password', minLength: 8 });
  });

  const CASES: [Role, string, string | undefined][] = [
    ['dealer', '1234', undefined],
    ['dealer', '123456789012', undefined],
    ['dealer', '123', 'a PIN has at least 4 digits'],
    ['dealer', '1234567890123', 'a PIN has at most 12 digits'],
    ['dealer', '12a4', 'a PIN is digits only'],
    ['dealer', '', 'a PIN is digits only'],
    ['floor_manager', 'eight-ch', undefined],
    ['floor_manager', 'seven-c', 'a password has at least 8 characters'],
    ['floor_manager', '1234', 'a password has at least 8 characters'],
    ['floor_manager', '        ', 'a password is not only spaces'],
    ['technician', 'tech-demo', undefined],
    ['technician', 'short', 'a password has at least 8 characters'],
    [
      'technician',
      'x'.repeat(MAX_SECRET_LENGTH + 1),
      `a password has at most ${MAX_SECRET_LENGTH} characters`,
    ],
  ];
  it.each(CASES)('%s %j → %s', (role, secret, problem) => {
    expect(secretProblem(role, secret)).toBe(problem);
  });
});
