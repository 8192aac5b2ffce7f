import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import type { WebFrameMain } from 'electron';
import { contentSecurityPolicy } from './csp';
import { startEngine, type RunningEngine } from './engine';

const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');
const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const RENDERER_INDEX = join(RENDERER_DIR, 'index.html');

/** The electron-vite dev server, honoured only in an unpackaged run: a packaged desk loads its own files. */
function devServerUrl(): URL | null {
  const raw = process.env['ELECTRON_RENDERER_URL'];
  if (app.isPackaged || !raw) return null;
  return new URL(raw);
}

/** True when the message comes from the top frame of our own renderer, nothing else. */
function isOwnRenderer(frame: WebFrameMain | null): boolean {
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  const dev = devServerUrl();
  if (dev) return url.origin === dev.origin;
  return url.protocol === 'file:' && url.pathname === pathToFileURL(RENDERER_INDEX).pathname;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Studio Desk',
    backgroundColor: '#000000',
    show: false,
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  const dev = devServerUrl();
  if (dev) void win.loadURL(dev.href);
  else void win.loadFile(RENDERER_INDEX);
  return win;
}

function main(): void {
  // Two desks must never fight over a serial port: the second one hands over and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  // Every web contents, present and future: no navigation away, no new windows.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  ipcMain.handle('studio:version', (event) => {
    if (!isOwnRenderer(event.senderFrame)) throw new Error('studio:version: sender is not the desk renderer');
    return app.getVersion();
  });

  // The engine runs here, in the main process: the desk's journal, round engine and devices.
  let engine: RunningEngine | null = null;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (!engine || stopping) return;
    // Close the journal and the serial ports cleanly before the process ends.
    event.preventDefault();
    stopping = true;
    void engine.stop().finally(() => {
      engine = null;
      app.quit();
    });
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    const csp = contentSecurityPolicy({ dev: devServerUrl() !== null });
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

    // The engine first: the window's first request (login) must find the IPC handler in place.
    void startEngine(RENDERER_DIR, isOwnRenderer).then((running) => {
      if (!running) {
        app.quit();
        return;
      }
      engine = running;
      mainWindow = createWindow();
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
    });
  });
}

main();
