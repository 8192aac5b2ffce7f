import { EventEmitter } from 'node:events';
import { LineFramer } from '../framing/line-framer';
import type { DeviceEncoder } from './encoders/types';
import type { SimEndpoint } from './endpoint';
import { FaultInjector, type FaultSettings } from './faults';

const MAX_QUEUED_BYTES = 16 * 1024;

export interface SimulatedDevice<S> {
  readonly state: S;
  run(): Promise<void>;
  stop(): void;
}

export interface SimulatorEvents<A> {
  /** What the simulated device did (for test rigs: the truth to compare the desk's events with). */
  action: [A];
  /** Every line it sent, before faults were applied. */
  line: [string];
  finished: [];
}

/**
 * A simulated serial device: a game model, a protocol encoder, line faults, and an endpoint. The
 * same object serves `studio-desk sim`, the hardware-in-the-loop tests and the demo desk.
 */
export class DeviceSimulator<A, S> extends EventEmitter<SimulatorEvents<A>> {
  readonly faults: FaultInjector;
  private timers: NodeJS.Timeout[] = [];
  private stalledUntil = 0;
  private readonly hostFramer = new LineFramer(256);
  private writing: Promise<void> = Promise.resolve();
  /** Bytes handed to the endpoint and not yet written: a UART's transmit buffer. */
  private queuedBytes = 0;
  /** Lines dropped because the transmit buffer was full (the line could not carry them). */
  overruns = 0;
  private running: Promise<void> | undefined;

  constructor(
    readonly device: SimulatedDevice<S>,
    readonly encoder: DeviceEncoder<A, S>,
    readonly endpoint: SimEndpoint,
    faults: Partial<FaultSettings> = {},
  ) {
    super();
    this.faults = new FaultInjector(faults);
  }

  /** Called by the device model for each action (wired by the factories). */
  onAction(a: A): void {
    this.emit('action', a);
    this.send(this.encoder.action(a, this.device.state, Date.now()));
  }

  async start(): Promise<void> {
    this.endpoint.on('link', (dir) => {
      if (dir === 'up') {
        this.hostFramer.reset();
        this.send(this.encoder.onLinkUp(this.device.state, Date.now()));
      }
    });
    this.endpoint.on('data', (chunk) => {
      for (const f of this.hostFramer.push(chunk)) {
        if (f.ok) this.send(this.encoder.fromHost(f.line, this.device.state, Date.now()));
      }
    });
    await this.endpoint.start();
    for (const p of this.encoder.periodic()) {
      this.timers.push(setInterval(() => this.send(p.run(this.device.state, Date.now())), p.everyMs));
    }
    this.running = this.device.run().finally(() => this.emit('finished'));
  }

  /** Resolves when the device model has finished its script (or was stopped). */
  finished(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** The device stops talking for `ms` (its link stays up). */
  stall(ms: number): void {
    this.stalledUntil = Date.now() + ms;
  }

  unplug(ms: number): Promise<void> {
    return this.endpoint.unplug(ms);
  }

  async stop(): Promise<void> {
    this.device.stop();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.writing;
    await this.endpoint.stop();
  }

  /** Resolves when everything queued so far has been written. */
  flush(): Promise<void> {
    return this.writing;
  }

  private send(lines: string[]): void {
    if (lines.length === 0) return;
    for (const l of lines) this.emit('line', l);
    if (Date.now() < this.stalledUntil || !this.endpoint.connected) return;
    if (this.queuedBytes > MAX_QUEUED_BYTES) {
      this.overruns += lines.length;
      return;
    }
    const chunks = lines.map((l) => this.faults.apply(l));
    const size = chunks.reduce((n, c) => n + c.reduce((m, b) => m + b.length, 0), 0);
    this.queuedBytes += size;
    this.writing = this.writing.then(async () => {
      for (const c of chunks) await this.endpoint.write(c);
      this.queuedBytes -= size;
    });
  }
}
