import { contextBridge, ipcRenderer } from 'electron';
import type { StudioApi } from './api';

// The renderer is untrusted: it gets this narrow object, never ipcRenderer itself.
const studio: StudioApi = {
  version: () => ipcRenderer.invoke('studio:version') as Promise<string>,
};

contextBridge.exposeInMainWorld('studio', studio);
