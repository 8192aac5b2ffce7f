import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodePipeline } from '../../hardware/drivers/pipeline';
import {
  SHOE_PROTOCOLS,
  WHEEL_PROTOCOLS,
  createShoeDecoder,
  createWheelDecoder,
} from '../../hardware/protocols/registry';
import {
  REJECT_REASONS,
  type DecodeOutput,
  type DeviceEventBody,
  type LineDecoder,
  type WheelEventBody,
} from '../../hardware/protocols/types';
import { pocketOrder, type WheelLayout } from '../../hardware/wheel/layout';
import { advanced, extended, numberField, type ExtendedStatusFields } from './support/cammegh';
import { cammeghLines, sdlpShoeLines, sdlpWheelLines } from './support/corpus';
import { frozenClock, refChecksumMatches } from './support/reference';

/** Wraps a decoder to see what it made of each line; the pipeline cannot tell this wrapper apart. */
class Observed<B> implements LineDecoder<B> {
  readonly outputs: { line: string; out: DecodeOutput<B> }[] = [];
  constructor(private readonly inner: LineDecoder<B>) {}
  get protocol(): string {
    return this.inner.protocol;
  }
  decode(line: string): DecodeOutput<B> {
    const out = this.inner.decode(line);
    this.outputs.push({ line, out });
    return out;
  }
  onConnect(): string[] {
    return this.inner.onConnect();
  }
}

interface Subject {
  name: string;
  make: () => LineDecoder<DeviceEventBody>;
  seeds: string[];
  sdlp: boolean;
}

const LAYOUTS: WheelLayout[] = ['european', 'american'];
const SUBJECTS: Subject[] = [
  ...WHEEL_PROTOCOLS.flatMap((protocol) =>
    LAYOUTS.map((layout): Subject => ({
      name: `wheel ${protocol} ${layout}`,
      make: () => createWheelDecoder(protocol, layout),
      seeds:
        protocol === 'sdlp'
          ? sdlpWheelLines(layout)
          : cammeghLines(protocol.replace('cammegh-', '') as 'basic' | 'advanced' | 'extended', layout),
      sdlp: protocol === 'sdlp',
    })),
  ),
  ...SHOE_PROTOCOLS.map((protocol): Subject => ({
    name: `shoe ${protocol}`,
    make: () => createShoeDecoder(protocol),
    seeds: sdlpShoeLines(),
    sdlp: true,
  })),
];

it('the fuzz subjects cover every registered protocol and layout, each with seed frames', () => {
  expect(SUBJECTS.map((s) => s.name)).toEqual([
    'wheel sdlp european',
    'wheel sdlp american',
    'wheel cammegh-basic european',
    'wheel cammegh-basic american',
    'wheel cammegh-advanced european',
    'wheel cammegh-advanced american',
    'wheel cammegh-extended european',
    'wheel cammegh-extended american',
    'shoe sdlp',
  ]);
  for (const s of SUBJECTS) expect(s.seeds.length).toBeGreaterThan(5);
});

/** One byte-level change to a line: flip a bit, insert a byte, or drop a byte. */
type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'insert'; at: number; byte: number }
  | { op: 'drop'; at: number };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
);

function mutate(line: string, mutations: Mutation[]): string {
  const b = [...Buffer.from(line, 'latin1')];
  for (const m of mutations) {
    const at = m.at % (b.length + (m.op === 'insert' ? 1 : 0) || 1);
    if (m.op === 'flip' && b.length > 0) b[at] = (b[at] as number) ^ (1 << m.bit);
    else if (m.op === 'insert') b.splice(at, 0, m.byte);
    else if (m.op === 'drop') b.splice(at, 1);
  }
  return Buffer.from(b).toString('latin1');
}

/** A line of the subject's protocol: a seed as is, a mutated seed, or noise made of the protocol's characters. */
function lineArb(seeds: string[]): fc.Arbitrary<string> {
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    { weight: 3, arbitrary: seed },
    {
      weight: 4,
      arbitrary: fc
        .tuple(seed, fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([l, m]) => mutate(l, m)),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.constantFrom(...'$*;,=?0123456789 ABCDEFHNSWXYZacdegimnqrstx\x00\xff'), { maxLength: 60 })
        .map((c) => c.join('')),
    },
  );
}

const chunked = (data: Uint8Array, sizes: number[]): Uint8Array[] => {
  const out: Uint8Array[] = [];
  let pos = 0;
  for (const size of sizes.length ? sizes : [data.length]) {
    if (pos >= data.length) break;
    out.push(data.subarray(pos, pos + size));
    pos += size;
  }
  if (pos < data.length) out.push(data.subarray(pos));
  return out;
};

/**
 * Pushes chunks through a DecodePipeline and checks the accounting that operators rely on: nothing
 * throws, every line is either valid, an event, or counted under a reject reason, and the counters
 * add up to what the decoder said.
 */
function checkAccounting(subject: Subject, chunks: Uint8Array[], maxLine = 512): void {
  const observed = new Observed(subject.make());
  const pipeline = new DecodePipeline(observed, frozenClock, maxLine);
  pipeline.connected();
  let reported = 0;
  for (const c of chunks) {
    const out = pipeline.push(c);
    reported += out.rejections.length;
    for (const r of out.rejections) expect(REJECT_REASONS).toContain(r.reason);
  }
  const { stats } = pipeline;
  const oversize = stats.rejected.oversize ?? 0;
  expect(stats.lines).toBe(observed.outputs.length + oversize);
  for (const { line, out } of observed.outputs) {
    if (!out.valid && out.events.length === 0) {
      expect(out.rejections.length, `line ${JSON.stringify(line)} vanished without a reason`).toBeGreaterThan(
        0,
      );
    }
  }
  const decoderRejections = observed.outputs.reduce((n, o) => n + o.out.rejections.length, 0);
  const decoderEvents = observed.outputs.reduce((n, o) => n + o.out.events.length, 0);
  const counted = Object.values(stats.rejected).reduce((a, b) => a + (b ?? 0), 0);
  expect(counted).toBe(decoderRejections + oversize + stats.suppressedDuplicates);
  expect(counted).toBe(reported);
  expect(stats.events + stats.suppressedDuplicates).toBe(decoderEvents);
  expect(stats.validFrames).toBe(observed.outputs.filter((o) => o.out.valid).length);
}

describe.each(SUBJECTS)('fuzz: $name', (subject) => {
  it('arbitrary bytes in arbitrary chunks never throw, and every refused line is counted under a reason', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 20 }),
        (data, sizes) => checkAccounting(subject, chunked(data, sizes), 64),
      ),
      { numRuns: 150 },
    );
  });

  it('streams of valid, mutated and noise lines never throw, and every refused line is counted', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb(subject.seeds), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 80 }), { maxLength: 30 }),
        fc.constantFrom('\r\n', '\n', '\r'),
        (lines, sizes, eol) => {
          const data = Buffer.from(lines.map((l) => l + eol).join(''), 'latin1');
          checkAccounting(subject, chunked(data, sizes));
        },
      ),
      { numRuns: 150 },
    );
  });

  if (subject.sdlp) {
    it('a mutated frame whose checksum no longer matches is never turned into an event', () => {
      let refused = 0;
      fc.assert(
        fc.property(
          fc.constantFrom(...subject.seeds),
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          (seed, mutations) => {
            const line = mutate(seed, mutations);
            const pipeline = new DecodePipeline(subject.make(), frozenClock);
            const out = pipeline.push(Buffer.from(`${line}\r\n`, 'latin1'));
            for (const e of out.events) {
              expect(refChecksumMatches(e.frames[0] ?? ''), `event from ${JSON.stringify(e.frames[0])}`).toBe(
                true,
              );
            }
            if (!line.split(/[\r\n]/).some(refChecksumMatches)) {
              expect(out.events).toEqual([]);
              refused++;
            }
          },
        ),
        { numRuns: 400 },
      );
      expect(refused).toBeGreaterThan(100); // most mutations do break the checksum: the property was exercised
    });

    it('in a stream, no event comes from a line whose checksum does not match', () => {
      fc.assert(
        fc.property(fc.array(lineArb(subject.seeds), { minLength: 1, maxLength: 40 }), (lines) => {
          const pipeline = new DecodePipeline(subject.make(), frozenClock);
          pipeline.connected();
          for (const l of lines) {
            for (const e of pipeline.push(Buffer.from(`${l}\r\n`, 'latin1')).events) {
              expect(refChecksumMatches(e.frames[0] ?? '')).toBe(true);
            }
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});

/**
 * Cammegh Advanced and Extended have no checksum; the vote of two agreeing status packets is what
 * protects them. A game is told as runs of at least three identical status packets per state
 * (2, 3, 4, 5: real wheels repeat each state for seconds at 500 ms), and at most one corrupted packet
 * is inserted into each run, after one of its packets, so two corrupted packets are never adjacent.
 */
interface Game {
  label: string;
  spins: number;
  runs: [number, number, number, number];
  corrupt: (Corruption | null)[];
}
type Corruption =
  | { kind: 'bytes'; after: number; mutations: Mutation[] }
  | {
      kind: 'field';
      after: number;
      state: number;
      count: number;
      last: string;
      warnings: number;
      spins: number;
    };

function gameArb(layout: WheelLayout): fc.Arbitrary<Game> {
  const labels = pocketOrder(layout).map(String);
  const corruption: fc.Arbitrary<Corruption> = fc.oneof(
    fc.record({
      kind: fc.constant('bytes' as const),
      after: fc.nat(),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('field' as const),
      after: fc.nat(),
      state: fc.integer({ min: 1, max: 7 }),
      count: fc.integer({ min: 0, max: 255 }),
      last: fc.constantFrom(...labels.map(numberField), '  '),
      warnings: fc.integer({ min: 0, max: 15 }),
      spins: fc.integer({ min: 0, max: 255 }),
    }),
  );
  return fc.record({
    label: fc.constantFrom(...labels),
    spins: fc.integer({ min: 0, max: 60 }),
    runs: fc.tuple(...[0, 1, 2, 3].map(() => fc.integer({ min: 3, max: 6 }))) as fc.Arbitrary<
      [number, number, number, number]
    >,
    corrupt: fc.array(fc.option(corruption, { freq: 2 }), { minLength: 4, maxLength: 4 }),
  });
}

function statusPackets(
  variant: 'advanced' | 'extended',
  games: Game[],
  firstCount: number,
  withCorruption: boolean,
): string[] {
  const build = (f: ExtendedStatusFields) => (variant === 'extended' ? extended(f) : advanced(f));
  const lines: string[] = [];
  let last = '  ';
  games.forEach((g, i) => {
    const count = (firstCount + i) % 256;
    const phases: ExtendedStatusFields[] = [
      { state: 2, count, last, flags: 0x92 },
      { state: 3, count, last, ball: '1', revTime: 20000, flags: 0x12 },
      { state: 4, count, last, ball: '1', revTime: 23000, spins: g.spins, flags: 0x12 },
      {
        state: 5,
        count,
        last: numberField(g.label),
        ball: '1',
        spins: g.spins,
        pocket: numberField(g.label),
        flags: 0x112,
      },
    ];
    phases.forEach((p, r) => {
      const good = build(p);
      const n = g.runs[r] as number;
      const c = withCorruption ? g.corrupt[r] : null;
      const after = c ? 1 + (c.after % n) : -1;
      for (let k = 1; k <= n; k++) {
        lines.push(good);
        if (k !== after || !c) continue;
        lines.push(
          c.kind === 'bytes'
            ? mutate(good, c.mutations)
            : build({
                ...p,
                state: c.state,
                count: c.count,
                last: c.last,
                warnings: c.warnings,
                spins: c.spins,
              }),
        );
      }
    });
    last = numberField(g.label);
  });
  return lines;
}

function decodeResults(variant: 'advanced' | 'extended', layout: WheelLayout, lines: string[]) {
  const pipeline = new DecodePipeline<WheelEventBody>(
    createWheelDecoder(`cammegh-${variant}`, layout),
    frozenClock,
  );
  pipeline.connected();
  const events = lines.flatMap((l) => pipeline.push(Buffer.from(`${l}\r\n`, 'latin1')).events);
  return {
    results: events.flatMap((e) =>
      e.type === 'result'
        ? [{ game: e.game, label: e.label, late: e.late, ballRevolutions: e.ballRevolutions }]
        : [],
    ),
    alarms: events.filter((e) => ['misspin', 'sensorError', 'tableClosed'].includes(e.type)),
    starts: events.filter((e) => e.type === 'gameStart').length,
  };
}

describe.each([
  ['advanced', 'european'],
  ['advanced', 'american'],
  ['extended', 'european'],
  ['extended', 'american'],
] as const)('Cammegh %s (%s): single isolated corrupted status packets', (variant, layout) => {
  it('change no result: the results are exactly those of the game truth', () => {
    fc.assert(
      fc.property(
        fc.array(gameArb(layout), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 255 }),
        (games, firstCount) => {
          const truth = games.map((g, i) => ({
            game: `g${i + 1}`,
            label: g.label,
            late: false,
            ballRevolutions: variant === 'extended' ? g.spins : undefined,
          }));
          const clean = decodeResults(variant, layout, statusPackets(variant, games, firstCount, false));
          expect(clean.results).toEqual(truth);
          const noisy = decodeResults(variant, layout, statusPackets(variant, games, firstCount, true));
          expect(noisy.results).toEqual(truth);
          expect(noisy.alarms).toEqual([]);
          expect(noisy.starts).toBe(games.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
