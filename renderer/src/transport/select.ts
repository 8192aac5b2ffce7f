import { IpcTransport } from './ipc-transport';
import type { DeskTransport } from './types';
import { WsTransport } from './ws-transport';

/** Inside Electron the preload gives window.studio; in a browser the page talks to its own server. */
export function selectTransport(): DeskTransport {
  const studio = (window as { studio?: Window['studio'] }).studio;
  return studio ? new IpcTransport(studio) : new WsTransport();
}
