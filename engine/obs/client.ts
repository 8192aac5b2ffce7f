/**
 * The narrow face of obs-websocket-js that the connection uses, so that its very large generated
 * types stay out of our code and a test can hand in another client. The JSON build is used (the
 * default Node import is msgpack): it is what the fake OBS speaks and what a person can read in a
 * packet capture.
 */
import OBSWebSocket from 'obs-websocket-js/json';

export type ObsData = Record<string, unknown>;

export interface BatchRequest {
  requestType: string;
  requestData?: ObsData;
}

export interface BatchResponse {
  requestType: string;
  requestStatus: { result: boolean; code: number; comment?: string };
  responseData?: ObsData;
}

export interface HelloIdentified {
  obsWebSocketVersion: string;
  negotiatedRpcVersion: number;
}

export interface ObsClient {
  connect(
    url: string,
    password: string | undefined,
    params: { eventSubscriptions: number },
  ): Promise<HelloIdentified>;
  disconnect(): Promise<void>;
  call(requestType: string, requestData?: ObsData): Promise<ObsData | undefined>;
  callBatch(
    requests: BatchRequest[],
    options: { executionType: number; haltOnFailure: boolean },
  ): Promise<BatchResponse[]>;
  on(event: string, fn: (data: never) => void): unknown;
  off(event: string, fn: (data: never) => void): unknown;
}

/** obs-websocket v5 RequestBatchExecutionType. */
export const EXECUTION = { serialRealtime: 0, serialFrame: 1, parallel: 2 } as const;

/** EventSubscription.All (General … Canvases), without the high-volume meters. */
export const ALL_EVENTS = 4095;

export function createObsClient(): ObsClient {
  return new OBSWebSocket() as unknown as ObsClient;
}

/**
 * Cuts the socket at once (no close handshake): used when OBS stopped answering, where a polite
 * close would wait for an answer that never comes.
 */
export function terminateSocket(client: ObsClient): void {
  const socket = (client as unknown as { socket?: { terminate?: () => void; close?: () => void } }).socket;
  if (socket?.terminate) socket.terminate();
  else socket?.close?.();
}
