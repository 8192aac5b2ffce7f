import type { Clock } from '../../lib/clock';
import { LineFramer } from '../framing/line-framer';
import type { DeviceEventBody, EventMeta, LineDecoder, Rejection, RejectReason } from '../protocols/types';

export interface PipelineStats {
  bytesIn: number;
  lines: number;
  validFrames: number;
  events: number;
  rejected: Partial<Record<RejectReason, number>>;
  suppressedDuplicates: number;
}

export interface PipelineOutput<B> {
  events: (B & EventMeta)[];
  rejections: Rejection[];
  replies: string[];
  validFrames: number;
}

/**
 * Bytes in, events out: framing, the protocol decoder, and a last guard that a result or a card is
 * never reported twice, whatever the decoder or the device does. The same pipeline serves the live
 * driver and the replay of a capture file, so both decode alike.
 */
export class DecodePipeline<B extends DeviceEventBody> {
  private readonly framer: LineFramer;
  /** Key of every result and card reported (bounded), with what it said. */
  private readonly reported = new Map<string, string>();
  private readonly reportedOrder: string[] = [];
  readonly stats: PipelineStats = {
    bytesIn: 0,
    lines: 0,
    validFrames: 0,
    events: 0,
    rejected: {},
    suppressedDuplicates: 0,
  };

  constructor(
    readonly decoder: LineDecoder<B>,
    private readonly clock: Clock,
    maxLine = 512,
    private readonly memory = 4096,
  ) {
    this.framer = new LineFramer(maxLine);
  }

  /** A new connection: the framer drops any half line from the old one. */
  connected(): string[] {
    this.framer.reset();
    return this.decoder.onConnect();
  }

  push(chunk: Uint8Array): PipelineOutput<B> {
    this.stats.bytesIn += chunk.length;
    const out: PipelineOutput<B> = { events: [], rejections: [], replies: [], validFrames: 0 };
    const lines = this.framer.push(chunk);
    if (lines.length === 0) return out;
    const at = this.clock.now();
    const mono = this.clock.monotonic();
    for (const framed of lines) {
      this.stats.lines++;
      if (!framed.ok) {
        this.reject(out, { reason: framed.reason, detail: framed.detail, raw: framed.raw });
        continue;
      }
      const decoded = this.decoder.decode(framed.line);
      if (decoded.valid) {
        out.validFrames++;
        this.stats.validFrames++;
      }
      for (const r of decoded.rejections) this.reject(out, { ...r, raw: framed.line });
      out.replies.push(...decoded.replies);
      for (const body of decoded.events) {
        const unique = uniqueKey(body);
        if (unique) {
          const before = this.reported.get(unique.key);
          if (before !== undefined) {
            this.stats.suppressedDuplicates++;
            if (before === unique.value) {
              this.reject(out, {
                reason: 'duplicate',
                detail: `${unique.key} was already reported`,
                raw: framed.line,
              });
              continue;
            }
            // Same id, different content: the device reused an id. Never pick one silently.
            const detail = `${unique.key} was reported as ${before}, the device now says ${unique.value}: the second is not used`;
            this.reject(out, { reason: 'conflict', detail, raw: framed.line });
            const alarm = (
              body.type === 'result'
                ? { type: 'sensorError', code: 'conflicting_result', text: detail }
                : { type: 'readerError', code: 'conflicting_card', text: detail }
            ) as B;
            this.stats.events++;
            out.events.push({ ...alarm, at, mono, frames: [framed.line] });
            continue;
          }
          this.remember(unique.key, unique.value);
        }
        this.stats.events++;
        out.events.push({ ...body, at, mono, frames: [framed.line] });
      }
    }
    return out;
  }

  private reject(out: PipelineOutput<B>, r: Rejection): void {
    this.stats.rejected[r.reason] = (this.stats.rejected[r.reason] ?? 0) + 1;
    out.rejections.push(r);
  }

  private remember(key: string, value: string): void {
    this.reported.set(key, value);
    this.reportedOrder.push(key);
    if (this.reportedOrder.length > this.memory) this.reported.delete(this.reportedOrder.shift() as string);
  }
}

/** Events that must happen at most once: a game's result, a shoe's card at an index. */
function uniqueKey(body: DeviceEventBody): { key: string; value: string } | undefined {
  if (body.type === 'result') return { key: `result:${body.game}`, value: body.label };
  if (body.type === 'card') return { key: `card:${body.shoe}:${body.index}`, value: body.card };
  return undefined;
}
