/**
 * Delivers a table's outbox to one target (webhook or NATS), strictly in order, forever, with up to
 * the target's `maxInFlight` outcomes in flight (sent in order; acknowledged in order: the cursor
 * only moves over a gap-free run of successes, and after any failure everything from the first
 * unacknowledged outcome is sent again, one at a time until one succeeds). A failed attempt is
 * retried after a capped exponential backoff with jitter, never dropped, never skipped. What was
 * delivered is a cursor in the journal file (outcome_delivery), moved forward in small batches: a
 * crash redelivers at most the last few outcomes, and the ids (webhook-id, Nats-Msg-Id) make the
 * receiver absorb them.
 *
 * Status is one `DeliveryStatus` (a superset of ConnectionStatus) emitted on every change and at
 * most every `statusEveryMs` while draining, with the backlog (count and age of the oldest waiting
 * outcome) and `alarm` once either passes its threshold: a growing backlog is loud, not silent.
 */
import { EventEmitter } from 'node:events';
import { Backoff, type BackoffOptions } from '../../lib/backoff';
import type { ConnectionState, ConnectionStatus } from '../../lib/status';
import type { SqliteJournal } from '../journal/sqlite-journal';
import {
  backlogAfter,
  deliveredSeq,
  markDelivered,
  pendingAfter,
  type PendingOutcome,
} from '../outcomes/outbox';

export type SendResult =
  | { ok: true; duplicate?: boolean }
  | {
      ok: false;
      /** disconnected: no connection; error: the platform answered with a refusal or a failure. */
      state: Extract<ConnectionState, 'disconnected' | 'error' | 'connecting'>;
      reason: string;
    };

export interface DeliveryTarget {
  /** 'webhook', 'nats': the cursor's name in outcome_delivery. */
  readonly name: string;
  /**
   * Called before the first send and after failures: may learn what the target already has (NATS:
   * the last message on the table's subject) and return the highest sequence it holds, so those are
   * skipped. Throwing counts as a failed attempt.
   */
  reconcile?(): Promise<number | undefined>;
  send(outcome: PendingOutcome): Promise<SendResult>;
  /**
   * How many sends may be in flight at once (default 1). More than one only for a receiver that
   * orders what arrives (the reference receiver waits briefly for a predecessor) or absorbs the
   * resends of what it refused.
   */
  readonly maxInFlight?: number;
  close(): Promise<void>;
}

export interface DeliveryStatus extends ConnectionStatus {
  target: string;
  /** Outcomes waiting to be delivered. */
  backlog: number;
  /** Age of the oldest waiting outcome, ms (null when none waits). */
  oldestAgeMs: number | null;
  /** Highest sequence delivered. */
  deliveredSeq: number;
  /** Failed attempts since the last success. */
  failures: number;
  /** The backlog passed a threshold: the UI shows it, the log says it. */
  alarm: boolean;
}

export interface WorkerOptions {
  backoff?: BackoffOptions;
  alarmBacklog?: number;
  alarmAgeMs?: number;
  statusEveryMs?: number;
  /** Cursor writes: at most this often while draining (each is an fsync). */
  flushEveryMs?: number;
  /** Check the outbox this often even without an 'enqueued' wake-up. */
  pollMs?: number;
  now?: () => number;
  random?: () => number;
}

export interface WorkerEvents {
  status: [DeliveryStatus];
  delivered: [{ outcomeId: string; sequence: number; duplicate: boolean }];
}

const DEFAULTS = {
  backoff: { initialMs: 200, maxMs: 30_000, factor: 2, jitter: 0.5 },
  alarmBacklog: 20,
  alarmAgeMs: 60_000,
  statusEveryMs: 1000,
  flushEveryMs: 1000,
  pollMs: 1000,
};

export class DeliveryWorker extends EventEmitter<WorkerEvents> {
  private readonly o: Required<Omit<WorkerOptions, 'random'>> & { random?: () => number };
  private readonly backoff: Backoff;
  private cursor: number;
  private flushed: number;
  private lastFlush = 0;
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private reconciled = false;
  private failures = 0;
  private status: DeliveryStatus;
  private lastEmit = 0;
  /** The outbox's last sequence and the reason as of the last full status. */
  private knownLast = 0;
  private rawReason = '';

  constructor(
    private readonly journal: SqliteJournal,
    private readonly target: DeliveryTarget,
    options: WorkerOptions = {},
  ) {
    super();
    this.o = { ...DEFAULTS, now: Date.now, ...options };
    this.backoff = new Backoff(this.o.backoff, options.random);
    this.cursor = journal.sideTx((tx) => deliveredSeq(tx, target.name));
    this.flushed = this.cursor;
    this.status = this.makeStatus('connecting', 'starting delivery');
  }

  get current(): DeliveryStatus {
    return this.status;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** New outcomes are in the outbox: look now instead of at the next poll. */
  notify(): void {
    this.wake?.();
  }

  /** Stops after the attempt in flight (bounded by the target's own timeout), writes the cursor. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.flush(true);
    await this.target.close();
  }

  private async loop(): Promise<void> {
    let batch: PendingOutcome[] = [];
    while (!this.stopped) {
      if (!this.reconciled && this.target.reconcile) {
        try {
          const held = await this.target.reconcile();
          if (held !== undefined && held > this.cursor) this.cursor = held;
          this.reconciled = true;
          batch = [];
        } catch (e) {
          await this.failed('disconnected', `cannot reach ${this.target.name}: ${(e as Error).message}`);
          continue;
        }
      }
      if (batch.length === 0) batch = this.journal.sideTx((tx) => pendingAfter(tx, this.cursor, 256));
      const next = batch[0];
      if (!next) {
        this.flush(true);
        this.setStatus('ok', '');
        await this.sleep(this.o.pollMs);
        continue;
      }
      const failure = await this.sendWindow(batch);
      if (failure) {
        if (this.stopped) break;
        if (failure.state === 'disconnected') this.reconciled = false;
        batch = [];
        await this.failed(failure.state, failure.reason);
      }
    }
  }

  /**
   * Sends the batch in order with up to maxInFlight in flight (one after a failure), takes the
   * results in order, and moves the cursor over each success until the first failure, which it
   * returns once nothing is in flight any more. Delivered outcomes leave the batch.
   */
  private async sendWindow(batch: PendingOutcome[]): Promise<Extract<SendResult, { ok: false }> | undefined> {
    const most = Math.max(1, this.target.maxInFlight ?? 1);
    const inFlight: { outcome: PendingOutcome; result: Promise<SendResult> }[] = [];
    let next = 0;
    let delivered = 0;
    let failure: Extract<SendResult, { ok: false }> | undefined;
    for (;;) {
      const window = this.failures > 0 ? 1 : most;
      while (!failure && !this.stopped && inFlight.length < window && next < batch.length) {
        const outcome = batch[next++]!;
        inFlight.push({ outcome, result: this.target.send(outcome) });
      }
      const oldest = inFlight.shift();
      if (!oldest) break;
      const result = await oldest.result;
      if (failure) continue; // after a failure: only waiting for what is still in flight
      if (!result.ok) {
        failure = result;
        continue;
      }
      delivered++;
      this.cursor = oldest.outcome.sequence;
      this.failures = 0;
      this.backoff.reset();
      this.emit('delivered', {
        outcomeId: oldest.outcome.outcome_id,
        sequence: oldest.outcome.sequence,
        duplicate: result.duplicate ?? false,
      });
      this.flush(false);
      this.setStatus('ok', '');
    }
    batch.splice(0, delivered);
    return failure;
  }

  private async failed(state: DeliveryStatus['state'], reason: string): Promise<void> {
    this.failures++;
    const delay = this.backoff.next();
    this.setStatus(state, `${reason}; retry ${this.failures} in ${Math.round(delay)} ms`, true);
    await this.sleep(delay);
  }

  private flush(force: boolean): void {
    if (this.cursor === this.flushed) return;
    const now = this.o.now();
    if (!force && now - this.lastFlush < this.o.flushEveryMs) return;
    const seq = this.cursor;
    this.journal.sideTx((tx) => markDelivered(tx, this.target.name, seq, now));
    this.flushed = seq;
    this.lastFlush = now;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  private makeStatus(state: DeliveryStatus['state'], reason: string): DeliveryStatus {
    const now = this.o.now();
    const { last, nextCreatedAt } = this.journal.sideTx((tx) => backlogAfter(tx, this.cursor));
    this.knownLast = last;
    const backlog = Math.max(0, last - this.cursor);
    const oldestAgeMs = backlog > 0 && nextCreatedAt !== null ? Math.max(0, now - nextCreatedAt) : null;
    const alarm = backlog >= this.o.alarmBacklog || (oldestAgeMs ?? 0) >= this.o.alarmAgeMs;
    const since = this.status?.state === state ? this.status.since : now;
    return {
      state,
      reason: alarm && state === 'ok' && backlog > 0 ? 'draining a backlog' : reason,
      since,
      target: this.target.name,
      backlog,
      oldestAgeMs,
      deliveredSeq: this.cursor,
      failures: this.failures,
      alarm,
    };
  }

  private setStatus(state: DeliveryStatus['state'], reason: string, force = false): void {
    const now = this.o.now();
    const prev = this.status;
    // Draining, nothing changed, last emitted less than statusEveryMs ago: the counts move without
    // a query of the outbox per delivered outcome (the next full status comes within statusEveryMs).
    const left = this.knownLast - this.cursor;
    if (
      !force &&
      state === prev.state &&
      reason === this.rawReason &&
      left > 0 &&
      now - this.lastEmit < this.o.statusEveryMs
    ) {
      this.status = { ...prev, deliveredSeq: this.cursor, backlog: left };
      return;
    }
    this.rawReason = reason;
    const next = this.makeStatus(state, reason);
    const changed = next.state !== prev.state || next.reason !== prev.reason || next.alarm !== prev.alarm;
    const moved = next.backlog !== prev.backlog && now - this.lastEmit >= this.o.statusEveryMs;
    this.status = next;
    if (!force && !changed && !moved) return;
    this.lastEmit = now;
    this.emit('status', next);
  }
}
