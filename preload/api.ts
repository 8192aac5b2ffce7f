/**
 * What the preload exposes to the renderer as `window.studio`: the desk's contract and nothing
 * else. Types only: no runtime code. Main validates every request's sender frame and payload.
 */
import type { DeskEvent } from '../contract/events';
import type { ApiResult } from '../contract/views';

export interface StudioApi {
  /** The desk application's version, answered by the main process. */
  version(): Promise<string>;
  /** One request of the contract (contract/methods.ts); always settles with an ApiResult. */
  request(method: string, params: unknown): Promise<ApiResult<unknown>>;
  /** Desk events for this window; returns the unsubscribe. */
  onEvent(listener: (event: DeskEvent) => void): () => void;
}

/** IPC channel names, shared by main and preload. */
export const CHANNELS = {
  version: 'studio:version',
  request: 'studio:request',
  event: 'studio:event',
} as const;
