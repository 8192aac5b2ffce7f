/**
 * The desk's contract over Electron IPC: one ApiConnection per window (its session lives there),
 * every request checked twice — the sender must be the top frame of our own renderer, and the
 * method and params must pass the contract's schemas (ApiConnection.request) — before the engine
 * sees it. Events go to the window as 'studio:event'. Secrets never cross: the contract has no
 * field for them.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents, type WebFrameMain } from 'electron';
import { isMethodName } from '../contract/methods';
import type { ApiResult } from '../contract/views';
import type { ApiConnection } from '../engine/api/connection';
import type { DeskApi } from '../engine/api/desk-api';
import { CHANNELS } from '../preload/api';

export function bindDeskIpc(
  api: DeskApi,
  isOwnRenderer: (frame: WebFrameMain | null) => boolean,
): () => void {
  const connections = new Map<WebContents, ApiConnection>();

  const connectionOf = (contents: WebContents): ApiConnection => {
    let conn = connections.get(contents);
    if (conn) return conn;
    conn = api.connect(
      (event) => {
        if (!contents.isDestroyed()) contents.send(CHANNELS.event, event);
      },
      { via: 'ipc' },
    );
    connections.set(contents, conn);
    contents.once('destroyed', () => {
      connections.get(contents)?.close();
      connections.delete(contents);
    });
    return conn;
  };

  const onRequest = async (
    event: IpcMainInvokeEvent,
    method: unknown,
    params: unknown,
  ): Promise<ApiResult<unknown>> => {
    if (!isOwnRenderer(event.senderFrame))
      return { ok: false, error: { code: 'forbidden', message: 'the sender is not the desk renderer' } };
    if (!isMethodName(method))
      return {
        ok: false,
        error: { code: 'unknown_method', message: `unknown method ${JSON.stringify(method)}` },
      };
    return connectionOf(event.sender).request(method, params);
  };

  ipcMain.handle(CHANNELS.request, onRequest);
  return () => {
    ipcMain.removeHandler(CHANNELS.request);
    for (const c of connections.values()) c.close();
    connections.clear();
  };
}
