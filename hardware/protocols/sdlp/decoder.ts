import type { z } from 'zod';
import { emptyOutput, type DecodeOutput, type LineDecoder } from '../types';
import { SEQ_MAX, parseFrame, type SdlpFrame } from './frame';
import { SdlpReceiver } from './receiver';

/** Maps one accepted SDLP frame of a given TYPE to event bodies; throws FieldError on bad fields. */
export type SdlpHandler<B> = (fields: Record<string, string>, frame: SdlpFrame) => B[];

export class FieldError extends Error {
  constructor(
    message: string,
    readonly reason: 'malformed' | 'out_of_range' = 'malformed',
  ) {
    super(message);
  }
}

/** Validates a frame's key=value fields against a zod object schema; names the offending field. */
export function fieldsOf<S extends z.ZodType>(schema: S, fields: Record<string, string>): z.infer<S> {
  const r = schema.safeParse(fields);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new FieldError(`field ${issue?.path.join('.') || '?'}: ${issue?.message ?? 'invalid'}`);
}

/**
 * The shared half of every SDLP device decoder: checksum and shape, device letter, HELLO and
 * heartbeat, the reliable sequence (duplicates dropped, gaps refused until resent), acknowledgements.
 * The device-specific half is a table of handlers, one per frame type.
 */
export class SdlpDecoder<B> implements LineDecoder<B> {
  private readonly receiver: SdlpReceiver;

  constructor(
    readonly protocol: string,
    private readonly dev: 'W' | 'S',
    private readonly handlers: Record<string, SdlpHandler<B>>,
    private readonly onHello: (fields: Record<string, string>) => B[],
    private readonly onHeartbeat: (fields: Record<string, string>) => B[] = () => [],
  ) {
    this.receiver = new SdlpReceiver(dev);
  }

  onConnect(): string[] {
    return [this.receiver.syncRequest()];
  }

  decode(line: string): DecodeOutput<B> {
    const out = emptyOutput<B>();
    const parsed = parseFrame(line);
    if (!parsed.ok) {
      out.rejections.push({ reason: parsed.reason, detail: parsed.detail });
      return out;
    }
    const { frame } = parsed;
    if (parsed.garbage > 0)
      out.rejections.push({
        reason: 'malformed',
        detail: `${parsed.garbage} byte(s) of line noise before the frame`,
      });
    if (frame.dev !== this.dev) {
      out.rejections.push({
        reason: 'malformed',
        detail: `frame from device "${frame.dev}", expected "${this.dev}"`,
      });
      return out;
    }
    out.valid = true;
    try {
      if (frame.type === 'HELLO') {
        const next = helloNext(frame.fields.next);
        if (frame.fields.next !== undefined && next === undefined)
          out.rejections.push({
            reason: 'malformed',
            detail: `HELLO next=${frame.fields.next} is not a sequence number 1..${SEQ_MAX}: ignored`,
          });
        const { gap } = this.receiver.hello(frame.fields.boot, next);
        if (gap) out.rejections.push({ reason: 'sequence_gap', detail: gap });
        out.events.push(...this.onHello(frame.fields));
        return out;
      }
      if (frame.type === 'HB') {
        out.events.push(...this.onHeartbeat(frame.fields));
        return out;
      }
      const handler = this.handlers[frame.type];
      if (frame.seq === 0) {
        out.rejections.push({ reason: 'malformed', detail: `${frame.type} must carry a sequence number` });
        return out;
      }
      // Admit first: a frame with a good checksum but unusable content is acknowledged and reported,
      // because sending it again would not mend it and would stall every event behind it.
      const admission = this.receiver.admit(frame.seq);
      this.pushAck(out);
      if (admission.kind === 'duplicate') {
        out.rejections.push({ reason: 'duplicate', detail: admission.detail });
        return out;
      }
      if (admission.kind === 'early') {
        out.rejections.push({ reason: 'sequence_gap', detail: admission.detail });
        return out;
      }
      if (!handler) {
        out.rejections.push({ reason: 'unknown_type', detail: `frame type ${frame.type} is not known` });
        return out;
      }
      out.events.push(...handler(frame.fields, frame));
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      out.rejections.push({ reason: e.reason, detail: `${frame.type}: ${e.message}` });
    }
    return out;
  }

  private pushAck(out: DecodeOutput<B>): void {
    const ack = this.receiver.ack();
    if (ack) out.replies.push(ack);
  }
}

/** HELLO's `next=`: a sequence number 1..65535, or undefined (0, empty or out of range would stall the stream). */
function helloNext(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= SEQ_MAX ? n : undefined;
}
