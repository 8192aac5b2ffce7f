import { EventEmitter } from 'node:events';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from '../../lib/backoff';
import { systemClock, type Clock, type TimerHandle } from '../../lib/clock';
import { silentLogger, type Logger } from '../../lib/logger';
import type { ConnectionState, ConnectionStatus } from '../../lib/status';
import type { DeviceEventBody, DeviceKind, EventMeta, LineDecoder, Rejection } from '../protocols/types';
import { TransportError, type Transport } from '../transport/types';
import { DecodePipeline, type PipelineStats } from './pipeline';

const MAX_REPLIES_IN_FLIGHT = 4;

export interface TrafficRecord {
  dir: 'rx' | 'tx';
  /** Wall-clock ms. */
  at: number;
  /** Monotonic ms. */
  mono: number;
  bytes: Buffer;
}

export interface DeviceEvents<B extends DeviceEventBody> {
  event: [B & EventMeta];
  status: [ConnectionStatus];
  frameError: [Rejection];
  traffic: [TrafficRecord];
  /** The port was opened or lost: replays need it to reset framing like the live driver did. */
  link: [{ dir: 'open' | 'close'; at: number; mono: number }];
}

export interface DeviceOptions<B extends DeviceEventBody> {
  name: string;
  kind: DeviceKind;
  transport: Transport;
  decoder: LineDecoder<B>;
  /** No valid frame for this long → 'stale'. 0 disables (protocols silent between events). */
  staleAfterMs: number;
  clock?: Clock;
  logger?: Logger;
  backoff?: BackoffOptions;
  maxLine?: number;
}

export interface DeviceStats extends PipelineStats {
  bytesOut: number;
  /** Replies not sent because earlier ones were still waiting for the line. */
  repliesDropped: number;
  connects: number;
  disconnects: number;
}

/**
 * A serial sensor as the desk sees it: keeps its transport open, reconnects with capped exponential
 * backoff after an unplug, resyncs on every connect, watches for silence, and turns bytes into events
 * through the decode pipeline. Status is one of ok, connecting, stale, disconnected, bad_config,
 * error — always with a reason.
 */
export class SerialDevice<B extends DeviceEventBody> extends EventEmitter<DeviceEvents<B>> {
  readonly name: string;
  readonly kind: DeviceKind;
  private pipeline: DecodePipeline<B>;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly backoff: Backoff;
  private running = false;
  /** Bumped by reconfigure: a connect begun on the old transport gives up. */
  private generation = 0;
  private reconnectTimer: TimerHandle | undefined;
  private staleTimer: TimerHandle | undefined;
  private current: ConnectionStatus;
  private bytesOut = 0;
  private repliesInFlight = 0;
  private repliesDropped = 0;
  private connects = 0;
  private disconnects = 0;
  private onData = (chunk: Buffer) => this.handleData(chunk);
  private onClose = (info: { disconnected: boolean; reason: string }) => this.handleClose(info.reason);

  constructor(private opts: DeviceOptions<B>) {
    super();
    this.name = opts.name;
    this.kind = opts.kind;
    this.clock = opts.clock ?? systemClock;
    this.log = opts.logger ?? silentLogger;
    this.backoff = new Backoff(opts.backoff ?? DEFAULT_BACKOFF);
    this.pipeline = new DecodePipeline(opts.decoder, this.clock, opts.maxLine);
    this.current = { state: 'disconnected', reason: 'not started', since: this.clock.now() };
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  get stats(): DeviceStats {
    return {
      ...this.pipeline.stats,
      rejected: { ...this.pipeline.stats.rejected },
      bytesOut: this.bytesOut,
      repliesDropped: this.repliesDropped,
      connects: this.connects,
      disconnects: this.disconnects,
    };
  }

  get protocol(): string {
    return this.opts.decoder.protocol;
  }

  get description(): string {
    return this.opts.transport.description;
  }

  /** A configuration warning of the transport (e.g. a port named by plug order), if any. */
  get warning(): string | undefined {
    return (this.opts.transport as { warning?: string }).warning;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimers();
    this.detach();
    await this.opts.transport.close();
    this.setStatus('disconnected', 'stopped');
  }

  /**
   * New settings on the running device (a technician's edit): the port is closed, the new
   * transport (and decoder, stale time) taken, and the port opened again if the device was running.
   * The same object keeps its listeners (engine, traffic view, calibration), so nothing re-wires.
   * A new decoder (another protocol or layout) starts a new decode pipeline; the same one keeps its
   * at-most-once memory across the reopen.
   */
  async reconfigure(parts: {
    transport: Transport;
    decoder?: LineDecoder<B>;
    staleAfterMs: number;
  }): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    this.clearTimers();
    this.detach();
    await this.opts.transport.close();
    this.setStatus('disconnected', `reopening with new settings: ${parts.transport.description}`);
    const decoder = parts.decoder ?? this.opts.decoder;
    if (parts.decoder) this.pipeline = new DecodePipeline(decoder, this.clock, this.opts.maxLine);
    this.opts = { ...this.opts, transport: parts.transport, decoder, staleAfterMs: parts.staleAfterMs };
    this.generation++;
    this.backoff.reset();
    if (wasRunning) this.start();
  }

  /** Sends one line to the device (CRLF added). Rejects when not connected. */
  async send(line: string): Promise<void> {
    const bytes = Buffer.from(`${line}\r\n`, 'latin1');
    await this.opts.transport.write(bytes);
    this.bytesOut += bytes.length;
    this.emit('traffic', { dir: 'tx', at: this.clock.now(), mono: this.clock.monotonic(), bytes });
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const t = this.opts.transport;
    const generation = this.generation;
    this.setStatus('connecting', `opening ${t.description}`);
    try {
      await t.open();
    } catch (e) {
      const err =
        e instanceof TransportError ? e : new TransportError('io', String((e as Error)?.message ?? e));
      if (!this.running || generation !== this.generation) return;
      if (!err.retryable) {
        this.setStatus('bad_config', err.message);
        this.running = false;
        return;
      }
      this.setStatus(
        err.kind === 'permission' || err.kind === 'busy' ? 'error' : 'disconnected',
        err.message,
      );
      this.scheduleReconnect();
      return;
    }
    if (!this.running || generation !== this.generation) {
      await t.close();
      return;
    }
    this.connects++;
    this.emit('link', { dir: 'open', at: this.clock.now(), mono: this.clock.monotonic() });
    t.on('data', this.onData);
    t.on('close', this.onClose);
    for (const line of this.pipeline.connected()) this.sendQuietly(line);
    if (this.opts.staleAfterMs > 0) {
      this.setStatus('connecting', `${t.description} open, waiting for the device`);
      this.armStale();
    } else {
      this.backoff.reset();
      this.setStatus('ok', `${t.description} open`);
    }
  }

  private handleData(chunk: Buffer): void {
    this.emit('traffic', { dir: 'rx', at: this.clock.now(), mono: this.clock.monotonic(), bytes: chunk });
    const out = this.pipeline.push(chunk);
    if (out.validFrames > 0) {
      if (this.current.state !== 'ok') {
        this.backoff.reset();
        this.setStatus('ok', `receiving from ${this.opts.transport.description}`);
      }
      if (this.opts.staleAfterMs > 0) this.armStale();
    }
    // Events first: a result must not wait behind the acknowledgement write.
    for (const ev of out.events) this.emit('event', ev);
    for (const r of out.rejections) this.emit('frameError', r);
    for (const line of out.replies) this.sendQuietly(line);
  }

  private handleClose(reason: string): void {
    this.detach();
    this.clearTimers();
    this.disconnects++;
    this.emit('link', { dir: 'close', at: this.clock.now(), mono: this.clock.monotonic() });
    this.setStatus('disconnected', reason);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    const delay = this.backoff.next();
    this.log.debug({ device: this.name, delay }, 'reconnect scheduled');
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delay);
  }

  private armStale(): void {
    if (this.staleTimer) this.clock.clearTimeout(this.staleTimer);
    this.staleTimer = this.clock.setTimeout(() => {
      this.staleTimer = undefined;
      if (!this.running || !this.opts.transport.isOpen) return;
      if (this.current.state !== 'stale') {
        this.setStatus('stale', `no valid frame from the device for ${this.opts.staleAfterMs} ms`);
        this.armStale(); // a second silent period: reopen the port
        return;
      }
      // Unplug detection on serial lines is heuristic: some drivers (and ptys under load) never
      // report a hang-up. Silence twice over is answered by reopening the port, which resyncs.
      this.log.warn({ device: this.name }, 'device silent: reopening the port');
      this.detach();
      this.disconnects++;
      this.emit('link', { dir: 'close', at: this.clock.now(), mono: this.clock.monotonic() });
      this.setStatus(
        'disconnected',
        `no valid frame for ${2 * this.opts.staleAfterMs} ms: reopening the port`,
      );
      void this.opts.transport.close().then(() => this.scheduleReconnect());
    }, this.opts.staleAfterMs);
  }

  /**
   * Protocol replies (acknowledgements, resync requests). They are cumulative or repeated, so when
   * the line is not taking our bytes (a device that does not read, a cable wired receive-only, flow
   * control holding us) further replies are dropped rather than queued: a queue of blocked writes
   * would tie up the I/O threads that the reads need.
   */
  private sendQuietly(line: string): void {
    if (this.repliesInFlight >= MAX_REPLIES_IN_FLIGHT) {
      this.repliesDropped++;
      return;
    }
    this.repliesInFlight++;
    this.send(line)
      .catch((e: Error) => this.log.warn({ device: this.name, err: e.message }, 'write to device failed'))
      .finally(() => this.repliesInFlight--);
  }

  private detach(): void {
    this.opts.transport.off('data', this.onData);
    this.opts.transport.off('close', this.onClose);
  }

  private clearTimers(): void {
    if (this.reconnectTimer) this.clock.clearTimeout(this.reconnectTimer);
    if (this.staleTimer) this.clock.clearTimeout(this.staleTimer);
    this.reconnectTimer = undefined;
    this.staleTimer = undefined;
  }

  private setStatus(state: ConnectionState, reason: string): void {
    if (this.current.state === state && this.current.reason === reason) return;
    this.current = { state, reason, since: this.clock.now() };
    this.log.info({ device: this.name, state, reason }, 'device status');
    this.emit('status', this.current);
  }
}
