import { encodeFrame, nextSeq, seqDistance, type SdlpFrame } from './frame';

/**
 * The desk's side of SDLP's reliable event stream (go-back-N): an event is accepted only when its
 * sequence number is the next expected one; every accepted or repeated event is acknowledged
 * cumulatively; a frame that skips ahead is refused unacknowledged, so the device sends the missing
 * ones again, in order. A device that lost events itself says so in its HELLO (`next=`), which is
 * reported as a gap rather than hidden.
 */
export type Admission =
  { kind: 'accept' } | { kind: 'duplicate'; detail: string } | { kind: 'early'; detail: string };

export class SdlpReceiver {
  private boot: string | undefined;
  /** Last sequence number accepted (0 = none yet under this boot). */
  private last = 0;
  /** The next sequence number announced by the device's HELLO, when we have not accepted anything yet. */
  private expectedFirst: number | undefined;

  constructor(private readonly dev: 'W' | 'S') {}

  /** HELLO: a new boot id resets the stream; `next` tells where the device's unacknowledged events start. */
  hello(boot: string | undefined, next: number | undefined): { gap?: string } {
    if (boot !== this.boot) {
      this.boot = boot;
      this.last = 0;
      this.expectedFirst = next;
      return {};
    }
    if (next !== undefined && this.last !== 0) {
      const d = seqDistance(this.last, next);
      if (d > 1 && d < 32768) {
        const gap = `device resumed at seq ${next} but ${this.last} was the last received: ${d - 1} event(s) lost by the device`;
        this.last = (next - 1 + 65535) % 65535 || 65535;
        return { gap };
      }
    } else if (this.last === 0) {
      this.expectedFirst = next;
    }
    return {};
  }

  admit(seq: number): Admission {
    if (this.last === 0) {
      if (this.expectedFirst !== undefined && seq !== this.expectedFirst) {
        const d = seqDistance(this.expectedFirst, seq);
        if (d > 0 && d < 32768)
          return { kind: 'early', detail: `seq ${seq} before ${this.expectedFirst} was received` };
        return { kind: 'duplicate', detail: `seq ${seq} precedes the announced ${this.expectedFirst}` };
      }
      this.last = seq;
      this.expectedFirst = undefined;
      return { kind: 'accept' };
    }
    const d = seqDistance(this.last, seq);
    if (d === 1) {
      this.last = seq;
      return { kind: 'accept' };
    }
    if (d === 0 || d >= 32768)
      return { kind: 'duplicate', detail: `seq ${seq} already received (last ${this.last})` };
    return { kind: 'early', detail: `seq ${seq} arrived but ${nextSeq(this.last)} is expected` };
  }

  /** The cumulative acknowledgement to send now, or undefined before anything was received. */
  ack(): string | undefined {
    if (this.last === 0) return undefined;
    const frame: SdlpFrame = {
      dev: 'H',
      seq: 0,
      type: 'ACK',
      fields: { dev: this.dev, seq: String(this.last) },
    };
    return encodeFrame(frame);
  }

  syncRequest(): string {
    return encodeFrame({ dev: 'H', seq: 0, type: 'SYNC', fields: { dev: this.dev } });
  }
}
