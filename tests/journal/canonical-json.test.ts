import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from '../../engine/journal/canonical-json';

/** A double from its IEEE 754 bits, as RFC 8785 Appendix B lists them. */
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson (RFC 8785 JCS)', () => {
  it('the example of RFC 8785 section 3.2.2: numbers, escapes, literals, key order', () => {
    const input = JSON.parse(
      String.raw`{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]}`,
    );
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts keys by UTF-16 code units, as in RFC 8785 section 3.2.3 (an emoji sorts before U+FB33)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const out = canonicalJson(input);
    // (Object.values would list the integer-like key "1" first: read the order from the text.)
    expect([...out.matchAll(/:"([^"]*)"/g)].map((m) => m[1])).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
    expect(out).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    [{ b: 1, a: 2, aa: 3, B: 4, _: 5, '': 6 }, '{"":6,"B":4,"_":5,"a":2,"aa":3,"b":1}'],
    [
      { z: [{ y: 1, x: [] }, {}], a: { d: null, c: [true, [false]] } },
      '{"a":{"c":[true,[false]],"d":null},"z":[{"x":[],"y":1},{}]}',
    ],
    [[], '[]'],
    [{}, '{}'],
    ['', '""'],
    [' spaces kept ', '" spaces kept "'],
    ['tab\tnul\u0000us\u001fdel\u007f', '"tab\\tnul\\u0000us\\u001fdel\u007f"'],
    ['\u2028\u2029 é ß 中 😀', '"\u2028\u2029 é ß 中 😀"'],
    ['/ not escaped', '"/ not escaped"'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('nested keys are sorted at every level, arrays keep their order', () => {
    expect(canonicalJson({ b: [3, 1, 2], a: { y: { k: 1, j: 2 }, x: 0 } })).toBe(
      '{"a":{"x":0,"y":{"j":2,"k":1}},"b":[3,1,2]}',
    );
  });

  it.each([
    // Appendix B of RFC 8785: IEEE 754 bits → serialised form
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('number with bits %s → %s', (bits, expected) => {
    expect(canonicalJson(fromBits(bits))).toBe(expected);
  });

  it.each([
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [1e-6, '0.000001'],
    [-0, '0'],
    [0.1, '0.1'],
    [0.1 + 0.2, '0.30000000000000004'],
    [4.5, '4.5'],
    [-17, '-17'],
    [24.1, '24.1'],
  ])('number %s → %s', (n, expected) => {
    expect(canonicalJson(n)).toBe(expected);
    expect(canonicalJson({ n })).toBe(`{"n":${expected}}`);
  });

  it.each([
    [Number.NaN, /^\$: NaN is not a finite number/],
    [Number.POSITIVE_INFINITY, /^\$: Infinity is not a finite number/],
    [{ a: [1, Number.NEGATIVE_INFINITY] }, /^\$\.a\[1\]: -Infinity is not a finite number/],
    [undefined, /^\$: undefined is not JSON/],
    [{ round: { id: 'r1', number: undefined } }, /^\$\.round\.number: undefined is not JSON/],
    [[1, undefined], /^\$\[1\]: undefined is not JSON/],
    [[1, , 3], /^\$\[1\]: array hole is not JSON/],
    [() => 1, /^\$: a function is not JSON/],
    [{ f() {} }, /^\$\.f: a function is not JSON/],
    [Symbol('s'), /^\$: a symbol is not JSON/],
    [10n, /^\$: bigint 10n is not JSON/],
    [{ 'odd key': 1n }, /^\$\["odd key"\]: bigint 1n is not JSON/],
    [new Date(0), /^\$: a Date is not plain JSON/],
    [new Map(), /^\$: a Map is not plain JSON/],
    [Buffer.from('x'), /^\$: a Buffer is not plain JSON/],
    [new (class Frame {})(), /^\$: a Frame is not plain JSON/],
    ['lone \ud800 surrogate', /^\$: string contains a lone surrogate/],
    [{ '\udc00': 1 }, /lone surrogate/],
  ])('rejects %s with the path of the offending value', (value, message) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('rejects a circular reference instead of overflowing the stack', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = { back: a };
    expect(() => canonicalJson(a)).toThrow(/^\$\.self\.back: circular reference/);
  });

  it('accepts the same object twice when it is not circular, and objects without a prototype', () => {
    const shared = { n: 1 };
    const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });
    expect(canonicalJson({ x: shared, y: shared, z: bare })).toBe(
      '{"x":{"n":1},"y":{"n":1},"z":{"a":1,"b":2}}',
    );
  });

  it('property: canonical JSON parses back to the same canonical JSON, and equals JSON.stringify up to key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const c = canonicalJson(value);
        expect(canonicalJson(JSON.parse(c))).toBe(c);
        expect(JSON.parse(c)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
