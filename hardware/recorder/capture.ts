import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { TrafficRecord } from '../drivers/device';

/**
 * Capture files: every byte in and out of a device, timestamped, one JSON object per line.
 *
 *   {"capture":"studio-desk","version":1,"device":"wheel","protocol":"sdlp","port":"...","started":"ISO"}
 *   {"t":12.345,"dir":"rx","hex":"2457..."}
 *   {"t":20.001,"dir":"open","hex":""}            (the port was (re)opened; also "close")
 *
 * `t` is milliseconds since the capture started (monotonic). Chunks keep the boundaries they had on
 * the wire, so a replay reproduces split and merged packets exactly.
 */
export const CaptureHeader = z.object({
  capture: z.literal('studio-desk'),
  version: z.literal(1),
  device: z.enum(['wheel', 'shoe']),
  protocol: z.string(),
  port: z.string(),
  started: z.string(),
  layout: z.enum(['european', 'american']).optional(),
  note: z.string().optional(),
});
export type CaptureHeader = z.infer<typeof CaptureHeader>;

export const CaptureRecord = z.object({
  t: z.number().nonnegative(),
  dir: z.enum(['rx', 'tx', 'open', 'close']),
  hex: z.string().regex(/^([0-9a-f]{2})*$/),
});
export type CaptureRecord = z.infer<typeof CaptureRecord>;

export class CaptureWriter {
  private readonly stream: WriteStream;
  private t0: number | undefined;

  constructor(path: string, header: Omit<CaptureHeader, 'capture' | 'version'>) {
    this.stream = createWriteStream(path, { flags: 'w' });
    this.stream.write(`${JSON.stringify({ capture: 'studio-desk', version: 1, ...header })}\n`);
  }

  write(rec: TrafficRecord | { dir: 'open' | 'close'; mono: number }): void {
    this.t0 ??= rec.mono;
    const hex = 'bytes' in rec ? rec.bytes.toString('hex') : '';
    const line: CaptureRecord = { t: Math.round((rec.mono - this.t0) * 1000) / 1000, dir: rec.dir, hex };
    this.stream.write(`${JSON.stringify(line)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  }
}

export class CaptureFormatError extends Error {}

export async function readCapture(
  path: string,
): Promise<{ header: CaptureHeader; records: CaptureRecord[] }> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let header: CaptureHeader | undefined;
  const records: CaptureRecord[] = [];
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new CaptureFormatError(`${path}:${n}: not JSON`);
    }
    if (!header) {
      const h = CaptureHeader.safeParse(json);
      if (!h.success)
        throw new CaptureFormatError(
          `${path}:${n}: not a studio-desk capture header (${h.error.issues[0]?.message})`,
        );
      header = h.data;
      continue;
    }
    const r = CaptureRecord.safeParse(json);
    if (!r.success)
      throw new CaptureFormatError(
        `${path}:${n}: bad record (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`,
      );
    records.push(r.data);
  }
  if (!header) throw new CaptureFormatError(`${path}: empty capture`);
  return { header, records };
}
