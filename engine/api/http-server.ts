/**
 * The browser view: the desk's renderer over HTTP and its contract over a WebSocket, on the table's
 * `server` address (127.0.0.1 unless configured otherwise). A floor manager can watch and approve
 * from another screen; every request still needs a login.
 *
 * The WebSocket refuses browser pages of another origin (a page elsewhere cannot drive the desk
 * through a user's browser), bounds frame size, drops screens that stop answering pings, and closes
 * a screen that cannot keep up instead of buffering without limit.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_REQUEST_BYTES, RequestFrame, WS_PATH, type ServerFrame } from '../../contract/wire';
import type { Logger } from '../../lib/logger';
import type { DeskApi } from './desk-api';
import { serveStatic, securityHeaders } from './static-files';

export interface DeskServerOptions {
  api: DeskApi;
  host: string;
  port: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  logger?: Logger;
  /** Ping period; a screen silent for two periods is dropped. */
  pingMs?: number;
  /** A screen with more than this many bytes unsent is closed (it reloads and resumes). */
  maxBufferedBytes?: number;
}

export interface DeskServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startDeskServer(opts: DeskServerOptions): Promise<DeskServer> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  const server: Server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/api/')) {
      res
        .writeHead(404, { ...securityHeaders(), 'Content-Type': 'text/plain' })
        .end('use the WebSocket at ' + WS_PATH);
      return;
    }
    serveStatic(opts.rendererDir, req, res);
  });
  let ownOrigins: Set<string> = new Set();
  let ownHosts: Set<string> = new Set();
  const loopback = /^(127\.|::1$|localhost$)/.test(opts.host);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    const origin = req.headers.origin;
    const hostOrigin = `http://${req.headers.host ?? ''}`;
    if (path !== WS_PATH) return refuse(socket, 404, 'Not Found');
    // Bound to loopback, only loopback names may reach the desk: a DNS-rebinding page has another Host.
    if (loopback && !ownHosts.has(req.headers.host ?? '')) return refuse(socket, 403, 'Forbidden');
    if (origin !== undefined && origin !== hostOrigin && !ownOrigins.has(origin))
      return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws, req));
  });

  const pingMs = opts.pingMs ?? 15_000;
  const maxBuffered = opts.maxBufferedBytes ?? 8 * 1024 * 1024;
  const alive = new WeakMap<WebSocket, boolean>();

  function onSocket(ws: WebSocket, req: IncomingMessage): void {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    const send = (frame: ServerFrame) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBuffered) {
        ws.close(1013, 'screen too slow: reconnect');
        return;
      }
      ws.send(JSON.stringify(frame));
    };
    const conn = opts.api.connect((event) => send(event), {
      via: 'ws',
      remote: req.socket.remoteAddress ?? '',
    });
    ws.on('message', (raw, isBinary) => {
      if (isBinary)
        return send({ id: 0, ok: false, error: { code: 'invalid_request', message: 'text frames only' } });
      let frame: RequestFrame;
      try {
        frame = RequestFrame.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        return send({
          id: 0,
          ok: false,
          error: { code: 'invalid_request', message: 'a request is {"id","method","params"} JSON' },
        });
      }
      void conn.request(frame.method, frame.params).then((result) => send({ id: frame.id, ...result }));
    });
    ws.on('close', () => conn.close());
    ws.on('error', (e) => opts.logger?.warn({ err: e.message }, 'browser view socket error'));
  }

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, pingMs);
  pinger.unref();

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${port}/`;
  ownHosts = new Set([`${shownHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
  ownOrigins = new Set([...ownHosts].map((h) => `http://${h}`));

  return {
    url,
    port,
    async close() {
      clearInterval(pinger);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function refuse(socket: Duplex, code: number, text: string): void {
  socket.end(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
