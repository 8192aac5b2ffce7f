/**
 * The outcome signing key's protection at rest in the Electron app: Electron `safeStorage` (macOS
 * Keychain, Windows DPAPI, Linux libsecret/kwallet) as the engine's `KeyWrap`. No electron import
 * here (main/engine.ts passes `safeStorage` in), so it is testable in plain Node.
 *
 * The synchronous calls are used on purpose: the key store's wrap is synchronous (engine/outcomes/keys.ts)
 * and runs only when the store opens or makes a key, once per start or rotation.
 */
import type { KeyWrap } from '../engine/outcomes/keys';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export const SAFE_STORAGE_WRAP = 'safeStorage';

/**
 * safeStorage as a KeyWrap, or why not (then the key is a plain 0600 file, as headless). Linux's
 * `basic_text` backend (no keyring found) encrypts with a fixed password: that is no protection, so
 * it is not used, and the caller logs the reason.
 */
export function safeStorageKeyWrap(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): { wrap: KeyWrap } | { wrap?: undefined; reason: string } {
  if (!safeStorage.isEncryptionAvailable())
    return { reason: 'Electron safeStorage reports no encryption available (no OS keychain)' };
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown')
      return { reason: `Electron safeStorage backend on Linux is ${backend}, not an OS keyring` };
  }
  return {
    wrap: {
      name: SAFE_STORAGE_WRAP,
      // The JWK is ASCII JSON: the string API is exact for it.
      wrap: (plain) => safeStorage.encryptString(plain.toString('utf8')),
      unwrap: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'utf8'),
    },
  };
}
