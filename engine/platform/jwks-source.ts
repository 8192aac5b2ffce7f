/**
 * Where a verifier gets the desk's public keys: a JWKS file (`studio-desk keys export > jwks.json`)
 * or an http(s) URL. Reloaded when a signature names a kid it does not hold (the desk rotated its
 * key), at most once per `minReloadMs`, so a flood of bad kids cannot hammer the source.
 */
import { readFile } from 'node:fs/promises';
import type { JSONWebKeySet } from 'jose';

export class JwksSource {
  private jwks: JSONWebKeySet = { keys: [] };
  private lastLoad = 0;

  constructor(
    readonly location: string,
    private readonly minReloadMs = 5000,
    private readonly loader?: () => Promise<unknown>,
  ) {}

  /** Keys read by `load` (e.g. the desk's own key index, for the in-process demo platform). */
  static async from(
    location: string,
    load: () => Promise<JSONWebKeySet>,
    minReloadMs = 1000,
  ): Promise<JwksSource> {
    const s = new JwksSource(location, minReloadMs, load);
    await s.load();
    return s;
  }

  static async open(location: string): Promise<JwksSource> {
    const s = new JwksSource(location);
    await s.load();
    return s;
  }

  static of(jwks: JSONWebKeySet): JwksSource {
    const s = new JwksSource('(in memory)');
    s.jwks = jwks;
    s.lastLoad = Number.POSITIVE_INFINITY;
    return s;
  }

  get current(): JSONWebKeySet {
    return this.jwks;
  }

  /** Reloads if allowed; returns whether the set may have changed. */
  async reload(): Promise<boolean> {
    if (Date.now() - this.lastLoad < this.minReloadMs) return false;
    try {
      await this.load();
      return true;
    } catch {
      return false;
    }
  }

  private async load(): Promise<void> {
    this.lastLoad = Date.now();
    let parsed: unknown;
    if (this.loader) parsed = await this.loader();
    else {
      const text = /^https?:\/\//.test(this.location)
        ? await fetchText(this.location)
        : await readFile(this.location, 'utf8');
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw new Error(`${this.location} is not JSON: ${(e as Error).message}`);
      }
    }
    const keys = (parsed as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) throw new Error(`${this.location} is not a JWKS (no "keys" array)`);
    this.jwks = { keys: keys as JSONWebKeySet['keys'] };
  }
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.text();
}
