/**
 * Line faults a simulator puts on its own output, on demand: noise (garbage between frames, flipped,
 * dropped or inserted bytes inside frames), split frames, bad checksums, stalls.
 */
export interface FaultSettings {
  /** Probability (0..1) that a frame is hit by line noise. */
  noise: number;
  /** Write each frame in several chunks. */
  split: boolean;
}

export interface FaultCounters {
  frames: number;
  noisy: number;
  badChecksums: number;
  split: number;
}

export type NoiseKind = 'garbage' | 'flip' | 'drop' | 'insert';
const NOISE_KINDS: NoiseKind[] = ['garbage', 'flip', 'drop', 'insert'];

export class FaultInjector {
  readonly settings: FaultSettings;
  readonly counters: FaultCounters = { frames: 0, noisy: 0, badChecksums: 0, split: 0 };
  private badChecksumsPending = 0;

  constructor(
    settings: Partial<FaultSettings> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.settings = { noise: 0, split: false, ...settings };
  }

  /** The next `n` frames go out with a wrong last character (a bad checksum on SDLP). */
  badChecksums(n: number): void {
    this.badChecksumsPending += n;
  }

  /** One frame (without line end) → the chunks to write, line end included. */
  apply(line: string): Buffer[] {
    this.counters.frames++;
    let bytes = [...Buffer.from(line, 'latin1')];
    let prefix: number[] = [];
    if (this.badChecksumsPending > 0 && bytes.length > 0) {
      this.badChecksumsPending--;
      this.counters.badChecksums++;
      const last = bytes.length - 1;
      const c = bytes[last] as number;
      bytes[last] = c === 0x30 ? 0x31 : 0x30; // '0' <-> '1': still a hex digit, but wrong
    }
    if (this.settings.noise > 0 && this.random() < this.settings.noise) {
      this.counters.noisy++;
      const kind = NOISE_KINDS[Math.floor(this.random() * NOISE_KINDS.length)] as NoiseKind;
      const at = Math.floor(this.random() * Math.max(1, bytes.length));
      const junk = () => Math.floor(this.random() * 256);
      if (kind === 'garbage') prefix = Array.from({ length: 1 + Math.floor(this.random() * 8) }, junk);
      else if (kind === 'flip') bytes[at] = ((bytes[at] ?? 0) ^ (1 << Math.floor(this.random() * 8))) & 0xff;
      else if (kind === 'drop') bytes.splice(at, 1);
      else bytes.splice(at, 0, junk());
    }
    bytes = [...prefix, ...bytes, 0x0d, 0x0a];
    const buf = Buffer.from(bytes);
    if (!this.settings.split || buf.length < 2) return [buf];
    this.counters.split++;
    const chunks: Buffer[] = [];
    let pos = 0;
    while (pos < buf.length) {
      const size = 1 + Math.floor(this.random() * Math.max(1, buf.length / 2));
      chunks.push(buf.subarray(pos, pos + size));
      pos += size;
    }
    return chunks;
  }
}
