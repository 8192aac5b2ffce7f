/**
 * An HTTP proxy in front of a real receiver that misbehaves on demand, as a platform does:
 *   pass      forwards every request
 *   down      not listening at all (connections refused), like a platform that is down
 *   error500  answers 500 without forwarding
 *   slow      forwards, then holds the answer `slowMs` (longer than the desk's timeout: the desk
 *             gives up on an attempt the receiver did accept, and must redeliver it as a duplicate)
 *   reset     destroys the connection as soon as a request arrives
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultMode = 'pass' | 'down' | 'error500' | 'slow' | 'reset';

export class FaultProxy {
  mode: FaultMode = 'pass';
  slowMs = 1000;
  readonly seen: Record<FaultMode, number> = { pass: 0, down: 0, error500: 0, slow: 0, reset: 0 };
  private server: Server | undefined;
  private port = 0;

  constructor(private readonly upstream: URL) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/outcomes`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const mode = this.mode;
      this.seen[mode]++;
      if (mode === 'reset') {
        req.socket.destroy();
        return;
      }
      if (mode === 'error500') {
        req.resume();
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"error":"internal","message":"injected"}');
        return;
      }
      const up = request(
        this.upstream,
        { method: req.method, headers: req.headers, path: req.url },
        (upRes) => {
          const chunks: Buffer[] = [];
          upRes.on('data', (c: Buffer) => chunks.push(c));
          upRes.on('end', () => {
            const reply = () => {
              if (res.destroyed) return;
              res.writeHead(upRes.statusCode ?? 502, upRes.headers).end(Buffer.concat(chunks));
            };
            if (mode === 'slow') setTimeout(reply, this.slowMs);
            else reply();
          });
        },
      );
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
    });
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (connections refused) until `up()`. */
  async down(): Promise<void> {
    this.mode = 'down';
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  async up(mode: FaultMode = 'pass'): Promise<void> {
    this.mode = mode;
    if (!this.server) await this.start();
  }

  async stop(): Promise<void> {
    await this.down();
  }
}
