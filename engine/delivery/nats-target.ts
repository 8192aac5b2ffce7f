/**
 * The NATS JetStream target, for studios with many tables: each outcome is published to
 * `<prefix>.<studio>.<table>` with `Nats-Msg-Id` = outcome id, into a stream over `<prefix>.>` with a
 * duplicate window, so a redelivery inside the window is dropped by the server (PubAck.duplicate).
 * Beyond the window (a desk down for longer), `reconcile` reads the last message on the table's
 * subject before sending and skips what the stream already holds, so the stream never gets one
 * outcome twice, however long the gap.
 *
 * The stream is created when missing; an existing stream that does not cover the subject is a
 * configuration error, named, never silently changed.
 */
import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { PendingOutcome } from '../outcomes/outbox';
import { outcomeMessage } from './message';
import type { DeliveryTarget, SendResult } from './worker';

export const DUPLICATE_WINDOW_MS = 10 * 60_000;

export interface NatsTargetOptions {
  servers: string[];
  /** `<prefix>.<studio>.<table>` */
  subject: string;
  /** Default: the prefix in upper case, dots as underscores ('OUTCOMES'). */
  stream?: string;
  timeoutMs?: number;
}

export function streamFor(subject: string): { name: string; subjects: string[] } {
  const prefix = subject.split('.').slice(0, -2).join('.');
  return { name: prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase(), subjects: [`${prefix}.>`] };
}

export class NatsTarget implements DeliveryTarget {
  readonly name = 'nats';
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private jsm: JetStreamManager | undefined;
  private readonly stream: { name: string; subjects: string[] };
  private readonly timeoutMs: number;

  constructor(private readonly opts: NatsTargetOptions) {
    const derived = streamFor(opts.subject);
    this.stream = { name: opts.stream ?? derived.name, subjects: derived.subjects };
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  async reconcile(): Promise<number | undefined> {
    const jsm = await this.connection();
    const last = await jsm.streams
      .getMessage(this.stream.name, { last_by_subj: this.opts.subject })
      .catch((e: Error) => {
        if (/no message found|not found/i.test(e.message)) return null;
        throw e;
      });
    if (!last) return undefined;
    const seq = Number(last.header.get('Studio-Desk-Sequence'));
    return Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
  }

  async send(outcome: PendingOutcome): Promise<SendResult> {
    try {
      await this.connection();
      const h = headers();
      h.set('Studio-Desk-Sequence', String(outcome.sequence));
      const ack = await (this.js as JetStreamClient).publish(
        this.opts.subject,
        outcomeMessage(outcome, outcome.tree_head_jws),
        { msgID: outcome.outcome_id, timeout: this.timeoutMs, headers: h },
      );
      return { ok: true, duplicate: ack.duplicate };
    } catch (e) {
      const message = (e as Error).message;
      const closed = this.nc?.isClosed() ?? true;
      return {
        ok: false,
        state:
          closed || /timeout|closed|disconnect|connection|no responders/i.test(message)
            ? 'disconnected'
            : 'error',
        reason: `NATS ${this.opts.servers.join(',')}: ${message}`,
      };
    }
  }

  async close(): Promise<void> {
    const nc = this.nc;
    this.nc = undefined;
    this.js = undefined;
    this.jsm = undefined;
    await nc?.close().catch(() => undefined);
  }

  private async connection(): Promise<JetStreamManager> {
    if (!this.nc || this.nc.isClosed()) {
      this.nc = await connect({
        servers: this.opts.servers,
        timeout: this.timeoutMs,
        reconnect: true,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
      });
      this.js = jetstream(this.nc, { timeout: this.timeoutMs });
      const jsm = await jetstreamManager(this.nc, { timeout: this.timeoutMs });
      await this.ensureStream(jsm);
      this.jsm = jsm;
    }
    return this.jsm as JetStreamManager;
  }

  private async ensureStream(jsm: JetStreamManager): Promise<void> {
    const info = await jsm.streams.info(this.stream.name).catch((e: Error) => {
      if (/not found/i.test(e.message)) return undefined;
      throw e;
    });
    if (!info) {
      await jsm.streams.add({
        name: this.stream.name,
        subjects: this.stream.subjects,
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      });
      return;
    }
    const covers = info.config.subjects?.some((s) => s === this.stream.subjects[0] || s === '>') ?? false;
    if (!covers)
      throw new Error(
        `stream ${this.stream.name} exists but does not take ${this.opts.subject} (its subjects: ${info.config.subjects?.join(', ')})`,
      );
  }
}
