import type { EventEmitter } from 'node:events';

export interface CloseInfo {
  /** True when the other end went away (unplug, socket closed), false after our own close(). */
  disconnected: boolean;
  reason: string;
}

export interface TransportEvents {
  data: [Buffer];
  close: [CloseInfo];
}

/** Why an open failed, so the driver can decide whether retrying can help. */
export type TransportErrorKind = 'bad_config' | 'not_found' | 'permission' | 'busy' | 'refused' | 'io';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }

  /** Bad configuration does not mend itself; everything else may (a replug, a restarted server). */
  get retryable(): boolean {
    return this.kind !== 'bad_config';
  }
}

/** A byte pipe to a device: a serial port or a TCP serial-device server, behind one interface. */
export interface Transport extends EventEmitter<TransportEvents> {
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  /** Rejects when the transport is not open (never queues silently). */
  write(data: string | Buffer): Promise<void>;
  close(): Promise<void>;
}

export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialSettings {
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: Parity;
  stopBits: 1 | 1.5 | 2;
  rtscts: boolean;
}

export const DEFAULT_SERIAL: SerialSettings = {
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  rtscts: false,
};

export function classifyErrno(err: unknown, what: string): TransportError {
  const e = err as NodeJS.ErrnoException;
  const msg = e?.message ?? String(err);
  switch (e?.code) {
    case 'ENOENT':
      return new TransportError('not_found', `${what}: not found (unplugged?)`);
    case 'EACCES':
    case 'EPERM':
      return new TransportError(
        'permission',
        `${what}: permission denied (is the user in the dialout group?)`,
      );
    case 'EBUSY':
      return new TransportError('busy', `${what}: busy (another program holds it)`);
    case 'ECONNREFUSED':
      return new TransportError('refused', `${what}: connection refused`);
    default:
      if (/cannot lock port|resource temporarily unavailable/i.test(msg))
        return new TransportError('busy', `${what}: ${msg}`);
      if (/no such file|not found|does not exist/i.test(msg))
        return new TransportError('not_found', `${what}: ${msg}`);
      if (/permission denied/i.test(msg)) return new TransportError('permission', `${what}: ${msg}`);
      return new TransportError('io', `${what}: ${msg}`);
  }
}
