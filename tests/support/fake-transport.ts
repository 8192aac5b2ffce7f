import { EventEmitter } from 'node:events';
import type { Clock } from '../../lib/clock';
import { TransportError, type Transport, type TransportEvents } from '../../hardware/transport/types';

type OpenOutcome = { ok: true } | { ok: false; error: unknown };

interface HeldOpen {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * An in-memory Transport that behaves like the real ones at their interface: open() succeeds or fails
 * as the test says, write() rejects when not open, our own close() emits no 'close' event, and an
 * unplug emits close {disconnected: true}. Every open attempt and every write is recorded.
 */
export class FakeTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly description = 'fake://wheel';
  /** Bytes written while open, one entry per write, latin1. */
  readonly writes: string[] = [];
  /** Clock time (monotonic) of each open() call, successful or not. */
  readonly openAttempts: number[] = [];
  closeCalls = 0;
  private open_ = false;
  private readonly queued: OpenOutcome[] = [];
  private standing: OpenOutcome = { ok: true };
  private held: HeldOpen | undefined;
  private holdNext = false;

  constructor(private readonly clock?: Clock) {
    super();
  }

  get isOpen(): boolean {
    return this.open_;
  }

  /** The next open() fails with this error (then the standing outcome applies again). */
  failNextOpen(error: unknown): void {
    this.queued.push({ ok: false, error });
  }

  /** Every open() from now on fails with this error. */
  failOpens(error: unknown): void {
    this.standing = { ok: false, error };
  }

  /** Every open() from now on succeeds. */
  succeedOpens(): void {
    this.standing = { ok: true };
  }

  /** The next open() stays pending until the test settles it through the returned handle. */
  holdNextOpen(): { resolve(): void; reject(error: unknown): void } {
    this.holdNext = true;
    return {
      resolve: () => this.held?.resolve(),
      reject: (error) => this.held?.reject(error),
    };
  }

  open(): Promise<void> {
    this.openAttempts.push(this.clock?.monotonic() ?? Date.now());
    if (this.holdNext) {
      this.holdNext = false;
      return new Promise<void>((resolve, reject) => {
        this.held = {
          resolve: () => {
            this.open_ = true;
            resolve();
          },
          reject,
        };
      });
    }
    const outcome = this.queued.shift() ?? this.standing;
    if (!outcome.ok) return Promise.reject(outcome.error);
    this.open_ = true;
    return Promise.resolve();
  }

  /** When true, writes are recorded but never complete (a line that does not take our bytes). */
  stallWrites = false;

  write(data: string | Buffer): Promise<void> {
    if (!this.open_) return Promise.reject(new TransportError('io', `${this.description}: not open`));
    this.writes.push(Buffer.isBuffer(data) ? data.toString('latin1') : data);
    return this.stallWrites ? new Promise<void>(() => undefined) : Promise.resolve();
  }

  close(): Promise<void> {
    this.closeCalls++;
    this.open_ = false;
    return Promise.resolve();
  }

  /** Bytes from the device. */
  pushData(data: string | Buffer): void {
    if (!this.open_) throw new Error('FakeTransport.pushData: not open');
    this.emit('data', Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1'));
  }

  /** The cable is pulled: the transport closes itself and says why. */
  simulateUnplug(reason = `${this.description} disconnected`): void {
    this.open_ = false;
    this.emit('close', { disconnected: true, reason });
  }

  /** Everything written so far, split into lines (line ends removed). */
  writtenLines(): string[] {
    return this.writes
      .join('')
      .split(/\r\n/)
      .filter((l) => l !== '');
  }
}
