/**
 * The browser view's transport: one WebSocket to the desk that served the page, reconnected with
 * capped backoff. A request waiting when the socket drops is answered 'unavailable' at once, never
 * left hanging; the session store resumes the session after a reconnect.
 */
import type { DeskEvent } from '../../../contract/events';
import type { MethodName, MethodResults, ParamsOf } from '../../../contract/methods';
import type { ApiResult } from '../../../contract/views';
import { WS_PATH } from '../../../contract/paths';
import { REQUEST_TIMEOUT_MS, unavailable, type DeskTransport, type LinkState } from './types';

interface Pending {
  resolve: (r: ApiResult<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class WsTransport implements DeskTransport {
  readonly kind = 'ws' as const;
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(e: DeskEvent) => void>();
  private readonly linkListeners = new Set<(s: LinkState, reason: string) => void>();
  private attempt = 0;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private state: LinkState = 'connecting';
  private reason = 'connecting to the desk';

  constructor(private readonly url: string = defaultUrl()) {
    this.open();
  }

  request<M extends MethodName>(method: M, params?: ParamsOf<M>): Promise<ApiResult<MethodResults[M]>> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN)
      return Promise.resolve(unavailable(`not connected to the desk (${this.reason})`));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(unavailable(`${method}: the desk did not answer in ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (r: ApiResult<unknown>) => void, timer });
      ws.send(JSON.stringify({ id, method, params: params ?? {} }));
    });
  }

  onEvent(listener: (event: DeskEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onLink(listener: (state: LinkState, reason: string) => void): () => void {
    this.linkListeners.add(listener);
    listener(this.state, this.reason);
    return () => this.linkListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.ws?.close();
    this.failPending('the screen closed its connection');
  }

  private setLink(state: LinkState, reason: string): void {
    this.state = state;
    this.reason = reason;
    for (const l of this.linkListeners) l(state, reason);
  }

  private open(): void {
    if (this.closed) return;
    this.setLink(
      'connecting',
      this.attempt === 0 ? 'connecting to the desk' : `reconnecting (attempt ${this.attempt})`,
    );
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setLink('open', 'connected');
    };
    ws.onmessage = (m) => this.onMessage(String(m.data));
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.failPending('the connection to the desk was lost');
      if (this.closed) return;
      this.setLink('closed', `connection lost${e.reason ? `: ${e.reason}` : ''}; retrying`);
      const delay = Math.min(5000, 250 * 2 ** this.attempt++);
      this.retry = setTimeout(() => this.open(), delay);
    };
  }

  private onMessage(text: string): void {
    let frame: { id?: number; event?: string } & Record<string, unknown>;
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    if (typeof frame.id === 'number') {
      const p = this.pending.get(frame.id);
      if (!p) return;
      this.pending.delete(frame.id);
      clearTimeout(p.timer);
      const { id: _id, ...result } = frame;
      p.resolve(result as unknown as ApiResult<unknown>);
      return;
    }
    if (typeof frame.event === 'string')
      for (const l of this.eventListeners) l(frame as unknown as DeskEvent);
  }

  private failPending(message: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(unavailable(message));
      this.pending.delete(id);
    }
  }
}

function defaultUrl(): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}${WS_PATH}`;
}
