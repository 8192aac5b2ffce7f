/**
 * The desk engine inside the Electron main process: the table file named by `--config FILE` or
 * STUDIO_DESK_CONFIG (the embedded demo table otherwise), startDesk, and the contract over IPC.
 * When the table has a `server` section the same renderer and contract are also served to other
 * screens (a floor manager's), exactly as `studio-desk start` does.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, dialog, safeStorage, type WebFrameMain } from 'electron';
import { demoTableConfig } from '../engine/config/demo';
import { loadTableConfig } from '../engine/config/load';
import type { TableConfig } from '../engine/config/schema';
import { serveDesk, type ServedDesk } from '../engine/api/serve-desk';
import { startDesk, type Desk, type DeskOptions } from '../engine/desk/desk';
import { OnnxClassifier } from '../engine/vision/runtime/classifier';
import { createLogger } from '../lib/logger';
import { bindDeskIpc } from './desk-ipc';
import { safeStorageKeyWrap } from './key-wrap';

export interface RunningEngine {
  desk: Desk;
  served: ServedDesk;
  stop(): Promise<void>;
}

/**
 * The vision runtime as bundled: its worker is out/main/vision-worker.js (the sources' tsx entry
 * does not exist in a build), and a packaged desk finds relative model paths in its resources.
 */
function bundledClassifier(config: TableConfig): DeskOptions['openClassifier'] {
  const workerUrl = pathToFileURL(join(import.meta.dirname, 'vision-worker.js'));
  const base = app.isPackaged ? process.resourcesPath : process.cwd();
  const timeoutMs = config.vision?.classifyTimeoutMs;
  return (name, files) => {
    const file = files[name];
    const path = file === undefined ? undefined : isAbsolute(file) ? file : resolve(base, file);
    return OnnxClassifier.open({
      names: [name],
      workerUrl,
      timeoutMs,
      modelsDir: path ? dirname(path) : join(base, 'models'),
      ...(path ? { files: { [name]: path } } : {}),
    });
  };
}

function configPath(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--config');
  if (i >= 0 && argv[i + 1]) return argv[i + 1];
  return process.env['STUDIO_DESK_CONFIG'] || undefined;
}

export async function startEngine(
  rendererDir: string,
  isOwnRenderer: (frame: WebFrameMain | null) => boolean,
): Promise<RunningEngine | null> {
  const logger = createLogger('desk', process.env['STUDIO_DESK_LOG'] ?? 'warn');
  let config: TableConfig;
  const file = configPath(process.argv);
  try {
    config = file ? await loadTableConfig(file) : demoTableConfig();
    if (!file)
      config = { ...config, journal: { path: join(app.getPath('userData'), 'demo', 'journal.sqlite') } };
  } catch (e) {
    dialog.showErrorBox('Studio Desk: the table configuration is wrong', (e as Error).message);
    return null;
  }
  // The signing key is sealed with the OS keychain when there is one; otherwise a 0600 file (logged).
  const keyProtection = safeStorageKeyWrap(safeStorage);
  if (!keyProtection.wrap && config.platform)
    logger.warn({ reason: keyProtection.reason }, 'outcome signing key kept as a plain 0600 file');
  let desk: Desk;
  try {
    desk = await startDesk(config, {
      keyWrap: keyProtection.wrap,
      logger,
      timeScale: file ? 1 : 0.2,
      openClassifier: bundledClassifier(config),
    });
  } catch (e) {
    dialog.showErrorBox(`Studio Desk: table ${config.table.id} cannot start`, (e as Error).message);
    return null;
  }
  const served = await serveDesk(desk, { rendererDir, logger, api: { version: app.getVersion() } }).catch(
    async (e: Error) => {
      logger.error({ err: e.message }, 'browser view not started');
      // The window still runs the desk; only the other screens' access is missing (port in use?).
      return serveDesk(desk, { rendererDir, logger, api: { version: app.getVersion() }, server: false });
    },
  );
  const unbind = bindDeskIpc(served.api, isOwnRenderer);
  return {
    desk,
    served,
    async stop() {
      unbind();
      await served.stop();
      await desk.stop();
    },
  };
}
