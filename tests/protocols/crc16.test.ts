import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16, crc16Hex } from '../../hardware/protocols/crc16';
import { refCrc16 } from './support/reference';

/**
 * Expected values were computed outside this code base (Python's binascii.crc_hqx(data, 0xFFFF), which
 * is CRC-16/CCITT-FALSE), not with the function under test.
 */
const KNOWN: [string, number][] = [
  ['123456789', 0x29b1], // the catalogue check value of CRC-16/CCITT-FALSE
  ['', 0xffff], // nothing fed: the initial value, no final xor
  ['A', 0xb915],
  ['W,1,START,game=1', 0x6e99],
  ['W,0,HB', 0x06f7],
  ['W,2,RESULT,game=1,n=17', 0x337c],
  ['H,0,ACK,dev=W,seq=1', 0x917a],
  ['H,0,ACK,dev=S,seq=65535', 0x11b8],
  ['H,0,SYNC,dev=W', 0xc6a0],
  ['S,1,CARD,shoe=S0001,i=1,c=QH,burn=0', 0x6753],
  ['W,0,HELLO,model=SDSIM-W,fw=1.0,layout=EU,boot=abc,next=1', 0x9124],
  ['W,1,START,game=205', 0x0086],
  ['\xff\x80\x00', 0x1867], // bytes above 0x7F and NUL, read as latin1
];

describe('crc16 (CRC-16/CCITT-FALSE)', () => {
  it.each(KNOWN)('crc16(%j) is the hand-computed value', (text, value) => {
    expect(crc16(text)).toBe(value);
  });

  it('has the catalogue check value 0x29B1 for "123456789"', () => {
    expect(crc16Hex('123456789')).toBe('29B1');
  });

  it('writes four upper-case hex digits, zero-padded', () => {
    expect(crc16Hex('W,1,START,game=205')).toBe('0086');
    expect(crc16Hex('A')).toBe('B915');
    expect(crc16Hex('')).toBe('FFFF');
  });

  it('the test reference implementation agrees with the known values (so tests may build frames with it)', () => {
    for (const [text, value] of KNOWN) expect(refCrc16(text)).toBe(value);
  });

  it('agrees with the bit-by-bit reference on any latin1 text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        const text = Buffer.from(data).toString('latin1');
        expect(crc16(text)).toBe(refCrc16(text));
      }),
      { numRuns: 300 },
    );
  });

  it('detects every single-bit error in a frame body', () => {
    const body = 'W,2,RESULT,game=1,n=17';
    const good = crc16(body);
    const data = Buffer.from(body, 'latin1');
    for (let i = 0; i < data.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const bad = Buffer.from(data);
        bad[i] = (bad[i] as number) ^ (1 << bit);
        expect(crc16(bad.toString('latin1'))).not.toBe(good);
      }
    }
  });
});
