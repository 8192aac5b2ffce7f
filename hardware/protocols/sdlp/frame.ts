import { crc16Hex } from '../crc16';

/**
 * Studio Desk Line Protocol (SDLP) frames, one per line:
 *
 *   $<dev>,<seq>,<TYPE>[,<key>=<value>]...*<CRC>\r\n
 *
 * dev: W wheel, S shoe, H host (the desk). seq: 1..65535 for events the device must get
 * acknowledged, 0 for unsequenced frames (heartbeats, hello, host commands). CRC: CRC-16/CCITT-FALSE
 * of the bytes between '$' and '*', four upper-case hex digits. See docs/protocols/sdlp.md.
 */
export type SdlpDevice = 'W' | 'S' | 'H';

export interface SdlpFrame {
  dev: SdlpDevice;
  seq: number;
  type: string;
  fields: Record<string, string>;
}

export type SdlpParse =
  | { ok: true; frame: SdlpFrame; garbage: number }
  | { ok: false; reason: 'checksum' | 'malformed'; detail: string };

const BODY_RE = /^([WSH]),(\d{1,5}),([A-Z][A-Z0-9]{1,11})((?:,[a-z][a-z0-9]{0,15}=[A-Za-z0-9._:+-]{0,64})*)$/;
const KEY_RE = /^[a-z][a-z0-9]{0,15}$/;
const VALUE_RE = /^[A-Za-z0-9._:+-]{0,64}$/;
export const SEQ_MAX = 65535;

export function encodeFrame(frame: SdlpFrame): string {
  const parts = [frame.dev, String(frame.seq), frame.type];
  for (const [k, v] of Object.entries(frame.fields)) {
    if (!KEY_RE.test(k) || !VALUE_RE.test(v))
      throw new Error(`SDLP field ${k}=${v} has characters the protocol does not allow`);
    parts.push(`${k}=${v}`);
  }
  const body = parts.join(',');
  return `$${body}*${crc16Hex(body)}`;
}

/**
 * Parses one line. Bytes before the last '$' are line noise and are counted, not fatal: the frame
 * that follows is judged on its own checksum.
 */
export function parseFrame(line: string): SdlpParse {
  const start = line.lastIndexOf('$');
  if (start < 0) return { ok: false, reason: 'malformed', detail: 'no frame start ($)' };
  const text = line.slice(start + 1);
  const star = text.lastIndexOf('*');
  if (star < 0) return { ok: false, reason: 'malformed', detail: 'no checksum (*XXXX)' };
  const body = text.slice(0, star);
  const crc = text.slice(star + 1);
  if (!/^[0-9A-F]{4}$/.test(crc))
    return { ok: false, reason: 'malformed', detail: `checksum field "${crc}" is not 4 hex digits` };
  const expected = crc16Hex(body);
  if (crc !== expected)
    return { ok: false, reason: 'checksum', detail: `checksum ${crc}, computed ${expected}` };
  const m = BODY_RE.exec(body);
  if (!m) return { ok: false, reason: 'malformed', detail: 'frame body does not match $dev,seq,TYPE[,k=v]' };
  const seq = Number(m[2]);
  if (seq > SEQ_MAX)
    return { ok: false, reason: 'malformed', detail: `sequence number ${seq} above ${SEQ_MAX}` };
  const fields: Record<string, string> = {};
  for (const pair of (m[4] ?? '').split(',').slice(1)) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq);
    if (Object.hasOwn(fields, key))
      return { ok: false, reason: 'malformed', detail: `field ${key} given twice` };
    fields[key] = pair.slice(eq + 1);
  }
  return { ok: true, frame: { dev: m[1] as SdlpDevice, seq, type: m[3] as string, fields }, garbage: start };
}

/** Next sequence number after `seq` (1..65535, wrapping past 0, which is reserved). */
export function nextSeq(seq: number): number {
  return seq >= SEQ_MAX ? 1 : seq + 1;
}

/** Forward distance from `from` to `to` in the 1..65535 sequence space. */
export function seqDistance(from: number, to: number): number {
  return (((to - from) % SEQ_MAX) + SEQ_MAX) % SEQ_MAX;
}
