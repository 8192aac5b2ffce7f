import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { resolveUsb, type DiscoveryRoots } from './discovery';
import { formatPortSpec, isUnstablePath, type PortSpec } from './spec';
import {
  TransportError,
  classifyErrno,
  type SerialSettings,
  type Transport,
  type TransportEvents,
} from './types';

/** serialport's binding interface, injectable so contract tests can run on its mock binding. */
export type SerialBinding = ConstructorParameters<typeof SerialPort>[0] extends infer O
  ? O extends { binding?: infer B }
    ? B
    : never
  : never;

/** A real serial port (or a pty). A usb:VID:PID spec is resolved again on every open, so a replug that renames the tty still works. */
export class SerialTransport extends EventEmitter<TransportEvents> implements Transport {
  private port: SerialPort | undefined;
  readonly description: string;

  constructor(
    private readonly spec: Extract<PortSpec, { kind: 'path' | 'usb' }>,
    private readonly settings: SerialSettings,
    private readonly options: { binding?: SerialBinding; roots?: DiscoveryRoots } = {},
  ) {
    super();
    this.description = `serial ${formatPortSpec(spec)} ${settings.baudRate} ${settings.dataBits}${settings.parity[0]?.toUpperCase()}${settings.stopBits}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  /** A warning for configurations that name a port by plug order. */
  get warning(): string | undefined {
    return this.spec.kind === 'path' && isUnstablePath(this.spec.path)
      ? `${this.spec.path} depends on plug order; configure /dev/serial/by-id/... or usb:VID:PID:SERIAL`
      : undefined;
  }

  async open(): Promise<void> {
    const path = await this.resolvePath();
    const port = new SerialPort({
      path,
      baudRate: this.settings.baudRate,
      dataBits: this.settings.dataBits,
      parity: this.settings.parity,
      stopBits: this.settings.stopBits,
      rtscts: this.settings.rtscts,
      autoOpen: false,
      lock: true,
      ...(this.options.binding ? { binding: this.options.binding } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      port.open((err) => (err ? reject(classifyErrno(err, path)) : resolve()));
    });
    this.port = port;
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    port.on('error', (err: Error) => {
      // A read error (EIO when a USB adapter or pty goes away) leaves serialport "open" but deaf:
      // treat it as an unplug, close, and let the driver reconnect.
      if (this.port !== port) return;
      this.port = undefined;
      if (port.isOpen) port.close(() => undefined);
      this.emit('close', { disconnected: true, reason: `${path}: ${err.message}` });
    });
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      if (this.port !== port) return;
      this.port = undefined;
      this.emit('close', {
        disconnected: Boolean(err?.disconnected),
        reason: err?.disconnected
          ? `${path} disconnected`
          : err
            ? `${path} closed: ${err.message}`
            : `${path} closed`,
      });
    });
  }

  write(data: string | Buffer): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new TransportError('io', `${this.description}: not open`));
    return new Promise((resolve, reject) => {
      port.write(data, (err) => (err ? reject(classifyErrno(err, this.description)) : resolve()));
    });
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }

  private async resolvePath(): Promise<string> {
    if (this.spec.kind === 'path') return this.spec.path;
    const { match, candidates } = await resolveUsb(this.spec, this.options.roots);
    if (match) return match.path;
    if (candidates.length > 1) {
      throw new TransportError(
        'bad_config',
        `${formatPortSpec(this.spec)} matches ${candidates.length} ports: add the serial number`,
      );
    }
    throw new TransportError(
      'not_found',
      `${formatPortSpec(this.spec)}: no such USB serial device plugged in`,
    );
  }
}
