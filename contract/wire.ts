/**
 * Frames of the browser view's WebSocket (the Electron IPC carries the same request and answer
 * objects without the frame). A request names its method and an id; the answer echoes the id.
 */
import { z } from 'zod';
import type { DeskEvent } from './events';
import type { ApiResult } from './views';

export const RequestFrame = z.strictObject({
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  method: z.string().min(1).max(64),
  params: z.unknown().optional(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

export type ResponseFrame = { id: number } & ApiResult<unknown>;
export type EventFrame = DeskEvent & { id?: undefined };
export type ServerFrame = ResponseFrame | EventFrame;

export { MAX_REQUEST_BYTES, WS_PATH } from './paths';
