/**
 * The one interface the screens talk through. Two implementations: Electron IPC (window.studio,
 * ipc-transport.ts) and the browser view's WebSocket (ws-transport.ts). Every request settles:
 * with the desk's answer, or with a typed 'unavailable' error on timeout or disconnect.
 */
import type { DeskEvent } from '../../../contract/events';
import type { MethodName, MethodResults, ParamsOf } from '../../../contract/methods';
import type { ApiResult } from '../../../contract/views';

export type LinkState = 'connecting' | 'open' | 'closed';

export interface DeskTransport {
  readonly kind: 'ipc' | 'ws';
  request<M extends MethodName>(method: M, params?: ParamsOf<M>): Promise<ApiResult<MethodResults[M]>>;
  onEvent(listener: (event: DeskEvent) => void): () => void;
  /** The link to the desk itself (the WebSocket); IPC is always open. */
  onLink(listener: (state: LinkState, reason: string) => void): () => void;
  close(): void;
}

export const REQUEST_TIMEOUT_MS = 10_000;

export function unavailable(message: string): { ok: false; error: { code: 'unavailable'; message: string } } {
  return { ok: false, error: { code: 'unavailable', message } };
}
