/**
 * Splits a byte stream into lines ended by CR and/or LF, the framing every supported wheel and shoe
 * protocol shares. Chunk boundaries do not matter (split and merged packets give the same lines).
 * A line longer than `maxLine` is dropped whole and reported, so a stuck or noisy line can never
 * grow a buffer without bound.
 */
export type FramedLine =
  { ok: true; line: string } | { ok: false; reason: 'oversize'; detail: string; raw: string };

export class LineFramer {
  private buf: number[] = [];
  private discarding = false;
  private discarded = 0;

  constructor(private readonly maxLine = 512) {}

  push(chunk: Uint8Array): FramedLine[] {
    const out: FramedLine[] = [];
    for (const byte of chunk) {
      if (byte === 0x0a || byte === 0x0d) {
        if (this.discarding) {
          out.push({
            ok: false,
            reason: 'oversize',
            detail: `line longer than ${this.maxLine} bytes (${this.discarded} bytes dropped)`,
            raw: latin1(this.buf),
          });
          this.discarding = false;
          this.discarded = 0;
        } else if (this.buf.length > 0) {
          out.push({ ok: true, line: latin1(this.buf) });
        }
        this.buf = [];
        continue;
      }
      if (this.discarding) {
        this.discarded++;
        continue;
      }
      this.buf.push(byte);
      if (this.buf.length > this.maxLine) {
        this.discarding = true;
        this.discarded = this.buf.length;
        this.buf = this.buf.slice(0, 32); // keep a prefix for the report
      }
    }
    return out;
  }

  /** Bytes held waiting for a line end (for diagnostics). */
  get pending(): number {
    return this.discarding ? this.discarded : this.buf.length;
  }

  reset(): void {
    this.buf = [];
    this.discarding = false;
    this.discarded = 0;
  }
}

function latin1(bytes: number[]): string {
  return Buffer.from(bytes).toString('latin1');
}
