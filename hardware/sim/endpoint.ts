import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import type { SerialSettings } from '../transport/types';

export interface EndpointEvents {
  data: [Buffer];
  link: ['up' | 'down'];
  error: [Error];
}

/** Where a simulator's bytes go: its side of a serial line (a pty, or a real port) or a TCP listener. */
export interface SimEndpoint extends EventEmitter<EndpointEvents> {
  readonly description: string;
  readonly connected: boolean;
  start(): Promise<void>;
  /** Writes chunks in order, each a separate write (so split frames stay split on the wire). */
  write(chunks: Buffer[]): Promise<void>;
  /** Drops the link for `ms` (TCP: closes the client and refuses new ones; serial: closes the port). */
  unplug(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** One client at a time, like a serial-device server; a new client replaces the old one. */
export class TcpListenEndpoint extends EventEmitter<EndpointEvents> implements SimEndpoint {
  private server: Server | undefined;
  private client: Socket | undefined;
  private refuseUntil = 0;
  readonly description: string;

  constructor(
    private readonly host: string,
    private port: number,
  ) {
    super();
    this.description = `tcp://${host}:${port}`;
  }

  get connected(): boolean {
    return this.client !== undefined && !this.client.destroyed;
  }

  /** The port actually bound (useful with port 0). */
  get boundPort(): number {
    return this.port;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.accept(socket));
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        server.on('error', (e) => this.emit('error', e));
        const addr = server.address();
        if (addr && typeof addr === 'object') this.port = addr.port;
        this.server = server;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    if (Date.now() < this.refuseUntil) {
      socket.destroy();
      return;
    }
    if (this.client) this.client.destroy();
    this.client = socket;
    socket.setNoDelay(true);
    socket.on('data', (d) => this.emit('data', d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.client === socket) {
        this.client = undefined;
        this.emit('link', 'down');
      }
    });
    this.emit('link', 'up');
  }

  async write(chunks: Buffer[]): Promise<void> {
    for (const c of chunks) {
      const socket = this.client;
      if (!socket || socket.destroyed) return;
      socket.write(c);
      if (chunks.length > 1) await new Promise((r) => setImmediate(r));
    }
  }

  async unplug(ms: number): Promise<void> {
    this.refuseUntil = Date.now() + ms;
    this.client?.destroy();
  }

  stop(): Promise<void> {
    this.client?.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * The simulator's end of a serial line. If the line goes away (socat killed: the closest thing to an
 * unplug on a pty) it keeps trying to reopen the path, as a device does when its cable comes back.
 */
export class SerialEndpoint extends EventEmitter<EndpointEvents> implements SimEndpoint {
  private port: SerialPort | undefined;
  private stopped = false;
  private pausedUntil = 0;
  private retry: NodeJS.Timeout | undefined;
  readonly description: string;

  constructor(
    private readonly path: string,
    private readonly settings: SerialSettings,
    private readonly retryMs = 100,
  ) {
    super();
    this.description = `serial ${path}`;
  }

  get connected(): boolean {
    return this.port?.isOpen ?? false;
  }

  async start(): Promise<void> {
    await this.open(true);
  }

  private open(firstTime = false): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return resolve();
      const port = new SerialPort({ path: this.path, ...this.settings, autoOpen: false, lock: false });
      port.open((err) => {
        if (err) {
          if (firstTime && !/ENOENT|no such file/i.test(err.message)) return reject(err);
          this.scheduleReopen();
          return resolve();
        }
        this.port = port;
        port.on('data', (d: Buffer) => this.emit('data', d));
        port.on('error', () => undefined);
        port.on('close', () => {
          if (this.port !== port) return;
          this.port = undefined;
          this.emit('link', 'down');
          this.scheduleReopen();
        });
        this.emit('link', 'up');
        resolve();
      });
    });
  }

  private scheduleReopen(): void {
    if (this.stopped || this.retry) return;
    const wait = Math.max(this.retryMs, this.pausedUntil - Date.now());
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.open();
    }, wait);
  }

  async write(chunks: Buffer[]): Promise<void> {
    for (const c of chunks) {
      const port = this.port;
      if (!port?.isOpen) return;
      await new Promise<void>((resolve) => port.write(c, () => resolve()));
      if (chunks.length > 1) await new Promise<void>((resolve) => port.drain(() => resolve()));
    }
  }

  async unplug(ms: number): Promise<void> {
    this.pausedUntil = Date.now() + ms;
    const port = this.port;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
