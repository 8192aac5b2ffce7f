import { randomBytes } from 'node:crypto';
import { encodeFrame, nextSeq, parseFrame, seqDistance } from '../../protocols/sdlp/frame';

/**
 * The device side of SDLP's reliable stream: numbers events, keeps them until the desk acknowledges
 * them (cumulative ACK), resends all unacknowledged ones in order after a timeout (go-back-N), and
 * answers SYNC with HELLO and a resend. A resend is at most one window of events, so a desk that
 * stays away cannot make the device flood the line. Keeps at most `maxQueue` events, as a real device's buffer:
 * older ones are lost, and the next HELLO's `next=` tells the desk so.
 */
export class ReliableSender {
  readonly boot = randomBytes(4).toString('hex');
  private seq = 0;
  private queue: { seq: number; line: string; sentAt: number }[] = [];

  constructor(
    private readonly dev: 'W' | 'S',
    private readonly retransmitMs: number,
    private readonly helloFields: () => Record<string, string>,
    private readonly maxQueue = 1000,
    private readonly window = 16,
  ) {}

  event(type: string, fields: Record<string, string>, now: number): string {
    this.seq = nextSeq(this.seq);
    const line = encodeFrame({ dev: this.dev, seq: this.seq, type, fields });
    this.queue.push({ seq: this.seq, line, sentAt: now });
    if (this.queue.length > this.maxQueue) this.queue.shift();
    return line;
  }

  unsequenced(type: string, fields: Record<string, string>): string {
    return encodeFrame({ dev: this.dev, seq: 0, type, fields });
  }

  hello(): string {
    return this.unsequenced('HELLO', {
      ...this.helloFields(),
      boot: this.boot,
      next: String(this.queue[0]?.seq ?? nextSeq(this.seq)),
    });
  }

  /** A line from the desk: ACK drops what it covers; SYNC gets HELLO and every unacknowledged event again. */
  fromHost(line: string, now: number): string[] {
    const p = parseFrame(line);
    if (!p.ok || p.frame.dev !== 'H' || (p.frame.fields.dev !== undefined && p.frame.fields.dev !== this.dev))
      return [];
    if (p.frame.type === 'ACK') {
      const acked = Number(p.frame.fields.seq);
      if (!Number.isInteger(acked)) return [];
      const head = this.queue[0];
      if (!head) return [];
      // Drop every queued event at or before `acked` (distance measured from the oldest queued one).
      const span = seqDistance(head.seq, acked);
      if (span < 32768) this.queue = this.queue.filter((q) => seqDistance(head.seq, q.seq) > span);
      return [];
    }
    if (p.frame.type === 'SYNC') return [this.hello(), ...this.resendAll(now)];
    return [];
  }

  retransmit(now: number): string[] {
    const head = this.queue[0];
    if (!head || now - head.sentAt < this.retransmitMs) return [];
    return this.resendAll(now);
  }

  get unacknowledged(): number {
    return this.queue.length;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Resends the oldest unacknowledged events, at most one window of them (the rest follow as ACKs come). */
  private resendAll(now: number): string[] {
    const burst = this.queue.slice(0, this.window);
    for (const q of burst) q.sentAt = now;
    return burst.map((q) => q.line);
  }
}
