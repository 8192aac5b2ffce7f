/**
 * One connection to one OBS instance (obs-websocket v5 via obs-websocket-js), owned by one director.
 *
 * What obs-websocket-js leaves out and this adds: every request has a timeout and is rejected when
 * the socket closes (the library's pending calls never settle then); failures are classified (wrong
 * password, unsupported version and a kick stop and surface; network errors reconnect with capped
 * backoff; "not ready" requests are retried); a heartbeat notices an OBS that stopped answering; and
 * 'connected' fires on every (re)connect so that the owner reads OBS's real state again.
 * I/O only: what to ask OBS is decided elsewhere (engine/studio).
 */
import { EventEmitter } from 'node:events';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from '../../lib/backoff';
import { systemClock, type Clock, type TimerHandle } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { ConnectionState, ConnectionStatus } from '../../lib/status';
import {
  ALL_EVENTS,
  createObsClient,
  EXECUTION,
  terminateSocket,
  type BatchRequest,
  type BatchResponse,
  type ObsClient,
  type ObsData,
} from './client';
import {
  classifyClose,
  codeOf,
  messageOf,
  ObsConnectionError,
  ObsDisconnectedError,
  ObsRequestError,
  ObsTimeoutError,
  STATUS,
} from './errors';
import { claimEvent, readClaim, yieldsTo, type Claim } from './claim';
import { claimInstance, type Release } from './owners';

/** The OBS events the desk follows (re-emitted as 'obsEvent'). */
export const FOLLOWED_EVENTS = [
  'CurrentProgramSceneChanged',
  'CurrentPreviewSceneChanged',
  'StudioModeStateChanged',
  'CurrentSceneTransitionChanged',
  'CurrentSceneTransitionDurationChanged',
  'SceneItemEnableStateChanged',
  'SceneListChanged',
  'SceneCreated',
  'SceneRemoved',
  'SceneNameChanged',
  'SceneItemCreated',
  'SceneItemRemoved',
  'InputNameChanged',
  'InputRemoved',
  'RecordStateChanged',
  'StreamStateChanged',
  'ExitStarted',
  'CustomEvent',
] as const;
export type FollowedEvent = (typeof FOLLOWED_EVENTS)[number];

export interface ObsEvent {
  type: FollowedEvent;
  data: ObsData;
  /** Monotonic ms when it arrived. */
  mono: number;
}

export interface ObsConnectionOptions {
  url: string;
  password?: string;
  requestTimeoutMs: number;
  heartbeatMs: number;
  /** Hello + Identify must complete within this; default requestTimeoutMs. */
  connectTimeoutMs?: number;
  /** "Not ready" (207) answers are retried this many times, this far apart. */
  notReadyRetries?: number;
  notReadyDelayMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  clock?: Clock;
  logger?: Logger;
  createClient?: () => ObsClient;
  /**
   * Claim the instance against other desks under this name ('<table>@<host>:<pid>', see claim.ts).
   * None: no claim (read-only tools, probes).
   */
  owner?: string;
}

export interface ObsConnectionEvents {
  status: [ConnectionStatus];
  /** Identified: OBS answers requests now. Fired on every (re)connect; the owner resyncs. */
  connected: [{ obsWebSocketVersion: string; rpcVersion: number }];
  obsEvent: [ObsEvent];
}

interface Pending {
  requestType: string;
  fail(e: Error): void;
}

export class ObsConnection extends EventEmitter<ObsConnectionEvents> {
  private readonly clock: Clock;
  private readonly backoff: Backoff;
  private client: ObsClient | undefined;
  private up = false;
  private stopped = true;
  private release: Release | undefined;
  private retryTimer: TimerHandle | undefined;
  private heartbeatTimer: TimerHandle | undefined;
  private readonly pending = new Set<Pending>();
  private current: ConnectionStatus;
  private detach: (() => void) | undefined;
  /** Increments on every connect attempt: callbacks of an older socket are ignored. */
  private generation = 0;

  private readonly claim: Claim | undefined;

  constructor(private readonly opts: ObsConnectionOptions) {
    super();
    this.clock = opts.clock ?? systemClock;
    this.claim = opts.owner ? { owner: opts.owner, since: this.clock.now() } : undefined;
    this.backoff = new Backoff(opts.backoff ?? { ...DEFAULT_BACKOFF, maxMs: 5000 }, opts.random);
    this.current = { state: 'disconnected', reason: 'not started', since: this.clock.now() };
  }

  get url(): string {
    return this.opts.url;
  }

  get connected(): boolean {
    return this.up;
  }

  status(): ConnectionStatus {
    return this.current;
  }

  /** Connects, and keeps reconnecting until stop() or a failure that retrying cannot fix. */
  start(): void {
    if (!this.stopped) return;
    try {
      this.release = claimInstance(this.opts.url);
    } catch (e) {
      this.setStatus('bad_config', messageOf(e));
      return;
    }
    this.stopped = false;
    void this.connectOnce();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.release?.();
    this.release = undefined;
    if (this.retryTimer) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client;
    this.lost('the desk closed the connection', false);
    this.setStatus('disconnected', 'stopped');
    if (client) await withTimeout(client.disconnect(), 1000, this.clock).catch(() => terminateSocket(client));
  }

  /**
   * One request. Resolves with OBS's response data; rejects with ObsRequestError (OBS said no),
   * ObsTimeoutError or ObsDisconnectedError. Never hangs.
   */
  async call(
    requestType: string,
    requestData?: ObsData,
    options: { timeoutMs?: number } = {},
  ): Promise<ObsData> {
    const retries = this.opts.notReadyRetries ?? 10;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.callOnce(requestType, requestData, options.timeoutMs ?? this.opts.requestTimeoutMs);
      } catch (e) {
        if (!(e instanceof ObsRequestError) || e.code !== STATUS.notReady || attempt >= retries) throw e;
        await sleep(this.clock, this.opts.notReadyDelayMs ?? 250);
      }
    }
  }

  /**
   * Requests that must land together, executed by OBS in one batch: by default in sync with its
   * graphics frame (SerialFrame), so a scene change and its overlays appear in the same frame.
   * Resolves with one response per request (a failed request is a response with result false).
   */
  async batch(
    requests: BatchRequest[],
    options: { executionType?: number; haltOnFailure?: boolean; timeoutMs?: number } = {},
  ): Promise<BatchResponse[]> {
    const client = this.readyClient('RequestBatch');
    const run = client.callBatch(requests, {
      executionType: options.executionType ?? EXECUTION.serialFrame,
      haltOnFailure: options.haltOnFailure ?? false,
    });
    return this.track('RequestBatch', run, options.timeoutMs ?? this.opts.requestTimeoutMs);
  }

  private callOnce(
    requestType: string,
    requestData: ObsData | undefined,
    timeoutMs: number,
  ): Promise<ObsData> {
    const client = this.readyClient(requestType);
    return this.track(requestType, client.call(requestType, requestData), timeoutMs).then((r) => r ?? {});
  }

  private readyClient(requestType: string): ObsClient {
    if (!this.client || !this.up) throw new ObsDisconnectedError(requestType, this.current.reason);
    return this.client;
  }

  /** Gives `run` a timeout and a rejection on disconnect; converts the library's errors. */
  private track<T>(requestType: string, run: Promise<T>, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const entry: Pending = {
        requestType,
        fail: (e) => finish(() => reject(e)),
      };
      const finish = (then: () => void) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        this.pending.delete(entry);
        then();
      };
      const timer = this.clock.setTimeout(
        () => finish(() => reject(new ObsTimeoutError(requestType, timeoutMs))),
        timeoutMs,
      );
      this.pending.add(entry);
      run.then(
        (value) => finish(() => resolve(value)),
        (e: unknown) => finish(() => reject(this.convert(requestType, e))),
      );
    });
  }

  private convert(requestType: string, e: unknown): Error {
    const code = codeOf(e);
    if (code !== undefined && code >= 100) return new ObsRequestError(requestType, code, messageOf(e));
    return new ObsDisconnectedError(requestType, messageOf(e));
  }

  private async connectOnce(): Promise<void> {
    if (this.stopped) return;
    const generation = ++this.generation;
    this.setStatus('connecting', `connecting to ${this.opts.url}`);
    const client = (this.opts.createClient ?? createObsClient)();
    this.client = client;
    try {
      const hello = await withTimeout(
        client.connect(this.opts.url, this.opts.password, { eventSubscriptions: ALL_EVENTS }),
        this.opts.connectTimeoutMs ?? this.opts.requestTimeoutMs,
        this.clock,
      );
      if (generation !== this.generation || this.stopped) {
        void client.disconnect().catch(() => undefined);
        return;
      }
      const major = Number(hello.obsWebSocketVersion.split('.')[0]);
      if (!(major >= 5) || hello.negotiatedRpcVersion !== 1) {
        this.fail(
          new ObsConnectionError(
            'unsupported',
            `obs-websocket ${hello.obsWebSocketVersion} (RPC ${hello.negotiatedRpcVersion}) is not supported: the desk needs obs-websocket 5.x with RPC 1`,
          ),
        );
        return;
      }
      this.attach(client, generation);
      this.up = true;
      this.backoff.reset();
      this.setStatus('ok', `connected to OBS (obs-websocket ${hello.obsWebSocketVersion})`);
      this.scheduleHeartbeat(generation);
      this.broadcastClaim();
      this.emit('connected', {
        obsWebSocketVersion: hello.obsWebSocketVersion,
        rpcVersion: hello.negotiatedRpcVersion,
      });
    } catch (e) {
      if (generation !== this.generation || this.stopped) return;
      terminateSocket(client);
      this.client = undefined;
      this.fail(
        e instanceof TimeoutError
          ? new ObsConnectionError('network', e.message)
          : classifyClose(codeOf(e), messageOf(e)),
      );
    }
  }

  private broadcastClaim(): void {
    if (this.claim) void this.call('BroadcastCustomEvent', claimEvent(this.claim)).catch(() => undefined);
  }

  /** Another desk's claim: the later one stops (bad_config), the earlier one answers with its own. */
  private onClaim(data: ObsData, client: ObsClient): void {
    const theirs = readClaim(data);
    const mine = this.claim;
    if (!mine || !theirs || theirs.owner === mine.owner) return;
    if (!yieldsTo(mine, theirs)) {
      this.broadcastClaim();
      return;
    }
    const reason = `${this.opts.url} is already driven by ${theirs.owner} (since ${new Date(theirs.since).toISOString()}): one owner per OBS instance`;
    this.lost(reason, false);
    void client.disconnect().catch(() => terminateSocket(client));
    this.fail(new ObsConnectionError('bad_config', reason));
  }

  private attach(client: ObsClient, generation: number): void {
    const onClose = (e: never) => {
      if (generation !== this.generation) return;
      const err = classifyClose(codeOf(e), messageOf(e));
      this.lost(err.message, true);
      this.fail(err);
    };
    const handlers = FOLLOWED_EVENTS.map((type) => {
      const fn = (data: never) => {
        if (generation !== this.generation) return;
        if (type === 'CustomEvent') this.onClaim((data ?? {}) as ObsData, client);
        else this.emit('obsEvent', { type, data: (data ?? {}) as ObsData, mono: this.clock.monotonic() });
      };
      client.on(type, fn);
      return [type, fn] as const;
    });
    client.on('ConnectionClosed', onClose);
    this.detach = () => {
      client.off('ConnectionClosed', onClose);
      for (const [type, fn] of handlers) client.off(type, fn);
    };
  }

  /** The socket is gone (or given up): every pending request fails now. */
  private lost(reason: string, _unexpected: boolean): void {
    this.up = false;
    this.generation++;
    this.detach?.();
    this.detach = undefined;
    this.client = undefined;
    if (this.heartbeatTimer) this.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    for (const p of [...this.pending]) p.fail(new ObsDisconnectedError(p.requestType, reason));
  }

  private fail(err: ObsConnectionError): void {
    if (this.stopped) return;
    if (!err.retryable) {
      this.opts.logger?.error(
        { url: this.opts.url, kind: err.kind, err: err.message },
        'OBS connection stopped',
      );
      this.setStatus(
        err.kind === 'authentication'
          ? 'authentication_failure'
          : err.kind === 'bad_config'
            ? 'bad_config'
            : 'error',
        err.message,
      );
      this.stopped = true;
      this.release?.();
      this.release = undefined;
      return;
    }
    const delay = this.backoff.next();
    this.setStatus('disconnected', `${err.message}; retrying in ${(delay / 1000).toFixed(1)} s`);
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      void this.connectOnce();
    }, delay);
  }

  private scheduleHeartbeat(generation: number): void {
    this.heartbeatTimer = this.clock.setTimeout(() => {
      if (generation !== this.generation) return;
      const client = this.client;
      this.callOnce(
        'GetVersion',
        undefined,
        Math.min(this.opts.requestTimeoutMs, this.opts.heartbeatMs),
      ).then(
        () => {
          if (generation === this.generation) this.scheduleHeartbeat(generation);
        },
        (e: unknown) => {
          if (generation !== this.generation || !client) return;
          const reason = `OBS stopped answering (heartbeat: ${messageOf(e)})`;
          this.lost(reason, true);
          terminateSocket(client);
          this.fail(new ObsConnectionError('network', reason));
        },
      );
    }, this.opts.heartbeatMs);
  }

  private setStatus(state: ConnectionState, reason: string): void {
    if (this.current.state === state && this.current.reason === reason) return;
    this.current = { state, reason, since: this.clock.now() };
    this.emit('status', this.current);
  }
}

class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, clock: Clock): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = clock.setTimeout(() => reject(new TimeoutError(`no answer from OBS within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clock.clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clock.clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
