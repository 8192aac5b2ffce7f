import type { Clock } from '../../../lib/clock';

/**
 * Test-side references, written independently of the code under test: a bit-by-bit
 * CRC-16/CCITT-FALSE (the production one is table-driven) and a builder for hand-written SDLP frames.
 * crc16.test.ts pins both against published and hand-computed check values.
 */
export function refCrc16(text: string): number {
  let crc = 0xffff;
  for (const ch of Buffer.from(text, 'latin1')) {
    crc ^= ch << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
      crc &= 0xffff;
    }
  }
  return crc;
}

export function refCrcHex(text: string): string {
  return refCrc16(text).toString(16).toUpperCase().padStart(4, '0');
}

/** A hand-written SDLP frame: `$<body>*<CRC>`, e.g. sdlp('W,1,START,game=7'). */
export function sdlp(body: string): string {
  return `$${body}*${refCrcHex(body)}`;
}

/**
 * Whether a received line carries a frame whose checksum matches its body, judged by the reference
 * CRC: the body is what lies between the last '$' and the last '*' after it.
 */
export function refChecksumMatches(line: string): boolean {
  const start = line.lastIndexOf('$');
  if (start < 0) return false;
  const text = line.slice(start + 1);
  const star = text.lastIndexOf('*');
  if (star < 0) return false;
  return text.slice(star + 1) === refCrcHex(text.slice(0, star));
}

/** A clock frozen at one instant: the pipeline stamps events with it and never sets timers. */
export const frozenClock: Clock = {
  now: () => 1_700_000_000_000,
  monotonic: () => 1234.5,
  setTimeout: () => {
    throw new Error('the pure decoders set no timers');
  },
  clearTimeout: () => undefined,
};

export const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
