/** Raw serial traffic as the technician reads it: hex bytes beside printable text. Pure. */

/** Bytes shown per traffic line; longer chunks are cut (the capture file keeps every byte). */
export const MAX_TRAFFIC_BYTES = 256;

export function hexOf(bytes: Uint8Array): string {
  const out: string[] = [];
  for (const b of bytes.subarray(0, MAX_TRAFFIC_BYTES)) out.push(b.toString(16).padStart(2, '0'));
  return out.join(' ') + (bytes.length > MAX_TRAFFIC_BYTES ? ' …' : '');
}

/** Printable ASCII as is, CR and LF as ␍ ␊, everything else as '·'. */
export function textOf(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes.subarray(0, MAX_TRAFFIC_BYTES)) {
    if (b === 0x0d) s += '␍';
    else if (b === 0x0a) s += '␊';
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += '·';
  }
  return s + (bytes.length > MAX_TRAFFIC_BYTES ? '…' : '');
}

/** One line for a decoded device event: its type and its fields other than the evidence. */
export function eventSummary(event: Record<string, unknown>): string {
  const { type, at: _at, mono: _mono, frames: _frames, ...rest } = event;
  const fields = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [String(type), ...fields].join(' ');
}
