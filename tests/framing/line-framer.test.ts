import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineFramer, type FramedLine } from '../../hardware/framing/line-framer';
import { bytes } from '../protocols/support/reference';

const ok = (line: string): FramedLine => ({ ok: true, line });

function frameAll(framer: LineFramer, chunks: Uint8Array[]): FramedLine[] {
  return chunks.flatMap((c) => framer.push(c));
}

/**
 * Independent model of the framing rule: split at CR/LF, skip empty lines, drop lines over the limit
 * (the evidence kept is what was buffered when the limit was crossed, at most 32 bytes).
 */
function model(data: Uint8Array, maxLine: number): FramedLine[] {
  const out: FramedLine[] = [];
  let line: number[] = [];
  for (const b of data) {
    if (b !== 0x0a && b !== 0x0d) {
      line.push(b);
      continue;
    }
    if (line.length > maxLine) {
      out.push({
        ok: false,
        reason: 'oversize',
        detail: `line longer than ${maxLine} bytes (${line.length} bytes dropped)`,
        raw: Buffer.from(line.slice(0, Math.min(maxLine + 1, 32))).toString('latin1'),
      });
    } else if (line.length > 0) {
      out.push(ok(Buffer.from(line).toString('latin1')));
    }
    line = [];
  }
  return out;
}

/** Byte streams rich in line ends, so that lines are short and splits fall everywhere. */
const stream = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 255 }) },
      { weight: 2, arbitrary: fc.constantFrom(0x0d, 0x0a) },
      { weight: 1, arbitrary: fc.constantFrom(0x24, 0x2a, 0x2c) },
    ),
    { maxLength: 400 },
  )
  .map((a) => Uint8Array.from(a));

/** Cut points for a byte stream: any number of chunks, empty chunks included. */
function splitAt(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(data.subarray(from, p));
    from = p;
  }
  chunks.push(data.subarray(from));
  return chunks;
}

describe('LineFramer line ends', () => {
  it.each([
    ['CR', 'one\rtwo\r', ['one', 'two']],
    ['LF', 'one\ntwo\n', ['one', 'two']],
    ['CRLF', 'one\r\ntwo\r\n', ['one', 'two']],
    ['LFCR', 'one\n\rtwo\n\r', ['one', 'two']],
    ['mixed endings', '*S\r\n*N\n*W 17\r', ['*S', '*N', '*W 17']],
  ])('ends a line at %s', (_name, input, lines) => {
    expect(new LineFramer().push(bytes(input))).toEqual(lines.map(ok));
  });

  it('skips empty lines (runs of CR and LF produce nothing)', () => {
    const framer = new LineFramer();
    expect(framer.push(bytes('\r\n\r\n\n\r\r'))).toEqual([]);
    expect(framer.push(bytes('\r\n\r\nA\r\n\r\n\r\nB\n\n'))).toEqual([ok('A'), ok('B')]);
  });

  it('holds a line without its end until the end arrives', () => {
    const framer = new LineFramer();
    expect(framer.push(bytes('$W,1,ST'))).toEqual([]);
    expect(framer.pending).toBe(7);
    expect(framer.push(bytes('ART'))).toEqual([]);
    expect(framer.push(bytes('\r'))).toEqual([ok('$W,1,START')]);
    expect(framer.pending).toBe(0);
  });

  it('splits merged frames arriving in one chunk', () => {
    const framer = new LineFramer();
    expect(framer.push(bytes('*X;2;001;  ;0;240;0\r\n*X;2;001;  ;0;240;0\r\n17\r\n*S'))).toEqual([
      ok('*X;2;001;  ;0;240;0'),
      ok('*X;2;001;  ;0;240;0'),
      ok('17'),
    ]);
    expect(framer.push(bytes('\n'))).toEqual([ok('*S')]);
  });

  it('keeps every byte value other than CR and LF, read as latin1', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i).filter((b) => b !== 0x0a && b !== 0x0d);
    const [line] = new LineFramer(1024).push(Uint8Array.from([...all, 0x0a]));
    expect(line).toEqual(ok(Buffer.from(all).toString('latin1')));
    expect(line?.ok && line.line.length).toBe(254);
  });

  it('reset() drops a half line so that it cannot merge with the next connection', () => {
    const framer = new LineFramer();
    framer.push(bytes('$W,1,STA'));
    framer.reset();
    expect(framer.pending).toBe(0);
    expect(framer.push(bytes('*S\r\n'))).toEqual([ok('*S')]);
  });
});

describe('LineFramer oversize lines', () => {
  it('keeps a line of exactly maxLine bytes', () => {
    expect(new LineFramer(8).push(bytes('12345678\r\n'))).toEqual([ok('12345678')]);
  });

  it('drops a line one byte over maxLine, with reason and detail, and recovers at the next line end', () => {
    expect(new LineFramer(8).push(bytes('123456789\r\nok\r\n'))).toEqual([
      {
        ok: false,
        reason: 'oversize',
        detail: 'line longer than 8 bytes (9 bytes dropped)',
        raw: '123456789',
      },
      ok('ok'),
    ]);
  });

  it('counts every dropped byte of a long line across chunks and keeps a 32-byte prefix as evidence', () => {
    const framer = new LineFramer(40);
    const long = 'x'.repeat(30) + 'y'.repeat(70); // 100 bytes
    expect(framer.push(bytes(long.slice(0, 45)))).toEqual([]);
    expect(framer.pending).toBe(45);
    expect(framer.push(bytes(long.slice(45)))).toEqual([]);
    expect(framer.pending).toBe(100);
    expect(framer.push(bytes('\n*S\n'))).toEqual([
      {
        ok: false,
        reason: 'oversize',
        detail: 'line longer than 40 bytes (100 bytes dropped)',
        raw: 'x'.repeat(30) + 'yy',
      },
      ok('*S'),
    ]);
    expect(framer.pending).toBe(0);
  });

  it('reports a long line once, however many chunks it spans', () => {
    const framer = new LineFramer(16);
    const out = frameAll(
      framer,
      [...Array(50)].map(() => bytes('abcdefgh')),
    );
    expect(out).toEqual([]);
    expect(framer.push(bytes('\r\n'))).toHaveLength(1);
  });

  it('a line end right after the limit is crossed still ends the oversize line (no stuck state)', () => {
    const framer = new LineFramer(4);
    expect(framer.push(bytes('abcde\rabcd\r'))).toEqual([
      { ok: false, reason: 'oversize', detail: 'line longer than 4 bytes (5 bytes dropped)', raw: 'abcde' },
      ok('abcd'),
    ]);
  });
});

describe('LineFramer properties', () => {
  it('gives the same lines for any split of a byte stream into chunks as for one chunk', () => {
    fc.assert(
      fc.property(
        stream,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (data, cuts, maxLine) => {
          const whole = new LineFramer(maxLine).push(data);
          const split = frameAll(new LineFramer(maxLine), splitAt(data, cuts));
          expect(split).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches the model: non-empty lines up to maxLine kept, longer ones reported oversize', () => {
    fc.assert(
      fc.property(stream, fc.integer({ min: 1, max: 40 }), (data, maxLine) => {
        expect(new LineFramer(maxLine).push(data)).toEqual(model(data, maxLine));
      }),
      { numRuns: 300 },
    );
  });

  it('byte-at-a-time delivery gives the same lines as one chunk', () => {
    fc.assert(
      fc.property(stream, (data) => {
        const framer = new LineFramer(32);
        const oneByOne = [...data].flatMap((b) => framer.push(Uint8Array.of(b)));
        expect(oneByOne).toEqual(new LineFramer(32).push(data));
      }),
      { numRuns: 200 },
    );
  });
});
