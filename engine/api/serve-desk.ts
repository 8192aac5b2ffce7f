/**
 * A running Desk with its contract and, when the table has a `server` section, its browser view.
 * Used by `studio-desk start`; the Electron main process uses DeskApi alone (over IPC).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from '../../lib/logger';
import { DeskApi, type DeskApiOptions, type DeskHandle } from './desk-api';
import { startDeskServer, type DeskServer } from './http-server';
import { subsystemsOfDesk } from './desk-subsystems';

const ROOT = resolve(import.meta.dirname, '../..');

/** The built renderer, where `npm run build` writes it. */
export const DEFAULT_RENDERER_DIR = resolve(ROOT, 'out/renderer');

export function deskVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export interface ServedDesk {
  api: DeskApi;
  server: DeskServer | null;
  stop(): Promise<void>;
}

export async function serveDesk(
  desk: DeskHandle,
  opts: {
    host?: string;
    port?: number;
    rendererDir?: string;
    logger?: Logger;
    api?: DeskApiOptions;
    /** false: the contract only (Electron IPC), no browser view even with a server section. */
    server?: boolean;
  } = {},
): Promise<ServedDesk> {
  const api = new DeskApi(desk, { version: deskVersion(), ...subsystemsOfDesk(desk), ...opts.api });
  const cfg = desk.config.server;
  let server: DeskServer | null = null;
  if (opts.server !== false && (cfg || opts.port !== undefined)) {
    try {
      server = await startDeskServer({
        api,
        host: opts.host ?? cfg?.host ?? '127.0.0.1',
        port: opts.port ?? cfg?.port ?? 7700,
        rendererDir: opts.rendererDir ?? DEFAULT_RENDERER_DIR,
        logger: opts.logger,
      });
    } catch (e) {
      api.close();
      throw e;
    }
  }
  return {
    api,
    server,
    async stop() {
      api.close();
      await server?.close();
    },
  };
}
