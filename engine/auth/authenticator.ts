/**
 * Login with a user id and a PIN or password, against the users of the table configuration.
 *
 * - The result is typed ('unknown_user' | 'bad_secret' | 'locked' with `until`) so the engine can
 *   audit it; the screen shows `LOGIN_REFUSED` for both of the first two, so it never tells whether
 *   a user id exists.
 * - An unknown id costs the same scrypt work as a known one (verified against a hash no secret
 *   matches, with the cost of the configured hashes), and is locked out the same way.
 * - Attempts for one user id run one after another, so parallel guesses cannot slip past the
 *   lockout while a hash is being checked.
 */
import type { Clock } from '../../lib/clock';
import { LockoutTracker, type LockoutOptions } from './lockout';
import type { Role } from './roles';
import { parseSecretHash, unmatchableSecretHash, verifySecret, DEFAULT_SCRYPT_COST } from './secret';
import { SessionStore, type Session, type SessionOptions } from './sessions';

export interface AuthUser {
  id: string;
  name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash`, as made by `hashSecret`. */
  secret: string;
}

export type LoginError =
  | { ok: false; error: 'unknown_user'; userId: string; failuresLeft: number }
  | { ok: false; error: 'bad_secret'; userId: string; failuresLeft: number }
  | { ok: false; error: 'locked'; userId: string; until: number };
export type LoginResult = { ok: true; session: Session } | LoginError;

/** What the screen says for an unknown user id or a wrong secret: the same words for both. */
export const LOGIN_REFUSED = 'unknown user or wrong PIN/password';

export interface AuthenticatorOptions {
  users: readonly AuthUser[];
  clock: Pick<Clock, 'now'>;
  lockout?: Partial<LockoutOptions>;
  sessions?: Partial<SessionOptions>;
}

export class Authenticator {
  readonly lockout: LockoutTracker;
  readonly sessions: SessionStore;
  private readonly users = new Map<string, AuthUser>();
  private readonly decoy: string;
  /** The tail of each user id's queue of attempts. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(opts: AuthenticatorOptions) {
    for (const u of opts.users) this.users.set(u.id, u);
    this.lockout = new LockoutTracker(opts.clock, opts.lockout);
    this.sessions = new SessionStore(opts.clock, opts.sessions);
    // Unknown ids are checked against a hash of the cost the real users have.
    const first = opts.users.map((u) => parseSecretHash(u.secret)).find((h) => h !== undefined);
    this.decoy = unmatchableSecretHash(first ?? DEFAULT_SCRYPT_COST);
  }

  login(userId: string, secret: string): Promise<LoginResult> {
    const previous = this.queues.get(userId) ?? Promise.resolve();
    const attempt = previous.then(() => this.attempt(userId, secret));
    const tail = attempt.catch(() => undefined);
    this.queues.set(userId, tail);
    void tail.then(() => {
      if (this.queues.get(userId) === tail) this.queues.delete(userId);
    });
    return attempt;
  }

  logout(token: string): boolean {
    return this.sessions.revoke(token);
  }

  private async attempt(userId: string, secret: string): Promise<LoginResult> {
    const before = this.lockout.state(userId);
    if (before.locked) return { ok: false, error: 'locked', userId, until: before.until };
    const user = this.users.get(userId);
    const matches = await verifySecret(secret, user?.secret ?? this.decoy);
    if (user && matches) {
      this.lockout.recordSuccess(userId);
      return { ok: true, session: this.sessions.create(user) };
    }
    const after = this.lockout.recordFailure(userId);
    if (after.locked) return { ok: false, error: 'locked', userId, until: after.until };
    if (!user) return { ok: false, error: 'unknown_user', userId, failuresLeft: after.failuresLeft };
    return { ok: false, error: 'bad_secret', userId, failuresLeft: after.failuresLeft };
  }
}
