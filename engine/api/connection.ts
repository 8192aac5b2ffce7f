/**
 * One screen's connection to the desk: a WebSocket of the browser view or the Electron window.
 * It holds at most one session; every request is checked here (method known, params valid,
 * session alive) before its handler runs, and every answer is an ApiResult: no request throws or
 * hangs, whatever the screen sends.
 */
import type { DeskEvent } from '../../contract/events';
import { isMethodName, METHODS, PUBLIC_METHODS, type MethodName } from '../../contract/methods';
import type { ApiError, ApiResult, DeviceName } from '../../contract/views';
import type { Session } from '../auth/sessions';
import type { DeskApi } from './desk-api';
import { HANDLERS } from './handlers';

export interface ConnectionOrigin {
  via: 'ws' | 'ipc';
  /** The peer's address (browser view) for the audit trail. */
  remote?: string;
}

export function fail(code: ApiError['code'], message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

export class ApiConnection {
  private session: Session | null = null;
  private readonly traffic = new Set<DeviceName>();
  private closed = false;

  constructor(
    readonly api: DeskApi,
    private readonly sink: (event: DeskEvent) => void,
    readonly origin: ConnectionOrigin,
    private readonly onClose: () => void,
  ) {}

  /** The logged-in user, or null. */
  get user(): Session['user'] | null {
    return this.session?.user ?? null;
  }

  get token(): string | null {
    return this.session?.token ?? null;
  }

  /** Sets the session after a login or resume (handlers only). */
  begin(session: Session): void {
    this.session = session;
    this.traffic.clear();
  }

  /** Ends the session on this connection (logout, expiry); the connection stays open for a new login. */
  end(reason: string, notify: boolean): void {
    if (!this.session) return;
    this.session = null;
    this.traffic.clear();
    if (notify) this.push({ event: 'session', data: { state: 'ended', reason } });
  }

  watchesTraffic(device: DeviceName): boolean {
    return this.traffic.has(device);
  }

  setTraffic(device: DeviceName, on: boolean): void {
    if (on) this.traffic.add(device);
    else this.traffic.delete(device);
  }

  push(event: DeskEvent): void {
    if (this.closed) return;
    try {
      this.sink(event);
    } catch {
      // A screen that cannot take an event (socket gone) must never break the desk's event loop.
    }
  }

  /** Expired sessions are told, so the screen goes back to its login instead of silently failing. */
  checkSession(): void {
    if (!this.session) return;
    const r = this.api.auth.sessions.peek(this.session.token);
    if (!r.ok) this.end(r.error === 'expired' ? 'session expired: log in again' : 'session ended', true);
  }

  async request(method: unknown, params: unknown): Promise<ApiResult<unknown>> {
    if (this.closed) return fail('unavailable', 'connection closed');
    if (!isMethodName(method)) return fail('unknown_method', `unknown method ${JSON.stringify(method)}`);
    const parsed = METHODS[method].safeParse(params ?? {});
    if (!parsed.success) return fail('invalid_request', `${method}: ${describeIssues(parsed.error.issues)}`);
    if (!PUBLIC_METHODS.has(method)) {
      if (!this.session) return fail('unauthenticated', 'log in first');
      const r = this.api.auth.sessions.touch(this.session.token);
      if (!r.ok) {
        this.end('session expired: log in again', true);
        return fail('session_expired', 'the session has expired: log in again');
      }
    }
    try {
      const handler = HANDLERS[method as MethodName] as (
        c: ApiConnection,
        p: unknown,
      ) => Promise<ApiResult<unknown>>;
      return await handler(this, parsed.data);
    } catch (e) {
      return fail('internal', `${method} failed: ${(e as Error).message}`);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.session = null;
    this.onClose();
  }
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
