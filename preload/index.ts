import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskEvent } from '../contract/events';
import type { ApiResult } from '../contract/views';
import { CHANNELS, type StudioApi } from './api';

// The renderer is untrusted: it gets this narrow object, never ipcRenderer itself. Listeners get
// the event's data only, never the IpcRendererEvent (which would hand over `sender`).
const studio: StudioApi = {
  version: () => ipcRenderer.invoke(CHANNELS.version) as Promise<string>,
  request: (method, params) =>
    ipcRenderer.invoke(CHANNELS.request, String(method), params) as Promise<ApiResult<unknown>>,
  onEvent: (listener) => {
    const handler = (_e: IpcRendererEvent, event: DeskEvent) => listener(event);
    ipcRenderer.on(CHANNELS.event, handler);
    return () => {
      ipcRenderer.off(CHANNELS.event, handler);
    };
  },
};

contextBridge.exposeInMainWorld('studio', studio);
