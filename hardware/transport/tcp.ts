import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import { TransportError, classifyErrno, type Transport, type TransportEvents } from './types';

/** A serial-device server (RFC 2217-less raw TCP, as studio serial-to-Ethernet boxes speak it). */
export class TcpTransport extends EventEmitter<TransportEvents> implements Transport {
  private socket: Socket | undefined;
  readonly description: string;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs = 3000,
  ) {
    super();
    this.description = `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed && this.socket.readyState === 'open';
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new TransportError('refused', `${this.description}: no answer within ${this.connectTimeoutMs} ms`),
        );
      }, this.connectTimeoutMs);
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(classifyErrno(err, this.description));
      });
      socket.connect(this.port, this.host, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 2000);
        this.socket = socket;
        socket.on('data', (chunk) => this.emit('data', chunk));
        socket.on('error', () => {
          /* followed by 'close', which carries the news */
        });
        socket.on('close', (hadError) => {
          if (this.socket !== socket) return;
          this.socket = undefined;
          this.emit('close', {
            disconnected: true,
            reason: `${this.description} closed by the other end${hadError ? ' (error)' : ''}`,
          });
        });
        resolve();
      });
    });
  }

  write(data: string | Buffer): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.isOpen)
      return Promise.reject(new TransportError('io', `${this.description}: not open`));
    return new Promise((resolve, reject) => {
      socket.write(data, (err) => (err ? reject(classifyErrno(err, this.description)) : resolve()));
    });
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 200).unref();
    });
  }
}
