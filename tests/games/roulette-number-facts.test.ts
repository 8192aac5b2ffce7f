import { describe, expect, it } from 'vitest';
import { columnOf, describeNumber, dozenOf, highLowOf, parityOf } from '../../engine/games/roulette';

// Written out from the betting layout.
const RED = [1, 3, 5, 7, 9, 12, 14, 16, 18, 19, 21, 23, 25, 27, 30, 32, 34, 36];
const COLUMN_1 = [1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34];
const COLUMN_2 = [2, 5, 8, 11, 14, 17, 20, 23, 26, 29, 32, 35];
const COLUMN_3 = [3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36];
const NUMBERS = Array.from({ length: 36 }, (_, i) => i + 1);

describe('winning number facts', () => {
  it.each(NUMBERS)('%i', (n) => {
    expect(describeNumber(n)).toEqual({
      number: n,
      colour: RED.includes(n) ? 'red' : 'black',
      parity: [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35].includes(n)
        ? 'odd'
        : 'even',
      highLow: n < 19 ? 'low' : 'high',
      dozen: n <= 12 ? 1 : n <= 24 ? 2 : 3,
      column: COLUMN_1.includes(n) ? 1 : COLUMN_2.includes(n) ? 2 : COLUMN_3.includes(n) ? 3 : 'none',
    });
  });

  it.each([0, '00'] as const)('%s is green and belongs to no outside bet', (n) => {
    expect(describeNumber(n)).toEqual({
      number: n,
      colour: 'green',
      parity: null,
      highLow: null,
      dozen: null,
      column: null,
    });
  });

  it('boundaries', () => {
    expect([highLowOf(18), highLowOf(19)]).toEqual(['low', 'high']);
    expect([dozenOf(12), dozenOf(13), dozenOf(24), dozenOf(25), dozenOf(36)]).toEqual([1, 2, 2, 3, 3]);
    expect([columnOf(34), columnOf(35), columnOf(36)]).toEqual([1, 2, 3]);
  });

  it('numbers that are not numbered pockets belong to no outside bet', () => {
    for (const n of [37, -1, 2.5]) {
      expect([parityOf(n), highLowOf(n), dozenOf(n), columnOf(n)]).toEqual([null, null, null, null]);
    }
  });
});
