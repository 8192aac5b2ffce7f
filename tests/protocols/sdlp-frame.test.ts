import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SEQ_MAX,
  encodeFrame,
  nextSeq,
  parseFrame,
  seqDistance,
  type SdlpFrame,
} from '../../hardware/protocols/sdlp/frame';
import { sdlp } from './support/reference';

const key = fc.stringMatching(/^[a-z][a-z0-9]{0,15}$/);
const value = fc.stringMatching(/^[A-Za-z0-9._:+-]{0,64}$/);
const frameArb: fc.Arbitrary<SdlpFrame> = fc.record({
  dev: fc.constantFrom('W', 'S', 'H' as const),
  seq: fc.integer({ min: 0, max: SEQ_MAX }),
  type: fc.stringMatching(/^[A-Z][A-Z0-9]{1,11}$/),
  fields: fc.dictionary(key, value, { maxKeys: 6 }).map((d) => ({ ...d })),
});

describe('encodeFrame', () => {
  it('writes $dev,seq,TYPE,k=v*CRC with the CRC of the bytes between $ and *', () => {
    expect(encodeFrame({ dev: 'W', seq: 1, type: 'START', fields: { game: '1' } })).toBe(
      '$W,1,START,game=1*6E99',
    );
    expect(encodeFrame({ dev: 'H', seq: 0, type: 'ACK', fields: { dev: 'W', seq: '1' } })).toBe(
      '$H,0,ACK,dev=W,seq=1*917A',
    );
    expect(encodeFrame({ dev: 'W', seq: 0, type: 'HB', fields: {} })).toBe('$W,0,HB*06F7');
  });

  it.each([['a b'], ['a,b'], ['a=b'], ['a*b'], ['a$b'], ['x'.repeat(65)]])(
    'refuses a field value the protocol cannot carry (%j)',
    (v) => {
      expect(() => encodeFrame({ dev: 'W', seq: 1, type: 'WARN', fields: { text: v } })).toThrow(
        /characters the protocol does not allow/,
      );
    },
  );

  it('refuses a key that is not lower-case alphanumeric', () => {
    expect(() => encodeFrame({ dev: 'W', seq: 1, type: 'WARN', fields: { Code: 'x' } })).toThrow();
  });
});

describe('parseFrame', () => {
  it('parses a hand-written frame into device, sequence, type and fields', () => {
    expect(parseFrame('$W,2,RESULT,game=1,n=17*337C')).toEqual({
      ok: true,
      frame: { dev: 'W', seq: 2, type: 'RESULT', fields: { game: '1', n: '17' } },
      garbage: 0,
    });
  });

  it('round-trips any encodable frame', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        expect(parseFrame(encodeFrame(frame))).toEqual({ ok: true, frame, garbage: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('counts the bytes of line noise before the last $ and still parses the frame', () => {
    const r = parseFrame(`\x00\xffzz${sdlp('W,1,START,game=1')}`);
    expect(r).toMatchObject({ ok: true, garbage: 4, frame: { type: 'START' } });
  });

  it('judges only the frame after the last $ (an earlier broken frame is noise)', () => {
    const r = parseFrame(`$W,1,STA${sdlp('W,2,NMB,game=1')}`);
    expect(r).toMatchObject({ ok: true, garbage: 8, frame: { seq: 2, type: 'NMB' } });
  });

  it('reports a wrong checksum with both values', () => {
    expect(parseFrame('$W,1,START,game=1*6E98')).toEqual({
      ok: false,
      reason: 'checksum',
      detail: 'checksum 6E98, computed 6E99',
    });
  });

  it('checks the checksum before the body: a broken body with a wrong CRC is a checksum error', () => {
    expect(parseFrame('$W,1,start game*0000')).toMatchObject({ ok: false, reason: 'checksum' });
  });

  it.each([
    ['no $', 'W,1,START,game=1*6E99', 'no frame start ($)'],
    ['no *', '$W,1,START,game=1', 'no checksum (*XXXX)'],
    ['lower-case CRC', '$W,1,START,game=1*6e99', 'checksum field "6e99" is not 4 hex digits'],
    ['three-digit CRC', '$W,1,START,game=1*E99', 'checksum field "E99" is not 4 hex digits'],
    ['empty CRC', '$W,1,START,game=1*', 'checksum field "" is not 4 hex digits'],
    ['lower-case type', sdlp('W,1,start,game=1'), 'frame body does not match $dev,seq,TYPE[,k=v]'],
    ['unknown device letter', sdlp('X,1,START,game=1'), 'frame body does not match $dev,seq,TYPE[,k=v]'],
    ['one-letter type', sdlp('W,1,S'), 'frame body does not match $dev,seq,TYPE[,k=v]'],
    ['six-digit seq', sdlp('W,123456,START'), 'frame body does not match $dev,seq,TYPE[,k=v]'],
    ['field without =', sdlp('W,1,START,game'), 'frame body does not match $dev,seq,TYPE[,k=v]'],
    ['space in a value', sdlp('W,1,WARN,text=a b'), 'frame body does not match $dev,seq,TYPE[,k=v]'],
    ['empty body', sdlp(''), 'frame body does not match $dev,seq,TYPE[,k=v]'],
    ['seq above 65535', sdlp('W,70000,START'), 'sequence number 70000 above 65535'],
    ['field given twice', sdlp('W,1,START,game=1,game=2'), 'field game given twice'],
  ])('rejects a malformed frame (%s) with its reason', (_case, line, detail) => {
    expect(parseFrame(line)).toEqual({ ok: false, reason: 'malformed', detail });
  });

  it('accepts an empty value and a field whose key is also an Object.prototype name', () => {
    expect(parseFrame(sdlp('W,1,WARN,code=x,text='))).toMatchObject({
      ok: true,
      frame: { fields: { code: 'x', text: '' } },
    });
    expect(parseFrame(sdlp('W,1,WARN,code=x,constructor=y'))).toMatchObject({
      ok: true,
      frame: { fields: { code: 'x', constructor: 'y' } },
    });
  });

  it('reads a zero-padded sequence number as its value (the CRC covers the digits as sent)', () => {
    expect(parseFrame(sdlp('W,00042,NMB,game=1'))).toMatchObject({ ok: true, frame: { seq: 42 } });
  });
});

describe('sequence helpers', () => {
  it.each([
    [1, 2],
    [41, 42],
    [65534, 65535],
    [65535, 1],
    [0, 1],
  ])('nextSeq(%i) is %i (0 is reserved, 65535 wraps to 1)', (seq, next) => {
    expect(nextSeq(seq)).toBe(next);
  });

  it.each([
    [1, 2, 1],
    [5, 5, 0],
    [65535, 1, 1],
    [65530, 3, 8],
    [1, 65535, 65534],
    [3, 65530, 65527],
    [100, 99, 65534],
  ])('seqDistance(%i, %i) is %i (forward distance in 1..65535)', (from, to, d) => {
    expect(seqDistance(from, to)).toBe(d);
  });

  it('nextSeq is one step forward from every sequence number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: SEQ_MAX }), (seq) => {
        const next = nextSeq(seq);
        expect(next).toBeGreaterThanOrEqual(1);
        expect(next).toBeLessThanOrEqual(SEQ_MAX);
        expect(seqDistance(seq, next)).toBe(1);
      }),
    );
  });

  it('the distances there and back add up to the size of the sequence space (or both are 0)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: SEQ_MAX }), fc.integer({ min: 1, max: SEQ_MAX }), (a, b) => {
        const sum = seqDistance(a, b) + seqDistance(b, a);
        expect(sum).toBe(a === b ? 0 : SEQ_MAX);
      }),
    );
  });
});
