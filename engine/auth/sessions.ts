/**
 * Login sessions: an opaque bearer token (32 random bytes, base64url) per login, valid until it has
 * been idle for 30 minutes or is 12 hours old, whichever comes first, or until revoked. Only the
 * token's SHA-256 is kept, so the store never holds a usable token. Time comes from an injected clock.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import type { Role } from './roles';

export interface SessionOptions {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION: Readonly<SessionOptions> = Object.freeze({
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
});

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
}

export interface Session {
  /** The bearer token: shown to the client once, at login. */
  readonly token: string;
  readonly user: SessionUser;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  /** When the session ends unless used again: min(lastSeenAt + idle, createdAt + absolute). */
  readonly expiresAt: number;
}

export type SessionError = 'unknown_session' | 'expired';
export type SessionResult = { ok: true; session: Session } | { ok: false; error: SessionError };

interface Entry {
  user: SessionUser;
  createdAt: number;
  lastSeenAt: number;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newSessionToken(random: (n: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}

export class SessionStore {
  private readonly entries = new Map<string, Entry>();
  readonly options: SessionOptions;

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    options: Partial<SessionOptions> = {},
    private readonly random: (n: number) => Buffer = randomBytes,
  ) {
    this.options = { ...DEFAULT_SESSION, ...options };
  }

  create(user: SessionUser): Session {
    this.sweep();
    const token = newSessionToken(this.random);
    const now = this.clock.now();
    const entry: Entry = {
      user: { id: user.id, name: user.name, role: user.role },
      createdAt: now,
      lastSeenAt: now,
    };
    this.entries.set(digest(token), entry);
    return this.view(token, entry);
  }

  /** Checks a token and, when valid, counts this as activity (the idle time starts again). */
  touch(token: string): SessionResult {
    return this.lookup(token, true);
  }

  /** Checks a token without counting it as activity. */
  peek(token: string): SessionResult {
    return this.lookup(token, false);
  }

  /** Ends a session (logout). Returns whether there was one. */
  revoke(token: string): boolean {
    return this.entries.delete(digest(token));
  }

  /** Ends every session of a user (user removed, role changed, lock by a floor manager). */
  revokeUser(userId: string): number {
    let n = 0;
    for (const [key, e] of this.entries)
      if (e.user.id === userId) {
        this.entries.delete(key);
        n++;
      }
    return n;
  }

  /** Sessions not yet expired. */
  active(): SessionUser[] {
    this.sweep();
    return [...this.entries.values()].map((e) => e.user);
  }

  private lookup(token: string, activity: boolean): SessionResult {
    const key = digest(token);
    const entry = this.entries.get(key);
    if (!entry) return { ok: false, error: 'unknown_session' };
    const now = this.clock.now();
    if (now >= this.expiry(entry)) {
      this.entries.delete(key);
      return { ok: false, error: 'expired' };
    }
    if (activity) entry.lastSeenAt = now;
    return { ok: true, session: this.view(token, entry) };
  }

  private expiry(e: Entry): number {
    return Math.min(e.lastSeenAt + this.options.idleMs, e.createdAt + this.options.absoluteMs);
  }

  private view(token: string, e: Entry): Session {
    return {
      token,
      user: { ...e.user },
      createdAt: e.createdAt,
      lastSeenAt: e.lastSeenAt,
      expiresAt: this.expiry(e),
    };
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [key, e] of this.entries) if (now >= this.expiry(e)) this.entries.delete(key);
  }
}
