/**
 * What can go wrong talking to OBS, classified so the connection knows whether to retry.
 *
 * - Stop and surface: wrong password (close 4009), unsupported protocol version (4010, an old
 *   obs-websocket v4 server, a foreign subprotocol), kicked by OBS (4011 session invalidated), a
 *   missing password variable. Retrying these would only hammer OBS or lock the operator out.
 * - Retry with capped backoff: every network error (refused, reset, 1006, 1001 OBS exiting,
 *   timeouts of the handshake or the heartbeat).
 * - Retry the request: status 207 "not ready" (OBS is still loading its scene collection).
 */

/** obs-websocket v5 WebSocket close codes (WebSocketCloseCode). */
export const CLOSE = {
  authenticationFailed: 4009,
  unsupportedRpcVersion: 4010,
  sessionInvalidated: 4011,
  unsupportedFeature: 4012,
} as const;

/** obs-websocket v5 request status codes we act on (RequestStatus). */
export const STATUS = {
  success: 100,
  notReady: 207,
  studioModeNotActive: 506,
  resourceNotFound: 600,
} as const;

export type FailureClass = 'authentication' | 'unsupported' | 'kicked' | 'bad_config' | 'network';

/** The connection failed in a way that says what to do next. */
export class ObsConnectionError extends Error {
  override readonly name = 'ObsConnectionError';
  constructor(
    readonly kind: FailureClass,
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
  /** Whether reconnecting can help. */
  get retryable(): boolean {
    return this.kind === 'network';
  }
}

/** A request OBS answered with a failure status. */
export class ObsRequestError extends Error {
  override readonly name = 'ObsRequestError';
  constructor(
    readonly requestType: string,
    readonly code: number,
    comment: string,
  ) {
    super(`${requestType} failed (status ${code}${comment ? `: ${comment}` : ''})`);
  }
}

/** A request got no answer in time (OBS stuck, or the network). */
export class ObsTimeoutError extends Error {
  override readonly name = 'ObsTimeoutError';
  constructor(
    readonly requestType: string,
    readonly ms: number,
  ) {
    super(`${requestType}: no answer from OBS within ${ms} ms`);
  }
}

/** The request was pending, or made, while the connection was down. */
export class ObsDisconnectedError extends Error {
  override readonly name = 'ObsDisconnectedError';
  constructor(
    readonly requestType: string,
    reason: string,
  ) {
    super(`${requestType}: not connected to OBS (${reason})`);
  }
}

/**
 * Classifies a close or connect failure: `code` is the WebSocket close code (or -1 for obs-websocket-js's
 * own errors), `message` its reason.
 */
export function classifyClose(code: number | undefined, message: string): ObsConnectionError {
  const why = message || 'no reason given';
  switch (code) {
    case CLOSE.authenticationFailed:
      return new ObsConnectionError(
        'authentication',
        `OBS refused the password (${why}): check the environment variable named by obs.passwordEnv`,
        code,
      );
    case CLOSE.unsupportedRpcVersion:
      return new ObsConnectionError(
        'unsupported',
        `OBS speaks another obs-websocket RPC version (${why})`,
        code,
      );
    case CLOSE.unsupportedFeature:
      return new ObsConnectionError('unsupported', `OBS does not support a requested feature (${why})`, code);
    case CLOSE.sessionInvalidated:
      return new ObsConnectionError(
        'kicked',
        `OBS closed this session (${why}): someone kicked the desk in OBS's WebSocket settings`,
        code,
      );
  }
  if (/subprotocol/i.test(message))
    return new ObsConnectionError(
      'unsupported',
      `the server at this address is not obs-websocket v5 (${why}); OBS 28 or later is needed`,
      code,
    );
  return new ObsConnectionError('network', networkReason(code, why), code);
}

function networkReason(code: number | undefined, why: string): string {
  if (code === 1006)
    return `connection to OBS lost (${why === 'no reason given' ? 'OBS closed or crashed' : why})`;
  if (code === 1001) return `OBS is shutting down (${why})`;
  if (/ECONNREFUSED/.test(why)) return `OBS is not running or its WebSocket server is off (${why})`;
  return `network error talking to OBS (${why})`;
}

/** Errors of obs-websocket-js carry `code`; sockets give `message` only. */
export function codeOf(e: unknown): number | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'number' ? c : undefined;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
