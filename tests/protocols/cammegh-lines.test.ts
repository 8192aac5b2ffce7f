import { describe, expect, it } from 'vitest';
import {
  extendedFlagNames,
  parseLine,
  type CammeghLine,
  type CammeghVariant,
} from '../../hardware/protocols/cammegh/lines';

const ALL: CammeghVariant[] = ['basic', 'advanced', 'extended'];

function parsed(raw: string, variant: CammeghVariant): CammeghLine {
  const r = parseLine(raw, variant);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(raw)} to parse, got ${r.reason}: ${r.detail}`);
  expect(r.garbage).toBe(0);
  return r.line;
}

describe('Cammegh lines every port variant shares', () => {
  it.each<[string, CammeghLine]>([
    ['17', { kind: 'legacy', number: '17' }],
    [' 7', { kind: 'legacy', number: ' 7' }],
    ['07', { kind: 'legacy', number: '07' }],
    ['00', { kind: 'legacy', number: '00' }],
    ['0', { kind: 'legacy', number: '0' }],
    ['*S', { kind: 'start' }],
    ['*N', { kind: 'noMoreBets' }],
    ['*W 17', { kind: 'win', number: '17' }],
    ['*W 07', { kind: 'win', number: '07' }],
    ['*W 7', { kind: 'win', number: '7' }],
    ['*W  7', { kind: 'win', number: ' 7' }],
    ['*W17', { kind: 'win', number: '17' }],
    ['*W 00', { kind: 'win', number: '00' }],
    ['*Y:P:1', { kind: 'bonus', text: '*Y:P:1' }],
    ['*Y:A:17', { kind: 'bonus', text: '*Y:A:17' }],
    ['*Y:3:250', { kind: 'bonus', text: '*Y:3:250' }],
  ])('%j parses on every variant', (raw, line) => {
    for (const v of ALL) expect(parsed(raw, v)).toEqual(line);
  });

  it.each<[string, string, string]>([
    ['  ', 'malformed', 'neither a *-packet nor a two-character winning-number line'],
    ['123', 'malformed', 'neither a *-packet nor a two-character winning-number line'],
    ['ab', 'malformed', 'neither a *-packet nor a two-character winning-number line'],
    ['*W', 'malformed', 'winning number packet is not "*W nn"'],
    ['*W   ', 'malformed', 'winning number packet is not "*W nn"'],
    ['*W 1a', 'malformed', 'winning number packet is not "*W nn"'],
    ['*W 123', 'malformed', 'winning number packet is not "*W nn"'],
    ['*Q', 'unknown_type', 'unknown packet "*Q"'],
    ['*SX', 'unknown_type', 'unknown packet "*SX"'],
    ['*Z;1;2;3;4;5', 'unknown_type', 'unknown packet "*Z;1;2;3"'],
  ])('%j is refused as %s', (raw, reason, detail) => {
    for (const v of ALL) expect(parseLine(raw, v)).toEqual({ ok: false, reason, detail });
  });

  it('counts the bytes of line noise before the last * and parses the packet after them', () => {
    expect(parseLine('\x00\xffab*S', 'basic')).toEqual({ ok: true, line: { kind: 'start' }, garbage: 4 });
    expect(parseLine('*X;*W 17', 'advanced')).toEqual({
      ok: true,
      line: { kind: 'win', number: '17' },
      garbage: 3,
    });
    expect(parseLine('~~*X;2;005;  ;0;240;0', 'advanced')).toMatchObject({
      ok: true,
      line: { kind: 'status', state: 2 },
      garbage: 2,
    });
  });
});

describe('Cammegh Advanced status (*X, 7 fields)', () => {
  it.each<[string, CammeghLine]>([
    [
      '*X;2;005;  ;0;240;0',
      { kind: 'status', state: 2, count: 5, warnings: 0, rotorRpm: 24, rotorDirection: 'cw' },
    ],
    [
      '*X;5;123;17;A;245;1',
      {
        kind: 'status',
        state: 5,
        count: 123,
        last: '17',
        warnings: 10,
        rotorRpm: 24.5,
        rotorDirection: 'ccw',
      },
    ],
    [
      '*X;4;255; 7;f;000;0',
      { kind: 'status', state: 4, count: 255, last: ' 7', warnings: 15, rotorRpm: 0, rotorDirection: 'cw' },
    ],
    [
      '*X;7;0;00;8;600;1',
      { kind: 'status', state: 7, count: 0, last: '00', warnings: 8, rotorRpm: 60, rotorDirection: 'ccw' },
    ],
  ])('%j', (raw, line) => {
    expect(parsed(raw, 'advanced')).toEqual(line);
  });

  it('reads the two-space number field as "no last number"', () => {
    const line = parsed('*X;2;001;  ;0;200;0', 'advanced');
    expect(line.kind === 'status' && line.last).toBeUndefined();
  });

  it.each([
    ['*X;0;005;  ;0;240;0', 'state 0'],
    ['*X;8;005;  ;0;240;0', 'state 8'],
    ['*X;2;0005;  ;0;240;0', 'four-digit count'],
    ['*X;2;005;1x;0;240;0', 'number field with a letter'],
    ['*X;2;005;   ;0;240;0', 'three-character number field'],
    ['*X;2;005;  ;G;240;0', 'warning flags not hex'],
    ['*X;2;005;  ;0;24;0', 'two-digit rotor speed'],
    ['*X;2;005;  ;0;240;2', 'rotor direction 2'],
    ['*X;2;005;  ;0;240;', 'empty direction'],
  ])('%j (%s) is malformed: fields do not have the documented shape', (raw) => {
    expect(parseLine(raw, 'advanced')).toEqual({
      ok: false,
      reason: 'malformed',
      detail: 'status packet fields do not have the documented shape',
    });
  });

  it('a game count above 255 is out of range', () => {
    expect(parseLine('*X;2;256;  ;0;240;0', 'advanced')).toEqual({
      ok: false,
      reason: 'out_of_range',
      detail: 'game count 256 above 255',
    });
    expect(parseLine('*X;2;999;  ;0;240;0;0092;00;?;?????;??', 'extended')).toMatchObject({
      ok: false,
      reason: 'out_of_range',
    });
  });

  it('an Extended (12-field) packet on an Advanced port is malformed, with a hint', () => {
    expect(parseLine('*X;3;012;17;0;245;1;0022;05;0;04E20;??', 'advanced')).toEqual({
      ok: false,
      reason: 'malformed',
      detail: 'status packet has 12 fields, Advanced has 7 (the port seems set to Extended)',
    });
  });

  it('a packet with another field count is malformed without the hint', () => {
    expect(parseLine('*X;2;005;  ;0', 'advanced')).toEqual({
      ok: false,
      reason: 'malformed',
      detail: 'status packet has 5 fields, Advanced has 7',
    });
  });

  it('a status packet on a Basic port is an unknown type, with a hint', () => {
    expect(parseLine('*X;2;005;  ;0;240;0', 'basic')).toEqual({
      ok: false,
      reason: 'unknown_type',
      detail: 'status packet on a port set to Basic: is the port set to Advanced?',
    });
  });
});

describe('Cammegh Extended status (*X, 12 fields)', () => {
  it.each<[string, CammeghLine]>([
    [
      '*X;3;012;17;0;245;1;0022;05;0;04E20;??',
      {
        kind: 'status',
        state: 3,
        count: 12,
        last: '17',
        warnings: 0,
        rotorRpm: 24.5,
        rotorDirection: 'ccw',
        ext: { flags: 0x22, ballSpins: 5, ballDirection: 'cw', ballRevTime: 20000 },
      },
    ],
    [
      '*X;2;013;17;0;240;0;0092;00;?;?????;??',
      {
        kind: 'status',
        state: 2,
        count: 13,
        last: '17',
        warnings: 0,
        rotorRpm: 24,
        rotorDirection: 'cw',
        ext: { flags: 0x92, ballSpins: 0 },
      },
    ],
    [
      '*X;5;013;32;0;233;0;0112;1A;1;05dc0;32',
      {
        kind: 'status',
        state: 5,
        count: 13,
        last: '32',
        warnings: 0,
        rotorRpm: 23.3,
        rotorDirection: 'cw',
        ext: { flags: 0x112, ballSpins: 26, ballDirection: 'ccw', ballRevTime: 24000, pocket: '32' },
      },
    ],
  ])('%j', (raw, line) => {
    const got = parsed(raw, 'extended');
    expect(got).toEqual(line);
    // '?' placeholders are absent values, not zeros
    if (got.kind === 'status' && raw.includes('?????')) {
      expect(got.ext?.ballRevTime).toBeUndefined();
      expect(got.ext?.ballDirection).toBeUndefined();
      expect(got.ext?.pocket).toBeUndefined();
    }
  });

  it('reads the pocket field with the same padding as the number field (" 7" as well as "07")', () => {
    const ext = (raw: string) => {
      const line = parsed(raw, 'extended');
      return line.kind === 'status' ? line.ext : undefined;
    };
    expect(ext('*X;5;013; 7;0;233;0;0112;1A;1;05DC0; 7')?.pocket).toBe(' 7');
    expect(ext('*X;5;013;07;0;233;0;0112;1A;1;05DC0;07')?.pocket).toBe('07');
    expect(ext('*X;5;013;07;0;233;0;0112;1A;1;05DC0;  ')?.pocket).toBeUndefined();
  });

  it('an Advanced (7-field) packet on an Extended port is malformed, with a hint', () => {
    expect(parseLine('*X;2;005;  ;0;240;0', 'extended')).toEqual({
      ok: false,
      reason: 'malformed',
      detail: 'status packet has 7 fields, Extended has 12 (the port seems set to Advanced)',
    });
  });

  it.each([
    ['*X;3;012;17;0;245;1;022;05;0;04E20;??', 'three-digit flags'],
    ['*X;3;012;17;0;245;1;0022;5;0;04E20;??', 'one-digit spins'],
    ['*X;3;012;17;0;245;1;0022;05;2;04E20;??', 'ball direction 2'],
    ['*X;3;012;17;0;245;1;0022;05;0;04E2?;??', 'half-unknown revolution time'],
    ['*X;3;012;17;0;245;1;0022;05;0;04E20;?', 'one-character pocket'],
    ['*X;3;012;17;0;245;1;0022;05;0;04E20;3?', 'half-unknown pocket'],
  ])('%j (%s) is malformed', (raw) => {
    expect(parseLine(raw, 'extended')).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('names the extended flags that are set, in bit order', () => {
    expect(extendedFlagNames(0x192)).toEqual([
      'legal_speed',
      'clockwise',
      'no_ball_in_wheel',
      'ball_in_pocket',
    ]);
    expect(extendedFlagNames(0x0)).toEqual([]);
    expect(extendedFlagNames(0x1ff)).toHaveLength(9);
  });
});
